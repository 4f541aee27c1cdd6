"""vague-term: wording that leaves a requirement open or unquantified (seed 三（二）: 不含模糊表述)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core import zhtext
from akq_cli.lint.framework import Example, Hit, ItemContext, Option, Rule
from akq_cli.lint.wording import wording

# How to fix each term, quoted after “…”表述模糊：
ADVICE: dict[str, tuple[str, str]] = {
    "等": (
        "请写明全部情形，或写明数量，例如“身份证、户口簿2项材料”",
        "list every case, or state the count, e.g. 身份证、户口簿2项材料",
    ),
    "其他": ("请写明具体是哪些，不要留下开放的“其他”", "name exactly which ones instead of leaving 'other' open"),
    "有关": (
        "请写明具体的部门、文件或条款，例如“《中华人民共和国社会保险法》第四十五条”",
        "name the body, document or article, e.g. 《中华人民共和国社会保险法》第四十五条",
    ),
    "相关": (
        "请写明具体的部门、材料、文件或条款，例如“县民政局”“《中华人民共和国社会救助法》第十八条”",
        "name the body, material, document or article, e.g. 县民政局, 《中华人民共和国社会救助法》第十八条",
    ),
    "必要时": ("请写明在什么情况下、由谁、做什么", "state in which case, by whom, and what is done"),
    "必要的": ("请逐项写明需要什么", "list exactly what is needed"),
    "原则上": ("请写明规则本身和每一种例外，删去“原则上”", "state the rule and every exception; drop 'in principle'"),
    "视情况": ("请写明判断标准和对应的处理", "state the criterion and what follows from it"),
    "酌情": ("请写明判断标准和处理的幅度", "state the criterion and the range of the decision"),
    "适当": ("请写明具体的数量、幅度或时间", "state the amount, range or time"),
    "及时": ("请写明时限，例如“5个工作日内”", "state a time limit, e.g. 5个工作日内 (within 5 working days)"),
    "尽快": ("请写明时限，例如“3个工作日内”", "state a time limit, e.g. 3个工作日内"),
    "一定": ("请写明具体数值，例如“30日内”“3名以上”", "state the number, e.g. 30日内, 3名以上"),
    "若干": ("请写明具体数量", "state the number"),
    "较大": ("请写明可以核查的标准或数值", "state a checkable standard or number"),
    "基本": (
        "请写明符合哪些条件；不完全符合的，写明如何处理",
        "state which conditions must be met, and what happens if one is not",
    ),
    "左右": ("请写明确定的数值或上下限，例如“不超过30日”", "state an exact number or a bound, e.g. 不超过30日"),
    "大约": ("请写明确定的数值或上下限", "state an exact number or a bound"),
    "约": ("请写明确定的数值或上下限", "state an exact number or a bound"),
    "一般": ("请写明规则和例外情形，删去“一般”", "state the rule and its exceptions; drop 'generally'"),
    "近期": ("请写明期限，例如“申请之日前3个月内”", "state the period, e.g. 申请之日前3个月内"),
    "一段时间": ("请写明期限，例如“连续6个月以上”", "state the period, e.g. 连续6个月以上"),
    "另行": ("请在本文书中写明，不要留待另行通知或规定", "state it here instead of leaving it to a later notice"),
    "后果": (
        "请写明具体后果，例如“终止办理、撤销行政决定、记入信用记录”",
        "state the consequences, e.g. 终止办理、撤销行政决定、记入信用记录",
    ),
    "处理": (
        "请写明如何处理，例如“依照《中华人民共和国行政许可法》第六十九条撤销行政许可”",
        "state what is done, e.g. revoking the licence under article 69 of the Administrative Licensing Law",
    ),
    "根据需要": ("请写明在什么情况下、需要做什么", "state in which case and what is done"),
}
_CONFIGURED = (
    "在 akq.toml 中被列为模糊表述，请改为具体、可核查的表述",
    "akq.toml lists it as vague; use concrete, checkable wording",
)


def advice(term: str) -> dict[str, str]:
    zh, en = ADVICE.get(term, _CONFIGURED)
    return {"zh": f"“{{match}}”表述模糊：{zh}。", "en": f"'{{match}}' is vague: {en}."}


# [lint.vague-term] in akq.toml.  catch-all reads allowed-phrases too: a quoted statute is quoted for both.
OPTIONS = (
    Option("extra-terms", default=(), example='["尽快"]'),  # also report these words
    Option("allowed-phrases", default=(), example='["等级评定"]'),  # never report inside these phrases
)


def _check(ctx: ItemContext) -> Iterable[Hit]:
    extra, allowed = RULE.option(ctx.config, "extra-terms"), RULE.option(ctx.config, "allowed-phrases")
    for node in wording(ctx.root):
        text = node.value
        for m in zhtext.find_vague(text, extra, allowed):
            yield Hit(node, {"match": m.text}, index=m.start, match=m.text, message=advice(m.term))


RULE = Rule(
    id="vague-term",
    severity="error",
    summary={
        "zh": "模糊表述：“等”“其他”“相关”“必要时”“原则上”“及时”“一定”“左右”等词让要求无法量化、无法核查。",
        "en": "Vague wording (等, 其他, 相关, 必要时, 原则上, 及时, 一定, 左右 …) that leaves a requirement open or unquantified.",
    },
    description={
        "zh": "工作方案三（二）要求“相关要求要可量化、易操作，不含模糊表述或兜底条款”。申请人要据此承诺“已符合条件”，"
        "行政机关要据此核查，所以条件、材料、时限都要写到可以核查的程度：列举要写全，或写明数量"
        "（“身份证、户口簿2项材料”）；期限要写明天数；标准要写明数值。\n\n"
        "这条规则读上下文，不是简单查字：“等级”“平等”“同等学力”“等于”不是“等”；“等3项材料”写明了数量；"
        "“公民、法人和其他组织”“其他家庭成员”不是开放的“其他”；“有关规定”后面紧跟《文件》第…条、"
        "或前面已写明《文件》的，不算模糊；“与申请事项有关的”“相关方（指……）”已经限定；“不少于3个工作日”是具体数值；"
        "“一定要”不是数量；《》书名中的字不检查。"
        "“相关”“有关”“其他”指回同一句已写明的事物时不算模糊，例如“核查施工单位主要管理人员……核查相关从业人员”"
        "“工商部门告知的相关审批事项”“说明债权性质、数额，并提供有关证明材料”；但“国家和省有关规定”“政务服务有关部门”"
        "仍然没有写明是哪一个。没有说清楚的后果和处理（“承担相应的法律后果”“接受处理”“严肃处理”）、"
        "材料清单以外的自由裁量（“根据审核需要”）也报告。“其他……材料”这类兜底条款由 catch-all 规则报告，这里不重复报告。\n\n"
        "确需照录法律条文原文的，可以在 akq.toml 的 [lint.vague-term] allowed-phrases 中列出该短语，"
        "或在该行写注释 # akq: disable=vague-term 理由。还可以用 extra-terms 增加要检查的词。",
        "en": "The county plan (seed 三（二）) requires requirements that are quantifiable and easy to act on, with no vague "
        "wording. Applicants commit to meeting the conditions and the body verifies them, so lists must be complete or "
        "counted (身份证、户口簿2项材料), time limits stated in days, standards stated as numbers.\n\n"
        "The rule reads context: 等级, 平等, 同等学力, 等于 are not 等 (etc.); 等3项材料 is counted; 公民、法人和其他组织 "
        "and 其他家庭成员 are not an open 其他; 有关规定 followed by 《document》第…条, or preceded by a named document, "
        "is concrete; 与申请事项有关的 and 相关方（指……） are qualified; 不少于3个工作日 is a number; 一定要 is not a "
        "quantity; titles in 《》 are not checked. 相关/有关/其他 pointing back to something the same sentence named is "
        "concrete (核查…主要管理人员…核查相关从业人员, 工商部门告知的相关审批事项, 说明债权性质、数额，并提供有关证明材料), "
        "but 国家和省有关规定 and 政务服务有关部门 still name nothing. Open-ended consequences (承担相应的法律后果, 接受处理, "
        "严肃处理) and discretion outside a list of materials (根据审核需要) are reported too. Catch-all clauses (其他……材料) are reported by catch-all, not twice.\n\n"
        "To quote a statute verbatim, list the phrase under [lint.vague-term] allowed-phrases in akq.toml, or add "
        "# akq: disable=vague-term REASON on the line. extra-terms adds words to check.",
    },
    message={"zh": "“{match}”表述模糊。", "en": "'{match}' is vague."},
    bad=(
        Example(
            "conditions:\n  - text: 申请人提交居民身份证、户口簿等身份证明材料。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            note={"zh": "“等”让材料清单没有尽头", "en": "等 leaves the list of materials open"},
            at=("16:25",),
        ),
        Example(
            "verification:\n  power: 必要时，法律援助机构可以向相关部门核实。\n  methods: [online, assisted]\n  timing: {amount: 7, unit: day, from: accepted}\n",
            note={"zh": "“必要时”“相关部门”都没有写明", "en": "neither 必要时 nor 相关部门 is spelled out"},
            at=("28:10", "28:23"),
        ),
        Example(
            "commitment:\n  method: [written, electronic]\n  proxy_allowed: false\n"
            "  withdrawal: 申请人应当及时书面撤回承诺，原则上按原程序办理。\n",
            note={
                "zh": "“及时”没有时限，“原则上”留有例外",
                "en": "及时 has no time limit; 原则上 leaves exceptions open",
            },
            at=("21:20", "21:29"),
        ),
        Example(
            "commitment:\n  method: [written, electronic]\n  proxy_allowed: false\n"
            "  withdrawal: 申请人作出不实承诺的，承担相应的法律后果。\n",
            note={
                "zh": "没有写明是哪些后果（真实的告知承诺书常见的写法）",
                "en": "which consequences is not said (common in published commitment forms)",
            },
            at=("21:28",),
        ),
        Example(
            "conditions:\n  - text: 申请人应当从速提交补正材料。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            note={
                "zh": "akq.toml 用 extra-terms 增加了要检查的词“从速”",
                "en": "akq.toml adds 从速 to the words to check",
            },
            config='[lint.vague-term]\nextra-terms = ["从速"]\n',
            at=("16:16",),
        ),
    ),
    good=(
        Example(
            "verification:\n  power: 县民政局核查申请人所在单位的主要管理人员和从业人员名单，核查相关从业人员的劳动合同。\n"
            "  methods: [online, assisted]\n  timing: {amount: 7, unit: day, from: accepted}\n",
            note={
                "zh": "“相关从业人员”指回同一句已写明的从业人员",
                "en": "相关从业人员 points back to the 从业人员 the sentence named",
            },
        ),
        Example(
            "conditions:\n  - text: 申请人提交居民身份证、户口簿2项材料。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            note={"zh": "写明了数量", "en": "the count is stated"},
        ),
        Example(
            "conditions:\n  - text: 具有高中以上文化程度或者同等学力。\n    basis: 《中华人民共和国法律援助法》第四十一条\n  - text: 公民、法人和其他组织均可申请，等级评定为A级以上。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            note={"zh": "“同等”“其他组织”“等级”都不是模糊表述", "en": "同等, 其他组织 and 等级 are not vague"},
        ),
        Example(
            "verification:\n  power: 依据《中华人民共和国法律援助法》第四十一条的有关规定，法律援助机构可以向乡（镇）人民政府核实。\n"
            "  methods: [online, assisted]\n  timing: {amount: 7, unit: day, from: accepted}\n",
            note={"zh": "“有关规定”前面写明了文件和条款", "en": "有关规定 follows a named document and article"},
        ),
        Example(
            "verification:\n  power: 法律援助机构可以通过信息共享查询申请人的收入和财产信息。"
            "法律援助机构开展核查工作，有关部门、单位、村民委员会、居民委员会和个人应当予以配合。\n"
            "  methods: [online, assisted]\n  timing: {amount: 7, unit: day, from: accepted}\n",
            note={
                "zh": "照录《中华人民共和国法律援助法》第四十一条原文，akq.toml 用 allowed-phrases 允许了这个短语",
                "en": "quotes article 41 of the Legal Aid Law verbatim; akq.toml allows the phrase with allowed-phrases",
            },
            config='[lint.vague-term]\nallowed-phrases = ["有关部门、单位、村民委员会、居民委员会和个人应当予以配合"]\n',
        ),
    ),
    check=_check,
    options=OPTIONS,
)
