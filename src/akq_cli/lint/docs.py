"""Write docs/rules/<id>.md from the rules' own definitions and examples.

    python -m akq_cli.lint.docs [OUT_DIR]      (default: docs/rules)
    python -m akq_cli.lint.docs --check [OUT_DIR]

Each page shows what `akq lint` actually reports for the failing examples, so
the documentation is regenerated (and tests/rules/test_docs.py fails) whenever
a rule's wording or behaviour changes.  Same rules, same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from akq_cli.core.files import atomic_write_text
from akq_cli.core.i18n import lang, set_lang
from akq_cli.lint.examples import lint_example
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import Example, Rule
from akq_cli.lint.registry import all_rules

SEVERITY = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
# document (what the reader found) and directive (suppression comments) also look at one file at a time
SCOPE = {s: "单个事项 item" for s in ("document", "item", "directive")} | {
    "catalog": "整个目录 catalog",
    "plan": "抽查计划 plan",
}


def example_findings(rule: Rule, example: Example) -> list[Finding]:
    """What `akq lint` reports for this rule on the example, in the current language."""

    return [f for f in lint_example(example) if f.rule == rule.id]


def _findings_in(rule: Rule, example: Example, language: str) -> list[Finding]:

    before = lang()
    set_lang(language)
    try:
        return example_findings(rule, example)
    finally:
        set_lang(before)


def _example(rule: Rule, example: Example, n: int, failing: bool) -> list[str]:
    out: list[str] = []
    note = f"{example.note.get('zh', '')} — {example.note.get('en', '')}" if example.note else ""
    out.append(f"### {n}. {note}" if note else f"### {n}")
    out.append("")
    if example.drop:
        out.append(f"删去键 Removed keys: `{'`, `'.join(example.drop)}`")
        out.append("")
    if example.config:
        out += ["`akq.toml` 中的设置 Settings in `akq.toml`:", "", "```toml", example.config.rstrip("\n"), "```", ""]
    out.append("```yaml")
    out.append(example.yaml.rstrip("\n"))
    out.append("```")
    out.append("")
    if failing:
        out.append("`akq lint` 报告 reports:")
        out.append("")
        out.append("```text")
        zh, en = _findings_in(rule, example, "zh"), _findings_in(rule, example, "en")
        for f, e in zip(zh, en, strict=True):
            out.append(f"{f.file}:{f.line}:{f.column} {f.pointer or '/'} {f.rule} {f.message}")
            out.append(f"    {e.message}")
        out.append("```")
        out.append("")
    if example.fix == example.yaml:
        out += ["`akq lint --fix` 不修改这里，需要人工修改。 `akq lint --fix` leaves this to a person.", ""]
    elif example.fix is not None:
        out += ["`akq lint --fix` 修正为 fixes it to:", "", "```yaml", example.fix.rstrip("\n"), "```", ""]
    return out


def page(rule: Rule) -> str:
    lines = [
        f"# {rule.id}",
        "",
        rule.summary["zh"],
        "",
        f"*English:* {rule.summary['en']}",
        "",
        "| 默认级别 Severity | 范围 Scope | 自动修正 `--fix` |",
        "|---|---|---|",
        f"| {SEVERITY[rule.severity]} | {SCOPE[rule.scope]} | {'可以 yes' if rule.fixable else '不可以 no'} |",
        "",
        "## 说明",
        "",
        rule.description["zh"],
        "",
        "## Description",
        "",
        rule.description["en"],
        "",
    ]
    lines += [
        "例子只写出与基础事项不同的键；行号和列号指补全后的事项文件。"
        " An example shows only the keys that differ from a complete base item (src/akq_cli/lint/examples.py);"
        " lines and columns refer to the completed file.",
        "",
    ]
    if rule.scope == "plan":
        lines += [
            "例子以 `# plans/…` 注释开头时，写出的是与基础抽查计划（src/akq_cli/lint/examples.py 的 PLAN）不同的键。"
            " An example starting with a `# plans/…` comment shows the keys that differ from the base inspection plan.",
            "",
        ]
    if rule.scope == "catalog":
        lines += [
            "例子中每个 `# items/…` 注释开始一个文件。Each `# items/…` comment starts one file of the example.",
            "",
        ]
    lines += ["## 不通过的例子 Failing examples", ""]
    for n, ex in enumerate(rule.bad, 1):
        lines += _example(rule, ex, n, failing=True)
    lines += ["## 通过的例子 Passing examples", ""]
    for n, ex in enumerate(rule.good, 1):
        lines += _example(rule, ex, n, failing=False)
    lines += [
        "---",
        "",
        "本页由 `python -m akq_cli.lint.docs` 根据规则定义生成，请勿手工修改。"
        " Generated from the rule's definition by `python -m akq_cli.lint.docs`; do not edit.",
        "",
    ]
    return "\n".join(lines)


def index(rules: list[Rule]) -> str:
    lines = [
        "# akq lint 规则 Rules",
        "",
        "`akq rules` 列出全部规则，`akq rules 规则编号` 说明一条规则。"
        " `akq rules` lists them; `akq rules ID` explains one.",
        "",
        "| 规则 Rule | 级别 Severity | 查找什么 | Finds |",
        "|---|---|---|---|",
    ]
    for r in rules:
        lines.append(f"| [{r.id}]({r.id}.md) | {r.severity} | {r.summary['zh']} | {r.summary['en']} |")
    lines += ["", "本页由 `python -m akq_cli.lint.docs` 生成。Generated by `python -m akq_cli.lint.docs`.", ""]
    return "\n".join(lines)


def render() -> dict[str, str]:
    """File name -> content of every page."""

    rules = list(all_rules().values())
    pages = {f"{r.id}.md": page(r) for r in rules}
    pages["README.md"] = index(rules)
    return pages


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    out = Path(args[0]) if args else Path("docs/rules")
    pages = render()
    stale = [
        name for name, text in pages.items() if not (out / name).is_file() or (out / name).read_text("utf-8") != text
    ]
    extra = sorted(p.name for p in out.glob("*.md") if p.name not in pages) if out.is_dir() else []
    if check:
        for name in stale + extra:
            print(f"{out / name}: out of date; run python -m akq_cli.lint.docs", file=sys.stderr)
        return 1 if stale or extra else 0

    out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        atomic_write_text(out / name, pages[name])
    for name in extra:
        (out / name).unlink()
    print(f"{len(pages)} pages in {out} ({len(stale)} written, {len(extra)} removed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
