"""`akq rules [RULE]`: list the rules, or explain one with its examples."""

from __future__ import annotations

from typing import Optional

import typer


def rules(rule: Optional[str] = typer.Argument(None, help="规则编号，例如 vague-term。Rule id.")) -> None:
    """列出所有检查规则，或说明一条规则。List the rules, or explain one."""
    from rich.console import Console
    from rich.syntax import Syntax
    from rich.table import Table

    from akq_cli.i18n import lang, pick
    from akq_cli.rules import all_rules

    console = Console(highlight=False)
    registry = all_rules()
    zh = lang() == "zh"
    if rule is None:
        table = Table("规则" if zh else "rule", "级别" if zh else "severity", "查找什么" if zh else "finds")
        for r in registry.values():
            table.add_row(r.id, r.severity, pick(r.summary))
        console.print(table)
        return
    r = registry.get(rule)
    if r is None:
        Console(stderr=True).print(
            f"[bold red]akq rules:[/] {'没有这条规则' if zh else 'no such rule'}: {rule}（{', '.join(registry)}）"
        )
        raise typer.Exit(2)
    console.print(f"[bold]{r.id}[/]  ({r.severity})")
    console.print(pick(r.summary))
    console.print()
    console.print(pick(r.description))
    for label, examples in (("不通过的例子" if zh else "Fails", r.bad), ("通过的例子" if zh else "Passes", r.good)):
        for ex in examples:
            console.print()
            console.print(f"[bold]{label}[/]" + (f"：{pick(ex.note)}" if ex.note else ""))
            console.print(Syntax(ex.yaml.rstrip("\n"), "yaml", theme="ansi_dark", background_color="default"))
