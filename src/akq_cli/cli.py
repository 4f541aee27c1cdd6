"""The `akq` entry point.

The typer application (every command and group) is built in ``akq_cli.app``. One command skips it:
`akq ledger check`, which a clerk runs before accepting each commitment and which must answer within
150 ms including interpreter start; typer and the command modules alone take most of that. Its plain
forms run from ``akq_cli.ledger.fastcheck`` (sqlite3 only); anything else about it (--help, a
PostgreSQL ledger, an unknown option) goes the full way with the same output.
"""

from __future__ import annotations

import sys
from typing import Any

from akq_cli.core.i18n import LANGS, set_lang


def _fast_lang(args: list[str]) -> list[str] | None:
    """The arguments without --lang (applied), or None when the language option is malformed."""
    rest: list[str] = []
    i = 0
    while i < len(args):
        if args[i] == "--lang":
            if i + 1 >= len(args) or args[i + 1] not in LANGS:
                return None
            set_lang(args[i + 1])
            i += 2
            continue
        if args[i].startswith("--lang="):
            if args[i].split("=", 1)[1] not in LANGS:
                return None
            set_lang(args[i].split("=", 1)[1])
        else:
            rest.append(args[i])
        i += 1
    return rest


def main() -> None:
    args = sys.argv[1:]
    if "ledger" in args[:3] and "check" in args[:4]:
        rest = _fast_lang(args)
        if rest is not None and rest[:2] == ["ledger", "check"]:
            # Imported here: the fast path's whole point is not to import anything else.
            from akq_cli.ledger.fastcheck import run

            code = run(rest[2:])
            if code is not None:
                sys.exit(code)
    from akq_cli.app import main as full
    from akq_cli.core.collector import end_process

    try:
        full()
    except SystemExit as done:
        end_process(done.code)
        raise


def __getattr__(name: str) -> Any:
    """`from akq_cli.cli import app` (and COMMANDS, GROUPS) still work: they live in akq_cli.app."""
    if name.startswith("__"):
        # The import system probes modules for __path__ and the like: that must not build the application.
        raise AttributeError(name)
    import akq_cli.app

    return getattr(akq_cli.app, name)
