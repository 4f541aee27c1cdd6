"""akq lint --fix: only meaning-preserving fixes, written in place without touching anything else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from akq_cli.core.loader import read_document
from akq_cli.lint.fixes import apply_edits, meaning_kept, safe_part
from conftest import CATALOG, run_akq


def _doc(text: str):
    return read_document(Path("X-ZM-001.yaml"), text.encode("utf-8"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: 材料,身份证  # 注\nb: 1\n", "a: 材料，身份证  # 注\nb: 1\n"),
        ("a: '材料,身份证'\nb: 1\n", "a: '材料，身份证'\nb: 1\n"),
        ('a: "材料,身份证"\nb: 1\n', 'a: "材料，身份证"\nb: 1\n'),
        ("a: |\n    材料,身份证\n    第二行\n\nb: 1\n", "a: |\n    材料，身份证\n    第二行\n\nb: 1\n"),
        # a folded scalar cannot keep its folds exactly; it becomes one line with the same value
        ("a: >-\n  材料,身份证\n  第二行\nb: 1\n", "a: 材料，身份证 第二行\nb: 1\n"),
        ("a: 材料,身份证\n  第二行\nb: 1\n", "a: 材料，身份证 第二行\nb: 1\n"),
        ("- x\n- 材料,身份证   # 注\n", "- x\n- 材料，身份证   # 注\n"),
        ("a: |  # 块注释\n  材料,身份证\n  二\nb: 1\n", "a: |  # 块注释\n  材料，身份证\n  二\nb: 1\n"),
        ("a: |-  # 块注释\n  材料,身份证\nb: 1\n", "a: 材料，身份证  # 块注释\nb: 1\n"),
    ],
)
def test_edit_replaces_only_the_value(source, expected):
    doc = _doc(source)
    ptr = "/1" if source.startswith("-") else "/a"
    new_value = doc.root.at(ptr).value.replace(",", "，")
    assert apply_edits(doc, {ptr: new_value}) == expected


def test_edit_that_needs_quotes_gets_them():
    doc = _doc("a: x\n")
    assert apply_edits(doc, {"/a": "x: y"}) == "a: 'x: y'\n"


def test_safe_part_keeps_wording_changes_for_people():
    assert safe_part("依据阿政办发[2021]07号文件,办理", "依据阿政办发〔2021〕7号文件，办理") == "依据阿政办发〔2021〕07号文件，办理"
    assert safe_part("国发(2021)第7号", "国发〔2021〕7号") == "国发〔2021〕第7号"
    assert safe_part("国发（２０２１）７号", "国发〔2021〕7号") == "国发〔2021〕7号"
    assert not meaning_kept("申请人不得", "申请人可以")


BROKEN = {
    "issuer: 申请人户籍所在地或者经常居住地的村（居）民委员会、乡（镇）人民政府": "issuer: 申请人户籍所在地或者经常居住地的村(居)民委员会、乡(镇)人民政府",
    "  - text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人或者辩护人。": "  - text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人或者辩护人,本人承担费用。",
}


@pytest.fixture
def item(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    path = folder / "items/SFJ/SFJ-ZM-001.yaml"
    text = path.read_text("utf-8")
    for good, bad in BROKEN.items():
        assert good in text
        text = text.replace(good, bad)
    text = text.replace("status: published", "status: published  # 依据阿政办发[2021]06号")
    path.write_text(text, encoding="utf-8")
    return path


def test_lint_fix_fixes_punctuation_and_nothing_else(item):
    before = item.read_text("utf-8")
    other = item.parent / "SFJ-ZM-002.yaml"
    other_bytes = other.read_bytes()
    r = run_akq("lint", "--fix", item.parent.parent.parent, cwd=item.parent.parent.parent.parent)
    assert r.code == 0, r.out + r.err
    assert "已修正：" in r.err and "SFJ-ZM-001.yaml" in r.err
    after = item.read_text("utf-8")
    assert "村（居）民委员会、乡（镇）人民政府" in after
    assert "辩护人，本人承担费用。" in after
    assert "# 依据阿政办发[2021]06号" in after  # a comment is not a value: left alone
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 2  # exactly the two broken lines
    assert other.read_bytes() == other_bytes
    assert run_akq("lint", item).code == 0


def test_fix_leaves_document_number_serials_to_people(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    path = folder / "items/SFJ/SFJ-ZM-001.yaml"
    doc = read_document(path)
    path.write_text(apply_edits(doc, {"/verification/power": doc.root.at("/verification/power").value + "依据国发(2021)第7号。"}), "utf-8")
    r = run_akq("lint", "--fix", "--format", "json", path, cwd=tmp_path)
    text = path.read_text("utf-8")
    assert "国发〔2021〕第7号" in text
    import json

    rules = {f["rule"] for f in json.loads(r.out)["findings"]}
    assert "doc-number-format" in rules and r.code == 0  # a warning remains: 第 is for a person to remove


def test_fix_crash_mid_write_leaves_old_file(item, monkeypatch):
    from typer.testing import CliRunner

    from akq_cli.cli import app

    before = item.read_bytes()

    def boom(src, dst):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "replace", boom)
    monkeypatch.chdir(item.parent)
    result = CliRunner().invoke(app, ["lint", "--fix", "--no-cache", str(item)])
    assert result.exit_code != 0
    assert item.read_bytes() == before
    assert sorted(p.name for p in item.parent.iterdir()) == ["SFJ-ZM-001.yaml", "SFJ-ZM-002.yaml"]


def test_fmt_applies_the_same_fixes(item):
    r = run_akq("fmt", item)
    assert r.code == 0, r.err
    text = item.read_text("utf-8")
    assert "乡（镇）人民政府" in text and "辩护人，本人承担费用。" in text
    assert run_akq("fmt", "--check", item).code == 0
