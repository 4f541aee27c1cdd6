"""`akq lint`: check items against the schema and the policy's wording rules."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

FAIL_ON = ("error", "warning", "info")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def lint(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="要检查的事项文件或目录；默认为当前仓库的整个目录清单。Files or folders; default: the whole catalog."
    ),
    format: Optional[list[str]] = typer.Option(
        None,
        "--format",
        "-f",
        help="输出格式，可多次指定，写到文件用 格式=文件名：text、json。Output format, repeatable; FORMAT=FILE writes to a file.",
    ),
    fail_on: str = typer.Option("error", "--fail-on", help="达到此级别的问题时退出码为 1：error、warning、info。"),
    select: Optional[list[str]] = typer.Option(None, "--select", help="只运行这些规则（逗号分隔）。Only these rules."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="不运行这些规则（逗号分隔）。Skip these rules."),
) -> None:
    """检查事项是否符合格式和工作方案的表述要求。Lint catalog items."""
    import sys

    from rich.console import Console

    from akq_cli.catalog import CatalogError, find_root, item_files, load_catalog
    from akq_cli.config import ConfigError, find_config, load_config
    from akq_cli.findings import Severity
    from akq_cli.i18n import t
    from akq_cli.lint import lint_paths
    from akq_cli.output import FORMATS
    from akq_cli.rules import all_rules

    err = Console(stderr=True)

    def fail(message: str) -> None:
        err.print(f"[bold red]akq lint:[/] {message}", highlight=False)
        raise typer.Exit(2)

    outputs: list[tuple[str, Path | None]] = []
    for spec in format or ["text"]:
        name, _, target = spec.partition("=")
        if name not in FORMATS:
            fail(t("bad-option", detail=f"--format {name}（{', '.join(FORMATS)}）"))
        outputs.append((name, Path(target) if target else None))
    if fail_on not in FAIL_ON:
        fail(t("bad-option", detail=f"--fail-on {fail_on}（{', '.join(FAIL_ON)}）"))
    known = set(all_rules())
    chosen_select, chosen_ignore = _split(select), _split(ignore)
    for rid in chosen_select + chosen_ignore:
        if rid not in known:
            fail(t("bad-option", detail=f"{rid}: {', '.join(sorted(known))}"))

    try:
        if not paths:
            root = find_root(Path.cwd())
            if root is None:
                fail(t("no-catalog"))
            paths = [root]
        files = item_files(list(paths))
        root = find_root(paths[0])
        config = load_config(find_config(root or paths[0]))
    except CatalogError as exc:
        fail(exc.message())
        return
    except ConfigError as exc:
        fail(f"{exc.path}:{exc.line}:{exc.column}: {exc.detail}")
        return
    if chosen_select:
        config.select = frozenset(chosen_select)
    if chosen_ignore:
        config.ignore = config.ignore | frozenset(chosen_ignore)

    departments: set[str] | None = None
    if root is not None:
        departments = set(load_catalog(root, with_items=False).departments)
    report = lint_paths(files, config, departments)

    for name, target in outputs:
        if name == "text":
            from akq_cli.output import text

            console = (
                Console(file=open(target, "w", encoding="utf-8"), width=120) if target else Console(highlight=False)
            )
            text.render(report, console)
            continue
        from importlib import import_module

        rendered = import_module(f"akq_cli.output.{name}").render(report)
        if target is None:
            sys.stdout.write(rendered)
        else:
            from akq_cli.fsutil import atomic_write_text

            atomic_write_text(target, rendered)
    worst = report.worst()
    if worst is not None and worst >= Severity[fail_on]:
        raise typer.Exit(1)
