"""`akq report` as tables: the same rows for the terminal, Markdown (templates/report/) and the Excel workbook."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from markupsafe import Markup
from rich.console import Console
from rich.table import Table
from rich.text import Text

from akq_cli.core import vocab
from akq_cli.core.catalog import load_catalog
from akq_cli.core.escape import visible
from akq_cli.core.files import emit, reason
from akq_cli.core.i18n import lang, pick, t
from akq_cli.core.paths import relative_to
from akq_cli.core.state import CatalogError
from akq_cli.core.textout import render, words
from akq_cli.core.vocab import POLICY_AREAS
from akq_cli.ledger.errors import LedgerError
from akq_cli.lint.cache import open_cache
from akq_cli.lint.config import ConfigError, find_config, load_config
from akq_cli.lint.engine import run, with_register
from akq_cli.report.build import KINDS, STATUSES, DepartmentRow, ItemRow, Report, build_report, today
from akq_cli.report.ledger_part import LedgerPart, ledger_part

Rows = list[list[Any]]


def _name(table: vocab.Names, code: str) -> str:
    return pick(table[code]) if code in table else code


def title(report: Report) -> str:
    w = words("report")
    gov = report.government or w["default_government"]
    return w["title"].format(county=gov.removesuffix("人民政府"))


def subtitle(report: Report) -> str:
    w = words("report")
    return w["as_of"].format(as_of=report.as_of) + (w["policy"].format(document=report.document) if report.document else "")


def overview(report: Report) -> list[str]:
    w = words("report")
    total = report.totals
    missing = [a for a in POLICY_AREAS if not report.areas[a]["items"]]
    covered = len(POLICY_AREAS) - len(missing)
    return [
        w["overview_items"].format(
            items=total.items,
            certification=total.kinds["certification"],
            business_license=total.kinds["business_license"],
            unknown=w["overview_unknown_kind"].format(n=total.unknown_kind) if total.unknown_kind else "",
            published=total.statuses["published"],
            awaiting=len(report.awaiting),
            overdue=len(report.overdue),
        ),
        *([w["overview_unreadable"].format(n=len(report.unreadable), files=w["list_separator"].join(report.unreadable))]
          if report.unreadable else []),
        w["overview_lint"].format(clean=total.clean, with_errors=total.with_errors, with_warnings=total.with_warnings),
        w["overview_areas_missing"].format(covered=covered, missing=w["list_separator"].join(missing))
        if missing
        else w["overview_areas"].format(covered=covered),
    ]


def _department_name(d: DepartmentRow) -> str:
    cells = words("report")["cells"]
    if not d.id:
        return cells["total"]
    return cells["department"].format(name=d.name, id=d.id) if d.name else cells["unregistered"].format(id=d.id)


def department_table(report: Report) -> tuple[list[str], Rows]:
    w = words("report")
    col = w["columns"]
    head = [
        col["department"],
        col["items"],
        *(_name(vocab.KIND, k) for k in KINDS),
        *(_name(vocab.STATUS, s) for s in STATUSES),
        col["clean"],
        col["with_errors"],
        col["with_warnings"],
        col["areas"],
    ]
    rows: Rows = [
        [
            _department_name(d),
            d.items,
            *(d.kinds[k] for k in KINDS),
            *(d.statuses[s] for s in STATUSES),
            d.clean,
            d.with_errors,
            d.with_warnings,
            w["list_separator"].join(d.areas),
        ]
        for d in [*report.departments, report.totals]
    ]
    return head, rows


def compact_department_table(report: Report) -> tuple[list[str], Rows]:
    """The department table narrow enough for a terminal: counts folded into a few columns."""
    w = words("report")
    col, cells = w["columns"], w["cells"]
    head = [col["department"], col["kinds_short"], col["status"], col["lint_short"], col["areas_short"]]
    rows: Rows = []
    for d in [*report.departments, report.totals]:
        name = (d.name.removeprefix(w["county_prefix"]) or d.id) if d.id else cells["total"]
        statuses = " ".join(
            cells["status_count"].format(status=_name(vocab.STATUS, s), n=d.statuses[s]) for s in STATUSES if d.statuses[s]
        )
        lint = cells["lint"].format(clean=d.clean, with_errors=d.with_errors, with_warnings=d.with_warnings)
        kinds = f"{d.kinds['certification']}/{d.kinds['business_license']}"
        rows.append([name, kinds, statuses, lint, w["list_separator"].join(d.areas)])
    return head, rows


def area_table(report: Report) -> tuple[list[str], Rows]:
    w = words("report")
    col = w["columns"]
    names = {d.id: d.name or d.id for d in report.departments}
    head = [col["area"], col["items"], col["published"], col["departments"]]
    rows: Rows = []
    for area in POLICY_AREAS:
        a = report.areas[area]
        deps = w["list_separator"].join(names.get(d, d) for d in sorted(a["departments"]))
        rows.append([area, a["items"], a["published"], deps or w["cells"]["not_covered"]])
    return head, rows


def item_table(rows: list[ItemRow], with_status: bool) -> tuple[list[str], Rows]:
    col = words("report")["columns"]
    head = [col["id"], col["title"], col["department"], col["kind"], *([col["status"]] if with_status else []),
            col["effective_date"]]
    out: Rows = []
    for r in rows:
        status = [_name(vocab.STATUS, r.status)] if with_status else []
        out.append([r.id, r.title, r.department, _name(vocab.KIND, r.kind), *status, r.effective_date])
    return head, out


def sections(report: Report, *, counted: bool = True, extra: LedgerPart | None = None) -> list[tuple[str, list[str], Rows]]:
    """(name, head, rows) of each table; ``counted``: item lists name their length; ``extra``: the ledger's."""
    s = words("report")["sections"]

    def count(name: str, n: int) -> str:
        return s["count"].format(name=name, n=n) if counted else name

    return [
        (s["departments"], *department_table(report)),
        (s["areas"], *area_table(report)),
        (count(s["awaiting"], len(report.awaiting)), *item_table(report.awaiting, False)),
        (count(s["overdue"], len(report.overdue)), *item_table(report.overdue, True)),
        *(_ledger_sections(extra) if extra else []),
    ]


def _ledger_sections(extra: LedgerPart) -> list[tuple[str, list[str], Rows]]:
    prefix = pick({"zh": "告知承诺台账统计：", "en": "Commitment ledger: "})
    return [(prefix + name, head, rows) for name, head, rows in extra.sections]


def markdown(report: Report, extra: LedgerPart | None = None) -> str:
    rendered = render(
        "report", "report.md.j2", "markdown",
        title=title(report), subtitle=subtitle(report), overview=overview(report), sections=sections(report, extra=extra),
    )
    return rendered.rstrip("\n") + "\n"


def _table_markup(console: Console, name: str, head: list[str], rows: Rows) -> Markup:
    """A rich table as console markup, to stand in a template; cells are text, never markup."""
    table = Table(title=Text(visible(name)), title_justify="left", show_lines=False)
    for h in head:
        table.add_column(Text(visible(h)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(visible(str(c))) for c in row))
    lines = console.render_lines(table, console.options, pad=False, new_lines=False)
    out = []
    for line in lines:
        row = Text.assemble(*((seg.text, seg.style) for seg in line if not seg.control))
        row.rstrip()
        out.append(row)
    return Markup(Text("\n").join(out).markup)


def text(report: Report, console: Console, extra: LedgerPart | None = None) -> None:
    parts = sections(report, extra=extra)
    parts[0] = (parts[0][0], *compact_department_table(report))
    markup = render(
        "report", "report.txt.j2", "rich",
        title=title(report), subtitle=subtitle(report), overview=overview(report), sections=parts,
        table=lambda name, head, rows: _table_markup(console, name, head, rows),
    )
    console.print(Text.from_markup(markup.removesuffix("\n"), emoji=False), soft_wrap=True)


def workbook(report: Report, extra: LedgerPart | None = None) -> bytes:
    """The report as an .xlsx workbook, the same bytes for the same catalog and date."""
    from akq_cli.core.spreadsheet import write_xlsx  # openpyxl: only for this format

    w = words("report")
    col = w["columns"]
    sheets = sections(report, counted=False, extra=extra)
    detail_head = [col[k] for k in ("id", "title", "department", "kind", "category", "status", "effective_date",
                                    "errors", "warnings", "file")]
    detail = [
        [r.id, r.title, r.department, _name(vocab.KIND, r.kind), r.category, _name(vocab.STATUS, r.status),
         r.effective_date, r.errors, r.warnings, r.file]
        for r in report.items
    ]
    sheets.append((w["sections"]["items"], detail_head, detail))
    return write_xlsx(sheets, title=title(report), subtitle=subtitle(report), as_of=report.as_of)


# --- the command ------------------------------------------------------------------------------------

FORMATS = ("text", "markdown", "xlsx", "json")
EXIT_USAGE = 2


def _error(message: str) -> int:
    Console(stderr=True, highlight=False, soft_wrap=True).print(Text.assemble(("akq report: ", "bold red"), visible(message)))
    return EXIT_USAGE


def run_report(catalog: Path | None, format: str, output: Path | None, as_of: str | None,
               ledger: str | None = None) -> int:
    """`akq report`: lint the catalog, build the report, show or write it."""
    if format not in FORMATS:
        return _error(t("bad-option", detail=f"--format {format}（{'、'.join(FORMATS)}）"))
    if format == "xlsx" and output is None:
        return _error(words("report")["xlsx_needs_output"])
    try:
        date = today(as_of)
    except ValueError:
        return _error(t("bad-option", detail=f"--as-of {as_of}（YYYY-MM-DD）"))
    try:
        cat = load_catalog(catalog)
        config = load_config(find_config(cat.root))
    except CatalogError as exc:
        return _error(exc.message())
    except ConfigError as exc:
        return _error(exc.message())
    assert cat.state is not None
    # The laws judged as of the report's date, by the register the catalog has (a broken laws.toml is a finding).
    config, register_problem = with_register(replace(config, as_of=dt.date.fromisoformat(date)), cat.state)
    # The same content-keyed cache as `akq lint`: a report after a lint is quick.
    cache = open_cache(cat.root, config.fingerprint(), lang())
    lint = run(cat.state, config, meta=False, display=relative_to(os.getcwd()), cache=cache, jobs=os.cpu_count() or 1)
    if register_problem is not None:
        register_problem.file = relative_to(os.getcwd())(register_problem.file)
    findings = lint.findings if register_problem is None else [*lint.findings, register_problem]
    result = build_report(cat, findings, date)
    try:
        extra = ledger_part(cat.root, ledger, date)
    except LedgerError as exc:
        return _error(exc.message())

    if format == "xlsx":
        data = workbook(result, extra)
    elif format == "json":
        body = {**result.to_json(), **({"ledger": extra.json} if extra else {})}
        data = (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    elif format == "markdown":
        data = markdown(result, extra).encode("utf-8")
    elif output is None:
        text(result, Console(highlight=False, soft_wrap=True), extra)
        return 0
    else:
        buf = io.StringIO()
        text(result, Console(file=buf, width=160, highlight=False, color_system=None), extra)
        data = buf.getvalue().encode("utf-8")
    try:
        emit(data, output)
    except OSError as exc:
        return _error(words("report")["cannot_write"].format(path=output or "-", error=reason(exc)))
    return 0
