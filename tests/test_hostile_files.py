"""A FIFO or a symlink where a command expects a file it reads: refused with the path, never opened or followed.

Opening a FIFO blocks until a writer comes, so each command runs under a timeout (run_akq's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CATALOG, run_akq


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "sheet.csv"
    os.mkfifo(fifo)
    mapping = tmp_path / "mapping.toml"
    os.mkfifo(mapping)
    link = tmp_path / "env.csv"
    link.symlink_to("/proc/self/environ")
    real = tmp_path / "real.csv"
    real.write_text("事项名称\n经济困难证明\n", "utf-8")
    return {"fifo": fifo, "mapping": mapping, "link": link, "real": real}


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_akq_import_refuses_a_sheet_that_is_no_regular_file(hostile, kind) -> None:
    r = run_akq("import", hostile[kind], "--catalog", CATALOG, "--dry-run")
    assert r.code == 2 and str(hostile[kind].name) in r.err
    assert "USER=" not in r.out + r.err and "PATH=" not in r.out + r.err


def test_akq_import_refuses_a_mapping_file_that_is_a_fifo(hostile) -> None:
    r = run_akq("import", hostile["real"], "--catalog", CATALOG, "--mapping", hostile["mapping"], "--dry-run")
    assert r.code == 2 and "mapping.toml" in r.err


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_ledger_import_and_id_file_refuse_what_is_no_regular_file(hostile, kind, tmp_path) -> None:
    env = {"AKQ_LEDGER": str(tmp_path / "ledger.db")}
    assert run_akq("ledger", "init", cwd=CATALOG.parent, env=env).code == 0
    r = run_akq("ledger", "import", hostile[kind], cwd=CATALOG.parent, env=env)
    assert r.code == 2 and hostile[kind].name in r.err
    r = run_akq("ledger", "check", "--id-file", hostile[kind], cwd=CATALOG.parent, env=env)
    assert r.code == 2 and hostile[kind].name in r.err
    assert "PATH=" not in r.out + r.err


@pytest.mark.parametrize("kind", ["fifo", "link", "huge"])
def test_akq_laws_refuses_a_catalog_register_that_cannot_be_read_and_says_so_in_chinese(tmp_path, kind) -> None:
    import shutil

    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    register = catalog / "laws.toml"
    register.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(register)
        expected = "是命名管道（FIFO），不是普通文件"
    elif kind == "link":
        register.symlink_to("/proc/self/environ")
        expected = "是符号链接，不是普通文件"
    else:
        register.write_bytes(b'x = "' + b"a" * (31 * 1024 * 1024) + b'"\n')
        expected = "字节，akq 不读取这么大的文件"
    r = run_akq("laws", "--catalog", catalog)
    assert r.code == 2 and "laws.toml" in r.err and expected in r.err, r.err
    assert "Traceback" not in r.err and "PATH=" not in r.out + r.err
