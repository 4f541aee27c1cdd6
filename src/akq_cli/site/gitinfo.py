"""What the site prints about the catalog's repository: its last commit and date, whether it is dirty.

Kept apart from the change log (history.py), which needs the item model and the semantic diff:
``akq export`` asks these facts first, to know whether a previous export can be reused, and
should not wait for those imports to do so.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

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



def run_git(cwd: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, input=data,
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
