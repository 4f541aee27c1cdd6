"""Time `akq lint` and `akq fmt --check` as whole processes on synthetic catalogs, against check-jsonschema,
and, with --before REV, against the code of an earlier revision in the same run.

    make bench                         # or: python bench/run.py [--runs 7] [--big-runs 3]
    make bench-compare BEFORE=8d28fee  # or: python bench/run.py --before 8d28fee
    python bench/run.py --before main --items 1000 --runs 3 --skip-check-jsonschema   # quick, while developing

Generates catalogs of 1,000 and 10,000 items (--items) with bench/synth.py (each in
its own git repository under bench/catalogs/, as a county's catalog repository
would be), then times, as the median of several runs:

- cold: `akq lint --no-cache` over the whole catalog;
- warm: `akq lint` again with nothing changed (answered by the cache);
- and in the biggest catalog: one changed item with the cache warm; one file
  (`akq lint <item>`, the pre-commit case); `akq fmt --check` over the catalog;
  check-jsonschema --schemafile schemas/item.schema.json over the same files.

akq runs from this checkout's src/ through `python -c` (bench/common.py), so the
figures are of this checkout's code whatever the interpreter has installed.
With --before REV, REV's code runs the same way from a temporary git worktree;
each version has its own cache directory, and the runs of every measurement
alternate (before, after, before, after, …) so that the load of a shared machine
falls on both alike.

Prints Markdown and writes it to bench/RESULTS.md (with --before, a before/after
table of medians, CPU times, ratios and the load average is added).  Targets
(2 cores): 10,000 cold < 15 s, warm < 1.5 s, one file < 0.4 s, and cold no
slower than check-jsonschema.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from common import TOP, akq_from, synthetic_catalog, version_env, worktree

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


@dataclass
class Version:
    """One version of akq's code: where its src/ is and its own cache."""

    name: str  # "before" or "after"
    src: Path
    cache: Path  # AKQ_CACHE_DIR: the cache key includes the code digest, but sharing one would still let them evict each other

    def command(self, *args: str) -> tuple[list[str], dict[str, str]]:
        return [*akq_from(self.src), *args], version_env(AKQ_CACHE_DIR=str(self.cache))


@dataclass
class Row:
    what: str
    command: str
    target: float | None  # seconds of wall time, for the "after" code
    load: float  # 1-minute load average when the measurement began
    wall: dict[str, list[float]] = field(default_factory=dict)  # version name -> seconds per run
    cpu: dict[str, list[float]] = field(default_factory=dict)  # user + sys of the process and its workers


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv: list[str], env: dict[str, str], cwd: Path, ok: tuple[int, ...]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers) of one whole process."""
    cpu0 = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(argv[:3])}… exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return wall, _children_cpu() - cpu0


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")


def _loads() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 0.995 else f"{seconds * 1000:.0f} ms"


def median(values: list[float]) -> float:
    return statistics.median(values)


class Bench:
    def __init__(self, versions: list[Version]) -> None:
        self.versions = versions
        self.rows: list[Row] = []

    def measure(self, what: str, command: str, commands: dict[str, tuple[list[str], dict[str, str]]], cwd: Path,
                runs: int, target: float | None = None, before_each: Callable[[], None] | None = None,
                ok: tuple[int, ...] = (0,)) -> Row:
        """Run each version's command `runs` times, the versions taking turns run by run."""
        row = Row(what, command, target, _load())
        for _ in range(runs):
            for name, (argv, env) in commands.items():
                if before_each:
                    before_each()
                wall, cpu = run_once(argv, env, cwd, ok)
                row.wall.setdefault(name, []).append(wall)
                row.cpu.setdefault(name, []).append(cpu)
        self.rows.append(row)
        parts = [f"{name} {fmt(median(row.wall[name]))} (CPU {fmt(median(row.cpu[name]))})" for name in row.wall]
        if len(row.wall) == 2:
            parts.append(f"after/before {median(row.wall['after']) / median(row.wall['before']):.2f}")
        print(f"{what}: median of {runs}: " + ", ".join(parts), flush=True)
        return row

    def akq(self, *args: str) -> dict[str, tuple[list[str], dict[str, str]]]:
        return {v.name: v.command(*args) for v in self.versions}


def measure_all(bench: Bench, sizes: list[int], runs: int, big_runs: int, skip_check_jsonschema: bool) -> Row | None:
    """Every measurement; the check-jsonschema row, if measured."""
    for n in sorted(sizes):
        repo = synthetic_catalog(n).parent
        n_runs = big_runs if n >= 10_000 else runs
        for version in bench.versions:
            shutil.rmtree(version.cache, ignore_errors=True)
        bench.measure(f"{n:,} items, cold", "akq lint --no-cache", bench.akq("lint", "--no-cache"), repo, n_runs,
                      15.0 if n == 10_000 else None)
        for argv, env in bench.akq("lint").values():
            run_once(argv, env, repo, (0,))  # fill the cache
        bench.measure(f"{n:,} items, warm (nothing changed)", "akq lint", bench.akq("lint"), repo, runs,
                      1.5 if n == 10_000 else None)
    n = max(sizes)
    return measure_biggest(bench, synthetic_catalog(n).parent, f"{n:,} items", runs,
                           big_runs if n >= 10_000 else runs, skip_check_jsonschema)


def measure_biggest(bench: Bench, repo: Path, label: str, runs: int, n_runs: int,
                    skip_check_jsonschema: bool) -> Row | None:
    """The measurements made in the biggest catalog only, its cache warm; the check-jsonschema row, if measured."""
    one_item = sorted((repo / "catalog" / "items" / "SFJ").glob("*.yaml"))[0]
    text = one_item.read_text("utf-8")
    flip = iter(range(10**6))

    def touch_one() -> None:
        # A different file each run: the cache must answer for the others and check this one.
        one_item.write_text(text + f"# 修改 {next(flip)}\n", encoding="utf-8")

    try:
        bench.measure(f"{label}, one item changed", "akq lint", bench.akq("lint"), repo, runs, before_each=touch_one)
    finally:
        one_item.write_text(text, encoding="utf-8")
    rel = one_item.relative_to(repo).as_posix()
    bench.measure("one file (pre-commit)", f"akq lint {rel}", bench.akq("lint", rel), repo, runs * 2, 0.4)
    # Synthetic items are not in the canonical layout, so --check finds work and exits 1.
    bench.measure(f"{label}, fmt --check", "akq fmt --check", bench.akq("fmt", "--check"), repo, n_runs, ok=(0, 1))
    if skip_check_jsonschema:
        return None
    files = sorted(str(p.relative_to(repo)) for p in (repo / "catalog" / "items").rglob("*.yaml"))
    argv = [str(BIN / "check-jsonschema"), "--schemafile", str(TOP / "schemas" / "item.schema.json"), *files]
    return bench.measure(f"check-jsonschema, {label}", "check-jsonschema --schemafile schemas/item.schema.json …",
                         {"after": (argv, dict(os.environ))}, repo, n_runs)


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(TOP), *args], capture_output=True, text=True, check=True).stdout.strip()


def describe(rev: str) -> str:
    return _git("log", "-1", "--format=%h (%s)", rev)


def main_table(bench: Bench, reference: Row | None) -> list[str]:
    lines = [
        "| measurement | command | median wall | median CPU | runs, wall (s) | target (wall) |",
        "|---|---|---:|---:|---|---|",
    ]
    for row in bench.rows:
        walls = row.wall["after"]
        runs_text = ", ".join(f"{t:.2f}" for t in walls)
        target = f"< {fmt(row.target)}" if row.target else ""
        lines.append(f"| {row.what} | `{row.command}` | {fmt(median(walls))} | {fmt(median(row.cpu['after']))} "
                     f"| {runs_text} | {target} |")
    verdict = [f"{row.what} {fmt(median(row.wall['after']))} {'✓' if median(row.wall['after']) < row.target else '✗'} "
               f"(< {fmt(row.target)})" for row in bench.rows if row.target]
    lines.append("")
    if verdict:
        lines.append("Targets: " + "; ".join(verdict) + ".")
    if reference:
        label = reference.what.removeprefix("check-jsonschema, ")
        cold = next(row for row in bench.rows if row.what == f"{label}, cold")
        ratio = median(cold.wall["after"]) / median(reference.wall["after"])
        lines.append(f"akq lint cold ({label}) takes {ratio:.2f}× the time of check-jsonschema ({1 / ratio:.1f}× faster).")
    return lines


def compare_table(bench: Bench, before: str) -> list[str]:
    head = _git("log", "-1", "--format=%h", "HEAD")
    dirty = " plus uncommitted changes" if _git("status", "--porcelain", "--", "src") else ""
    lines = [
        "## Before/after (same run)",
        "",
        f"Before: {describe(before)}, from a temporary git worktree. After: this checkout, {head}{dirty}.",
        "Both run as `python -c \"…from akq_cli.cli import main; main()\"` with the same interpreter, each with its own",
        "cache; the runs alternate (before, after, before, after, …). A ratio above 1 means the after code is slower.",
        "",
        "| measurement | before: wall | after: wall | after/before wall | before: CPU | after: CPU "
        "| after/before CPU | runs each | load (1 min) at start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in bench.rows:
        if "before" not in row.wall:
            continue
        w0, w1 = median(row.wall["before"]), median(row.wall["after"])
        c0, c1 = median(row.cpu["before"]), median(row.cpu["after"])
        lines.append(f"| {row.what} | {fmt(w0)} | {fmt(w1)} | {w1 / w0:.2f} | {fmt(c0)} | {fmt(c1)} | {c1 / c0:.2f} "
                     f"| {len(row.wall['after'])} | {row.load:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark akq lint and fmt --check.")
    parser.add_argument("--runs", type=int, default=7, help="runs of the quick measurements")
    parser.add_argument("--big-runs", type=int, default=3,
                        help="runs of the 10,000-item cold lint, fmt --check and check-jsonschema")
    parser.add_argument("--items", type=int, nargs="+", default=[1_000, 10_000], help="catalog sizes")
    parser.add_argument("--before", metavar="REV", help="also time the code at this git revision, run by run")
    parser.add_argument("--skip-check-jsonschema", action="store_true")
    args = parser.parse_args()

    load_before = _loads()
    with ExitStack() as stack:
        caches = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="akq-bench-cache-")))
        versions = [Version("after", TOP / "src", caches / "after")]
        if args.before:
            old = stack.enter_context(worktree(args.before))
            versions.insert(0, Version("before", old / "src", caches / "before"))
        bench = Bench(versions)
        warm_up = synthetic_catalog(min(args.items)).parent
        for version in versions:
            # Untimed: each version's modules are compiled to .pyc here, not in its first timed run.
            for args_ in (("lint", "--no-cache"), ("fmt", "--check")):
                argv, env = version.command(*args_)
                run_once(argv, env, warm_up, (0, 1))
        reference = measure_all(bench, args.items, args.runs, args.big_runs, args.skip_check_jsonschema)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    command = " ".join(["bench/run.py", *sys.argv[1:]])
    lines = [
        "# akq lint benchmark",
        "",
        f"Machine: {cores} cores available ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, {platform.system()}. Command: `{Path(sys.executable).name} {command}`.",
        "Synthetic catalogs from `bench/synth.py` (seed 1); each time is a whole process, interpreter start included;",
        "median of the runs listed. Code: this checkout's `src/`.",
        "",
        f"Load average before/after: {load_before} / {_loads()} (on a shared machine wall time stretches with load;",
        "CPU time, user + sys of the process and its workers, does not).",
        "",
        *main_table(bench, reference),
    ]
    if args.before:
        lines += ["", *compare_table(bench, args.before)]
    report = "\n".join(lines) + "\n"
    (HERE / "RESULTS.md").write_text(report, encoding="utf-8")
    print()
    print(report)


if __name__ == "__main__":
    main()
