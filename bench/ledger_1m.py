"""The commitment ledger at county scale: 1,000,000 commitments in SQLite (issue 13, item 6).

Measures, each as a whole `akq` process (interpreter start included), on this checkout's code:
- `akq ledger import` of a 1M-row CSV case export (target ≥ 20,000 rows/s);
- `akq ledger check` on that ledger, for an applicant with a dishonesty record and one without (target ≤ 150 ms);
- `akq ledger due` and `akq ledger stats` (target for the statistics ≤ 3 s).
Medians of --runs runs (the import runs once), as wall time and as CPU time (user + system of the akq process):
on a shared machine the CPU time is the figure that does not depend on the others' load.
Run: python bench/ledger_1m.py [--rows N] [--runs K] [--keep DIR]   (--keep: build the ledger in DIR once, then
only re-measure check, due and stats on it).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import TOP, akq_from, version_env

sys.path.insert(0, str(TOP / "src"))  # this checkout's akq_cli, for the check digits

from akq_cli.ledger.ids import id_check_char

# published items with no required fill-in field beyond tables: a row for any other would be rejected
ITEMS = ["MZJ-ZM-001", "MZJ-ZM-002", "RSJ-ZM-002", "JYJ-ZM-001", "JYJ-ZM-002"]


def person(n: int) -> str:
    base = f"653023{1950 + n % 50}{n % 12 + 1:02d}{n % 28 + 1:02d}{n % 997:03d}"
    return base + id_check_char(base)


def write_export(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("事项编号,申请人,证件号码,签署日期,办理渠道\n")
        for n in range(rows):
            f.write(f"{ITEMS[n % len(ITEMS)]},申请人{n},{person(n)},2026-{n % 12 + 1:02d}-{n % 28 + 1:02d},"
                    f"{'窗口' if n % 3 else '网上'}\n")


def run(argv: list[str], cwd: Path, env: dict[str, str], input: str | None = None) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([*akq_from(TOP / "src"), *argv], cwd=cwd, env=env, input=input, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv}: exit {proc.returncode}\n{proc.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu, proc.stdout


def median(argv: list[str], cwd: Path, env: dict[str, str], runs: int, input: str | None = None) -> tuple[float, float]:
    results = [run(argv, cwd, env, input) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def ms(pair: tuple[float, float]) -> str:
    return f"{pair[0] * 1000:.0f} ms wall, {pair[1] * 1000:.0f} ms CPU"


def secs(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.2f} s wall, {pair[1]:.2f} s CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="build the ledger here once and keep it; later runs re-measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="akq-ledger-bench-") as tmp:
        top = args.keep or Path(tmp)
        top.mkdir(parents=True, exist_ok=True)
        repo = top / "repo"
        env = version_env(AKQ_LEDGER=str(top / "ledger.db"), AKQ_ACTOR="bench")
        imported = None
        if not (top / "ledger.db").exists():
            imported = build(top, repo, env, args.rows)
        listed, clean = top / "listed.txt", top / "clean.txt"
        run(["ledger", "check", "--id-file", str(clean)], repo, env)  # warm the page cache and the bytecode
        check_listed = median(["ledger", "check", "--id-file", str(listed)], repo, env, args.runs)
        check_clean = median(["ledger", "check", "--id-file", str(clean)], repo, env, args.runs)
        version = median(["--version"], repo, env, args.runs)
        python = statistics.median(
            (lambda s: (subprocess.run([sys.executable, "-c", "pass"]), time.perf_counter() - s)[1])(time.perf_counter())
            for _ in range(args.runs))
        few = max(3, args.runs // 3)
        # A clerk's morning list: one department's tasks due this week and overdue, early in the year.
        due = median(["ledger", "due", "--on", "2026-01-12", "--department", "MZJ"], repo, env, few)
        stats = median(["ledger", "stats", "--format", "json", "--on", "2026-12-31"], repo, env, few)
        size = (top / "ledger.db").stat().st_size / 2**20
        rows = f"| import {args.rows:,} rows (whole process) | {imported[0]:.1f} s wall = {args.rows / imported[0]:,.0f} rows/s; " \
               f"{imported[1]:.1f} s CPU = {args.rows / imported[1]:,.0f} rows/s | ≥ 20,000 rows/s |\n" if imported else ""
        print(f"| what | figure | target |\n|---|---|---|\n{rows}"
              f"| check, applicant with a record (median of {args.runs}) | {ms(check_listed)} | ≤ 150 ms |\n"
              f"| check, applicant without (median of {args.runs}) | {ms(check_clean)} | ≤ 150 ms |\n"
              f"| due, one department, early January (median of {few}) | {secs(due)} | — |\n"
              f"| stats, all departments, items, months (median of {few}) | {secs(stats)} | ≤ 3 s |\n"
              f"| for scale: `python -c pass` / `akq --version` | {python * 1000:.0f} ms wall / {ms(version)} | — |\n"
              f"| ledger file | {size:.0f} MiB | — |")


def build(top: Path, repo: Path, env: dict[str, str], rows: int) -> tuple[float, float]:
    """The catalog repository, the export, the import (timed), and one applicant with a decision for check."""
    shutil.copytree(TOP / "catalog", repo)
    git_env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
               "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}
    for argv in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "bench"]):
        subprocess.run(argv, cwd=repo, check=True, env=git_env)
    export = top / "export.csv"
    write_export(export, rows)
    run(["ledger", "init"], repo, env)
    wall, cpu, out = run(["ledger", "import", str(export)], repo, env)
    print(out.strip().splitlines()[0])
    _, _, out = run(["ledger", "record", "--item", "MZJ-ZM-001", "--name", "被核查人", "--signed", "2026-11-02"],
                    repo, env, input=person(10**7) + "\n")
    code = out.split("已登记承诺 ")[1].split("。")[0]
    run(["ledger", "verify", code, "不实", "--method", "online", "--inspector", "bench"], repo, env)
    run(["ledger", "decide", code, "--number", "bench-1", "--measure", "terminate", "--reason", "bench",
         "--heard", "2026-11-10", "--class", "general", "--on", "2026-11-18"], repo, env)
    (top / "listed.txt").write_text(person(10**7) + "\n", "utf-8")
    (top / "clean.txt").write_text(person(12345) + "\n", "utf-8")
    export.unlink()
    return wall, cpu

if __name__ == "__main__":
    main()
