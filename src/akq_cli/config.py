"""Lint configuration: akq.toml at the catalog root, then command-line options."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAME = "akq.toml"
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    def __init__(self, path: Path, detail: str, line: int = 1, column: int = 1) -> None:
        super().__init__(detail)
        self.path, self.detail, self.line, self.column = path, detail, line, column


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
                sorted(self.select or []),
                sorted(self.ignore),
                sorted(self.severity.items()),
                self.extra_vague_terms,
                self.allowed_phrases,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def find_config(start: Path) -> Path | None:
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


def load_config(path: Path | None) -> LintConfig:
    if path is None:
        return LintConfig()
    import tomllib

    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 1) or 1
        col = getattr(exc, "colno", 1) or 1
        raise ConfigError(path, str(exc), line, col) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, str(exc)) from exc
    lint: dict[str, Any] = raw.get("lint", {})
    if not isinstance(lint, dict):
        raise ConfigError(path, "[lint] must be a table")
    from akq_cli.rules import all_rules

    known = set(all_rules())

    def ids(key: str) -> frozenset[str] | None:
        value = lint.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(path, f"lint.{key} must be a list of rule ids")
        unknown = set(value) - known
        if unknown:
            raise ConfigError(path, f"lint.{key}: unknown rule(s) {', '.join(sorted(unknown))}")
        return frozenset(value)

    severity = lint.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(path, "[lint.severity] must be a table of rule = severity")
    for rule_id, sev in severity.items():
        if rule_id not in known:
            raise ConfigError(path, f"lint.severity: unknown rule {rule_id}")
        if sev not in SEVERITIES:
            raise ConfigError(path, f"lint.severity.{rule_id}: use one of {', '.join(SEVERITIES)}")
    vague = lint.get("vague-term", {})
    return LintConfig(
        select=ids("select"),
        ignore=ids("ignore") or frozenset(),
        severity=dict(severity),
        extra_vague_terms=tuple(vague.get("extra-terms", ())),
        allowed_phrases=tuple(vague.get("allowed-phrases", ())),
        source=path,
    )
