"""New items: the next free id, and the commented template (templates/new_item/) filled in.

Shared by `akq new` (one item, from prompts or flags) and `akq import` (many,
from a spreadsheet).  Where a person must supply content the template writes
``待填写``; the ``placeholder`` rule then points `akq lint` at each one.

Values are never pasted into YAML text: the template's ``{{ x | q }}`` leaves a
stand-in, and ruamel.yaml writes the value in its place (akq_cli.fmt.roundtrip),
quoted as `akq fmt` would; any other ``{{ x }}`` (in a comment) is made one line.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from akq_cli.core import fields, vocab
from akq_cli.core.resources import resource_dir
from akq_cli.fmt import roundtrip

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
    return {p.stem for p in items_dir.rglob("*") if p.suffix.lower() in (".yaml", ".yml") and p.is_file()}


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


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# what YAML allows in a comment besides tabs and spaces (its c-printable set, less line breaks and the BOM)
_UNPRINTABLE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def comment_text(value: Any) -> str:
    """``value`` as text that cannot leave the comment line a template writes it into."""
    return _UNPRINTABLE.sub("", _LINE_BREAK.sub(" ", str(value)))


@jinja2.pass_context
def _slot(context: Any, value: Any) -> str:
    """The `q` filter: a stand-in now, the value itself written by ruamel.yaml in `render_item`."""
    slots: list[Any] = context["slots"]
    slots.append(value)
    return roundtrip.slot(len(slots) - 1)


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates") / "new_item")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        # every {{ … }}: values are stand-ins by then, the rest is comment text, except a field's
        # whole block written by a macro (`| block`), whose values went through `q` inside it
        finalize=lambda v: v if isinstance(v, markupsafe.Markup) else comment_text(v),
    )
    env.filters["q"] = _slot
    env.filters["block"] = markupsafe.Markup
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
        "source": None,  # akq import's: where the draft came from
        **{k: v for k, v in values.items() if v not in (None, "", [])},
        "kind": kind,
        "kind_name": KIND_NAME[kind]["zh"],  # the file is for county staff: always Chinese
    }
    context.setdefault("title_hint", context["title"])
    # The registry decides which fields an item of this kind has, in which order; a field of another kind
    # that the clerk filled in (a certification's 材料要求 column) is kept too, so lint reads it.
    wanted = [f for f in fields.ITEM if kind in f.kinds or values.get(f.key) not in (None, "", [])]
    context |= {"fields": wanted, "given": values, "placeholder": PLACEHOLDER}
    slots: list[Any] = []
    skeleton = _env().get_template("item.yaml.j2").render(**context, slots=slots)
    return roundtrip.fill(skeleton, slots, Path(f"{values.get('id', 'new')}.yaml"))


def standard_withdrawal(catalog_meta: dict[str, Any]) -> str:
    text = (catalog_meta.get("standard_text") or {}).get("withdrawal")
    return text if isinstance(text, str) and text.strip() else WITHDRAWAL
