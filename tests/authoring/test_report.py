"""akq report: the implementation status per department, checked against the catalog itself."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl

from akq_cli.core.loader import read_document
from akq_cli.lint.fixes import apply_edits
from conftest import run_akq

AREAS = ("户籍管理", "市场主体准营", "资格考试", "社会保险", "社会救助", "健康体检", "法律服务")


def _items(catalog: Path) -> list[dict]:
    return [read_document(p).root.plain() for p in sorted((catalog / "items").rglob("*.yaml"))]


def _set(path: Path, pointer: str, value: str) -> None:
    doc = read_document(path)
    path.write_text(apply_edits(doc, {pointer: value}), encoding="utf-8")


def test_json_counts_match_the_catalog(catalog_copy):
    r = run_akq("report", "--format", "json", "--as-of", "2030-01-01", cwd=catalog_copy.parent)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    items = _items(catalog_copy)
    by_dep = Counter(i["department"] for i in items)
    assert {d["id"]: d["items"] for d in data["departments"] if d["items"]} == dict(by_dep)
    for d in data["departments"]:
        mine = [i for i in items if i["department"] == d["id"]]
        assert d["statuses"] == {s: sum(1 for i in mine if i["status"] == s) for s in d["statuses"]}
        assert d["kinds"]["business_license"] == sum(1 for i in mine if i["kind"] == "business_license")
    assert [i["id"] for i in data["awaiting_approval"]] == sorted(i["id"] for i in items if i["status"] == "submitted")
    overdue = sorted(
        i["id"] for i in items if i["status"] in ("draft", "submitted", "approved") and i.get("effective_date", "9999") <= "2030-01-01"
    )
    assert sorted(i["id"] for i in data["overdue"]) == overdue
    for area in AREAS:
        assert data["areas"][area]["items"] == sum(1 for i in items if i["category"] == area and i["status"] != "repealed")


def test_problems_overdue_and_uncovered_areas(catalog_copy):
    items = sorted((catalog_copy / "items").rglob("*.yaml"))
    sfj = sorted((catalog_copy / "items/SFJ").glob("*.yaml"))
    # 1. an error in one SFJ item; 2. an approved item whose date has passed; 3. 法律服务 no longer covered
    _set(sfj[0], "/purpose", "待填写")
    _set(sfj[1], "/status", "approved")
    _set(sfj[1], "/effective_date", "2021-05-01")
    for p in items:
        if read_document(p).root.plain()["category"] == "法律服务":
            _set(p, "/category", "公共法律服务")
    r = run_akq("report", "--format", "markdown", "--as-of", "2021-06-01", cwd=catalog_copy.parent)
    assert r.code == 0, r.err
    md = r.out
    for heading in ("# 阿合奇县证明事项和涉企经营许可事项告知承诺制落实情况", "## 各部门落实情况", "## 重点领域覆盖情况", "## 待批准事项（", "## 已到施行日期但尚未公布的事项（"):
        assert heading in md, heading
    assert "统计日期：2021-06-01" in md
    assert "| 法律服务 | 0 | 0 | 未覆盖 |" in md
    assert "尚未覆盖：法律服务" in md
    sfj_row = next(line for line in md.splitlines() if line.startswith("| 阿合奇县司法局（SFJ）"))
    header = next(line for line in md.splitlines() if line.startswith("| 部门 |"))
    cells = [c.strip() for c in sfj_row.strip("|").split("|")]
    columns = [c.strip() for c in header.strip("|").split("|")]
    # the placeholder, and the approved item: effective 2021-05-01, it cites 《中华人民共和国法律援助法》, in force
    # only from 2022-01-01 (legal-basis-superseded judges the report's day or the item's, whichever is later)
    assert cells[columns.index("有错误")] == "2"
    overdue = md.split("## 已到施行日期但尚未公布的事项")[1]
    assert sfj[1].stem in overdue and "2021-05-01" in overdue and "已批准" in overdue


def test_xlsx_is_deterministic_and_readable(catalog_copy, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run_akq("report", "-f", "xlsx", "-o", a, "--as-of", "2022-06-01", cwd=catalog_copy.parent).code == 0
    assert run_akq("report", "-f", "xlsx", "-o", b, "--as-of", "2022-06-01", cwd=catalog_copy.parent).code == 0
    assert a.read_bytes() == b.read_bytes()
    wb = openpyxl.load_workbook(a)
    assert wb.sheetnames == ["各部门落实情况", "重点领域覆盖情况", "待批准事项", "已到施行日期但尚未公布的事项", "事项明细"]
    ws = wb["各部门落实情况"]
    assert ws["A1"].value == "阿合奇县证明事项和涉企经营许可事项告知承诺制落实情况"
    assert ws["A4"].value == "部门" and ws["B4"].value == "事项"
    total = next(row for row in ws.iter_rows(min_row=5, values_only=True) if row[0] == "合计")
    assert total[1] == len(_items(catalog_copy))
    detail = wb["事项明细"]
    assert detail.max_row == len(_items(catalog_copy)) + 1
    assert wb.properties.creator == "akq"


def test_source_date_epoch_sets_the_date(catalog_copy):
    r = run_akq("report", "-f", "markdown", cwd=catalog_copy.parent, env={"SOURCE_DATE_EPOCH": "1622505600"})
    assert "统计日期：2021-06-01" in r.out


def test_text_output_fits_a_terminal(catalog_copy):
    r = run_akq("report", "--as-of", "2022-06-01", cwd=catalog_copy.parent, env={"COLUMNS": "100"})
    assert r.code == 0 and "各部门落实情况" in r.out and "合计" in r.out
    en = run_akq("report", "--as-of", "2022-06-01", "--lang", "en", cwd=catalog_copy.parent)
    assert "Departments" in en.out and "policy areas covered" in en.out


def test_bad_usage(catalog_copy, tmp_path_factory):
    assert run_akq("report", "-f", "xlsx", cwd=catalog_copy.parent).code == 2
    r = run_akq("report", "--as-of", "2021-13-01", cwd=catalog_copy.parent)
    assert r.code == 2 and "--as-of" in r.err
    r = run_akq("report", "-f", "pdf", cwd=catalog_copy.parent)
    assert r.code == 2
    r = run_akq("report", cwd=tmp_path_factory.mktemp("empty"))
    assert r.code == 2 and "catalog.yaml" in r.err


def test_totals_add_up_with_unreadable_and_upper_case_files(catalog_copy):
    """Unparsable files are counted on their own line; SFJ-ZM-090.YAML is an item like any other."""
    source = sorted((catalog_copy / "items/SFJ").glob("*.yaml"))[0]
    shouted = catalog_copy / "items/SFJ/SFJ-ZM-090.YAML"
    shouted.write_text(source.read_text("utf-8").replace(read_document(source).root.plain()["id"], "SFJ-ZM-090"), "utf-8")
    _set(shouted, "/purpose", "待填写")
    (catalog_copy / "items/SFJ/SFJ-ZM-091.yml").write_text("title: [未闭合\n", "utf-8")
    (catalog_copy / "items/GAJ/GAJ-ZM-092.yaml").write_text("- 不是事项\n", "utf-8")
    r = run_akq("report", "--format", "json", cwd=catalog_copy.parent)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    readable = len(_items(catalog_copy)) - 1 + 1  # the .yaml files but the list, plus the .YAML one
    assert sum(d["items"] for d in data["departments"]) == readable
    assert sorted(Path(f).name for f in data["unreadable"]) == ["GAJ-ZM-092.yaml", "SFJ-ZM-091.yml"]
    for d in data["departments"]:
        assert sum(d["kinds"].values()) + d["unknown_kind"] == d["items"] == sum(d["statuses"].values())
    text = run_akq("report", cwd=catalog_copy.parent).out
    first = next(line for line in text.splitlines() if "共 " in line)
    numbers = [int(n) for n in __import__("re").findall(r"(\d+) 个", first)[:3]]
    assert numbers[0] == numbers[1] + numbers[2] == readable, first
    assert "另有 2 个事项文件无法读取" in text and "SFJ-ZM-091.yml" in text
    lint = json.loads(run_akq("lint", "--format", "json", "catalog", cwd=catalog_copy.parent).out)
    assert {Path(f["file"]).name for f in lint["findings"]} >= {"SFJ-ZM-091.yml", "GAJ-ZM-092.yaml"}
    assert ("SFJ-ZM-090.YAML", "placeholder") in {(Path(f["file"]).name, f["rule"]) for f in lint["findings"]}
