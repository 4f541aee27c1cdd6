"""Time the authoring and review commands as whole processes on synthetic catalogs.

    .venv/bin/python bench/authoring_bench.py [--items 1000 10000] [--runs 3]

For each size, bench/synth.py writes a catalog into a git repository under
bench/catalogs/authoring-<N>/ (committed on main); then a branch changes ten
items' conditions, adds one item and renames one, the way a department's merge
request does.  Timed (median of --runs, interpreter start included):

- `akq fmt --check` over the whole catalog;
- `akq diff` (merge base with main against the working tree);
- `akq review --format markdown` (diff, lint of both revisions, checklists);
- `akq report --format xlsx`.

Prints a Markdown table of wall time and CPU time (the process and its
workers): on a shared machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AKQ = str(Path(sys.executable).parent / "akq")
ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.invalid",
       "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.invalid"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=ENV, stdout=subprocess.DEVNULL)


def prepare(items: int) -> Path:
    repo = HERE / "catalogs" / f"authoring-{items}"
    shutil.rmtree(repo, ignore_errors=True)
    catalog = repo / "catalog"
    catalog.mkdir(parents=True)
    subprocess.run([sys.executable, str(HERE / "synth.py"), "--items", str(items), "--out", str(catalog)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(HERE.parent / "schemas", repo / "schemas")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "synthetic catalog")
    git(repo, "checkout", "-q", "-b", "change")
    files = sorted((catalog / "items").rglob("*.yaml"))
    for path in files[:: max(1, len(files) // 10)][:10]:
        text = path.read_text("utf-8")
        path.write_text(text.replace("申请人", "申请人本人", 1), encoding="utf-8")
    moved = files[-1]
    moved.rename(moved.with_name(moved.stem + "9.yaml"))
    subprocess.run([AKQ, "new", "-d", "SFJ", "-k", "certification", "--title", "测试证明", "--no-input"],
                   cwd=repo, check=True, capture_output=True)
    return repo


def timed(argv: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds of the process and its workers)."""
    import resource

    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.decode('utf-8', 'replace')}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    commands = [
        ("akq fmt --check", [AKQ, "fmt", "--check"]),
        ("akq diff", [AKQ, "diff"]),
        ("akq review --format markdown", [AKQ, "review", "--format", "markdown", "-o", "out/review.md"]),
        ("akq report --format xlsx", [AKQ, "report", "-f", "xlsx", "-o", "out/report.xlsx", "--as-of", "2022-01-01"]),
    ]
    results: dict[str, dict[int, tuple[float, float]]] = {name: {} for name, _ in commands}
    for n in args.items:
        repo = prepare(n)
        for name, argv in commands:
            results[name][n] = timed(argv, repo, args.runs)
    print(f"| command | {' | '.join(f'{n:,} items: wall / CPU' for n in args.items)} |")
    print("|---|" + "---:|" * len(args.items))
    for name, _ in commands:
        cells = " | ".join(f"{results[name][n][0]:.2f} s / {results[name][n][1]:.2f} s" for n in args.items)
        print(f"| `{name}` | {cells} |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n(median of {args.runs} runs, {os.cpu_count()} CPU(s), load average {load:.1f}, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
