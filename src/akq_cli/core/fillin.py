"""What an applicant writes on the form beyond the standard block (issue 10.1).

An item's ``fill_in`` entries, read into plain dataclasses that the form, the site, the open data
and the rules share, and the readable one-line summary the open data and the review print.
Plain data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from akq_cli.core import vocab

TYPE_ZH = vocab.zh(vocab.FILL_IN_TYPE)
DEFAULT_ROWS = 5  # a table without rows (the schema requires them) still gets room to write


@dataclass(frozen=True)
class Column:
    label: str
    type: str


@dataclass(frozen=True)
class FillIn:
    label: str
    type: str
    required: bool = True
    checked_by: str = ""
    columns: tuple[Column, ...] = ()
    rows: int = DEFAULT_ROWS

    @property
    def type_zh(self) -> str:
        return TYPE_ZH.get(self.type, self.type)

    def summary(self) -> str:
        """居住地址（地址，必填，由…核查）; a table lists its columns with their types."""
        kind = self.type_zh
        if self.type == "table" and self.columns:
            kind += "：" + "、".join(f"{c.label}〔{TYPE_ZH.get(c.type, c.type)}〕" for c in self.columns)
        parts = [kind, "必填" if self.required else "选填"]
        if self.checked_by:
            parts.append(f"由{self.checked_by}核查")
        return f"{self.label}（{'，'.join(parts)}）"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def fill_ins_of(value: Any) -> list[FillIn]:
    """The fill-in fields of an item's ``fill_in`` value; entries without a label are skipped (the schema reports them)."""
    out = []
    for entry in value if isinstance(value, list) else []:
        if not isinstance(entry, dict) or not _text(entry.get("label")):
            continue
        columns = tuple(
            Column(_text(c.get("label")), _text(c.get("type")) or "text")
            for c in entry.get("columns") or []
            if isinstance(c, dict) and _text(c.get("label"))
        )
        rows = entry.get("rows")
        out.append(
            FillIn(
                label=_text(entry.get("label")),
                type=_text(entry.get("type")) or "text",
                required=entry.get("required") is not False,
                checked_by=_text(entry.get("checked_by")),
                columns=columns,
                rows=rows if isinstance(rows, int) and not isinstance(rows, bool) and 0 < rows <= 50 else DEFAULT_ROWS,
            )
        )
    return out
