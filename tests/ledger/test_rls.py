"""PostgreSQL only: one role per department sees and writes its own records; the 司法局's assessment role reads
aggregates only; `check` still sees every department's decisions (一处失信、处处受限)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from conftest import run_akq
from ledger.conftest import Backend, Cluster, Ledger, id_number

pytestmark = pytest.mark.system

MZJ_PERSON = id_number("65302319800101001")
RSJ_PERSON = id_number("65302319810202002")
# RSJ-ZM-001's required fill-in fields (catalog/items/RSJ/RSJ-ZM-001.yaml): record refuses the commitment without them
RSJ_ZM_001_FILL = ("--fill", "原用人单位名称=阿合奇县某商贸有限公司", "--fill", "劳动关系终止或者解除日期=2026-10-31",
                   "--fill", "终止或者解除原因=劳动合同期满终止")


@pytest.fixture
def shared(pg_cluster: Cluster, catalog_repo: Path) -> tuple[Ledger, Cluster, str]:
    database = f"rls_{next(pg_cluster.counter)}"
    pg_cluster.execute(f"CREATE DATABASE {database}")
    ledger = Ledger(Backend("postgresql", pg_cluster.url(database), pg_cluster, database), catalog_repo, [])
    assert ledger("init").code == 0
    roles = ledger("roles")
    assert roles.code == 0, roles.err
    assert json.loads(roles.out)["akq_mzj"] == "MZJ"
    return ledger, pg_cluster, database


def as_role(cluster: Cluster, database: str, role: str) -> str:
    """A ledger URL whose sessions run as ``role`` (what a clerk's login role gets by membership)."""
    return cluster.url(database) + "&options=" + quote(f"-c role={role}")


def run_as(ledger: Ledger, url: str, *args: str, input: str | None = None):
    return run_akq("ledger", *args, "--ledger", url, cwd=ledger.cwd, input=input, env={"AKQ_ACTOR": "clerk"})


def test_a_department_sees_and_writes_only_its_own_records(shared) -> None:
    ledger, cluster, database = shared
    mzj, rsj = as_role(cluster, database, "akq_mzj"), as_role(cluster, database, "akq_rsj")
    ok = run_as(ledger, mzj, "record", "--item", "MZJ-ZM-001", "--name", "张三", "--signed", "2026-11-02",
                input=MZJ_PERSON + "\n")
    assert ok.code == 0, ok.err
    assert run_as(ledger, rsj, "record", "--item", "RSJ-ZM-001", "--name", "李四", "--signed", "2026-11-02",
                  *RSJ_ZM_001_FILL, input=RSJ_PERSON + "\n").code == 0
    # Writing another department's record is refused by the policy's WITH CHECK.
    denied = run_as(ledger, mzj, "record", "--item", "RSJ-ZM-002", "--name", "王五", "--signed", "2026-11-02",
                    input=RSJ_PERSON + "\n")
    assert denied.code != 0
    mzj_due = run_as(ledger, mzj, "due", "--on", "2026-11-30", "--within", "60")
    assert "MZJ-ZM-001" in mzj_due.out and "RSJ-" not in mzj_due.out
    rsj_due = run_as(ledger, rsj, "due", "--on", "2026-11-30", "--within", "60")
    assert "RSJ-ZM-001" in rsj_due.out and "MZJ-" not in rsj_due.out
    with psycopg.connect(host=str(cluster.socket), user="postgres", dbname=database,
                         options="-c role=akq_mzj") as conn:
        assert conn.execute("SELECT department FROM commitments").fetchall() == [("MZJ",)]
        assert conn.execute("SELECT count(*) FROM tasks").fetchone() == (1,)


def test_check_sees_other_departments_decisions(shared) -> None:
    ledger, cluster, database = shared
    mzj, rsj = as_role(cluster, database, "akq_mzj"), as_role(cluster, database, "akq_rsj")
    out = run_as(ledger, mzj, "record", "--item", "MZJ-ZM-001", "--name", "张三", "--signed", "2026-11-02",
                 input=MZJ_PERSON + "\n").out
    code = out.split("已登记承诺 ")[1].split("。")[0]
    assert run_as(ledger, mzj, "verify", code, "不实", "--method", "online", "--inspector", "李四").code == 0
    assert run_as(ledger, mzj, "decide", code, "--number", "阿民决〔2026〕9号", "--measure", "终止办理", "--reason", "隐瞒收入",
                  "--heard", "2026-11-15", "--class", "一般", "--on", "2026-11-18").code == 0
    check = run_as(ledger, rsj, "check", "--on", "2026-12-01", input=MZJ_PERSON + "\n")
    assert check.code == 1 and "阿民决〔2026〕9号" in check.out


def test_the_assessor_reads_aggregates_only(shared) -> None:
    ledger, cluster, database = shared
    ledger("record", "--item", "MZJ-ZM-001", "--name", "张三", "--signed", "2026-11-02", input=MZJ_PERSON + "\n")
    with psycopg.connect(host=str(cluster.socket), user="postgres", dbname=database,
                         options="-c role=akq_assessor") as conn:
        assert conn.execute("SELECT department, cases FROM ledger_stats").fetchall() == [("MZJ", 1)]
        for table in ("commitments", "decisions", "tasks", "events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT * FROM {table}")
            conn.rollback()
