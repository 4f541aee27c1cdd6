"""Putting the built site under the output folder, safely.

- A path from the build can never leave the folder (no absolute paths, no ``..``,
  no symlinked folder pointing elsewhere).
- A folder that is neither empty nor a previous export (marker file) is refused
  unless forced, so `akq export -o ~` cannot scatter files among someone's own.
- Each file is replaced by rename, so a reader never sees half a file (in a
  folder that was empty, which nobody serves yet, files are created in place);
  files whose bytes did not change are left alone (their dates too), so
  publishing and rsync can skip them; files of the previous export that are
  gone now are removed.
- Files are named in the marker before they are written (``plan``), and any
  process may write (``put``): the forked helpers that render pages write them
  too, instead of sending 60 MB back to be written here.
- The marker records what the export was made from (site/fingerprint.py) and
  each file's size and modification time: when both still hold, the next export
  of the same inputs builds nothing (``reuse``).
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from akq_cli.core.files import TMP_PREFIX, WriteError
from akq_cli.core.state import read_regular

MARKER = ".akq-export.json"
MARKER_LIMIT = 64 * 1024 * 1024  # 10,000 pages make about 0.6 MB
T = TypeVar("T")


class ExportRefused(Exception):
    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts["en"])
        self.texts = texts

    def __reduce__(self) -> tuple[Any, ...]:  # raised in a forked helper, it crosses back pickled
        return type(self), (self.texts,)


@dataclass
class Stats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def _safe_rel(rel: str) -> str:
    """``rel`` when it names a file below the output folder (checked as text: a path object per file of 10,000
    cost more than the check). A marker is read from the output folder, which others may write to: a NUL in a
    name would stop the file system calls with ValueError rather than OSError."""
    if (not rel or rel.startswith("/") or "\\" in rel or "\x00" in rel
            or any(part in ("", ".", "..") for part in rel.split("/"))):
        raise ExportRefused({"zh": f"拒绝写入目标目录之外的路径：{rel!r}", "en": f"refusing to write outside the output folder: {rel!r}"})
    return rel


Written = dict[str, tuple[bool, list[int]]]  # path -> (whether it was written, [size, modification time])


class SiteWriter:
    def __init__(self, out: Path, *, force: bool = False) -> None:
        self.out = out
        self.previous: list[str] = []
        self.marker: dict[str, Any] = {}
        self.planned: set[str] = set()
        self._root: Path | None = None
        self._folders: dict[Path, Path] = {}
        if out.exists() and not out.is_dir():
            raise ExportRefused({"zh": f"{out} 已存在且不是目录。请换一个输出目录。",
                                 "en": f"{out} exists and is not a folder. Choose another output folder."})
        # Nobody reads a folder that held nothing: its files are created in place, without a
        # temporary file and a rename each (a fifth of an export's system calls).
        self.fresh = not out.exists() or not any(out.iterdir())
        self._chmod = _umask_hides_0644()  # asked once, here: new files need a chmod only under a tight umask
        marker = out / MARKER
        if marker.is_file() and not marker.is_symlink():
            try:  # a regular file of sane size only: a FIFO would hang the read, a huge file fill the memory
                self.marker = json.loads(read_regular(marker, MARKER_LIMIT).decode("utf-8"))
                self.previous = [f for f in self.marker.get("files", []) if isinstance(f, str)]
            except (ValueError, AttributeError, OSError):
                self.marker, self.previous = {}, []
        elif not self.fresh and not force:
            raise ExportRefused({
                "zh": f"{out} 不是空目录，也不是 akq export 以前生成的网站（没有 {MARKER}）。为免覆盖其他文件，已停止。请换一个空目录，或确认后加 --force。",
                "en": f"{out} is not empty and is not a previous akq export (no {MARKER}). Stopped so as not to overwrite other files. Use an empty folder, or add --force.",
            })

    def _target(self, rel: str, root: Path) -> Path:
        target = self.out / rel
        parent = self._resolved(target.parent)
        if parent != root and root not in parent.parents:
            raise ExportRefused({"zh": f"{target} 的上级目录指向输出目录之外（符号链接？），拒绝写入。",
                                 "en": f"the folder of {target} points outside the output folder (a symlink?); refusing to write."})
        return target

    @property
    def finished(self) -> bool:
        """Whether the folder holds a finished export (one that recorded its key), which ``reuse`` may find intact."""
        return isinstance(self.marker.get("key"), str)

    def reuse(self, key: str) -> dict[str, Any] | None:
        """The previous export's summary when it was made from ``key`` and every file it wrote is as it left it.

        A file is checked by its size and modification time, as make and rsync do: anything but akq that
        writes a file gives it a new time, and then the whole site is built again. Hashing 100 MB of pages
        instead cost a second of the two an unchanged export may take.
        """
        files, summary = self.marker.get("files"), self.marker.get("summary")
        if self.marker.get("key") != key or not isinstance(files, dict) or not _summary_ok(summary):
            return None
        root = self.out.resolve()

        for rel, seen in files.items():
            try:
                target = self._target(_safe_rel(rel), root)
                st = os.lstat(target)
            except (ExportRefused, OSError):
                return None
            if not stat.S_ISREG(st.st_mode) or [st.st_size, st.st_mtime_ns] != seen:
                return None
        return self.marker["summary"]

    def read_back(self) -> dict[str, bytes]:
        """The files of a reused export, for --archive (``reuse`` has just checked their sizes and times)."""
        return {rel: (self.out / rel).read_bytes() for rel in self.marker.get("files", {})}

    def _resolved(self, folder: Path) -> Path:
        # Resolved once per folder, not per file: 10,000 pages live in a handful of folders, and
        # resolve() walks every component with lstat.
        found = self._folders.get(folder)
        if found is None:
            found = self._folders[folder] = folder.resolve()
        return found

    def plan(self, names: Iterable[str]) -> None:
        """Name files before writing them: the marker lists them with the previous export's, so that an
        export cut short is still recognised as ours next time, and its files cleaned up."""
        new = {_safe_rel(n) for n in names} - self.planned
        if new or self._root is None:
            self.planned |= new
            self._guard(lambda: self._write_marker(sorted(self.planned | set(self.previous))))

    def put(self, files: dict[str, bytes]) -> Written:
        """Write ``files`` (planned first); any process may call it, so a forked helper writes the pages it renders."""
        return self._guard(lambda: self._put_all(files))

    def finish(self, written: Written, key: str | None = None, summary: dict[str, Any] | None = None) -> Stats:
        """Remove what the previous export wrote and this one did not, and record what this one wrote; with
        ``key``, an export of the same inputs can ``reuse`` this one."""
        return self._guard(lambda: self._finish(written, key, summary))

    def _guard(self, work: Callable[[], T]) -> T:
        try:
            return work()
        except WriteError:
            raise
        except OSError as exc:  # creating a folder, listing, removing: name the user's output folder
            raise WriteError(self.out, exc) from exc

    def _start(self) -> Path:
        if self._root is None:
            self.out.mkdir(parents=True, exist_ok=True)
            self._root = self.out.resolve()
        return self._root

    def _put_all(self, files: dict[str, bytes]) -> Written:
        root = self._start()
        done: Written = {}
        for rel, data in files.items():
            target = self.out / rel
            if target.parent not in self._folders:
                target.parent.mkdir(parents=True, exist_ok=True)
            done[rel] = _put(self._target(rel, root), data, self.fresh, self._chmod)
        return done

    def _finish(self, written: Written, key: str | None, summary: dict[str, Any] | None) -> Stats:
        root = self._start()
        stats = Stats()
        for wrote, _ in written.values():
            if wrote:
                stats.written += 1
            else:
                stats.unchanged += 1
        for rel in sorted(set(self.previous) - set(written)):
            try:
                target = self._target(_safe_rel(rel), root)
            except ExportRefused:
                continue
            if target.is_file() or target.is_symlink():
                target.unlink()
                stats.removed += 1
                _prune(target.parent, root)
        self._write_marker(sorted(written), key, summary, {rel: seen for rel, (_, seen) in sorted(written.items())})
        # One sync for the lot instead of an fsync per file: 10,000 pages
        # would otherwise spend most of the export waiting for the disk.
        os.sync()
        return stats

    def _write_marker(self, names: list[str], key: str | None = None, summary: dict[str, Any] | None = None,
                      seen: dict[str, list[int]] | None = None) -> None:
        """Names only while writing: an export cut short never passes for a finished one."""
        self._start()
        body: dict[str, Any] = {"generator": "akq export", "files": names}
        if key is not None and seen is not None:
            body = {"generator": "akq export", "key": key, "summary": summary or {}, "files": seen}
        _replace(self.out / MARKER, _marker_json(body))


def _marker_json(body: dict[str, Any]) -> bytes:
    """The marker with one file a line (readable, and diffable between two exports), made by json's C
    encoder: indent= would use the pure-Python one, a tenth of a second for 10,000 files, twice an export."""
    files = body["files"]
    head = json.dumps({k: v for k, v in body.items() if k != "files"}, ensure_ascii=False)
    if isinstance(files, dict):
        lines = [json.dumps(name, ensure_ascii=False) + ": " + json.dumps(value) for name, value in files.items()]
        opened, closed = "{", "}"
    else:
        lines = [json.dumps(name, ensure_ascii=False) for name in files]
        opened, closed = "[", "]"
    lead = head[:-1] + (", " if len(head) > 2 else "")
    return (lead + '"files": ' + opened + "\n" + ",\n".join(lines) + "\n" + closed + "}\n").encode()


def _summary_ok(summary: Any) -> bool:
    """What the command prints from a reused export: the item count and the warnings, each in both languages."""
    return (isinstance(summary, dict) and type(summary.get("items")) is int and isinstance(summary.get("warnings"), list)
            and all(isinstance(w, dict) and all(isinstance(w.get(k), str) for k in ("zh", "en"))
                    for w in summary["warnings"]))


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows would translate \n


def _put(target: Path, data: bytes, fresh: bool, chmod: bool) -> tuple[bool, list[int]]:
    """Whether the file was written, and its size and modification time as it now stands."""
    if fresh:
        try:
            return True, _create(target, data, chmod)
        except FileExistsError:
            pass  # --force into a folder that held this file: compared and replaced below
    try:
        st = os.lstat(target)
        if stat.S_ISREG(st.st_mode) and st.st_size == len(data) and target.read_bytes() == data:
            return False, [st.st_size, st.st_mtime_ns]
    except OSError:
        pass
    _replace(target, data)
    st = os.lstat(target)
    return True, [st.st_size, st.st_mtime_ns]


def _umask_hides_0644() -> bool:
    """Whether new files need a chmod to be 0644 (umask 077, say); with the usual 022 they are created so.
    Windows has no modes."""
    if not hasattr(os, "fchmod"):
        return False
    mask = os.umask(0o022)  # reading the umask means setting it: put it back at once (akq has no threads)
    os.umask(mask)
    return bool(mask & 0o644)


def _create(target: Path, data: bytes, chmod: bool) -> list[int]:
    """A new file (never through a symlink: O_EXCL refuses one), its size and modification time."""
    try:
        fd = os.open(target, _CREATE, 0o644)
    except FileExistsError:
        raise
    except OSError as exc:
        raise WriteError(target, exc) from exc
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if chmod:  # whatever the umask: a web server must read it
            os.fchmod(fd, 0o644)
        if os.name == "posix":
            st = os.fstat(fd)  # the file as written (no second lookup of its name)
            os.close(fd)
        else:
            os.close(fd)
            st = os.lstat(target)  # after closing: Windows may date the write when the handle closes
        fd = -1
    except OSError as exc:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(target)
        except OSError:
            pass
        raise WriteError(target, exc) from exc
    return [st.st_size, st.st_mtime_ns]


def _replace(target: Path, data: bytes) -> None:
    """Like fsutil.atomic_write_bytes, but without an fsync per file (finish syncs once) and
    replacing a symbolic link rather than writing through it (it could point outside the site)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{target.name}.", dir=target.parent)
    except OSError as exc:
        raise WriteError(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(target, exc) from exc
        raise


def _prune(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
