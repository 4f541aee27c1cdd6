"""One function per `akq ledger` subcommand: open, do it in one transaction, print, return the exit code
(service.py lists the codes)."""

from __future__ import annotations

import gc
import json
from datetime import date
from pathlib import Path

from akq_cli.core.catalog import load_catalog
from akq_cli.core.files import atomic_write_bytes, reason
from akq_cli.core.i18n import pick
from akq_cli.core.personal import mask_text
from akq_cli.ledger import backup, chain, credit, db, present, records, rls, stats, tasks
from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.fastcheck import check_json, check_sqlite, check_text, read_id
from akq_cli.ledger.location import locate
from akq_cli.ledger.records import Application
from akq_cli.ledger.schema import commitments
from akq_cli.ledger.service import actor as who
from akq_cli.ledger.service import catalog_items, guarded, open_ledger, planner, recorder, retention, today


def init_ledger(ledger: str | None) -> int:
    def work() -> int:
        location, engine = open_ledger(ledger, create=True)
        revision = db.upgrade(engine)
        present.out(pick({"zh": "台账已就绪：{where}（结构版本 {rev}）。", "en": "Ledger ready: {where} (schema revision {rev})."},
                         where=location.path or location.url.split("@")[-1], rev=revision))
        return 0
    return guarded(work)


def _fill(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        label, sep, value = pair.partition("=")
        if not sep or not label.strip():
            raise LedgerError("bad-choice", field="--fill", value=pair, choices="名称=内容")
        values[label.strip()] = value.strip()
    return values


def record_one(ledger: str | None, catalog: Path | None, actor: str | None, *, item: str, name: str, channel: str,
               route: str, signed: str | None, proxy: str | None, authorisation: str | None, fill: list[str],
               commit: str | None, id_file: Path | None) -> int:
    def work() -> int:
        app = Application(
            item_id=item, applicant_name=name, applicant_id=read_id(id_file),
            signed_on=records.parse_date("--signed", signed) if signed else date.today(),
            channel=records.choice("--channel", channel, records.CHANNELS),
            route=records.choice("--route", route, records.ROUTES),
            proxy_name=proxy, proxy_authorisation=authorisation, fill_in=_fill(fill),
        )
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            code = records.record(recorder(conn, catalog, commit, who(actor)), app)
            task = conn.execute(
                tasks.tasks.select().where(tasks.tasks.c.commitment_id == conn.execute(
                    commitments.select().with_only_columns(commitments.c.id).where(commitments.c.code == code)).scalar())
            ).mappings().first()
        present.out(pick({"zh": "已登记承诺 {code}。", "en": "Recorded commitment {code}."}, code=code))
        if task is not None:
            present.out(_deadline_line(task))
        return 0
    return guarded(work)


def _deadline_line(task: dict) -> str:
    if task["due_on"] is None:
        return pick({"zh": "核查期限：待定（事项的核查时限从作出决定或登记之日起算，或无法读取）。",
                     "en": "Verification deadline: not yet set (counted from the decision or registration, or unreadable)."})
    text = pick({"zh": "核查期限：{d}", "en": "Verification deadline: {d}"}, d=task["due_on"])
    if task["provisional"]:
        text += pick({"zh": "（暂定：{why}）", "en": " (provisional: {why})"}, why=task["provisional_reason"] or "")
    return text


def import_files(ledger: str | None, catalog: Path | None, actor: str | None, files: list[Path], commit: str | None) -> int:
    def work() -> int:
        _, engine = open_ledger(ledger)
        rejected = 0
        for path in files:
            with engine.begin() as conn, db.deferred_indexes(conn, commitments, tasks.tasks):
                writer = recorder(conn, catalog, commit, who(actor))
                # The catalog and the modules stay for the whole import: out of the cycle collector's way, which
                # otherwise walks them again and again while a million rows' tuples come and go.
                gc.freeze()
                result = records.import_file(writer, path)
            present.out(present.import_text(result))
            rejected += len(result.rejected)
        return 1 if rejected else 0
    return guarded(work)


def set_status(ledger: str | None, actor: str | None, code: str, new: str, reason_text: str | None, on: str | None) -> int:
    def work() -> int:
        status = records.choice("STATUS", new, {k: v for k, v in records.STATUSES.items() if k != "accepted"})
        day = today(on)
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            records.change_status(conn, who(actor), code, status, day, reason_text)
            if status == "concluded":
                row = records.find(conn, code)
                # 办结 is the decision (作出决定), and for a filing item its registration (登记).
                planner().started(conn, who(actor), row["id"], {"decided", "registered"}, day)
        present.out(pick({"zh": "承诺 {code} 状态已改为“{s}”（{d}）。", "en": "Commitment {code} is now {s} ({d})."},
                         code=code, s=records.STATUSES[status], d=day))
        return 0
    return guarded(work)


def list_due(ledger: str | None, actor: str | None, within: int, department: str | None, on: str | None,
             reveal: bool) -> int:
    def work() -> int:
        day = today(on)
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            planner().refresh(conn, who(actor))
            rows = tasks.due(conn, day, within, department)
            if reveal:
                for code in {r.code for r in rows}:
                    chain.touch(conn, who(actor), "reveal", commitments, records.find(conn, code)["id"])
        present.out(present.due_text(rows, day, reveal), reveal=reveal)
        return 1 if any(r.overdue for r in rows) else 0
    return guarded(work)


def record_outcome(ledger: str | None, actor: str | None, code: str, outcome: str, method: str, inspector: str,
                   note: str, on: str | None) -> int:
    def work() -> int:
        result = records.choice("OUTCOME", outcome, tasks.OUTCOMES)
        how = records.choice("--method", method, tasks.METHODS)
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            tasks.verify(conn, who(actor), code, result, how, inspector, note, today(on))
        present.out(pick({"zh": "已记录核查结果：{code} {r}。", "en": "Outcome recorded: {code} {r}."}, code=code, r=tasks.OUTCOMES[result]))
        if result == "false":
            present.out(pick({
                "zh": "不实承诺是核查发现，不是处罚：请在听取申请人陈述申辩后，用 akq ledger decide 记录处理决定。",
                "en": "A 不实 finding is not yet a sanction: hear the applicant, then record the decision with akq ledger decide."}))
        return 0
    return guarded(work)


def write_letter(ledger: str | None, catalog: Path | None, actor: str | None, code: str, to: str, number: str,
                 checks: list[str], contact: str, reply_by: str | None, output: Path, on: str | None) -> int:
    def work() -> int:
        items, _ = catalog_items(catalog)
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            row = records.find(conn, code)
            item = items.get(row["item_id"], {})
            names = _department_names(catalog)
            letter = tasks.assist(
                conn, who(actor), code, number=number, from_department=names.get(row["department"], row["department"]),
                to_department=to, item_title=str(item.get("title", row["item_id"])), checks=tuple(checks),
                reply_by=records.parse_date("--reply-by", reply_by) if reply_by else None, contact=contact,
                on=today(on), output=output, planner=planner())
        present.out(pick({"zh": "已写出协助核查函 {path}（含完整证件号码，已记入审计日志）；回复期限 {d}。",
                          "en": "Wrote {path} (it carries the full ID number; recorded in the audit log); reply due {d}."},
                         path=output, d=letter.reply_by))
        return 0
    return guarded(work)


def _department_names(catalog: Path | None) -> dict[str, str]:
    return {code: str(d.get("name", code)) for code, d in load_catalog(catalog).departments.items()}


def record_decision(ledger: str | None, actor: str | None, code: str, number: str, measure: str, reason_text: str,
                    heard: str | None, dishonesty: str | None, on: str | None) -> int:
    def work() -> int:
        m = records.choice("--measure", measure, credit.MEASURES)
        cls = credit.class_code(dishonesty) if dishonesty else None
        day = today(on)
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            credit.decide(conn, who(actor), code, number=number, decided_on=day,
                          heard_on=records.parse_date("--heard", heard) if heard else None, measure=m,
                          reason=reason_text, dishonesty_class=cls)
        text = pick({"zh": "已记录决定 {n}：{m}。", "en": "Decision {n} recorded: {m}."}, n=number, m=credit.MEASURES[m])
        if cls:
            repair, until = credit.periods(cls, day)
            text += pick({"zh": "失信类别：{c}；最早可申请信用修复日期 {r}；公示至 {u}。",
                          "en": " Class: {c}; earliest repair {r}; published until {u}."},
                         c=credit.classes()[cls].name, r=repair, u=until)
        present.out(text)
        return 0
    return guarded(work)


def record_appeal(ledger: str | None, actor: str | None, number: str, kind: str, basis: str, result: str | None,
                  on: str | None) -> int:
    def work() -> int:
        k = records.choice("KIND", kind, credit.APPEALS)
        day = today(on)
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            if result:
                r = records.choice("--result", result, credit.RESULTS)
                credit.resolve(conn, who(actor), number, k, r, day)
                present.out(pick({"zh": "已记录{k}结果：{r}。", "en": "{k} outcome recorded: {r}."}, k=credit.APPEALS[k], r=credit.RESULTS[r]))
            else:
                credit.appeal(conn, who(actor), number, k, day, basis)
                present.out(pick({"zh": "已登记{k}申请。", "en": "{k} application recorded."}, k=credit.APPEALS[k]))
        return 0
    return guarded(work)


def run_check(ledger: str | None, id_file: Path | None, on: str | None, fmt: str) -> int:
    def work() -> int:
        if fmt not in ("text", "json"):
            raise LedgerError("bad-choice", field="--format", value=fmt, choices="text、json")
        day = today(on)
        applicant_id = read_id(id_file)
        location, engine = open_ledger(ledger)
        if location.path is not None:
            result = check_sqlite(location.path, applicant_id, day)
        else:
            with engine.connect() as conn:
                result = credit.check(conn, applicant_id, day)
        present.out(check_json(result, applicant_id) if fmt == "json" else check_text(result, applicant_id))
        return 0 if result.allowed else 1
    return guarded(work)


def import_upper_list(ledger: str | None, actor: str | None, file: Path) -> int:
    def work() -> int:
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            n, rejected = credit.import_upper(conn, who(actor), file)
        result = records.ImportResult(file.name, n, rejected)
        present.out(present.import_text(result))
        return 1 if rejected else 0
    return guarded(work)


def show_stats(ledger: str | None, fmt: str, output: Path | None, department: str | None, on: str | None) -> int:
    def work() -> int:
        if fmt not in ("text", "markdown", "csv", "json", "xlsx"):
            raise LedgerError("bad-choice", field="--format", value=fmt, choices="text、markdown、csv、json、xlsx")
        if fmt == "xlsx" and output is None:
            raise LedgerError("bad-choice", field="--output", value="", choices=pick({"zh": "xlsx 必须指定文件", "en": "a file for xlsx"}))
        day = today(on)
        _, engine = open_ledger(ledger)
        with engine.connect() as conn:
            rows = stats.statistics(conn, day, department)
        data = present.stats_render(rows, day, fmt)
        return _emit(data, output)
    return guarded(work)


def _emit(data: bytes, output: Path | None) -> int:
    if output is None:
        present.out(data.decode("utf-8-sig").rstrip("\n"))
        return 0
    try:
        atomic_write_bytes(output, data)
    except OSError as exc:
        raise LedgerError("write-failed", path=str(output), detail=reason(exc)) from exc
    return 0


def publish(ledger: str | None, catalog: Path | None, on: str | None) -> int:
    def work() -> int:
        root = load_catalog(catalog, with_items=False).root
        day = today(on)
        _, engine = open_ledger(ledger)
        with engine.connect() as conn:
            rows = stats.statistics(conn, day)
        target = root / "stats" / "ledger.json"
        target.parent.mkdir(exist_ok=True)
        data = present.stats_render(rows, day, "json")
        # The file goes into git: refuse it if anything in it looks like an ID number.
        assert mask_text(data.decode()) == data.decode()
        _emit(data, target)
        present.out(pick({"zh": "已写出 {p}（不含个人信息），请提交到目录清单仓库。", "en": "Wrote {p} (no personal data); commit it."}, p=target))
        return 0
    return guarded(work)


def export_head(ledger: str | None, output: Path) -> int:
    def work() -> int:
        _, engine = open_ledger(ledger)
        with engine.connect() as conn:
            h = chain.head(conn)
        try:
            with output.open("a", encoding="utf-8") as f:
                f.write(h.line() + "\n")
        except OSError as exc:
            raise LedgerError("write-failed", path=str(output), detail=reason(exc)) from exc
        present.out(pick({"zh": "链头 {seq} 已追加到 {p}：请提交到目录清单仓库。", "en": "Head {seq} appended to {p}; commit it."}, seq=h.seq, p=output))
        return 0
    return guarded(work)


def run_audit(ledger: str | None, heads: Path | None) -> int:
    def work() -> int:
        exported = chain.read_heads(heads) if heads else []
        _, engine = open_ledger(ledger)
        with engine.connect() as conn:
            problems, last = chain.audit(conn, exported)
        present.out(present.audit_text(problems, last.seq, len(exported)))
        return 1 if problems else 0
    return guarded(work)


def run_backup(ledger: str | None, output: Path) -> int:
    def work() -> int:
        location, _ = open_ledger(ledger)
        backup.backup(location, output)
        present.out(pick({"zh": "已备份到 {p}（仅所有者可读）。", "en": "Backed up to {p} (owner-only)."}, p=output))
        return 0
    return guarded(work)


def run_restore(ledger: str | None, source: Path) -> int:
    def work() -> int:
        location = locate(Path.cwd(), ledger)
        backup.restore(location, source)
        present.out(pick({"zh": "已恢复到 {p}。请运行 akq ledger audit 核对。", "en": "Restored into {p}. Run akq ledger audit."},
                         p=location.path or "PostgreSQL"))
        return 0
    return guarded(work)


def run_purge(ledger: str | None, actor: str | None, on: str | None) -> int:
    def work() -> int:
        _, engine = open_ledger(ledger)
        with engine.begin() as conn:
            done = backup.purge(conn, who(actor), today(on), retention())
        present.out(pick({"zh": "已删除 {c} 份承诺、{d} 项决定中的个人信息；统计数据保留。",
                          "en": "Personal data removed from {c} commitments and {d} decisions; the counts stay."},
                         c=done.commitments, d=done.decisions))
        return 0
    return guarded(work)


def make_roles(ledger: str | None, catalog: Path | None) -> int:
    def work() -> int:
        location, engine = open_ledger(ledger)
        if location.path is not None:
            raise LedgerError("backend-only", backend="PostgreSQL")
        departments = sorted(load_catalog(catalog, with_items=False).departments)
        with engine.begin() as conn:
            made = rls.install(conn, departments)
        present.out(json.dumps(made, ensure_ascii=False, indent=2))
        return 0
    return guarded(work)
