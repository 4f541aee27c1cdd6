"""akq import: real .xlsx (merged cells, empty rows) and GBK/UTF-8 CSV lists into draft items."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from akq_cli.core.loader import read_document
from conftest import CATALOG, REPO, run_akq


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(CATALOG, tmp_path / "catalog")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    return tmp_path


def county_list(path: Path) -> Path:
    """A list the way departments keep them: merged title and group rows, merged department cells, gaps."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "证明事项清单"
    ws.append(["阿合奇县民政局证明事项告知承诺制目录清单"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "证明名称", "证明用途", "设定依据（文件名称及条款）", "办理\n机关", "备注"])
    ws.append(["一、证明事项"])
    ws.merge_cells("A3:F3")
    ws.append([1, "收入证明", "证明申请人家庭收入符合最低生活保障条件", "《社会救助暂行办法》第十一条；《中华人民共和国社会救助法》第二十条第一款", "阿合奇县民政局"])
    ws.append([2, "残疾\n证明", "证明申请人属于重度残疾人", "《中华人民共和国残疾人保障法》第四十八条", None])
    ws.merge_cells("E4:E5")
    ws.append([])
    ws.append([None, None, None, None, None, None])
    ws.append([3, "", "没有名称的一行", "", "阿合奇县民政局"])
    ws.append([4, "无房证明", "证明申请人家庭无自有住房", "有关规定", "阿合奇县旅游局"])
    ws.append(["二、涉企经营许可事项"])
    ws.merge_cells("A10:F10")
    ws.append([5, "养老机构备案", "", "《养老机构管理办法》第九条", "民政局"])
    wb.save(path)
    return path


def _items(repo: Path, out: str) -> list[Path]:
    return [repo / line.split()[-1] for line in out.splitlines() if line.strip()]


def test_xlsx_with_merged_cells_and_empty_rows(repo):
    before = set((repo / "catalog").rglob("*.yaml"))
    r = run_akq("import", county_list(repo / "民政局清单.xlsx"), cwd=repo)
    assert r.code == 1, r.err  # two rows could not be imported
    written = _items(repo, r.out)
    assert [p.name for p in written] == ["MZJ-ZM-004.yaml", "MZJ-ZM-005.yaml", "MZJ-XK-001.yaml"]
    assert set((repo / "catalog").rglob("*.yaml")) - before == set(written)
    assert "第 8 行未导入：没有事项名称" in r.err
    assert "第 9 行未导入：办理机关“阿合奇县旅游局”不在 departments.yaml 中" in r.err
    assert "第 3 行：分组标题“一、证明事项”，已跳过" in r.err
    assert "表头在第 2 行" in r.err and "导入 3 个事项，2 行无法导入，跳过空行 2 行" in r.err

    income, disabled, licence = (read_document(p).root.plain() for p in written)
    assert income["title"] == "收入证明" and income["status"] == "draft" and income["department"] == "MZJ"
    assert income["legal_basis"] == [
        {"document": "《社会救助暂行办法》", "article": "第十一条", "level": "departmental_rule"},
        {"document": "《中华人民共和国社会救助法》", "article": "第二十条第一款", "level": "law"},
    ]
    assert disabled["title"] == "残疾证明" and disabled["department"] == "MZJ"  # merged cell filled down
    assert licence["kind"] == "business_license" and licence["matter_type"] == "行政许可"  # from the group heading
    text = written[0].read_text("utf-8")
    assert "# 来源：民政局清单.xlsx（证明事项清单） 第 4 行" in text
    assert "# 效力层级由 akq import 根据文件名称推断，请核对。" in text
    # the written items pass the schema; the rest of the wording is for people (placeholder findings)
    assert run_akq("lint", "--select", "schema", *written, cwd=repo).code == 0
    findings = json.loads(run_akq("lint", "--format", "json", *written, cwd=repo).out)["findings"]
    assert any(f["rule"] == "placeholder" and f["pointer"] == "/matter" for f in findings)
    assert run_akq("fmt", "--check", *written, cwd=repo).code == 0


def _csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


ROWS = [
    ["序号", "事项名称", "申请事项", "设定依据", "证明内容"],
    ["1", "居住证明", "申领居住证", "《居住证暂行条例》第九条", "申请人在阿合奇县居住满6个月"],
    ["", "", "", "", ""],
    ["2", "亲属关系证明", "投靠亲属落户", "《中华人民共和国户口登记条例》第十条", "申请人与被投靠人为父母子女关系"],
]


@pytest.mark.parametrize(("encoding", "shown"), [("gbk", "GBK"), ("utf-8-sig", "UTF-8（BOM）"), ("utf-8", "UTF-8")])
def test_csv_encodings(repo, encoding, shown):
    path = _csv(repo / "公安局.csv", ROWS, encoding)
    r = run_akq("import", path, "--department", "GAJ", cwd=repo)
    assert r.code == 0, r.err
    assert f"编码 {shown}" in r.err
    first, second = (read_document(p).root.plain() for p in _items(repo, r.out))
    assert (first["title"], first["matter"], first["content"]) == ("居住证明", "申领居住证", "申请人在阿合奇县居住满6个月")
    assert second["legal_basis"][0] == {"document": "《中华人民共和国户口登记条例》", "article": "第十条", "level": "administrative_regulation"}


def test_columns_mapping_for_unusual_headings(repo):
    rows = [["证明材料", "用于办理", "开具单位"], ["学历证明", "申请教师资格认定", "毕业学校"]]
    path = _csv(repo / "教育局.csv", rows, "utf-8")
    bad = run_akq("import", path, "-d", "JYJ", cwd=repo)
    assert bad.code == 2 and "--columns" in bad.err
    r = run_akq("import", path, "-d", "JYJ", "--columns", "证明材料=title,用于办理=matter", cwd=repo)
    assert r.code == 0, r.err
    data = read_document(_items(repo, r.out)[0]).root.plain()
    assert (data["title"], data["matter"], data["issuer"]) == ("学历证明", "申请教师资格认定", "毕业学校")
    r = run_akq("import", path, "-d", "JYJ", "--columns", "证明名字=title", cwd=repo)
    assert r.code == 2 and "不存在" in r.err
    r = run_akq("import", path, "-d", "JYJ", "--columns", "证明材料=名称", cwd=repo)
    assert r.code == 2 and "写法不对" in r.err


def test_never_overwrites_without_force(repo):
    path = _csv(repo / "公安局.csv", ROWS, "utf-8")
    first = run_akq("import", path, "-d", "GAJ", cwd=repo)
    assert first.code == 0, first.err
    item = _items(repo, first.out)[0]
    item.write_text(item.read_text("utf-8").replace("# 来源", "# 人工修改过\n# 来源"), encoding="utf-8")
    edited = item.read_bytes()
    again = run_akq("import", path, "-d", "GAJ", cwd=repo)
    assert again.code == 1 and "未覆盖" in again.err and "--force" in again.err
    assert item.read_bytes() == edited
    assert sorted(p.name for p in item.parent.iterdir()) == ["GAJ-ZM-001.yaml", "GAJ-ZM-002.yaml", "GAJ-ZM-003.yaml", "GAJ-ZM-004.yaml", "GAJ-ZM-005.yaml"]
    forced = run_akq("import", path, "-d", "GAJ", "--force", cwd=repo)
    assert forced.code == 0 and "覆盖" in forced.out
    assert item.read_bytes() != edited and "# 人工修改过" not in item.read_text("utf-8")


def test_sample_item_is_recognised_as_existing(repo):
    data = read_document(CATALOG / "items/SFJ/SFJ-ZM-001.yaml").root.plain()
    path = _csv(repo / "司法局.csv", [["证明名称", "申请事项"], [data["title"], data["matter"]]], "utf-8")
    before = (repo / "catalog/items/SFJ/SFJ-ZM-001.yaml").read_bytes()
    r = run_akq("import", path, "-d", "SFJ", cwd=repo)
    assert r.code == 1 and "SFJ-ZM-001.yaml" in r.err
    assert (repo / "catalog/items/SFJ/SFJ-ZM-001.yaml").read_bytes() == before


def test_dry_run_writes_nothing(repo):
    before = sorted((repo / "catalog").rglob("*"))
    r = run_akq("import", county_list(repo / "l.xlsx"), "--dry-run", cwd=repo)
    assert "将新建" in r.out and "将导入 3 个事项" in r.err
    assert sorted((repo / "catalog").rglob("*")) == before


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("坏.xlsx", b"PK\x03\x04 not really a workbook", "无法读取电子表格"),
        ("旧版.xls", b"\xd0\xcf\x11\xe0", "另存为"),
        ("x.pdf", b"%PDF", "不认识的文件类型"),
        ("无表头.csv", "甲,乙\n1,2\n".encode(), "没有找到“证明名称”或“事项名称”列"),
        ("二进制.csv", b"\x00\x01\x02\xff\xfe", "不是文本文件"),
    ],
)
def test_bad_spreadsheets(repo, name, content, needle):
    path = repo / name
    path.write_bytes(content)
    before = sorted((repo / "catalog").rglob("*"))
    r = run_akq("import", path, "-d", "SFJ", cwd=repo)
    assert r.code == 2 and needle in r.err and "Traceback" not in r.err, r.err
    assert sorted((repo / "catalog").rglob("*")) == before


def test_missing_file_and_bad_options(repo):
    assert run_akq("import", repo / "nope.xlsx", cwd=repo).code == 2
    path = _csv(repo / "a.csv", ROWS, "utf-8")
    r = run_akq("import", path, "-d", "XXX", cwd=repo)
    assert r.code == 2 and "XXX" in r.err
    r = run_akq("import", path, "-d", "GAJ", "--kind", "licence", cwd=repo)
    assert r.code == 2
    r = run_akq("import", county_list(repo / "l.xlsx"), "--sheet", "第二页", cwd=repo)
    assert r.code == 2 and "证明事项清单" in r.err


def test_crash_mid_write_keeps_the_existing_item(repo, monkeypatch):
    from typer.testing import CliRunner

    from akq_cli.cli import app

    path = _csv(repo / "公安局.csv", ROWS, "utf-8")
    assert run_akq("import", path, "-d", "GAJ", cwd=repo).code == 0
    item = repo / "catalog/items/GAJ/GAJ-ZM-004.yaml"
    item.write_text(item.read_text("utf-8") + "# 手工补充的注释\n", encoding="utf-8")
    before = item.read_bytes()

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(app, ["import", str(path), "-d", "GAJ", "--force"])
    assert result.exit_code != 0
    assert item.read_bytes() == before
    assert not [p for p in item.parent.iterdir() if p.name.startswith(".")]


def test_every_article_every_material_and_the_level_from_the_document_number(repo):
    rows = [
        ["证明名称", "证明用途", "设定依据", "材料要求"],
        [
            "执业经历证明", "证明申请人的执业经历",
            "《中华人民共和国律师法》第十一条、第十二条；《法律援助条例》（国务院令第385号）第十条第一款、第二款；"
            "《律师执业管理办法》（司法部令第134号）第六条；《国务院关于在线政务服务的若干规定》第三条",
            "身份证复印件；等相关材料",
        ],
    ]
    r = run_akq("import", _csv(repo / "司法局.csv", rows, "utf-8"), "-d", "SFJ", cwd=repo)
    assert r.code == 0, r.err
    path = _items(repo, r.out)[0]
    data = read_document(path).root.plain()
    assert data["kind"] == "certification"
    assert [(b["document"], b["article"], b["level"]) for b in data["legal_basis"]] == [
        ("《中华人民共和国律师法》", "第十一条", "law"),
        ("《中华人民共和国律师法》", "第十二条", "law"),
        ("《法律援助条例》", "第十条第一款", "administrative_regulation"),
        ("《法律援助条例》", "第十条第二款", "administrative_regulation"),
        ("《律师执业管理办法》", "第六条", "departmental_rule"),
        ("《国务院关于在线政务服务的若干规定》", "第三条", "administrative_regulation"),
    ]
    assert data["materials"] == ["身份证复印件", "等相关材料"]
    lint = run_akq("lint", "--format", "json", path, cwd=repo)
    assert any(f["pointer"].startswith("/materials") for f in json.loads(lint.out)["findings"]), lint.out


def test_import_into_a_catalog_without_items(tmp_path):
    (tmp_path / "catalog").mkdir()
    for name in ("catalog.yaml", "departments.yaml"):
        shutil.copy(CATALOG / name, tmp_path / "catalog" / name)
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    rows = [["证明名称", "证明用途", "设定依据"], ["居住证明", "证明居住", "《居住证暂行条例》第九条"]]
    r = run_akq("import", _csv(tmp_path / "公安局.csv", rows, "utf-8"), "-d", "gaj", cwd=tmp_path)
    assert r.code == 0, r.err
    assert [p.name for p in _items(tmp_path, r.out)] == ["GAJ-ZM-001.yaml"]
    assert run_akq("lint", "--select", "schema", "catalog", cwd=tmp_path).code == 0
