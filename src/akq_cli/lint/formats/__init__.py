"""Output formats for lint reports.

Each module but ``text`` has ``render(report) -> str``; ``text`` prints to a
rich console.  ``write_outputs`` sends one format to the terminal and the
others to files (atomically), as CI jobs need.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from akq_cli.core.files import atomic_write_text

if TYPE_CHECKING:
    from akq_cli.lint.engine import LintReport

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


def render_text(report: LintReport, *, color: bool, width: int | None = None) -> str:
    import io  # rich (25 ms) is imported only by the formats that print with it, not by json or sarif

    from rich.console import Console

    from akq_cli.lint.formats import text

    buf = io.StringIO()
    console = Console(file=buf, width=width or 100, force_terminal=color, no_color=not color, highlight=False,
                      legacy_windows=False)
    text.render(report, console)
    return buf.getvalue()


def tolerate_console_encoding() -> None:
    """A Windows pipe or console in GBK/cp1252: print '?' for a character it lacks, never crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="replace")


def write_outputs(report: LintReport, outputs: list[tuple[str, Path | None]]) -> None:

    for name, target in outputs:
        if name == "text":
            if target is not None:
                atomic_write_text(target, render_text(report, color=False))
                continue
            from rich.console import Console

            from akq_cli.lint.formats import text

            text.render(report, Console(highlight=False))
            continue
        rendered = import_module(f"akq_cli.lint.formats.{name}").render(report)
        if target is not None:
            atomic_write_text(target, rendered)
        else:
            # Machine formats are UTF-8 whatever the console's code page.
            sys.stdout.flush()
            sys.stdout.buffer.write(rendered.encode("utf-8"))
            sys.stdout.buffer.flush()
