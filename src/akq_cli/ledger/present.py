"""What the ledger commands print and write. Every text passes `ids.mask_text` on its way out, so no
full ID number leaves except where --reveal asked (and the event chain recorded it) or in a 协助核查函."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from akq_cli.core.i18n import lang, pick
from akq_cli.core.personal import mask_id, mask_text
from akq_cli.core.spreadsheet import write_xlsx
from akq_cli.ledger.chain import Problem
from akq_cli.ledger.records import ImportResult
from akq_cli.ledger.stats import StatRow, totals
from akq_cli.ledger.tasks import DueRow


def out(text: str, *, reveal: bool = False) -> None:
    sys.stdout.write((text if reveal else mask_text(text)) + "\n")


def err(text: str) -> None:
    sys.stderr.write(mask_text(text) + "\n")


def zh() -> bool:
    return lang() == "zh"


def due_text(rows: Sequence[DueRow], as_of: date, reveal: bool) -> str:
    if not rows:
        return pick({"zh": "截至 {d} 没有到期或逾期的核查任务。", "en": "No verification task due or overdue as of {d}."}, d=as_of)
    lines = [pick({"zh": "核查任务（截至 {d}）：", "en": "Verification tasks (as of {d}):"}, d=as_of)]
    for r in rows:
        who = r.applicant_id if reveal else mask_id(r.applicant_id)
        if r.due_on is None:
            when = pick({"zh": "期限待定（从作出决定或登记之日起算）", "en": "deadline not yet set (counts from the decision or registration)"})
        else:
            when = pick({"zh": "期限 {d}", "en": "due {d}"}, d=r.due_on)
            if r.overdue:
                when += pick({"zh": "，已超期", "en": ", OVERDUE"})
            if r.provisional:
                when += pick({"zh": "（暂定：{why}）", "en": " (provisional: {why})"}, why=r.reason or "")
        if r.assist_reply_by:
            when += pick({"zh": "；协助核查回复期限 {d}", "en": "; assistance reply due {d}"}, d=r.assist_reply_by)
        lines.append(f"  {r.code}  {r.department}  {r.item_id}  {r.applicant_name} {who}  {when}")
    return "\n".join(lines)


def import_text(result: ImportResult) -> str:
    lines = [pick({"zh": "{src}：导入 {n} 条，拒绝 {m} 条。", "en": "{src}: {n} imported, {m} rejected."},
                  src=result.source, n=result.accepted, m=len(result.rejected))]
    for r in result.rejected:
        lines.append(pick({"zh": "  第 {row} 行：{why}", "en": "  row {row}: {why}"}, row=r.row, why=r.reason))
    return "\n".join(lines)


PROBLEMS = {
    "event-edited": {"zh": "事件记录被修改", "en": "event edited"},
    "chain-broken": {"zh": "事件链断裂（事件被删除或插入）", "en": "chain broken (events deleted or inserted)"},
    "row-edited": {"zh": "记录在 akq 之外被修改", "en": "row edited outside akq"},
    "row-unrecorded": {"zh": "记录没有对应事件（在 akq 之外写入）", "en": "row with no event (written outside akq)"},
    "row-deleted": {"zh": "记录被删除", "en": "row deleted"},
    "head-mismatch": {"zh": "与 {at} 导出的链头不符：事件链被重新计算过", "en": "differs from the head exported {at}: the chain was recomputed"},
    "head-missing": {"zh": "{at} 导出的链头所在事件已不存在", "en": "the event of the head exported {at} is gone"},
}


def audit_text(problems: Sequence[Problem], seq: int, heads: int) -> str:
    if not problems:
        return pick({"zh": "审计通过：{n} 个事件，链完整；所有记录与事件一致；核对了 {h} 个导出的链头。",
                     "en": "Audit passed: {n} events, chain intact, every row matches its event; {h} exported heads checked."},
                    n=seq, h=heads)
    lines = [pick({"zh": "审计发现 {n} 处问题：", "en": "Audit found {n} problems:"}, n=len(problems))]
    for p in problems[:200]:
        lines.append(f"  {p.where}: {pick(PROBLEMS[p.kind], at=p.detail)}")
    if len(problems) > 200:
        lines.append(pick({"zh": "  ……另有 {n} 处", "en": "  ... and {n} more"}, n=len(problems) - 200))
    return "\n".join(lines)


STAT_HEAD = {
    "zh": ["部门", "事项", "月份", "办件量", "告知承诺办件量", "撤回数", "应核查数", "已核查数", "核查完成率", "超期核查数",
           "不实承诺数", "不实承诺率"],
    "en": ["Department", "Item", "Month", "Cases", "Commitments", "Withdrawn", "Checks due", "Checks done", "Completion",
           "Overdue checks", "False", "False rate"],
}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def stat_cells(r: StatRow) -> list[Any]:
    return [r.department, r.item_id, r.month, r.cases, r.commitments, r.withdrawn, r.tasks_due, r.tasks_done,
            _pct(r.completion), r.overdue, r.false, _pct(r.false_rate)]


def stats_tables(rows: list[StatRow]) -> list[tuple[str, list[str], list[list[Any]]]]:
    head = STAT_HEAD["zh" if zh() else "en"]
    by_dept = [stat_cells(r) for r in totals(rows)]
    county = [[pick({"zh": "合计", "en": "Total"}), *stat_cells(r)[1:]] for r in totals(rows, "")]
    return [
        (pick({"zh": "按部门", "en": "By department"}), head, by_dept + county),
        (pick({"zh": "按部门事项月份", "en": "By department, item, month"}), head, [stat_cells(r) for r in rows]),
    ]


def stats_json(rows: list[StatRow], as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "formulas": {
            "completion": "tasks_done / tasks_due",
            "false_rate": "false / tasks_done",
            "tasks_due": "tasks whose deadline is on or before as_of, or that are done",
            "overdue": "done after the deadline, or not done and past it",
        },
        "departments": [r.to_json() for r in totals(rows)],
        "rows": [r.to_json() for r in rows],
    }


def stats_render(rows: list[StatRow], as_of: date, fmt: str) -> bytes:
    title = pick({"zh": "告知承诺制落实情况统计", "en": "Notification-commitment statistics"})
    subtitle = pick({"zh": "统计截至 {d}，不含个人信息。", "en": "As of {d}; no personal data."}, d=as_of)
    if fmt == "json":
        return (json.dumps(stats_json(rows, as_of), ensure_ascii=False, indent=2) + "\n").encode()
    tables = stats_tables(rows)
    if fmt == "xlsx":
        return write_xlsx(tables, title=title, subtitle=subtitle, as_of=as_of.isoformat())
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        name, head, body = tables[1]
        writer.writerow(head)
        writer.writerows(body)
        return buf.getvalue().encode("utf-8-sig")
    lines = [f"# {title}" if fmt == "markdown" else title, "", subtitle, ""]
    for name, head, body in tables:
        if fmt == "markdown":
            lines += [f"## {name}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
        else:
            lines += [name]
            lines += ["  " + "  ".join(f"{h}={c}" for h, c in zip(head, row, strict=True)) for row in body]
        lines.append("")
    return "\n".join(lines).encode()
