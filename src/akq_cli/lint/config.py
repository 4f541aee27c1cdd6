"""Lint configuration: akq.toml at the catalog root, then command-line options.

    [lint]
    select = ["yaml-syntax", "schema", "vague-term"]  # only these (default: all; the first two are required)
    ignore = ["punctuation"]               # never these
    [lint.severity]
    punctuation = "info"                   # error | warning | info
    [lint.vague-term]                      # a rule's own options, declared in its module
    extra-terms = ["尽快"]                 # also report these words
    allowed-phrases = ["等级评定"]          # never report inside these phrases

The loader knows no rule by name: the keys of [lint.RULE-ID] and what their
values must be come from ``Rule.options`` (akq_cli.lint.framework.Option).
Every mistake in the file is reported as akq.toml:LINE:COLUMN and stops the run
(exit 2): a silently ignored setting is worse than none.  So is a file that
switches off what makes a file checkable at all: an empty ``select``, or a
``Rule.required`` rule (yaml-syntax, schema) left out, ignored or lowered below
error.  akq.toml is written by whoever opens a merge request.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from akq_cli.core.git import config_paths
from akq_cli.core.i18n import pick
from akq_cli.core.state import CatalogState, read_regular
from akq_cli.lint.framework import Rule
from akq_cli.lint.registry import all_rules
from akq_cli.lint.settings import LintConfig

CONFIG_NAME = "akq.toml"
SEVERITIES = ("error", "warning", "info")
RUN_KEYS = ("select", "ignore", "severity")  # [lint] keys of the run; every other key is a rule's own table

__all__ = ["CONFIG_NAME", "ConfigError", "LintConfig", "find_config", "load_config"]


class ConfigError(Exception):
    def __init__(self, path: Path, detail: str, line: int = 1, column: int = 1) -> None:
        super().__init__(detail)
        self.path, self.detail, self.line, self.column = path, detail, line, column

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: "

    def message(self) -> str:
        return self.location() + self.detail

    def to_json(self) -> dict[str, str | int]:
        return {"file": str(self.path), "line": self.line, "column": self.column, "message": self.detail}


def find_config(start: Path) -> Path | None:
    """akq.toml in ``start`` or a folder above it, up to the repository root."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            break
    return None


MESSAGES: dict[str, dict[str, str]] = {
    "syntax": {"zh": "TOML 语法错误：{detail}", "en": "TOML syntax error: {detail}"},
    "unreadable": {"zh": "无法读取配置文件：{detail}", "en": "cannot read the configuration: {detail}"},
    "not-table": {"zh": "{key} 应当是一个表（[{key}]）。", "en": "{key} must be a table ([{key}])."},
    "unknown-key": {
        "zh": "不认识的设置 {key}。可用的设置：{known}。",
        "en": "Unknown setting {key}. Known settings: {known}.",
    },
    "not-ids": {
        "zh": "lint.{key} 应当是规则编号的列表，例如 {key} = [\"vague-term\"]。",
        "en": 'lint.{key} must be a list of rule ids, e.g. {key} = ["vague-term"].',
    },
    "unknown-rule": {
        "zh": "没有规则“{rule}”。可用的规则：{known}。",
        "en": "No rule '{rule}'. Known rules: {known}.",
    },
    "bad-severity": {
        "zh": "lint.severity.{rule} 的值“{value}”无效，应为 error、warning 或 info。",
        "en": "lint.severity.{rule}: '{value}' is not a severity; use error, warning or info.",
    },
    "select-none": {
        "zh": "lint.select 是空列表：一条规则都不运行，任何文件（包括无法解析的文件）都会通过检查。"
        "请删除 select 这一行（运行全部规则），或列出要运行的规则。",
        "en": "lint.select is empty: no rule runs, so every file passes, even one that does not parse. "
        "Remove the select line (all rules run) or list the rules to run.",
    },
    "required-unselected": {
        "zh": "lint.select 必须包含 {rule}：{why}请把 \"{rule}\" 加入 select。",
        "en": 'lint.select must include {rule}: {why}Add "{rule}" to select.',
    },
    "required-ignored": {
        "zh": "lint.ignore 不能包含 {rule}：{why}请从 ignore 中删除它。",
        "en": "lint.ignore cannot include {rule}: {why}Remove it from ignore.",
    },
    "required-lowered": {
        "zh": "lint.severity.{rule} 不能低于 error：{why}请删除这一行。",
        "en": "lint.severity.{rule} cannot be below error: {why}Remove this line.",
    },
    "required-why": {
        "zh": "没有这条规则，文件能否读取、是否符合事项格式都无从检查，其他规则没有报告问题也不说明文件没有问题。",
        "en": "without this rule nobody knows whether a file can be read or has the shape of an item, so the "
        "silence of the other rules would mean nothing. ",
    },
    "bad-option": {
        "zh": "lint.{rule}.{key} 应当是{expect}，例如 {key} = {example}。",
        "en": "lint.{rule}.{key} must be {expect}, e.g. {key} = {example}.",
    },
}


def _msg(code: str, **args: Any) -> str:
    return pick(MESSAGES[code], **args)


class _Locator:
    """Finds where a setting is written in the TOML text, for error positions."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def find(self, section: str, key: str | None = None, token: str | None = None) -> tuple[int, int]:
        header = re.compile(r"^\s*\[\s*" + re.escape(section).replace(r"\.", r"\s*\.\s*") + r"\s*\]")
        start, end = 0, len(self.lines)
        for i, ln in enumerate(self.lines):
            if header.match(ln):
                start = i
                for j in range(i + 1, len(self.lines)):
                    if re.match(r"^\s*\[", self.lines[j]):
                        end = j
                        break
                break
        key_re = re.compile(r"^\s*(\"?)" + re.escape(key) + r"\1\s*=") if key else None
        for i in range(start, end):
            ln = self.lines[i]
            if key_re is not None and not key_re.search(ln) and not (key and f"{key} =" in ln):
                continue
            if token is None:
                col = ln.find(key) if key else ln.find("[")
                return i + 1, max(col, 0) + 1
            col = ln.find(token)
            if col != -1:
                return i + 1, col + 1
        # Not where we expected (inline tables, dotted keys): the first mention anywhere.
        needle = token or key or section
        for i, ln in enumerate(self.lines):
            col = ln.find(needle)
            if col != -1:
                return i + 1, col + 1
        return 1, 1


def config_for(state: CatalogState) -> LintConfig:
    """The akq.toml that applies to a state's catalog: the nearest one at or above its folder."""
    for name in config_paths(state.prefix or ""):
        if state.has(name):
            try:
                data = state.read(name)
            except OSError as exc:
                raise ConfigError(Path(name), _msg("unreadable", detail=str(exc))) from exc
            return load_config(Path(name), data)
    return LintConfig()


def load_config(path: Path | None, data: bytes | None = None) -> LintConfig:
    """The configuration in ``path`` (its ``data`` when already read); defaults for None."""
    if path is None:
        return LintConfig()
    try:
        text = (read_regular(path) if data is None else data).decode("utf-8-sig")
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _decode_position(str(exc), text)
        raise ConfigError(path, _msg("syntax", detail=str(exc)), line, col) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, _msg("unreadable", detail=str(exc))) from exc
    where = _Locator(text)

    def error(code: str, at: tuple[int, int], **args: Any) -> ConfigError:
        return ConfigError(path, _msg(code, **args), *at)

    rules = all_rules()
    configurable = {rule.id: rule for rule in rules.values() if rule.options}
    lint: Any = raw.get("lint", {})
    if not isinstance(lint, dict):
        raise error("not-table", where.find("", "lint"), key="lint")
    lint_keys = (*RUN_KEYS, *configurable)
    for key in lint:
        if key not in lint_keys:
            raise error("unknown-key", where.find("lint", key), key=f"lint.{key}", known=", ".join(lint_keys))
    known_text = ", ".join(sorted(rules))

    def ids(key: str) -> frozenset[str] | None:
        value = lint.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise error("not-ids", where.find("lint", key), key=key)
        for rule in value:
            if rule not in rules:
                raise error("unknown-rule", where.find("lint", key, rule), rule=rule, known=known_text)
        return frozenset(value)

    severity = lint.get("severity", {})
    if not isinstance(severity, dict):
        raise error("not-table", where.find("lint", "severity"), key="lint.severity")
    for rule_id, sev in severity.items():
        if rule_id not in rules:
            raise error("unknown-rule", where.find("lint.severity", rule_id), rule=rule_id, known=known_text)
        if sev not in SEVERITIES:
            raise error("bad-severity", where.find("lint.severity", rule_id, str(sev)), rule=rule_id, value=sev)
    options = {
        rule_id: _options(rule, lint[rule_id], where, error) for rule_id, rule in configurable.items() if rule_id in lint
    }
    select, ignore = ids("select"), ids("ignore") or frozenset()
    if select is not None and not select:
        raise error("select-none", where.find("lint", "select"))
    why = _msg("required-why")
    for rule_id in sorted(r.id for r in rules.values() if r.required):
        if rule_id in ignore:
            raise error("required-ignored", where.find("lint", "ignore", rule_id), rule=rule_id, why=why)
        if select is not None and rule_id not in select:
            raise error("required-unselected", where.find("lint", "select"), rule=rule_id, why=why)
        if severity.get(rule_id, "error") != "error":
            raise error("required-lowered", where.find("lint.severity", rule_id), rule=rule_id, why=why)
    return LintConfig(
        select=select,
        ignore=ignore,
        severity=dict(severity),
        options=options,
        source=path,
    )


def _options(rule: Rule, table: Any, where: _Locator, error: Any) -> dict[str, Any]:
    """One rule's [lint.RULE-ID] table, checked against the options the rule declares."""
    section = f"lint.{rule.id}"
    if not isinstance(table, dict):
        raise error("not-table", where.find("lint", rule.id), key=section)
    declared = {option.key: option for option in rule.options}
    for key in table:
        if key not in declared:
            raise error("unknown-key", where.find(section, key), key=f"{section}.{key}", known=", ".join(declared))
    values: dict[str, Any] = {}
    for key, option in declared.items():
        if key not in table:
            continue
        try:
            values[key] = option.type.convert(table[key])
        except ValueError:
            raise error(
                "bad-option",
                where.find(section, key),
                rule=rule.id,
                key=key,
                expect=pick(option.type.expect),
                example=option.example,
            ) from None
    return values


def _decode_position(message: str, text: str) -> tuple[int, int]:
    """tomllib puts the position only in its message: '... (at line 3, column 7)' or '(at end of document)'."""
    m = re.search(r"at line (\d+), column (\d+)", message)
    if m:
        return int(m.group(1)), int(m.group(2))
    if "end of document" in message:
        lines = text.split("\n")
        return len(lines), len(lines[-1]) + 1
    return 1, 1
