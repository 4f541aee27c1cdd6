"""What a rule is: its id, scope, severity, options, messages, documentation, examples and check.

One module per rule under ``akq_cli.lint.registry`` defines one ``RULE`` (as a
yamllint rule declares ID, TYPE, CONF and DEFAULT).  Its docs (``akq rules ID``,
docs/rules/) and its tests are generated from the same examples (as sqlfluff's
rule test cases carry fail_str, fix_str and configs), so the documentation
cannot drift from what the rule does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from akq_cli.core.i18n import pick
from akq_cli.lint.findings import Finding

if TYPE_CHECKING:
    from akq_cli.core.loader import Document, Node
    from akq_cli.lint.catalog_index import CatalogIndex
    from akq_cli.lint.settings import LintConfig
    from akq_cli.lint.suppression import Directive


@dataclass(frozen=True, slots=True)
class Example:
    """A YAML fragment whose top-level keys replace those of the base example item.

    For catalog-scope rules the fragment may instead be a full set of files;
    see ``akq_cli.lint.examples``.
    """

    yaml: str
    note: dict[str, str] = field(default_factory=dict)
    drop: tuple[str, ...] = ()  # top-level keys of the base item to remove (a missing-key example)
    # akq.toml the example is linted with, as a clerk would write it (sqlfluff's `configs`)
    config: str = ""
    # the fragment after `akq lint --fix` (sqlfluff's `fix_str`); only for a fixable rule's failing example
    fix: str | None = None
    # where the rule reports, as LINE:COLUMN in the completed file (FILE:LINE:COLUMN for catalog examples)
    at: tuple[str, ...] = ()


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
    # below the rule's own severity for this hit (a notice before a change takes effect); akq.toml's
    # [lint.severity] for the rule still decides over both
    severity: Literal["error", "warning", "info"] | None = None


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
    aliases: list[tuple[str, int, int]] = field(default_factory=list)  # (alias, line, column)


@dataclass(slots=True)
class CatalogContext:
    summaries: list[ItemSummary]
    departments: set[str] | None  # None: departments.yaml not found
    config: LintConfig
    index: CatalogIndex | None = None  # the state's other items, for a run over some of them


@dataclass(slots=True)
class DocumentContext:
    """What a document-scope check sees: a file as read, with the problems the reader found."""

    doc: Document
    file: str
    config: LintConfig


@dataclass(slots=True)
class DirectiveContext:
    """What a directive-scope check sees: a file's suppression comments, after they were applied."""

    file: str
    directives: list[Directive]  # each one's ``used`` says which rules it silenced
    known: frozenset[str]  # every rule id
    config: LintConfig


# What a check reads, and so when the engine calls it:
#   document  - every file as read, even one that does not parse (yields Findings)
#   item      - one parsed item (yields Hits)
#   plan      - one parsed inspection plan, catalog/plans/<year>/*.yaml (yields Hits; its context is an ItemContext)
#   catalog   - the summaries of all linted items (yields Findings)
#   directive - one file's suppression comments, once all its findings are in (yields Findings)
Scope = Literal["document", "item", "plan", "catalog", "directive"]


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(value)
    return tuple(v.strip() for v in value)


@dataclass(frozen=True, slots=True)
class OptionType:
    expect: dict[str, str]  # what a value must be, for the message when it is not
    convert: Callable[[Any], Any]  # the TOML value as the rule reads it; raises ValueError when it is not one


TEXTS = OptionType({"zh": "非空文字的列表", "en": "a list of non-empty strings"}, _texts)


@dataclass(frozen=True, slots=True)
class Option:
    """One setting of a rule, written under [lint.RULE-ID] in akq.toml (yamllint's CONF and DEFAULT)."""

    key: str
    default: Any
    example: str  # a TOML value, shown when the setting is wrong: ["尽快"]
    type: OptionType = TEXTS


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Literal["error", "warning", "info"]
    summary: dict[str, str]  # one line: what the rule finds
    description: dict[str, str]  # why it matters and how to fix, for `akq rules ID`
    message: dict[str, str]  # template for findings; {placeholders} from Hit.args
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    check: Callable[..., Iterable[Any]]  # Hits for item scope, Findings otherwise
    scope: Scope = "item"
    fixable: bool = False
    options: tuple[Option, ...] = ()
    # Without it a file cannot be checked at all (it does not parse, or its values have no known shape), so the
    # other rules' silence would mean nothing: akq.toml may neither switch it off nor lower it below error.
    required: bool = False

    def option(self, config: LintConfig, key: str) -> Any:
        """The value of one of this rule's options: as set in akq.toml, else its default."""
        for declared in self.options:
            if declared.key == key:
                return config.options.get(self.id, {}).get(key, declared.default)
        raise KeyError(f"rule {self.id} declares no option {key!r}")


def catalog_finding(
    rule: Rule,
    config: LintConfig,
    file: str,
    line: int,
    column: int,
    pointer: str,
    message: dict[str, str] | None = None,
    match: str | None = None,
    **args: Any,
) -> Finding:
    """A finding of a catalog-scope rule, with the configured severity and the message in the current language."""
    return Finding(
        rule=rule.id,
        severity=config.severity_of(rule.id, rule.severity),
        file=file,
        line=line,
        column=column,
        pointer=pointer,
        message=pick(message or rule.message, **args),
        match=match,
        end_line=line if match else None,
        end_column=column + len(match) if match else None,
    )
