"""`akq lint`: check items against the schema and the policy's wording rules."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def lint(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="要检查的事项文件或目录；默认为当前仓库的整个目录清单。Files or folders; default: the whole catalog."
    ),
    format: Optional[list[str]] = typer.Option(
        None,
        "--format",
        "-f",
        help="输出格式，可多次指定；“格式=文件名”写到文件：text（默认）、json、sarif、github、gitlab、junit。"
        "Output format, repeatable; FORMAT=FILE writes to a file.",
    ),
    fail_on: str = typer.Option(
        "error", "--fail-on", help="出现此级别及以上的问题时退出码为 1：error、warning、info。Exit 1 at this severity."
    ),
    select: Optional[list[str]] = typer.Option(None, "--select", help="只运行这些规则（逗号分隔）。Only these rules."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="不运行这些规则（逗号分隔）。Skip these rules."),
    no_cache: bool = typer.Option(False, "--no-cache", help="不读也不写缓存（在用户缓存目录中），全部重新检查。Bypass the cache."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="并行进程数，默认为全部 CPU 核心。Worker processes (default: all cores)."
    ),
    fix: bool = typer.Option(
        False, "--fix", help="先自动修正不改变含义的问题（半角标点、文号括号），再检查。Apply meaning-preserving fixes first."
    ),
) -> None:
    """检查事项是否符合格式和工作方案的表述要求。Lint catalog items."""
    from akq_cli.lint.command import lint_catalog

    raise typer.Exit(lint_catalog(paths or [], format or ["text"], fail_on, select, ignore, no_cache, jobs, fix))
