"""akq.toml at the catalog root: settings that work, and mistakes reported with file:line:column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_akq

from .helpers import edit, findings, item


def write_config(catalog: Path, text: str) -> Path:
    path = catalog / "akq.toml"
    path.write_text(text, "utf-8")
    return path


def lint(catalog: Path, *args: str):
    return run_akq("lint", "--no-cache", "--format", "json", *args, cwd=catalog.parent)


@pytest.mark.parametrize(
    ("toml", "line", "column", "needle"),
    [
        ("[lint]\nselect = [\"schema\"\n", 3, 1, "TOML"),
        ("[lint]\nselect = [\"schema\", \"vague-trem\"]\n", 2, 22, "vague-trem"),
        ("[lint]\nignore = \"schema\"\n", 2, 1, "ignore"),
        ("# comment\n[lint]\nselct = [\"schema\"]\n", 3, 1, "lint.selct"),
        ("[lint.severity]\nschema = \"fatal\"\n", 2, 11, "fatal"),
        ("[lint.severity]\nyaml-syntax = \"info\"\nno-such-rule = \"info\"\n", 3, 1, "no-such-rule"),
        ("[lint.vague-term]\nextra-terms = \"尽快\"\n", 2, 1, "extra-terms"),
        ("[lint.vague-term]\nextra-terms = [\"尽快\"]\nallowed = [\"等级\"]\n", 3, 1, "allowed"),
        ("[lint.vague-term]\nallowed-phrases = [\"\"]\n", 2, 1, 'allowed-phrases = ["等级评定"]'),
        ("[lint]\nvague-term = [\"尽快\"]\n", 2, 1, "[lint.vague-term]"),
        ("[lint.catch-all]\nallowed-phrases = [\"等级评定\"]\n", 1, 7, "lint.catch-all"),  # no options of its own
        ("lint = 3\n", 1, 1, "lint"),
        ("[lint]\nseverity = 3\n", 2, 1, "[lint.severity]"),
    ],
)
def test_mistakes_are_reported_with_position_and_exit_2(small_catalog, toml, line, column, needle):
    path = write_config(small_catalog, toml)
    r = lint(small_catalog, "catalog")
    assert r.code == 2, r.out + r.err
    assert r.out == ""
    assert f"akq.toml:{line}:{column}: " in r.err, r.err
    assert needle in r.err
    assert str(path.parent) in r.err or "akq.toml" in r.err
    assert "Traceback" not in r.err


# What makes a file checkable at all cannot be switched off from akq.toml, which a merge request may edit.
GATE = [
    ("[lint]\nselect = []\n", 2, 1, "lint.select 是空列表"),
    ("[lint]\nselect = [\"schema\", \"vague-term\"]\n", 2, 1, "lint.select 必须包含 yaml-syntax"),
    ("[lint]\nselect = [\"yaml-syntax\"]\n", 2, 1, "lint.select 必须包含 schema"),
    ("[lint]\nignore = [\"punctuation\", \"schema\"]\n", 2, 27, "lint.ignore 不能包含 schema"),
    ("[lint]\nignore = [\"yaml-syntax\"]\n", 2, 12, "lint.ignore 不能包含 yaml-syntax"),
    ("# 降低级别\n[lint.severity]\npunctuation = \"info\"\nyaml-syntax = \"info\"\n", 4, 1, "lint.severity.yaml-syntax 不能低于 error"),
    ("[lint.severity]\nschema = \"warning\"\n", 2, 1, "lint.severity.schema 不能低于 error"),
]


@pytest.mark.parametrize(("toml", "line", "column", "needle"), GATE)
def test_a_config_that_makes_files_uncheckable_is_an_error(small_catalog, toml, line, column, needle):
    edit(item(small_catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")  # a schema error it would hide
    path = write_config(small_catalog, toml)
    r = lint(small_catalog, "catalog")
    assert r.code == 2, r.out + r.err
    assert r.out == ""
    assert f"{path}:{line}:{column}: {needle}" in r.err.replace("\n", ""), r.err
    assert "文件能否读取" in r.err or "一条规则都不运行" in r.err
    assert "Traceback" not in r.err


def test_the_checkable_rules_may_be_named_at_error(small_catalog):
    write_config(small_catalog, '[lint]\nselect = ["yaml-syntax", "schema"]\n[lint.severity]\nschema = "error"\n')
    assert lint(small_catalog, "catalog").code == 0
    edit(item(small_catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")
    assert [f["rule"] for f in findings(lint(small_catalog, "catalog").out)] == ["schema"]


def test_english_messages(small_catalog):
    write_config(small_catalog, "[lint.severity]\nschema = \"fatal\"\n")
    r = run_akq("--lang", "en", "lint", "--no-cache", cwd=small_catalog)
    assert r.code == 2 and "use error, warning or info" in r.err


VAGUE = ("purpose: 证明申请人符合法律援助经济困难标准", "purpose: 证明申请人符合法律援助经济困难标准等情形")


def test_severity_override_turns_an_error_into_a_warning(small_catalog):
    edit(item(small_catalog, "SFJ-ZM-0001"), *VAGUE)
    assert lint(small_catalog, "catalog").code == 1
    write_config(small_catalog, "[lint.severity]\nvague-term = \"warning\"\n")
    r = lint(small_catalog, "catalog")
    assert r.code == 0
    assert [(f["rule"], f["severity"]) for f in findings(r.out)] == [("vague-term", "warning")]
    assert lint(small_catalog, "catalog", "--fail-on", "warning").code == 1


def test_select_and_ignore_in_the_file_and_on_the_command_line(small_catalog):
    edit(item(small_catalog, "SFJ-ZM-0001"), *VAGUE)
    write_config(small_catalog, "[lint]\nignore = [\"vague-term\"]\n")
    assert findings(lint(small_catalog, "catalog").out) == []
    write_config(small_catalog, "[lint]\nselect = [\"yaml-syntax\", \"schema\"]\n")
    assert findings(lint(small_catalog, "catalog").out) == []
    r = lint(small_catalog, "catalog", "--select", "vague-term")  # the command line wins over the file
    assert [f["rule"] for f in findings(r.out)] == ["vague-term"]


def test_the_file_at_the_catalog_root_applies_to_a_single_file(small_catalog):
    path = item(small_catalog, "SFJ-ZM-0001")
    edit(path, *VAGUE)
    write_config(small_catalog, "[lint.severity]\nvague-term = \"info\"\n")
    r = run_akq("lint", "--no-cache", "--format", "json", path.relative_to(small_catalog), cwd=small_catalog)
    assert [(f["rule"], f["severity"]) for f in findings(r.out)] == [("vague-term", "info")]
    assert r.code == 0


def test_extra_terms_and_allowed_phrases_reach_the_vague_term_rule(small_catalog):
    path = item(small_catalog, "SFJ-ZM-0001")
    text = path.read_text("utf-8")
    purpose = re.search(r"^purpose: (.*)$", text, re.M).group(1)
    edit(path, f"purpose: {purpose}", f"purpose: {purpose}，可加急办理")
    assert "vague-term" not in {f["rule"] for f in findings(lint(small_catalog, "catalog").out)}
    write_config(small_catalog, "[lint.vague-term]\nextra-terms = [\"加急\"]\n")
    (hit,) = [f for f in findings(lint(small_catalog, "catalog").out) if f["rule"] == "vague-term"]
    assert hit["match"] == "加急" and hit["pointer"] == "/purpose"
    write_config(small_catalog, "[lint.vague-term]\nextra-terms = [\"加急\"]\nallowed-phrases = [\"可加急办理\"]\n")
    assert "vague-term" not in {f["rule"] for f in findings(lint(small_catalog, "catalog").out)}


def test_every_rule_option_and_only_those_reach_the_cache_key(tmp_path):
    """A changed option must not be answered from the cache with the findings of the old one."""
    from akq_cli.lint.config import LintConfig, load_config
    from akq_cli.lint.registry import all_rules

    default = LintConfig().fingerprint()
    for rule in all_rules().values():
        for option in rule.options:
            path = write_config(tmp_path, f"[lint.{rule.id}]\n{option.key} = {option.example}\n")
            config = load_config(path)
            assert config.options == {rule.id: {option.key: config.options[rule.id][option.key]}}
            assert config.fingerprint() != default, (rule.id, option.key)
    assert load_config(write_config(tmp_path, "[lint]\n")).fingerprint() == default


@pytest.mark.parametrize("command", [("report", "--format", "json"), ("render", "-o", "{out}"), ("fmt", "--check")])
@pytest.mark.parametrize(("toml", "line", "column", "needle"), [GATE[0], GATE[3], GATE[6]])
def test_every_command_that_lints_refuses_such_a_config(small_catalog, tmp_path, command, toml, line, column, needle):
    path = write_config(small_catalog, toml)
    out = tmp_path / "forms"
    r = run_akq(*(arg.format(out=out) for arg in command), cwd=small_catalog)
    assert r.code == 2, r.out + r.err
    assert f"{path.name}:{line}:{column}: {needle}" in r.err.replace("\n", ""), r.err
    assert "Traceback" not in r.err and not out.exists()
