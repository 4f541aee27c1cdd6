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
            "department、issuer、purpose、legal_basis、content、conditions、materials、kind、`keep`（保存在 `source` 中）、"
            "`level`、`refusal`、`handling`、ignore（不导入）。没有对应字段的列会列出，内容保存在草稿的 `source` 中。",
            "Map unusual headings to fields, e.g. 'heading=title,other=matter'. Fields: id, title, matter, matter_type, "
            "category, department, issuer, purpose, legal_basis, content, conditions, materials, kind, keep, level, "
            "refusal, handling, ignore. Unmapped columns are listed and kept in the draft's source.cells.",
        ),
    ),
    mapping: Optional[Path] = typer.Option(
        None,
        "--mapping",
        metavar=both("映射文件", "FILE.toml"),
        help=both(
            "表头对应文件（TOML），可以和表格放在一起，每次导入同一张表时使用。例如 公安局清单.toml：\n\n"
            "`sheet = \"证明事项清单\"`（可选：工作表）\n\n"
            "`department = \"GAJ\"`（可选：整张表属于一个部门）\n\n"
            "`[columns]`\n\n"
            "`\"实施基本情况/索要单位\" = \"department\"`（两行表头写成“上一行/下一行”）\n\n"
            "`\"证明用途\" = \"matter\"`\n\n"
            "`\"行使层级\" = \"keep\"`（没有对应字段：保存在草稿的 `source` 中，不再提示）\n\n"
            "字段除 --columns 所列外，还可写 `keep`（保存不提示）、`level`（效力层级）、`refusal`（不能实行告知承诺的原因）、"
            "`handling`（取消后办理方式）。--columns 与文件同时给出时以 --columns 为准。",
            "A heading map (TOML) kept beside the sheet: optional sheet, department, kind, and a [columns] table "
            "\"HEADING\" = \"FIELD\" (a two-row heading as \"GROUP/SUB\"); besides the fields, keep, level, refusal, handling.",
        ),
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help=both("有任何一列没有对应字段时不导入（退出码 2）。", "Refuse a sheet with an unmapped column (exit 2)."),
    ),
    sheet: Optional[str] = typer.Option(None, "--sheet", help=both("工作表名称，默认第一个。", "Worksheet name; default: the first.")),
    force: bool = typer.Option(False, "--force", help=both("覆盖目录中已有的同名事项。", "Overwrite existing items of the same id.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=both("只显示将导入什么，不写文件。", "Show what would be written without writing.")),
    catalog: Optional[Path] = catalog_option(),
) -> None:
    """Import a spreadsheet (user-facing text: HELP)."""
    from akq_cli.author.import_items import import_sheet  # imported on use: every command module loads at start-up

    code = import_sheet(file, department, kind, columns, sheet, force, dry_run, catalog, mapping, strict)
    if code:
        raise typer.Exit(code)
