"""`akq laws`: the law-currency register, each instrument's status and the items that cite it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import catalog_option, output_option
from akq_cli.core.i18n import both

HELP = both(
    "列出法律法规登记表：每部法律法规的文号、施行日期、现行状态、由哪部上位法规定，以及引用它的事项。",
    "List the law register: each instrument's number, dates, status, governing instruments and the items citing it.",
)


def laws(
    format: str = typer.Option("text", "--format", "-f", help=both("输出格式：text、json、csv（可用电子表格软件直接打开）。", "Output format: text, json, csv (with BOM, for Excel).")),
    output: Optional[Path] = output_option("写到文件。", "Write to a file."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar=both("日期", "DATE"), help=both("按这一天（YYYY-MM-DD）判断状态，默认今天。", "Status as of this day (YYYY-MM-DD); default today.")
    ),
    catalog: Optional[Path] = catalog_option(),
) -> None:
    """List the law register (user-facing text: HELP)."""
    # Imported here: cli.py imports every command module at start-up.
    from akq_cli.report.laws import run_laws

    raise typer.Exit(run_laws(catalog, format, output, as_of))
