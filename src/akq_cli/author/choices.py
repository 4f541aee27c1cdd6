"""What a clerk may type for a department, a kind or a matter type, and what it means.

`akq new` (options and prompts) and `akq import` (options) read answers the same way:
a department code in any case (sfj -> SFJ) or the department's name; a kind by its
code or its Chinese name (证明事项). Each check returns the value, or why not in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from akq_cli.author.scaffold import KIND_NAME, matter_types

KINDS = tuple(KIND_NAME)

Check = Callable[[str], "tuple[str | None, dict[str, str]]"]


def department_of(departments: dict[str, Any]) -> Check:
    """Answer -> department code: the code in any case (sfj -> SFJ) or the department's name."""

    def check(answer: str) -> tuple[str | None, dict[str, str]]:
        text = answer.strip()
        for code, dep in departments.items():
            if text.upper() == code.upper() or (text and text == dep.get("name")):
                return code, {}
        known = "、".join(f"{k}（{v.get('name', '')}）" for k, v in departments.items())
        if not text:
            return None, {"zh": f"部门代码不能为空。可选：{known}。", "en": f"The department is required. Known: {', '.join(departments)}."}
        return None, {
            "zh": f"departments.yaml 中没有部门代码“{text}”。可选：{known}。新部门请先在 departments.yaml 中添加。",
            "en": f"No department '{text}' in departments.yaml. Known: {', '.join(departments)}. Add a new one there first.",
        }

    return check


def kind_of(answer: str) -> tuple[str | None, dict[str, str]]:
    """Answer -> kind: certification / business_license in any case, or the Chinese name (证明事项)."""
    text = answer.strip()
    for kind, names in KIND_NAME.items():
        if text.lower() == kind or text in (names["zh"], names["en"]):
            return kind, {}
    choices = "、".join(f"{k}（{v['zh']}）" for k, v in KIND_NAME.items())
    return None, {"zh": f"事项类型“{text}”不对，可选：{choices}。", "en": f"Unknown kind '{text}'; use one of: {', '.join(KINDS)}."}


def matter_type_of(answer: str) -> tuple[str | None, dict[str, str]]:
    text = answer.strip()
    if text in matter_types():
        return text, {}
    return None, {
        "zh": f"行政事项类别“{text}”不对，可选：{'、'.join(matter_types())}。",
        "en": f"Unknown matter type '{text}'; use one of: {', '.join(matter_types())}.",
    }
