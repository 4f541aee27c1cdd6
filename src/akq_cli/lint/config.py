"""Lint configuration: akq.toml at the catalog root, then command-line options.

    [lint]
    select = ["vague-term", "catch-all"]   # only these rules (default: all)
    ignore = ["punctuation"]               # never these
    [lint.severity]
    punctuation = "info"                   # error | warning | info
    [lint.vague-term]
    extra-terms = ["尽快"]                 # also report these words
    allowed-phrases = ["等级评定"]          # never report inside these phrases

Every mistake in the file is reported as akq.toml:LINE:COLUMN and stops the run
(exit 2): a silently ignored setting is worse than none.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core.git import config_paths
from akq_cli.core.state import CatalogState, read_regular

CONFIG_NAME = "akq.toml"
SEVERITIES = ("error", "warning", "info")
LINT_KEYS = ("select", "ignore", "severity", "vague-term")
VAGUE_KEYS = ("extra-terms", "allowed-phrases")


class ConfigError(Exception):
    def __init__(self, path: Path, detail: str, line: int = 1, column: int = 1) -> None:
        super().__init__(detail)
        self.path, self.detail, self.line, self.column = path, detail, line, column

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: "


@dataclass
class LintConfig:
    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity override
    extra_vague_terms: tuple[str, ...] = ()
    allowed_phrases: tuple[str, ...] = ()
    source: Path | None = None

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return self.select is None or rule_id in self.select

    def severity_of(self, rule_id: str, default: str) -> str:
        return self.severity.get(rule_id, default)

    def fingerprint(self) -> str:
        """Everything that changes what a rule reports, for the lint cache key."""
        blob = json.dumps(
            [
                sorted(self.select or []) if self.select is not None else None,
                sorted(self.ignore),
                sorted(self.severity.items()),
                self.extra_vague_terms,
                self.allowed_phrases,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


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
    "not-strings": {
        "zh": "lint.vague-term.{key} 应当是非空文字的列表，例如 {key} = [\"尽快\"]。",
        "en": 'lint.vague-term.{key} must be a list of non-empty strings, e.g. {key} = ["尽快"].',
    },
}


def _msg(code: str, **args: Any) -> str:
    from akq_cli.core.i18n import pick

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
    import tomllib

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

    lint: Any = raw.get("lint", {})
    if not isinstance(lint, dict):
        raise error("not-table", where.find("", "lint"), key="lint")
    for key in lint:
        if key not in LINT_KEYS:
            raise error("unknown-key", where.find("lint", key), key=f"lint.{key}", known=", ".join(LINT_KEYS))
    from akq_cli.lint.registry import all_rules

    known = set(all_rules())
    known_text = ", ".join(sorted(known))

    def ids(key: str) -> frozenset[str] | None:
        value = lint.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise error("not-ids", where.find("lint", key), key=key)
        for rule in value:
            if rule not in known:
                raise error("unknown-rule", where.find("lint", key, rule), rule=rule, known=known_text)
        return frozenset(value)

    severity = lint.get("severity", {})
    if not isinstance(severity, dict):
        raise error("not-table", where.find("lint", "severity"), key="lint.severity")
    for rule_id, sev in severity.items():
        if rule_id not in known:
            raise error("unknown-rule", where.find("lint.severity", rule_id), rule=rule_id, known=known_text)
        if sev not in SEVERITIES:
            raise error("bad-severity", where.find("lint.severity", rule_id, str(sev)), rule=rule_id, value=sev)
    vague = lint.get("vague-term", {})
    if not isinstance(vague, dict):
        raise error("not-table", where.find("lint", "vague-term"), key="lint.vague-term")
    for key in vague:
        if key not in VAGUE_KEYS:
            raise error(
                "unknown-key", where.find("lint.vague-term", key), key=f"lint.vague-term.{key}", known=", ".join(VAGUE_KEYS)
            )
    terms: dict[str, tuple[str, ...]] = {}
    for key in VAGUE_KEYS:
        value = vague.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise error("not-strings", where.find("lint.vague-term", key), key=key)
        terms[key] = tuple(v.strip() for v in value)
    return LintConfig(
        select=ids("select"),
        ignore=ids("ignore") or frozenset(),
        severity=dict(severity),
        extra_vague_terms=terms["extra-terms"],
        allowed_phrases=terms["allowed-phrases"],
        source=path,
    )


def _decode_position(message: str, text: str) -> tuple[int, int]:
    """tomllib puts the position only in its message: '... (at line 3, column 7)' or '(at end of document)'."""
    m = re.search(r"at line (\d+), column (\d+)", message)
    if m:
        return int(m.group(1)), int(m.group(2))
    if "end of document" in message:
        lines = text.split("\n")
        return len(lines), len(lines[-1]) + 1
    return 1, 1
