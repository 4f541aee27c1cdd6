"""Commitments: record one, import a department's case export, change status (撤回 and the rest)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from akq_cli.core.spreadsheet import SHEET_LIMIT, Row, SheetError, iter_csv, read_table
from akq_cli.core.state import TooLarge, read_regular
from akq_cli.ledger import chain, ids
from akq_cli.ledger.errors import LedgerError, msg
from akq_cli.ledger.schema import code_serials, commitments, status_history
from akq_cli.ledger.tasks import TaskPlanner

CHANNELS = {"window": "窗口", "online": "网上"}
ROUTES = {"commitment": "告知承诺", "proof": "提交证明"}
STATUSES = {"accepted": "受理", "concluded": "办结", "withdrawn": "撤回", "terminated": "终止", "revoked": "撤销"}
# Which status may follow which: withdrawal and termination only before the matter is concluded (三（七）);
# a concluded decision may still be revoked (撤销).
NEXT = {"accepted": {"concluded", "withdrawn", "terminated", "revoked"}, "concluded": {"revoked"}}
# Where a commitment row (its columns after id, as Recorder.row makes it) holds what the write path reads.
_AFTER_ID = [c.name for c in commitments.columns][1:]
CODE, ITEM, DEPARTMENT, ROUTE, SIGNED = (_AFTER_ID.index(n) for n in ("code", "item_id", "department", "route", "signed_on"))


def choice(field_name: str, value: str, choices: Mapping[str, str]) -> str:
    """Accept the code or its Chinese word (窗口 / window)."""
    for code, word in choices.items():
        if value in (code, word):
            return code
    raise LedgerError("bad-choice", field=field_name, value=value, choices="、".join(f"{w}（{c}）" for c, w in choices.items()))


def parse_date(field_name: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip().replace("/", "-"))
    except ValueError as exc:
        raise LedgerError("bad-date", field=field_name, value=value) from exc


@dataclass
class Application:
    item_id: str
    applicant_name: str
    applicant_id: str
    signed_on: date
    channel: str
    route: str = "commitment"
    proxy_name: str | None = None
    proxy_authorisation: str | None = None
    fill_in: dict[str, str] = field(default_factory=dict)
    code: str | None = None


def check_fill_in(item: Mapping[str, Any], values: Mapping[str, str]) -> None:
    """Against the item's `fill_in` fields when it has them; a free map otherwise (until every item has them)."""
    declared = item.get("fill_in")
    if not isinstance(declared, list) or not declared:
        return
    labels = [f.get("label") for f in declared if isinstance(f, dict)]
    for label in values:
        if label not in labels:
            raise LedgerError("bad-fill-in", label=label, item=item.get("id"), known="、".join(map(str, labels)))
    for f in declared:
        if isinstance(f, dict) and f.get("required") and f.get("type") != "table" and not values.get(f.get("label", "")):
            raise LedgerError("missing-fill-in", label=f.get("label"), item=item.get("id"))


def reserve(conn: Connection, day: date, count: int, at_least: int = 0) -> int:
    """Take ``count`` serials for ``day`` (after ``at_least``, the highest serial already used); returns the last."""
    insert = sqlite_insert if conn.dialect.name == "sqlite" else pg_insert
    stmt = insert(code_serials).values(day=day, last=max(count, at_least))
    stmt = stmt.on_conflict_do_update(
        index_elements=[code_serials.c.day],
        set_={"last": func.max(code_serials.c.last + count, at_least) if conn.dialect.name == "sqlite"
              else func.greatest(code_serials.c.last + count, at_least)},
    ).returning(code_serials.c.last)
    return int(conn.execute(stmt).scalar_one())


def assign_codes(conn: Connection, rows: list[list[Any]]) -> None:
    """承诺编码 for the rows that have none, in order, county-wide; codes given in an import move the counter on."""
    given: dict[date, int] = {}
    for row in rows:
        code = row[CODE]
        if code and code.startswith(ids.COUNTY_CODE) and len(code) == 19 and code[6:].isdigit():
            try:
                day = date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
            except ValueError:
                continue
            given[day] = max(given.get(day, 0), int(code[14:]))
    needed: dict[date, int] = {}
    for row in rows:
        if not row[CODE]:
            needed[row[SIGNED]] = needed.get(row[SIGNED], 0) + 1
    for day in given.keys() - needed.keys():
        reserve(conn, day, 0, given[day])
    serial = {day: reserve(conn, day, count, given.get(day, 0) + count) - count for day, count in needed.items()}
    for row in rows:
        if not row[CODE]:
            day = row[SIGNED]
            serial[day] += 1
            row[CODE] = ids.commitment_code(day, serial[day])


class Recorder:
    """Turns applications into rows; one per connection (it caches items and serials)."""

    def __init__(self, conn: Connection, items: Mapping[str, Mapping[str, Any]], catalog_commit: str, actor: str,
                 planner: TaskPlanner) -> None:
        self.conn, self.items, self.commit, self.actor, self.planner = conn, items, catalog_commit, actor, planner
        # Items whose fill-in fields an application with no values could fail (a required one): checked per item once.
        self._asks: dict[str, bool] = {}

    def row(self, app: Application, source: str) -> list[Any]:
        """The commitment's columns after id, in table order (_AFTER_ID); its code is given out in `write`."""
        item = self.items.get(app.item_id)
        if item is None:
            raise LedgerError("unknown-item", item=app.item_id)
        applicant_id = ids.normalise(app.applicant_id)
        kind = ids.kind_of(applicant_id)
        if kind is None:
            raise LedgerError("bad-id", value=applicant_id)
        asks = self._asks.get(app.item_id)
        if asks is None:
            try:
                check_fill_in(item, {})
                asks = self._asks[app.item_id] = False
            except LedgerError:
                asks = self._asks[app.item_id] = True
        if app.fill_in or asks:
            check_fill_in(item, app.fill_in)
        return [
            app.code or "", app.item_id, str(item.get("department", "")), self.commit, app.route, kind,
            app.applicant_name.strip(), applicant_id, app.proxy_name or None, app.proxy_authorisation or None,
            json.dumps(app.fill_in, ensure_ascii=False, sort_keys=True) if app.fill_in else "{}",
            app.signed_on, app.channel, "accepted", app.signed_on, source, None,
        ]

    def write(self, rows: list[list[Any]]) -> list[int]:
        assign_codes(self.conn, rows)
        # The commitment row is the 受理 (status accepted, status_on its date); status_history holds what follows.
        new = chain.insert_batch(self.conn, self.actor, "record", commitments, rows)
        self.planner.plan(self.conn, self.actor, [
            (i, self.items[r[ITEM]], r[SIGNED], r[DEPARTMENT], r[ITEM]) for i, r in zip(new, rows, strict=True)
            if r[ROUTE] == "commitment"
        ])
        return new


def record(recorder: Recorder, app: Application) -> str:
    row = recorder.row(app, "record")
    if app.code and recorder.conn.execute(select(commitments.c.id).where(commitments.c.code == app.code)).first():
        raise LedgerError("duplicate", code=app.code)
    recorder.write([row])
    return str(row[CODE])


# Import columns: (key, accepted headers). A department's case system names them its own way.
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("code", ("承诺编码", "code")),
    ("item_id", ("事项编号", "item")),
    ("applicant_name", ("申请人", "申请人姓名或名称", "applicant")),
    ("applicant_id", ("证件号码", "身份证号码或统一社会信用代码", "id")),
    ("signed_on", ("签署日期", "承诺日期", "signed")),
    ("channel", ("办理渠道", "渠道", "channel")),
    ("route", ("办理方式", "route")),
    ("proxy_name", ("代理人", "proxy")),
    ("proxy_authorisation", ("授权委托书", "授权委托书编号", "authorisation")),
]
REQUIRED = ("item_id", "applicant_name", "applicant_id", "signed_on", "channel")
# Hostile or broken cells, refused row by row: control characters (tab and newline only in fill-in values),
# overlong cells, and free-text values that a spreadsheet would run as a formula when the data goes back out.
LONGEST = 1000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA = ("=", "+", "-", "@")
_FREE_TEXT = ("applicant_name", "proxy_name", "proxy_authorisation")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
FILL_PREFIX = ("填写：", "填写:", "fill:")


@dataclass
class Rejected:
    row: int
    reason: str


@dataclass
class ImportResult:
    source: str
    accepted: int = 0
    rejected: list[Rejected] = field(default_factory=list)


def _hostile(cells: list[str], at: dict[str, int], fills: dict[str, int], names: dict[str, tuple[str, ...]]) -> None:
    """LedgerError for the first hostile or broken cell of a row (cells: the row's used cells, stripped)."""
    for key, i in at.items():
        value = cells[i]
        if not value:
            continue
        bad = _CONTROL.search(value)
        if bad:
            raise LedgerError("control-char", column=names[key][0], char=f"U+{ord(bad.group()):04X}")
        if len(value) > LONGEST:
            raise LedgerError("cell-too-long", column=names[key][0], n=len(value), limit=LONGEST)
        if key in _FREE_TEXT and value.startswith(_FORMULA):
            raise LedgerError("formula-cell", column=names[key][0], lead=value[0])
    for label, i in fills.items():
        value = cells[i]
        bad = _CONTROL_IN_TEXT.search(value)
        if bad:
            raise LedgerError("control-char", column=label, char=f"U+{ord(bad.group()):04X}")
        if len(value) > LONGEST:
            raise LedgerError("cell-too-long", column=label, n=len(value), limit=LONGEST)
        if value.startswith(_FORMULA) and not _NUMBER.fullmatch(value):
            raise LedgerError("formula-cell", column=label, lead=value[0])


def _header(cells: list[str], path: Path) -> tuple[dict[str, int], dict[str, int]]:
    where: dict[str, int] = {}
    fills: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = cell.strip()
        for key, names in COLUMNS:
            if name in names:
                where[key] = i
        for prefix in FILL_PREFIX:
            if name.startswith(prefix):
                fills[name[len(prefix):].strip()] = i
    missing = [COLUMNS[[k for k, _ in COLUMNS].index(key)][1][0] for key in REQUIRED if key not in where]
    if missing:
        raise LedgerError("import-no-header", path=str(path), missing="、".join(missing),
                          columns="、".join(names[0] for _, names in COLUMNS))
    return where, fills


def _rows(path: Path) -> tuple[str, Iterator[Row]]:
    """(source name, rows): a CSV streams; a workbook is read whole (openpyxl needs it for merged cells)."""
    try:
        if path.suffix.lower() in (".csv", ".txt"):
            _, rows = iter_csv(read_regular(path, SHEET_LIMIT), path)
            return path.name, rows
        table = read_table(path)
        return table.source, iter(table.rows)
    except TooLarge as exc:
        raise LedgerError("import-too-large", path=str(path), size=f"{exc.size:,}", limit=f"{SHEET_LIMIT >> 30} GiB") from exc
    except (SheetError, OSError) as exc:
        detail = exc.message() if isinstance(exc, SheetError) else (exc.strerror or str(exc))
        raise LedgerError("import-unreadable", path=str(path), detail=detail) from exc


def import_file(recorder: Recorder, path: Path, batch: int = 20_000) -> ImportResult:
    """Every row that passes goes in; every row that does not is reported with its row number and why.
    A 承诺编码 already in the ledger is rejected, never overwritten."""
    source, stream = _rows(path)
    result = ImportResult(source)
    rows = (r for r in stream if not r.empty and not r.heading)
    try:
        first = next(rows, None)
        if first is None:
            return result
        where, fills = _header(first.cells, path)
        names = dict(COLUMNS)
        width = max([*where.values(), *fills.values()]) + 1
        # Column positions; a column the file lacks points at the padding cell after the last (always '')
        at = {key: where.get(key, width) for key, _ in COLUMNS}
        required = [(at[key], names[key][0]) for key in REQUIRED]
        used = {key: i for key, i in at.items() if i < width}
        formula_free = [i for key, i in used.items() if key in _FREE_TEXT] + list(fills.values())
        dates: dict[str, date] = {}  # a year's cases fall on a few hundred days
        channels = {**{code: code for code in CHANNELS}, **{word: code for code, word in CHANNELS.items()}}
        seen: set[str] = set()
        pending: list[tuple[int, list[Any]]] = []
        for r in rows:
            cells = r.cells
            cells = [c.strip() for c in cells[:width]] + [""] * (width + 1 - min(len(cells), width))
            try:
                for i, column in required:
                    if not cells[i]:
                        raise LedgerError("empty-cell", column=column)
                # one quick look at the whole row; the cell-by-cell look only when something is suspect
                if _CONTROL.search("".join(cells)) or max(map(len, cells)) > LONGEST \
                        or any(cells[i].startswith(_FORMULA) for i in formula_free):
                    _hostile(cells, used, fills, names)
                code = cells[at["code"]] or None
                if code and code in seen:
                    raise LedgerError("duplicate", code=code)
                signed = cells[at["signed_on"]]
                day = dates.get(signed)
                if day is None:
                    day = dates[signed] = parse_date(names["signed_on"][0], signed)
                route = cells[at["route"]]
                app = Application(
                    item_id=cells[at["item_id"]], applicant_name=cells[at["applicant_name"]],
                    applicant_id=cells[at["applicant_id"]], signed_on=day,
                    channel=channels.get(cells[at["channel"]]) or choice(names["channel"][0], cells[at["channel"]], CHANNELS),
                    route=choice(names["route"][0], route, ROUTES) if route else "commitment",
                    proxy_name=cells[at["proxy_name"]], proxy_authorisation=cells[at["proxy_authorisation"]],
                    fill_in={label: cells[i] for label, i in fills.items() if cells[i]},
                    code=code,
                )
                pending.append((r.number, recorder.row(app, f"{source}#{r.number}")))
                if code:
                    seen.add(code)
            except LedgerError as exc:
                result.rejected.append(Rejected(r.number, exc.message()))
                continue
            if len(pending) >= batch:
                _flush(recorder, pending, result)
                pending = []
        _flush(recorder, pending, result)
    except SheetError as exc:
        raise LedgerError("import-unreadable", path=str(path), detail=exc.message()) from exc
    result.rejected.sort(key=lambda rejected: rejected.row)
    return result


def _flush(recorder: Recorder, pending: list[tuple[int, list[Any]]], result: ImportResult) -> None:
    """Write a batch, less the rows whose 承诺编码 the ledger already holds."""
    codes = [row[CODE] for _, row in pending if row[CODE]]
    taken: set[str] = set()
    for start in range(0, len(codes), 900):
        chunk = codes[start:start + 900]
        taken.update(recorder.conn.execute(select(commitments.c.code).where(commitments.c.code.in_(chunk))).scalars())
    keep = []
    for number, row in pending:
        if row[CODE] in taken:
            result.rejected.append(Rejected(number, msg("duplicate", code=row[CODE])))
        else:
            keep.append(row)
    result.accepted += len(recorder.write(keep))


def find(conn: Connection, code: str) -> Any:
    row = conn.execute(select(commitments).where(commitments.c.code == code)).mappings().first()
    if row is None:
        raise LedgerError("unknown-commitment", code=code)
    return row


def change_status(conn: Connection, actor: str, code: str, new: str, on: date, reason: str | None) -> None:
    row = find(conn, code)
    if new not in NEXT.get(row["status"], set()):
        raise LedgerError("bad-status", code=code, status=STATUSES[row["status"]], new=STATUSES[new], why=msg("concluded"))
    chain.update_row(conn, actor, "status", commitments, row["id"], {"status": new, "status_on": on})
    chain.insert_rows(conn, actor, "status", status_history,
                      [{"commitment_id": row["id"], "status": new, "on_date": on, "reason": reason, "actor": actor}])
