"""`akq new`: ask for (or take from options) what a new item needs, check it, and write the scaffold."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

from rich.console import Console
from rich.markup import escape

from akq_cli.author.choices import Check, department_of, kind_of, matter_type_of
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


def free_text(answer: str) -> tuple[str | None, dict[str, str]]:
    return answer.strip(), {}


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

    def fail(zh: str, en: str) -> NoReturn:
        err.print(f"[bold red]akq new:[/] {escape(pick({'zh': zh, 'en': en}))}")
        raise Refused

    try:
        cat = load_catalog(catalog, with_items=False)
    except CatalogError as exc:
        fail(exc.message(), exc.message())
    departments = cat.departments

    def given(value: str | None, check: Check) -> str | None:
        """An option's value, checked now: a wrong one is refused before any question is asked."""
        if value is None:
            return None
        found, why = check(value)
        if found is None:
            fail(why["zh"], why["en"])
        return found

    department = given(department, department_of(departments))
    kind = given(kind, kind_of)
    matter_type = given(matter_type, matter_type_of) if matter_type else None

    if not no_input and sys.stdin.isatty():
        zh = lang() == "zh"

        def ask(zh_text: str, en_text: str, check: Check, default: str = "") -> str:
            """Ask until the answer is valid: a wrong one is said at once and asked again, nothing is lost."""
            while True:
                shown = f"{zh_text if zh else en_text}" + (f" [{default}]" if default else "")
                try:
                    answer = err.input(escape(shown) + ": ")
                except EOFError:
                    fail("已取消，没有新建事项。", "Cancelled; no item created.")
                found, why = check(answer if answer.strip() else default)
                if found is not None:
                    return found
                err.print(f"[yellow]{escape(pick(why))}[/]")

        if department is None:
            for dep_id, dep in departments.items():
                err.print(f"  {dep_id}  {escape(str(dep.get('name', '')))}")
            department = ask("部门代码", "Department id", department_of(departments))
        if kind is None:
            err.print("  certification     证明事项\n  business_license  涉企经营许可事项")
            kind = ask("事项类型", "Kind", kind_of, "certification")
        if title is None:
            title = ask("事项名称（可留空）", "Title (may be left empty)", free_text)
        if matter is None:
            matter = ask("申请事项名称（可留空）", "Matter (may be left empty)", free_text)
        if category is None:
            err.print("  " + "、".join(POLICY_AREAS))
            category = ask("领域（可留空）", "Policy area (may be left empty)", free_text)
        if matter_type is None:
            err.print("  " + "、".join(matter_types()))
            matter_type = ask("行政事项类别", "Matter type", matter_type_of, default_matter_type(kind))

    missing = [option for option, value in (("--department", department), ("--kind", kind)) if value is None]
    if missing:
        example = "akq new --department SFJ --kind certification --no-input"
        fail(
            f"请用 {' 和 '.join(missing)} 指定{'和'.join({'--department': '部门代码', '--kind': '事项类型'}[m] for m in missing)}，例如：{example}",
            f"Give {' and '.join(missing)}, e.g. {example}",
        )
    assert department is not None and kind is not None

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
