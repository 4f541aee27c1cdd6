"""Spreadsheets in and out: reading departments' lists (xlsx, CSV) and writing the report workbook.

Reading: departments keep their lists in Excel or WPS, often with a merged
title row, merged cells for a department or a group heading, empty rows, and
CSV files saved as GBK.  ``read_table`` turns all of that into plain rows of
text with their row numbers, marking the rows that are group headings.

Writing: ``write_xlsx`` makes the same bytes for the same content (fixed
document dates and zip timestamps), so a report can be committed and diffed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from akq_cli.core.invisible import clean
from akq_cli.core.state import read_regular

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class SheetError(Exception):
    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts.get("en", ""))
        self.texts = texts

    def message(self) -> str:
        from akq_cli.core.i18n import pick

        return pick(self.texts)


@dataclass
class Row:
    number: int  # row number in the sheet or file, 1-based, as Excel shows it
    cells: list[str]
    heading: bool = False  # a group heading: one merged cell across the row

    @property
    def empty(self) -> bool:
        return not any(map(str.strip, self.cells))


@dataclass
class Table:
    source: str  # file name, and the sheet for a workbook
    rows: list[Row] = field(default_factory=list)
    encoding: str | None = None
    file: str = ""  # the file's name, without the folder
    sheet: str | None = None  # the worksheet of a workbook


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# a case system's export of a million rows is a few hundred MB; anything larger is not a sheet
SHEET_LIMIT = 1 << 30


def read_table(path: Path, sheet: str | None = None) -> Table:
    if not path.is_file():
        raise SheetError({"zh": f"文件不存在：{path}", "en": f"No such file: {path}"})
    try:
        data = read_regular(path, SHEET_LIMIT)  # a FIFO in its place would block; a symlink could point anywhere
    except OSError as exc:
        raise SheetError({"zh": f"无法读取 {path}：{exc}", "en": f"Cannot read {path}: {exc}"}) from exc
    return table_from_bytes(data, path, sheet)


def table_from_bytes(data: bytes, path: Path, sheet: str | None = None) -> Table:
    """The table in ``data``, a file named ``path`` (its suffix says the format): a caller that hashes
    a register reads it once and parses the very bytes it hashed."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, path, sheet)
    if suffix in (".csv", ".txt"):
        return _read_csv(data, path)
    if suffix in (".xls", ".et", ".ods", ".wps"):
        raise SheetError(
            {
                "zh": f"{path.name} 是旧版或其他格式的电子表格。请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入。",
                "en": f"{path.name} is an old or other spreadsheet format. Save it as an Excel workbook (.xlsx) or CSV first.",
            }
        )
    raise SheetError(
        {
            "zh": f"不认识的文件类型“{suffix or path.name}”。请导入 .xlsx 或 .csv 文件。",
            "en": f"Unknown file type '{suffix or path.name}'. Import an .xlsx or .csv file.",
        }
    )


def _read_xlsx(data: bytes, path: Path, sheet: str | None) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # not read_only: merged ranges are needed
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SheetError(
            {
                "zh": f"无法读取电子表格 {path.name}：文件已损坏或不是 Excel 工作簿（{type(exc).__name__}）。"
                "请在 Excel 或 WPS 中打开确认，再“另存为”.xlsx。",
                "en": f"Cannot read {path.name}: damaged or not an Excel workbook ({type(exc).__name__}). "
                "Open it in Excel or WPS and save it again as .xlsx.",
            }
        ) from exc
    if sheet is not None and sheet not in wb.sheetnames:
        raise SheetError(
            {
                "zh": f"工作簿中没有工作表“{sheet}”。可选：{'、'.join(wb.sheetnames)}。",
                "en": f"No sheet '{sheet}' in the workbook. Sheets: {', '.join(wb.sheetnames)}.",
            }
        )
    ws = wb[sheet] if sheet else wb.worksheets[0]
    grid: dict[tuple[int, int], str] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                grid[(cell.row, cell.column)] = _text(cell.value)
    width = max((c for _, c in grid), default=0)
    headings: set[int] = set()
    for rng in ws.merged_cells.ranges:
        value = grid.get((rng.min_row, rng.min_col), "")
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                grid[(r, c)] = value
        # One merged cell spanning (nearly) the whole row is a title or a group heading.
        if rng.min_row == rng.max_row and width > 1 and rng.max_col - rng.min_col + 1 >= max(2, width - 1):
            headings.add(rng.min_row)
    last = max((r for r, _ in grid), default=0)
    table = Table(f"{path.name}（{ws.title}）", file=path.name, sheet=ws.title)
    for r in range(1, last + 1):
        cells = [grid.get((r, c), "") for c in range(1, width + 1)]
        table.rows.append(Row(r, cells, heading=r in headings))
    return table


def decode_csv(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else GBK (as GB18030)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "strict"), "UTF-8（BOM）"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise SheetError({"zh": f"{name} 的 UTF-16 编码已损坏。", "en": f"{name} has broken UTF-16."}) from exc
    if b"\x00" in data:
        raise SheetError({"zh": f"{name} 不是文本文件。", "en": f"{name} is not a text file."})
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError as exc:
        raise SheetError(
            {
                "zh": f"{name} 既不是 UTF-8 也不是 GBK 编码，无法读取。请在 Excel 或 WPS 中另存为“CSV UTF-8”。",
                "en": f"{name} is neither UTF-8 nor GBK. Save it again as 'CSV UTF-8'.",
            }
        ) from exc


def _read_csv(data: bytes, path: Path) -> Table:
    encoding, rows = iter_csv(data, path)
    records = list(rows)
    table = Table(path.name, encoding=encoding, file=path.name)
    width = max((len(r.cells) for r in records), default=0)
    for r in records:
        table.rows.append(Row(r.number, r.cells + [""] * (width - len(r.cells))))
    return table


def _csv_reason(exc: Exception, lang: str) -> str:
    text = str(exc)
    if text.startswith("field larger than field limit"):
        limit = text.rsplit("(", 1)[-1].rstrip(")")
        return f"单元格超过 {limit} 个字符" if lang == "zh" else f"a cell longer than {limit} characters"
    return text


def iter_csv(data: bytes, path: Path) -> tuple[str, Iterator[Row]]:
    """(encoding, rows as they are read): a million-row case export is never held as Row objects at once.
    Rows are not padded to a common width."""
    import csv

    text, encoding = decode_csv(data, path.name)
    if "\x00" in text:
        raise SheetError({"zh": f"{path.name} 不是文本文件。", "en": f"{path.name} is not a text file."})
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel

    def rows() -> Iterator[Row]:
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        try:
            for i, rec in enumerate(reader, start=1):
                # csv gives str cells only: _text's conversions reduce to this (a million-row export)
                yield Row(i, [c.strip() if "\r" not in c else _text(c) for c in rec])
        except csv.Error as exc:
            line = reader.line_num
            raise SheetError({"zh": f"{path.name} 第 {line} 行起不是有效的 CSV：{_csv_reason(exc, 'zh')}",
                              "en": f"{path.name} is not valid CSV from line {line}: {_csv_reason(exc, 'en')}"}) from exc

    return encoding, rows()


# --- writing -----------------------------------------------------------------------------------------

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _width(value: Any) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def write_xlsx(sheets: list[tuple[str, list[str], list[list[Any]]]], *, title: str, subtitle: str, as_of: str) -> bytes:
    """A workbook of simple tables: a title on the first sheet, bold headers, frozen header rows."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for n, (name, head, rows) in enumerate(sheets):
        ws = wb.create_sheet(_BAD_SHEET_CHARS.sub("_", clean(name))[:31])
        top = 1
        if n == 0:
            ws.cell(1, 1, clean(title)).font = Font(bold=True, size=14)
            ws.cell(2, 1, clean(subtitle))
            top = 4
        for c, h in enumerate(head, start=1):
            cell = ws.cell(top, c, clean(h))
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r, row in enumerate(rows, start=top + 1):
            for c, value in enumerate(row, start=1):
                # openpyxl refuses control characters (IllegalCharacterError); an item's text may hold one
                ws.cell(r, c, clean(value) if isinstance(value, str) else value)
        ws.freeze_panes = ws.cell(top + 1, 1)
        for c, h in enumerate(head, start=1):
            longest = max([_width(h), *(_width(row[c - 1]) for row in rows)])
            ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = min(60, max(8, longest + 2))
    stamp = datetime.fromisoformat(as_of)
    wb.properties.creator = "akq"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.title = title
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))


def normalise_zip(data: bytes, stamp: str) -> bytes:
    """Same workbook, same bytes: pin the document dates and every zip entry's time."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(lambda m: m.group(1) + stamp.encode() + m.group(3), content)
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, content)
    return out.getvalue()
