"""What a rule is: its id, severity, messages, documentation, examples and check.

One module per rule under ``akq_cli.lint.registry`` defines one ``RULE``.  Its docs
(``akq rules ID``, docs/rules/) and its tests are generated from the same
examples, so the documentation cannot drift from what the rule does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from akq_cli.core.loader import Document, Node
    from akq_cli.lint.catalog_index import CatalogIndex
    from akq_cli.lint.config import LintConfig


@dataclass(frozen=True, slots=True)
class Example:
    """A YAML fragment whose top-level keys replace those of the base example item.

    For catalog-scope rules the fragment may instead be a full set of files;
    see ``akq_cli.lint.examples``.
    """

    yaml: str
    note: dict[str, str] = field(default_factory=dict)
    drop: tuple[str, ...] = ()  # top-level keys of the base item to remove (a missing-key example)


@dataclass(slots=True)
class Hit:
    """One thing a rule found, before it becomes a Finding.

    ``node`` is the offending value; ``index``/``match`` narrow it to a
    substring of a string value.  ``args`` fill the rule's message template;
    ``message`` overrides the template for this hit.
    """

    node: Node
    args: dict[str, Any] = field(default_factory=dict)
    index: int | None = None
    match: str | None = None
    message: dict[str, str] | None = None
    pointer: str | None = None  # when the problem is a missing key below node
    fix: dict[str, Any] | None = None


@dataclass(slots=True)
class ItemContext:
    """What an item-scope check sees: one parsed item and the configuration."""

    path: Path
    doc: Document
    root: Node
    config: LintConfig

    @property
    def data(self) -> dict[str, Any]:
        return self.root.plain()


@dataclass(slots=True)
class ItemSummary:
    """What catalog-scope rules need of each item, small enough to cache."""

    file: str
    id: str | None
    id_line: int
    id_column: int
    kind: str | None
    title: str | None
    matter: str | None
    department: str | None
    department_line: int
    department_column: int
    certifications: list[tuple[str, int, int]]  # (id, line, column)
    status: str | None


@dataclass(slots=True)
class CatalogContext:
    summaries: list[ItemSummary]
    departments: set[str] | None  # None: departments.yaml not found
    config: LintConfig
    index: CatalogIndex | None = None  # the state's other items, for a run over some of them


Scope = Literal["item", "catalog"]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Literal["error", "warning", "info"]
    summary: dict[str, str]  # one line: what the rule finds
    description: dict[str, str]  # why it matters and how to fix, for `akq rules ID`
    message: dict[str, str]  # template for findings; {placeholders} from Hit.args
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    check: Callable[..., Iterable[Hit]]
    scope: Scope = "item"
    fixable: bool = False
