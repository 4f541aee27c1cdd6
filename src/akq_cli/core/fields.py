"""The item model, one declaration per field: what it holds and every place it shows.

Each `Field` says its key, its type, its Chinese and English name and
description, an example, and where it appears: the form section, the public
item page, the open-data column, the spreadsheet headings `akq import`
recognises, whether a change needs legal review, whether it may hold personal
data.  The JSON Schema (schemas/generate.py), `akq new`, the form, the site,
the open data, `akq import`, the semantic diff and docs/model.md are all built
from or checked against this list; tests/test_field_coverage.py fails when a
field is missing from an output without being declared left out of it.

The order of `ITEM` is the canonical key order `akq fmt` writes.  Objects
(commitment, liability …) and the entries of legal_basis carry their own
fields.  Plain data only: nothing here reads a file.

Adding a field: declare it here, run `python schemas/generate.py` and
`python -m akq_cli.core.fields docs/model.md`, then run the tests; the coverage
test names each output that still lacks it (the wording of a form section lives
in templates/form/wording.toml, a custom scaffold comment in templates/new_item/).
Run ``python -m akq_cli.core.fields docs/model.md [--check]`` to write (or check)
the reference page.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from akq_cli.core import timing, vocab
from akq_cli.core.files import atomic_write_bytes

# How a value is written; schemas/generate.py turns each into its JSON Schema.
Type = Literal[
    "text",  # a string that must say something (the schema rejects an empty one)
    "string",  # a string whose presence and emptiness a lint rule judges, not the schema
    "code",  # a string matching `pattern` (ids, department codes)
    "date",  # YYYY-MM-DD
    "enum",  # one of `enum`
    "enum_or_list",  # one of `enum`, or a list of them
    "boolean",
    "integer",  # a whole number; its bounds are a lint rule's to judge (the message can say why)
    "number",  # a whole or decimal number; likewise
    "text_list",  # a list of texts
    "text_or_list",  # a text, or a non-empty list of texts
    "enum_list",  # a non-empty list of distinct values of `enum`
    "code_list",  # a list of distinct strings matching `pattern`
    "object",  # the keys of `fields`
    "object_list",  # a list of objects with the keys of `fields` (or, with `shorthand`, plain texts)
]

KINDS = tuple(vocab.KIND)
CERT, LICENSE = KINDS
ID_PATTERN = "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
DEPT_PATTERN = "^[A-Z][A-Z0-9]*$"
DATE_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
MATTER_TYPES = ("行政许可", "行政确认", "行政给付", "行政奖励", "行政裁决", "公共服务", "其他行政权力")


@dataclass(frozen=True)
class LeftOut:
    """An output that deliberately does not show a field, and why (the coverage test accepts it)."""

    why: str


@dataclass(frozen=True)
class Form:
    """Where the commitment form prints a field: a section key of templates/form/wording.toml
    (or head / authority / commitment for the form's first and third parts), and the
    wording.toml text that labels it, which may use {label} for the field's name."""

    section: str
    text: str = ""


Place = Any  # str | Form | LeftOut | None: None means "as the enclosing field"


@dataclass(frozen=True)
class Field:
    key: str
    type: Type
    zh: str  # the name county staff read (the schema's title)
    en: str
    description: str  # what to write, in Chinese (the schema's description)
    description_en: str
    example: Any = None
    fields: tuple[Field, ...] = ()  # an object's keys, or the keys of each entry of an object_list
    entry_zh: str = ""  # object_list: the name of one entry
    shorthand: str = ""  # object_list: an entry may be a plain text, standing for {shorthand: text}
    enum: tuple[Any, ...] = ()
    pattern: str = ""  # code / code_list; for text, replaces the “not only blanks” pattern
    min_items: int = 0
    required: bool = False
    required_for: tuple[str, ...] = ()  # the kinds that must have it
    required_if: tuple[str, Any] | None = None  # (sibling key, value) that makes it required
    kinds: tuple[str, ...] = KINDS  # the kinds of item it belongs to (`akq new` writes it for these)
    label: str = ""  # a shorter name for the site and the open data; zh when empty
    # where it appears; None = as the enclosing field (top-level fields must say)
    form: Form | LeftOut | None = None
    site: bool | LeftOut | None = None
    column: str | LeftOut | None = None  # the open-data column heading
    leading_column: bool = False  # the open-data table puts it before the model's order (编号, 事项名称)
    import_headings: tuple[str, ...] | LeftOut | None = None
    legal_review: bool = False  # a change alters what an applicant commits to or risks
    personal_data: bool = False  # may hold an applicant's personal data: never published
    wording: bool = True  # top level: requirement wording the vague-term, catch-all … rules read (lint.rulekit)

    @property
    def name(self) -> str:
        return self.label or self.zh


def _codes(table: vocab.Names, end: str = "。") -> str:
    """“law 法律；administrative_regulation 行政法规；…。” from a vocabulary table."""
    return "；".join(f"{code} {names['zh']}" for code, names in table.items()) + end


def _text(key: str, zh: str, en: str, description: str, description_en: str, **kw: Any) -> Field:
    return Field(key, "text", zh, en, description, description_en, **kw)


def _string(key: str, zh: str, en: str, description: str, description_en: str, **kw: Any) -> Field:
    return Field(key, "string", zh, en, description, description_en, **kw)


_ONLY_ON_PAPER = LeftOut("告知承诺书上没有这一栏")
_NOT_IN_SHEETS = LeftOut("县里的清单没有这一列，导入后在文件中填写")
# Where the status fields appear: only on a stopped item's own public page (issue 12.4), never on a form or in a list.
_STOPPED: dict[str, Any] = {
    "form": LeftOut("已取消、暂停实施的事项不印制告知承诺书"),
    "site": LeftOut("只显示在已取消、暂停实施的事项页面上（网站列表只含已公布的事项）"),
    "column": LeftOut("开放数据只含已公布的事项"),
    "import_headings": LeftOut("导入的事项都是草稿"),
    "legal_review": True,
    "wording": False,
}

# fmt: off  (one field's declaration reads best a few attributes to a line)
ITEM: tuple[Field, ...] = (
    Field(
        "id", "code", "编号", "id",
        "事项编号，全目录唯一，并与文件名一致。格式：部门代码-类别-序号，例如 SFJ-ZM-001（证明事项）、SCJ-XK-001（涉企经营许可事项）。",
        "Unique in the catalog and equal to the file name: department-kind-number.",
        example="SFJ-ZM-001", pattern=ID_PATTERN, required=True,
        form=LeftOut("只写在文件属性（关键词）中"), site=True, column="编号", leading_column=True,
        import_headings=("事项编号",), wording=False,
    ),
    Field(
        "kind", "enum", "事项类型", "kind",
        "certification：证明事项；business_license：涉企经营许可事项。",
        "certification or business_license.",
        example=CERT, enum=KINDS, required=True,
        form=LeftOut("决定用哪一种告知承诺书"), site=True, column="事项类型",
        import_headings=LeftOut("由 --kind 或“二、涉企经营许可事项”这样的分组行决定；表格中的“事项类型”是行政事项类别"),
        wording=False,
    ),
    _string(
        "title", "事项名称", "title",
        "证明事项的证明名称（例如：无犯罪记录证明），或涉企经营许可事项的名称。",
        "The certification's name, or the license item's name.",
        example="无犯罪记录证明",
        form=Form("name"), site=True, column="事项名称", leading_column=True,
        import_headings=(
            "证明名称", "证明事项名称", "证明材料名称", "证明事项", "事项名称", "许可事项名称",
            "涉企经营许可事项名称", "告知承诺事项名称",
        ),
    ),
    _text(
        "matter", "申请事项名称", "matter",
        "该证明服务的行政事项名称（例如：申请法律援助），会印在告知承诺书标题下方的括号中。",
        "The administrative matter the proof serves; printed under the form's title.",
        example="申请法律援助", required=True, label="申请事项",
        form=Form("head"), site=True, column="申请事项",
        import_headings=(
            "申请事项", "申请事项名称", "办理事项", "行政事项", "行政事项名称", "涉及的行政事项", "适用事项", "服务事项",
            "政务服务事项名称", "对应政务服务事项", "涉及的政务服务事项",
        ),
    ),
    Field(
        "matter_type", "enum", "行政事项类别", "matter type",
        "依申请行政事项的类别，见工作方案“一、工作目标”。",
        "The class of administrative matter.",
        example="公共服务", enum=MATTER_TYPES, required=True,
        form=_ONLY_ON_PAPER, site=True, column="行政事项类别",
        import_headings=("行政事项类别", "事项类别", "权力类型", "事项类型", "行政权力类型"), wording=False,
    ),
    _text(
        "category", "领域", "category",
        "事项所属领域，例如：户籍管理、市场主体准营、资格考试、社会保险、社会救助、健康体检、法律服务。",
        "The policy area.",
        example="法律服务", required=True,
        form=_ONLY_ON_PAPER, site=True, column="领域",
        import_headings=("领域", "所属领域"), wording=False,
    ),
    Field(
        "department", "code", "办理机关", "department",
        "办理机关的部门代码，必须是 departments.yaml 中的 id，例如 SFJ（阿合奇县司法局）。",
        "The department's code from departments.yaml.",
        example="SFJ", pattern=DEPT_PATTERN, required=True,
        form=Form("authority"), site=True, column="办理机关",
        import_headings=(
            "办理机关", "实施机关", "实施部门", "责任单位", "责任部门", "主管部门", "承办单位", "行政机关", "部门",
            "索要单位", "索要部门", "索要机关", "证明索要单位",
        ),
        wording=False,
    ),
    _text(
        "issuer", "原出具机构", "issuer",
        "仅证明事项：实行告知承诺前由哪个机构出具该证明。",
        "Certification only: who issued the proof before.",
        example="申请人户籍所在地村（居）民委员会", required_for=(CERT,), kinds=(CERT,),
        form=LeftOut("告知承诺书范本中没有这一栏"), site=True, column="原出具机构",
        import_headings=("原出具机构", "出具机构", "出具单位", "开具单位", "开具机关", "证明开具单位", "开具部门", "出具部门"),
    ),
    _text(
        "purpose", "证明用途", "purpose",
        "该证明用于证明什么，例如：证明申请人符合法律援助经济困难标准。",
        "What the proof is used for.",
        example="证明申请人符合法律援助经济困难标准", required_for=(CERT,), kinds=(CERT,),
        form=Form("purpose"), site=True, column="证明用途",
        import_headings=("证明用途", "用途"),
    ),
    Field(
        "legal_basis", "object_list", "设定依据", "legal basis",
        "设定该证明或许可的法律、法规、规章或规范性文件，至少一条；每条写明文件全称（带书名号）和具体条款。",
        "The documents that set the proof or license, each with its article.",
        entry_zh="一条设定依据",
        fields=(
            _string(
                "document", "文件名称", "document",
                "文件全称，带书名号，例如：《中华人民共和国法律援助法》。",
                "The document's full title in 《》.",
                example="《中华人民共和国法律援助法》", required=True,
            ),
            _string(
                "article", "条款", "article",
                "具体条款，例如：第四十一条、第四十一条第一款、第二十二条第一款第三项。",
                "The article (paragraph, item).",
                example="第四十一条", required=True,
            ),
            Field(
                "level", "enum", "效力层级", "level", _codes(vocab.LEVEL), "The document's legal rank.",
                example="law", enum=tuple(vocab.LEVEL), required=True,
                form=LeftOut("告知承诺书只引文件名称和条款"),
            ),
        ),
        example=[{"document": "《中华人民共和国法律援助法》", "article": "第四十一条", "level": "law"}],
        form=Form("basis"), site=True, column="设定依据",
        import_headings=("设定依据", "法律依据", "依据", "政策依据", "设定及保留依据", "设定和保留依据", "保留依据", "索要依据"),
        legal_review=True, wording=False,
    ),
    _string(
        "content", "证明的内容／许可条件", "content",
        "证明事项：证明的具体内容；涉企经营许可事项：许可条件。要求可量化、易操作。",
        "What is certified, or the licensing conditions.",
        example="申请人家庭上一年度人均月收入低于阿合奇县最低生活保障标准的2倍。", label="证明内容／许可条件",
        form=Form("content"), site=True, column="证明内容／许可条件",
        import_headings=("证明内容", "证明的内容", "许可条件"),
    ),
    # --- traced conditions and applicant fill-in fields (issue 10.1, 10.2) ---------------------------------------
    Field(
        "conditions", "object_list", "申请人承诺符合的条件", "conditions",
        "申请人在承诺书中承诺已经符合的条件，每条一项，写明可核查的数量、期限或标准，不得使用“等”“相关”“其他”等模糊表述。"
        "每条写成 text（条件）和 basis（它依据的设定依据条款，文件须是 legal_basis 中的一项）；"
        "只写一句文字的条件没有追溯到条款，condition-untraced 规则会报告。",
        "What the applicant commits to meet, one per entry, each checkable, each traced to the article it rests on "
        "(text + basis); a plain string is an untraced condition.",
        entry_zh="一条条件", shorthand="text",
        fields=(
            _text(
                "text", "条件", "text",
                "申请人承诺符合的一项条件。", "One condition the applicant commits to meet.",
                example="截至申请之日，申请人已在阿合奇县连续居住满6个月。", required=True,
            ),
            Field(
                "basis", "text_or_list", "条件的依据", "basis",
                "这项条件依据的条款：《文件名称》第N条（第M款、第K项），文件名称须与 legal_basis 中的一项完全一致；"
                "依据几条时写成列表。",
                "The article the condition rests on, 《document》第N条[第M款][第K项], its document one of legal_basis; "
                "a list when several.",
                example="《中华人民共和国法律援助法》第四十一条", legal_review=True,
                form=LeftOut("告知承诺书的设定依据一节列出全部条款；每条条件的依据显示在网站事项页面和开放数据中"),
            ),
        ),
        example=[{"text": "截至申请之日，申请人已在阿合奇县连续居住满6个月。", "basis": "《中华人民共和国法律援助法》第四十一条"}],
        min_items=1, required_for=(CERT,), kinds=(CERT,),
        form=Form("commitment"), site=True, column="申请人承诺符合的条件",
        import_headings=("承诺内容", "承诺条件", "申请人承诺的条件"), legal_review=True,
    ),
    Field(
        "materials", "text_list", "材料要求", "materials",
        "涉企经营许可事项：实行告知承诺后仍需提交的材料，逐项列出，不得有兜底条款。",
        "Business license: the materials still required.",
        example=["营业执照复印件"], kinds=(LICENSE,),
        form=Form("materials"), site=True, column="材料要求",
        import_headings=("材料要求", "申请材料", "所需材料"),
    ),
    Field(
        "fill_in", "object_list", "申请人填写的信息", "fill-in fields",
        "除姓名、证件类型和号码、联系方式等标准栏目外，申请人还要在承诺书上填写的信息，每项一栏："
        "label 栏目名称（须出现在条件、证明内容或承诺文字中），type 类型，required 是否必填，"
        "checked_by 核查该信息的数据来源（verification.data_sources 中的一项）；"
        "表格（type: table）写明 columns 各列和 rows 印制的空白行数。没有时不写。",
        "What the applicant writes on the form beyond the standard block: label (it must appear in the conditions, "
        "content or commitment text), type, required, checked_by (one of verification.data_sources); a table has "
        "columns and rows.",
        entry_zh="一个填写栏目",
        fields=(
            _text("label", "栏目名称", "label", "印在承诺书上的栏目名称，例如：居住地址。", "The row's label.",
                  example="共同生活的家庭成员", required=True),
            Field(
                "type", "enum", "填写类型", "type", _codes(vocab.FILL_IN_TYPE), "What is written.",
                example="table", enum=tuple(vocab.FILL_IN_TYPE), required=True,
            ),
            Field(
                "required", "boolean", "是否必填", "required", "true 必填；false 选填（承诺书上注明“选填”）。",
                "Whether the applicant must fill it in.", example=True,
            ),
            _text(
                "checked_by", "核查数据来源", "checked by",
                "核查这一栏的数据来源，须是 verification.data_sources 中的一项。", "The data source that checks it.",
                example="公安机关人口信息管理系统",
                form=LeftOut("数据来源已印在告知承诺书的核查一节"),
            ),
            Field(
                "columns", "object_list", "表格的列", "columns",
                "type 为 table 时必填：表格的各列，每列写 label 和 type（不能再是 table）。", "A table's columns.",
                entry_zh="一列",
                fields=(
                    _text("label", "列名", "label", "列名，例如：姓名。", "The column's heading.",
                          example="居民身份证号码", required=True),
                    Field(
                        "type", "enum", "列的类型", "type", "同上，但不能是 table。", "As above, but not table.",
                        example="id_number", enum=tuple(t for t in vocab.FILL_IN_TYPE if t != "table"), required=True,
                        form=LeftOut("表格只印列名；类型用于核查和承诺台账"),
                    ),
                ),
                example=[{"label": "姓名", "type": "text"}, {"label": "居民身份证号码", "type": "id_number"}],
                required_if=("type", "table"),
            ),
            Field(
                "rows", "integer", "空白行数", "rows", "type 为 table 时必填：承诺书上印制的空白行数，1 到 20。",
                "A table's blank rows on the form, 1 to 20.",
                example=6, required_if=("type", "table"),
                site=LeftOut("空白行数只用于印制承诺书"), column=LeftOut("空白行数只用于印制承诺书"),
            ),
        ),
        example=[{
            "label": "共同生活的家庭成员", "type": "table", "required": True, "checked_by": "公安机关人口信息管理系统",
            "columns": [{"label": "姓名", "type": "text"}, {"label": "居民身份证号码", "type": "id_number"}], "rows": 6,
        }],
        form=Form("applicant"), site=True, column="申请人填写的信息",
        import_headings=LeftOut("县里的清单没有这一列；导入后按条件文字声明需要填写的栏目"),
        legal_review=True, wording=False,
    ),
    Field(
        "commitment", "object", "承诺", "commitment",
        "承诺方式、可否代为承诺和承诺撤回。",
        "How the applicant commits, proxies, and withdrawal.",
        required=True,
        fields=(
            Field(
                "method", "enum_or_list", "承诺方式", "method",
                "written 书面；electronic 电子；两种都可以时写成列表 [written, electronic]。",
                "written, electronic, or both as a list.",
                example="written", enum=tuple(vocab.METHOD), column="承诺方式",
            ),
            Field(
                "proxy_allowed", "boolean", "可否代为承诺", "proxy allowed",
                "true：可以代为承诺（须写明授权要求）；false：必须由申请人本人承诺。",
                "Whether someone else may commit for the applicant.",
                example=False, required=True, column="可否代为承诺", legal_review=True,
            ),
            _text(
                "proxy_requirements", "代为承诺的授权要求", "proxy requirements",
                "可以代为承诺时，代理人须提交的授权材料。",
                "The authorisation a proxy must show.",
                example="代理人须提交申请人签名的授权委托书和代理人本人的身份证件。",
                required_if=("proxy_allowed", True), column="代为承诺的授权要求",
            ),
            _text(
                "withdrawal", "承诺撤回", "withdrawal",
                "申请人在行政事项办结前撤回承诺的方式，以及撤回后按什么程序办理。",
                "How to withdraw before the decision, and what then applies.",
                example="在行政事项办结前，申请人有合理理由的，可以撤回承诺申请，撤回后应当按原程序办理。",
                required=True, column="承诺撤回",
            ),
        ),
        form=Form("method"), site=True, import_headings=_NOT_IN_SHEETS,
    ),
    Field(
        "liability", "object", "不实承诺的责任", "liability",
        "不实承诺可能承担的民事、行政、刑事责任和信用惩戒；是否齐全由 liability-missing 规则检查。",
        "Civil, administrative and criminal liability and credit penalties of a false commitment.",
        fields=(
            _string(
                "civil", "民事责任", "civil",
                "不实承诺应承担的民事责任，例如赔偿损失。", "Civil liability.",
                example="给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。",
                form=Form("liability", "liability_civil"), column="民事责任",
            ),
            _string(
                "administrative", "行政责任", "administrative",
                "不实承诺应承担的行政责任，例如撤销决定、行政处罚，写明依据。", "Administrative liability.",
                example="行政机关依照《中华人民共和国行政许可法》第六十九条撤销已作出的决定。",
                form=Form("liability", "liability_administrative"), column="行政责任",
            ),
            _string(
                "criminal", "刑事责任", "criminal",
                "涉嫌犯罪的，依法移送司法机关追究刑事责任，写明依据。", "Criminal liability.",
                example="涉嫌犯罪的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任。",
                form=Form("liability", "liability_criminal"), column="刑事责任",
            ),
            _string(
                "credit", "信用惩戒", "credit",
                "纳入信用记录、虚假承诺黑名单，以及信用修复方式。", "Credit record, blacklist and repair.",
                example="纳入阿合奇县人民政府公共信用信息目录，列入虚假承诺黑名单，信用修复后移出。",
                form=Form("liability", "liability_credit"), column="信用惩戒",
            ),
        ),
        form=Form("liability"), site=True, import_headings=_NOT_IN_SHEETS, legal_review=True,
    ),
    Field(
        "verification", "object", "核查", "verification",
        "行政机关的核查权力、方式、时限和数据来源。",
        "The body's power to verify, and how, when and with which data.",
        required=True,
        fields=(
            _string(
                "power", "行政机关核查权力", "power",
                "行政机关可以核查什么、怎样核查。", "What the body may check and how.",
                example="可以通过数据共享查询申请人的社会保险参保信息，申请人应当配合。", column="行政机关核查权力",
            ),
            Field(
                "methods", "enum_list", "核查方式", "methods", _codes(vocab.VERIFICATION), "How it checks.",
                example=["online"], enum=tuple(vocab.VERIFICATION), min_items=1, required=True,
                form=Form("verification", "verification_methods"), column="核查方式",
            ),
            # verification.timing (issue 13.2): structured so that the ledger can compute each deadline
            Field(
                "timing", "object", "核查时限", "timing",
                "核查期限：amount 数量、unit 单位、from 起算事件，例如 {amount: 15, unit: workday, from: accepted}；"
                "告知承诺书、网站和开放数据据此写成“受理后15个工作日内”。是否读得懂由 timing-unreadable 规则检查。",
                "The verification deadline: amount, unit and starting event; printed as 受理后15个工作日内.",
                example={"amount": 15, "unit": "workday", "from": "accepted"}, required=True,
                fields=(
                    Field(
                        "amount", "integer", "数量", "amount",
                        "正整数：多少日、工作日或个月。", "A positive whole number of days, working days or months.",
                        example=15, required=True,
                    ),
                    Field(
                        "unit", "enum", "单位", "unit",
                        "day 日（自然日）；workday 工作日（按国务院节假日安排，含调休上班日）；month 个月（自然月）。",
                        "day (calendar days), workday (working days on the Chinese calendar), month.",
                        example="workday", enum=tuple(timing.UNITS), required=True,
                    ),
                    Field(
                        "from", "enum", "起算", "from",
                        "accepted 受理；decided 作出决定（许可、审批等决定）；registered 登记（含备案登记）。"
                        "期限自该事件的次日起算。",
                        "accepted, decided or registered: the event the period counts from.",
                        example="accepted", enum=tuple(timing.STARTS), required=True,
                    ),
                ),
                form=Form("verification", "verification_timing"), column="核查时限",
            ),
            Field(
                "data_sources", "text_list", "核查数据来源", "data sources",
                "核查使用的共享平台或登记系统，例如：全国一体化在线政务服务平台。",
                "The sharing platforms or registers used.",
                example=["全国一体化在线政务服务平台"],
                form=Form("verification", "verification_sources"),
                column=LeftOut("开放数据表格按工作方案列出核查权力、方式和时限；数据来源见 catalog.json"),
            ),
        ),
        form=Form("verification"), site=True, import_headings=_NOT_IN_SHEETS,
    ),
    Field(
        "disclosure", "object", "承诺书公开", "disclosure",
        "承诺书是否公开，公开的范围和时限（公开时必填）。",
        "Whether the signed commitment is made public, where and how long.",
        fields=(
            Field(
                "public", "boolean", "承诺书是否公开", "public", "true 公开；false 不公开。", "Whether it is public.",
                example=True, column="承诺书是否公开",
            ),
            _string(
                "scope", "公开范围", "scope",
                "在哪里、向谁公开，例如：在阿合奇县人民政府网站公开。", "Where and to whom.",
                example="在阿合奇县人民政府网站告知承诺制专栏公开。", column="公开范围",
            ),
            _string(
                "period", "公开时限", "period",
                "公开多长时间，例如：自作出决定之日起1年。", "For how long.",
                example="自作出决定之日起1年", column="公开时限",
            ),
        ),
        form=Form("disclosure"), site=True, import_headings=_NOT_IN_SHEETS,
    ),
    Field(
        "risk_domain", "enum", "高风险领域", "risk domain",
        "事项属于工作方案排除的高风险领域时填写（此时不得实行告知承诺）；不属于时填 null。",
        "The excluded high-risk domain the item falls in, or null.",
        example=None, enum=(None, *vocab.RISK_DOMAIN),
        form=LeftOut("高风险领域的事项不实行告知承诺（excluded-domain 规则）"),
        site=LeftOut("高风险领域的事项不实行告知承诺，不会公开"),
        column=LeftOut("高风险领域的事项不实行告知承诺，不会公开"),
        import_headings=_NOT_IN_SHEETS, legal_review=True, wording=False,
    ),
    Field(
        "approval", "object", "批准情况", "approval",
        "涉企经营许可事项实行告知承诺制的批准：法律、行政法规、国务院决定设定的由国务院批准；"
        "地方性法规、政府规章设定的报县人民政府批准。",
        "Business license: who approved notification-commitment for it, by which document, when.",
        kinds=(LICENSE,),
        fields=(
            _text("authority", "批准机关", "authority", "例如：国务院、阿合奇县人民政府。", "The approving body.",
                  example="国务院", required=True),
            _text(
                "document", "批准文件", "document",
                "批准文件名称和文号，例如：《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）。",
                "The approving document and its number.",
                example="《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）", required=True,
            ),
            Field("date", "date", "批准日期", "date", "格式 YYYY-MM-DD。", "YYYY-MM-DD.",
                  example="2021-05-19", required=True),
        ),
        form=Form("basis", "approval"), site=True,
        column=LeftOut("开放数据表格不列批准情况；见事项页面和 catalog.json"),
        import_headings=_NOT_IN_SHEETS, wording=False,
    ),
    Field(
        "certifications", "code_list", "一并告知承诺的证明事项", "certifications",
        "涉企经营许可事项：其许可材料中同时实行告知承诺的证明事项编号，一次性告知和承诺。",
        "Business license: certification items whose proofs it also accepts by commitment.",
        example=["SCJ-ZM-001"], pattern=ID_PATTERN, kinds=(LICENSE,),
        form=Form("certifications"), site=True,
        column=LeftOut("开放数据表格不列一并告知的证明事项；见事项页面和 catalog.json"),
        import_headings=_NOT_IN_SHEETS, wording=False,
    ),
    Field(
        "on_the_spot_decision", "boolean", "当场作出决定", "on-the-spot decision",
        "涉企经营许可事项：申请人签署告知承诺书并按要求提交材料后，是否当场作出许可决定。",
        "Business license: whether the license is decided on the spot once the form is signed.",
        example=True, required_for=(LICENSE,), kinds=(LICENSE,),
        form=Form("decision"), site=True,
        column=LeftOut("开放数据表格不列是否当场决定；见事项页面和 catalog.json"),
        import_headings=_NOT_IN_SHEETS,
    ),
    Field(
        "status", "enum", "状态", "status", _codes(vocab.STATUS), "Where the item is in its life.",
        example="draft", enum=tuple(vocab.STATUS), required=True,
        form=LeftOut("只有状态为已公布的事项才印制、公开"),
        site=LeftOut("网站只列已公布的事项"), column=LeftOut("开放数据只含已公布的事项"),
        import_headings=LeftOut("导入的事项都是草稿"), legal_review=True, wording=False,
    ),
    # --- status fields (issues 10.4, 12.4): why and since when an item stopped; status-incomplete requires them ---
    Field(
        "status_since", "date", "状态起始日期", "status since",
        "状态为 withdrawn（已取消）或 suspended（暂停实施）时必填：自哪一天起取消或暂停，格式 YYYY-MM-DD。",
        "Required when withdrawn or suspended: the date it took effect, YYYY-MM-DD.",
        example="2026-07-01",
        **_STOPPED,
    ),
    _string(
        "status_reason", "取消或暂停的原因", "status reason",
        "状态为 withdrawn 或 suspended 时必填：为什么取消或暂停，写明依据，例如：《中华人民共和国社会救助法》第六十二条第二款"
        "规定可以通过核对机制核对的信息不得要求申请人提供。",
        "Required when withdrawn or suspended: why, with its legal basis.",
        example="《中华人民共和国社会救助法》第六十二条第二款规定，可以通过居民家庭经济状况核对机制核对的信息，不得要求申请人提供证明。",
        **_STOPPED,
    ),
    _string(
        "replaced_by", "替代方式", "replaced by",
        "可选：取代本事项的事项编号（例如 MZJ-ZM-004），或一句话说明以什么方式替代该证明，"
        "例如：由民政部门通过居民家庭经济状况核对机制核对。",
        "Optional: the id of the item that replaces this one, or a short text saying what replaces the proof.",
        example="由民政部门通过居民家庭经济状况核对机制核对",
        **_STOPPED,
    ),
    Field(
        "effective_date", "date", "施行日期", "effective date", "格式 YYYY-MM-DD，例如 2021-05-01。", "YYYY-MM-DD.",
        example="2021-05-01",
        form=LeftOut("只写在文件属性（创建日期）中"), site=True, column="施行日期",
        import_headings=_NOT_IN_SHEETS, wording=False,
    ),
    # --- issue 11: where an imported draft came from (akq import) ---
    # A field, not comments: re-import finds its own drafts by file and row, and `akq fmt` or a hand edit
    # cannot drop a value the way it can drop a comment.  Flagged personal_data, so catalog.json never carries
    # it: a sheet's unmapped cells (联系人, 联系电话, 备注) may name a person.
    Field(
        "source", "object", "导入来源", "import source",
        "由 akq import 写入：来自哪个表格文件、哪个工作表、第几行，以及没有对应字段的单元格（表头和内容），"
        "以免表格中的内容丢失。不印在告知承诺书上，也不公开；核对完可以删除。",
        "Written by akq import: the sheet file, worksheet and row, and the cells no field took (heading and value).",
        fields=(
            _text("file", "表格文件", "file", "导入的表格文件名。", "The spreadsheet's file name.",
                  example="公安局保留证明事项清单.xlsx", required=True),
            _string("sheet", "工作表", "sheet", "工作表名称（CSV 文件没有）。", "The worksheet (none for CSV).",
                    example="证明事项清单"),
            Field("row", "integer", "行号", "row", "表格中的行号，与 Excel 中显示的一致。", "The row number as Excel shows it.",
                  example=5, required=True),
            Field(
                "cells", "object_list", "未对应字段的单元格", "unmapped cells",
                "表格中没有对应字段的列：表头和这一行的内容，原样保留。", "Columns no field took: heading and this row's value.",
                entry_zh="一个单元格",
                fields=(
                    _text("heading", "表头", "heading", "列的表头；多行表头用“/”连接，例如 实施基本情况/备注。",
                          "The column heading; a multi-row heading joined with '/'.", example="备注", required=True),
                    _string("value", "内容", "value", "这一行在该列的内容。", "This row's value in the column.",
                            example="需到现场核验原件"),
                ),
                example=[{"heading": "备注", "value": "需到现场核验原件"}],
            ),
            _string("digest", "导入指纹", "digest",
                    "导入时内容的指纹：再次导入同一表格时，指纹相同说明草稿没有人工修改过，可以直接更新。请勿修改。",
                    "A fingerprint of the imported content: re-import updates a draft whose content still matches it.",
                    example="3f2a9c0d1e4b5a67"),
        ),
        form=LeftOut("导入来源只供核对，不印在告知承诺书上"), site=LeftOut("导入来源只供核对，不公开"),
        column=LeftOut("导入来源只供核对，不公开"), import_headings=LeftOut("由 akq import 自动写入"),
        personal_data=True, wording=False,
    ),
)
# fmt: on


def walk(fields: tuple[Field, ...] = ITEM, parent: tuple[Field, ...] = ()) -> Iterator[tuple[tuple[Field, ...], Field]]:
    """(ancestors, field) for every field, depth first, in the model's order."""
    for f in fields:
        yield parent, f
        yield from walk(f.fields, (*parent, f))


def path_of(ancestors: tuple[Field, ...], f: Field) -> str:
    """``liability.civil``: how docs, tests and messages name a nested field."""
    return ".".join([*(a.key for a in ancestors), f.key])


BY_PATH: dict[str, Field] = {path_of(a, f): f for a, f in walk()}


def get(path: str) -> Field:
    return BY_PATH[path]


def place(ancestors: tuple[Field, ...], f: Field, output: str) -> Any:
    """Where ``output`` (form, site, column, import_headings) shows the field: its own declaration,
    else the nearest enclosing field's."""
    for candidate in (f, *reversed(ancestors)):
        value = getattr(candidate, output)
        if value is not None:
            return value
    return None


def shows(ancestors: tuple[Field, ...], f: Field, output: str) -> bool:
    value = place(ancestors, f, output)
    return value is not None and value is not False and not isinstance(value, LeftOut)


def legal_review(path: str) -> bool:
    """Whether a change at ``path`` (keys joined by '.', list indexes left out) needs legal review:
    the field or one that encloses it is flagged, or it is an object holding a flagged field."""
    parts = path.split(".")
    fields = ITEM
    for part in parts:
        found = next((f for f in fields if f.key == part), None)
        if found is None:
            return False
        if found.legal_review:
            return True
        fields = found.fields
    return any(f.legal_review for _, f in walk(fields))


def column_fields() -> list[tuple[str, Field]]:
    """(path, field) of each open-data column: leading ones first, then in the model's order."""
    found = [(path_of(a, f), f) for a, f in walk() if isinstance(f.column, str)]
    return [pf for pf in found if pf[1].leading_column] + [pf for pf in found if not pf[1].leading_column]


def import_headings() -> dict[str, str]:
    """Spreadsheet heading -> top-level key, for `akq import`."""
    return {h: f.key for f in ITEM if isinstance(f.import_headings, tuple) for h in f.import_headings}


def personal_keys() -> frozenset[str]:
    return frozenset(f.key for f in ITEM if f.personal_data)


# --- docs/model.md ------------------------------------------------------------------------------------------

_TYPE_ZH = {
    "text": "文字（必填时不能为空）",
    "string": "文字",
    "code": "代码",
    "date": "日期 YYYY-MM-DD",
    "enum": "可选值之一",
    "enum_or_list": "可选值之一，或其列表",
    "boolean": "true / false",
    "integer": "整数",
    "number": "数字",
    "text_list": "文字列表",
    "text_or_list": "文字，或文字列表",
    "enum_list": "可选值列表",
    "code_list": "编号列表",
    "object": "分项",
    "object_list": "分项列表",
}
_SHORTHAND_ZH = "分项列表（每项也可以只写一句文字）"
_KIND_ZH = {k: v["zh"] for k, v in vocab.KIND.items()}


def _where(value: Any) -> str:
    if value is None:
        return "同上级"
    if isinstance(value, LeftOut):
        return f"—（{value.why}）"
    if isinstance(value, Form):
        return value.section
    if value is True:
        return "显示"
    if isinstance(value, tuple):
        return "、".join(value)
    return str(value)


def _required(f: Field) -> str:
    if f.required:
        return "必填"
    if f.required_for:
        return "、".join(_KIND_ZH[k] for k in f.required_for) + "必填"
    if f.required_if:
        return f"{f.required_if[0]} 为 {str(f.required_if[1]).lower()} 时必填"
    return "可选"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def model_page() -> str:
    """docs/model.md: every field of an item, for county staff (Chinese) with a short English note."""
    out = [
        "<!-- 本页由 `python -m akq_cli.core.fields docs/model.md` 根据 src/akq_cli/core/fields.py 生成，请勿手改。 -->",
        "",
        "# 事项格式说明（字段参考）",
        "",
        "一个事项一个文件（`catalog/items/部门代码/编号.yaml`）。下表按 `akq fmt` 排列的顺序列出每个字段：",
        "键名、中文名称、填写要求和例子，以及它出现在哪里——告知承诺书的哪一节、公开网站、开放数据表格"
        "（catalog.csv / catalog.xlsx）的哪一列、`akq import` 认得的表头，修改后是否需要法律审核。"
        "带“.”的键是上一级字段的分项，例如 `liability.civil` 写在 `liability:` 下面。"
        "“告知承诺书”一栏是 `templates/form/wording.toml` 中的小节代号（head 为标题下方，authority 为行政机关一栏，"
        "commitment 为“三、申请人承诺”），“—”表示不出现，括号中是原因。",
        "",
        "> English: the item model reference, generated from `src/akq_cli/core/fields.py` (the field registry). Each"
        " field lists its key, type, Chinese name and description, an example, and where it appears: the form"
        " section, the public site, the open-data column, `akq import` headings, and whether a change needs legal"
        " review. Keys are English snake_case; values are Chinese text.",
        "",
        "“必填”是事项格式（`schemas/item.schema.json`）的要求，分项在上一级字段存在时必填；许多“可选”字段"
        "由 `akq lint` 的规则要求写明（例如 `liability-missing` 要求写明民事、行政、刑事责任），见 `docs/rules/`。",
        "",
        "| 键 | 名称 | 类型 | 必填 | 适用 |",
        "|---|---|---|---|---|",
    ]
    for ancestors, f in walk():
        top = ancestors[0] if ancestors else f
        kinds = "全部" if set(top.kinds) == set(KINDS) else "、".join(_KIND_ZH[k] for k in top.kinds)
        kind_zh = _SHORTHAND_ZH if f.shorthand else _TYPE_ZH[f.type]
        out.append(f"| `{path_of(ancestors, f)}` | {f.zh} | {kind_zh} | {_required(f)} | {kinds} |")
    out.append("")
    for ancestors, f in walk():
        path = path_of(ancestors, f)
        out += ["", f"## `{path}` {f.zh}", "", f.description, "", f"*{f.en}*: {f.description_en}", ""]
        if f.enum:
            out.append("可选值：" + "、".join("null" if v is None else f"`{v}`" for v in f.enum))
            out.append("")
        if f.example is not None:
            out += ["例如：", "", "```yaml", f"{f.key}: {json.dumps(f.example, ensure_ascii=False)}", "```", ""]
        rows = [
            ("告知承诺书", _where(place(ancestors, f, "form"))),
            ("公开网站", _where(place(ancestors, f, "site"))),
            ("开放数据列", _where(place(ancestors, f, "column"))),
            ("akq import 表头", _where(place(ancestors, f, "import_headings"))),
            ("修改需法律审核", "是" if legal_review(path) else "否"),
            ("可能含个人信息", "是" if f.personal_data else "否"),
        ]
        out += ["| 出现在 | |", "|---|---|", *(f"| {k} | {_cell(v)} |" for k, v in rows)]
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    """python -m akq_cli.core.fields docs/model.md [--check]"""
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    target = Path(paths[0]) if paths else Path("docs/model.md")
    text = model_page()
    if check:
        current = target.read_text("utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run python -m akq_cli.core.fields {target}", file=sys.stderr)
            return 1
        return 0
    atomic_write_bytes(target, text.encode())
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
