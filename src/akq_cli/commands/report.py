"""`akq report`: implementation status per department, for the report to the county government."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import catalog_option, output_option
from akq_cli.core.i18n import both

HELP = both(
    "各部门落实情况：事项类型和状态、检查结果、重点领域覆盖、待批准和逾期未公布的事项。",
    "Implementation report per department: kinds and statuses, lint results, coverage of key areas, items awaiting approval or overdue.",
)


def report(
    format: str = typer.Option("text", "--format", "-f", help=both("输出格式：text、markdown、xlsx、json。", "Output format: text, markdown, xlsx, json.")),
    output: Optional[Path] = output_option("写到文件（xlsx 必须指定）。", "Write to a file (required for xlsx)."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", help=both("统计日期 YYYY-MM-DD，默认今天（或 SOURCE_DATE_EPOCH）。", "Report date YYYY-MM-DD; default: today (or SOURCE_DATE_EPOCH).")
    ),
    catalog: Optional[Path] = catalog_option(),
    ledger: Optional[str] = typer.Option(
        None, "--ledger", help=both("加入告知承诺台账的统计；默认读 akq.toml 的 [ledger] 或 AKQ_LEDGER，未设置台账则不加。",
                                    "Add the commitment ledger's statistics; default: akq.toml [ledger] or AKQ_LEDGER, none if unset."),
    ),
) -> None:
    """Implementation report (user-facing text: HELP)."""
    # Imported here: cli.py imports every command module at start-up.
    from akq_cli.report.present import run_report

    raise typer.Exit(run_report(catalog, format, output, as_of, ledger))
