"""`akq lint`: check items against the schema and the policy's wording rules."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import jobs_option
from akq_cli.core.i18n import both

HELP = both("检查事项是否符合格式和工作方案的表述要求。", "Lint catalog items against the schema and the policy's wording rules.")


def lint(
    paths: Optional[list[Path]] = typer.Argument(
        None, metavar=both("路径...", "PATHS..."), help=both("要检查的事项文件或目录；默认为当前仓库的整个目录清单。", "Files or folders; default: the whole catalog.")
    ),
    format: Optional[list[str]] = typer.Option(
        None,
        "--format",
        "-f",
        help=both(
            "输出格式，可多次指定；“格式=文件名”写到文件：text（默认）、json、sarif、github、gitlab、junit。",
            "Output format, repeatable; FORMAT=FILE writes to a file: text (default), json, sarif, github, gitlab, junit.",
        ),
    ),
    fail_on: str = typer.Option(
        "error", "--fail-on", help=both("出现此级别及以上的问题时退出码为 1：error、warning、info。", "Exit 1 at this severity or above: error, warning, info.")
    ),
    select: Optional[list[str]] = typer.Option(None, "--select", help=both("只运行这些规则（逗号分隔）。", "Only these rules (comma-separated).")),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help=both("不运行这些规则（逗号分隔）。", "Skip these rules (comma-separated).")),
    no_cache: bool = typer.Option(False, "--no-cache", help=both("不读也不写缓存（缓存在用户缓存目录中），全部重新检查。", "Bypass the cache (kept in the user cache folder) and check everything again.")),
    jobs: Optional[int] = jobs_option(),
    as_of: Optional[str] = typer.Option(
        None,
        "--as-of",
        metavar=both("日期", "DATE"),
        help=both(
            "按这一天（YYYY-MM-DD）的法律状态检查引用的法律法规是否有效；默认今天。",
            "Judge whether cited instruments are in force on this day (YYYY-MM-DD); default today.",
        ),
    ),
    fix: bool = typer.Option(
        False, "--fix", help=both("先自动修正不改变含义的问题（半角标点、文号括号、不可见字符和控制字符），再检查。", "Apply meaning-preserving fixes first (half-width punctuation, document-number brackets, invisible and control characters).")
    ),
) -> None:
    """Lint catalog items (user-facing text: HELP)."""
    from akq_cli.lint.command import lint_catalog

    raise typer.Exit(lint_catalog(paths or [], format or ["text"], fail_on, select, ignore, no_cache, jobs, fix, as_of))
