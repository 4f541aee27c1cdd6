"""Whatever a clerk types reads back as itself, through every command that writes YAML.

`akq new` and `akq import` (the templates under templates/new_item/), `akq lint --fix`
and `akq fmt` all write values; none may paste one into YAML text where it could
break the file or turn into another value.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akq_cli.author.importer import Draft, render
from akq_cli.author.scaffold import render_item
from akq_cli.core.catalog import load_catalog
from akq_cli.core.loader import read_document
from akq_cli.core.resources import resource_dir
from akq_cli.fmt.files import canonical_text
from akq_cli.fmt.layout import format_document, schema_for
from akq_cli.lint.fixes import apply_edits, meaning_kept
from conftest import CATALOG, REPO, run_akq

# What staff type: YAML indicators at the start, inside and at the end, full-width punctuation,
# CJK, spaces and tabs, quotes of both kinds, line breaks.
_ALPHABET = list("申请人承诺第一条《》（）：，。、；“”！？＃＊＆abcXYZ 0123456789-:#'\"[]{},!&*?|>%@`~=\t\n")
clerk_text = st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=24)
clerk_text = st.one_of(
    clerk_text,
    st.sampled_from(["x: y # z\n- w", "- 第一项", "* 注意", "&a", "!证明", "%YAML", "@某人", "`代码`", " 前后空格 ", "yes", "012", "a\tb"]),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

VALUES = {
    "id": "SFJ-ZM-900",
    "department": "SFJ",
    "schema_path": "../../../schemas/item.schema.json",
    "display_path": "catalog/items/SFJ/SFJ-ZM-900.yaml",
}


def _read(text: str):
    doc = read_document(Path("SFJ-ZM-900.yaml"), text.encode("utf-8"))
    assert doc.root is not None and not doc.problems, text
    return doc


@SETTINGS
@given(title=clerk_text, matter=clerk_text, condition=clerk_text, department_name=clerk_text, kind=st.sampled_from(["certification", "business_license"]))
def test_new_writes_values_that_read_back(title, matter, condition, department_name, kind):
    text = render_item(
        kind,
        {**VALUES, "title": title, "matter": matter, "conditions": [condition], "materials": [condition], "department_name": department_name},
    )
    data = _read(text).root.plain()
    assert (data["title"], data["matter"]) == (title, matter)
    assert (data["conditions"] if kind == "certification" else data["materials"]) == [condition]
    assert data["department"] == "SFJ" and data["status"] == "draft"


@SETTINGS
@given(title=clerk_text, document=clerk_text, article=clerk_text, note=clerk_text, origin=clerk_text)
def test_import_writes_values_that_read_back(title, document, article, note, origin):
    catalog = load_catalog(CATALOG, with_items=False)
    basis = [{"document": document, "article": article, "level": "law", "guessed": True}]
    draft = Draft(3, {"title": title, "legal_basis": basis, "matter_type_note": note}, "certification", "SFJ")
    draft.id, draft.path = "SFJ-ZM-900", CATALOG / "items/SFJ/SFJ-ZM-900.yaml"
    data = _read(render(draft, catalog, origin)).root.plain()
    assert data["title"] == title
    assert data["legal_basis"] == [{"document": document, "article": article, "level": "law"}]


SAMPLE = CATALOG / "items/SFJ/SFJ-ZM-001.yaml"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=clerk_text, pointer=st.sampled_from(["/title", "/conditions/0", "/liability/civil", "/legal_basis/0/article", "/status"]))
def test_fix_and_fmt_write_values_that_read_back(value, pointer):
    doc = read_document(SAMPLE)
    edited = apply_edits(doc, {pointer: value})
    again = _read(edited)
    expected = doc.root.plain()
    parts = pointer.strip("/").split("/")
    target = expected
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[int(parts[-1]) if isinstance(target, list) else parts[-1]] = value
    assert again.root.plain() == expected
    # every line before the edited value is as it was
    first = doc.root.at(pointer).line - 1
    assert edited.splitlines()[:first] == doc.text.splitlines()[:first]
    # the layout writes the value as it is; `akq fmt` as a whole also makes punctuation full-width
    formatted = format_document(again, schema_for(SAMPLE))
    assert _read(formatted).root.plain() == expected
    assert format_document(_read(formatted), schema_for(SAMPLE)) == formatted
    assert meaning_kept(value, _read(canonical_text(again)).root.at(pointer).value)


def test_akq_new_title_that_looks_like_yaml(tmp_path):
    """The reported bug: this title broke the file, through the header comment."""
    import shutil

    shutil.copytree(CATALOG, tmp_path / "catalog")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    title = "x: y # z\n- w"
    r = run_akq("new", "--no-input", "-d", "SFJ", "-k", "certification", "--title", title, cwd=tmp_path)
    assert r.code == 0, r.err
    path = tmp_path / r.out.strip()
    assert read_document(path).root.plain()["title"] == title
    assert "# 证明事项：x: y # z - w（" in path.read_text("utf-8")
    assert run_akq("fmt", "--check", path, cwd=tmp_path).code == 0


# Not a clerk's value: the indentation, a field's key and the placeholder word come from akq's own field registry.
REGISTRY_TEXT = {"pad", "f.key", "placeholder"}


def test_templates_write_values_only_through_q():
    """Outside a comment, every {{ … }} in the new-item templates must be `| q` (ruamel writes those), a field's
    block written by a macro (`| block`, whose values went through `q`), or the registry's own text."""
    for template in sorted((resource_dir("templates") / "new_item").glob("*.j2")):
        text = re.sub(r"\{#.*?#\}", "", template.read_text("utf-8"), flags=re.S)
        for line in text.splitlines():
            if line.replace("{{ pad }}", "").lstrip().startswith("#"):
                continue
            for expr in re.findall(r"\{\{(.*?)\}\}", line):
                ok = re.search(r"\|\s*(q|block)\s*$", expr) or expr.strip() in REGISTRY_TEXT
                assert ok, f"{template.name}: {line.strip()}"
