"""The item model's coded values as people read them, in one place.

Forms, the public site, reviews and reports all name statuses, kinds and
methods; they take the words from here so that a department never sees
“已报送” on one page and “已提交” on another.  Each entry is {"zh":…, "en":…}
for i18n.pick.
"""

from __future__ import annotations

Names = dict[str, dict[str, str]]

KIND: Names = {
    "certification": {"zh": "证明事项", "en": "certification item"},
    "business_license": {"zh": "涉企经营许可事项", "en": "business license item"},
}

STATUS: Names = {
    "draft": {"zh": "草稿", "en": "draft"},
    "submitted": {"zh": "已提交审核", "en": "submitted"},
    "approved": {"zh": "已批准", "en": "approved"},
    "published": {"zh": "已公布", "en": "published"},
    "suspended": {"zh": "暂停实施", "en": "suspended"},
    "withdrawn": {"zh": "已取消", "en": "withdrawn"},
    "repealed": {"zh": "已废止", "en": "repealed"},
}

# Statuses that take an item out of force for a stated reason since a stated date (status_since, status_reason):
# such an item makes no form and is not in the active lists, but keeps a public page.
STOPPED = ("suspended", "withdrawn")

METHOD: Names = {
    "written": {"zh": "书面承诺", "en": "written"},
    "electronic": {"zh": "电子承诺", "en": "electronic"},
}

# Seed 三（四） names the random inspections “双随机、一公开” supervision.
VERIFICATION: Names = {
    "online": {"zh": "在线核查", "en": "online check"},
    "on_site": {"zh": "现场核查", "en": "on-site check"},
    "assisted": {"zh": "协助核查", "en": "assisted check"},
    "random_inspection": {"zh": "“双随机、一公开”抽查", "en": "random inspection"},
}

# What an applicant writes in a fill-in row of the form (fields.fill_in.type).
FILL_IN_TYPE: Names = {
    "text": {"zh": "文字", "en": "text"},
    "date": {"zh": "日期", "en": "date"},
    "amount": {"zh": "金额", "en": "amount"},
    "address": {"zh": "地址", "en": "address"},
    "id_number": {"zh": "居民身份证号码", "en": "ID number"},
    "credit_code": {"zh": "统一社会信用代码", "en": "unified social credit code"},
    "phone": {"zh": "电话号码", "en": "phone number"},
    "table": {"zh": "表格", "en": "table"},
}

LEVEL: Names = {
    "law": {"zh": "法律", "en": "law"},
    "administrative_regulation": {"zh": "行政法规", "en": "administrative regulation"},
    "state_council_decision": {"zh": "国务院决定", "en": "State Council decision"},
    "departmental_rule": {"zh": "部门规章", "en": "departmental rule"},
    "local_regulation": {"zh": "地方性法规", "en": "local regulation"},
    "local_government_rule": {"zh": "地方政府规章", "en": "local government rule"},
    "normative_document": {"zh": "规范性文件", "en": "normative document"},
}

# The high-risk domains that seed 一 excludes from notification-commitment, in its words.
RISK_DOMAIN: Names = {
    "national_security": {"zh": "国家安全", "en": "national security"},
    "state_secrets": {"zh": "国家秘密", "en": "state secrets"},
    "public_safety": {"zh": "公共安全", "en": "public safety"},
    "financial_prudential": {"zh": "金融业审慎监管", "en": "prudential financial supervision"},
    "ecological_environment": {"zh": "生态环境保护", "en": "ecological and environmental protection"},
    "health_life_property": {"zh": "直接关系人身健康、生命财产安全", "en": "personal health, life and property safety"},
    "foreign_affairs": {"zh": "重要涉外", "en": "important foreign affairs"},
}

# The seven areas the policy names (seed 三（一）), in its order.
POLICY_AREAS = ("户籍管理", "市场主体准营", "资格考试", "社会保险", "社会救助", "健康体检", "法律服务")


def zh(table: Names) -> dict[str, str]:
    """The Chinese words of a table, for outputs that are Chinese whatever --lang says (forms, the site)."""
    return {code: names["zh"] for code, names in table.items()}
