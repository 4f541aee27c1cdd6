"""The catalog's files at one point in time: the only thing in akq that opens them.

A state maps file names to bytes.  It is one of

- the files on disk (``DiskState``), named as the user sees them (relative to
  the current directory for `akq lint`, to the repository for `akq review`);
- the files of a git commit (``RevisionState``), read with one ``git ls-tree``
  and one ``git cat-file --batch``.

Everything in a catalog can come from a merge request, so a state opens
regular files only: a symlink (to anything), a FIFO, a device, a socket or a
git submodule is listed in ``refused`` with what it is, and is never opened
or followed.  Reads are bounded by reading at most ``limit + 1`` bytes, never
by trusting ``stat`` (which says 0 for ``/proc`` files and devices).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from akq_cli.core.git import (
    WORKTREE,
    GitError,
    cat_blobs,
    config_paths,
    default_base,
    first_commit_adding,
    list_tree,
    repo_root,
    resolve,
)
from akq_cli.core.i18n import pick, t
from akq_cli.core.loader import MAX_FILE_BYTES, Document, Problem, read_document

ITEM_SUFFIXES = (".yaml", ".yml")
META_FILES = {"catalog.yaml": "catalog", "departments.yaml": "departments"}


class CatalogError(Exception):
    """A catalog that cannot be used at all; carries an i18n message key."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args

    def message(self) -> str:
        return t(self.key, **self.args_)


class NotRegularFile(OSError):
    """A catalog entry that is not a regular file; ``kind`` says what it is."""

    def __init__(self, name: str, kind: str) -> None:
        super().__init__(f"{name} is a {kind}, not a regular file")
        self.name = name
        self.kind = kind

    def __str__(self) -> str:  # shown to county staff wherever the error is printed: their language
        return pick({"zh": "{name} 是{kind}，不是普通文件，akq 不读取它", "en": "{name} is a {kind}, not a regular file; akq does not read it"},
                    name=self.name, kind=t(f"kind-{self.kind}"))


class TooLarge(OSError):
    def __init__(self, name: str, size: int) -> None:
        super().__init__(f"{name} has more than {size - 1} bytes")
        self.name = name
        self.size = size

    def __str__(self) -> str:
        return pick({"zh": "{name} 超过 {n} 字节，akq 不读取这么大的文件", "en": "{name} has more than {n} bytes; akq does not read a file that large"},
                    name=self.name, n=f"{self.size - 1:,}")


def kind_of_mode(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, refusing anything else and anything over ``limit``.

    lstat first, so that a symlink, FIFO or device is never opened (opening a
    FIFO blocks, some devices act on open); then open without following links
    and check again on the open descriptor, so a swap in between changes nothing.
    """
    name = os.fspath(path)
    kind = kind_of_mode(os.lstat(name).st_mode)
    if kind != "file":
        raise NotRegularFile(name, kind)
    fd = os.open(name, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        kind = kind_of_mode(st.st_mode)
        if kind != "file":
            raise NotRegularFile(name, kind)
        if st.st_size > limit:  # refused before reading: a 1 GiB file is not first read into memory
            raise TooLarge(name, st.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            want = min(left, max(st.st_size + 1, 1 << 16))  # the whole file in one read when stat is honest
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            if st.st_size and len(chunk) < want:  # a short read of a file whose size stat knows is its end
                break
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(name, max(len(data), st.st_size))
    return data


def problem_document(name: str, exc: NotRegularFile | TooLarge) -> Document:
    """What an entry that must not be read reads as: no content, one fatal problem saying why."""
    if isinstance(exc, NotRegularFile):
        problem = Problem("not-regular-file", 1, 1, {"path": name, "kind": t(f"kind-{exc.kind}")})
    else:
        problem = Problem("file-too-large", 1, 1, {"size": exc.size, "limit": MAX_FILE_BYTES})
    return Document(Path(name), "", None, [problem])


# An inspection plan: any YAML file directly in a plans/<year>/ folder (registers live one level further down).
_PLAN_NAME = re.compile(r"(?:^|/)plans/[0-9]{4}/[^/]+\.ya?ml$")


def is_plan_name(name: str) -> bool:
    return bool(_PLAN_NAME.search(name)) and not name.rpartition("/")[2].startswith(".")


def is_item_name(name: str) -> bool:
    base = name.rpartition("/")[2]
    # Any case: SFJ-ZM-002.YAML, saved so by a Windows tool, is an item, not a file to skip in silence.
    return base.lower().endswith(ITEM_SUFFIXES) and not base.startswith(".") and base not in META_FILES


@dataclass
class CatalogState:
    """Files below ``prefix`` (the catalog folder) and the akq.toml files above it, by name.

    Names use forward slashes.  ``prefix`` is the catalog folder's name in the
    same terms ("catalog", "../catalog", or "" when the state is the folder itself).
    """

    label: str
    prefix: str | None  # None: loose files, no catalog folder (nothing to list)
    commit: str | None = None  # None: files on disk
    refused: dict[str, str] = field(default_factory=dict)  # name -> what it is instead of a regular file

    # --- what a subclass provides ---
    def _read(self, name: str) -> bytes:
        raise NotImplementedError

    def _list(self) -> Iterable[str]:
        """Names of the regular files of the state (refused entries go to ``self.refused``)."""
        raise NotImplementedError

    # --- shared ---
    def join(self, *parts: str) -> str:
        return "/".join(p for p in (self.prefix or "", *parts) if p)

    @cached_property
    def names(self) -> list[str]:
        """Every regular file of the state, sorted part by part (as sorted(Path) would)."""
        listed = list(dict.fromkeys(self._list()))
        return listed if self._listed_in_order else sorted(listed, key=lambda n: n.split("/"))

    _listed_in_order = False  # a subclass whose _list already gives part-by-part order skips the sort

    def item_names(self) -> list[str]:
        """Item files below <catalog>/items, regular or not (a refused one is reported where it is linted)."""
        if self.prefix is None:
            return []
        start = self.join("items") + "/"
        found = [n for n in self.names if n.startswith(start) and is_item_name(n)]
        special = [n for n in self.refused if n.startswith(start) and is_item_name(n)]
        return sorted(found + special, key=lambda n: n.split("/")) if special else found

    def plan_names(self) -> list[str]:
        """Inspection plans: <catalog>/plans/<year>/<DEPT>-<n>.yaml (akq_cli.core.plan_fields)."""
        if self.prefix is None:
            return []
        start = self.join("plans") + "/"
        return [n for n in self.names if n.startswith(start) and is_plan_name(n)]

    def meta_names(self) -> list[tuple[str, str]]:
        """(name, kind) of catalog.yaml and departments.yaml where the state has them."""
        if self.prefix is None:
            return []
        return [(self.join(f), kind) for f, kind in META_FILES.items() if self.has(self.join(f))]

    def has(self, name: str) -> bool:
        return name in self._name_set or name in self.refused

    @cached_property
    def _name_set(self) -> set[str]:
        return set(self.names)

    def read(self, name: str) -> bytes:
        """A regular file's bytes; NotRegularFile, TooLarge or another OSError otherwise."""
        if name in self.refused:
            raise NotRegularFile(name, self.refused[name])
        read_all = self.__dict__.get("files")  # a review reads every file for the diff first: not twice
        if read_all is not None and name in read_all:
            return read_all[name]
        return self._read(name)

    def document(self, name: str) -> Document:
        """The parsed file; a refused or oversized entry becomes a document with one fatal problem.

        OSError (missing, unreadable) is left to the caller, which names the path in its message.
        """
        try:
            data = self.read(name)
        except (NotRegularFile, TooLarge) as exc:
            return problem_document(name, exc)
        return read_document(Path(name), data)

    @cached_property
    def files(self) -> dict[str, bytes]:
        """Every regular file's bytes (for comparing two states); unreadable ones are left out."""
        out: dict[str, bytes] = {}
        for name in self.names:
            try:
                out[name] = self.read(name)
            except OSError:
                continue
        return out

    def committed_at(self, name: str, text: str) -> str | None:
        """When ``text`` was first committed to file ``name`` in this state's history (ISO 8601); None: not yet,
        or no history (loose files, memory).  `akq review` reads a plan's register hashes with it."""
        return None

    def overlay(self, replaced: dict[str, bytes]) -> CatalogState:
        """This state with some files' bytes replaced (`akq review` lints the head with its suppressions cut out)."""
        return OverlayState(self, replaced)

    def under(self, folder: str) -> dict[str, bytes]:
        start = f"{folder.rstrip('/')}/" if folder else ""
        return {p: b for p, b in self.files.items() if p.startswith(start)}

class DiskState(CatalogState):
    """Files on disk, named relative to ``anchor`` (absolute names stay absolute)."""

    def __init__(self, anchor: Path, prefix: str | None, label: str = "", extra: Iterable[str] = ()) -> None:
        if prefix is not None:
            prefix = prefix.replace(os.sep, "/").rstrip("/") if prefix not in ("", ".") else ""
        super().__init__(label, prefix)
        self.anchor = anchor
        self.extra = [e.replace(os.sep, "/") for e in extra]  # files outside prefix, e.g. akq.toml above it
        self._listed_in_order = not self.extra  # walk() lists in order; the extras come after it

    def path(self, name: str) -> Path:
        return self.anchor / name

    def committed_at(self, name: str, text: str) -> str | None:
        return first_commit_adding(self.anchor, "HEAD", name, text)  # the working tree's history is HEAD's

    def has(self, name: str) -> bool:
        # one lstat, not a listing of the whole catalog: `akq lint FILE` asks only for catalog.yaml and departments.yaml
        return name in self.refused or os.path.lexists(self.anchor / name)

    def _read(self, name: str) -> bytes:
        return read_regular(self.anchor / name)

    def _list(self) -> list[str]:
        listed: list[str] = []
        if self.prefix is not None:
            listed = walk(self.anchor / self.prefix if self.prefix else self.anchor, self.prefix, self.refused)
        for extra in self.extra:  # akq.toml above the catalog folder
            try:
                kind = kind_of_mode(os.lstat(self.anchor / extra).st_mode)
            except OSError:
                continue
            if kind != "file":
                self.refused[extra] = kind
            elif extra not in listed:
                listed.append(extra)
        return listed


def walk(base: Path, prefix: str, refused: dict[str, str]) -> list[str]:
    """Regular files below ``base``, named ``prefix/...``, in part-by-part order; hidden entries skipped,
    symlinks never followed.

    Anything else with a YAML name, and any symlinked folder, is recorded in ``refused``. The entry types come
    from the directory listing itself (no stat per file): a pre-commit lint of one file lists 10,000 others.
    """
    found: list[str] = []

    def visit(folder: str, name: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            child = f"{name}/{entry.name}" if name else entry.name
            try:
                if entry.is_file(follow_symlinks=False):
                    found.append(child)
                elif entry.is_dir(follow_symlinks=False):
                    visit(entry.path, child)
                elif entry.is_symlink():
                    refused[child] = "symlink"
                elif entry.name.lower().endswith(ITEM_SUFFIXES):
                    refused[child] = kind_of_mode(entry.stat(follow_symlinks=False).st_mode)
            except OSError:
                continue

    visit(str(base), prefix)
    return found


class OverlayState(CatalogState):
    """Another state with some files' bytes replaced; everything else is read from it."""

    def __init__(self, under: CatalogState, replaced: dict[str, bytes]) -> None:
        super().__init__(under.label, under.prefix, under.commit, under.refused)
        self.below = under
        self.replaced = replaced

    def _list(self) -> list[str]:
        return self.below.names

    def committed_at(self, name: str, text: str) -> str | None:
        return self.below.committed_at(name, text)

    def _read(self, name: str) -> bytes:
        return self.replaced[name] if name in self.replaced else self.below.read(name)


class MemoryState(CatalogState):
    """Files held in memory: rule examples and tests, where nothing need touch the disk."""

    def __init__(self, files: dict[str, bytes], prefix: str = "", label: str = "") -> None:
        super().__init__(label, prefix)
        self.contents = files

    def _list(self) -> list[str]:
        return list(self.contents)

    def _read(self, name: str) -> bytes:
        if name not in self.contents:
            raise FileNotFoundError(name)
        data = self.contents[name]
        if len(data) > MAX_FILE_BYTES:
            raise TooLarge(name, len(data))
        return data


@dataclass
class _Blob:
    sha: str
    size: int


class RevisionState(CatalogState):
    """The files of a git commit below the given folders, read in one ``git cat-file --batch``."""

    def __init__(self, repo: Path, commit: str, prefix: str, folders: list[str], label: str) -> None:
        super().__init__(label, prefix, commit)
        self.repo = repo
        self.folders = folders
        self.blobs: dict[str, _Blob] = {}

    def committed_at(self, name: str, text: str) -> str | None:
        return first_commit_adding(self.repo, self.commit or "HEAD", name, text)

    def _list(self) -> list[str]:
        for mode, kind, sha, size, name in list_tree(self.repo, self.commit or "", self.folders):
            if kind == "blob" and mode in ("100644", "100755"):
                self.blobs[name] = _Blob(sha, size)
            elif name.lower().endswith(ITEM_SUFFIXES) or mode in ("120000", "160000"):
                self.refused[name] = "symlink" if mode == "120000" else "submodule" if mode == "160000" else "other"
        return list(self.blobs)

    @cached_property
    def _contents(self) -> dict[str, bytes]:
        self.names  # noqa: B018 - lists the tree, filling self.blobs
        small = {n: b.sha for n, b in self.blobs.items() if b.size <= MAX_FILE_BYTES}
        return cat_blobs(self.repo, small)

    def read(self, name: str) -> bytes:
        self.names  # noqa: B018 - lists the tree first: it is what says which entries are refused
        return super().read(name)

    def _read(self, name: str) -> bytes:
        blob = self.blobs.get(name)
        if blob is None:
            raise FileNotFoundError(name)
        if blob.size > MAX_FILE_BYTES:
            raise TooLarge(name, blob.size)
        return self._contents[name]


def find_root(start: Path) -> Path | None:
    """The catalog folder at or above ``start`` (one holding catalog.yaml)."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / "catalog.yaml").is_file():
            return folder
        if (folder / "catalog" / "catalog.yaml").is_file():
            return folder / "catalog"
    return None


def catalog_prefix(repo: Path, start: Path) -> str:
    """The catalog folder relative to the repository root ("catalog" in the usual layout)."""
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


def repository_state(repo: Path, commit: str | None, prefix: str, label: str) -> CatalogState:
    """The catalog at ``prefix`` of ``repo`` at ``commit`` (WORKTREE: the files on disk, committed or not),
    with the akq.toml files that apply to it, named relative to the repository root."""
    configs = config_paths(prefix)
    if commit is WORKTREE:
        return DiskState(repo, prefix, label, extra=configs)
    return RevisionState(repo, commit, prefix, [prefix, *configs] if prefix else [""], label)


def load_states(start: Path, base: str | None, head: str | None) -> tuple[Path, CatalogState, CatalogState]:
    """(repository root, base state, head state) for `akq diff`/`akq review`.

    ``base`` None: the merge base of HEAD with main.  ``head`` None: the working tree.
    """
    repo = repo_root(start)
    prefix = catalog_prefix(repo, start)
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
    return repo, repository_state(repo, base_commit, prefix, base_label), repository_state(repo, head_commit, prefix, head_label)


def expand(paths: list[Path]) -> tuple[list[str], dict[str, str]]:
    """The item files that ``paths`` name (files, or folders walked), as typed, sorted; and the refused ones.

    A folder contributes the YAML files below it, except a catalog's own
    catalog.yaml and departments.yaml, which are not items, and hidden folders.
    CatalogError for a path that does not exist or a folder without items.
    """
    names: list[str] = []
    refused: dict[str, str] = {}
    for p in paths:
        text = str(p).replace(os.sep, "/")
        try:
            kind = kind_of_mode(os.lstat(p).st_mode)
        except OSError:
            raise CatalogError("path-missing", path=str(p)) from None
        if kind == "directory":
            root = p / "items" if (p / "catalog.yaml").is_file() else p
            before = len(refused)
            found = [n for n in walk(root, "" if str(root) == "." else root.as_posix(), refused) if is_item_name(n)]
            if not found and len(refused) == before:
                raise CatalogError("no-items", path=str(p))
            names.extend(found)  # walk() lists in part-by-part order
        elif kind == "file":
            names.append(text)
        else:
            refused[text] = kind
    if len(paths) > 1:
        seen: set[str] = set()
        unique = []
        for n in names:
            key = os.path.realpath(n)
            if key not in seen:
                seen.add(key)
                unique.append(n)
        names = unique
    return names, refused
