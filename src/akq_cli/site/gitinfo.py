"""What the site prints about the catalog's repository: its last commit and date, whether it is dirty.

Kept apart from the change log (history.py), which needs the item model and the semantic diff:
``akq export`` asks these facts first, to know whether a previous export can be reused, and
should not wait for those imports to do so.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akq_cli.core.git import GitError, dubious_ownership


@dataclass
class GitInfo:
    in_repo: bool
    commit: str | None = None  # the last commit that touched the catalog
    date: str | None = None  # its committer date, ISO 8601
    dirty: bool = False
    problem: str | None = None  # why there is no history (git's own words)
    refused: GitError | None = None  # git is there but will not read the repository (e.g. dubious ownership)

    @property
    def day(self) -> str | None:
        return self.date[:10] if self.date else None



_GIT = ("git", "-c", "core.quotepath=off")  # file names as UTF-8, not octal escapes


def run_git(cwd: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*_GIT, *args], cwd=cwd, input=data,
                          capture_output=True, check=False)


def head_commit(top: Path) -> str | None:
    """The repository's HEAD: the change log follows it, even through commits that touch no item."""
    out = run_git(top, "rev-parse", "--verify", "-q", "HEAD")
    return out.stdout.decode().strip() or None if out.returncode == 0 else None


def git_info(catalog_root: Path) -> tuple[GitInfo, Path | None, str]:
    """Facts about the repository holding the catalog, its top folder, and the catalog's path in it."""
    try:
        top = run_git(catalog_root, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        missing = GitError({"zh": "没有找到 git 命令，无法读取调整记录。请先安装 git。",
                            "en": "git is not installed, so the change log cannot be read. Install git first."})
        return GitInfo(False, problem="git is not installed", refused=missing), None, ""
    if top.returncode != 0:
        stderr = top.stderr.decode("utf-8", "replace").strip()
        return GitInfo(False, problem=stderr, refused=dubious_ownership(stderr, catalog_root)), None, ""
    top_dir = Path(top.stdout.decode().strip())
    rel = catalog_root.resolve().relative_to(top_dir.resolve()).as_posix()
    rel = "" if rel == "." else rel
    last = run_git(top_dir, "log", "-1", "--format=%H%x00%cI", "--", rel or ".")
    info = GitInfo(True)
    if last.returncode == 0 and last.stdout.strip():
        commit, date = last.stdout.decode().strip().split("\x00")
        info.commit, info.date = commit, date
    else:
        info.problem = "no commit touches the catalog yet"
    status = run_git(top_dir, "status", "--porcelain", "--", rel or ".")
    info.dirty = bool(status.stdout.strip())
    return info, top_dir, rel


# What the change log (history.read_changes) reads: each commit of the items folder along the first-parent
# line, with its files' blobs.
CHANGES_LOG = ("log", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev", "-M", "--format=%x01%H%x00%cI")


class EarlyLog:
    """The change log's ``git log``, started before the export reads anything and read when the change log is made.

    It runs at the lowest priority, so it takes a core only while that core would otherwise wait (the export's
    start, and the moment between reading the items and building the pages): 0.5 s of git's work at 1,000
    commits. Started from the catalog's folder, where "items" names the items folder; git prints paths from the
    repository's top either way. Where git cannot start, the change log runs it again and reports why.
    """

    def __init__(self, catalog_root: Path) -> None:
        self._files = (tempfile.TemporaryFile(), tempfile.TemporaryFile())  # a pipe would stop git when full
        try:
            self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                [*_GIT, *CHANGES_LOG, "--", "items"], cwd=catalog_root,
                stdin=subprocess.DEVNULL, stdout=self._files[0], stderr=self._files[1],
                preexec_fn=_lowest_priority if os.name == "posix" else None)
        except OSError:
            self._proc = None
            self.stop()

    def result(self) -> subprocess.CompletedProcess[bytes] | None:
        """What git printed (waiting for it if need be); None when it could not start. Asked once, by the process
        that started it (a forked helper cannot wait for its parent's child)."""
        if self._proc is None:
            return None
        proc, self._proc = self._proc, None
        code = proc.wait()
        out, err = (_rewound(f) for f in self._files)
        self.stop()
        return subprocess.CompletedProcess(proc.args, code, out, err)

    def stop(self) -> None:
        """End git if it still runs (the export stopped, or reused a previous one) and drop its files."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._proc = None
        for f in self._files:
            f.close()


def _lowest_priority() -> None:
    os.nice(19)


def _rewound(f: Any) -> bytes:
    f.seek(0)
    return f.read()  # type: ignore[no-any-return]
