"""A synthetic catalog with a long git history, for the export benchmark (the change log reads all of it).

    python bench/history.py --items 10000 --commits 1000

Writes bench/catalogs/<items>-h<commits>/ (reused when present): bench/synth.py's catalog
committed once, then ``commits`` more commits as a county's year goes: most change one
or two items (their content and effective date), every 25th withdraws one (status,
status_since, status_reason), every 50th deletes one. Dates advance a day a commit,
so the same arguments always give the same history.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATALOGS = HERE / "catalogs"


def _git(repo: Path, *args: str, day: date | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day.isoformat()}T10:00:00+08:00"
    subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=repo, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def _edit(path: Path, n: int, day: date) -> None:
    lines = path.read_text("utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("effective_date:"):
            line = f"effective_date: {day.isoformat()}"
        elif line.startswith("content:"):
            line = line.rstrip() + f"（第{n}次修改）"
        out.append(line)
    path.write_text("\n".join(out) + "\n", "utf-8")


def _withdraw(path: Path, day: date) -> None:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("status:")]
    lines += ["status: withdrawn", f"status_since: {day.isoformat()}",
              "status_reason: 由县政务服务中心通过数据共享核查，不再要求申请人提供本证明。"]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def synthetic_history(items: int, commits: int) -> Path:
    """bench/catalogs/<items>-h<commits>/catalog, generated only when missing."""
    repo = CATALOGS / f"{items}-h{commits}"
    catalog = repo / "catalog"
    stamp = repo / ".history-done"
    if stamp.exists():
        return catalog
    shutil.rmtree(repo, ignore_errors=True)
    catalog.mkdir(parents=True)
    subprocess.run([sys.executable, str(HERE / "synth.py"), "--items", str(items), "--out", str(catalog)],
                   check=True, stdout=subprocess.DEVNULL)
    _git(repo, "init", "-q", "-b", "main")
    day = date(2021, 4, 5)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "catalog", day=day)
    files = sorted(p for p in catalog.glob("items/*/*.yaml")
                   if "status: published" in p.read_text("utf-8"))
    gone: set[Path] = set()
    for n in range(1, commits + 1):
        day += timedelta(days=1)
        k = (n * 7919) % len(files)  # a prime stride spreads the edits over the whole catalog
        while files[k] in gone:
            k = (k + 1) % len(files)
        path = files[k]
        if n % 50 == 0:
            _git(repo, "rm", "-q", str(path.relative_to(repo)))
            gone.add(path)
        elif n % 25 == 0:
            _withdraw(path, day)
            _git(repo, "add", str(path.relative_to(repo)))
        else:
            for extra in (path, files[(n * 104729) % len(files)]):
                if extra not in gone:
                    _edit(extra, n, day)
                    _git(repo, "add", str(extra.relative_to(repo)))
        _git(repo, "commit", "-q", "-m", f"change {n}", day=day)
    stamp.write_text("ok\n", encoding="utf-8")
    return catalog


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--commits", type=int, default=1000)
    opts = ap.parse_args()
    print(synthetic_history(opts.items, opts.commits))


if __name__ == "__main__":
    main()
