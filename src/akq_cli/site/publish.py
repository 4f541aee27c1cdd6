"""Switching a served folder between built sites, with a served-history log to roll back along.

DEST is a symbolic link into a version store that lies outside the web server's
tree: ``<store>/versions/<NNNNNN>-<hash>``. A new version is copied into a
hidden temporary folder there, synced to disk, renamed to its final name, and
only then DEST is pointed at it by renaming a new link over the old one
(rename(2) is atomic). A crash at any moment leaves DEST pointing at a complete
version; leftovers are cleaned up next time.

``<store>/history.json`` is a stack of what DEST served: publishing pushes,
rolling back pops. So A, B, rollback, C, rollback serves A again, never B: a
rollback goes back to what was served before, not to the next lower version
number. Identical content (same tree hash) reuses its version folder, and the
stack never holds the same version twice in a row, so a rollback always
changes what is served.

The symlink is the truth about what is served; the log follows it. Every run
first reconciles the log with the link, so a crash between switching the link
and writing the log costs nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_dir

from akq_cli.core.files import atomic_write_text
from akq_cli.site.writer import MARKER

VERSION = re.compile(r"^(\d{6})-([0-9a-f]{12})$")
KEEP = 5
HISTORY = "history.json"


class PublishError(Exception):
    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts["en"])
        self.texts = texts


@dataclass
class Outcome:
    version: str
    previous: str | None
    changed: bool
    removed: list[str]


@dataclass(frozen=True)
class Served:
    """One entry of the served-history stack."""

    version: str
    published: str  # ISO 8601, UTC

    @property
    def digest(self) -> str:
        return self.version.partition("-")[2]


def default_store(dest: Path) -> Path:
    """Per-DEST folder in the user's data directory: outside every web root, one store per served path."""
    key = hashlib.sha256(str(dest.absolute()).encode()).hexdigest()[:16]
    return Path(user_data_dir("akq", appauthor=False)) / "publish" / key


def check_store(store: Path, dest: Path) -> None:
    """Refuse a store that the web server could serve.

    The web root is taken to be DEST's parent folder (or above it): /srv/www
    for DEST /srv/www/gzcn. A store in that folder would put every kept
    version, withdrawn items included, online beside the current one.
    """
    served_tree = dest.absolute().parent.resolve()
    where = store.expanduser().absolute().resolve()
    if where == served_tree or served_tree in where.parents:
        raise PublishError({
            "zh": f"版本库 {store} 位于网站目录 {served_tree} 之内，旧版本（包括已撤下的事项）会被网站公开访问。"
                  f"请用 --store 或 catalog.yaml 的 publish.store 指定网站目录以外的文件夹，例如 /srv/akq-versions。",
            "en": f"the version store {store} is inside the served folder {served_tree}: old versions (withdrawn items "
                  f"included) would be online. Choose a folder outside it with --store or publish.store in catalog.yaml, "
                  f"e.g. /srv/akq-versions.",
        })


def tree_hash(src: Path) -> str:
    """Content hash of a folder: paths and bytes of its regular files, in sorted order."""
    h = hashlib.sha256()
    for path in _files(src):
        rel = path.relative_to(src).as_posix()
        h.update(rel.encode() + b"\0")
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()[:12]


def _files(src: Path) -> list[Path]:
    """The site's files: not the export's own marker, which holds each file's modification time in this
    folder (so two builds of the same content would look different) and has no business on a web server."""
    out = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for name in sorted(names):
            p = Path(root) / name
            if p.is_file() and not p.is_symlink() and not (name == MARKER and Path(root) == src):
                out.append(p)
    return out


class Store:
    """The version folders and the served-history log of one DEST."""

    def __init__(self, root: Path, dest: Path) -> None:
        self.root = root.expanduser().absolute()
        self.dest = dest.absolute()
        self.versions = self.root / "versions"

    def versions_kept(self) -> list[str]:
        if not self.versions.is_dir():
            return []
        return sorted(p.name for p in self.versions.iterdir() if p.is_dir() and VERSION.match(p.name))

    def history(self) -> list[Served]:
        path = self.root / HISTORY
        if not path.is_file():
            return []
        try:
            body = json.loads(path.read_text("utf-8"))
            recorded = Path(body["dest"])
            stack = [Served(e["version"], e["published"]) for e in body["served"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise PublishError({
                "zh": f"版本记录 {path} 已损坏（{exc}）。请检查或删除该文件后重新发布。",
                "en": f"the history {path} is damaged ({exc}). Check or delete it and publish again.",
            }) from exc
        if recorded != self.dest:
            raise PublishError({
                "zh": f"版本库 {self.root} 属于发布路径 {recorded}，不是 {self.dest}。每个发布路径请使用单独的版本库。",
                "en": f"the store {self.root} belongs to {recorded}, not {self.dest}. Use one store per served path.",
            })
        return stack

    def save(self, stack: list[Served]) -> None:
        body = {"dest": str(self.dest), "served": [{"version": s.version, "published": s.published} for s in stack]}
        atomic_write_text(self.root / HISTORY, json.dumps(body, ensure_ascii=False, indent=1) + "\n")

    def current(self) -> str | None:
        """The version of this store that DEST points at; None before the first publish here."""
        dest = self.dest
        if not dest.is_symlink():
            if dest.exists():
                raise PublishError({
                    "zh": f"{dest} 已存在且不是符号链接。akq publish 需要由它管理这个路径：请把现有网站移走（例如改名为 {dest.name}.old），再运行一次。",
                    "en": f"{dest} exists and is not a symbolic link. akq publish must own this path: move the current site away (e.g. to {dest.name}.old) and run again.",
                })
            return None
        target = Path(os.readlink(dest))
        if target.parent != self.versions or not VERSION.match(target.name):
            return None  # served from elsewhere (an older layout): not ours to roll back to
        return target.name

    def reconciled(self) -> list[Served]:
        """The log, made to agree with what DEST actually serves (a crash may have come between the two)."""
        stack = self.history()
        now = self.current()
        if now is None or (stack and stack[-1].version == now):
            return stack
        positions = [i for i, s in enumerate(stack) if s.version == now]
        if positions:
            return stack[: positions[-1] + 1]
        return [*stack, Served(now, _now())]

    def switch(self, version: str) -> None:
        tmp = self.dest.parent / f".{self.dest.name}.link-{os.getpid()}"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        # Absolute: the store lies outside DEST's folder, so the two do not move together.
        os.symlink(self.versions.resolve() / version, tmp)
        os.replace(tmp, self.dest)
        _fsync_dir(self.dest.parent)

    def clean_leftovers(self) -> None:
        """Temporary folders of a publish that crashed; never a finished version."""
        for p in self.versions.iterdir() if self.versions.is_dir() else ():
            if p.name.startswith(".tmp-") and p.is_dir():
                shutil.rmtree(p, ignore_errors=True)

    def add(self, src: Path, digest: str) -> str:
        """The version folder holding ``src``: an existing one with the same content, else a new copy."""
        existing = self.versions_kept()
        for name in existing:
            if name.endswith("-" + digest):
                return name
        number = max((int(v[:6]) for v in existing), default=0) + 1
        version = f"{number:06d}-{digest}"
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.versions))
        try:
            _copy_tree(src, tmp)
            os.replace(tmp, self.versions / version)
            _fsync_dir(self.versions)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return version

    def prune(self, stack: list[Served], keep: int) -> tuple[list[Served], list[str]]:
        """Keep the last ``keep`` entries of the log; delete version folders no entry names."""
        stack = stack[-keep:]
        wanted = {s.version for s in stack}
        doomed = [v for v in self.versions_kept() if v not in wanted]
        for v in doomed:
            shutil.rmtree(self.versions / v, ignore_errors=True)
        return stack, doomed


class _Lock:
    """One publish or rollback at a time per store (two CI jobs may race)."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.path = root / ".lock"

    def __enter__(self) -> _Lock:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_tree(src: Path, dst: Path) -> None:
    for path in _files(src):
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        os.chmod(target, 0o644)
        with target.open("rb") as fh:
            os.fsync(fh.fileno())
    for root, dirs, _ in os.walk(dst):
        for d in dirs:
            os.chmod(Path(root) / d, 0o755)
    os.chmod(dst, 0o755)


def _open(dest: Path, store: Path | None) -> Store:
    root = store if store is not None else default_store(dest)
    check_store(root, dest)
    return Store(root, dest)


def publish(src: Path, dest: Path, *, store: Path | None = None, keep: int = KEEP) -> Outcome:
    if not src.is_dir() or not (src / "index.html").is_file():
        raise PublishError({
            "zh": f"{src} 不是生成好的网站（缺少 index.html）。请先运行 akq export -o {src}。",
            "en": f"{src} is not a built site (no index.html). Run akq export -o {src} first.",
        })
    s = _open(dest, store)
    s.dest.parent.mkdir(parents=True, exist_ok=True)  # the first publish may name a folder not made yet
    with _Lock(s.root):
        s.versions.mkdir(parents=True, exist_ok=True)
        s.clean_leftovers()
        stack = s.reconciled()
        previous = s.current()
        digest = tree_hash(src)
        if previous and previous.endswith("-" + digest):
            s.save(stack)
            return Outcome(previous, previous, False, [])
        version = s.add(src, digest)
        s.switch(version)
        stack, removed = s.prune([*stack, Served(version, _now())], keep)
        s.save(stack)
    return Outcome(version, previous, True, removed)


def rollback(dest: Path, *, store: Path | None = None, keep: int = KEEP) -> Outcome:
    s = _open(dest, store)
    if s.current() is None:  # checked before the lock, which would create the store
        raise _never_published(s)
    with _Lock(s.root):
        stack = s.reconciled()
        now = s.current()
        if now is None:  # switched away by another run meanwhile
            raise _never_published(s)
        if len(stack) < 2:
            raise PublishError({"zh": f"{s.dest} 当前版本 {now} 之前没有保留的版本，无法回退。",
                                "en": f"no kept version was served before {now}; cannot roll back."})
        stack = stack[:-1]
        s.switch(stack[-1].version)
        stack, removed = s.prune(stack, keep)
        s.save(stack)
    return Outcome(stack[-1].version, now, True, removed)


def _never_published(s: Store) -> PublishError:
    return PublishError({"zh": f"{s.dest} 还没有用 akq publish 发布到版本库 {s.root}，无法回退。",
                         "en": f"{s.dest} has not been published with akq publish into the store {s.root}; nothing to roll back."})


def listing(dest: Path, *, store: Path | None = None) -> tuple[Store, list[Served], str | None]:
    """The store, its served-history log (oldest first) and the version DEST serves now."""
    s = _open(dest, store)
    if not (s.root / HISTORY).is_file():
        return s, [], s.current()
    return s, s.reconciled(), s.current()
