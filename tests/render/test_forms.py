"""What the forms say: the annex's sections in order, filled from the item and catalog.yaml."""

from __future__ import annotations

import pytest

from akq_cli.core.catalog import load_catalog
from akq_cli.render.forms import FormContext, InfoTable, Para, Signature, build_form, cn_number
from akq_cli.render.labels import enumerate_lines, legal_basis, sentence
from akq_cli.render.wording import load_wording

from .conftest import RENDER_CATALOG


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(RENDER_CATALOG)


def form_of(catalog, item_id: str, **changes):
    items = catalog.by_id()
    data = {**items[item_id].data, **changes}
    ctx = FormContext(catalog.meta, catalog.departments, {i: it.data for i, it in items.items()})
    return build_form(data, ctx, load_wording())


def texts(form, style: str | None = None) -> list[str]:
    return [b.text for b in form.blocks if isinstance(b, Para) and (style is None or b.style == style)]


def test_certification_follows_the_annex(catalog):
    form = form_of(catalog, "SFJ-ZM-901")
    assert texts(form, "title") == ["证明事项告知承诺书"]
    assert texts(form, "subtitle") == ["（申请基层法律服务所负责人备案）"]
    assert texts(form, "heading1") == ["一、基本信息", "二、行政机关告知", "三、申请人承诺"]
    assert texts(form, "heading2") == [
        "（一）申请人",
        "（二）行政机关",
        "（一）证明事项名称",
        "（二）证明用途",
        "（三）设定证明的依据",
        "（四）证明的内容",
        "（五）告知承诺适用对象",
        "（六）承诺的方式",
        "（七）承诺的效力",
        "（八）不实承诺的责任",
        "（九）行政机关核查权力",
        "（十）承诺书的公开",
    ]
    body = texts(form, "body")
    promises = [t for t in body if t.startswith("（")]
    assert [p[:3] for p in promises] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert "1．申请人自首次执业登记之日起连续执业满3年；" in body
    assert "2．申请人执业期间未受过停止执业处罚。" in body
    assert "《基层法律服务所管理办法》第十条第一款。" in body
    assert "本证明事项必须由申请人作出承诺，不可代为承诺。" in body
    assert any(t.startswith("本证明事项采用书面承诺方式") for t in body)
    assert "核查方式：在线核查。" in body
    assert "在线核查（受理后5个工作日内）。" in body
    assert any("公开范围：在阿合奇县人民政府网站告知承诺制目录专栏公开。公开时限：自作出备案决定之日起1年。" in t for t in body)
    assert texts(form, "note") == ["（本文书一式两份，行政机关与申请人各执一份）"]


def test_basic_information_has_blanks_and_the_department(catalog):
    form = form_of(catalog, "SFJ-ZM-901")
    applicant, authority = [b for b in form.blocks if isinstance(b, InfoTable)]
    assert applicant.cells == ("姓名", "", "联系方式", "", "证件类型", "", "证件编号", "")
    assert authority.cells == ("名称", "阿合奇县司法局", "联系方式", "0908-5622412")
    (signature,) = [b for b in form.blocks if isinstance(b, Signature)]
    assert signature.left[0] == "申请人签名：" and signature.right[0] == "行政机关（公章）："


def test_standard_paragraphs_come_from_catalog_yaml(catalog):
    standard = catalog.meta["standard_text"]
    body = texts(form_of(catalog, "SFJ-ZM-901"), "body")
    for text in (
        standard["certification"]["applicable_objects"],
        standard["certification"]["effect"],
        standard["certification"]["liability_intro"],
        standard["credit_exclusion"],
    ):
        assert text in body


def test_liability_lists_all_four_kinds(catalog):
    body = texts(form_of(catalog, "SFJ-ZM-901"), "body")
    lines = [t for t in body if t[2:6] in ("民事责任", "行政责任", "刑事责任", "信用惩戒")]
    assert [t[:6] for t in lines] == ["1．民事责任", "2．行政责任", "3．刑事责任", "4．信用惩戒"]


def test_proxy_and_electronic_commitment(catalog):
    body = texts(form_of(catalog, "SCJ-ZM-901"), "body")
    assert any(t.startswith("本证明事项可以代为承诺。代为承诺的授权要求：委托他人办理的") for t in body)
    assert any(t.startswith("本证明事项采用电子承诺方式") for t in body)
    assert "申请人签署的告知承诺书不予公开。" in body


def test_license_folds_in_its_certifications(catalog):
    form = form_of(catalog, "SCJ-XK-901")
    assert form.kind == "business_license"
    assert texts(form, "title") == ["涉企经营许可事项告知承诺书"]
    headings = texts(form, "heading2")
    assert "（五）一并告知承诺的证明事项" in headings
    assert headings[-1] == "（十二）承诺书的公开"
    body = texts(form, "body")
    folded = next(t for t in body if t.startswith("1．食品从业人员健康证明。"))
    assert "设定依据：《中华人民共和国食品安全法》第四十五条第二款" in folded
    assert "并已符合下列一并告知的证明事项的条件、要求：" in body
    assert any(t.startswith("1．食品从业人员健康证明：从事接触直接入口食品工作的每名从业人员") for t in body)
    assert "申请人自愿签署本告知承诺书并按要求提交材料的，行政机关当场作出行政许可决定。" in body
    assert "1．食品经营许可申请书；" in body and "3．经营场所平面图。" in body
    assert any("已经国务院批准（《国务院关于深化“证照分离”改革" in t and "2021年5月19日" in t for t in body)
    # Both items' verification methods, once each, in order.
    assert "现场核查、“双随机、一公开”抽查（作出决定后1个月内）。" in body
    applicant = next(b for b in form.blocks if isinstance(b, InfoTable))
    assert applicant.cells[::2] == ("申请人名称", "统一社会信用代码", "法定代表人（负责人）", "联系方式")


def test_license_without_certifications_renumbers(catalog):
    form = form_of(catalog, "SCJ-XK-902")
    headings = texts(form, "heading2")
    assert not any("一并告知" in h for h in headings)
    assert "（五）告知承诺适用对象" in headings
    assert headings[-1] == "（十一）承诺书的公开"
    body = texts(form, "body")
    assert "1．小餐饮经营许可申请书。" in body
    assert any("在法定期限内作出行政许可决定" in t for t in body)
    assert "申请人作出承诺后，不需要另行提交材料。" in texts(form_of(catalog, "SCJ-XK-902", materials=[]), "body")


def test_properties_are_pinned(catalog):
    form = form_of(catalog, "SCJ-XK-901")
    assert form.properties["created"] == "2021-07-01T00:00:00Z"
    assert form.properties["keywords"] == "SCJ-XK-901"
    assert form.properties["title"] == "涉企经营许可事项告知承诺书（食品经营许可证核发）"
    assert form_of(catalog, "SCJ-XK-901", effective_date=None).properties["created"] == "2021-03-30T00:00:00Z"


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一")])
def test_cn_number(n, text):
    assert cn_number(n) == text


def test_labels():
    assert legal_basis({"document": "中华人民共和国食品安全法", "article": "第三十五条"}) == "《中华人民共和国食品安全法》第三十五条"
    assert sentence("证明申请人已满3年") == "证明申请人已满3年。"
    assert sentence("已满3年；") == "已满3年。"
    assert enumerate_lines(["甲。", "乙"]) == ["1．甲；", "2．乙。"]


def test_a_line_break_typed_into_a_basis_is_not_printed(catalog):
    """A basis cell typed over two lines (Alt+Enter in the sheet) printed its break, then Word wrapped the rest again."""
    assert legal_basis({"document": "《中华人民共和国\n食品安全法》", "article": "第三十五条\r\n第一款"}) == "《中华人民共和国食品安全法》第三十五条第一款"
    basis = [{"document": "《中华人民共和国法律援助法》", "article": "第四十一条\n第一款", "level": "law"}]
    paragraphs = [t for t in texts(form_of(catalog, "SFJ-ZM-901", legal_basis=basis)) if "法律援助法" in t]
    assert paragraphs and not any("\n" in t for t in paragraphs)
    assert any("《中华人民共和国法律援助法》第四十一条第一款" in t for t in paragraphs)
