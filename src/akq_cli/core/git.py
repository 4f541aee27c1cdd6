"""Reading the catalog as it was at a git revision.

`akq diff` and `akq review` compare two states of the catalog.  A state is
either a commit (read with ``git ls-tree`` and one ``git cat-file --batch``
process, so that a catalog of thousands of files costs two git calls) or the
working tree as it is on disk, including files not yet added to git: staff run
`akq review` before they commit.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
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


def repo_root(start: Path) -> Path:
    """The top folder of the git repository holding ``start``."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    proc = _git(folder, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
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


@dataclass
class Snapshot:
    """The files below one folder of the repository at one revision (or on disk).

    ``files`` maps paths relative to the repository root (forward slashes) to
    their bytes.
    """

    label: str
    commit: str | None  # None: the working tree
    prefix: str  # the catalog folder relative to the repository root, e.g. "catalog"
    files: dict[str, bytes] = field(default_factory=dict)

    def under(self, folder: str) -> dict[str, bytes]:
        start = f"{folder.rstrip('/')}/" if folder else ""
        return {p: b for p, b in self.files.items() if p.startswith(start)}


def read_revision(repo: Path, commit: str, prefixes: list[str], label: str) -> Snapshot:
    """The files under ``prefixes`` at ``commit``, read in one cat-file batch."""
    snap = Snapshot(label, commit, prefixes[0] if prefixes else "")
    args = ["ls-tree", "-r", "-z", "--full-tree", commit, "--", *[p for p in prefixes if p]]
    proc = _git(repo, *args)
    if proc.returncode != 0:
        raise GitError(
            {
                "zh": f"无法读取版本 {commit[:8]} 的文件：{proc.stderr.decode('utf-8', 'replace').strip()}",
                "en": f"Cannot list the files of {commit[:8]}: {proc.stderr.decode('utf-8', 'replace').strip()}",
            }
        )
    entries: list[tuple[str, str]] = []
    for rec in proc.stdout.split(b"\0"):
        if not rec:
            continue
        meta, _, path = rec.partition(b"\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == b"blob":
            entries.append((parts[2].decode(), path.decode("utf-8", "surrogateescape")))
    if not entries:
        return snap
    batch = _git(repo, "cat-file", "--batch", input=b"".join(sha.encode() + b"\n" for sha, _ in entries))
    if batch.returncode != 0:
        raise GitError({"zh": "git cat-file 失败。", "en": "git cat-file failed."})
    out, pos = batch.stdout, 0
    for _sha, path in entries:
        nl = out.index(b"\n", pos)
        header = out[pos:nl].split()
        size = int(header[2])
        snap.files[path] = out[nl + 1 : nl + 1 + size]
        pos = nl + 1 + size + 1
    return snap


def read_worktree(repo: Path, prefixes: list[str], label: str) -> Snapshot:
    """The files under ``prefixes`` as they are on disk now, tracked or not."""
    snap = Snapshot(label, None, prefixes[0] if prefixes else "")
    for prefix in prefixes:
        base = repo / prefix if prefix else repo
        if base.is_file():
            snap.files[prefix] = base.read_bytes()
            continue
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(repo)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            snap.files[rel.as_posix()] = path.read_bytes()
    return snap


def read_state(repo: Path, commit: str | None, prefixes: list[str], label: str) -> Snapshot:
    if commit is WORKTREE:
        return read_worktree(repo, prefixes, label)
    return read_revision(repo, commit, prefixes, label)


def catalog_prefix(repo: Path, start: Path) -> str:
    """The catalog folder relative to the repository root ("catalog" in the usual layout)."""
    from akq_cli.core.catalog import find_root

    found = find_root(start)
    if found is None:
        return "catalog"
    try:
        return found.resolve().relative_to(repo).as_posix()
    except ValueError as exc:
        raise GitError(
            {
                "zh": f"目录清单 {found} 不在 git 仓库 {repo} 中。",
                "en": f"The catalog {found} is not inside the git repository {repo}.",
            }
        ) from exc


def config_paths(prefix: str) -> list[str]:
    """Where akq.toml may sit for a catalog at ``prefix``: its folder and every folder above it."""
    parts = prefix.split("/") if prefix else []
    return [("/".join(parts[:i]) + "/akq.toml").lstrip("/") for i in range(len(parts), -1, -1)]


def load_states(start: Path, base: str | None, head: str | None) -> tuple[Path, Snapshot, Snapshot]:
    """(repository root, base state, head state) for `akq diff`/`akq review`.

    ``base`` None: the merge base of HEAD with main.  ``head`` None: the working tree.
    """
    from akq_cli.core.i18n import pick

    repo = repo_root(start)
    prefix = catalog_prefix(repo, start)
    prefixes = [prefix, *config_paths(prefix)]
    if base is None:
        base_commit, base_label = default_base(repo)
    else:
        base_commit = resolve(repo, base)
        base_label = f"{base}（{base_commit[:8]}）"
    if head is None:
        head_commit, head_label = WORKTREE, pick({"zh": "工作区（尚未提交的修改也包括在内）", "en": "working tree"})
    else:
        head_commit = resolve(repo, head)
        head_label = f"{head}（{head_commit[:8]}）"
    base_snap = read_state(repo, base_commit, prefixes, base_label)
    head_snap = read_state(repo, head_commit, prefixes, head_label)
    base_snap.prefix = head_snap.prefix = prefix
    return repo, base_snap, head_snap
