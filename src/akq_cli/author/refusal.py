"""How `akq new` and `akq import` stop early: print the reason, raise Refused, exit 2."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


class Refused(Exception):
    """The options cannot make an item; the reason is already printed."""


def exit_code(func: Callable[..., int | None]) -> Callable[..., int]:
    """``func`` returning an exit code: its own, 0 for none, 2 when it raised Refused."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> int:
        try:
            return func(*args, **kwargs) or 0
        except Refused:
            return 2

    return run
