"""Chinese labels for the item model's enum values, as the public reads them."""

from __future__ import annotations

KIND = {"certification": "证明事项", "business_license": "涉企经营许可事项"}

METHOD = {"written": "书面承诺", "electronic": "电子承诺"}

VERIFICATION = {
    "online": "在线核查",
    "on_site": "现场核查",
    "assisted": "协助核查",
    "random_inspection": "双随机抽查",
}

LEVEL = {
    "law": "法律",
    "administrative_regulation": "行政法规",
    "state_council_decision": "国务院决定",
    "departmental_rule": "部门规章",
    "local_regulation": "地方性法规",
    "local_government_rule": "地方政府规章",
    "normative_document": "规范性文件",
}

STATUS = {
    "draft": "草稿",
    "submitted": "已报送",
    "approved": "已审核",
    "published": "已公布",
    "suspended": "暂停实施",
    "repealed": "已废止",
}


def label(table: dict[str, str], value: object) -> str:
    """The label of a known value; an unknown one is shown as written (lint reports it)."""
    if isinstance(value, str):
        return table.get(value, value)
    return "" if value is None else str(value)


def labels(table: dict[str, str], value: object) -> list[str]:
    """Labels of a value that may be one enum value or a list of them."""
    values = value if isinstance(value, list) else [value] if value not in (None, "") else []
    return [label(table, v) for v in values]
