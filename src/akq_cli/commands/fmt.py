"""`akq fmt`: rewrite catalog files in the one canonical layout, keeping every comment."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import jobs_option
from akq_cli.core.i18n import both

HELP = both(
    "按统一格式排版事项文件（键的顺序、缩进、引号、全角标点），保留所有注释。",
    "Format catalog files canonically (key order, indentation, quotes, full-width punctuation), keeping every comment.",
)


def fmt(
    paths: Optional[list[Path]] = typer.Argument(
        None, metavar=both("路径...", "PATHS..."), help=both("要排版的文件或目录；默认为当前仓库的整个目录清单。", "Files or folders; default: the whole catalog.")
    ),
    check: bool = typer.Option(
        False, "--check", help=both("只检查不修改：列出需要重新排版的文件，有则退出码为 1。", "List files that would change; exit 1 if any.")
    ),
    diff: bool = typer.Option(False, "--diff", help=both("只显示将要做的修改（统一差异格式），不改文件；有修改时退出码为 1。", "Show the changes as a unified diff without writing; exit 1 if any.")),
    jobs: Optional[int] = jobs_option(),
) -> None:
    """Format catalog files (user-facing text: HELP)."""
    from akq_cli.fmt.files import run  # imported on use: `akq --help` and `akq lint` need none of it

    code = run(paths, check=check, diff=diff, jobs=jobs)
    if code:
        raise typer.Exit(code)
