"""Open data: catalog.json (with its JSON Schema), catalog.csv and catalog.xlsx.

Every file is a pure function of the catalog (and the commit date): fixed zip
timestamps and document properties in the workbook, CRLF and a BOM in the CSV
so that Excel on Chinese Windows opens it as UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from akq_cli.core import fields
from akq_cli.core.resources import schema as load_schema
from akq_cli.site.model import Entry, SiteModel

SCHEMA_FILE = "catalog.schema.json"
FILES = ("catalog.json", SCHEMA_FILE, "catalog.csv", "catalog.xlsx")  # what build._documents and _tables make

# How a column reads its field where the value as written is not what people read (codes,
# booleans, the department's name); every other column shows its field's value as written.
_READERS: dict[str, Callable[[Entry], Any]] = {
    "id": lambda e: e.id,
    "title": lambda e: e.title,
    "kind": lambda e: e.kind_label,
    "matter": lambda e: e.matter,
    "category": lambda e: e.category,
    "department": lambda e: e.department.get("name"),
    "legal_basis": lambda e: [f"{d}{a}（{lv}）" if lv else f"{d}{a}" for d, a, lv in e.bases],
    "commitment.method": lambda e: "、".join(e.methods),
    "commitment.proxy_allowed": lambda e: "可以" if e.proxy else "不可以",
    "verification.methods": lambda e: "、".join(e.verifications),
    "verification.timing": lambda e: e.timing,
    "disclosure.public": lambda e: {True: "公开", False: "不公开"}.get(e.section("disclosure").get("public"), ""),
    # each condition with the articles it rests on; each fill-in field as one readable line
    "conditions": lambda e: [c.text + (f"（依据：{'；'.join(c.bases)}）" if c.bases else "") for c in e.conditions],
    "fill_in": lambda e: [f.summary() for f in e.fill_ins],
}


def _reader(path: str, f: fields.Field) -> Callable[[Entry], Any]:
    if path in _READERS:
        return _READERS[path]
    parent, _, key = path.rpartition(".")
    if parent:
        return lambda e: e.section(parent).get(key)
    if f.type == "text_list":
        return lambda e: e.texts(key)
    return lambda e: e.data.get(key)


# (heading, value) of each spreadsheet column, from the field registry's open-data columns;
# list values are one per line in a cell
COLUMNS: list[tuple[str, Any]] = [
    *((f.column, _reader(path, f)) for path, f in fields.column_fields()),
    ("页面", None),  # filled with the item page's address
]


def rows(model: SiteModel) -> list[list[str]]:
    out = [[name for name, _ in COLUMNS]]
    for e in model.entries:
        row = []
        for _, get in COLUMNS:
            value = model.base_url + e.url if get is None else get(e)
            row.append(_cell(value))
        out.append(row)
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def catalog_schema(model: SiteModel) -> dict[str, Any]:
    """JSON Schema of catalog.json; the item schema is embedded as its own resource."""
    item = load_schema("item")
    # catalog.json drops the fields that may hold personal data (_public): its schema does not describe them either
    item = {**item, "properties": {k: v for k, v in item["properties"].items() if k not in _PERSONAL}}
    departments = load_schema("departments")["properties"]["departments"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": (model.base_url or "https://akq.example.invalid/") + SCHEMA_FILE,
        "title": "告知承诺制事项目录（公开数据）",
        "description": "catalog.json：公开目录中全部已公布事项，以及发布机关、工作方案和办理机关。每个事项的字段含义见 items 的说明。",
        "type": "object",
        "required": ["title", "government", "document", "updated", "departments", "items"],
        "properties": {
            "$schema": {"type": "string", "title": "本结构说明的网址"},
            "title": {"type": "string", "title": "目录名称"},
            "government": {"type": "string", "title": "发布机关"},
            "document": {"type": "object", "title": "工作方案", "description": "文号（number）、标题（title）、印发日期（date）。"},
            "updated": {"type": ["string", "null"], "title": "数据更新时间",
                        "description": "目录最后一次修改提交的时间（ISO 8601）；不在 git 仓库中时为 null。"},
            "commit": {"type": ["string", "null"], "title": "版本", "description": "该次提交的 git 编号。"},
            "departments": departments,
            "items": {"type": "array", "title": "已公布事项", "items": {"$ref": item["$id"]}},
        },
        "$defs": {"item": item},
    }


def catalog_json(model: SiteModel, updated: str | None, commit: str | None) -> bytes:
    meta = model.meta
    head = {
        "$schema": (model.base_url or "") + SCHEMA_FILE,
        "title": model.title,
        "government": meta.get("government"),
        "document": model.document,
        "updated": updated,
        "commit": commit,
        "departments": [g.department for g in model.groups if g.department.get("id") != "_"],
    }
    # One item per line: readable diffs, and json's C encoder (indent= would use
    # the pure-Python one, several times slower on 10,000 items).
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ',\n"items":[']
    lines.append(",\n".join(json.dumps(_public(e.data), ensure_ascii=False) for e in model.entries))
    lines.append("]}\n")
    return "".join(lines).encode()


_PERSONAL = fields.personal_keys()


def _public(data: dict[str, Any]) -> dict[str, Any]:
    """An item without the fields that may hold an applicant's personal data (the registry flags them)."""
    return {k: v for k, v in data.items() if k not in _PERSONAL} if _PERSONAL else data


def schema_json(model: SiteModel) -> bytes:
    return (json.dumps(catalog_schema(model), ensure_ascii=False, indent=2) + "\n").encode()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def catalog_csv(model: SiteModel, all_rows: list[list[str]] | None = None) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in all_rows or rows(model):
        # A cell starting with = + - @ is a formula to Excel; an item's text must
        # never run as one (CSV injection), so it is shown as text instead.
        writer.writerow(["'" + c if c.startswith(_FORMULA_START) else c for c in row])
    return b"\xef\xbb\xbf" + buf.getvalue().replace("\r\n", "\n").replace("\n", "\r\n").encode()


def catalog_xlsx(model: SiteModel, updated: str | None) -> bytes:
    return xlsx_from_rows(rows(model), model.title, updated)


def xlsx_from_rows(all_rows: list[list[str]], title: str, updated: str | None) -> bytes:
    """The workbook; a plain function of plain data, so it can run in a worker process.

    XlsxWriter, not openpyxl: at 10,000 items it writes the sheet three times as fast, and it
    pins every zip entry's date itself; only the document dates need setting for same bytes.
    Shared strings, not constant_memory's inline ones: departments, methods and bases repeat
    down the columns, and each distinct text is escaped and stored once (1.0 s against 1.6 s).
    """
    import xlsxwriter

    buf = io.BytesIO()
    # Text always: never a formula, a number or a link, whatever the item says.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False})
    stamp = _stamp(updated)
    wb.set_properties({"title": title, "author": "akq", "created": stamp})
    ws = wb.add_worksheet("事项目录")
    ws.freeze_panes(1, 0)
    widths = {"编号": 16, "事项名称": 24, "申请事项": 24, "设定依据": 40, "申请人承诺符合的条件": 40}
    for i, (name, _) in enumerate(COLUMNS):
        ws.set_column(i, i, widths.get(name, 18))
    ws.autofilter(0, 0, max(len(all_rows) - 1, 0), len(COLUMNS) - 1)
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    write = ws.write_string
    # The values come from the site model, which build_model cleaned of control characters (the CSV
    # writes them as they are); XlsxWriter would write any left as _xHHHH_ escapes, never as bad XML.
    for r, row in enumerate(all_rows):
        for c, text in enumerate(row):
            write(r, c, text, bold if r == 0 else wrap if "\n" in text else None)
    wb.close()
    return buf.getvalue()


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _stamp(iso: str | None) -> datetime:
    """The commit date in UTC (what the workbook's core.xml holds); a fixed date without git."""
    if not iso:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return datetime.fromisoformat(iso).astimezone(UTC)


def item_row(entry: Entry) -> dict[str, str]:
    """One item's open-data columns, for tests and other readers."""
    return {name: _cell(get(entry)) for name, get in COLUMNS if get is not None}

