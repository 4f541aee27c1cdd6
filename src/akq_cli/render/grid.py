"""A ruled table with a heading row and blank rows to write in: a fill-in field of type table (issue 10.1).

Its columns are sized for what is written in them at the form's font size: an 18-digit ID
number or credit code, a phone number, a date or an amount must fit on one line, so each of
those columns gets at least that width, and text columns share what is left.  When the
columns cannot fit the 156 mm type area at the cell style's size, the table's font steps down
(三号 16 pt → 四号 14 → 小四 12 → 五号 10.5) rather than wrap a number: a wrapped ID number is
misread, a slightly smaller table is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from akq_cli.core.invisible import clean
from akq_cli.render.docx_style import STYLE_IDS, mm_twips, rfonts, twips
from akq_cli.render.layout import Layout

PT_MM = 25.4 / 72
CELL_MARGINS_MM = 2 * 85 / 1440 * 25.4  # tblCellMar left + right, as docx_writer writes them
SLACK_MM = 2.0  # what font substitution (仿宋_GB2312 → the PDF's face) may add to a line
FONT_STEPS = (16.0, 14.0, 12.0, 10.5)
# Digits and Latin letters each type needs on one line (text types may wrap).  Measured, not assumed: in the
# PDF's faces a digit takes up to 0.6 of the font size (a 48.7 mm cell at 14 pt held 16 of 18 digits).
DIGIT_EM = 0.6
HALF_WIDTH = {"id_number": 18, "credit_code": 18, "phone": 13, "amount": 10, "date": 15}
MIN_TEXT_CHARS = 4  # a text column holds at least a short name on one line


@dataclass(frozen=True)
class GridTable:
    headers: tuple[str, ...]
    types: tuple[str, ...]  # vocab.FILL_IN_TYPE codes, one per column
    rows: int


def char_mm(size_pt: float, condense_pt: float) -> float:
    """The advance of one full-width (CJK) character."""
    return (size_pt - condense_pt) * PT_MM


def _min_width(header: str, kind: str, size_pt: float, condense_pt: float) -> float:
    full = char_mm(size_pt, condense_pt)
    content = HALF_WIDTH[kind] * size_pt * DIGIT_EM * PT_MM if kind in HALF_WIDTH else MIN_TEXT_CHARS * full
    heading = math.ceil(len(header) / 2) * full  # a heading may take two lines
    return max(content, heading) + CELL_MARGINS_MM + SLACK_MM


def sized(table: GridTable, total_mm: float, size_pt: float, condense_pt: float) -> tuple[float, tuple[float, ...]]:
    """(font size, column widths in mm): the largest step at which every column fits, widths summing to total_mm."""
    steps = [s for s in FONT_STEPS if s <= size_pt] or [size_pt]
    for size in steps:
        mins = [_min_width(h, t, size, condense_pt) for h, t in zip(table.headers, table.types, strict=True)]
        if sum(mins) <= total_mm or size == steps[-1]:
            break
    spare = max(0.0, total_mm - sum(mins))
    stretch = [i for i, t in enumerate(table.types) if t not in HALF_WIDTH] or list(range(len(mins)))
    widths = [w + (spare / len(stretch) if i in stretch else 0.0) for i, w in enumerate(mins)]
    return size, tuple(widths)


def _runs(text: str, font: str, size_pt: float) -> str:
    if not text:
        return ""
    size = round(size_pt * 2)
    props = f'<w:rPr>{rfonts(font)}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(clean(text))}</w:t></w:r>'


def grid_xml(layout: Layout, table: GridTable) -> str:
    """The table as WordprocessingML: a repeated heading row, then ``rows`` blank rows that do not split."""
    spec = layout.styles["cell"]
    size, widths_mm = sized(table, layout.page.text_width_mm, spec.size_pt, spec.condense_pt)
    widths = [mm_twips(w) for w in widths_mm]
    border = round(layout.border_pt * 8)
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="{border}" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    height = twips(spec.line_pt * 1.5)

    centred = '<w:jc w:val="center"/>'
    # The paragraph mark carries the size too: what the applicant types into the blank cell takes it.
    mark = f'<w:rPr><w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/></w:rPr>'

    def row(texts: tuple[str, ...], header: bool) -> str:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS["cell"]}"/>{centred if header else ""}{mark}</w:pPr>'
            f"{_runs(text, spec.font, size)}</w:p></w:tc>"
            for w, text in zip(widths, texts, strict=True)
        )
        head = "<w:tblHeader/>" if header else ""
        return f'<w:tr><w:trPr><w:cantSplit/>{head}<w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>{cells}</w:tr>'

    blank = ("",) * len(widths)
    body = row(table.headers, True) + "".join(row(blank, False) for _ in range(table.rows))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )
