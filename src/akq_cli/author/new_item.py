"""`akq new`: ask for (or take from options) what a new item needs, check it, and write the scaffold."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.prompt import Prompt

from akq_cli.author.refusal import Refused, exit_code
from akq_cli.author.scaffold import (
    KIND_NAME,
    default_matter_type,
    matter_types,
    next_id,
    render_item,
    schema_path,
    standard_withdrawal,
)
from akq_cli.core.catalog import load_catalog
from akq_cli.core.files import atomic_write_text
from akq_cli.core.i18n import lang, pick
from akq_cli.core.paths import display_path
from akq_cli.core.state import CatalogError
from akq_cli.core.vocab import POLICY_AREAS

KINDS = ("certification", "business_license")


@exit_code
def create(
    department: str | None,
    kind: str | None,
    title: str | None,
    matter: str | None,
    category: str | None,
    matter_type: str | None,
    catalog: Path | None,
    no_input: bool,
) -> None:
    """`akq new`: write one new item (exit code 0), or say why not (exit code 2, see exit_code)."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def fail(zh: str, en: str) -> None:
        err.print(f"[bold red]akq new:[/] {pick({'zh': zh, 'en': en})}")
        raise Refused

    try:
        cat = load_catalog(catalog, with_items=False)
    except CatalogError as exc:
        fail(exc.message(), exc.message())
    departments = cat.departments
    interactive = not no_input and sys.stdin.isatty()

    if interactive:
        zh = lang() == "zh"

        def ask(zh_text: str, en_text: str, choices: list[str] | None = None, default: str = "") -> str:
            return Prompt.ask(
                zh_text if zh else en_text,
                console=err,
                choices=choices,
                default=default or None,
                show_choices=bool(choices and len(choices) < 4),
            ) or ""

        if department is None:
            for dep_id, dep in departments.items():
                err.print(f"  {dep_id}  {dep.get('name', '')}")
            department = ask("部门代码", "Department id", list(departments))
        if kind is None:
            err.print("  certification     证明事项\n  business_license  涉企经营许可事项")
            kind = ask("事项类型", "Kind", list(KINDS), "certification")
        if title is None:
            title = ask("事项名称（可留空）", "Title (may be left empty)")
        if matter is None:
            matter = ask("申请事项名称（可留空）", "Matter (may be left empty)")
        if category is None:
            err.print("  " + "、".join(POLICY_AREAS))
            category = ask("领域（可留空）", "Policy area (may be left empty)")
        if matter_type is None:
            err.print("  " + "、".join(matter_types()))
            matter_type = ask("行政事项类别", "Matter type", matter_types(), default_matter_type(kind))

    if department is None or kind is None:
        fail(
            "请用 --department 和 --kind 指定部门代码和事项类型，例如：akq new --department SFJ --kind certification --no-input",
            "Give --department and --kind, e.g. akq new --department SFJ --kind certification --no-input",
        )
    if kind not in KINDS:
        fail(f"事项类型“{kind}”不对，可选：{'、'.join(KINDS)}。", f"Unknown kind '{kind}'; use one of: {', '.join(KINDS)}.")
    if department not in departments:
        known = "、".join(f"{k}（{v.get('name', '')}）" for k, v in departments.items())
        fail(
            f"departments.yaml 中没有部门代码“{department}”。可选：{known}。新部门请先在 departments.yaml 中添加。",
            f"No department '{department}' in departments.yaml. Known: {', '.join(departments)}. Add a new one there first.",
        )
    if matter_type and matter_type not in matter_types():
        fail(
            f"行政事项类别“{matter_type}”不对，可选：{'、'.join(matter_types())}。",
            f"Unknown matter type '{matter_type}'; use one of: {', '.join(matter_types())}.",
        )

    item_id = next_id(cat.items_dir, department, kind)
    path = cat.items_dir / department / f"{item_id}.yaml"
    if path.exists():  # cannot happen unless someone writes the file right now; never overwrite
        fail(f"{display_path(path)} 已存在，未覆盖。", f"{display_path(path)} already exists; not overwritten.")
    text = render_item(
        kind,
        {
            "id": item_id,
            "title": title,
            "matter": matter,
            "category": category,
            "matter_type": matter_type,
            "department": department,
            "department_name": departments[department].get("name", department),
            "withdrawal": standard_withdrawal(cat.meta),
            "schema_path": schema_path(path),
            "display_path": display_path(path),
        },
    )
    atomic_write_text(path, text)
    shown = display_path(path)
    sys.stdout.write(shown + "\n")
    err.print(
        pick(
            {
                "zh": f"已新建{KIND_NAME[kind]['zh']} {item_id}（{departments[department].get('name', department)}）。\n"
                f"下一步：1. 用编辑器打开 {shown}，把“待填写”换成实际内容；\n"
                f"        2. akq lint {shown}  检查；\n"
                f"        3. akq fmt {shown}   统一格式；\n"
                f"        4. 把 status 改为 submitted 后提交审核（akq review 可预览审核意见）。",
                "en": f"Created {KIND_NAME[kind]['en']} {item_id}.\n"
                f"Next: 1. open {shown} and replace every 待填写 with the real content;\n"
                f"      2. akq lint {shown}; 3. akq fmt {shown}; 4. set status to submitted and submit it for review.",
            }
        )
    )
