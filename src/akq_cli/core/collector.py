"""Pausing Python's cyclic garbage collector while a batch job builds objects it keeps to the end.

An export of 10,000 items holds a few million objects (the parsed items, the site
model) for its whole run. Every so often the collector walks all of them, looking
for reference cycles that the job hardly makes: a quarter of the export's CPU time
went there (11.6 s of CPU against 14.8 s with it running, medians of three runs at
10,000 items), for the same peak memory (238 MB either way). Forked helpers inherit
the pause; the collector runs again when the job is over, which matters in tests
that call the command in-process.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


_leave = False


def leave_when_done() -> None:
    """Let the `akq` entry point end this process without freeing, one at a time, the millions of objects a
    large job leaves behind (a quarter of a second at 10,000 items, after the output is complete)."""
    global _leave
    _leave = True


def end_process(code: object) -> None:
    """Called by the entry point only (never in-process, as tests run commands): when the command asked for it,
    flush the output, run the atexit handlers, and leave with ``code`` without the interpreter's teardown."""
    if not _leave or not (code is None or isinstance(code, int)):
        return
    import atexit
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (akq export | head): nothing more to say there
            pass
    atexit._run_exitfuncs()
    os._exit(code or 0)
