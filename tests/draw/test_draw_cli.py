"""`akq draw run` / `akq draw verify` through the command line: messages, exit codes, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEED_VALUES


def akq(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "akq_cli", *args], cwd=cwd, capture_output=True, text=True)


def test_run_then_verify(plan: Path, tmp_path: Path):
    out = tmp_path / "draw.json"
    done = akq("draw", "run", str(plan), "--seed-values", SEED_VALUES, "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "户中抽取" in done.stdout and out.is_file()
    first = out.read_bytes()
    assert akq("draw", "run", str(plan), "--seed-values", SEED_VALUES, "-o", str(out), cwd=tmp_path).returncode == 0
    assert out.read_bytes() == first
    ok = akq("draw", "verify", str(out), cwd=tmp_path)
    assert ok.returncode == 0 and "一致" in ok.stdout
    register = plan.parent / "registers" / "RSJ-1-targets.csv"
    register.write_bytes(register.read_bytes() + b"\n")
    bad = akq("--lang", "en", "draw", "verify", str(out), cwd=tmp_path)
    assert bad.returncode == 1 and "The register" in bad.stdout and "RSJ-1-targets.csv" in bad.stdout


def test_a_changed_register_is_refused_with_exit_2(plan: Path, tmp_path: Path):
    register = plan.parent / "registers" / "RSJ-1-targets.csv"
    register.write_bytes(register.read_bytes() + b"\n")
    done = akq("draw", "run", str(plan), "--seed-values", SEED_VALUES, cwd=tmp_path)
    assert done.returncode == 2 and "SHA-256" in done.stderr and "Traceback" not in done.stderr
