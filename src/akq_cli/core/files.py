"""Writing files so that a crash never leaves a half-written one behind, and saying why a write failed.

Every temporary file or folder akq makes beside the user's files is named
``.akq-tmp-*`` (TMP_PREFIX), a pattern the catalog repository's .gitignore
lists, so that what a killed run leaves behind is never committed by
``git add -A``; the next write into that folder removes leftovers older than
STALE_AFTER_S.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from akq_cli.core.i18n import pick

TMP_PREFIX = ".akq-tmp-"
GITIGNORE_PATTERN = f"{TMP_PREFIX}*"
# Long enough that no live akq run still writes the file (one file takes milliseconds; a render's
# scratch folder is touched with every form), short enough that a crash's debris goes the next day.
STALE_AFTER_S = 10 * 60

# errno -> why, in the user's words, and what to do about it.
_REASONS: dict[int, tuple[str, str]] = {
    errno.EROFS: ("文件系统是只读的，请换一个可以写入的位置", "the file system is read-only; choose a writable place"),
    errno.ENOSPC: ("磁盘空间已满，请清理磁盘或换一个位置", "the disk is full; free some space or choose another place"),
    errno.EDQUOT: ("磁盘配额已用完，请清理文件或换一个位置", "the disk quota is used up; free some space"),
    errno.EISDIR: ("这是一个文件夹，请写出文件名", "it is a folder; give a file name"),
    errno.ENOTDIR: ("路径中有一段是文件而不是文件夹，请检查路径", "part of the path is a file, not a folder; check the path"),
    errno.EEXIST: ("路径中有一段是文件而不是文件夹，请检查路径", "part of the path is a file, not a folder; check the path"),
    errno.EACCES: ("没有写入权限，请换一个位置或请管理员授权", "permission denied; choose another place or ask for access"),
    errno.EPERM: ("没有写入权限，请换一个位置或请管理员授权", "permission denied; choose another place or ask for access"),
    errno.ENOENT: (
        "这个位置不存在或不能新建文件（例如 /proc 下），请换一个位置",
        "the place does not exist or takes no new files (e.g. under /proc); choose another place",
    ),
    errno.ENAMETOOLONG: ("文件名太长，请换一个短些的名字", "the name is too long; choose a shorter one"),
    errno.EBUSY: ("文件正被其他程序占用，请关闭后重试", "the file is busy; close the program using it and retry"),
}


class WriteError(OSError):
    """A write that failed, named by the path the user gave (never by akq's temporary file)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror, str(path))
        self.path = Path(path)
        self.cause = cause

    def __reduce__(self) -> tuple[Any, ...]:  # raised in a forked helper, it crosses back pickled
        return type(self), (self.path, OSError(self.cause.errno, self.cause.strerror))

    def message(self) -> str:
        return cannot_write(self.path, self.cause)


def reason(exc: OSError) -> str:
    """Why an OS call failed, in the user's language, with what to do."""
    texts = _REASONS.get(exc.errno or 0)
    if texts is None:
        return pick({"zh": f"系统错误：{exc.strerror or exc}", "en": f"system error: {exc.strerror or exc}"})
    return pick({"zh": texts[0], "en": texts[1]})


def cannot_write(path: Path | str, exc: OSError) -> str:
    """无法写入 PATH：why (what to do).  PATH is the user's; a WriteError already knows it."""
    if isinstance(exc, WriteError):
        path, exc = exc.path, exc.cause
    return pick({"zh": "无法写入 {path}：{why}。", "en": "Cannot write {path}: {why}."}, path=str(path), why=reason(exc))


def sweep(folder: Path, *, now: float | None = None) -> None:
    """Remove what an interrupted akq run left in ``folder``: .akq-tmp-* entries older than STALE_AFTER_S."""
    limit = (time.time() if now is None else now) - STALE_AFTER_S
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(TMP_PREFIX)]
    except OSError:
        return
    for entry in entries:
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= limit:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            continue  # another run took it first, or it is not ours to remove


_swept: set[str] = set()


def _sweep_once(folder: Path) -> None:
    """One sweep per folder per run: fmt writing a thousand items lists their folder once."""
    key = os.fspath(folder)
    if key not in _swept:
        _swept.add(key)
        sweep(folder)


def scratch_dir(parent: Path, purpose: str) -> tempfile.TemporaryDirectory[str]:
    """A throw-away folder inside ``parent`` (same file system, so its files can be renamed out)."""
    parent.mkdir(parents=True, exist_ok=True)
    _sweep_once(parent)
    return tempfile.TemporaryDirectory(prefix=f"{TMP_PREFIX}{purpose}-", dir=parent)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    ``-o /dev/null`` or ``-o /dev/stdout`` (a device or a pipe, not a file) is
    written into directly: renaming over it would replace the device itself
    (running as root, as CI does, /dev/null would become a plain file).  A
    symbolic link to a file keeps being a link; its target is replaced.
    Raises WriteError, which names ``path`` as given.
    """
    given = Path(path)
    try:
        _write(given, data)
    except WriteError:
        raise
    except OSError as exc:
        raise WriteError(given, exc) from exc


def _write(path: Path, data: bytes) -> None:
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        with open(path, "wb") as fh:
            fh.write(data)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_once(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def emit(data: bytes, output: Path | None) -> None:
    """A report's bytes to standard output, or atomically to ``output``; an OSError is the caller's to word."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write_bytes(output, data)


def atomic_write_text(path: Path, text: str, *, bom: bool = False) -> None:
    atomic_write_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def write_generated(target: Path, text: str, *, check: bool, command: str) -> int:
    """Write a generated file, or with ``check`` only say (exit 1) when the committed one differs; for generators' main()."""
    if check:
        current = target.read_text("utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run {command}", file=sys.stderr)
            return 1
        return 0
    atomic_write_bytes(target, text.encode())
    print(target)
    return 0
