"""`akq ledger import` at its edges: one chain event per batch still catches an edited row anywhere in the batch,
and hostile or broken files are refused or reported row by row, never with a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from ledger.conftest import Ledger, id_number
from ledger.test_ledger import engine, record

HEADER = "事项编号,申请人,证件号码,签署日期,办理渠道,填写：共同生活的家庭成员"


def people(n: int) -> list[str]:
    return [id_number(f"653023199001{i + 1:02d}{i:03d}") for i in range(n)]


def export(tmp_path: Path, lines: list[str], name: str = "导出.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", "utf-8")
    return path


def test_audit_catches_a_row_edited_in_the_middle_of_an_imported_batch(ledger: Ledger, tmp_path: Path) -> None:
    rows = [f"MZJ-ZM-001,申请人{i},{who},2026-11-0{i + 1},窗口," for i, who in enumerate(people(5))]
    assert ledger("import", str(export(tmp_path, rows))).code == 0
    assert ledger("audit").code == 0
    with engine(ledger.backend).connect() as conn:
        ids = conn.execute(text("SELECT id FROM commitments ORDER BY id")).scalars().all()
        assert conn.execute(text("SELECT count(*) FROM events WHERE tbl = 'commitments'")).scalar() == 1  # one batch
    with engine(ledger.backend).begin() as conn:
        conn.execute(text("UPDATE commitments SET applicant_name = '李鬼' WHERE id = :id"), {"id": ids[2]})
    result = ledger("audit")
    assert result.code == 1
    assert f"commitments#{ids[0]}–{ids[-1]}: 记录在 akq 之外被修改" in result.out, result.out


def test_audit_catches_a_row_edited_between_two_changes_by_akq(ledger: Ledger) -> None:
    """The later change read the edited row: its digest before no longer matches the earlier change's after."""
    code = record(ledger)
    assert ledger("status", code, "办结", "--on", "2026-11-10").code == 0
    with engine(ledger.backend).begin() as conn:
        conn.execute(text("UPDATE commitments SET applicant_name = '李鬼' WHERE code = :c"), {"c": code})
    assert ledger("status", code, "撤销", "--on", "2026-11-20").code == 0
    result = ledger("audit")
    assert result.code == 1 and re.search(r"commitments#\d+: 记录在 akq 之外被修改", result.out), result.out


def test_audit_names_a_deleted_row_of_a_batch(ledger: Ledger, tmp_path: Path) -> None:
    rows = [f"MZJ-ZM-001,申请人{i},{who},2026-11-03,窗口," for i, who in enumerate(people(3))]
    assert ledger("import", str(export(tmp_path, rows))).code == 0
    with engine(ledger.backend).begin() as conn:
        last = conn.execute(text("SELECT max(id) FROM tasks")).scalar()
        conn.execute(text("DELETE FROM tasks WHERE id = :id"), {"id": last})
    result = ledger("audit")
    assert result.code == 1 and f"tasks#{last}: 记录被删除" in result.out, result.out


sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@sqlite_only
def test_hostile_cells_are_reported_row_by_row(ledger: Ledger, tmp_path: Path) -> None:
    who = people(6)
    rows = [
        f"MZJ-ZM-001,申请人甲,{who[0]},2026-11-03,窗口,",
        f"MZJ-ZM-001,申请人\x07乙,{who[1]},2026-11-03,窗口,",
        f"MZJ-ZM-001,\"=cmd|' /C calc'!A0\",{who[2]},2026-11-03,窗口,",
        f"MZJ-ZM-001,{'长' * 2000},{who[3]},2026-11-03,窗口,",
        f"MZJ-ZM-001,申请人丁,{who[4]},2026-11-03,窗口,@SUM(1+1)*cmd|' /C calc'!A0",
        f"MZJ-ZM-001,申请人戊,{who[5]},2026-11-03,窗口,张三\x1b[2J",
    ]
    result = ledger("import", str(export(tmp_path, rows)))
    assert result.code == 1 and "Traceback" not in result.out + result.err
    assert "导入 1 条，拒绝 5 条" in result.out, result.out
    for row, why in ((3, "控制字符 U+0007"), (4, "以“=”开头"), (5, "2000 个字符"), (6, "以“@”开头"), (7, "控制字符 U+001B")):
        assert re.search(rf"第 {row} 行：.*{re.escape(why)}", result.out), (row, result.out)
    assert "cmd|" not in result.out and "\x07" not in result.out


@sqlite_only
def test_a_cell_too_large_for_csv_names_its_line(ledger: Ledger, tmp_path: Path) -> None:
    who = people(2)
    path = export(tmp_path, [f"MZJ-ZM-001,申请人甲,{who[0]},2026-11-03,窗口,",
                             f"MZJ-ZM-001,{'长' * (10 << 20)},{who[1]},2026-11-03,窗口,"])
    result = ledger("import", str(path))
    assert result.code == 2 and "Traceback" not in result.out + result.err
    assert "第 3 行起不是有效的 CSV" in result.err and "单元格超过" in result.err, result.err
    with engine(ledger.backend).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM commitments")).scalar() == 0  # all or nothing


@sqlite_only
def test_a_file_with_nul_bytes_is_not_taken_for_text(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "导出.csv"
    path.write_bytes((HEADER + "\n").encode() + b"MZJ-ZM-001,\x00\x00\x00,1,2026-11-03,\xe7\xaa\x97\xe5\x8f\xa3,\n")
    result = ledger("import", str(path))
    assert result.code == 2 and "不是文本文件" in result.err and "Traceback" not in result.out + result.err


@sqlite_only
def test_an_over_large_file_is_refused_by_size_before_it_is_read(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "导出.csv"
    with path.open("wb") as f:  # sparse: no gigabyte is written, and none must be read
        f.write((HEADER + "\n").encode())
        f.truncate((1 << 30) + 1)
    result = ledger("import", str(path))
    assert result.code == 2 and "Traceback" not in result.out + result.err
    assert "超过导入文件的上限 1 GiB" in result.err and "1,073,741,825 字节" in result.err, result.err
