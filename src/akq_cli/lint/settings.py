"""LintConfig: which rules run, at which severity, with which options.

Read from akq.toml by ``akq_cli.lint.config`` and handed to every check.  It
knows nothing of the rules themselves (a rule reads its options through
``Rule.option``), so the rule framework can name it without importing the loader.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from akq_cli.core.laws import LawRegister


@dataclass
class LintConfig:
    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity override
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> option -> value set in akq.toml
    source: Path | None = None
    # The day the law-currency rules judge by (`akq lint --as-of`); None: today.  Tests and byte-stable
    # outputs pin it, since a finding that depends on the calendar must not appear on its own overnight.
    as_of: date | None = None
    # The law-currency register the rules read (akq_cli.core.laws); None: the engine loads it from the state.
    laws: LawRegister | None = None

    def today(self) -> date:
        return self.as_of or date.today()

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
                self.today().isoformat(),
                self.laws.digest() if self.laws is not None else None,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]
