"""Switching a served folder from one built site to the next in one rename.

DEST is a symbolic link to ``<DEST>.versions/<NNNNNN>-<hash>``. A new version
is copied into a hidden temporary folder beside the others, synced to disk,
renamed to its final name, and only then DEST is pointed at it by renaming a
new link over the old one (rename(2) is atomic). A crash at any moment leaves
DEST pointing at a complete version; leftovers are cleaned up next time.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

VERSION = re.compile(r"^(\d{6})-([0-9a-f]{12})$")
KEEP = 5


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


def versions_dir(dest: Path) -> Path:
    return dest.parent / f"{dest.name}.versions"


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
    out = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for name in sorted(names):
            p = Path(root) / name
            if p.is_file() and not p.is_symlink():
                out.append(p)
    return out


def _versions(vdir: Path) -> list[str]:
    if not vdir.is_dir():
        return []
    return sorted(p.name for p in vdir.iterdir() if p.is_dir() and VERSION.match(p.name))


def current(dest: Path) -> str | None:
    """Name of the version DEST points at, or None before the first publish."""
    if not dest.is_symlink():
        if dest.exists():
            raise PublishError({
                "zh": f"{dest} 已存在且不是符号链接。akq publish 需要由它管理这个路径：请把现有网站移走（例如改名为 {dest.name}.old），再运行一次。",
                "en": f"{dest} exists and is not a symbolic link. akq publish must own this path: move the current site away (e.g. to {dest.name}.old) and run again.",
            })
        return None
    target = Path(os.readlink(dest))
    return target.name if VERSION.match(target.name) else None


def _switch(dest: Path, version: str) -> None:
    link_target = Path(versions_dir(dest).name) / version  # relative: the pair can be moved together
    tmp = dest.parent / f".{dest.name}.link-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(link_target, tmp)
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _clean_leftovers(vdir: Path) -> None:
    """Temporary folders of a publish that crashed; never a finished version."""
    for p in vdir.iterdir() if vdir.is_dir() else ():
        if p.name.startswith(".tmp-") and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)


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


def publish(src: Path, dest: Path, *, keep: int = KEEP) -> Outcome:
    if not src.is_dir() or not (src / "index.html").is_file():
        raise PublishError({
            "zh": f"{src} 不是生成好的网站（缺少 index.html）。请先运行 akq export -o {src}。",
            "en": f"{src} is not a built site (no index.html). Run akq export -o {src} first.",
        })
    dest = dest.absolute()
    previous = current(dest)
    vdir = versions_dir(dest)
    vdir.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(vdir)
    digest = tree_hash(src)
    if previous and previous.endswith(digest):
        return Outcome(previous, previous, False, [])
    existing = _versions(vdir)
    number = int(existing[-1][:6]) + 1 if existing else 1
    version = f"{number:06d}-{digest}"
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=vdir))
    try:
        _copy_tree(src, tmp)
        os.replace(tmp, vdir / version)
        _fsync_dir(vdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _switch(dest, version)
    return Outcome(version, previous, True, _prune(vdir, keep, version))


def rollback(dest: Path, *, keep: int = KEEP) -> Outcome:
    dest = dest.absolute()
    now = current(dest)
    if now is None:
        raise PublishError({"zh": f"{dest} 还没有用 akq publish 发布过，无法回退。",
                            "en": f"{dest} has not been published with akq publish; nothing to roll back."})
    older = [v for v in _versions(versions_dir(dest)) if v < now]
    if not older:
        raise PublishError({"zh": f"{dest} 当前版本 {now} 之前没有保留的版本，无法回退。",
                            "en": f"no kept version before {now}; cannot roll back."})
    _switch(dest, older[-1])
    return Outcome(older[-1], now, True, [])


def _prune(vdir: Path, keep: int, serving: str) -> list[str]:
    """Delete the oldest versions beyond ``keep``; never the one being served."""
    names = _versions(vdir)
    doomed = [v for v in names[: max(0, len(names) - keep)] if v != serving]
    for v in doomed:
        shutil.rmtree(vdir / v, ignore_errors=True)
    return doomed
