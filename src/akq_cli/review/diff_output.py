"""Showing a semantic catalog diff: in the terminal (rich) and as Markdown for a merge request."""

from __future__ import annotations

import json
from typing import Any

from akq_cli.core.i18n import lang, pick
from akq_cli.review.semdiff import CatalogDiff, FieldChange, ItemChange, char_diff

STATUS = {
    "added": {"zh": "新增", "en": "added"},
    "removed": {"zh": "删除", "en": "removed"},
    "renamed": {"zh": "更名", "en": "renamed"},
    "changed": {"zh": "修改", "en": "changed"},
    "reformatted": {"zh": "仅格式或注释", "en": "layout/comments only"},
}
SIGN = {"added": "+", "removed": "-", "renamed": "→", "changed": "~", "reformatted": "·"}
LEGAL = {"zh": "需法律审核", "en": "needs legal review"}
OP = {
    "added": {"zh": "新增", "en": "added"},
    "removed": {"zh": "删除", "en": "removed"},
    "changed": {"zh": "修改", "en": "changed"},
}


def colon() -> str:
    return "：" if lang() == "zh" else ": "


def show_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def summary_line(diff: CatalogDiff) -> str:
    c = diff.counts()
    if lang() == "zh":
        return (
            f"新增 {c['added']} · 删除 {c['removed']} · 更名 {c['renamed']} · 修改 {c['changed']}"
            f" · 仅格式或注释 {c['reformatted']} · 需法律审核 {c['legal_review']}"
        )
    return (
        f"added {c['added']} · removed {c['removed']} · renamed {c['renamed']} · changed {c['changed']}"
        f" · layout only {c['reformatted']} · legal review {c['legal_review']}"
    )


def item_heading(it: ItemChange) -> str:
    name = f"{it.id} {it.title}".strip()
    if it.status == "renamed":
        name = f"{it.old_id} → {name}"
    return name


def where(it: ItemChange) -> str:
    if it.status == "renamed" and it.old_path != it.path:
        return f"{it.old_path} → {it.path}"
    return it.path or it.old_path or ""


# --- terminal -----------------------------------------------------------------------------------------


def _text_diff(old: str, new: str, color: bool) -> tuple[Any, Any]:
    from rich.text import Text

    a, b = Text("  - ", style="red"), Text("  + ", style="green")
    for op, chunk in char_diff(old, new):
        if op == "=":
            a.append(chunk)
            b.append(chunk)
        elif op == "-":
            a.append(chunk if color else f"[-{chunk}-]", style="bold red reverse" if color else None)
        else:
            b.append(chunk if color else f"{{+{chunk}+}}", style="bold green reverse" if color else None)
    return a, b


def render_change_text(ch: FieldChange, console: Any, color: bool) -> None:
    from rich.text import Text

    head = Text("    ")
    if ch.legal:
        head.append(f"⚖ {pick(LEGAL)} ", style="bold magenta")
    head.append(ch.label, style="bold")
    head.append(f"（{ch.pointer}）" if lang() == "zh" else f" ({ch.pointer})", style="dim")
    head.append(f" {pick(OP[ch.op])}", style="cyan")
    console.print(head)
    if ch.op == "changed" and isinstance(ch.old, str) and isinstance(ch.new, str):
        for line in _text_diff(ch.old, ch.new, color):
            console.print(line)
        return
    if ch.op != "added":
        console.print(Text("  - " + show_value(ch.old), style="red"))
    if ch.op != "removed":
        console.print(Text("  + " + show_value(ch.new), style="green"))


def render_text(diff: CatalogDiff, console: Any) -> None:
    from rich.text import Text

    color = console.color_system is not None
    console.print(Text(f"{diff.base.label} → {diff.head.label}", style="bold"))
    console.print(summary_line(diff))
    if not diff.items and not diff.files:
        console.print(pick({"zh": "目录清单没有变化。", "en": "The catalog did not change."}))
        return
    for it in [*diff.items, *diff.files]:
        console.print()
        line = Text(f"{SIGN[it.status]} {pick(STATUS[it.status])}  ", style="bold")
        line.append(item_heading(it), style="bold")
        if it.legal_review:
            line.append(f"  ⚖ {pick(LEGAL)}", style="bold magenta")
        console.print(line)
        console.print(Text(f"  {where(it)}", style="dim"))
        if it.unreadable:
            console.print(
                pick(
                    {
                        "zh": "  文件无法解析为 YAML，无法逐项比较；请运行 akq lint 查看原因。",
                        "en": "  The file is not valid YAML and cannot be compared; run akq lint to see why.",
                    }
                )
            )
        if it.status == "renamed" and it.similarity is not None:
            console.print(Text(pick({"zh": f"  内容相似度 {it.similarity:.0%}", "en": f"  similarity {it.similarity:.0%}"}), style="dim"))
        for ch in it.changes:
            render_change_text(ch, console, color)


# --- Markdown -------------------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Text that Markdown and the HTML inside it show literally (GitLab and GitHub)."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]|#~":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", "<br>")


def md_char_diff(old: str, new: str) -> tuple[str, str]:
    a, b = [], []
    for op, chunk in char_diff(old, new):
        if op == "=":
            a.append(md_escape(chunk))
            b.append(md_escape(chunk))
        elif op == "-":
            a.append(f"<del>{md_escape(chunk)}</del>")
        else:
            b.append(f"<ins>{md_escape(chunk)}</ins>")
    return "".join(a), "".join(b)


def md_change_rows(it: ItemChange) -> list[str]:
    zh = lang() == "zh"
    rows = ["| | 字段 | 原内容 | 新内容 |" if zh else "| | field | before | after |", "|---|---|---|---|"]
    for ch in it.changes:
        mark = "⚖️" if ch.legal else ""
        if ch.op == "changed" and isinstance(ch.old, str) and isinstance(ch.new, str):
            old, new = md_char_diff(ch.old, ch.new)
        else:
            old = md_escape(show_value(ch.old)) if ch.op != "added" else "—"
            new = md_escape(show_value(ch.new)) if ch.op != "removed" else "—"
        rows.append(f"| {mark} | {md_escape(ch.label)}<br>`{ch.pointer}` | {old} | {new} |")
    return rows


def render_markdown_items(diff: CatalogDiff, level: int = 3) -> list[str]:
    h = "#" * level
    out: list[str] = []
    for it in [*diff.items, *diff.files]:
        legal = f" ⚖️ {pick(LEGAL)}" if it.legal_review else ""
        out.append(f"{h} {pick(STATUS[it.status])}{colon()}{md_escape(item_heading(it))}{legal}")
        out.append("")
        out.append(f"`{where(it)}`" + (f"（{pick({'zh': '内容相似度', 'en': 'similarity'})} {it.similarity:.0%}）" if it.similarity else ""))
        out.append("")
        if it.unreadable:
            out.append(pick({"zh": "> 文件无法解析为 YAML，无法逐项比较。", "en": "> The file is not valid YAML; no field comparison."}))
            out.append("")
        if it.changes and it.status != "added":
            out.extend(md_change_rows(it))
            out.append("")
        if it.status == "added" and it.data:
            out.extend(md_values(it.data))
            out.append("")
    return out


def leaves(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """(pointer, value) of every scalar, and of empty lists and mappings, in document order."""
    if isinstance(value, dict) and value:
        return [pair for k, v in value.items() for pair in leaves(v, f"{pointer}/{k}")]
    if isinstance(value, list) and value:
        return [pair for i, v in enumerate(value) for pair in leaves(v, f"{pointer}/{i}")]
    return [(pointer, value)]


def md_values(data: dict[str, Any]) -> list[str]:
    """A new item's values, folded: the reviewer reads them before the checklist."""
    from akq_cli.review.semdiff import label

    zh = lang() == "zh"
    rows = ["<details><summary>" + ("查看全部内容" if zh else "show all values") + "</summary>", ""]
    rows += ["| 字段 | 内容 |" if zh else "| field | value |", "|---|---|"]
    for pointer, value in leaves(data):
        rows.append(f"| {md_escape(label(pointer))} | {md_escape(show_value(value))} |")
    return [*rows, "", "</details>"]
