"""Time `akq lint` as whole processes on synthetic catalogs, against check-jsonschema.

    make bench                  # or: .venv/bin/python bench/run.py [--runs 5] [--big-runs 3]

Generates catalogs of 1,000 and 10,000 items with bench/synth.py (each in its
own git repository under bench/catalogs/, as a county's catalog repository
would be), then times, as the median of several runs:

- cold: `akq lint --no-cache` over the whole catalog;
- warm: `akq lint` again with nothing changed (answered by .akq_cache/);
- one changed item in the big catalog with the cache warm;
- one file (`akq lint <item>`, the pre-commit case), interpreter start included;
- check-jsonschema --schemafile schemas/item.schema.json over the same 10,000 files.

Prints a Markdown table and writes it to bench/RESULTS.md.  Targets (2 cores):
10,000 cold < 15 s, warm < 1.5 s, one file < 0.4 s, and cold no slower than
check-jsonschema.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common import synthetic_catalog

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
AKQ = str(BIN / "akq")
TARGETS = {"cold10k": 15.0, "warm10k": 1.5, "one": 0.4}


def synth(items: int) -> Path:
    """The repository holding the synthetic catalog (lint finds catalog/ below it)."""
    return synthetic_catalog(items).parent


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[int, list[float]] = {}  # id(times list) -> CPU seconds (user+sys, workers included) per run


def timed(argv: list[str], cwd: Path, runs: int, before: Callable[[], None] | None = None,
          ok: tuple[int, ...] = (0,)) -> list[float]:
    """Wall-clock seconds of each run; the CPU seconds go to CPU[id(result)].

    CPU time is reported beside wall time because a shared machine's load
    stretches wall time but not the work done.
    """
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        if before:
            before()
        cpu0 = _children_cpu()
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - cpu0)
        if proc.returncode not in ok:
            sys.exit(f"{' '.join(argv[:3])}… exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    CPU[id(times)] = cpu
    return times


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 0.995 else f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark akq lint.")
    parser.add_argument("--runs", type=int, default=7, help="runs of the quick measurements")
    parser.add_argument("--big-runs", type=int, default=3, help="runs of the 10,000-item cold and check-jsonschema")
    parser.add_argument("--skip-check-jsonschema", action="store_true")
    args = parser.parse_args()

    load_before = _load()
    rows: list[tuple[str, str, list[float], str]] = []  # (what, command, times, target)
    small, big = synth(1_000), synth(10_000)
    one_item = sorted((big / "catalog" / "items" / "SFJ").glob("*.yaml"))[0]

    def measure(what: str, command: str, argv: list[str], cwd: Path, runs: int, target: str = "",
                before: Callable[[], None] | None = None) -> float:
        times = timed(argv, cwd, runs, before)
        rows.append((what, command, times, target))
        print(f"{what}: median {fmt(statistics.median(times))} of {len(times)}", flush=True)
        return statistics.median(times)

    medians: dict[str, float] = {}
    for repo, n, runs in ((small, "1,000", args.runs), (big, "10,000", args.big_runs)):
        shutil.rmtree(repo / ".akq_cache", ignore_errors=True)
        cold = measure(f"{n} items, cold", "akq lint --no-cache", [AKQ, "lint", "--no-cache"], repo, runs,
                       "< 15 s" if n == "10,000" else "")
        timed([AKQ, "lint"], repo, 1)  # fill the cache
        warm = measure(f"{n} items, warm (nothing changed)", "akq lint", [AKQ, "lint"], repo, args.runs,
                       "< 1.5 s" if n == "10,000" else "")
        medians[f"cold{n}"], medians[f"warm{n}"] = cold, warm
    cold10k, warm10k = medians["cold10,000"], medians["warm10,000"]

    text = one_item.read_text("utf-8")
    flip = iter(range(10**6))

    def touch_one() -> None:
        # A different file each run: the cache must answer for the 9,999 others and check this one.
        one_item.write_text(text + f"# 修改 {next(flip)}\n", encoding="utf-8")

    measure("10,000 items, one item changed", "akq lint", [AKQ, "lint"], big, args.runs, before=touch_one)
    one_item.write_text(text, encoding="utf-8")
    rel = one_item.relative_to(big).as_posix()
    one = measure("one file (pre-commit)", f"akq lint {rel}", [AKQ, "lint", rel], big, args.runs * 2, "< 0.4 s")

    ratio_text = ""
    if not args.skip_check_jsonschema:
        files = sorted(str(p.relative_to(big)) for p in (big / "catalog" / "items").rglob("*.yaml"))
        schema = str(REPO / "schemas" / "item.schema.json")
        cj = measure("check-jsonschema, 10,000 items", "check-jsonschema --schemafile schemas/item.schema.json …",
                     [str(BIN / "check-jsonschema"), "--schemafile", schema, *files], big, args.big_runs)
        ratio_text = f"akq lint cold (10,000) takes {cold10k / cj:.2f}× the time of check-jsonschema ({cj / cold10k:.1f}× faster)."

    verdict = []
    for key, value, label in (("cold10k", cold10k, "10,000 cold"), ("warm10k", warm10k, "10,000 warm"), ("one", one, "one file")):
        verdict.append(f"{label} {fmt(value)} {'✓' if value < TARGETS[key] else '✗'} (< {fmt(TARGETS[key])})")

    cpu = os.cpu_count()
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = cpu
    lines = [
        "# akq lint benchmark",
        "",
        f"Machine: {cores} cores available ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, {platform.system()}. Command: `make bench` "
        f"(`{Path(sys.executable).name} bench/run.py --runs {args.runs} --big-runs {args.big_runs}`).",
        "Synthetic catalogs from `bench/synth.py` (seed 1); each time is a whole process, interpreter start included;",
        "median of the runs listed.",
        "",
        f"Load average before/after: {load_before} / {_load()} (on a shared machine wall time stretches with load;",
        "CPU time, user + sys of the process and its workers, does not).",
        "",
        "| measurement | command | median wall | median CPU | runs, wall (s) | target (wall) |",
        "|---|---|---:|---:|---|---|",
    ]
    for what, command, times, target in rows:
        runs_text = ", ".join(f"{t:.2f}" for t in times)
        cpu = fmt(statistics.median(CPU[id(times)]))
        lines.append(f"| {what} | `{command}` | {fmt(statistics.median(times))} | {cpu} | {runs_text} | {target} |")
    lines += ["", "Targets: " + "; ".join(verdict) + "."]
    if ratio_text:
        lines.append(ratio_text)
    report = "\n".join(lines) + "\n"
    (HERE / "RESULTS.md").write_text(report, encoding="utf-8")
    print()
    print(report)


if __name__ == "__main__":
    main()
