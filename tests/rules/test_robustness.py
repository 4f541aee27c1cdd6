"""The policy rules read values of any shape without crashing: wrong types are the schema's to report."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akq_cli.core.loader import read_document
from akq_cli.lint.config import LintConfig
from akq_cli.lint.engine import check_document
from akq_cli.lint.examples import BUSINESS_LICENSE, CERTIFICATION

KEYS = (
    "title", "kind", "content", "conditions", "materials", "legal_basis", "commitment", "liability",
    "verification", "disclosure", "risk_domain", "status", "approval", "certifications", "id", "department",
)  # fmt: skip
TEXT = st.text(alphabet="等其他有关相关必要时及时一定左右第条款《》〔〕[]()(),:;0123456789 无待定……", max_size=30)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), TEXT)
VALUE = st.recursive(
    SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8
)
SUBKEYS = (
    "civil",
    "criminal",
    "administrative",
    "method",
    "power",
    "public",
    "scope",
    "period",
    "document",
    "article",
    "level",
    "authority",
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from([CERTIFICATION, BUSINESS_LICENSE]),
    replace=st.dictionaries(
        st.sampled_from(KEYS),
        st.one_of(VALUE, st.dictionaries(st.sampled_from(SUBKEYS), VALUE, max_size=4)),
        max_size=4,
    ),
)
def test_rules_survive_any_shape(tmp_path_factory, base, replace):
    import yaml

    data = yaml.safe_load(base)
    data.update(replace)
    path = tmp_path_factory.mktemp("fuzz") / "ITEM.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    result = check_document(read_document(path), "ITEM.yaml", LintConfig())
    for f in result.findings:
        assert f.line >= 1 and f.column >= 1 and isinstance(f.message, str)
