"""Generate schemas/*.schema.json.

The schemas are data that editors and other tools read, so they are committed
as JSON; this script is how they are written, so that the shared definitions
(non-empty text, document numbers) stay the same in all three.
Run: python schemas/generate.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent
BASE = "https://akq.example.invalid/schemas/"  # identifiers only; never fetched
DRAFT = "https://json-schema.org/draft/2020-12/schema"


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


ID_PATTERN = "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
DATE_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
METHODS = ["written", "electronic"]

item = {
    "$schema": DRAFT,
    "$id": BASE + "item.schema.json",
    "title": "告知承诺事项",
    "description": "阿合奇县证明事项和涉企经营许可事项告知承诺制目录中的一个事项，一个文件一个事项。"
    "七项书面告知要素（事项名称、设定依据、证明内容或许可条件和材料要求、承诺方式、不实承诺责任、核查权力、公开情况）"
    "是否齐全由 akq lint 的 notification-incomplete 和 liability-missing 规则检查。",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "kind", "matter", "matter_type", "category", "department", "commitment", "verification", "status"],
    "properties": {
        "id": {
            "type": "string",
            "title": "编号",
            "description": "事项编号，全目录唯一，并与文件名一致。格式：部门代码-类别-序号，例如 SFJ-ZM-001（证明事项）、SCJ-XK-001（涉企经营许可事项）。",
            "pattern": ID_PATTERN,
        },
        "kind": {
            "title": "事项类型",
            "description": "certification：证明事项；business_license：涉企经营许可事项。",
            "enum": ["certification", "business_license"],
        },
        "title": opt_text("事项名称", "证明事项的证明名称（例如：无犯罪记录证明），或涉企经营许可事项的名称。"),
        "matter": text("申请事项名称", "该证明服务的行政事项名称（例如：申请法律援助），会印在告知承诺书标题下方的括号中。"),
        "matter_type": {
            "title": "行政事项类别",
            "description": "依申请行政事项的类别，见工作方案“一、工作目标”。",
            "enum": ["行政许可", "行政确认", "行政给付", "行政奖励", "行政裁决", "公共服务", "其他行政权力"],
        },
        "category": text("领域", "事项所属领域，例如：户籍管理、市场主体准营、资格考试、社会保险、社会救助、健康体检、法律服务。"),
        "department": {
            "type": "string",
            "title": "办理机关",
            "description": "办理机关的部门代码，必须是 departments.yaml 中的 id，例如 SFJ（阿合奇县司法局）。",
            "pattern": "^[A-Z][A-Z0-9]*$",
        },
        "issuer": text("原出具机构", "仅证明事项：实行告知承诺前由哪个机构出具该证明。"),
        "purpose": text("证明用途", "该证明用于证明什么，例如：证明申请人符合法律援助经济困难标准。"),
        "legal_basis": {
            "type": "array",
            "title": "设定依据",
            "description": "设定该证明或许可的法律、法规、规章或规范性文件，至少一条；每条写明文件全称（带书名号）和具体条款。",
            "items": {
                "type": "object",
                "title": "一条设定依据",
                "additionalProperties": False,
                "required": ["document", "article", "level"],
                "properties": {
                    "document": opt_text("文件名称", "文件全称，带书名号，例如：《中华人民共和国法律援助法》。"),
                    "article": opt_text("条款", "具体条款，例如：第四十一条、第四十一条第一款、第二十二条第一款第三项。"),
                    "level": {
                        "title": "效力层级",
                        "description": "law 法律；administrative_regulation 行政法规；state_council_decision 国务院决定；"
                        "departmental_rule 部门规章；local_regulation 地方性法规；local_government_rule 地方政府规章；normative_document 规范性文件。",
                        "enum": [
                            "law",
                            "administrative_regulation",
                            "state_council_decision",
                            "departmental_rule",
                            "local_regulation",
                            "local_government_rule",
                            "normative_document",
                        ],
                    },
                },
            },
        },
        "content": opt_text("证明的内容／许可条件", "证明事项：证明的具体内容；涉企经营许可事项：许可条件。要求可量化、易操作。"),
        "conditions": text_list(
            "申请人承诺符合的条件",
            "申请人在承诺书中承诺已经符合的条件，每条一项，写明可核查的数量、期限或标准，不得使用“等”“相关”“其他”等模糊表述。",
            1,
        ),
        "materials": text_list("材料要求", "涉企经营许可事项：实行告知承诺后仍需提交的材料，逐项列出，不得有兜底条款。"),
        "commitment": {
            "type": "object",
            "title": "承诺",
            "description": "承诺方式、可否代为承诺和承诺撤回。",
            "additionalProperties": False,
            "required": ["proxy_allowed", "withdrawal"],
            "properties": {
                "method": {
                    "title": "承诺方式",
                    "description": "written 书面；electronic 电子；两种都可以时写成列表 [written, electronic]。",
                    "oneOf": [
                        {"enum": METHODS},
                        {"type": "array", "items": {"enum": METHODS}, "minItems": 1, "uniqueItems": True},
                    ],
                },
                "proxy_allowed": {
                    "type": "boolean",
                    "title": "可否代为承诺",
                    "description": "true：可以代为承诺（须写明授权要求）；false：必须由申请人本人承诺。",
                },
                "proxy_requirements": text("代为承诺的授权要求", "可以代为承诺时，代理人须提交的授权材料。"),
                "withdrawal": text("承诺撤回", "申请人在行政事项办结前撤回承诺的方式，以及撤回后按什么程序办理。"),
            },
            "if": {"properties": {"proxy_allowed": {"const": True}}, "required": ["proxy_allowed"]},
            "then": {"required": ["proxy_requirements"]},
        },
        "liability": {
            "type": "object",
            "title": "不实承诺的责任",
            "description": "不实承诺可能承担的民事、行政、刑事责任和信用惩戒；是否齐全由 liability-missing 规则检查。",
            "additionalProperties": False,
            "properties": {
                "civil": opt_text("民事责任", "不实承诺应承担的民事责任，例如赔偿损失。"),
                "administrative": opt_text("行政责任", "不实承诺应承担的行政责任，例如撤销决定、行政处罚，写明依据。"),
                "criminal": opt_text("刑事责任", "涉嫌犯罪的，依法移送司法机关追究刑事责任，写明依据。"),
                "credit": opt_text("信用惩戒", "纳入信用记录、虚假承诺黑名单，以及信用修复方式。"),
            },
        },
        "verification": {
            "type": "object",
            "title": "核查",
            "description": "行政机关的核查权力、方式、时限和数据来源。",
            "additionalProperties": False,
            "required": ["methods", "timing"],
            "properties": {
                "power": opt_text("行政机关核查权力", "行政机关可以核查什么、怎样核查。"),
                "methods": {
                    "type": "array",
                    "title": "核查方式",
                    "description": "online 在线核查；on_site 现场核查；assisted 协助核查；random_inspection “双随机、一公开”抽查。",
                    "minItems": 1,
                    "uniqueItems": True,
                    "items": {"enum": ["online", "on_site", "assisted", "random_inspection"]},
                },
                "timing": text(
                    "核查时限",
                    "写明天数或月数，例如：受理后5个工作日内、作出决定后3个月内。",
                    pattern="[0-9０-９]+ *个? *(工作日|日|天|小时|个月|月|年)",
                ),
                "data_sources": text_list("核查数据来源", "核查使用的共享平台或登记系统，例如：全国一体化在线政务服务平台。"),
            },
        },
        "disclosure": {
            "type": "object",
            "title": "承诺书公开",
            "description": "承诺书是否公开，公开的范围和时限（公开时必填）。",
            "additionalProperties": False,
            "properties": {
                "public": {"type": "boolean", "title": "承诺书是否公开", "description": "true 公开；false 不公开。"},
                "scope": opt_text("公开范围", "在哪里、向谁公开，例如：在阿合奇县人民政府网站公开。"),
                "period": opt_text("公开时限", "公开多长时间，例如：自作出决定之日起1年。"),
            },
        },
        "risk_domain": {
            "title": "高风险领域",
            "description": "事项属于工作方案排除的高风险领域时填写（此时不得实行告知承诺）；不属于时填 null。",
            "enum": [
                None,
                "national_security",
                "state_secrets",
                "public_safety",
                "financial_prudential",
                "ecological_environment",
                "health_life_property",
                "foreign_affairs",
            ],
        },
        "approval": {
            "type": "object",
            "title": "批准情况",
            "description": "涉企经营许可事项实行告知承诺制的批准：法律、行政法规、国务院决定设定的由国务院批准；"
            "地方性法规、政府规章设定的报县人民政府批准。",
            "additionalProperties": False,
            "required": ["authority", "document", "date"],
            "properties": {
                "authority": text("批准机关", "例如：国务院、阿合奇县人民政府。"),
                "document": text("批准文件", "批准文件名称和文号，例如：《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）。"),
                "date": {"type": "string", "title": "批准日期", "description": "格式 YYYY-MM-DD。", "pattern": DATE_PATTERN},
            },
        },
        "certifications": {
            "type": "array",
            "title": "一并告知承诺的证明事项",
            "description": "涉企经营许可事项：其许可材料中同时实行告知承诺的证明事项编号，一次性告知和承诺。",
            "uniqueItems": True,
            "items": {"type": "string", "pattern": ID_PATTERN},
        },
        "on_the_spot_decision": {
            "type": "boolean",
            "title": "当场作出决定",
            "description": "涉企经营许可事项：申请人签署告知承诺书并按要求提交材料后，是否当场作出许可决定。",
        },
        "status": {
            "title": "状态",
            "description": "draft 草稿；submitted 已提交审核；approved 已批准；published 已公布；suspended 暂停实施；repealed 已废止。",
            "enum": ["draft", "submitted", "approved", "published", "suspended", "repealed"],
        },
        "effective_date": {
            "type": "string",
            "title": "施行日期",
            "description": "格式 YYYY-MM-DD，例如 2021-05-01。",
            "pattern": DATE_PATTERN,
        },
    },
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": "certification"}}, "required": ["kind"]},
            "then": {"required": ["issuer", "purpose", "conditions"]},
        },
        {
            "if": {"properties": {"kind": {"const": "business_license"}}, "required": ["kind"]},
            "then": {"required": ["on_the_spot_decision"]},
        },
    ],
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
            "description": "公开目录页面的标题和网址。",
            "additionalProperties": False,
            "required": ["title", "base_url"],
            "properties": {
                "title": text("页面标题", "公开目录页面的标题。"),
                "base_url": text("网址", "公开目录所在的网址，以 / 结尾。", pattern="^https?://.+/$"),
            },
        },
        "contacts": {"type": "array", "title": "联系人", "description": "工作方案中的联系人。", "items": contact},
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
                },
            },
        }
    },
}

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, schema in (("item", item), ("catalog", catalog), ("departments", departments)):
        path = OUT / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path)
