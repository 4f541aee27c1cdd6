"""akq fmt: canonical layout, comments kept, idempotent, atomic, all-or-nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from akq_cli.core.loader import read_document
from akq_cli.fmt import roundtrip
from akq_cli.fmt.comments import extract
from akq_cli.fmt.files import canonical_text
from akq_cli.fmt.layout import format_document, schema_for
from conftest import run_akq

MESSY = """\
# yaml-language-server: $schema=../../../schemas/item.schema.json

status: draft   # 状态写在最前面了
id: SFJ-ZM-009
# 事项名称的说明
title: "无犯罪记录证明"
kind: certification
legal_basis:
- level: law  # 层级
  # 文件全称
  document: 《中华人民共和国法律援助法》
  article: '第四十一条'
conditions: ["申请人没有受过刑事处罚。", "b: c"]
liability:
  # 刑事责任
  criminal: 移送司法机关。
  civil: |
    第一行
    第二行
commitment: {withdrawal: 撤回后按原程序办理。, proxy_allowed: false, method: [written, electronic]}
effective_date: 2021-05-01
# 文件末尾的注释
"""


def fmt_text(text: str, name: str = "X-ZM-001.yaml") -> str:
    doc = read_document(Path(name), text.encode("utf-8"))
    return canonical_text(doc)


def test_canonical_layout_keeps_comments_with_their_keys():
    out = fmt_text(MESSY)
    assert out.startswith("# yaml-language-server: $schema=../../../schemas/item.schema.json\n\nid: SFJ-ZM-009\n")
    lines = out.splitlines()
    # key order of the item model
    keys = [ln.split(":")[0] for ln in lines if ln and not ln.startswith((" ", "#"))]
    assert keys == ["id", "kind", "title", "legal_basis", "conditions", "commitment", "liability", "status", "effective_date"]
    # each comment still sits on or above its key
    assert lines[lines.index("title: 无犯罪记录证明") - 1] == "# 事项名称的说明"
    assert "status: draft  # 状态写在最前面了" in lines
    assert lines[lines.index("  criminal: 移送司法机关。") - 1] == "  # 刑事责任"
    assert "    level: law  # 层级" in lines
    assert lines[-1] == "# 文件末尾的注释"
    # quoting only where needed, block lists, inline lists of codes
    assert "  article: 第四十一条" not in lines and "    article: 第四十一条" in lines
    assert "  - 'b: c'" in lines and "  - 申请人没有受过刑事处罚。" in lines
    assert "  method: [written, electronic]" in lines
    assert "  civil: |" in lines and "    第二行" in lines
    assert "effective_date: 2021-05-01" in lines


def test_ruamel_reorder_leaves_comments_behind():
    """Why `akq fmt` keeps its own emitter for moving keys (akq_cli.fmt.layout).

    ruamel.yaml files a comment on its own line under the key *before* it; moving
    keys into the model's order then leaves the comment under the wrong key.
    If this test fails, ruamel has learnt to move comments with their keys and
    the layout could become a reorder of the round-trip tree.
    """
    source = "title: x\n# 编号的说明\nid: A-ZM-001\n"
    data = roundtrip.load(source)
    data.move_to_end("title")
    assert roundtrip.dump(data) == "id: A-ZM-001\ntitle: x\n# 编号的说明\n"  # the comment no longer sits above id
    assert fmt_text(source) == "# 编号的说明\nid: A-ZM-001\ntitle: x\n"


def test_comment_after_a_block_scalar_header_is_kept():
    out = fmt_text("title: x\nkind: |-  # 注意\n  a\n  b\nid: |  # 折叠\n  c\n")
    assert out == "id: |  # 折叠\n  c\nkind: |-  # 注意\n  a\n  b\ntitle: x\n"


def test_fmt_is_idempotent_on_the_messy_file():
    once = fmt_text(MESSY)
    assert fmt_text(once) == once


def test_sample_catalog_round_trips():
    from conftest import CATALOG

    for path in sorted(CATALOG.rglob("*.yaml")):
        doc = read_document(path)
        out = canonical_text(doc)
        again = read_document(path, out.encode())
        assert again.root.plain() == doc.root.plain(), path
        assert extract(again).texts() == extract(doc).texts(), path
        assert canonical_text(again) == out, path


# --- property: any item-shaped data with comments anywhere formats idempotently ----------------------

_text = st.text(
    alphabet=st.sampled_from(list("申请人承诺符合条件第一二三条款《》（）：，。、；“”abcXYZ 0123456789-:#'\"[]{},!&*?|>%@`")),
    max_size=30,
)
_code = st.sampled_from(["online", "on_site", "assisted", "written", "electronic"])
_scalar = st.one_of(_text, st.booleans(), st.none(), st.integers(-5, 500), _text.map(lambda s: s + "\n第二行"))
_keys = st.sampled_from(
    ["id", "kind", "title", "matter", "conditions", "legal_basis", "commitment", "liability", "status", "zz_extra"]
)


def _value(depth: int):
    if depth <= 0:
        return _scalar
    return st.one_of(
        _scalar,
        st.lists(_text, max_size=3),
        st.lists(_code, min_size=1, max_size=3, unique=True),
        st.dictionaries(st.sampled_from(["document", "article", "level", "method", "civil", "x"]), _value(depth - 1), max_size=3),
        st.lists(st.dictionaries(st.sampled_from(["document", "article", "level"]), _text, min_size=1, max_size=3), max_size=2),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.dictionaries(_keys, _value(2), min_size=1, max_size=8),
    flow=st.booleans(),
    indent=st.sampled_from([2, 4]),
    comment_at=st.lists(st.tuples(st.integers(0, 60), st.booleans()), max_size=6),
)
def test_fmt_idempotent_and_lossless(data, flow, indent, comment_at):
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow or None, indent=indent, width=10**6)
    lines = text.splitlines()
    for n, (pos, eol) in enumerate(sorted(comment_at, reverse=True)):
        pos = min(pos, len(lines))
        if eol and pos < len(lines):
            lines[pos] += f"  # 注释{n}"
        else:
            lines.insert(pos, f"# 注释{n}")
    text = "\n".join(lines) + "\n"
    doc = read_document(Path("X-ZM-001.yaml"), text.encode("utf-8"))
    assume(doc.root is not None and not doc.problems and isinstance(doc.root.value, dict))
    # only keep cases where the injected comments are comments (not text inside a scalar)
    assume(doc.root.plain() == yaml.safe_load(yaml.safe_dump(data)))
    once = format_document(doc, schema_for(Path("X-ZM-001.yaml")))
    again = read_document(Path("X-ZM-001.yaml"), once.encode("utf-8"))
    assert again.root.plain() == doc.root.plain()
    assert extract(again).texts() == extract(doc).texts()
    assert format_document(again, schema_for(Path("X-ZM-001.yaml"))) == once


# --- the command ----------------------------------------------------------------------------------------

def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_lists_files_and_exits_1(tmp_path):
    messy = _write(tmp_path, "SFJ-ZM-009.yaml", MESSY)
    clean = _write(tmp_path, "SFJ-ZM-010.yaml", fmt_text(MESSY).replace("SFJ-ZM-009", "SFJ-ZM-010"))
    before = messy.read_bytes()
    r = run_akq("fmt", "--check", tmp_path, cwd=tmp_path)
    assert r.code == 1, r.err
    assert r.out.split() == ["SFJ-ZM-009.yaml"]
    assert "1 个文件需要排版" in r.err
    assert messy.read_bytes() == before
    r = run_akq("fmt", tmp_path, cwd=tmp_path)
    assert r.code == 0, r.err
    assert messy.read_text("utf-8") == fmt_text(MESSY)
    assert run_akq("fmt", "--check", messy, clean, cwd=tmp_path).code == 0


def test_diff_shows_changes_and_writes_nothing(tmp_path):
    messy = _write(tmp_path, "SFJ-ZM-009.yaml", MESSY)
    before = messy.read_bytes()
    r = run_akq("fmt", "--diff", messy, cwd=tmp_path)
    assert r.code == 1, r.err
    assert r.out.startswith("--- a/SFJ-ZM-009.yaml\n+++ b/SFJ-ZM-009.yaml\n")
    assert messy.read_bytes() == before


def test_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "SFJ-ZM-009.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + fmt_text(MESSY).replace("\n", "\r\n").encode("utf-8"))
    assert run_akq("fmt", path).code == 0
    assert path.read_bytes() == fmt_text(MESSY).encode("utf-8")


def test_unparsable_file_changes_nothing(tmp_path):
    good = _write(tmp_path, "SFJ-ZM-009.yaml", MESSY)
    bad = _write(tmp_path, "SFJ-ZM-010.yaml", "id: SFJ-ZM-010\ntitle: [未闭合\n")
    before = {p: p.read_bytes() for p in (good, bad)}
    r = run_akq("fmt", tmp_path, cwd=tmp_path)
    assert r.code == 2
    assert "SFJ-ZM-010.yaml:3:1" in r.err or "SFJ-ZM-010.yaml:" in r.err
    assert "所有文件都未修改" in r.err
    assert "Traceback" not in r.err
    assert {p: p.read_bytes() for p in (good, bad)} == before


def test_duplicate_keys_are_refused(tmp_path):
    bad = _write(tmp_path, "SFJ-ZM-010.yaml", "id: SFJ-ZM-010\nid: SFJ-ZM-011\n")
    r = run_akq("fmt", bad, "--lang", "en")
    assert r.code == 2 and "SFJ-ZM-010.yaml:2:1" in r.err and "appears twice" in r.err


def test_missing_path_is_a_usage_error(tmp_path):
    r = run_akq("fmt", tmp_path / "nope.yaml")
    assert r.code == 2 and "路径不存在" in r.err


def test_crash_mid_write_leaves_old_file(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from akq_cli.cli import app

    path = _write(tmp_path, "SFJ-ZM-009.yaml", MESSY)

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    result = CliRunner().invoke(app, ["fmt", str(path)])
    assert result.exit_code != 0
    assert path.read_text("utf-8") == MESSY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SFJ-ZM-009.yaml"]  # no temporary file left behind


@pytest.mark.parametrize("name", ["catalog.yaml", "departments.yaml"])
def test_catalog_files_use_their_own_key_order(tmp_path, name):
    from conftest import CATALOG

    src = (CATALOG / name).read_text("utf-8")
    out = fmt_text(src, name)
    first_key = next(ln for ln in out.splitlines() if ln and not ln.startswith("#"))
    assert first_key.split(":")[0] == ("government" if name == "catalog.yaml" else "departments")


def test_a_mapping_of_codes_and_numbers_stays_on_one_line_unless_commented():
    block = "verification:\n  methods: [online]\n  timing:\n    from: accepted\n    amount: 15\n    unit: workday\n"
    assert "  timing: {amount: 15, unit: workday, from: accepted}" in fmt_text(block).splitlines()
    assert "  timing: {amount: 待填写, unit: workday, from: accepted}" in fmt_text(
        "verification:\n  timing: {amount: 待填写, unit: workday, from: accepted}\n"
    ).splitlines()  # what `akq new` writes is already canonical
    commented = "verification:\n  timing:\n    amount: 15  # 条例规定\n    unit: workday\n    from: accepted\n"
    assert "    amount: 15  # 条例规定" in fmt_text(commented).splitlines()
    # a mapping holding text (disclosure) is never folded onto one line
    assert "  public: false" in fmt_text("disclosure:\n  public: false\n").splitlines()
