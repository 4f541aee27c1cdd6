"""`akq report`: implementation status per department, for the report to the county government."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

FORMATS = ("text", "markdown", "xlsx", "json")


def report(
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、markdown、xlsx、json。Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写到文件（xlsx 必须指定）。Write to a file."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", help="统计日期 YYYY-MM-DD，默认今天（或 SOURCE_DATE_EPOCH）。Report date."
    ),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="目录清单所在目录；默认自动查找。Catalog folder."),
) -> None:
    """各部门落实情况：事项类型和状态、检查结果、重点领域覆盖、待批准和逾期未公布的事项。Implementation report."""
    import json
    import os
    import sys

    from rich.console import Console

    from akq_cli.core.catalog import load_catalog
    from akq_cli.core.i18n import pick, t
    from akq_cli.core.paths import relative_to
    from akq_cli.core.state import CatalogError
    from akq_cli.lint.config import ConfigError, find_config, load_config
    from akq_cli.lint.engine import run
    from akq_cli.report.build import build_report, today

    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def fail(message: str) -> None:
        err.print(f"[bold red]akq report:[/] {message}")
        raise typer.Exit(2)

    if format not in FORMATS:
        fail(t("bad-option", detail=f"--format {format}（{'、'.join(FORMATS)}）"))
    if format == "xlsx" and output is None:
        fail(pick({"zh": "xlsx 格式需要用 -o 指定文件名，例如 -o 落实情况.xlsx", "en": "xlsx needs -o FILE, e.g. -o report.xlsx"}))
    try:
        date = today(as_of)
    except ValueError:
        fail(t("bad-option", detail=f"--as-of {as_of}（YYYY-MM-DD）"))
        return
    try:
        cat = load_catalog(catalog)
        config = load_config(find_config(cat.root))
    except CatalogError as exc:
        fail(exc.message())
        return
    except ConfigError as exc:
        fail(f"{exc.path}:{exc.line}:{exc.column}: {exc.detail}")
        return
    cache = None
    from akq_cli.core.i18n import lang
    from akq_cli.lint.cache import LintCache, cache_dir, namespace

    directory = cache_dir(cat.root)
    if directory is not None:  # the same content-keyed cache as `akq lint`: a report after a lint is quick
        cache = LintCache(directory, namespace(config.fingerprint(), lang()))
    assert cat.state is not None
    lint = run(cat.state, config, meta=False, display=relative_to(os.getcwd()), cache=cache, jobs=os.cpu_count() or 1)
    result = build_report(cat, lint.findings, date)

    if format == "xlsx":
        from akq_cli.report.output import workbook

        data = workbook(result)
    elif format == "json":
        data = (json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    elif format == "markdown":
        from akq_cli.report.output import markdown

        data = markdown(result).encode("utf-8")
    else:
        from akq_cli.report.output import text

        if output is None:
            text(result, Console(highlight=False, soft_wrap=True))
            return
        import io

        buf = io.StringIO()
        text(result, Console(file=buf, width=160, highlight=False, color_system=None))
        data = buf.getvalue().encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from akq_cli.core.files import atomic_write_bytes

        try:
            atomic_write_bytes(output, data)
        except OSError as exc:
            fail(t("unreadable", path=str(output), error=exc.strerror or str(exc)))
