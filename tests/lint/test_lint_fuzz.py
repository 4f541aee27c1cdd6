"""Random YAML-ish bytes and item-shaped data never crash the linter and always give a valid report."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akq_cli.core.loader import read_document
from akq_cli.lint.config import LintConfig
from akq_cli.lint.engine import LintReport, catalog_findings, lint_document
from akq_cli.lint.formats import github, gitlab, junit, render_text, sarif
from akq_cli.lint.formats import json as json_output
from akq_cli.lint.framework import CatalogContext
from conftest import run_akq

from .helpers import DATA

REPORT_SCHEMA = jsonschema.Draft202012Validator(json.loads((DATA / "lint-report.schema.json").read_text("utf-8")))
ITEM_KEYS = [
    "id", "kind", "title", "matter", "matter_type", "category", "department", "issuer", "purpose", "legal_basis",
    "content", "conditions", "materials", "commitment", "liability", "verification", "disclosure", "risk_domain",
    "approval", "certifications", "on_the_spot_decision", "status", "effective_date",
]  # fmt: skip
FRAGMENTS = [
    "id: ", "kind: ", "status: published", "\n", "\n  ", "\n- ", "- ", ": ", "[", "]", "{", "}", ",", "'", '"',
    "&a ", "*a", "!!python/object ", "!tag ", "\t", "#", " # akq: disable=schema 理由", "# akq: disable=", "---\n",
    "|\n  ", ">\n  ", "等", "其他", "有关规定", "相关", "必要时", "《中华人民共和国法律援助法》", "第四十一条", "，", "。",
    "（", "）", "13812345678", "110101199003077777", "阿政办发[2021]6号", "SFJ-ZM-001", "? ", "~", "null", "true",
    "0x1F", "1e3", "2021-05-01", "\r\n", "\ufeff", "\x00", "\x85", "\u2028",
]  # fmt: skip

yamlish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)
scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.sampled_from(FRAGMENTS)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(ITEM_KEYS) | st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)
items = st.dictionaries(st.sampled_from(ITEM_KEYS), values, max_size=len(ITEM_KEYS))


def check(data: bytes) -> None:
    """Lint ``data`` as an item file; every output format must render and JSON must match its schema."""
    config = LintConfig()
    doc = read_document(Path("SFJ-ZM-0001.yaml"), data)
    result = lint_document(doc, "SFJ-ZM-0001.yaml", config)
    report = LintReport(findings=list(result.findings), files=1, linted=["SFJ-ZM-0001.yaml"])
    summaries = [result.summary] if result.summary is not None else []
    report.findings += list(catalog_findings(CatalogContext(summaries, {"SFJ"}, config)))
    REPORT_SCHEMA.validate(json.loads(json_output.render(report)))
    for finding in report.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert not finding.message.startswith("akq 内部错误"), finding  # a rule raised
    json.loads(sarif.render(report))
    json.loads(gitlab.render(report))
    github.render(report)
    junit.render(report)
    render_text(report, color=False, width=60)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data):
    check(data)


@FUZZ
@given(yamlish)
def test_yaml_ish_text(text):
    check(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(items)
def test_item_shaped_data(data):
    check(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))


@FUZZ
@given(items, st.sampled_from(["flow", "block"]), st.integers(min_value=0, max_value=400), yamlish)
def test_item_shaped_data_with_damage(data, style, at, damage):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=style == "flow")
    at = min(at, len(text))
    check((text[:at] + damage + text[at:]).encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(items | yamlish, min_size=1, max_size=4))
def test_the_real_command_on_random_files(tmp_path_factory, contents):
    folder = tmp_path_factory.mktemp("fuzz")
    for i, content in enumerate(contents):
        text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True)
        (folder / f"SFJ-ZM-{i:03d}.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    r = run_akq("lint", "--no-cache", "--format", "json", folder)
    assert r.code in (0, 1), r.err
    assert "Traceback" not in r.err and r.err == ""
    REPORT_SCHEMA.validate(json.loads(r.out))
