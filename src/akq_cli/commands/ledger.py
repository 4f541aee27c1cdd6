"""`akq ledger …`: the commitment ledger (akq_cli.ledger). Thin: options here, the work in ledger.service."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.clilang import AkqCommand, AkqGroup
from akq_cli.core.i18n import both

app = typer.Typer(
    help=both(
        "告知承诺台账：登记承诺、核查期限、核查结果、失信决定和信用修复、能否适用告知承诺、统计和审计。"
        "台账含个人信息，不放在目录清单仓库中。",
        "The commitment ledger: record commitments, verification deadlines and outcomes, credit decisions and repair, "
        "whether an applicant may use the commitment route (check), statistics and audit. It holds personal data and "
        "never lives in the catalog repository.",
    ),
    cls=AkqGroup,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _ledger() -> Optional[str]:
    return typer.Option(None, "--ledger", help=both("台账文件路径或 `postgresql://…` 地址；默认读 akq.toml 的 [ledger] 或 AKQ_LEDGER。",
                                                   "Ledger file or postgresql:// URL; default: akq.toml [ledger] or AKQ_LEDGER."))


def _actor() -> Optional[str]:
    return typer.Option(None, "--actor", help=both("经办人，记入审计日志；默认为登录用户名或 AKQ_ACTOR。", "Who does this, for the audit log; default: AKQ_ACTOR or the login name."))


def _on(zh: str = "日期 YYYY-MM-DD，默认今天。", en: str = "Date YYYY-MM-DD; default: today.") -> Optional[str]:
    return typer.Option(None, "--on", help=both(zh, en))


def _id_file() -> Optional[Path]:
    return typer.Option(None, "--id-file", help=both(
        "从文件读取证件号码（第一行）；不给时从标准输入或提示读取。证件号码不接受命令行参数，以免留在命令历史中。",
        "Read the ID number from this file (first line); otherwise from standard input or a prompt. Never from the "
        "command line, so that it stays out of shell history."))


def _catalog() -> Optional[Path]:
    return typer.Option(None, "--catalog", help=both("目录清单所在目录；默认自动查找。", "Catalog folder; default: found from here."))


@app.command("init", cls=AkqCommand, help=both("新建台账，或把已有台账升级到最新结构。", "Create the ledger or upgrade it (alembic upgrade head)."))
def init(ledger: Optional[str] = _ledger()) -> None:
    from akq_cli.ledger.actions import init_ledger

    raise typer.Exit(init_ledger(ledger))


@app.command("record", cls=AkqCommand, help=both("登记一份告知承诺（证件号码从提示、标准输入或 --id-file 读取）。", "Record one commitment (the ID number from a prompt, stdin or --id-file)."))
def record(
    item: str = typer.Option(..., "--item", help=both("事项编号，例如 MZJ-ZM-001。", "Item id, e.g. MZJ-ZM-001.")),
    name: str = typer.Option(..., "--name", help=both("申请人姓名或单位名称。", "Applicant's name.")),
    channel: str = typer.Option("窗口", "--channel", show_default=False, help=both("办理渠道：窗口（`window`，默认）或网上（`online`）。", "Channel: window (default) or online.")),
    route: str = typer.Option("告知承诺", "--route", show_default=False, help=both("办理方式：告知承诺（`commitment`，默认）或提交证明（`proof`）。", "Route: commitment (default) or proof.")),
    signed: Optional[str] = typer.Option(None, "--signed", help=both("签署日期，默认今天。", "Signing date; default: today.")),
    proxy: Optional[str] = typer.Option(None, "--proxy", help=both("代为承诺人姓名。", "Proxy's name.")),
    authorisation: Optional[str] = typer.Option(None, "--authorisation", help=both("授权委托书编号。", "Authorisation reference.")),
    fill: Optional[list[str]] = typer.Option(None, "--fill", help=both("填写项“名称=内容”，可多次使用。", "A fill-in value LABEL=VALUE; repeatable.")),
    catalog_commit: Optional[str] = typer.Option(None, "--catalog-commit", help=both("申请人看到的目录版本，默认目录仓库的 HEAD。", "Catalog version shown to the applicant; default: HEAD.")),
    id_file: Optional[Path] = _id_file(),
    catalog: Optional[Path] = _catalog(),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import record_one

    raise typer.Exit(record_one(ledger, catalog, actor, item=item, name=name, channel=channel, route=route, signed=signed,
                                proxy=proxy, authorisation=authorisation, fill=fill or [], commit=catalog_commit,
                                id_file=id_file))


@app.command("import", cls=AkqCommand, help=both("导入部门办件系统导出的承诺（xlsx/csv，GBK 或 UTF-8），逐行报告拒绝的行。", "Import commitments from a case system's export (xlsx/csv, GBK or UTF-8), reporting each rejected row."))
def import_(
    files: list[Path] = typer.Argument(..., metavar=both("文件", "FILE"), help=both("导出文件。", "Export files.")),
    catalog_commit: Optional[str] = typer.Option(None, "--catalog-commit", help=both("申请人看到的目录版本，默认 HEAD。", "Catalog version shown; default: HEAD.")),
    catalog: Optional[Path] = _catalog(),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import import_files

    raise typer.Exit(import_files(ledger, catalog, actor, files, catalog_commit))


@app.command("status", cls=AkqCommand, help=both("改变承诺状态：办结、撤回（办结前）、终止、撤销。", "Change a commitment's status: concluded, withdrawn, terminated, revoked."))
def status(
    code: str = typer.Argument(..., metavar=both("承诺编码", "CODE")),
    new: str = typer.Argument(..., metavar=both("状态", "STATUS"), help=both("办结/撤回/终止/撤销 或 concluded/withdrawn/terminated/revoked。", "concluded, withdrawn, terminated or revoked.")),
    reason: Optional[str] = typer.Option(None, "--reason", help=both("理由（撤回应写明）。", "Reason (say it for a withdrawal).")),
    on: Optional[str] = _on(),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import set_status

    raise typer.Exit(set_status(ledger, actor, code, new, reason, on))


@app.command("due", cls=AkqCommand, help=both("列出到期和逾期的核查任务。有逾期任务时退出码为 1。", "List verification tasks due and overdue; exit 1 when some are overdue."))
def due(
    within: int = typer.Option(7, "--within", min=0, help=both("列出今后多少天内到期的任务。", "Show tasks due within this many days.")),
    department: Optional[str] = typer.Option(None, "--department", help=both("只看某个部门，例如 MZJ。", "One department only, e.g. MZJ.")),
    on: Optional[str] = _on("统计日期，默认今天。", "As of this date; default: today."),
    reveal: bool = typer.Option(False, "--reveal", help=both("显示完整证件号码（记入审计日志）。", "Show full ID numbers (recorded in the audit log).")),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import list_due

    raise typer.Exit(list_due(ledger, actor, within, department, on, reveal))


@app.command("verify", cls=AkqCommand, help=both("记录核查结果：属实、不实 或 无法核查。", "Record a verification outcome: true, false or unverifiable."))
def verify(
    code: str = typer.Argument(..., metavar=both("承诺编码", "CODE")),
    outcome: str = typer.Argument(..., metavar=both("结果", "OUTCOME"), help=both("属实/不实/无法核查（true/false/unverifiable）。", "true, false or unverifiable.")),
    method: str = typer.Option(..., "--method", help=both("核查方式：在线核查/现场核查/协助核查（online/on_site/assisted）。", "Method: online, on_site or assisted.")),
    inspector: str = typer.Option(..., "--inspector", help=both("核查人员。", "Inspector.")),
    note: str = typer.Option("", "--note", help=both("核查情况说明。", "Note.")),
    on: Optional[str] = _on(),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import record_outcome

    raise typer.Exit(record_outcome(ledger, actor, code, outcome, method, inspector, note, on))


@app.command("assist", cls=AkqCommand, help=both("写协助核查函（DOCX，含完整证件号码，记入审计日志）并登记回复期限。", "Write the request for assistance (DOCX with the full ID number, recorded in the audit log) and track its reply date."))
def assist(
    code: str = typer.Argument(..., metavar=both("承诺编码", "CODE")),
    to: str = typer.Option(..., "--to", help=both("被请求协助的部门。", "The department asked.")),
    number: str = typer.Option(..., "--number", help=both("函件文号。", "The letter's number.")),
    check: list[str] = typer.Option(..., "--check", help=both("请求核查的内容，可多次使用。", "What to check; repeatable.")),
    contact: str = typer.Option(..., "--contact", help=both("联系人及电话。", "Contact person and phone.")),
    reply_by: Optional[str] = typer.Option(None, "--reply-by", help=both("回复期限，默认 5 个工作日。", "Reply date; default: 5 working days.")),
    output: Path = typer.Option(..., "--output", "-o", help=both("写出的 DOCX 文件。", "The DOCX file to write.")),
    catalog: Optional[Path] = _catalog(),
    on: Optional[str] = _on(),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import write_letter

    raise typer.Exit(write_letter(ledger, catalog, actor, code, to, number, check, contact, reply_by, output, on))


@app.command("decide", cls=AkqCommand, help=both("记录不实承诺的处理决定（经陈述申辩）及失信记录。", "Record the decision on a false-commitment finding (after hearing the applicant) and any dishonesty record."))
def decide(
    code: str = typer.Argument(..., metavar=both("承诺编码", "CODE")),
    number: str = typer.Option(..., "--number", help=both("决定文书号。", "Decision document number.")),
    measure: str = typer.Option(..., "--measure", help=both("处理措施：终止办理/责令限期整改/撤销/行政处罚/移送司法机关。", "Measure: terminate, rectify, revoke, penalty, refer.")),
    reason: str = typer.Option(..., "--reason", help=both("认定的失信行为。", "The dishonest conduct found.")),
    heard: Optional[str] = typer.Option(None, "--heard", help=both("听取陈述申辩的日期。", "Date the applicant was heard.")),
    dishonesty: Optional[str] = typer.Option(None, "--class", help=both("失信类别：轻微/一般/严重；不给则不记失信信息。", "Dishonesty class: minor/general/serious; omit for none.")),
    on: Optional[str] = _on("决定日期，默认今天。", "Decision date; default: today."),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import record_decision

    raise typer.Exit(record_decision(ledger, actor, code, number, measure, reason, heard, dishonesty, on))


@app.command("appeal", cls=AkqCommand, help=both("登记信用修复或异议申请，或用 --result 记录处理结果。", "Record a repair or objection application, or with --result its outcome."))
def appeal(
    number: str = typer.Argument(..., metavar=both("决定文书号", "DECISION")),
    kind: str = typer.Argument(..., metavar=both("类型", "KIND"), help=both("信用修复/异议（repair/objection）。", "repair or objection.")),
    basis: str = typer.Option("", "--basis", help=both("申请依据（履行义务的证明、异议理由）。", "Basis (proof of duties done, grounds of objection).")),
    result: Optional[str] = typer.Option(None, "--result", help=both("处理结果：同意/不同意（granted/refused）。", "Outcome: granted or refused.")),
    on: Optional[str] = _on(),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import record_appeal

    raise typer.Exit(record_appeal(ledger, actor, number, kind, basis, result, on))


@app.command("check", cls=AkqCommand, help=both(
    "受理前查询申请人能否采用告知承诺方式：不可以时说明决定、理由和最早可申请修复日期。只查本台账（含导入的上级名单），不查询“信用中国”。"
    "退出码：0 可以，1 不可以，2 出错。",
    "Before accepting: may the applicant use the commitment route? NO names the decision, the reason and the earliest "
    "repair date. Only this ledger (and imported upper-level lists) is consulted. Exit 0 yes, 1 no, 2 error."))
def check(
    id_file: Optional[Path] = _id_file(),
    on: Optional[str] = _on(),
    format: str = typer.Option("text", "--format", help=both("输出格式：text 或 json。", "Output: text or json.")),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import run_check

    raise typer.Exit(run_check(ledger, id_file, on, format))


@app.command("import-list", cls=AkqCommand, help=both("导入上级失信名单（csv/xlsx），供 check 使用。", "Import an upper-level dishonesty list (csv/xlsx) for check."))
def import_list(
    file: Path = typer.Argument(..., metavar=both("文件", "FILE")),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import import_upper_list

    raise typer.Exit(import_upper_list(ledger, actor, file))


@app.command("stats", cls=AkqCommand, help=both("按部门、事项、月份统计办件量、核查完成率、不实承诺率等（不含个人信息）。", "Statistics per department, item and month (no personal data)."))
def stats(
    format: str = typer.Option("text", "--format", "-f", help=both("输出格式：text、markdown、csv、json、xlsx。", "text, markdown, csv, json, xlsx.")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=both("写到文件（xlsx 必须指定）。", "Write to a file (required for xlsx).")),
    department: Optional[str] = typer.Option(None, "--department", help=both("只统计某个部门。", "One department only.")),
    on: Optional[str] = _on("统计截止日期，默认今天。", "As of; default: today."),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import show_stats

    raise typer.Exit(show_stats(ledger, format, output, department, on))


@app.command("publish-stats", cls=AkqCommand, help=both("把不含个人信息的统计写入目录清单仓库（catalog/stats/ledger.json），供公开网站使用。", "Write the aggregate statistics (no personal data) into the catalog repository for the site."))
def publish_stats(
    catalog: Optional[Path] = _catalog(),
    on: Optional[str] = _on("统计截止日期，默认今天。", "As of; default: today."),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import publish

    raise typer.Exit(publish(ledger, catalog, on))


@app.command("head", cls=AkqCommand, help=both("把事件链的链头追加到文件（每日执行，提交到目录清单仓库；不含个人信息）。", "Append the event chain's head to a file (daily; commit it to the catalog repository; no personal data)."))
def head(
    output: Path = typer.Option(..., "--output", "-o", help=both("链头文件，例如 catalog/ledger-heads.txt。", "Head file, e.g. catalog/ledger-heads.txt.")),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import export_head

    raise typer.Exit(export_head(ledger, output))


@app.command("audit", cls=AkqCommand, help=both("核对事件链和每条记录；用 --heads 对照已导出的链头，发现被重新计算的链。有问题时退出码为 1。", "Check the event chain and every row; --heads compares exported heads to catch a recomputed chain. Exit 1 on problems."))
def audit(
    heads: Optional[Path] = typer.Option(None, "--heads", help=both("akq ledger head 导出的链头文件。", "The head file akq ledger head wrote.")),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import run_audit

    raise typer.Exit(run_audit(ledger, heads))


@app.command("backup", cls=AkqCommand, help=both("备份台账（`SQLite` 在线备份；`PostgreSQL` 用 `pg_dump`）。", "Back up the ledger (SQLite online backup; pg_dump for PostgreSQL)."))
def backup(
    output: Path = typer.Argument(..., metavar=both("备份文件", "FILE")),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import run_backup

    raise typer.Exit(run_backup(ledger, output))


@app.command("restore", cls=AkqCommand, help=both("从备份恢复到新的台账（不覆盖已有台账）。", "Restore a backup into a new ledger (never over an existing one)."))
def restore(
    source: Path = typer.Argument(..., metavar=both("备份文件", "FILE")),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import run_restore

    raise typer.Exit(run_restore(ledger, source))


@app.command("purge", cls=AkqCommand, help=both("删除超过保存期限的个人信息，保留统计所需的数据。", "Delete personal data past its retention period; the counts stay."))
def purge(
    on: Optional[str] = _on(),
    ledger: Optional[str] = _ledger(),
    actor: Optional[str] = _actor(),
) -> None:
    from akq_cli.ledger.actions import run_purge

    raise typer.Exit(run_purge(ledger, actor, on))


@app.command("roles", cls=AkqCommand, help=both("`PostgreSQL` 台账：为每个部门建角色并启用行级安全，司法局考核角色只能看统计。", "PostgreSQL: one role per department with row-level security; the assessment role of the justice bureau sees aggregates only."))
def roles(
    catalog: Optional[Path] = _catalog(),
    ledger: Optional[str] = _ledger(),
) -> None:
    from akq_cli.ledger.actions import make_roles

    raise typer.Exit(make_roles(ledger, catalog))
