"""Details of the policy rules that the examples do not pin down: look-alikes, checksums, fixes, config."""

from __future__ import annotations

import json
import shutil

import pytest

from akq_cli.core import zhtext
from akq_cli.lint.config import LintConfig
from akq_cli.lint.examples import lint_example
from akq_cli.lint.fixes import meaning_kept
from akq_cli.lint.framework import Example
from akq_cli.lint.rules import doc_number_format, personal_data, punctuation
from akq_cli.lint.wording import placeholder
from conftest import REPO, run_akq

POLICY_CATALOG = REPO / "tests" / "fixtures" / "rules" / "catalog"


def _vague(text: str, **cfg) -> list[str]:
    return [m.text for m in zhtext.find_vague(text, **cfg)]


def test_the_one_pass_matcher_finds_what_each_term_finds_alone():
    from .corpus import load

    texts = [e["text"] for e in load(("vague", "catch_all", "lookalikes", "holdout", "holdout2"))]
    for term in zhtext.VAGUE_TERMS:
        for text in texts:
            alone = {m.start() for m in term.pattern.finditer(text)}
            together = {
                m.start() for m in zhtext._ALL_TERMS.finditer(text) if zhtext.VAGUE_TERMS[int(m.lastgroup[1:])] is term
            }
            assert alone <= together | {s for s in alone if _covered(text, s)}, (term.name, text)


def _covered(text: str, start: int) -> bool:
    """A start inside a longer term found by the one-pass scan (约 inside 大约)."""
    return any(m.start() < start < m.end() for m in zhtext._ALL_TERMS.finditer(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("北京、上海等3个城市", []),
        ("北京、上海等城市", ["等"]),
        ("具有同等学力，等级为二级", []),
        ("公民、法人和其他组织", []),
        ("按照有关规定《中华人民共和国社会保险法》第四十五条办理", []),
        ("按照有关规定办理", ["有关"]),
        ("不少于3个工作日", []),
        ("在一定期限内", ["一定"]),
        ("一定要本人签字", []),
        ("相关方（指利害关系人）", []),
        ("请于3个工作日内及时告知", []),
        ("及时告知", ["及时"]),
        ("《国务院关于取消一批行政许可等事项的决定》", []),
    ],
)
def test_look_alikes(text, found):
    assert _vague(text) == found


def test_extra_terms_and_allowed_phrases():
    assert _vague("从速办理", extra_terms=("从速",)) == ["从速"]
    assert _vague("依照该条规定酌情处理", allowed=("酌情处理",)) == []
    assert zhtext.find_catch_all("法律法规规定的其他材料", allowed=("法律法规规定的其他材料",)) == []


def test_the_config_reaches_the_rules_through_lint():
    basis = "    basis: 《中华人民共和国法律援助法》第四十一条\n"
    bad = Example(f"conditions:\n  - text: 申请人从速提交材料。\n{basis}  - text: 申请人应当及时提交补正材料。\n{basis}")
    assert [f.match for f in lint_example(bad)] == ["及时"]
    cfg = LintConfig(options={"vague-term": {"extra-terms": ("从速",), "allowed-phrases": ("及时提交补正材料",)}})
    assert [(f.rule, f.match) for f in lint_example(bad, cfg)] == [("vague-term", "从速")]


def test_catch_all_honours_the_phrases_allowed_for_vague_term():
    quoted = Example("kind: business_license\nmaterials:\n  - 从事职业中介活动的申请书\n  - 法律法规规定的其他材料\n")
    assert [f.rule for f in lint_example(quoted)] == ["catch-all"]
    cfg = LintConfig(options={"vague-term": {"allowed-phrases": ("法律法规规定的其他材料",)}})
    assert lint_example(quoted, cfg) == []


def test_a_vague_word_inside_a_catch_all_clause_is_reported_once():
    findings = lint_example(Example("kind: business_license\nmaterials:\n  - 以及有关部门要求的其他资料\n"))
    assert [(f.rule, f.match) for f in findings] == [("catch-all", "有关部门要求的其他资料")]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("手机13912345678", ["mobile"]),
        ("手机 139-1234-5678", ["mobile"]),
        ("+86 13912345678", ["mobile"]),
        ("电话0908-5622412", []),
        ("身份证653001198001010013", ["id"]),
        ("编号653001198001010012", []),  # wrong check character: some other number
        ("卡号6222 0212 3456 7890 128", ["card"]),
        ("编号6222021234567890129", []),  # fails the Luhn check
        ("统一社会信用代码91653001MA78XYZ12Q", []),
        ("2021-05-19", []),
    ],
)
def test_personal_data(text, kinds):
    assert [k for _, _, k in personal_data.find(text)] == kinds


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("国发[2021]7号", "国发〔2021〕7号"),
        ("国发(2021)7号", "国发〔2021〕7号"),
        ("国发（2021）7号", "国发〔2021〕7号"),
        ("国发【2021】7号", "国发〔2021〕7号"),
        ("国发〔2021〕07号", "国发〔2021〕7号"),
        ("国发〔2021〕第7号", "国发〔2021〕7号"),
        ("国发〔2021〕7号", None),
        ("（2021）新30民初7号", None),  # a court case number uses round brackets
        ("国务院令第709号", None),
    ],
)
def test_document_numbers(text, fixed):
    found = list(doc_number_format.find(text))
    assert (doc_number_format.fixed_text(text) if found else None) == fixed


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("材料,身份证", "材料，身份证"),
        ("材料, 身份证", "材料，身份证"),
        ("乡(镇)人民政府", "乡（镇）人民政府"),
        ("(1)申请书;(2)承诺书", "（1）申请书；（2）承诺书"),
        ("是否公开?", "是否公开？"),
        ("电话:0908-5622412", "电话：0908-5622412"),
        ("8:30至19:30", None),
        ("1,000元", None),
        ("Hello, world (test)", None),
        ("网址 https://www.xjahq.gov.cn/a?b=1,2 公开", None),
        ("邮箱 office@example.cn", None),
        ("国发(2021)7号", None),  # doc-number-format's
    ],
)
def test_punctuation(text, fixed):
    found = list(punctuation.find(text))
    assert (punctuation.fixed_text(text) if found else None) == fixed
    if fixed:
        assert meaning_kept(text, fixed)


@pytest.mark.parametrize(
    "value", ["无", "待定", "……", "...", "略", "见附件", "详见附件2", "同上", "不适用", "xxx", " 无。"]
)
def test_stand_ins(value):
    assert placeholder(value)


@pytest.mark.parametrize("value", ["无犯罪记录", "自作出决定之日起1年", "待填写"])
def test_not_stand_ins(value):
    assert not placeholder(value)  # 待填写 is the placeholder rule's


def test_lint_fix_corrects_punctuation_and_brackets_in_place(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(POLICY_CATALOG, catalog)
    r = run_akq(
        "lint",
        "--no-cache",
        "--fix",
        "--format",
        "json",
        "items/SFJ/SFJ-ZM-109.yaml",
        "items/RSJ/RSJ-XK-102.yaml",
        cwd=catalog,
    )
    rules = {f["rule"] for f in json.loads(r.out)["findings"]}
    assert not rules & {"punctuation", "doc-number-format"}, r.out
    assert "乡（镇）人民政府" in (catalog / "items" / "SFJ" / "SFJ-ZM-109.yaml").read_text("utf-8")
    assert "（国发〔2021〕7号）" in (catalog / "items" / "RSJ" / "RSJ-XK-102.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("article", "specific"),
    [
        ("第四十一条", True),
        ("第十八条第一款", True),
        ("第十条第一款第三项", True),
        ("第二十三条第二款、第三款", True),
        ("第十条第一款第（二）项、第（三）项", True),
        ("第三十五条至第三十七条", True),
        ("第一百一十二条之一", True),
        ("附件第262项", True),
        ("第3条", True),
        ("第四章", False),
        ("有关条款", False),
        ("全文", False),
    ],
)
def test_article_forms(article, specific):
    from akq_cli.lint.rules.legal_basis_unspecific import ARTICLE

    assert bool(ARTICLE.fullmatch(article)) is specific
