"""`akq report` as tables: the same rows for the terminal, Markdown and the Excel workbook."""

from __future__ import annotations

from typing import Any

from akq_cli.author.scaffold import KIND_NAME
from akq_cli.core.i18n import lang, pick
from akq_cli.core.vocab import POLICY_AREAS
from akq_cli.report.build import KINDS, STATUS_NAMES, STATUSES, Report


def _zh() -> bool:
    return lang() == "zh"


def title(report: Report) -> str:
    gov = report.government or "阿合奇县人民政府"
    if _zh():
        return f"{gov.removesuffix('人民政府')}证明事项和涉企经营许可事项告知承诺制落实情况"
    return "Implementation of the notification-commitment system"


def subtitle(report: Report) -> str:
    if _zh():
        return f"统计日期：{report.as_of}" + (f"　依据：{report.document}" if report.document else "")
    return f"As of {report.as_of}" + (f" · policy {report.document}" if report.document else "")


def overview(report: Report) -> list[str]:
    t = report.totals
    missing = [a for a in POLICY_AREAS if not report.areas[a]["items"]]
    if _zh():
        lines = [
            f"共 {t.items} 个事项（证明事项 {t.kinds['certification']} 个，涉企经营许可事项 {t.kinds['business_license']} 个），"
            f"已公布 {t.statuses['published']} 个，待批准 {len(report.awaiting)} 个，已到施行日期但尚未公布 {len(report.overdue)} 个。",
            f"akq lint 检查：{t.clean} 个事项没有问题，{t.with_errors} 个有错误，{t.with_warnings} 个只有警告。",
            f"工作方案列出的七个重点领域已覆盖 {7 - len(missing)} 个" + (f"，尚未覆盖：{'、'.join(missing)}。" if missing else "。"),
        ]
    else:
        lines = [
            f"{t.items} items ({t.kinds['certification']} certifications, {t.kinds['business_license']} business licenses); "
            f"{t.statuses['published']} published, {len(report.awaiting)} awaiting approval, {len(report.overdue)} past their "
            "effective date but not published.",
            f"akq lint: {t.clean} items clean, {t.with_errors} with errors, {t.with_warnings} with warnings only.",
            f"{7 - len(missing)} of the seven policy areas covered" + (f"; not yet: {', '.join(missing)}." if missing else "."),
        ]
    return lines


def department_table(report: Report) -> tuple[list[str], list[list[Any]]]:
    zh = _zh()
    head = [
        "部门" if zh else "department",
        "事项" if zh else "items",
        *(pick(KIND_NAME[k]) for k in KINDS),
        *(pick(STATUS_NAMES[s]) for s in STATUSES),
        "无问题" if zh else "clean",
        "有错误" if zh else "with errors",
        "只有警告" if zh else "warnings only",
        "覆盖的重点领域" if zh else "policy areas",
    ]
    rows: list[list[Any]] = []
    for d in [*report.departments, report.totals]:
        if d.id:
            name = f"{d.name}（{d.id}）" if d.name else f"{d.id}（{'未在 departments.yaml 中登记' if zh else 'not in departments.yaml'}）"
        else:
            name = "合计" if zh else "total"
        rows.append(
            [
                name,
                d.items,
                *(d.kinds[k] for k in KINDS),
                *(d.statuses[s] for s in STATUSES),
                d.clean,
                d.with_errors,
                d.with_warnings,
                ("、" if zh else ", ").join(d.areas),
            ]
        )
    return head, rows


def area_table(report: Report) -> tuple[list[str], list[list[Any]]]:
    zh = _zh()
    names = {d.id: d.name or d.id for d in report.departments}
    head = ["重点领域" if zh else "policy area", "事项" if zh else "items", "已公布" if zh else "published", "部门" if zh else "departments"]
    rows = []
    for area in POLICY_AREAS:
        a = report.areas[area]
        deps = ("、" if zh else ", ").join(names.get(d, d) for d in sorted(a["departments"]))
        rows.append([area, a["items"], a["published"], deps or ("未覆盖" if zh else "not covered")])
    return head, rows


def item_table(rows: list[Any], with_status: bool) -> tuple[list[str], list[list[Any]]]:
    zh = _zh()
    head = ["编号" if zh else "id", "事项名称" if zh else "title", "部门" if zh else "department", "类型" if zh else "kind"]
    if with_status:
        head.append("状态" if zh else "status")
    head.append("施行日期" if zh else "effective date")
    out = []
    for r in rows:
        row = [r.id, r.title, r.department, pick(KIND_NAME[r.kind]) if r.kind in KIND_NAME else r.kind]
        if with_status:
            row.append(pick(STATUS_NAMES[r.status]) if r.status in STATUS_NAMES else r.status)
        row.append(r.effective_date)
        out.append(row)
    return head, out


def sections(report: Report) -> list[tuple[str, tuple[list[str], list[list[Any]]]]]:
    zh = _zh()
    return [
        ("各部门落实情况" if zh else "Departments", department_table(report)),
        ("重点领域覆盖情况" if zh else "Policy areas", area_table(report)),
        (
            f"待批准事项（{len(report.awaiting)}）" if zh else f"Awaiting approval ({len(report.awaiting)})",
            item_table(report.awaiting, False),
        ),
        (
            f"已到施行日期但尚未公布的事项（{len(report.overdue)}）" if zh else f"Past effective date, not published ({len(report.overdue)})",
            item_table(report.overdue, True),
        ),
    ]


def _md_cell(value: Any) -> str:
    from akq_cli.review.diff_output import md_escape

    return md_escape(str(value))


def markdown(report: Report) -> str:
    out = [f"# {title(report)}", "", subtitle(report), "", "## " + ("总体情况" if _zh() else "Overview"), ""]
    out += [f"- {line}" for line in overview(report)] + [""]
    for name, (head, rows) in sections(report):
        out += [f"## {name}", ""]
        if not rows:
            out += ["无。" if _zh() else "None.", ""]
            continue
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join("---:" if isinstance(rows[0][i], int) else "---" for i in range(len(head))) + "|")
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)


def compact_department_table(report: Report) -> tuple[list[str], list[list[Any]]]:
    """The department table narrow enough for a terminal: counts folded into a few columns."""
    zh = _zh()
    sep = "、" if zh else ", "
    head = [
        "部门" if zh else "department",
        "证明/许可" if zh else "cert/licence",
        "状态" if zh else "status",
        "检查" if zh else "lint",
        "重点领域" if zh else "policy areas",
    ]
    rows: list[list[Any]] = []
    for d in [*report.departments, report.totals]:
        name = (d.name.removeprefix("阿合奇县") or d.id) if d.id else ("合计" if zh else "total")
        statuses = " ".join(f"{pick(STATUS_NAMES[s])}{d.statuses[s]}" for s in STATUSES if d.statuses[s])
        lint = (
            f"无问题{d.clean} 错误{d.with_errors} 警告{d.with_warnings}"
            if zh
            else f"clean {d.clean}, errors {d.with_errors}, warnings {d.with_warnings}"
        )
        rows.append([name, f"{d.kinds['certification']}/{d.kinds['business_license']}", statuses, lint, sep.join(d.areas)])
    return head, rows


def text(report: Report, console: Any) -> None:
    from rich.table import Table

    console.print(f"[bold]{title(report)}[/]")
    console.print(subtitle(report))
    console.print()
    for line in overview(report):
        console.print(line)
    parts = sections(report)
    parts[0] = (parts[0][0], compact_department_table(report))
    for name, (head, rows) in parts:
        console.print()
        table = Table(title=name, title_justify="left", show_lines=False)
        for h in head:
            table.add_column(h, overflow="fold")
        for row in rows:
            table.add_row(*(str(c) for c in row))
        if not rows:
            console.print(f"[bold]{name}[/]：{'无' if _zh() else 'none'}")
        else:
            console.print(table)


def workbook(report: Report) -> bytes:
    """The report as an .xlsx workbook, the same bytes for the same catalog and date."""
    from akq_cli.core.spreadsheet import write_xlsx

    sheets = [(name.split("（")[0].split(" (")[0], head, rows) for name, (head, rows) in sections(report)]
    zh = _zh()
    detail_head = [
        "编号" if zh else "id",
        "事项名称" if zh else "title",
        "部门" if zh else "department",
        "类型" if zh else "kind",
        "领域" if zh else "area",
        "状态" if zh else "status",
        "施行日期" if zh else "effective date",
        "错误" if zh else "errors",
        "警告" if zh else "warnings",
        "文件" if zh else "file",
    ]
    detail = [
        [
            r.id,
            r.title,
            r.department,
            pick(KIND_NAME[r.kind]) if r.kind in KIND_NAME else r.kind,
            r.category,
            pick(STATUS_NAMES[r.status]) if r.status in STATUS_NAMES else r.status,
            r.effective_date,
            r.errors,
            r.warnings,
            r.file,
        ]
        for r in report.items
    ]
    sheets.append(("事项明细" if zh else "Items", detail_head, detail))
    return write_xlsx(sheets, title=title(report), subtitle=subtitle(report), as_of=report.as_of)
