"""Registers of targets and of inspectors (CSV or XLSX), read from the very bytes that were hashed.

A register of targets lists commitments by 承诺编码 or businesses by
统一社会信用代码, never people by ID number, so it can be published and anyone
can re-run the draw.  Should an ID number slip in, ``mask`` hides it wherever
akq prints or writes it (``6530**********1234``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from akq_cli.core.personal import mask_resident_id
from akq_cli.core.spreadsheet import SheetError, decode_csv, table_from_bytes
from akq_cli.core.state import read_regular
from akq_cli.draw.errors import DrawError

TARGET_ID_COLUMNS = ("承诺编码", "统一社会信用代码")
BUSINESS_ID = "统一社会信用代码"
NAME_COLUMN = "名称"
INSPECTOR_ID = "执法证号"
INSPECTOR_NAME = "姓名"
RECUSAL_COLUMN = "回避对象"
REGISTER_LIMIT = 64 * 1024 * 1024  # a county register of 100,000 rows is a few MB

_SPLIT = re.compile(r"[\s;；,，、]+")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Register:
    path: Path
    data: bytes
    heading: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells in heading order)

    @property
    def sha256(self) -> str:
        return sha256(self.data)

    def column(self, *names: str) -> int:
        """The index of the first of ``names`` in the heading."""
        for name in names:
            if name in self.heading:
                return self.heading.index(name)
        raise DrawError(
            {
                "zh": f"{self.path}：第一行（表头）中没有“{'”或“'.join(names)}”列。现有的列：{'、'.join(self.heading)}。",
                "en": f"{self.path}: the heading row has no column {' or '.join(names)}. Columns: {', '.join(self.heading)}.",
            }
        )


def read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path, REGISTER_LIMIT)
    except OSError as exc:
        raise DrawError(
            {
                "zh": f"无法读取 {path}：{exc.strerror or exc}。请检查文件名和路径。",
                "en": f"Cannot read {path}: {exc.strerror or exc}. Check the file name and path.",
            }
        ) from exc


def parse(path: Path, data: bytes) -> Register:
    """The register in ``data``: the first non-empty row is the heading; empty rows are skipped.

    A CSV is read with the csv module directly (a 100,000-row register in a fraction of a second);
    a workbook through core.spreadsheet, which also undoes merged cells.
    """
    try:
        if path.suffix.lower() == ".csv":
            text, _ = decode_csv(data, path.name)
            records = enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
            rows = [(n, [c.strip() for c in r]) for n, r in records if any(c.strip() for c in r)]
        else:
            rows = [(r.number, r.cells) for r in table_from_bytes(data, path).rows if not r.empty]
    except csv.Error as exc:
        raise DrawError({"zh": f"{path} 不是有效的 CSV：{exc}", "en": f"{path} is not valid CSV: {exc}"}) from exc
    except SheetError as exc:
        raise DrawError(exc.texts) from exc
    if not rows:
        raise DrawError({"zh": f"{path} 是空的：第一行应为表头。", "en": f"{path} is empty: the first row is the heading."})
    heading = rows[0][1]
    width = len(heading)
    body = [(n, cells + [""] * (width - len(cells)) if len(cells) < width else cells) for n, cells in rows[1:]]
    return Register(path, data, heading, body)


def unique_ids(register: Register, column: int, seen: dict[str, str]) -> list[str]:
    """The register's ids in ``column``, each non-empty and not seen before (in this register or another)."""
    ids = []
    name = register.heading[column]
    for number, row in register.rows:
        value = row[column]
        if not value:
            raise DrawError(
                {"zh": f"{register.path} 第{number}行：“{name}”为空。每一行都要有编码。", "en": f"{register.path} row {number}: {name} is empty."}
            )
        if value in seen:
            raise DrawError(
                {
                    "zh": f"{register.path} 第{number}行：“{mask_resident_id(value)}”与{seen[value]}重复。同一对象只能登记一次。",
                    "en": f"{register.path} row {number}: {mask_resident_id(value)} repeats {seen[value]}. List each target once.",
                }
            )
        seen[value] = f"{register.path} 第{number}行"
        ids.append(value)
    return ids


def recusals(cell: str) -> set[str]:
    return {v for v in _SPLIT.split(cell) if v}
