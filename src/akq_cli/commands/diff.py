"""`akq diff`: what changed in the catalog between two git revisions, item by item and field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

FORMATS = ("text", "json")


def diff(
    base: Optional[str] = typer.Argument(
        None, help="基线版本（分支、标签或提交）；默认为当前分支与 main 的分叉点。Base revision; default: merge base with main."
    ),
    head: Optional[str] = typer.Argument(None, help="比较的版本；默认为工作区（包括未提交的修改）。Head revision; default: working tree."),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、json。Output format."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="目录清单所在目录；默认自动查找。Catalog folder."),
) -> None:
    """比较两个版本的目录清单：新增、删除、更名和修改了哪些事项、哪些字段。Semantic diff of the catalog."""
    import json
    import sys

    from rich.console import Console

    from akq_cli.core.git import GitError
    from akq_cli.core.i18n import t
    from akq_cli.core.state import load_states
    from akq_cli.review.semdiff import diff_snapshots

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if format not in FORMATS:
        err.print(f"[bold red]akq diff:[/] {t('bad-option', detail=f'--format {format}（{chr(12289).join(FORMATS)}）')}")
        raise typer.Exit(2)
    try:
        _, base_snap, head_snap = load_states(catalog or Path.cwd(), base, head)
    except GitError as exc:
        err.print(f"[bold red]akq diff:[/] {exc.message()}")
        raise typer.Exit(2) from None
    result = diff_snapshots(base_snap, head_snap)
    if format == "json":
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    from akq_cli.review.diff_output import render_text

    render_text(result, Console(highlight=False, soft_wrap=True))
