"""`akq import`: a department's spreadsheet list (xlsx or CSV) into draft items."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import catalog_option
from akq_cli.core.i18n import both

HELP = both(
    "把部门的电子表格清单导入为草稿事项，并列出无法导入的行及原因。",
    "Import a department's spreadsheet list as draft items, and list the rows that cannot be imported and why.",
)


def import_(
    file: Path = typer.Argument(..., metavar=both("文件", "FILE"), help=both("电子表格文件：.xlsx 或 .csv（UTF-8 或 GBK）。", "Spreadsheet to import: .xlsx or .csv (UTF-8 or GBK).")),
    department: Optional[str] = typer.Option(
        None, "--department", "-d", help=both("所有行都属于这个部门（部门代码，例如 SFJ）。", "Department of every row (a code such as SFJ).")
    ),
    kind: Optional[str] = typer.Option(
        None, "--kind", "-k", help=both("表格中没有类型列时的事项类型，默认 certification。", "Kind when the sheet has no kind column; default: certification.")
    ),
    columns: Optional[str] = typer.Option(
        None,
        "--columns",
        help=both(
            "表头与字段的对应，例如 '证明材料=title,用于=matter'。字段：id、title、matter、matter_type、category、"
            "department、issuer、purpose、legal_basis、content、conditions、materials、kind、ignore（不导入）。",
            "Map unusual headings to fields, e.g. 'heading=title,other=matter'. Fields: id, title, matter, matter_type, "
            "category, department, issuer, purpose, legal_basis, content, conditions, materials, kind, ignore.",
        ),
    ),
    sheet: Optional[str] = typer.Option(None, "--sheet", help=both("工作表名称，默认第一个。", "Worksheet name; default: the first.")),
    force: bool = typer.Option(False, "--force", help=both("覆盖目录中已有的同名事项。", "Overwrite existing items of the same id.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=both("只显示将导入什么，不写文件。", "Show what would be written without writing.")),
    catalog: Optional[Path] = catalog_option(),
) -> None:
    """Import a spreadsheet (user-facing text: HELP)."""
    from akq_cli.author.import_items import import_sheet  # imported on use: every command module loads at start-up

    code = import_sheet(file, department, kind, columns, sheet, force, dry_run, catalog)
    if code:
        raise typer.Exit(code)
