"""`akq new`: scaffold an item with the next free id, every field commented, ready to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import catalog_option
from akq_cli.core.i18n import both

HELP = both(
    "新建一个事项文件：自动编号，每个字段都有中文注释和示例。",
    "Scaffold a new catalog item: the next free id, every field commented with an example.",
)


def new(
    department: Optional[str] = typer.Option(None, "--department", "-d", help=both("部门代码，例如 SFJ（大小写均可）。", "Department code, e.g. SFJ (any case).")),
    kind: Optional[str] = typer.Option(
        None, "--kind", "-k", help=both("事项类型：certification（证明事项）或 business_license（涉企经营许可事项），也可以写中文。", "Item kind: certification or business_license (the Chinese names work too).")
    ),
    title: Optional[str] = typer.Option(None, "--title", help=both("事项名称，例如 无犯罪记录证明。", "Item title.")),
    matter: Optional[str] = typer.Option(None, "--matter", help=both("申请事项名称，例如 申请法律援助。", "The administrative matter it is needed for.")),
    category: Optional[str] = typer.Option(None, "--category", help=both("领域，例如 法律服务。", "Policy area.")),
    matter_type: Optional[str] = typer.Option(None, "--matter-type", help=both("行政事项类别，例如 行政确认。", "Matter type, e.g. 行政确认.")),
    catalog: Optional[Path] = catalog_option(),
    no_input: bool = typer.Option(
        False, "--no-input", help=both("不提问，缺少的内容写成“待填写”（用于脚本）。", "Never prompt; missing texts are written as 待填写 (for scripts).")
    ),
) -> None:
    """Scaffold a new item (user-facing text: HELP)."""
    from akq_cli.author.new_item import create  # imported on use: every command module loads at start-up

    code = create(department, kind, title, matter, category, matter_type, catalog, no_input)
    if code:
        raise typer.Exit(code)
