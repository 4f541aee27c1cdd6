"""Closures run in forked helper processes, so that a large export uses both cores."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_WORK: list[Callable[[], Any]] = []  # what forked helpers run; they inherit it at fork, nothing is pickled


def _run(n: int) -> Any:
    return _WORK[n]()


class Helpers:
    """Run a few closures in forked processes (one core each) where the platform has fork.

    Elsewhere, or when ``wanted`` is false (a small catalog, where starting a
    process costs more than it saves), each runs in this process instead.
    """

    def __init__(self, wanted: bool) -> None:

        self.fork = wanted and "fork" in multiprocessing.get_all_start_methods()
        self.pending: list[tuple[int, list[Any]]] = []
        self.pool: Any = None

    def start(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        slot: list[Any] = []
        if not self.fork:
            return lambda: slot[0] if slot else slot.append(fn()) or slot[0]
        _WORK.append(fn)
        self.pending.append((len(_WORK) - 1, slot))
        return lambda: slot[0].result()

    def go(self) -> None:
        if not self.pending:
            return

        # With fork, the pool starts all its processes at the first submit,
        # before its own thread exists: every helper sees _WORK as it is now.
        self.pool = ProcessPoolExecutor(len(self.pending), mp_context=multiprocessing.get_context("fork"))
        for n, slot in self.pending:
            slot.append(self.pool.submit(_run, n))
        # The helpers were forked at the first submit and hold their own copy.
        _WORK.clear()
        self.pool.shutdown(wait=False)
        self.pending = []

    def close(self) -> None:
        """Wait for the pool's own thread to end: fork again only from a process with one thread."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None
