"""Credit after a 不实 finding: decisions (文书号, after 陈述申辩) with their measure and any dishonesty record,
repair (信用修复) and objection (异议), the upper-level list, and `check` before a clerk accepts a commitment."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from akq_cli.core.spreadsheet import SheetError, read_table
from akq_cli.ledger import chain, ids
from akq_cli.ledger.deadlines import add_months
from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.policy import CheckResult, classes, evaluate, sql_for
from akq_cli.ledger.records import NEXT, Rejected, change_status, find, parse_date
from akq_cli.ledger.schema import appeals, decisions, tasks

MEASURES = {"terminate": "终止办理", "rectify": "责令限期整改", "revoke": "撤销", "penalty": "行政处罚", "refer": "移送司法机关",
            "listed": "列入失信名单"}
# The commitment's status that a measure brings with it (三（四）).
MEASURE_STATUS = {"terminate": "terminated", "revoke": "revoked"}
APPEALS = {"repair": "信用修复", "objection": "异议"}
RESULTS = {"granted": "同意", "refused": "不同意"}
STATES = {"active": "有效", "repaired": "已修复", "annulled": "异议成立已撤销"}


def class_code(value: str) -> str:
    for code, c in classes().items():
        if value in (code, c.name, c.name.removesuffix("信息"), c.name.removesuffix("失信信息")):
            return code
    raise LedgerError("bad-choice", field="失信类别", value=value,
                      choices="、".join(f"{c.name.removesuffix('失信信息')}（{c.code}）" for c in classes().values()))


def periods(cls: str, decided_on: date) -> tuple[date, date]:
    """(earliest repair application, end of publication): counted from the decision's date (令第36号)."""
    c = classes()[cls]
    return add_months(decided_on, c.min_months), add_months(decided_on, c.max_months)


def decide(conn: Connection, actor: str, code: str, *, number: str, decided_on: date, heard_on: date | None,
           measure: str, reason: str, dishonesty_class: str | None) -> None:
    """A decision after a 不实 finding: never without the finding and the hearing."""
    row = find(conn, code)
    finding = conn.execute(
        select(tasks.c.id).where(tasks.c.commitment_id == row["id"], tasks.c.outcome == "false")
    ).first()
    if finding is None:
        raise LedgerError("no-finding", code=code)
    if heard_on is None:
        raise LedgerError("no-hearing")
    repair_from, until = periods(dishonesty_class, decided_on) if dishonesty_class else (None, None)
    chain.insert_rows(conn, actor, "decision", decisions, [{
        "commitment_id": row["id"], "source": "local", "department": row["department"],
        "applicant_id": row["applicant_id"], "applicant_name": row["applicant_name"], "number": number,
        "decided_on": decided_on, "heard_on": heard_on, "measure": measure, "reason": reason,
        "dishonesty_class": dishonesty_class, "repair_from": repair_from, "publish_until": until,
        "state": "active", "purged_on": None,
    }])
    status = MEASURE_STATUS.get(measure)
    if status and status in NEXT.get(row["status"], set()):
        change_status(conn, actor, code, status, decided_on, f"{MEASURES[measure]} {number}")


def _decision(conn: Connection, number: str) -> Any:
    row = conn.execute(select(decisions).where(decisions.c.number == number)).mappings().first()
    if row is None:
        raise LedgerError("unknown-decision", number=number)
    return row


def appeal(conn: Connection, actor: str, number: str, kind: str, applied_on: date, basis: str) -> int:
    d = _decision(conn, number)
    if kind == "repair" and d["repair_from"] and applied_on < d["repair_from"]:
        raise LedgerError("repair-too-early", number=number, date=d["repair_from"].isoformat())
    return chain.insert_rows(conn, actor, kind, appeals, [{
        "decision_id": d["id"], "kind": kind, "applied_on": applied_on, "basis": basis, "result": None,
        "decided_on": None}])[0]


def resolve(conn: Connection, actor: str, number: str, kind: str, result: str, on: date) -> None:
    """The decision on the latest pending repair or objection; granted, it ends the record's effect."""
    d = _decision(conn, number)
    pending = conn.execute(
        select(appeals).where(appeals.c.decision_id == d["id"], appeals.c.kind == kind, appeals.c.result.is_(None))
        .order_by(appeals.c.id.desc())
    ).mappings().first()
    if pending is None:
        raise LedgerError("no-appeal", number=number, kind=APPEALS[kind])
    chain.update_row(conn, actor, "resolve", appeals, pending["id"], {"result": result, "decided_on": on})
    if result == "granted":
        chain.update_row(conn, actor, "resolve", decisions, d["id"],
                         {"state": "repaired" if kind == "repair" else "annulled"})


def check(conn: Connection, applicant_id: str, on: date) -> CheckResult:
    return evaluate(conn.exec_driver_sql(sql_for(conn.dialect.name), (applicant_id,)).all(), on)


# Upper-level dishonesty list (自治区、自治州 or 信用中国 export): columns by header.
UPPER_COLUMNS: dict[str, tuple[str, ...]] = {
    "applicant_id": ("证件号码", "统一社会信用代码", "身份证号码"),
    "applicant_name": ("名称", "姓名", "主体名称"),
    "department": ("认定部门", "认定单位"),
    "number": ("文书号", "决定文书号"),
    "decided_on": ("认定日期", "决定日期"),
    "dishonesty_class": ("失信类别", "失信等级"),
    "reason": ("失信行为", "原因", "事由"),
}


def import_upper(conn: Connection, actor: str, path: Path) -> tuple[int, list[Rejected]]:
    try:
        table = read_table(path)
    except (SheetError, OSError) as exc:
        detail = exc.message() if isinstance(exc, SheetError) else str(exc)
        raise LedgerError("import-unreadable", path=str(path), detail=detail) from exc
    rows = [r for r in table.rows if not r.empty and not r.heading]
    if not rows:
        return 0, []
    header = [c.strip() for c in rows[0].cells]
    where = {key: next((header.index(n) for n in names if n in header), None) for key, names in UPPER_COLUMNS.items()}
    missing = [UPPER_COLUMNS[k][0] for k, i in where.items() if i is None]
    if missing:
        raise LedgerError("import-no-header", path=str(path), missing="、".join(missing),
                          columns="、".join(n[0] for n in UPPER_COLUMNS.values()))
    new, rejected = [], []
    known = set(conn.execute(select(decisions.c.number).where(decisions.c.source == "upper")).scalars())
    for r in rows[1:]:
        cell = {k: r.cells[i].strip() if i is not None and i < len(r.cells) else "" for k, i in where.items()}
        try:
            for key, value in cell.items():
                if not value:
                    raise LedgerError("empty-cell", column=UPPER_COLUMNS[key][0])
            applicant_id = ids.normalise(cell["applicant_id"])
            if ids.kind_of(applicant_id) is None:
                raise LedgerError("bad-id", value=applicant_id)
            if cell["number"] in known:
                raise LedgerError("duplicate-decision", number=cell["number"])
            decided_on = parse_date(UPPER_COLUMNS["decided_on"][0], cell["decided_on"])
            cls = class_code(cell["dishonesty_class"])
        except LedgerError as exc:
            rejected.append(Rejected(r.number, exc.message()))
            continue
        known.add(cell["number"])
        repair_from, until = periods(cls, decided_on)
        new.append({
            "commitment_id": None, "source": "upper", "department": cell["department"], "applicant_id": applicant_id,
            "applicant_name": cell["applicant_name"], "number": cell["number"], "decided_on": decided_on,
            "heard_on": None, "measure": "listed", "reason": cell["reason"], "dishonesty_class": cls,
            "repair_from": repair_from, "publish_until": until, "state": "active", "purged_on": None,
        })
    chain.insert_rows(conn, actor, "upper-list", decisions, new)
    return len(new), rejected
