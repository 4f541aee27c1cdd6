"""New items: the next free id, and the commented template (templates/new_item/) filled in.

Shared by `akq new` (one item, from prompts or flags) and `akq import` (many,
from a spreadsheet).  Where a person must supply content the template writes
``待填写``; the ``placeholder`` rule then points `akq lint` at each one.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from akq_cli.core import fields, vocab

PLACEHOLDER = "待填写"
KIND_CODE = {"certification": "ZM", "business_license": "XK"}
KIND_NAME = vocab.KIND
# The policy's own sentence (seed 三（七）) when catalog.yaml has no standard withdrawal text.
WITHDRAWAL = "在行政事项办结前，申请人有合理理由的，可以撤回承诺申请，撤回后应当按原程序办理。"


def matter_types() -> list[str]:
    return list(fields.get("matter_type").enum)


def default_matter_type(kind: str) -> str:
    # Business licenses are administrative licensing by definition; for certifications
    # 公共服务 is the most common class in the sample catalog, and the comment asks to check it.
    return "行政许可" if kind == "business_license" else "公共服务"


def used_ids(items_dir: Path) -> set[str]:
    """Ids taken in the catalog: file names, which the `schema`/`duplicate` rules keep equal to ids."""
    if not items_dir.is_dir():
        return set()
    return {p.stem for p in items_dir.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()}


def id_allocator(items_dir: Path, taken: Iterable[str] = ()) -> Any:
    """A function (department, kind) -> the next free id, remembering the ones it handed out."""
    used = used_ids(items_dir) | set(taken)

    def allocate(department: str, kind: str) -> str:
        prefix = f"{department}-{KIND_CODE[kind]}-"
        pattern = re.compile(re.escape(prefix) + r"([0-9]+)$")
        numbers = [(int(m.group(1)), len(m.group(1))) for i in used if (m := pattern.match(i))]
        n = max((num for num, _ in numbers), default=0) + 1
        width = max([3, *(w for _, w in numbers)])
        new = f"{prefix}{n:0{width}d}"
        used.add(new)
        return new

    return allocate


def next_id(items_dir: Path, department: str, kind: str) -> str:
    return id_allocator(items_dir)(department, kind)


def schema_path(item_path: Path) -> str:
    """The `$schema=` path for an item file: relative to the schemas/ folder above the catalog."""
    folder = item_path.parent.resolve()
    for up in (folder, *folder.parents):
        candidate = up / "schemas" / "item.schema.json"
        if candidate.is_file():
            return os.path.relpath(candidate, folder).replace(os.sep, "/")
    return "../../../schemas/item.schema.json"  # the usual layout: <repo>/catalog/items/<DEPT>/


@cache
def _env() -> Any:
    import jinja2

    from akq_cli.core.resources import resource_dir
    from akq_cli.fmt.scalars import inline

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates") / "new_item")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["q"] = lambda v: inline(str(v))
    env.filters["flow"] = lambda v: json.dumps(v, ensure_ascii=False)  # JSON is YAML's flow style
    return env


def render_item(kind: str, values: dict[str, Any]) -> str:
    """The commented YAML of a new item; ``values`` fill the template's variables."""
    context = {
        "title": PLACEHOLDER,
        "matter": PLACEHOLDER,
        "category": PLACEHOLDER,
        "issuer": PLACEHOLDER,
        "purpose": PLACEHOLDER,
        "content": PLACEHOLDER,
        "legal_basis": [{"document": f"《{PLACEHOLDER}》", "article": PLACEHOLDER, "level": "law", "guessed": False}],
        "conditions": [PLACEHOLDER],
        "materials": [PLACEHOLDER],
        "matter_type": default_matter_type(kind),
        "matter_type_note": "",
        "withdrawal": WITHDRAWAL,
        "generator": "akq new",
        "origin": "",
        **{k: v for k, v in values.items() if v not in (None, "", [])},
        "kind": kind,
        "kind_name": KIND_NAME[kind]["zh"],  # the file is for county staff: always Chinese
    }
    context.setdefault("title_hint", context["title"])
    # The registry decides which fields an item of this kind has, in which order.
    context |= {"fields": [f for f in fields.ITEM if kind in f.kinds], "given": values, "placeholder": PLACEHOLDER}
    return _env().get_template("item.yaml.j2").render(**context)


def standard_withdrawal(catalog_meta: dict[str, Any]) -> str:
    text = (catalog_meta.get("standard_text") or {}).get("withdrawal")
    return text if isinstance(text, str) and text.strip() else WITHDRAWAL
