"""`akq report`: implementation status per department, for the report to the county government."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def report(
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、markdown、xlsx、json。Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写到文件（xlsx 必须指定）。Write to a file."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", help="统计日期 YYYY-MM-DD，默认今天（或 SOURCE_DATE_EPOCH）。Report date."
    ),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="目录清单所在目录；默认自动查找。Catalog folder."),
) -> None:
    """各部门落实情况：事项类型和状态、检查结果、重点领域覆盖、待批准和逾期未公布的事项。Implementation report."""
    # Imported here: cli.py imports every command module at start-up.
    from akq_cli.report.present import run_report

    raise typer.Exit(run_report(catalog, format, output, as_of))
