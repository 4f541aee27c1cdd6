"""bench/run.py --before: two versions of akq's code timed in the same run, in turn, each from its own src/."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> dict[str, ModuleType]:
    # The bench scripts import each other as scripts do (`from common import …`), from bench/ on sys.path.
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    return {name: importlib.import_module(name) for name in ("common", "run")}


def test_runner_runs_the_code_under_the_given_src_not_pythonpath(
    bench: dict[str, ModuleType], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "src" / "akq_cli"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cli.py").write_text("import sys\n\ndef main():\n    print('other version', sys.argv)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(REPO / "src"))
    common = bench["common"]
    proc = subprocess.run([*common.akq_from(tmp_path / "src"), "lint", "x.yaml"], env=common.version_env(),
                          capture_output=True, text=True, check=True)
    assert proc.stdout == "other version ['akq', 'lint', 'x.yaml']\n"


def test_version_env_drops_pythonpath_and_bytecode_switch_but_keeps_what_is_asked(
    bench: dict[str, ModuleType], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", "src")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = bench["common"].version_env(AKQ_CACHE_DIR="/tmp/c")
    assert "PYTHONPATH" not in env and "PYTHONDONTWRITEBYTECODE" not in env
    assert env["AKQ_CACHE_DIR"] == "/tmp/c"
    assert bench["common"].version_env(PYTHONDONTWRITEBYTECODE="1")["PYTHONDONTWRITEBYTECODE"] == "1"


def test_versions_take_turns_run_by_run_and_the_table_gives_ratios(
    bench: dict[str, ModuleType], tmp_path: Path
) -> None:
    run = bench["run"]
    log = tmp_path / "log"

    def writes(letter: str) -> tuple[list[str], dict[str, str]]:
        return [sys.executable, "-c", f"open({str(log)!r}, 'a').write({letter!r})"], {}

    timing = run.Bench([])
    row = timing.measure("m", "cmd", {"before": writes("B"), "after": writes("A")}, tmp_path, 3)
    assert log.read_text() == "BABABA"
    assert len(row.wall["before"]) == len(row.cpu["after"]) == 3

    row.wall = {"before": [1.0, 9.0, 1.2], "after": [2.0, 2.4, 0.1]}
    row.cpu = {"before": [4.0, 4.0, 4.0], "after": [2.0, 2.0, 2.0]}
    timing.rows.append(run.Row("reference only", "c", None, 0.0, {"after": [1.0]}, {"after": [1.0]}))
    table = run.compare_table(timing, "HEAD")
    assert "| m | 1.20 s | 2.00 s | 1.67 | 4.00 s | 2.00 s | 0.50 | 3 |" in "\n".join(table)
    assert not any(line.startswith("| reference only") for line in table)
