"""The form's fill-in rows and proxy block (issue 10.1): what the applicant writes beyond the standard block.

Each fill-in field of the item becomes a row of a one-field-a-row table (label, room to write),
a table field a ruled table of its columns with its blank rows; where the item allows a proxy,
the proxy's own block follows the authority's, with the 授权书 it must attach.  The texts come
from templates/form/wording.toml; the layout (column widths, font steps) from render/grid.py
and templates/form/layout.toml.
"""

from __future__ import annotations

from typing import Any

from akq_cli.core.fillin import FillIn, fill_ins_of
from akq_cli.render import labels as L
from akq_cli.render.grid import GridTable
from akq_cli.render.wording import Wording

WIDE = "wide"  # the layout's one-field-a-row columns (layout.toml [info_table] wide_mm)


def _label(f: FillIn, text: Any) -> str:
    return f.label if f.required else text("fill_in_optional", name=f.label)


def row_cells(data: dict[str, Any], wording: Wording, kind: str) -> tuple[str, ...]:
    """label, room to write, label, … for the fill-in fields that are not tables."""
    def text(key: str, **values: str) -> str:
        return wording.text(kind, key, **values)

    hints = {"date": text("fill_in_date"), "amount": text("fill_in_amount")}
    cells: list[str] = []
    for f in fill_ins_of(data.get("fill_in")):
        if f.type != "table":
            cells += [_label(f, text), hints.get(f.type, "")]
    return tuple(cells)


def tables(data: dict[str, Any], wording: Wording, kind: str) -> list[tuple[str, GridTable]]:
    """(the line that names it, the ruled table) for each table field."""
    def text(key: str, **values: str) -> str:
        return wording.text(kind, key, **values)

    out = []
    for f in fill_ins_of(data.get("fill_in")):
        if f.type == "table" and f.columns:
            grid = GridTable(tuple(c.label for c in f.columns), tuple(c.type for c in f.columns), f.rows)
            out.append((text("fill_in_table", name=_label(f, text)), grid))
    return out


def proxy_allowed(data: dict[str, Any]) -> bool:
    commitment = data.get("commitment")
    return isinstance(commitment, dict) and commitment.get("proxy_allowed") is True


def proxy_cells(wording: Wording, kind: str) -> tuple[str, ...]:
    keys = ("proxy_name", "proxy_id", "proxy_phone", "proxy_signature")
    return tuple(cell for key in keys for cell in (wording.text(kind, key), ""))


def proxy_note(data: dict[str, Any], wording: Wording, kind: str) -> str:
    commitment = data.get("commitment") if isinstance(data.get("commitment"), dict) else {}
    return wording.text(kind, "proxy_attach", requirements=L.sentence(commitment.get("proxy_requirements")))
