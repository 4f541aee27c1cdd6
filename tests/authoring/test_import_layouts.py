"""akq import on lists in real published layouts (issue 11): nothing lost, refusals kept out, re-import updates."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest

from akq_cli.author import importer
from akq_cli.author.citations import parse_basis
from akq_cli.author.importer import department_match, names_a_matter
from akq_cli.core import fields
from akq_cli.core.catalog import load_catalog
from akq_cli.core.loader import read_document
from akq_cli.site import opendata
from conftest import CATALOG, REPO, run_akq

from .layouts import cancelled_list, retained_csv, retained_list


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(CATALOG, tmp_path / "catalog")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    return tmp_path


def _written(repo: Path, out: str) -> dict[int, dict]:
    """Row number -> the draft's data, from `akq import` output lines '第 N 行  新建  PATH'."""
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "第":
            found[int(parts[1])] = read_document(repo / parts[-1]).root.plain() | {"_path": parts[-1]}
    return found


def _cells(data: dict) -> dict[str, str]:
    return {c["heading"]: c["value"] for c in data["source"].get("cells", [])}


@pytest.mark.parametrize("make", [retained_list, retained_csv], ids=["xlsx", "gbk-csv"])
def test_retained_list_two_row_headings_groups_and_refusals(repo, make):
    path = make(repo / ("公安局保留证明事项清单" + (".xlsx" if make is retained_list else ".csv")))
    r = run_akq("import", path, cwd=repo)
    assert r.code == 1, r.err
    drafts = _written(repo, r.out)
    assert sorted(drafts) == [6, 7, 8, 12]
    assert "表头在第 3–4 行" in r.err and "未对应字段的列" not in r.err  # every column is known
    assert "第 5 行：分组标题“一、户籍管理类”" in r.err and "第 13 行：表尾签署行" in r.err
    # a brigade is not its bureau: reported with the close name, never matched by substring
    assert "第 10 行未导入：办理机关“阿合奇县公安局交通警察大队”不在 departments.yaml 中" in r.err
    assert "相近的有：GAJ 阿合奇县公安局" in r.err
    # the row that says it cannot use the commitment route is no draft
    assert "第 11 行未导入：表格写明不实行告知承诺（不能实行告知承诺及保留原因：“涉及公共安全" in r.err
    assert all(d["title"] != "无犯罪记录证明" for d in drafts.values())

    residence = drafts[6]
    assert residence["department"] == "GAJ" and residence["issuer"] == "社区居民委员会"  # 索要单位 / 开具单位
    assert residence["matter"] == "申领居住证" and residence["purpose"] == "待填写"  # 证明用途 named the matter
    assert residence["legal_basis"] == [{"document": "《居住证暂行条例》", "article": "第九条", "level": "administrative_regulation"}]
    cells = _cells(residence)
    assert cells["依据条文及内容"].startswith("第九条 申领居住证") and cells["行使层级"] == "县级"
    assert cells["备注"] == "由户籍窗口受理"
    assert residence["source"]["row"] == 6 and residence["source"]["file"] == path.name
    text = (repo / residence["_path"]).read_text("utf-8")
    assert "# 文号：国务院令第663号" in text and "效力层级由 akq import" not in text.split("legal_basis:")[1].split("content:")[0]

    # one title, two matters: two items (identity includes the matter)
    assert (drafts[7]["title"], drafts[7]["matter"]) == ("亲属关系证明", "普通护照签发")
    assert (drafts[8]["title"], drafts[8]["matter"]) == ("亲属关系证明", "投靠亲属户口迁移")
    assert [(b["document"], b["article"], b["level"]) for b in drafts[7]["legal_basis"]] == [
        ("《中华人民共和国护照法》", "第五条", "law"),
        ("《中华人民共和国护照法》", "第六条", "law"),
        ("《某出入境证件规定》", "第十二条第一款", "departmental_rule"),
    ]
    assert _cells(drafts[8])["行使层级"] == "县级、乡镇级"
    # a bare 法规 is reported and kept, not made into a document
    assert "第 12 行：设定依据中的 “法规” 没有写明文件名称" in r.err
    assert drafts[12]["legal_basis"][0]["document"] == "《待填写》" and _cells(drafts[12])["设定及保留依据"] == "法规"

    lint = run_akq("lint", "--select", "schema", *(repo / d["_path"] for d in drafts.values()), cwd=repo)
    assert lint.code == 0, lint.out
    assert run_akq("fmt", "--check", *(repo / d["_path"] for d in drafts.values()), cwd=repo).code == 0


def test_csv_and_xlsx_of_one_sheet_give_the_same_drafts(repo, tmp_path):
    xlsx = _written(repo, run_akq("import", retained_list(repo / "l.xlsx"), cwd=repo).out)
    other = tmp_path / "other"
    shutil.copytree(CATALOG, other / "catalog")
    shutil.copytree(REPO / "schemas", other / "schemas")
    csv = _written(other, run_akq("import", retained_csv(other / "l.csv"), cwd=other).out)
    strip = lambda d: {k: v for k, v in d.items() if k != "source"}  # noqa: E731
    assert {n: strip(d) for n, d in xlsx.items()} == {n: strip(d) for n, d in csv.items()}
    assert {n: _cells(d) for n, d in xlsx.items()} == {n: _cells(d) for n, d in csv.items()}


def test_cancelled_list_unmapped_column_handling_and_matter_type(repo):
    path = cancelled_list(repo / "取消证明事项清单.xlsx")
    r = run_akq("import", path, cwd=repo)
    assert r.code == 1, r.err
    assert "未对应字段的列“办理时限”（例如“20个工作日”）" in r.err
    drafts = _written(repo, r.out)
    assert sorted(drafts) == [4, 6]
    assert "第 5 行未导入：表格写明不实行告知承诺（取消后办理方式：“部门间信息核查，不再索要”）" in r.err
    marriage, practice = drafts[4], drafts[6]
    assert marriage["department"] == "MZJ" and marriage["matter_type"] == "行政给付"
    assert marriage["legal_basis"][0] == {"document": "《社会救助暂行办法》", "article": "第十一条第一款第三项", "level": "administrative_regulation"}
    # 事项类型 行政许可 is the matter's class: the certification stays a certification
    assert practice["kind"] == "certification" and practice["matter_type"] == "行政许可"
    assert [b["article"] for b in practice["legal_basis"]] == ["第五条", "第六条", "第六条"]
    assert _cells(practice) == {"取消后办理方式": "告知承诺", "办理时限": "10个工作日", "备注": "申请律师执业时索要"}

    strict = run_akq("import", path, "--strict", cwd=repo)
    assert strict.code == 2 and "--strict" in strict.err and "办理时限" in strict.err


def test_reimport_with_a_corrected_mapping_updates_and_never_duplicates(repo):
    path = cancelled_list(repo / "取消证明事项清单.xlsx")
    first = _written(repo, run_akq("import", path, cwd=repo).out)
    before = sorted(p.name for p in (repo / "catalog/items").rglob("*.yaml"))
    mapping = repo / "取消证明事项清单.toml"
    mapping.write_text('# 取消证明事项清单的表头对应\n[columns]\n"办理时限" = "keep"\n"备注" = "content"\n', encoding="utf-8")
    again = run_akq("import", path, "--mapping", mapping, "--strict", cwd=repo)
    assert again.code == 1, again.err  # row 5 still refuses the commitment route
    assert "未对应字段的列" not in again.err and again.out.count("更新") == 2
    assert sorted(p.name for p in (repo / "catalog/items").rglob("*.yaml")) == before
    second = _written(repo, again.out)
    assert {n: d["_path"] for n, d in second.items()} == {n: d["_path"] for n, d in first.items()}
    assert second[6]["content"] == "申请律师执业时索要" and "备注" not in _cells(second[6])

    # a draft someone touched (even a comment) is not overwritten without --force
    touched = repo / second[4]["_path"]
    touched.write_text(touched.read_text("utf-8") + "# 已核对\n", encoding="utf-8")
    third = run_akq("import", path, "--mapping", mapping, cwd=repo)
    assert "第 4 行未导入：此行上次导入的草稿已人工修改过" in third.err and touched.read_text("utf-8").endswith("# 已核对\n")
    forced = run_akq("import", path, "--mapping", mapping, "--force", cwd=repo)
    assert "# 已核对" not in touched.read_text("utf-8") and forced.code == 1


def test_reimport_moves_a_draft_whose_department_was_corrected(repo):
    path = retained_csv(repo / "清单.csv")
    wrong = run_akq("import", path, "--department", "MZJ", cwd=repo)
    made = _written(repo, wrong.out)
    assert {d["department"] for d in made.values()} == {"MZJ"} and 10 in made  # the brigade row too, under -d
    right = run_akq("import", path, cwd=repo)
    moved = _written(repo, right.out)
    assert {d["department"] for d in moved.values()} == {"GAJ"}
    assert "删除上次导入的草稿" in right.out
    assert not any((repo / d["_path"]).exists() for n, d in made.items() if n in moved)
    assert (repo / made[10]["_path"]).exists()  # not re-imported (department unknown): left alone


def test_mapping_file_errors_name_the_file(repo):
    path = cancelled_list(repo / "c.xlsx")
    bad = repo / "bad.toml"
    for text, needle in [
        ("[columns\n", "格式不对"),
        ('[columns]\n"办理时限" = "时限"\n', "写法不对"),
        ('[columns]\n"没有这列" = "keep"\n', "不存在"),
        ('sheets = 1\n', "不认识的设置"),
    ]:
        bad.write_text(text, encoding="utf-8")
        r = run_akq("import", path, "--mapping", bad, cwd=repo)
        assert r.code == 2 and needle in r.err and "Traceback" not in r.err, (text, r.err)
    r = run_akq("import", path, "--mapping", repo / "nope.toml", cwd=repo)
    assert r.code == 2 and "映射文件不存在" in r.err


def test_help_documents_the_mapping_file_with_an_example():
    r = run_akq("import", "--help")
    assert "--mapping" in r.out and "`[columns]`" in r.out and "实施基本情况/索要单位" in r.out and "--strict" in r.out


@pytest.mark.parametrize(
    ("cell", "expected", "unparsed"),
    [
        ("《某规程》(某部令第26号)第十二条", [("《某规程》", "第十二条", "某部令第26号")], []),
        ("《某规程》（某部令第26号）第十二条第一款第三项", [("《某规程》", "第十二条第一款第三项", "某部令第26号")], []),
        ("《某规程》〔某部令第26号〕第十二条", [("《某规程》", "第十二条", "某部令第26号")], []),
        ("《某规程》[某部令第26号]第十二条、第十四条", [("《某规程》", "第十二条", "某部令第26号"), ("《某规程》", "第十四条", "某部令第26号")], []),
        ("《某通知》（国发〔2021〕7号）第三条", [("《某通知》", "第三条", "国发〔2021〕7号")], []),
        ("《某办法》第五条（国务院令第412号）", [("《某办法》", "第五条", "国务院令第412号")], []),
        ("中华人民共和国居民身份证法第十条", [("《中华人民共和国居民身份证法》", "第十条", None)], []),
        ("法规", [], ["法规"]),
        ("相关法律法规；《某条例》第二条", [("《某条例》", "第二条", None)], ["相关法律法规"]),
    ],
)
def test_citations_as_written(cell, expected, unparsed):
    basis = parse_basis(cell)
    assert [(e["document"], e["article"], e.get("number")) for e in basis.entries] == expected
    assert basis.unparsed == unparsed


def test_tags_set_the_level_and_article_text_is_kept_apart():
    basis = parse_basis("【行政法规】《某条例》第九条：“申请人应当提交身份证明。”\n【规范性文件】《某通知》第三条")
    assert [(e["article"], e["level"], e["guessed"]) for e in basis.entries] == [
        ("第九条", "administrative_regulation", False),
        ("第三条", "normative_document", False),
    ]
    assert basis.entries[0]["text"] == "申请人应当提交身份证明" and "text" not in basis.entries[1]
    assert parse_basis("《某办法》第二条", "local_government_rule").entries[0]["level"] == "local_government_rule"


def test_exact_department_names_only():
    deps = load_catalog(CATALOG, with_items=False).departments
    assert department_match("阿合奇县公安局", deps) == ("GAJ", [])
    assert department_match("县公安局", deps) == ("GAJ", [])
    assert department_match("gaj", deps) == ("GAJ", [])
    code, close = department_match("阿合奇县公安局交通警察大队", deps)
    assert code is None and close[0] == "GAJ 阿合奇县公安局"
    assert department_match("阿合奇县公安局、阿合奇县司法局", deps)[0] is None


@pytest.mark.parametrize(
    ("text", "matter"),
    [("申领居住证", True), ("普通护照签发", True), ("道路运输经营许可", True), ("证明申请人符合法律援助经济困难标准", False),
     ("用于证明家庭收入", False), ("导入的文字", False), ("申请人家庭收入低于最低生活保障标准的，可以申请救助。", False)],
)  # fmt: skip
def test_which_purpose_cells_name_a_matter(text, matter):
    assert names_a_matter(text) is matter


def test_a_title_typed_over_two_lines_is_one_title():
    basis = parse_basis("【法律】《中华人民共和国\n律师法》第五条\n第六条：律师\n执业应当……")
    assert [(e["document"], e["article"]) for e in basis.entries] == [("《中华人民共和国律师法》", "第五条"), ("《中华人民共和国律师法》", "第六条")]
    assert basis.entries[0]["text"] == "律师执业应当……"


def test_documents_the_law_register_does_not_know_are_reported(monkeypatch):
    """The check is a hook on akq_cli.core.laws (issue 10.3): with a register, an unknown title is named."""
    class Register:
        def lookup(self, name):
            return object() if name in ("《中华人民共和国律师法》", "中华人民共和国律师法") else None

        def closest(self, name):
            return "《中华人民共和国律师法》" if "律师" in name else None

    class Broken(Exception):
        pass

    seen = []
    fake = types.SimpleNamespace(load_register=lambda state: seen.append(state) or Register(), RegisterError=Broken)
    monkeypatch.setattr(importer, "_laws", fake)
    cat = load_catalog(CATALOG)
    register = importer.law_register(cat)
    assert seen == [cat.state]  # read through the catalog's state, as review reads the base
    documents = ["《中华人民共和国律师法》", "《某出入境证件规定》", "《律师法》"]
    assert importer.unknown_documents(documents, register) == [("《某出入境证件规定》", None), ("《律师法》", "《中华人民共和国律师法》")]

    def broken(state):
        raise Broken("laws.toml")

    monkeypatch.setattr(fake, "load_register", broken)
    assert importer.law_register(cat) is None  # a broken laws.toml is lint's to report
    monkeypatch.setattr(importer, "_laws", None)
    assert importer.law_register(cat) is None and importer.unknown_documents(documents, None) == []


def test_the_reporting_unit_row_names_the_department(repo):
    rows = "填报单位（盖章）：阿合奇县民政局,,\n证明名称,证明用途,设定依据\n居住证明,申领居住证,《居住证暂行条例》第九条\n"
    path = repo / "民政局.csv"
    path.write_bytes(rows.encode("gbk"))
    r = run_akq("import", path, cwd=repo)
    assert r.code == 0, r.err
    assert "填报单位“阿合奇县民政局”即 MZJ" in r.err and _written(repo, r.out)[3]["department"] == "MZJ"


def test_source_never_reaches_the_open_data():
    """A draft published with its source still in it: catalog.json drops it, and its schema does not describe it."""
    item = {"id": "GAJ-ZM-004", "title": "居住证明", "source": {"file": "清单.xlsx", "row": 6, "cells": [{"heading": "联系人", "value": "张三"}]}}
    assert "source" not in opendata._public(item)
    schema = opendata.catalog_schema(types.SimpleNamespace(base_url=None))
    assert "source" not in schema["$defs"]["item"]["properties"] and "title" in schema["$defs"]["item"]["properties"]
    assert not fields.shows((), fields.get("source"), "site") and not fields.shows((), fields.get("source"), "form")


def test_sheet_text_is_printed_as_written(repo):
    """A heading or cell that looks like console markup is shown, not obeyed."""
    path = repo / "[red]清单.csv"
    path.write_text("证明名称,[bold]备用列\n居住证明,[link=x]值[/link]\n", encoding="utf-8")
    r = run_akq("import", path, "-d", "GAJ", cwd=repo)
    assert r.code == 0, r.err
    assert "“[bold]备用列”（例如“[link=x]值[/link]”）" in r.err and "[red]清单.csv（表头在第 1 行" in r.err


def test_a_row_refused_on_reimport_names_the_draft_it_left(repo):
    path = retained_csv(repo / "清单.csv")
    first = _written(repo, run_akq("import", path, "--columns", "不能实行告知承诺及保留原因=keep", cwd=repo).out)
    assert first[11]["title"] == "无犯罪记录证明"  # mapped away, the reason was only kept
    again = run_akq("import", path, cwd=repo)
    assert "第 11 行未导入：表格写明不实行告知承诺" in again.err
    assert f"上次从这一行导入的草稿 {first[11]['_path']} 仍在目录中" in again.err
