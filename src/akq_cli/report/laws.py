"""What `akq laws` shows: every instrument of the law register, its status on a day, and the items citing it.

Also the names the items cite that the register does not know (legal-basis-unknown-name reports them
where they stand), so that a reviewer sees the whole picture in one list.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from akq_cli.core.catalog import load_catalog
from akq_cli.core.escape import visible
from akq_cli.core.files import cannot_write, emit
from akq_cli.core.i18n import lang, pick, t
from akq_cli.core.laws import Instrument, LawRegister, RegisterError, load_register
from akq_cli.core.state import CatalogError, CatalogState
from akq_cli.core.vocab import LEVEL
from akq_cli.lint.citations import citations

COLUMNS = (
    ("name", "名称", "name"),
    ("number", "文号", "number"),
    ("level", "效力层级", "level"),
    ("adopted", "通过或公布", "adopted"),
    ("effective", "施行", "effective"),
    ("revised", "最近修订", "revised"),
    ("status", "状态", "status"),
    ("governed_by", "由上位法规定", "governed by"),
    ("renumbered", "条文序号调整", "renumbered"),
    ("cited_by", "引用的事项", "cited by"),
    ("origin", "登记于", "registered in"),
    ("source", "来源", "source"),
)

NOTES = {
    "unknown": {"zh": "登记表中没有的名称（legal-basis-unknown-name）", "en": "names the register does not know"},
    "as-of": {"zh": "状态按 {day} 判断", "en": "status as of {day}"},
    "shipped": {"zh": "akq 随附", "en": "shipped with akq"},
    "catalog": {"zh": "目录的 laws.toml", "en": "the catalog's laws.toml"},
    "none": {"zh": "（无）", "en": "(none)"},
}


@dataclass
class LawRow:
    instrument: Instrument
    status: str
    cited_by: list[str] = field(default_factory=list)

    def values(self) -> dict[str, str]:
        inst = self.instrument
        return {
            "name": inst.name,
            "number": inst.number,
            "level": pick(LEVEL[inst.level]),
            "adopted": _day(inst.adopted),
            "effective": _day(inst.effective),
            "revised": _day(inst.revised),
            "status": self.status,
            "governed_by": "；".join(f"{g.name}（{g.since.isoformat()}）" for g in inst.governed_by),
            "renumbered": "；".join(f"{r.since.isoformat()} {r.note}".strip() for r in inst.renumbered),
            "cited_by": "、".join(self.cited_by),
            "origin": pick(NOTES[inst.origin]),
            "source": inst.source,
        }


@dataclass
class LawList:
    day: date
    rows: list[LawRow]
    unknown: dict[str, list[str]]  # name cited -> items citing it


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def build(state: CatalogState, register: LawRegister, day: date) -> LawList:
    cited: dict[str, set[str]] = {}
    unknown: dict[str, set[str]] = {}
    for name in state.item_names():
        try:
            doc = state.document(name)
        except OSError:
            continue  # lint reports an unreadable file
        root = doc.root
        if root is None or not isinstance(root.value, dict):
            continue
        ident = root.get("id")
        item = ident.value if ident is not None and isinstance(ident.value, str) else name.rsplit("/", 1)[-1]
        for cite in citations(root):
            inst = register.lookup(cite.title)
            if inst is None:
                unknown.setdefault(cite.title, set()).add(item)
            else:
                cited.setdefault(inst.name, set()).add(item)
    rows = [LawRow(inst, inst.status_on(day), sorted(cited.get(inst.name, ()))) for inst in register.instruments]
    rows.sort(key=lambda r: (-len(r.cited_by), r.instrument.name))
    return LawList(day, rows, {k: sorted(v) for k, v in sorted(unknown.items())})


def _heading(_key: str, zh: str, en: str) -> str:
    return zh if lang() == "zh" else en


def to_json(listing: LawList) -> str:
    data: dict[str, Any] = {
        "as_of": listing.day.isoformat(),
        "instruments": [
            {
                **{k: v for k, v in row.values().items() if k not in ("governed_by", "renumbered", "cited_by", "level")},
                "level": row.instrument.level,
                "origin": row.instrument.origin,  # "shipped" or "catalog"
                "aliases": list(row.instrument.aliases),
                "repealed": _day(row.instrument.repealed) or None,
                "checked": row.instrument.checked.isoformat(),
                "status_recorded": row.instrument.status,
                "governed_by": [
                    {"name": g.name, "since": g.since.isoformat(), "note": g.note} for g in row.instrument.governed_by
                ],
                "renumbered": [
                    {"since": r.since.isoformat(), "note": r.note, "articles": dict(r.articles)}
                    for r in row.instrument.renumbered
                ],
                "note": row.instrument.note,
                "cited_by": row.cited_by,
            }
            for row in listing.rows
        ],
        "unknown": [{"name": k, "cited_by": v} for k, v in listing.unknown.items()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(listing: LawList) -> bytes:
    """UTF-8 with a BOM and CRLF: Excel on a county desktop opens it as Chinese text (as open data's CSV)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_heading(*c) for c in COLUMNS])
    for row in listing.rows:
        values = row.values()
        writer.writerow([values[key] for key, _, _ in COLUMNS])
    for name, items in listing.unknown.items():
        writer.writerow([name, "", "", "", "", "", pick(NOTES["unknown"]), "", "", "、".join(items), "", ""])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_text(listing: LawList) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(label, value)]) blocks for the terminal; the command lays them out."""
    blocks = []
    for row in listing.rows:
        values = row.values()
        lines = [
            (_heading(*c), values[c[0]] or pick(NOTES["none"]))
            for c in COLUMNS
            if c[0] not in ("name",) and (values[c[0]] or c[0] in ("status", "cited_by"))
        ]
        blocks.append((row.instrument.name, lines))
    if listing.unknown:
        blocks.append(
            (pick(NOTES["unknown"]), [(name, "、".join(items)) for name, items in listing.unknown.items()])
        )
    return blocks


FORMATS = ("text", "json", "csv")
EXIT_USAGE = 2


def run_laws(catalog: Path | None, format: str, output: Path | None, as_of: str | None) -> int:
    """`akq laws`: read the register through the catalog's state, list it, show or write it."""
    if format not in FORMATS:
        return _error(t("bad-option", detail=f"--format {format}（{'、'.join(FORMATS)}）"))
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        return _error(t("bad-option", detail=f"--as-of {as_of}（YYYY-MM-DD）"))
    try:
        cat = load_catalog(catalog)
        assert cat.state is not None
        register = load_register(cat.state)
    except CatalogError as exc:
        return _error(exc.message())
    except RegisterError as exc:
        return _error(exc.message())
    listing = build(cat.state, register, day)
    if format == "json":
        data = to_json(listing).encode("utf-8")
    elif format == "csv":
        data = to_csv(listing)
    else:
        console = Console(highlight=False, soft_wrap=True) if output is None else None
        buf = io.StringIO()
        target = console or Console(file=buf, width=160, highlight=False, color_system=None)
        target.print(Text(pick(NOTES["as-of"], day=day.isoformat()), style="dim"))
        for title, lines in to_text(listing):
            target.print()
            target.print(Text(visible(title), style="bold"))
            for label, value in lines:
                target.print(Text.assemble(f"  {label}：", visible(value)))
        if console is not None:
            return 0
        data = buf.getvalue().encode("utf-8")
    try:
        emit(data, output)
    except OSError as exc:
        return _error(cannot_write(output or "-", exc))
    return 0


def _error(message: str) -> int:
    Console(stderr=True, highlight=False, soft_wrap=True).print(Text.assemble(("akq laws: ", "bold red"), visible(message)))
    return EXIT_USAGE
