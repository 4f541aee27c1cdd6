"""Closures run in forked helper processes, so that a large export uses both cores.

A helper is forked when its job is started, sees everything as it is at that moment,
and sends its result back pickled through a pipe. No pool and no thread: a process
with one thread may fork again at any time (a large export forks in two stages, the
change log and the open data before the search index is built, the pages after), and
a helper leaves with os._exit, without freeing the hundreds of megabytes it inherited.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

_TOKEN = struct.Struct("<I")
_PIPE_TOKENS = 1024  # 4 KB of chunk numbers: within any pipe's capacity, so writing them never blocks


class HelperFailed(RuntimeError):
    """A helper ended without a result (killed, or its result could not be sent)."""


class Helpers:
    """Run closures in forked processes (one core each) where the platform has fork.

    Elsewhere, or when ``wanted`` is false (a small catalog, where starting a
    process costs more than it saves), each runs in this process instead, when
    its result is first asked for.
    """

    def __init__(self, wanted: bool) -> None:
        self.fork = wanted and hasattr(os, "fork")
        self.running: dict[int, int] = {}  # pid -> read end of its pipe

    def start(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        if not self.fork:
            slot: list[Any] = []
            return lambda: slot[0] if slot else slot.append(fn()) or slot[0]
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper
            os.close(read)
            _serve(fn, write)
        os.close(write)
        self.running[pid] = read
        return lambda: self._result(pid)

    def _result(self, pid: int) -> Any:
        read = self.running.pop(pid)
        with os.fdopen(read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not payload:
            raise HelperFailed(f"helper process {pid} ended without a result (wait status {status})")
        try:
            ok, value = pickle.loads(payload)
        except Exception as exc:  # an exception type whose pickle does not load: its text at least
            raise HelperFailed(f"helper process {pid} sent a result that could not be read: {exc}") from exc
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop and reap the helpers whose results nobody asked for (an error ended the work early)."""
        for pid, read in list(self.running.items()):
            os.close(read)
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.running.clear()


def _serve(fn: Callable[[], Any], write: int) -> None:
    """In the helper: run ``fn``, send (ok, result or exception), and leave without running the parent's exit code."""
    code = 0
    try:
        try:
            payload = pickle.dumps((True, fn()), protocol=5)
        except BaseException as exc:  # every failure goes back to the parent, which raises it
            try:
                payload = pickle.dumps((False, exc), protocol=5)
            except Exception:  # an exception that cannot be pickled goes back as its text
                payload = pickle.dumps((False, HelperFailed(f"{type(exc).__name__}: {exc}")), protocol=5)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # the parent reads an empty pipe and says so
        code = 1
    finally:
        os._exit(code)


class Shares:
    """A job cut into chunks that this process and the helpers it forks afterwards take in turn, whoever is free.

    A fixed split leaves a core idle whenever one side is slower (here, by a third from one minute to the
    next). With ``across_processes``, the chunks' first indexes wait in a pipe whose writing end is closed
    before any helper forks: each read takes one of them (the pipe gives each read to one reader), and an
    empty pipe reads as the end. Without (no fork, as on Windows, whose pipes hold too little to fill before
    a reader exists), this process takes them all.
    """

    def __init__(self, total: int, size: int, across_processes: bool) -> None:
        self.size = max(size, -(-total // _PIPE_TOKENS), 1)
        self.total = total
        self._starts = iter(range(0, total, self.size))
        self._read = -1
        if across_processes:
            self._read, write = os.pipe()
            try:
                os.write(write, b"".join(_TOKEN.pack(i) for i in self._starts))
            finally:
                os.close(write)

    def take(self) -> range | None:
        """The next chunk of indexes, or None when every chunk is taken."""
        if self._read < 0:
            start = next(self._starts, None)
        else:
            token = os.read(self._read, _TOKEN.size)
            start = _TOKEN.unpack(token)[0] if len(token) == _TOKEN.size else None
        if start is None:
            self.close()
            return None
        return range(start, min(start + self.size, self.total))

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
        self._starts = iter(())


def spare_cores() -> int:
    """Helpers worth forking besides this process: one per further core it may use, at least one, at most three.

    A helper more than there are cores only makes each process slower and copies more of the
    parent's memory (every page a process touches after the fork is copied for it).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4) - 1)


def run_shared(tasks: Sequence[Callable[[], T]], wanted: bool) -> list[T]:
    """Every task's result, in order; the tasks run in this process and spare_cores() forked helpers,
    each process taking the next task as soon as it is free (longest first, then the small ones that
    even out the end). Without ``wanted`` or fork, all run here."""
    jobs = Helpers(wanted)
    shares = Shares(len(tasks), 1, jobs.fork)

    def take() -> dict[int, T]:
        done: dict[int, T] = {}
        while (span := shares.take()) is not None:
            for i in span:
                done[i] = tasks[i]()
        return done

    try:
        theirs = [jobs.start(take) for _ in range(spare_cores() if jobs.fork else 0)]
        done = take()
        for job in theirs:
            done.update(job())
    finally:
        shares.close()
        jobs.close()
    return [done[i] for i in range(len(tasks))]
