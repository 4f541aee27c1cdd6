"""`akq rules [RULE]`: list the rules, or explain one with its examples and what lint reports for them."""

from __future__ import annotations

from typing import Optional

import typer

from akq_cli.core.i18n import both

HELP = both("列出所有检查规则，或说明一条规则。", "List the rules, or explain one.")


def rules(rule: Optional[str] = typer.Argument(None, metavar=both("规则", "RULE"), help=both("规则编号，例如 vague-term。", "Rule id, e.g. vague-term."))) -> None:
    """List or explain rules (user-facing text: HELP)."""
    from rich.console import Console
    from rich.table import Table

    from akq_cli.core.i18n import lang, pick
    from akq_cli.lint.registry import all_rules

    console = Console(highlight=False)
    registry = all_rules()
    zh = lang() == "zh"
    if rule is None:
        table = Table("规则" if zh else "rule", "级别" if zh else "severity", "查找什么" if zh else "finds")
        for r in registry.values():
            table.add_row(r.id, r.severity, pick(r.summary))
        console.print(table)
        console.print("说明一条规则：akq rules 规则编号" if zh else "Explain one: akq rules RULE")
        return
    r = registry.get(rule)
    if r is None:
        Console(stderr=True).print(
            f"[bold red]akq rules:[/] {'没有这条规则' if zh else 'no such rule'}: {rule}（{', '.join(registry)}）",
            highlight=False,
        )
        raise typer.Exit(2)
    _explain(console, r, zh)


def _explain(console: object, r: object, zh: bool) -> None:
    from rich.console import Console
    from rich.markup import escape

    from akq_cli.core.i18n import pick
    from akq_cli.lint.docs import example_findings
    from akq_cli.lint.framework import Rule

    assert isinstance(console, Console) and isinstance(r, Rule)
    scope = ("整个目录" if r.scope == "catalog" else "单个事项") if zh else ("catalog" if r.scope == "catalog" else "item")
    fix = ("可以用 akq lint --fix 自动修正" if zh else "fixable with akq lint --fix") if r.fixable else ""
    console.print(f"[bold]{r.id}[/]  {r.severity} · {scope}" + (f" · {fix}" if fix else ""))
    console.print(pick(r.summary))
    console.print()
    console.print(escape(pick(r.description)))
    if zh:
        console.print("\n例子只写出与基础事项不同的键；行号指补全后的事项文件。")
    else:
        console.print(
            "\nExamples show only the keys that differ from a complete base item; lines refer to the completed file."
        )
    for label, examples, failing in (
        ("不通过的例子" if zh else "Fails", r.bad, True),
        ("通过的例子" if zh else "Passes", r.good, False),
    ):
        for ex in examples:
            console.print()
            colon = "：" if zh else ": "
            console.print(f"[bold]{label}[/]" + (f"{colon}{escape(pick(ex.note))}" if ex.note else ""))
            if ex.drop:
                console.print(("删去键：" if zh else "Removed keys: ") + ", ".join(ex.drop))
            if ex.config:
                console.print("akq.toml 中的设置：" if zh else "Settings in akq.toml:")
                console.print(_code(ex.config, "toml"))
            console.print(_code(ex.yaml, "yaml"))
            if failing:
                for f in example_findings(r, ex):
                    console.print(f"  → {f.file}:{f.line}:{f.column} {f.pointer} {escape(f.message)}")
            if ex.fix == ex.yaml:
                console.print("akq lint --fix 不修改这里，需要人工修改。" if zh else "akq lint --fix leaves this to a person.")
            elif ex.fix is not None:
                console.print("akq lint --fix 修正为：" if zh else "akq lint --fix fixes it to:")
                console.print(_code(ex.fix, "yaml"))


def _code(text: str, lexer: str) -> object:
    from rich.syntax import Syntax

    return Syntax(text.rstrip("\n"), lexer, theme="ansi_dark", background_color="default", word_wrap=True)
