"""LintConfig: which rules run, at which severity, with which options.

Read from akq.toml by ``akq_cli.lint.config`` and handed to every check.  It
knows nothing of the rules themselves (a rule reads its options through
``Rule.option``), so the rule framework can name it without importing the loader.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class LintConfig:
    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity override
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> option -> value set in akq.toml
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
                sorted((rule, sorted(values.items())) for rule, values in self.options.items()),
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]
