"""Two parts of the ledger that had no test: its statistics in `akq report` as markdown and xlsx (the counts appear,
no name or ID number does), and the Windows owner-only ACL (the icacls call, mocked here on Linux, and its failure
reported rather than swallowed)."""

from __future__ import annotations

import contextlib
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from akq_cli.app import app
from akq_cli.core.i18n import set_lang
from akq_cli.ledger import db
from akq_cli.ledger.errors import LedgerError
from ledger.conftest import Ledger
from ledger.test_ledger import OTHER, PERSON, UNMASKED, record

NAME = "张三"  # record() signs every commitment with this name


def _report(ledger: Ledger, *args: str) -> Any:
    env = {"AKQ_LEDGER": ledger.backend.ledger, "AKQ_LANG": "zh"}
    with contextlib.chdir(ledger.cwd):
        outcome = CliRunner().invoke(app, ["report", "--as-of", "2026-12-31", "--catalog", str(ledger.cwd), *args], env=env)
    set_lang("zh")
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exception
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    return outcome


def _three_cases(ledger: Ledger) -> None:
    """MZJ-ZM-001 in 2026-11: two commitments, one found 不实, one withdrawn."""
    false = record(ledger, PERSON)
    withdrawn = record(ledger, OTHER)
    assert ledger("verify", false, "不实", "--method", "online", "--inspector", "李四", "--on", "2026-11-05").code == 0
    assert ledger("status", withdrawn, "撤回", "--reason", "申请人撤回", "--on", "2026-11-06").code == 0


def test_report_markdown_shows_the_ledger_counts_and_no_personal_data(ledger: Ledger) -> None:
    _three_cases(ledger)
    out = _report(ledger, "--format", "markdown").stdout
    assert "告知承诺台账统计" in out
    row = next(line for line in out.splitlines() if "MZJ-ZM-001" in line and "2026-11" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    # 部门 事项 月份 办件量 告知承诺办件量 撤回数 应核查数 已核查数 核查完成率 超期核查数 不实承诺数 不实承诺率
    assert cells[:8] == ["MZJ", "MZJ-ZM-001", "2026-11", "2", "2", "1", "2", "1"]
    assert cells[10:] == ["1", "100.0%"]
    assert NAME not in out and PERSON not in out and OTHER not in out and not UNMASKED.search(out)


def test_report_xlsx_shows_the_ledger_counts_and_no_personal_data(ledger: Ledger, tmp_path: Path) -> None:
    _three_cases(ledger)
    target = tmp_path / "report.xlsx"
    _report(ledger, "--format", "xlsx", "-o", str(target))
    book = openpyxl.load_workbook(target, read_only=True)
    ledger_sheets = [ws for ws in book.worksheets if ws.title.startswith("告知承诺台账统计")]
    assert ledger_sheets, book.sheetnames
    rows = [[c for c in row if c is not None] for ws in ledger_sheets for row in ws.iter_rows(values_only=True)]
    item_rows = [r for r in rows if r[:3] == ["MZJ", "MZJ-ZM-001", "2026-11"]]
    assert item_rows and item_rows[0][3:8] == [2, 2, 1, 2, 1]
    # Nothing personal anywhere in the file: not in a cell, not in the workbook's own parts.
    with zipfile.ZipFile(target) as z:
        everything = "".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())
    assert NAME not in everything and PERSON not in everything and OTHER not in everything
    assert not UNMASKED.search(everything)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """db as on Windows, with icacls mocked: the calls it would have made."""
    calls: list[list[str]] = []
    real = subprocess.run

    def run(argv: Any, *args: Any, **kwargs: Any) -> Any:
        if argv and argv[0] == "icacls":
            calls.append(list(argv))
            return subprocess.CompletedProcess(argv, 0, "已成功处理 1 个文件\n", "")
        return real(argv, *args, **kwargs)

    monkeypatch.setattr(db, "WINDOWS", True)
    monkeypatch.setattr(db.subprocess, "run", run)
    monkeypatch.setenv("USERNAME", "zhangsan")
    return calls


def test_on_windows_the_ledger_gets_an_owner_only_acl(windows: list[list[str]], tmp_path: Path) -> None:
    target = tmp_path / "ledger.db"
    target.write_bytes(b"")
    target.chmod(0o644)
    db.restrict(target)
    assert windows == [["icacls", str(target), "/inheritance:r", "/grant:r", "zhangsan:F"]]
    assert target.stat().st_mode & 0o777 == 0o644  # the POSIX mode is not what protects it there


def test_on_windows_a_failed_acl_is_reported(windows: list[list[str]], monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    target = tmp_path / "ledger.db"
    target.write_bytes(b"")
    monkeypatch.setattr(db.subprocess, "run",
                        lambda argv, *a, **k: subprocess.CompletedProcess(argv, 5, "", "拒绝访问。\r\n"))
    with pytest.raises(LedgerError) as refused:
        db.restrict(target)
    assert refused.value.key == "acl-failed" and "拒绝访问。" in refused.value.message() and str(target) in refused.value.message()

    def missing(argv: Any, *args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError(2, "系统找不到指定的文件。", "icacls")

    monkeypatch.setattr(db.subprocess, "run", missing)
    with pytest.raises(LedgerError) as missing_tool:
        db.restrict(target)
    assert "系统找不到指定的文件" in missing_tool.value.message()


def test_on_windows_init_says_the_acl_failed(windows: list[list[str]], monkeypatch: pytest.MonkeyPatch,
                                             catalog_repo: Path, tmp_path: Path) -> None:
    monkeypatch.setattr(db.subprocess, "run",
                        lambda argv, *a, **k: subprocess.CompletedProcess(argv, 1, "", "Access is denied.\r\n"))
    with contextlib.chdir(catalog_repo):
        outcome = CliRunner().invoke(app, ["ledger", "init", "--ledger", str(tmp_path / "l" / "ledger.db")],
                                     env={"AKQ_LANG": "zh"})
    assert outcome.exit_code == 2
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert "仅所有者可访问" in outcome.stderr and "Access is denied." in outcome.stderr
