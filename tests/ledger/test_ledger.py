"""The ledger's shared tests: each runs on SQLite and on PostgreSQL (the `backend` fixture)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from akq_cli.ledger import db
from akq_cli.ledger.location import locate
from conftest import run_akq
from ledger.conftest import Backend, Ledger, id_number

PERSON = id_number("65302319850615123")
OTHER = id_number("65302319920101002")
UNMASKED = re.compile(r"(?<![\dA-Z])\d{17}[\dX](?![\dA-Z])")


def record(ledger: Ledger, who: str = PERSON, item: str = "MZJ-ZM-001", signed: str = "2026-11-02") -> str:
    result = ledger("record", "--item", item, "--name", "张三", "--signed", signed, input=who + "\n")
    assert result.code == 0, result.err
    return re.search(r"6530232\d{12}", result.out).group(0)


def engine(backend: Backend):
    return db.engine_for(locate(Path.cwd(), backend.ledger))


def test_withdrawal_before_conclusion_only(ledger: Ledger) -> None:
    code = record(ledger)
    assert ledger("status", code, "撤回", "--reason", "申请人改为提交证明", "--on", "2026-11-05").code == 0
    refused = ledger("status", code, "办结")
    assert refused.code == 2 and "撤回" in refused.err
    assert "没有到期" in ledger("due", "--on", "2026-12-31").out  # a withdrawn commitment is not checked
    stats = json.loads(ledger("stats", "--format", "json", "--on", "2026-11-30").out)
    assert stats["departments"][0]["withdrawn"] == 1 and stats["departments"][0]["cases"] == 1
    with engine(ledger.backend).connect() as conn:
        history = conn.execute(text("SELECT status FROM status_history ORDER BY id")).scalars().all()
    assert history == ["withdrawn"]  # the commitment row itself is the 受理


def test_import_reports_each_rejected_row_and_overwrites_nothing(ledger: Ledger, tmp_path: Path) -> None:
    first = record(ledger)
    bad_check_digit = PERSON[:-1] + ("0" if PERSON[-1] != "0" else "1")
    rows = [
        "承诺编码,事项编号,申请人,证件号码,签署日期,办理渠道,填写：共同生活的家庭成员",
        f",MZJ-ZM-001,李四,{OTHER},2026-11-03,窗口,李四（本人）",
        f",MZJ-ZM-001,王五,{bad_check_digit},2026-11-03,窗口,",
        f",XXX-ZM-999,赵六,{OTHER},2026-11-03,网上,",
        f",MZJ-ZM-001,钱七,{OTHER},2026-13-03,窗口,",
        f"{first},MZJ-ZM-001,孙八,{OTHER},2026-11-03,窗口,",
        f",MZJ-ZM-001,周九,{OTHER},2026-11-04,柜台,",
        f",MZJ-ZM-001,吴十,{OTHER},2026-11-04,online,",
    ]
    export = tmp_path / "导出.csv"
    export.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))  # case systems on Windows save GBK
    result = ledger("import", str(export))
    assert result.code == 1
    assert "导入 2 条，拒绝 5 条" in result.out
    for row, why in ((3, "GB 11643"), (4, "XXX-ZM-999"), (5, "2026-13-03"), (6, first), (7, "柜台")):
        assert re.search(rf"第 {row} 行：.*{re.escape(why)}", result.out), (row, result.out)
    assert bad_check_digit not in result.out and PERSON not in result.out
    with engine(ledger.backend).connect() as conn:
        names = conn.execute(text("SELECT applicant_name FROM commitments ORDER BY id")).scalars().all()
    assert names == ["张三", "李四", "吴十"]  # the first commitment was not overwritten by 孙八's row


def test_check_without_a_record_says_so(ledger: Ledger) -> None:
    result = ledger("check", input=OTHER + "\n")
    assert result.code == 0 and "可以" in result.out and "本地无记录" in result.out
    english = ledger("check", input=OTHER + "\n", lang="en")
    assert english.code == 0 and "no local record" in english.out


def test_id_numbers_are_never_taken_from_the_command_line(ledger: Ledger) -> None:
    result = ledger("check", PERSON)
    assert result.code == 2 and PERSON not in result.out + result.err
    wrong = PERSON[:-1] + ("0" if PERSON[-1] != "0" else "1")  # a typing slip: the check digit does not match
    bad = ledger("check", input=wrong + "\n")
    assert bad.code == 2 and "GB 11643" in bad.err and wrong not in bad.err


def _finding_and_decision(ledger: Ledger, code: str, cls: str = "一般", number: str = "阿民决〔2026〕7号") -> None:
    assert ledger("verify", code, "不实", "--method", "online", "--inspector", "李四", "--on", "2026-11-10").code == 0
    result = ledger("decide", code, "--number", number, "--measure", "终止办理", "--reason", "隐瞒收入",
                    "--heard", "2026-11-15", "--class", cls, "--on", "2026-11-18")
    assert result.code == 0, result.err


def test_a_decision_needs_a_finding_and_a_hearing(ledger: Ledger) -> None:
    code = record(ledger)
    no_finding = ledger("decide", code, "--number", "X1", "--measure", "终止办理", "--reason", "r", "--heard", "2026-11-15")
    assert no_finding.code == 2 and "不实" in no_finding.err
    assert ledger("verify", code, "不实", "--method", "online", "--inspector", "李四").code == 0
    no_hearing = ledger("decide", code, "--number", "X1", "--measure", "终止办理", "--reason", "r")
    assert no_hearing.code == 2 and "陈述申辩" in no_hearing.err


def test_repair_opens_the_route_again_and_not_before_the_minimum_period(ledger: Ledger) -> None:
    code = record(ledger)
    _finding_and_decision(ledger, code)
    assert ledger("check", "--on", "2026-12-01", input=PERSON + "\n").code == 1
    early = ledger("appeal", "阿民决〔2026〕7号", "repair", "--basis", "已退回", "--on", "2027-01-10")
    assert early.code == 2 and "2027-02-18" in early.err
    assert ledger("appeal", "阿民决〔2026〕7号", "信用修复", "--basis", "已退回", "--on", "2027-02-20").code == 0
    assert ledger("appeal", "阿民决〔2026〕7号", "repair", "--result", "同意", "--on", "2027-02-25").code == 0
    after = ledger("check", "--on", "2027-03-01", input=PERSON + "\n")
    assert after.code == 0 and "本地无有效失信记录" in after.out


def test_the_maximum_publication_period_ends_the_bar(ledger: Ledger) -> None:
    code = record(ledger)
    _finding_and_decision(ledger, code, cls="严重")
    assert ledger("check", "--on", "2029-11-17", input=PERSON + "\n").code == 1
    assert ledger("check", "--on", "2029-11-18", input=PERSON + "\n").code == 0


def test_an_upper_level_list_feeds_check(ledger: Ledger, tmp_path: Path) -> None:
    listing = tmp_path / "上级名单.csv"
    listing.write_text(
        "证件号码,名称,认定部门,文书号,认定日期,失信类别,失信行为\n"
        f"{OTHER},李四,克孜勒苏州市场监管局,克市监〔2026〕3号,2026-10-01,严重,虚假承诺\n"
        f"{OTHER[:-1]}0,李四,州局,克市监〔2026〕4号,2026-10-01,很严重,虚假承诺\n", "utf-8")
    result = ledger("import-list", str(listing))
    assert result.code == 1 and "导入 1 条，拒绝 1 条" in result.out and "第 3 行" in result.out
    check = ledger("check", "--on", "2026-11-01", input=OTHER + "\n")
    assert check.code == 1 and "克市监〔2026〕3号" in check.out and "2027-10-01" in check.out


def test_fast_path_and_full_path_answer_alike(ledger: Ledger, tmp_path: Path) -> None:
    code = record(ledger)
    _finding_and_decision(ledger, code)
    id_file = tmp_path / "id.txt"
    id_file.write_text(PERSON, "utf-8")
    fast = ledger("check", "--id-file", str(id_file), "--on", "2026-12-01", "--format", "json")
    # An option the fast path does not parse (--lang after the command is moved first) still answers the same.
    full = run_akq("ledger", "check", "--on=2026-12-01", "--format", "json", "--id-file", str(id_file), "--ledger",
                   ledger.backend.ledger, cwd=ledger.cwd)
    assert fast.code == full.code == 1
    assert json.loads(fast.out) == json.loads(full.out)


def _tamper_row(backend: Backend) -> None:
    with engine(backend).begin() as conn:
        conn.execute(text("UPDATE commitments SET applicant_name = '李鬼' WHERE id = 1"))


def test_audit_catches_an_edited_row(ledger: Ledger) -> None:
    record(ledger)
    assert ledger("audit").code == 0
    _tamper_row(ledger.backend)
    result = ledger("audit")
    assert result.code == 1 and "commitments#1" in result.out and "akq 之外被修改" in result.out


def test_audit_catches_a_recomputed_chain_against_an_exported_head(ledger: Ledger, tmp_path: Path) -> None:
    from akq_cli.ledger.chain import batch_digest, event_hash, row_digest
    from akq_cli.ledger.schema import commitments

    record(ledger)
    heads = tmp_path / "ledger-heads.txt"
    assert ledger("head", "-o", str(heads)).code == 0
    record(ledger, OTHER)
    # Someone with write access edits a row, then drops the guard and recomputes every digest and hash.
    eng = engine(ledger.backend)
    with eng.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER events_no_update"))
        else:
            conn.execute(text("ALTER TABLE events DISABLE TRIGGER events_append_only"))
        conn.execute(text("UPDATE commitments SET applicant_name = '李鬼' WHERE id = 1"))
        row = conn.execute(commitments.select().where(commitments.c.id == 1)).mappings().one()
        forged = batch_digest([row_digest(commitments, dict(row))])  # its insert event covers it alone
        prev = "0" * 64
        for e in conn.execute(text("SELECT * FROM events ORDER BY seq")).mappings().all():
            digest = forged if (e["tbl"], e["row_id"], e["prior"]) == ("commitments", 1, None) else e["digest"]
            h = event_hash(prev, e["seq"], e["at"], e["actor"], e["action"], e["tbl"], e["row_id"], digest,
                           e["last_id"], e["prior"])
            conn.execute(text("UPDATE events SET digest = :d, prev = :p, hash = :h WHERE seq = :s"),
                         {"d": digest, "p": prev, "h": h, "s": e["seq"]})
            prev = h
    assert ledger("audit").code == 0  # the chain is consistent in itself: only the exported head shows the forgery
    result = ledger("audit", "--heads", str(heads))
    assert result.code == 1 and "重新计算" in result.out


def test_events_are_append_only(ledger: Ledger) -> None:
    record(ledger)
    with pytest.raises(Exception, match="append-only"), engine(ledger.backend).begin() as conn:
        conn.execute(text("DELETE FROM events"))


def test_reveal_is_recorded_and_nothing_else_shows_an_id(ledger: Ledger, tmp_path: Path) -> None:
    code = record(ledger)
    masked = ledger("due", "--on", "2026-11-20")
    assert "6530**********" in masked.out and PERSON not in masked.out
    revealed = ledger("due", "--on", "2026-11-20", "--reveal")
    assert PERSON in revealed.out
    letter = tmp_path / "协助核查函.docx"
    assist = ledger("assist", code, "--to", "县人力资源和社会保障局", "--number", "阿民协〔2026〕2号", "--check", "务工收入",
                    "--contact", "王五 0908-5622412", "-o", str(letter), "--on", "2026-11-05")
    assert assist.code == 0, assist.err
    with zipfile.ZipFile(letter) as z:
        assert PERSON in z.read("word/document.xml").decode()  # the one sanctioned reveal
    with engine(ledger.backend).connect() as conn:
        actions = conn.execute(text("SELECT action FROM events WHERE tbl = 'commitments' ORDER BY seq")).scalars().all()
    assert actions == ["record", "reveal", "reveal:assist-letter"]
    _finding_and_decision(ledger, code)
    outputs = [ledger("check", input=PERSON + "\n"), ledger("audit"), ledger("stats", "--on", "2026-11-30"),
               ledger("stats", "--format", "json"), ledger("stats", "--format", "markdown"),
               ledger("stats", "--format", "csv"), ledger("due", "--on", "2026-11-03")]
    xlsx = tmp_path / "stats.xlsx"
    assert ledger("stats", "--format", "xlsx", "-o", str(xlsx)).code == 0
    with zipfile.ZipFile(xlsx) as z:
        workbook = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    everything = "\n".join([*(r.out + r.err for r in outputs), workbook,
                            *(o for o in ledger.outputs if o is not revealed.out)])
    assert PERSON not in everything and not UNMASKED.search(everything)


def test_publish_stats_writes_no_personal_data(ledger: Ledger, tmp_path: Path) -> None:
    import shutil

    record(ledger)
    catalog = tmp_path / "catalog"
    shutil.copytree(ledger.cwd, catalog, ignore=shutil.ignore_patterns(".git"))
    assert ledger("publish-stats", "--catalog", str(catalog), "--on", "2026-11-30").code == 0
    text_ = (catalog / "stats" / "ledger.json").read_text("utf-8")
    assert "张三" not in text_ and PERSON not in text_ and json.loads(text_)["departments"][0]["cases"] == 1


def test_purge_removes_personal_data_and_keeps_the_counts(ledger: Ledger) -> None:
    code = record(ledger, signed="2020-03-02")
    assert ledger("status", code, "办结", "--on", "2020-03-20").code == 0
    before = json.loads(ledger("stats", "--format", "json", "--on", "2026-11-30").out)["departments"]
    assert "1 份承诺" in ledger("purge", "--on", "2026-11-30").out
    after = json.loads(ledger("stats", "--format", "json", "--on", "2026-11-30").out)["departments"]
    assert before == after
    with engine(ledger.backend).connect() as conn:
        assert conn.execute(text("SELECT applicant_name, applicant_id FROM commitments")).one() == ("", "")
    assert ledger("audit").code == 0  # purging is on the chain too


def test_backup_and_restore(ledger: Ledger, tmp_path: Path) -> None:
    record(ledger)
    copy = tmp_path / "backup.db"
    result = ledger("backup", str(copy))
    assert result.code == 0, result.err
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    if ledger.backend.name == "sqlite":
        target = tmp_path / "restored" / "ledger.db"
        assert run_akq("ledger", "restore", str(copy), "--ledger", str(target), cwd=ledger.cwd).code == 0
        refused = run_akq("ledger", "restore", str(copy), "--ledger", str(target), cwd=ledger.cwd)
        assert refused.code == 2 and "不会覆盖" in refused.err
    else:
        cluster = ledger.backend.cluster
        cluster.execute("CREATE DATABASE restored")
        url = cluster.url("restored")
        assert run_akq("ledger", "restore", str(copy), "--ledger", url, cwd=ledger.cwd).code == 0
        target = url
    audit = run_akq("ledger", "audit", "--ledger", str(target), cwd=ledger.cwd)
    assert audit.code == 0 and "审计通过" in audit.out


def test_sqlite_ledger_is_owner_only_and_never_inside_a_work_tree(catalog_repo: Path, tmp_path: Path) -> None:
    ledger_file = tmp_path / "ledger" / "ledger.db"
    inside = run_akq("ledger", "init", "--ledger", str(catalog_repo / "private" / "ledger.db"), cwd=catalog_repo)
    assert inside.code == 2 and "git 工作区" in inside.err
    assert not (catalog_repo / "private").exists()
    assert run_akq("ledger", "init", "--ledger", str(ledger_file), cwd=catalog_repo).code == 0
    assert stat.S_IMODE(os.stat(ledger_file).st_mode) == 0o600
    wal = ledger_file.with_name("ledger.db-wal")
    assert not wal.exists() or stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_no_ledger_configured_is_explained(catalog_repo: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "AKQ_LEDGER"}
    result = subprocess.run([*__import__("conftest").akq_command(), "ledger", "due"], cwd=catalog_repo, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "[ledger]" in result.stderr and "Traceback" not in result.stderr


def test_deadline_from_the_decision_waits_for_it(ledger: Ledger, catalog_repo: Path) -> None:
    item = next(p for p in (catalog_repo / "items").rglob("*.yaml")
                if "作出审批决定后2个月内" in p.read_text("utf-8") or "from: decided" in p.read_text("utf-8"))
    item_id = item.stem
    code = record(ledger, item=item_id)
    pending = ledger("due", "--on", "2026-11-03")
    assert "期限待定" in pending.out
    assert ledger("status", code, "办结", "--on", "2026-11-10").code == 0
    assert "2027-01-10" in ledger("due", "--on", "2027-01-05").out




def test_check_takes_the_fast_path_without_typer_or_sqlalchemy(catalog_repo: Path, tmp_path: Path) -> None:
    """`akq ledger check` must answer within 150 ms as a whole process: it imports neither (bench/ledger_1m.py times it)."""
    ledger_file = tmp_path / "ledger.db"
    assert run_akq("ledger", "init", "--ledger", str(ledger_file), cwd=catalog_repo).code == 0
    id_file = tmp_path / "id.txt"
    id_file.write_text(PERSON, "utf-8")
    code = ("import atexit, sys; atexit.register(lambda: sys.stderr.write(repr(sorted(m for m in ('typer', 'sqlalchemy', "
            "'akq_cli.app') if m in sys.modules)))); sys.argv[0] = 'akq'; from akq_cli.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", code, "ledger", "check", "--id-file", str(id_file), "--ledger",
                           str(ledger_file)], capture_output=True, text=True, cwd=catalog_repo)
    assert proc.returncode == 0 and "本地无记录" in proc.stdout
    assert proc.stderr.endswith("[]"), proc.stderr
