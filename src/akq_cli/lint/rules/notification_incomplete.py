"""notification-incomplete: one of the written notification's elements (seed 三（二）) missing or empty.

The schema leaves these keys optional on purpose so that this rule, which knows
what the element is for, reports them once: missing, empty (''), or a stand-in
such as 无、待定、……、略、见附件.  A key present with no value at all (``title:``)
is YAML null, which the schema already reports as the wrong type.  The civil,
administrative and criminal liability inside ``liability`` belong to
liability-missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from akq_cli.core.loader import Node
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import placeholder


@dataclass(frozen=True, slots=True)
class Element:
    pointer: str
    zh: str
    en: str
    hint_zh: str
    hint_en: str


ELEMENTS = {
    e.pointer: e
    for e in (
        Element(
            "/title",
            "事项名称",
            "item name",
            "写明证明或许可的名称，例如“无犯罪记录证明”",
            "name the proof or license, e.g. 无犯罪记录证明",
        ),
        Element(
            "/legal_basis",
            "设定依据",
            "legal basis",
            "至少写一条：document《文件全称》、article 第…条、level 效力层级",
            "add at least one entry: document 《title》, article 第…条, level",
        ),
        Element(
            "/content",
            "证明的内容或许可条件",
            "certified content or licensing conditions",
            "写明证明的具体内容（证明事项）或许可条件（涉企经营许可事项），要可以核查",
            "state what is certified, or the licensing conditions, in checkable terms",
        ),
        Element(
            "/conditions",
            "申请人承诺符合的条件",
            "conditions the applicant commits to",
            "逐条写明申请人承诺已经符合的条件",
            "list each condition the applicant commits to meeting",
        ),
        Element(
            "/materials",
            "材料要求",
            "material requirements",
            "逐项列出实行告知承诺后仍需提交的材料，例如申请书、告知承诺书",
            "list each material still required, e.g. the application and the signed commitment",
        ),
        Element(
            "/commitment/method",
            "承诺方式",
            "commitment method",
            "填写 written（书面）、electronic（电子）或 [written, electronic]",
            "use written, electronic, or [written, electronic]",
        ),
        Element(
            "/liability",
            "不实承诺的责任",
            "liability for a false commitment",
            "写明 civil（民事）、administrative（行政）、criminal（刑事）责任和 credit（信用惩戒）",
            "add civil, administrative and criminal liability and credit consequences",
        ),
        Element(
            "/verification/power",
            "行政机关核查权力",
            "the body's power to verify",
            "写明行政机关可以核查什么、怎样核查",
            "state what the body may check and how",
        ),
        Element(
            "/disclosure",
            "承诺书是否公开",
            "whether the commitment is made public",
            "写明 public: true 或 false；公开的，还要写 scope（公开范围）和 period（公开时限）",
            "add public: true or false, and scope and period when public",
        ),
        Element(
            "/disclosure/public",
            "承诺书是否公开",
            "whether the commitment is public",
            "填写 true 或 false",
            "use true or false",
        ),
        Element(
            "/disclosure/scope",
            "公开范围",
            "scope of publication",
            "写明在哪里、向谁公开，例如“在阿合奇县人民政府网站告知承诺制专栏公开”",
            "state where it is published, e.g. 在阿合奇县人民政府网站告知承诺制专栏公开",
        ),
        Element(
            "/disclosure/period",
            "公开时限",
            "period of publication",
            "写明公开多长时间，例如“自作出决定之日起1年”",
            "state how long, e.g. 自作出决定之日起1年",
        ),
    )
}

MISSING = {
    "zh": "缺少书面告知要素“{what}”（{key}）：请{hint}。",
    "en": "The notification lacks its {what_en} ({key}): {hint_en}.",
}
EMPTY = {
    "zh": "书面告知要素“{what}”（{key}）没有填写内容：请{hint}。",
    "en": "The notification's {what_en} ({key}) is empty: {hint_en}.",
}
STAND_IN = {
    "zh": "书面告知要素“{what}”（{key}）只写了“{value}”，不是实际内容：请{hint}。",
    "en": "The notification's {what_en} ({key}) says only '{value}', which stands in for content: {hint_en}.",
}


def _args(pointer: str, value: str = "") -> dict[str, str]:
    e = ELEMENTS[pointer]
    key = pointer.lstrip("/").replace("/", ".")
    return {"what": e.zh, "what_en": e.en, "key": key, "hint": e.hint_zh, "hint_en": e.hint_en, "value": value}


def _text(parent: Node, key: str, pointer: str) -> Iterator[Hit]:
    """A text element: missing, empty or a stand-in (null and non-text are the schema's)."""
    node = parent.get(key)
    if node is None:
        yield Hit(parent, _args(pointer), message=MISSING, pointer=pointer)
    elif isinstance(node.value, str):
        yield from _filled(node, pointer)


def _filled(node: Node, pointer: str) -> Iterator[Hit]:
    value = node.value
    if not value.strip():
        yield Hit(node, _args(pointer), message=EMPTY)
    elif placeholder(value):
        yield Hit(
            node, _args(pointer, value.strip()), message=STAND_IN, index=value.index(value.strip()), match=value.strip()
        )


def _list(parent: Node, key: str, pointer: str, required: bool) -> Iterator[Hit]:
    node = parent.get(key)
    if node is None:
        if required:
            yield Hit(parent, _args(pointer), message=MISSING, pointer=pointer)
        return
    if not isinstance(node.value, list):
        return
    if not node.value:
        yield Hit(node, _args(pointer), message=EMPTY)
    for entry in node.value:
        text = entry.get("text") if isinstance(entry.value, dict) else entry  # a traced condition {text, basis}
        if text is not None and isinstance(text.value, str):
            yield from _filled(text, pointer)


def _check(ctx: ItemContext) -> Iterable[Hit]:
    root = ctx.root
    kind = root.get("kind")
    license_item = kind is not None and kind.value == "business_license"
    yield from _text(root, "title", "/title")
    yield from _list(root, "legal_basis", "/legal_basis", required=True)
    yield from _text(root, "content", "/content")
    yield from _list(root, "conditions", "/conditions", required=False)  # required by the schema for certifications
    yield from _list(root, "materials", "/materials", required=license_item)
    commitment = root.get("commitment")
    if commitment is not None and isinstance(commitment.value, dict) and commitment.get("method") is None:
        yield Hit(commitment, _args("/commitment/method"), message=MISSING, pointer="/commitment/method")
    if root.get("liability") is None:
        yield Hit(root, _args("/liability"), message=MISSING, pointer="/liability")
    verification = root.get("verification")
    if verification is not None and isinstance(verification.value, dict):
        yield from _text(verification, "power", "/verification/power")
    disclosure = root.get("disclosure")
    if disclosure is None:
        yield Hit(root, _args("/disclosure"), message=MISSING, pointer="/disclosure")
    elif isinstance(disclosure.value, dict):
        public = disclosure.get("public")
        if public is None:
            yield Hit(disclosure, _args("/disclosure/public"), message=MISSING, pointer="/disclosure/public")
        elif public.value is True:
            yield from _text(disclosure, "scope", "/disclosure/scope")
            yield from _text(disclosure, "period", "/disclosure/period")


RULE = Rule(
    id="notification-incomplete",
    severity="error",
    summary={
        "zh": "书面告知的要素缺失或没有实际内容：事项名称、设定依据、证明内容或许可条件和材料要求、承诺方式、不实承诺的责任、核查权力、是否公开及公开范围和时限。",
        "en": "A written-notification element missing or empty: name, legal basis, content or conditions and materials, "
        "commitment method, liability, power to verify, publication and its scope and period.",
    },
    description={
        "zh": "工作方案三（二）规定：“书面告知的内容应当包括事项名称，设定依据，证明内容或者许可条件和材料要求，承诺方式，"
        "不实承诺可能承担的民事、行政、刑事责任，行政机关核查权力，承诺书是否公开、公开范围及时限等。”"
        "这条规则检查这些要素是否都写了、是否有实际内容：缺少的键、空字符串，以及“无”“待定”“……”“略”“见附件”"
        "这类只是占位的写法都会报告。涉企经营许可事项还必须列出材料要求（materials）。"
        "承诺书公开的（public: true），必须写明公开范围（scope）和公开时限（period）。\n\n"
        "民事、行政、刑事责任三项由 liability-missing 规则逐项检查；键后面什么也没写（YAML 的 null）由 schema 规则报告；"
        "`akq new` 留下的“待填写”由 placeholder 规则报告，都不在这里重复。",
        "en": "Seed 三（二）: the written notification states the item's name, its legal basis, the certified content or the "
        "licensing conditions and material requirements, the commitment method, the civil, administrative and criminal "
        "liability of a false commitment, the body's power to verify, and whether, how widely and how long the "
        "commitment is made public. This rule reports a missing key, an empty string, or a stand-in such as 无, 待定, "
        "……, 略 or 见附件. Business-license items must list their materials; a public commitment (public: true) needs "
        "its scope and period.\n\nThe three kinds of liability are checked one by one by liability-missing; a key with "
        "no value (YAML null) is reported by schema; `akq new`'s 待填写 by placeholder — never twice.",
    },
    message=MISSING,
    bad=(
        Example(
            "# 删去了 disclosure（承诺书是否公开）\n",
            drop=("disclosure",),
            note={"zh": "没有写承诺书是否公开", "en": "nothing says whether the commitment is public"},
            at=("2:1",),
        ),
        Example(
            "disclosure:\n  public: true\n  scope: 在阿合奇县人民政府网站告知承诺制专栏公开\n  period: 待定\n",
            note={"zh": "公开时限只写了“待定”", "en": "the period says only 待定 (to be decided)"},
            at=("36:11",),
        ),
        Example(
            "kind: business_license\n",
            drop=("materials",),
            note={"zh": "涉企经营许可事项没有材料要求", "en": "a business-license item without materials"},
            at=("1:1",),
        ),
        Example(
            "commitment:\n  proxy_allowed: false\n  withdrawal: 在法律援助机构作出决定前，申请人可以书面撤回承诺。\n",
            note={"zh": "没有写承诺方式", "en": "no commitment method"},
            at=("19:3",),
        ),
    ),
    good=(
        Example(
            "disclosure:\n  public: false\n",
            note={"zh": "不公开时不需要写公开范围和时限", "en": "no scope or period needed when not public"},
        ),
        Example(
            "disclosure:\n  public: true\n  scope: 在阿合奇县人民政府网站告知承诺制专栏公开\n  period: 自作出决定之日起1年\n",
        ),
    ),
    check=_check,
)
