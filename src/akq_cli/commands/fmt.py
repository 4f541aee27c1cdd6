"""`akq fmt`: rewrite catalog files in the one canonical layout, keeping every comment."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def targets(paths: list[Path] | None) -> list[Path]:
    """The files to format: item files, plus catalog.yaml and departments.yaml of a whole catalog."""
    from akq_cli.core.state import CatalogError, expand, find_root

    if not paths:
        root = find_root(Path.cwd())
        if root is None:
            raise CatalogError("no-catalog")
        paths = [root]
    files: list[Path] = []
    for p in paths:
        if p.is_dir() and (p / "catalog.yaml").is_file():
            files.extend(f for f in (p / "catalog.yaml", p / "departments.yaml") if f.is_file())
        elif p.is_dir() and (p / "catalog" / "catalog.yaml").is_file():
            p = p / "catalog"
            files.extend(f for f in (p / "catalog.yaml", p / "departments.yaml") if f.is_file())
        names, refused = expand([p])
        files.extend(Path(n) for n in sorted([*names, *refused], key=lambda n: n.split("/")))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


def fmt(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="要排版的文件或目录；默认为当前仓库的整个目录清单。Files or folders; default: the whole catalog."
    ),
    check: bool = typer.Option(
        False, "--check", help="只检查不修改：列出需要重新排版的文件，有则退出码为 1。List files that would change; exit 1 if any."
    ),
    diff: bool = typer.Option(False, "--diff", help="只显示将要做的修改（统一差异格式），不改文件；有修改时退出码为 1。Show the changes as a unified diff without writing; exit 1 if any."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="并行进程数，默认为全部 CPU 核心。Worker processes (default: all cores)."
    ),
) -> None:
    """按统一格式排版事项文件（键的顺序、缩进、引号、全角标点），保留所有注释。Format catalog files canonically."""
    import difflib
    import os
    import sys

    from rich.console import Console

    from akq_cli.core.files import atomic_write_text
    from akq_cli.core.i18n import pick
    from akq_cli.core.paths import display_path
    from akq_cli.core.state import CatalogError, find_root
    from akq_cli.fmt.layout import format_files
    from akq_cli.lint.config import ConfigError, find_config, load_config

    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def fail(message: str) -> None:
        err.print(f"[bold red]akq fmt:[/] {message}")
        raise typer.Exit(2)

    try:
        files = targets(paths)
        start = paths[0] if paths else Path.cwd()
        config = load_config(find_config(find_root(start) or start))
    except CatalogError as exc:
        fail(exc.message())
        return
    except ConfigError as exc:
        fail(f"{exc.path}:{exc.line}:{exc.column}: {exc.detail}")
        return

    outcomes = format_files(files, config, jobs or os.cpu_count() or 1)
    problems = [o.error for o in outcomes if o.error]
    changes = [(o.path, o.old, o.new) for o in outcomes if o.changed and not o.error]

    if problems:
        for p in problems:
            err.print(f"[bold red]akq fmt:[/] {p}")
        fail(
            pick(
                {
                    "zh": f"{len(problems)} 个文件无法排版，所有文件都未修改。请先修正上面的问题（可运行 akq lint 查看详情）。",
                    "en": f"{len(problems)} file(s) cannot be formatted; no file was changed. Fix the problems above first "
                    "(akq lint shows details).",
                }
            )
        )

    # --diff only shows what would change (as ruff and black do): nothing is written.
    check = check or diff
    out = Console(highlight=False, soft_wrap=True)
    for path, old, new in changes:
        name = display_path(path)
        if diff:
            sys.stdout.write(
                "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{name}", f"b/{name}"))
            )
        elif check:
            out.print(name)
        else:
            atomic_write_text(path, new)
            out.print(pick({"zh": f"已排版：{name}", "en": f"formatted: {name}"}))
    n, total = len(changes), len(files)
    if check:
        summary = pick(
            {
                "zh": f"{n} 个文件需要排版（共检查 {total} 个）。运行 akq fmt 即可自动排版。"
                if n
                else f"全部 {total} 个文件格式正确。",
                "en": f"{n} of {total} file(s) would be reformatted. Run akq fmt to fix."
                if n
                else f"All {total} file(s) are formatted.",
            }
        )
    else:
        summary = pick(
            {
                "zh": f"排版了 {n} 个文件，{total - n} 个文件无需修改。",
                "en": f"{n} file(s) formatted, {total - n} unchanged.",
            }
        )
    err.print(summary)
    if check and changes:
        raise typer.Exit(1)
