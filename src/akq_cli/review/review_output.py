"""`akq review` output: Markdown for a merge-request comment, and the same in the terminal."""

from __future__ import annotations

from typing import Any

from akq_cli.core.i18n import lang, pick
from akq_cli.lint.findings import Finding
from akq_cli.review.diff_output import STATUS, colon, md_escape, render_markdown_items, render_text, summary_line
from akq_cli.review.review import Review

SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
ICON = {"error": "🔴", "warning": "🟡", "info": "🔵"}
CHECK_MARK = {"pass": "[x]", "fail": "[ ]", "manual": "[ ]"}
CHECK_ICON = {"pass": "✅", "fail": "❌", "manual": "✋"}


def verdict(review: Review) -> str:
    errors = sum(1 for f in review.introduced if f.severity == "error")
    if errors:
        return pick(
            {
                "zh": f"❌ 本次变更新引入 {errors} 个错误级别的问题，修正后才能合并。",
                "en": f"❌ This change introduces {errors} error-level finding(s); fix them before merging.",
            }
        )
    legal = review.diff.counts()["legal_review"]
    tail = pick({"zh": f"其中 {legal} 个事项需法律审核。", "en": f"{legal} item(s) need legal review."}) if legal else ""
    return pick(
        {"zh": "✅ 本次变更没有引入错误级别的问题。", "en": "✅ This change introduces no error-level finding. "}
    ) + tail


def _counts(review: Review) -> list[tuple[str, int]]:
    c = review.diff.counts()
    zh = lang() == "zh"
    return [
        ("新增" if zh else "added", c["added"]),
        ("删除" if zh else "removed", c["removed"]),
        ("更名" if zh else "renamed", c["renamed"]),
        ("修改" if zh else "changed", c["changed"]),
        ("需法律审核" if zh else "legal review", c["legal_review"]),
        ("新引入的问题" if zh else "introduced", len(review.introduced)),
        ("已修正的问题" if zh else "fixed", len(review.fixed)),
        ("原有问题" if zh else "pre-existing", len(review.preexisting) + review.preexisting_elsewhere),
    ]


def _finding_rows(findings: list[Finding]) -> list[str]:
    zh = lang() == "zh"
    rows = ["| 级别 | 规则 | 位置 | 说明 |" if zh else "| severity | rule | where | message |", "|---|---|---|---|"]
    for f in findings:
        where = f"`{f.file}:{f.line}:{f.column}`<br>`{f.pointer or '/'}`"
        msg = md_escape(f.message) + (f"<br>“{md_escape(f.match)}”" if f.match else "")
        rows.append(f"| {ICON[f.severity]} {SEVERITY[lang()][f.severity]} | `{f.rule}` | {where} | {msg} |")
    return rows


def markdown(review: Review) -> str:
    zh = lang() == "zh"
    d = review.diff
    out = ["## akq review：目录清单变更审核" if zh else "## akq review: catalog change review", ""]
    out.append(
        (f"基线：{md_escape(d.base.label)} → 变更后：{md_escape(d.head.label)}")
        if zh
        else f"Base: {md_escape(d.base.label)} → head: {md_escape(d.head.label)}"
    )
    out += ["", f"**{'结论' if zh else 'Verdict'}：** {verdict(review)}", ""]
    counts = _counts(review)
    out.append("| " + " | ".join(name for name, _ in counts) + " |")
    out.append("|" + "---:|" * len(counts))
    out.append("| " + " | ".join(str(n) for _, n in counts) + " |")
    out.append("")

    out.append("### 涉及的部门" if zh else "### Departments")
    out.append("")
    rows = review.department_rows()
    if rows:
        out.append("| 部门 | 新增 | 修改 | 更名 | 删除 |" if zh else "| department | added | changed | renamed | removed |")
        out.append("|---|---:|---:|---:|---:|")
        for dep, name, c in rows:
            label = f"{md_escape(name)}（{dep}）" if name else dep
            out.append(f"| {label} | {c['added']} | {c['changed']} | {c['renamed']} | {c['removed']} |")
    else:
        out.append("没有事项变化。" if zh else "No item changed.")
    out.append("")

    out.append("### 事项变更" if zh else "### Changed items")
    out.append("")
    items = render_markdown_items(d, level=4)
    out.extend(items or ["目录清单没有变化。" if zh else "The catalog did not change.", ""])

    out.append("### 检查结果（akq lint）" if zh else "### Lint findings")
    out.append("")
    sections = [
        ("新引入的问题" if zh else "Introduced by this change", review.introduced, False),
        ("已修正的问题" if zh else "Fixed by this change", review.fixed, False),
        ("原有问题（本次修改的文件中）" if zh else "Pre-existing (in the files this change touches)", review.preexisting, True),
    ]
    for title, findings, fold in sections:
        out.append(f"#### {title}（{len(findings)}）" if zh else f"#### {title} ({len(findings)})")
        out.append("")
        if not findings:
            out.append("无。" if zh else "None.")
            out.append("")
            continue
        if fold:
            out += ["<details><summary>" + ("展开" if zh else "show") + "</summary>", ""]
        out.extend(_finding_rows(findings))
        out.append("")
        if fold:
            out += ["</details>", ""]
    if review.preexisting_elsewhere:
        out.append(
            f"目录中其他文件另有 {review.preexisting_elsewhere} 个原有问题（运行 `akq lint` 查看）。"
            if zh
            else f"{review.preexisting_elsewhere} more pre-existing finding(s) elsewhere in the catalog (run `akq lint`)."
        )
        out.append("")

    out.append("### 审核清单" if zh else "### Checklist")
    out.append("")
    if not review.checklists:
        out += ["没有新增或修改的事项。" if zh else "No added or changed item.", ""]
    for it, checks in review.checklists:
        out.append(f"#### {pick(STATUS[it.status])}{colon()}{md_escape(it.id)} {md_escape(it.title)}")
        out.append("")
        for c in checks:
            detail = f"{colon()}{md_escape(c.detail)}" if c.detail else ""
            out.append(f"- {CHECK_MARK[c.state]} {CHECK_ICON[c.state]} {md_escape(c.title)}{detail}")
        out.append("")
    out.append(
        "<sub>由 akq review 生成。✋ 表示需要审核人员人工核对；⚖️ 表示改变申请人法律地位、需法律审核的修改。</sub>"
        if zh
        else "<sub>Generated by akq review. ✋: check by hand; ⚖️: changes the applicant's legal position, needs legal review.</sub>"
    )
    return "\n".join(out) + "\n"


def text(review: Review, console: Any) -> None:
    from rich.text import Text

    zh = lang() == "zh"
    render_text(review.diff, console)
    console.print()
    console.print(Text("检查结果（akq lint）" if zh else "Lint findings", style="bold underline"))
    for title, findings in (
        ("新引入的问题" if zh else "Introduced", review.introduced),
        ("已修正的问题" if zh else "Fixed", review.fixed),
        ("原有问题（本次修改的文件中）" if zh else "Pre-existing (touched files)", review.preexisting),
    ):
        console.print(Text(f"{title}{colon()}{len(findings)}", style="bold"))
        for f in findings:
            line = Text(f"  {f.file}:{f.line}:{f.column}  ")
            line.append(SEVERITY[lang()][f.severity], style={"error": "bold red", "warning": "yellow", "info": "cyan"}[f.severity])
            line.append(f"  {f.rule}  ", style="magenta")
            line.append(f.message)
            console.print(line)
    if review.preexisting_elsewhere:
        console.print(
            f"目录中其他文件另有 {review.preexisting_elsewhere} 个原有问题。"
            if zh
            else f"{review.preexisting_elsewhere} more pre-existing finding(s) elsewhere."
        )
    console.print()
    console.print(Text("审核清单" if zh else "Checklist", style="bold underline"))
    for it, checks in review.checklists:
        console.print(Text(f"{pick(STATUS[it.status])}  {it.id} {it.title}", style="bold"))
        for c in checks:
            style = {"pass": "green", "fail": "bold red", "manual": "yellow"}[c.state]
            mark = {"pass": "✔", "fail": "✘", "manual": "?"}[c.state]
            line = Text(f"  {mark} ", style=style)
            line.append(c.title)
            if c.detail:
                line.append(f"{colon()}{c.detail}", style="dim")
            console.print(line)
    console.print()
    console.print(summary_line(review.diff))
    console.print(Text(verdict(review), style="bold red" if review.blocking else "bold green"))
