"""Every field of the registry (akq_cli.core.fields) reaches every output, or is declared left out of it.

For each field that holds a value, a sample item of a kind the field belongs to has the field
filled; the field is then changed (a marker text, another enum value, the other boolean …) and
each output that the registry says shows the field must change with it: the form's text read
back from the DOCX with python-docx, the item's page on the exported site, its catalog.csv
column.  The schema, `akq new --no-input` output, `akq import` headings and the semantic diff's
legal-review flags and names are checked against the registry directly.  The last tests drop a
field from one output and show that the checks notice.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from akq_cli.author import importer, scaffold
from akq_cli.core import fields
from akq_cli.core.catalog import load_catalog
from akq_cli.core.fields import Field
from akq_cli.core.spreadsheet import Row, Table
from akq_cli.render import forms
from akq_cli.render.docx_style import base_document
from akq_cli.render.docx_writer import FormPackage
from akq_cli.render.layout import load_layout
from akq_cli.render.wording import load_wording
from akq_cli.review import semdiff
from akq_cli.site import opendata, pages
from akq_cli.site.build import build_site
from akq_cli.site.sources import Source
from conftest import CATALOG, REPO, run_akq

SAMPLES = {"certification": "GAJ-ZM-001", "business_license": "RSJ-XK-001"}
LEAVES = [(a, f) for a, f in fields.walk() if not f.fields]
IDS = [fields.path_of(a, f) for a, f in LEAVES]


# --- the sample items ---------------------------------------------------------------------------------------


_TMP: list[tempfile.TemporaryDirectory] = []  # removed when the test process ends


@cache
def catalog_copy() -> Path:
    """The sample catalog outside git, so the site build reads no history."""
    _TMP.append(tempfile.TemporaryDirectory(prefix="akq-coverage-"))
    folder = Path(_TMP[-1].name) / "catalog"
    shutil.copytree(CATALOG, folder)
    return folder


@cache
def catalog():
    return load_catalog(catalog_copy())


def filled(value: Any, f: Field) -> Any:
    """``value`` with every field of ``f`` present: missing ones take the registry's example."""
    if f.type == "object":
        value = dict(value) if isinstance(value, dict) else {}
        for sub in f.fields:
            value[sub.key] = filled(value.get(sub.key), sub)
        return value
    if f.type == "object_list":
        entries = value if isinstance(value, list) and value else copy.deepcopy(f.example)
        entries = [{f.shorthand: e} if isinstance(e, str) and f.shorthand else e for e in entries]
        return [{s.key: filled(e.get(s.key), s) for s in f.fields} for e in entries]
    return copy.deepcopy(f.example) if value is None else value


def sample(kind: str) -> dict[str, Any]:
    data = copy.deepcopy(next(i.data for i in catalog().items if i.id == SAMPLES[kind]))
    for f in fields.ITEM:
        if kind in f.kinds and (f.example is not None or f.fields):
            # the fill-in example is a table, so that its columns and rows reach the form whatever the sample declares
            data[f.key] = filled(None if f.key == "fill_in" else data.get(f.key), f)
    data["commitment"]["proxy_allowed"] = True  # so that the proxy requirements are printed
    data["disclosure"]["public"] = True  # so that scope and period are printed
    return data


def kind_of(ancestors: tuple[Field, ...], f: Field) -> str:
    return (ancestors[0] if ancestors else f).kinds[0]


def other(value: Any, f: Field, path: str) -> Any:
    """A different valid value for the field."""
    marker = f"〔{path}〕"
    if f.type in ("text", "string"):
        return marker
    if f.type in ("text_list", "text_or_list"):
        return [marker]
    if f.type == "integer":
        return value + 1 if isinstance(value, int) else 1
    if f.type == "boolean":
        return not value
    if f.type in ("integer", "number"):
        return (value or 0) + 1
    if f.type == "date":
        return "2022-02-02" if value != "2022-02-02" else "2023-03-03"
    if f.type in ("enum", "enum_or_list"):
        return next(v for v in f.enum if v is not None and v != value)
    if f.type == "enum_list":
        return [next(v for v in f.enum if [v] != value)]
    if path == "id":
        return "GAJ-ZM-099"
    if path == "department":
        return next(d for d in catalog().departments if d != value)
    if path == "certifications":
        return [next(i.id for i in catalog().items if i.data.get("kind") == "certification" and [i.id] != value)]
    raise AssertionError(f"no other value for {path} ({f.type})")


def changed(data: dict[str, Any], ancestors: tuple[Field, ...], f: Field) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node = data
    for a in ancestors:
        node = node[a.key][0] if a.type == "object_list" else node[a.key]
    node[f.key] = other(node.get(f.key), f, fields.path_of(ancestors, f))
    return data


# --- the outputs, as text ----------------------------------------------------------------------------------


@cache
def _package() -> tuple[FormPackage, Any]:
    layout = load_layout()
    return FormPackage(base_document(layout), layout), load_wording()


def form_text(data: dict[str, Any]) -> str:
    """The DOCX form of ``data``, read back with python-docx."""
    package, wording = _package()
    cat = catalog()
    ctx = forms.FormContext(cat.meta, cat.departments, {i.id: i.data for i in cat.items})
    document = docx.Document(io.BytesIO(package.render(forms.build_form(data, ctx, wording))))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def site(data: dict[str, Any], target: str) -> tuple[str, list[list[str]]]:
    """(the item's page, catalog.csv's rows) of a site where ``data`` replaces item ``target``."""
    data = {**data, "status": "published"}  # the site lists published items only
    sources = [Source(i.path, data if i.id == target else i.data) for i in catalog().items]
    files = build_site(load_catalog(catalog_copy(), with_items=False), sources=sources).files
    page = files.get(f"items/{data['id']}.html", b"").decode()
    rows = list(csv.reader(io.StringIO(files["catalog.csv"].decode("utf-8-sig"))))
    return page, rows


def column(rows: list[list[str]], heading: str) -> list[str]:
    i = rows[0].index(heading) if heading in rows[0] else None
    return sorted(r[i] for r in rows[1:]) if i is not None else []


# --- the checks: each returns the paths of fields an output lacks -----------------------------------------


def missing_in_form(leaves=LEAVES) -> list[str]:
    out = []
    for ancestors, f in leaves:
        if fields.shows(ancestors, f, "form"):
            data = sample(kind_of(ancestors, f))
            if form_text(changed(data, ancestors, f)) == form_text(data):
                out.append(fields.path_of(ancestors, f))
    return out


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch):
    """The sites built here come from a catalog copy outside git; under CI=true export refuses an unreadable
    change log (tests/export covers that), which is not what these tests are about."""
    monkeypatch.delenv("CI", raising=False)


def missing_on_site(leaves=LEAVES) -> tuple[list[str], list[str]]:
    """(fields missing from the item page, fields missing from their catalog.csv column)."""
    on_page, in_csv = [], []
    for ancestors, f in leaves:
        path = fields.path_of(ancestors, f)
        kind = kind_of(ancestors, f)
        data = sample(kind)
        (page, rows), (page2, rows2) = site(data, SAMPLES[kind]), site(changed(data, ancestors, f), SAMPLES[kind])
        if fields.shows(ancestors, f, "site") and page == page2:
            on_page.append(path)
        heading = fields.place(ancestors, f, "column")
        if fields.shows(ancestors, f, "column") and (not column(rows, heading) or column(rows, heading) == column(rows2, heading)):
            in_csv.append(path)
    return on_page, in_csv


def missing_in_schema(schema: dict[str, Any]) -> list[str]:
    out = []
    for ancestors, f in fields.walk():
        node: Any = schema
        for part in (*ancestors, f):
            node = (node.get("items") if node.get("type") == "array" and "properties" not in node else node) or {}
            node = (node.get("properties") or {}).get(part.key) or {}
        if node.get("title") != f.zh or node.get("description") != f.description:
            out.append(fields.path_of(ancestors, f))
    return out


def missing_in_scaffold(text: str, kind: str) -> list[str]:
    """Fields of ``kind`` that the `akq new` file neither writes nor shows as a commented-out example."""
    data = yaml.safe_load(text)
    lines = text.splitlines()
    out = []
    for ancestors, f in fields.walk():
        if kind not in (ancestors[0] if ancestors else f).kinds:
            continue
        node: Any = data
        for part in (*ancestors, f):
            node = node[0] if isinstance(node, list) and node else node
            node = node.get(part.key, KeyError) if isinstance(node, dict) else KeyError
        commented = any(ln.lstrip().startswith("#") and ln.lstrip("# -").startswith(f"{f.key}:") for ln in lines)
        if node is KeyError and not commented:
            out.append(fields.path_of(ancestors, f))
    return out


IMPORT_CELLS = {
    "id": "SFJ-ZM-777", "kind": "涉企经营许可事项", "department": "阿合奇县司法局", "matter_type": "行政确认",
    "legal_basis": "《中华人民共和国法律援助法》第四十一条", "conditions": "甲；乙", "materials": "甲；乙",
}  # fmt: skip


def missing_in_import(headings: dict[str, str]) -> list[str]:
    """Fields whose declared headings `akq import` does not map, or whose cell does not reach the draft."""
    out = []
    cat = catalog()
    for f in fields.ITEM:
        if not isinstance(f.import_headings, tuple):
            continue
        if any(headings.get(h) != f.key for h in f.import_headings):
            out.append(f.key)
            continue
        cell = IMPORT_CELLS.get(f.key, "导入的文字")
        header = [f.import_headings[0]] + ([] if f.key == "title" else ["证明名称"])
        row = [cell] + ([] if f.key == "title" else ["某证明"])
        table = Table("t.csv", [Row(1, header), Row(2, row)])
        plan = importer.plan_import(table, cat, department=None if f.key == "department" else "SFJ", kind=None, columns={})
        draft = plan.drafts[0] if plan.drafts else None
        got = None if draft is None else {"kind": draft.kind, "id": draft.id, "department": draft.department}.get(
            f.key, draft.values.get(f.key)
        )
        expected = {"kind": "business_license", "department": "SFJ"}.get(f.key, cell)
        if got in (None, "", []) or (isinstance(got, str) and got != expected):
            out.append(f.key)
    return out


def wrong_diff_flags() -> list[str]:
    """Fields whose change the semantic diff does not flag as the registry says, or names differently."""
    out = []
    for ancestors, f in LEAVES:
        path = fields.path_of(ancestors, f)
        data = sample(kind_of(ancestors, f))
        changes = semdiff.diff_values(data, changed(data, ancestors, f))
        # a structured value the diff shows as one sentence (verification.timing) is named as a whole
        names = (f.zh, *(a.zh for i, a in enumerate(ancestors) if ("item", "/" + "/".join(x.key for x in ancestors[: i + 1])) in semdiff.AS_TEXT))
        if not changes or any(
            c.legal != fields.legal_review(path) or not c.label.split(" › ")[-1].startswith(names) for c in changes
        ):
            out.append(path)
    return out


# --- the tests -----------------------------------------------------------------------------------------------


def test_every_field_is_in_the_schema_with_its_name_and_description():
    schema = json.loads((REPO / "schemas" / "item.schema.json").read_text("utf-8"))
    assert missing_in_schema(schema) == []
    assert list(schema["properties"]) == [f.key for f in fields.ITEM]  # nothing the registry does not know


@pytest.mark.parametrize("kind", fields.KINDS)
def test_every_field_of_a_kind_is_in_akq_new_output(tmp_path, kind):
    shutil.copytree(CATALOG, tmp_path / "catalog")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    r = run_akq("new", "--department", "SFJ", "--kind", kind, "--no-input", cwd=tmp_path)
    assert r.code == 0, r.err
    assert missing_in_scaffold((tmp_path / r.out.strip()).read_text("utf-8"), kind) == []


def test_every_form_field_is_on_the_form():
    assert missing_in_form() == []


def test_every_public_field_is_on_the_item_page_and_in_its_column():
    assert missing_on_site() == ([], [])


def test_every_open_data_column_comes_from_the_registry():
    headings = [name for name, _ in opendata.COLUMNS]
    assert headings[:-1] == [f.column for _, f in fields.column_fields()] and headings[-1] == "页面"


def test_every_declared_import_heading_imports_its_field():
    assert missing_in_import(importer.HEADINGS) == []


def test_the_semantic_diff_flags_and_names_every_field_as_the_registry_says():
    assert wrong_diff_flags() == []


def test_personal_data_never_reaches_a_public_output():
    for ancestors, f in fields.walk():
        if f.personal_data:
            assert not fields.shows(ancestors, f, "site") and not fields.shows(ancestors, f, "column"), f.key


# --- the checks can fail -------------------------------------------------------------------------------------

CIVIL = [(a, f) for a, f in LEAVES if fields.path_of(a, f) == "liability.civil"]


def test_a_column_dropped_from_the_open_data_is_noticed(monkeypatch):
    monkeypatch.setattr(opendata, "COLUMNS", [c for c in opendata.COLUMNS if c[0] != "民事责任"])
    assert missing_on_site(CIVIL) == ([], ["liability.civil"])


def test_a_field_dropped_from_the_item_page_is_noticed(monkeypatch):
    env = pages.environment()
    monkeypatch.setitem(env.globals, "subfields", lambda path: [f for f in pages.subfields(path) if f.key != "civil"])
    assert missing_on_site(CIVIL) == (["liability.civil"], [])


def test_a_field_dropped_from_the_form_is_noticed(monkeypatch):
    monkeypatch.setattr(forms, "_LIABILITY", [x for x in forms._LIABILITY if x[0] != "civil"])
    assert missing_in_form(CIVIL) == ["liability.civil"]


def test_a_field_dropped_from_the_scaffold_is_noticed():
    text = scaffold.render_item("certification", {"id": "SFJ-ZM-009", "department": "SFJ", "department_name": "x",
                                                  "schema_path": "x", "display_path": "x"})
    assert missing_in_scaffold(text, "certification") == []
    dropped = "\n".join(line for line in text.splitlines() if not line.startswith("purpose:"))
    assert missing_in_scaffold(dropped, "certification") == ["purpose"]


def test_a_field_dropped_from_the_schema_is_noticed():
    schema = json.loads((REPO / "schemas" / "item.schema.json").read_text("utf-8"))
    del schema["properties"]["liability"]["properties"]["civil"]
    assert missing_in_schema(schema) == ["liability.civil"]


def test_a_heading_dropped_from_the_import_is_noticed():
    headings = {h: k for h, k in importer.HEADINGS.items() if k != "purpose"}
    assert missing_in_import(headings) == ["purpose"]


def test_a_legal_flag_the_diff_ignores_is_noticed(monkeypatch):
    real = semdiff.is_legal
    monkeypatch.setattr(semdiff, "is_legal", lambda pointer, schema="item": pointer != "/status" and real(pointer, schema))
    assert wrong_diff_flags() == ["status"]
