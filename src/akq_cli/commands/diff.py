"""`akq diff`: what changed in the catalog between two git revisions, item by item and field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import catalog_option
from akq_cli.core.i18n import both

HELP = both(
    "比较两个版本的目录清单：新增、删除、更名和修改了哪些事项、哪些字段。",
    "Semantic diff of the catalog: items added, removed, renamed and changed, field by field.",
)


def diff(
    base: Optional[str] = typer.Argument(
        None, metavar=both("基线版本", "BASE"), help=both("基线版本（分支、标签或提交）；默认为当前分支与 main 的分叉点。", "Base revision; default: merge base with main.")
    ),
    head: Optional[str] = typer.Argument(None, metavar=both("比较版本", "HEAD"), help=both("比较的版本；默认为工作区（包括未提交的修改）。", "Head revision; default: working tree.")),
    format: str = typer.Option("text", "--format", "-f", help=both("输出格式：text、json。", "Output format: text, json.")),
    catalog: Optional[Path] = catalog_option(),
) -> None:
    """Compare two revisions of the catalog (user-facing text: HELP)."""
    # Imported here: cli.py imports every command module at start-up.
    from akq_cli.review.present import run_diff

    raise typer.Exit(run_diff(catalog or Path.cwd(), base, head, format))
