"""The one record every check produces and every output format consumes."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name]


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    file: str  # relative to the current directory, with forward slashes
    line: int
    column: int
    pointer: str
    message: str
    match: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    fix: dict[str, Any] | None = None  # {"pointer":..., "value":...} for `lint --fix`

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: v for k, v in d.items() if v is not None or k in ("pointer",)}

    @property
    def level(self) -> Severity:
        return Severity[self.severity]

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)
