"""The git plumbing akq needs: which repository, which commit, and the files of a commit.

A commit's files are read with one ``git ls-tree`` and one ``git cat-file
--batch`` process, so that a catalog of thousands of files costs two git
calls.  akq_cli.core.state turns them into a catalog state.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

WORKTREE = None  # the revision value meaning "the files on disk"


class GitError(Exception):
    """A git problem the user can fix; carries {'zh':…, 'en':…} texts."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts.get("en", ""))
        self.texts = texts

    def message(self) -> str:
        from akq_cli.core.i18n import pick

        return pick(self.texts)


def _git(repo: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            input=input,
            capture_output=True,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError as exc:
        raise GitError(
            {"zh": "没有找到 git 命令。请先安装 git。", "en": "git is not installed. Install git first."}
        ) from exc


_DUBIOUS = re.compile(r"dubious ownership in repository at '([^']+)'")


def dubious_ownership(stderr: str, folder: Path) -> GitError | None:
    """git's refusal of a repository another user owns (a CI container, a shared folder), with the fix."""
    m = _DUBIOUS.search(stderr)
    if m is None:
        return None
    where = m.group(1) or str(folder)
    fix = f"git config --global --add safe.directory {where}"
    return GitError(
        {
            "zh": f"git 拒绝读取仓库 {where}：仓库的所有者不是当前用户（dubious ownership，常见于 CI 容器或别人的文件夹）。"
            f"如果这个仓库可信，请运行 `{fix}` 后重试。",
            "en": f"git refuses to read the repository {where}: it is owned by another user (dubious ownership, common in "
            f"CI containers). If you trust it, run `{fix}` and retry.",
        }
    )


def repo_root(start: Path) -> Path:
    """The top folder of the git repository holding ``start``."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    proc = _git(folder, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        dubious = dubious_ownership(proc.stderr.decode("utf-8", "replace"), folder)
        if dubious is not None:
            raise dubious
        raise GitError(
            {
                "zh": f"{folder} 不在 git 仓库中。akq diff 和 akq review 比较的是 git 中的两个版本，请在目录清单的仓库中运行。",
                "en": f"{folder} is not inside a git repository. akq diff and akq review compare git revisions; "
                "run them inside the catalog's repository.",
            }
        )
    return Path(proc.stdout.decode("utf-8", "replace").strip())


def resolve(repo: Path, rev: str) -> str:
    """The full commit id of ``rev``; GitError if there is no such revision."""
    if not rev or rev.startswith("-"):
        raise _no_rev(rev)
    proc = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if proc.returncode != 0:
        raise _no_rev(rev)
    return proc.stdout.decode().strip()


def _no_rev(rev: str) -> GitError:
    return GitError(
        {
            "zh": f"git 中没有版本“{rev}”。请用分支名、标签或提交编号（可用 `git log --oneline` 查看），例如 main 或 HEAD~1。",
            "en": f"No revision '{rev}' in git. Use a branch, tag or commit id (see `git log --oneline`), e.g. main or HEAD~1.",
        }
    )


def default_base(repo: Path) -> tuple[str, str]:
    """(commit, label) of the merge base of HEAD with main, the usual review base."""
    head = resolve(repo, "HEAD") if _has_head(repo) else None
    if head is None:
        raise GitError(
            {
                "zh": "仓库里还没有任何提交，无法比较。请先提交一次，或用 --base 指定版本。",
                "en": "The repository has no commits yet; nothing to compare with. Commit first, or pass --base.",
            }
        )
    for name in ("main", "origin/main", "master", "origin/master"):
        proc = _git(repo, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
        if proc.returncode == 0:
            mb = _git(repo, "merge-base", name, "HEAD")
            if mb.returncode == 0:
                commit = mb.stdout.decode().strip()
                return commit, f"{name}（merge-base {commit[:8]}）"
    return head, f"HEAD {head[:8]}"


def _has_head(repo: Path) -> bool:
    return _git(repo, "rev-parse", "--verify", "--quiet", "HEAD").returncode == 0


def first_commit_adding(repo: Path, commit: str, path: str, text: str) -> str | None:
    """The committer date (ISO 8601) of the earliest commit up to ``commit`` that added ``text`` to ``path``; None if none.

    The committer date, not the author date: it is when the text entered this history (a rebase moves it later,
    never earlier), which is what a plan's "registers fixed before the seed" is about.
    """
    proc = _git(repo, "log", "--reverse", "--format=%cI", f"-S{text}", commit, "--", path)
    if proc.returncode != 0:
        return None  # no HEAD yet, or not a repository: nothing was committed
    lines = proc.stdout.decode("utf-8", "replace").split()
    return lines[0] if lines else None


def list_tree(repo: Path, commit: str, folders: list[str]) -> list[tuple[str, str, str, int, str]]:
    """(mode, type, object id, size, path) of every entry below ``folders`` at ``commit`` ("" = all)."""
    args = ["ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *[f for f in folders if f]]
    proc = _git(repo, *args)
    if proc.returncode != 0:
        raise GitError(
            {
                "zh": f"无法读取版本 {commit[:8]} 的文件：{proc.stderr.decode('utf-8', 'replace').strip()}",
                "en": f"Cannot list the files of {commit[:8]}: {proc.stderr.decode('utf-8', 'replace').strip()}",
            }
        )
    entries = []
    for rec in proc.stdout.split(b"\0"):
        if not rec:
            continue
        meta, _, path = rec.partition(b"\t")
        parts = meta.split()
        if len(parts) == 4:
            size = int(parts[3]) if parts[3].isdigit() else 0
            entries.append((parts[0].decode(), parts[1].decode(), parts[2].decode(), size, path.decode("utf-8", "surrogateescape")))
    return entries


def cat_blobs(repo: Path, blobs: dict[str, str]) -> dict[str, bytes]:
    """Path -> content of the given blob ids, in one ``git cat-file --batch``."""
    if not blobs:
        return {}
    items = list(blobs.items())
    batch = _git(repo, "cat-file", "--batch", input=b"".join(sha.encode() + b"\n" for _, sha in items))
    if batch.returncode != 0:
        raise GitError({"zh": "git cat-file 失败。", "en": "git cat-file failed."})
    out, pos, files = batch.stdout, 0, {}
    for path, _sha in items:
        nl = out.index(b"\n", pos)
        size = int(out[pos:nl].split()[2])
        files[path] = out[nl + 1 : nl + 1 + size]
        pos = nl + 1 + size + 1
    return files


def config_paths(prefix: str) -> list[str]:
    """Where akq.toml may sit for a catalog at ``prefix``: its folder and every folder above it."""
    parts = prefix.split("/") if prefix else []
    return [("/".join(parts[:i]) + "/akq.toml").lstrip("/") for i in range(len(parts), -1, -1)]


def last_commits(folder: Path) -> dict[Path, tuple[str, str]]:
    """Each committed file below ``folder`` -> (commit id, committer day) of the last commit that changed it.

    Along the first-parent line, as the site's change log reads history: the day a change reached the
    published catalog. Files with uncommitted changes, and every file outside a repository, are left out:
    no commit holds what they say. One ``git log`` and one ``git status`` for the whole folder.
    """
    folder = folder.resolve()
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return {}
    root = Path(top.stdout.decode("utf-8", "replace").strip()).resolve()
    log = _git(folder, "-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent",
               "--name-only", "--format=%x01%H %cs", "--", ".")  # fmt: skip
    # --no-optional-locks: status would otherwise refresh the index under index.lock and fail while another git
    # command holds it, and a failed status drops every version from the forms' QR links (a different PDF)
    status = _git(folder, "--no-optional-locks", "-c", "core.quotepath=off", "status", "--porcelain",
                  "--untracked-files=all", "--", ".")
    if log.returncode != 0 or status.returncode != 0:
        return {}
    dirty = {root / line[3:].split(" -> ")[-1] for line in status.stdout.decode("utf-8", "replace").splitlines()}
    found: dict[Path, tuple[str, str]] = {}
    for block in log.stdout.decode("utf-8", "replace").split("\x01")[1:]:
        head, _, names = block.partition("\n")
        commit, _, day = head.partition(" ")
        for name in names.splitlines():
            path = root / name
            if name and path not in found and path not in dirty:
                found[path] = (commit, day)
    return found
