"""`akq review`: one page for the justice bureau's reviewer of a catalog change."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

FORMATS = ("text", "markdown", "json")


def review(
    base: Optional[str] = typer.Option(
        None, "--base", help="基线版本；默认为当前分支与 main 的分叉点。Base revision; default: merge base with main."
    ),
    head: Optional[str] = typer.Option(
        None, "--head", help="变更后的版本；默认为工作区（包括未提交的修改）。Head revision; default: working tree."
    ),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、markdown、json。Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写到文件（例如合并请求评论）。Write to a file."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="目录清单所在目录；默认自动查找。Catalog folder."),
) -> None:
    """审核一次目录变更：变更摘要、新引入/已修正/原有的问题、涉及部门和审核清单。引入错误时退出码为 1。"""
    import json
    import sys

    from rich.console import Console

    from akq_cli.core.git import GitError
    from akq_cli.core.i18n import t
    from akq_cli.core.state import load_states
    from akq_cli.lint.config import ConfigError
    from akq_cli.review.review import build_review

    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def fail(message: str) -> None:
        err.print(f"[bold red]akq review:[/] {message}")
        raise typer.Exit(2)

    if format not in FORMATS:
        fail(t("bad-option", detail=f"--format {format}（{'、'.join(FORMATS)}）"))
    try:
        _, base_snap, head_snap = load_states(catalog or Path.cwd(), base, head)
        result = build_review(base_snap, head_snap)
    except GitError as exc:
        fail(exc.message())
        return
    except ConfigError as exc:
        fail(f"{exc.path}:{exc.line}:{exc.column}: {exc.detail}")
        return

    if format == "text" and output is None:
        from akq_cli.review.review_output import text

        text(result, Console(highlight=False, soft_wrap=True))
    else:
        if format == "json":
            rendered = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
        elif format == "markdown":
            from akq_cli.review.review_output import markdown

            rendered = markdown(result)
        else:
            import io

            from akq_cli.review.review_output import text

            buf = io.StringIO()
            text(result, Console(file=buf, width=120, highlight=False, soft_wrap=True, color_system=None))
            rendered = buf.getvalue()
        if output is None:
            sys.stdout.write(rendered)
        else:
            from akq_cli.core.files import atomic_write_text

            atomic_write_text(output, rendered)
    if result.blocking:
        raise typer.Exit(1)
