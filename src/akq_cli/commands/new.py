"""`akq new`: scaffold an item with the next free id, every field commented, ready to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def new(
    department: Optional[str] = typer.Option(None, "--department", "-d", help="部门代码，例如 SFJ。Department id."),
    kind: Optional[str] = typer.Option(
        None, "--kind", "-k", help="certification 证明事项，business_license 涉企经营许可事项。Item kind."
    ),
    title: Optional[str] = typer.Option(None, "--title", help="事项名称，例如 无犯罪记录证明。Item title."),
    matter: Optional[str] = typer.Option(None, "--matter", help="申请事项名称，例如 申请法律援助。Administrative matter."),
    category: Optional[str] = typer.Option(None, "--category", help="领域，例如 法律服务。Policy area."),
    matter_type: Optional[str] = typer.Option(None, "--matter-type", help="行政事项类别，例如 行政确认。"),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="目录清单所在目录；默认自动查找。Catalog folder."),
    no_input: bool = typer.Option(
        False, "--no-input", help="不提问，缺少的内容写成“待填写”（用于脚本）。Never prompt; for scripts."
    ),
) -> None:
    """新建一个事项文件：自动编号，每个字段都有中文注释和示例。Scaffold a new catalog item."""
    from akq_cli.author.new_item import create  # imported on use: every command module loads at start-up

    code = create(department, kind, title, matter, category, matter_type, catalog, no_input)
    if code:
        raise typer.Exit(code)
