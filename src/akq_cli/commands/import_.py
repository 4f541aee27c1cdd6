"""`akq import`: a department's spreadsheet list (xlsx or CSV) into draft items."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def import_(
    file: Path = typer.Argument(..., help="电子表格文件：.xlsx 或 .csv（UTF-8 或 GBK）。Spreadsheet to import."),
    department: Optional[str] = typer.Option(
        None, "--department", "-d", help="所有行都属于这个部门（部门代码，例如 SFJ）。Department of every row."
    ),
    kind: Optional[str] = typer.Option(
        None, "--kind", "-k", help="表格中没有类型列时的事项类型，默认 certification。Kind when the sheet has none."
    ),
    columns: Optional[str] = typer.Option(
        None,
        "--columns",
        help="表头与字段的对应，例如 '证明材料=title,用于=matter'。字段：id、title、matter、matter_type、category、"
        "department、issuer、purpose、legal_basis、content、conditions、materials、kind、ignore（不导入）。Map unusual headings.",
    ),
    sheet: Optional[str] = typer.Option(None, "--sheet", help="工作表名称，默认第一个。Worksheet name."),
    force: bool = typer.Option(False, "--force", help="覆盖目录中已有的同名事项。Overwrite existing items."),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将导入什么，不写文件。Show what would be written."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="目录清单所在目录；默认自动查找。Catalog folder."),
) -> None:
    """把部门的电子表格清单导入为草稿事项，并列出无法导入的行及原因。Import a spreadsheet list as draft items."""
    from akq_cli.author.import_items import import_sheet  # imported on use: every command module loads at start-up

    code = import_sheet(file, department, kind, columns, sheet, force, dry_run, catalog)
    if code:
        raise typer.Exit(code)
