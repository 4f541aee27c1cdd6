"""Generate schemas/*.schema.json.

The schemas are data that editors and other tools read, so they are committed
as JSON; this script is how they are written, so that the shared definitions
(non-empty text, document numbers) stay the same in all three.  The item schema
is built from the field registry (src/akq_cli/core/fields.py), the plan schema
from src/akq_cli/core/plan_fields.py: add or change a field there, not here.
Run: python schemas/generate.py  (or with --check, which fails when a committed schema is stale)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's akq_cli, not an installed one

from akq_cli.core import fields, plan_fields
from akq_cli.core.fields import Field

OUT = Path(__file__).resolve().parent
BASE = "https://akq.example.invalid/schemas/"  # identifiers only; never fetched
DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = fields.DATE_PATTERN


def text(title: str, description: str, **extra: object) -> dict:
    return {"type": "string", "title": title, "description": description, "minLength": 1, "pattern": "\\S", **extra}


def opt_text(title: str, description: str, **extra: object) -> dict:
    """Text whose presence and emptiness a lint rule judges (not the schema)."""
    return {"type": "string", "title": title, "description": description, **extra}


def text_list(title: str, description: str, min_items: int = 0) -> dict:
    d = {
        "type": "array",
        "title": title,
        "description": description,
        "items": {"type": "string", "minLength": 1, "pattern": "\\S"},
    }
    if min_items:
        d["minItems"] = min_items
    return d


def field_schema(f: Field) -> dict:
    """The JSON Schema of one registry field (akq_cli.core.fields)."""
    if f.type == "text":
        return text(f.zh, f.description, **({"pattern": f.pattern} if f.pattern else {}))
    if f.type == "string":
        return opt_text(f.zh, f.description)
    if f.type in ("code", "date"):
        pattern = f.pattern or DATE_PATTERN
        return {"type": "string", "title": f.zh, "description": f.description, "pattern": pattern}
    if f.type == "enum":
        return {"title": f.zh, "description": f.description, "enum": list(f.enum)}
    if f.type == "enum_or_list":
        values = list(f.enum)
        return {
            "title": f.zh,
            "description": f.description,
            "oneOf": [{"enum": values}, {"type": "array", "items": {"enum": values}, "minItems": 1, "uniqueItems": True}],
        }
    if f.type == "boolean":
        return {"type": "boolean", "title": f.zh, "description": f.description}
    if f.type in ("integer", "number"):
        return {"type": f.type, "title": f.zh, "description": f.description}
    if f.type == "text_list":
        return text_list(f.zh, f.description, f.min_items)
    if f.type == "text_or_list":
        one = {"type": "string", "minLength": 1, "pattern": "\\S"}
        return {"title": f.zh, "description": f.description, "oneOf": [one, {"type": "array", "minItems": 1, "items": one}]}
    if f.type == "enum_list":
        return {
            "type": "array",
            "title": f.zh,
            "description": f.description,
            "minItems": f.min_items,
            "uniqueItems": True,
            "items": {"enum": list(f.enum)},
        }
    if f.type == "code_list":
        return {
            "type": "array",
            "title": f.zh,
            "description": f.description,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": f.pattern},
        }
    if f.type == "object":
        return {"type": "object", "title": f.zh, "description": f.description, **members(f.fields)}
    if f.type == "object_list":
        entry: dict = {"type": "object", "title": f.entry_zh, **members(f.fields)}
        d = {"type": "array", "title": f.zh, "description": f.description, "items": entry}
        if f.shorthand:  # a plain text stands for {shorthand: text}; the object keywords apply to objects only
            d["items"] = {**entry, "type": ["string", "object"], "minLength": 1, "pattern": "\\S"}
            d["minItems"] = f.min_items  # as when conditions were a text_list
        return d
    raise ValueError(f"{f.key}: unknown type {f.type}")


def members(children: tuple[Field, ...]) -> dict:
    """additionalProperties, required, properties and the if/then of an object's fields."""
    out: dict = {"additionalProperties": False}
    required = [f.key for f in children if f.required]
    if required:
        out["required"] = required
    out["properties"] = {f.key: field_schema(f) for f in children}
    conditional: dict[tuple, list[str]] = {}
    for f in children:
        if f.required_if:
            conditional.setdefault(f.required_if, []).append(f.key)
    rules = [
        {"if": {"properties": {key: {"const": value}}, "required": [key]}, "then": {"required": keys}}
        for (key, value), keys in conditional.items()
    ]
    if len(rules) == 1:
        out.update(rules[0])
    elif rules:
        out["allOf"] = rules
    return out


def by_kind(children: tuple[Field, ...]) -> list[dict]:
    """What each kind of item must have besides the common required keys."""
    rules = []
    for kind in fields.KINDS:
        required = [f.key for f in children if kind in f.required_for]
        if required:
            rules.append(
                {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": {"required": required}}
            )
    return rules


body = members(fields.ITEM)
item = {
    "$schema": DRAFT,
    "$id": BASE + "item.schema.json",
    "title": "告知承诺事项",
    "description": "阿合奇县证明事项和涉企经营许可事项告知承诺制目录中的一个事项，一个文件一个事项。"
    "七项书面告知要素（事项名称、设定依据、证明内容或许可条件和材料要求、承诺方式、不实承诺责任、核查权力、公开情况）"
    "是否齐全由 akq lint 的 notification-incomplete 和 liability-missing 规则检查。",
    "type": "object",
    **body,
    "allOf": by_kind(fields.ITEM),
}
contact = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "organization", "phone"],
    "properties": {
        "name": text("联系人", "联系人姓名。"),
        "organization": text("单位", "联系人所在单位。"),
        "phone": text("办公电话", "办公电话（固定电话），不要填写个人手机号。"),
    },
}

standard_block = {
    "type": "object",
    "additionalProperties": False,
    "required": ["applicable_objects", "effect", "liability_intro"],
    "properties": {
        "applicable_objects": text("告知承诺适用对象", "告知承诺书“告知承诺适用对象”一节的固定文字。"),
        "effect": text("承诺的效力", "告知承诺书“承诺的效力”一节的固定文字。"),
        "liability_intro": text("不实承诺的责任（引言）", "“不实承诺的责任”一节开头关于公共信用信息目录的固定文字。"),
    },
}

catalog = {
    "$schema": DRAFT,
    "$id": BASE + "catalog.schema.json",
    "title": "目录总体信息",
    "description": "catalog/catalog.yaml：发布机关、工作方案文号、联系人、公开网站地址，以及每份告知承诺书重复使用的固定文字。",
    "type": "object",
    "additionalProperties": False,
    "required": ["government", "document", "site", "contacts", "standard_text"],
    "properties": {
        "government": text("发布机关", "例如：阿合奇县人民政府。"),
        "region": text("行政区划", "例如：新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿合奇县。"),
        "document": {
            "type": "object",
            "title": "工作方案",
            "description": "印发工作方案的文件。",
            "additionalProperties": False,
            "required": ["number", "title", "date"],
            "properties": {
                "number": text("文号", "例如：阿政办发〔2021〕6号（六角括号）。"),
                "title": text("文件标题", "文件的完整标题。"),
                "date": {"type": "string", "title": "印发日期", "description": "格式 YYYY-MM-DD。", "pattern": DATE_PATTERN},
            },
        },
        "site": {
            "type": "object",
            "title": "公开网站",
            "description": "公开目录页面的标题和网址，以及网站管理员填写的门户链接和页脚信息（主办单位、承办单位、网站标识码、备案号、联系方式）。",
            "additionalProperties": False,
            "required": ["title", "base_url"],
            "properties": {
                "title": text("页面标题", "公开目录页面的标题。"),
                "base_url": text("网址", "公开目录所在的网址，以 / 结尾。", pattern="^https?://.+/$"),
                # What a county government site must carry (政府网站发展指引): the webmaster sets it here,
                # not in the templates. No analytics field on purpose: the site loads nothing from elsewhere.
                "portal": text("门户网站", "页头“阿合奇县人民政府”链接到的县政府门户网站地址，例如 https://www.xjahq.gov.cn/。",
                               pattern="^https?://.+"),
                "sponsor": text("主办单位", "页脚“主办单位”，例如：阿合奇县人民政府办公室。"),
                "organizer": text("承办单位", "页脚“承办单位”，例如：阿合奇县司法局。"),
                "site_code": text("网站标识码", "政府网站标识码（10 位），由政府网站信息报送系统分配，加引号按文字填写。"),
                "icp": text("ICP 备案号", "页脚的 ICP 备案号，例如：新ICP备05000000号-1，链接到工业和信息化部备案系统。"),
                "police_record": text(
                    "公安机关备案号",
                    "页脚的公安机关备案号，例如：新公网安备 65302302000001号，链接到全国互联网安全管理服务平台按其中数字查询。",
                ),
                "contact": text("联系方式", "页脚的网站联系方式，例如：0908-5622412（办公电话）或电子邮箱。"),
            },
        },
        "contacts": {"type": "array", "title": "联系人", "description": "工作方案中的联系人。", "items": contact},
        "search_terms": {
            "type": "object",
            "title": "搜索用语",
            "description": "群众常说的词和目录中的正式说法，例如 社保: [社会保险]、低保: [最低生活保障]。公开网站的搜索把前者也当作后者查找。"
            "事项自己的常用名称写在事项的 aliases 中，部门的简称写在 departments.yaml 的 short_names 中。",
            "additionalProperties": text_list("正式说法", "目录中的正式说法，一个或几个。", 1),
        },
        "publish": {
            "type": "object",
            "title": "发布",
            "description": "akq publish 的设置。",
            "additionalProperties": False,
            "properties": {
                # Absolute only: a relative path would be read from wherever akq runs, and would
                # most likely land inside the repository or the web root.
                "store": text(
                    "版本库目录",
                    "akq publish 保存各个版本的目录，必须在网站目录以外，写绝对路径（以 / 或 ~ 开头），例如 /srv/akq-versions。"
                    "不写时为 ~/.local/share/akq/publish/<发布路径的摘要>。",
                    pattern="^(/|~)",
                ),
            },
        },
        "standard_text": {
            "type": "object",
            "title": "固定文字",
            "description": "每份告知承诺书重复使用的县级统一表述，修改这里即可，不需要改代码。",
            "additionalProperties": False,
            "required": ["certification", "business_license", "copies_note"],
            "properties": {
                "certification": {**standard_block, "title": "证明事项固定文字", "description": "证明事项告知承诺书使用。"},
                "business_license": {
                    **standard_block,
                    "title": "涉企经营许可事项固定文字",
                    "description": "涉企经营许可事项告知承诺书使用。",
                },
                "credit_exclusion": text("不适用情形", "有较严重不良信用记录或曾作出虚假承诺的申请人在信用修复前不适用告知承诺制。"),
                "withdrawal": text("承诺撤回（通用）", "撤回承诺的通用表述。"),
                "copies_note": text("份数说明", "例如：本文书一式两份，行政机关与申请人各执一份。"),
            },
        },
    },
}

departments = {
    "$schema": DRAFT,
    "$id": BASE + "departments.schema.json",
    "title": "办理机关",
    "description": "catalog/departments.yaml：每个部门一条，事项的 department 字段引用这里的 id。",
    "type": "object",
    "additionalProperties": False,
    "required": ["departments"],
    "properties": {
        "departments": {
            "type": "array",
            "title": "部门列表",
            "description": "每个部门一条。",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name", "phone"],
                "properties": {
                    "id": {"type": "string", "title": "部门代码", "description": "大写字母缩写，例如 SFJ。", "pattern": "^[A-Z][A-Z0-9]*$"},
                    "name": text("部门名称", "全称，例如：阿合奇县司法局。"),
                    "phone": text("联系电话", "办公电话（固定电话），印在告知承诺书“行政机关”一栏。"),
                    "address": text("地址", "办公地址（可选）。"),
                    "short_names": {**text_list("简称", "群众常说的部门名称（可选），例如：公安局、人社局、县民政局。公开网站的搜索按这些名称找到本部门的事项。"),
                                    "uniqueItems": True},
                },
            },
        }
    },
}

plan = {
    "$schema": DRAFT,
    "$id": BASE + "plan.schema.json",
    "title": "双随机抽查计划",
    "description": "catalog/plans/<年度>/<部门代码>-<序号>.yaml：一项“双随机、一公开”抽查计划（抽查什么、依据、名录及其 SHA-256、"
    "抽取比例、执法人员和回避、公开随机数）。比例、人数和日期是否合规由 akq lint 的 plan-* 规则检查。",
    "type": "object",
    **members(plan_fields.PLAN),
}

SCHEMAS = {"item": item, "catalog": catalog, "departments": departments, "plan": plan}


def rendered(name: str) -> str:
    return json.dumps(SCHEMAS[name], ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    stale = []
    for name in SCHEMAS:
        path = OUT / f"{name}.schema.json"
        if "--check" in argv:
            if not path.is_file() or path.read_text("utf-8") != rendered(name):
                stale.append(path)
            continue
        path.write_text(rendered(name), encoding="utf-8")
        print(path)
    for path in stale:
        print(f"{path} is out of date: run python schemas/generate.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
