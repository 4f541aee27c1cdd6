"""The canonical layout of catalog files, as `akq fmt` writes it.

- keys in the order of the item model (the order of ``properties`` in the JSON
  Schema, which follows the spec's table); keys the schema does not know keep
  their order after the known ones;
- two spaces of indentation; lists in block style, their dashes indented under
  their key;
- scalars plain where that reads back the same, else single-quoted, else
  double-quoted (akq_cli.fmt.scalars); multi-line text as a literal block;
- every comment kept, next to the value it belongs to (akq_cli.fmt.comments);
- LF line ends, no BOM, one newline at the end.

Every other change of a value goes through ruamel.yaml's round trip
(akq_cli.fmt.roundtrip); this module is the one piece that does not, because
it moves keys.  ruamel.yaml keeps a comment that sits above a key as the
*previous* key's trailing comment, so when keys are reordered the comment
stays behind with the wrong key (tests/authoring/test_fmt.py::
test_ruamel_reorder_leaves_comments_behind shows it).  Here each comment is
attached to its value first (akq_cli.fmt.comments), so it moves with it.
Scalars are written with akq_cli.fmt.scalars, the same quoting rules the
round trip uses, so there is one canonical style.  Every result is parsed
again and compared with the input (values and comments) before anyone writes
it: a bug here can refuse to format a file, but never lose a value or a
comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core.i18n import MESSAGES, pick
from akq_cli.core.loader import Document, Node, read_document
from akq_cli.core.resources import schema as schema_named
from akq_cli.core.state import is_plan_name
from akq_cli.fmt.comments import Comments, Line, extract
from akq_cli.fmt.scalars import inline, key_text, render

INDENT = 2
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
_WORD = re.compile(r"\w+")


class FormatError(Exception):
    """A file that cannot be formatted; ``line``/``column`` point at the cause."""

    def __init__(self, texts: dict[str, str], line: int = 1, column: int = 1) -> None:
        super().__init__(texts.get("en", ""))
        self.texts, self.line, self.column = texts, line, column

    def message(self) -> str:
        return pick(self.texts)


def schema_for(path: Path) -> dict[str, Any]:
    """The schema whose property order lays out this file (a plan's own: the item order would scatter its keys)."""
    if is_plan_name(path.as_posix()):
        return schema_named("plan")
    name = {"catalog.yaml": "catalog", "departments.yaml": "departments"}.get(path.name, "item")
    return schema_named(name)


def _props(schema: dict[str, Any] | None) -> list[str]:
    if not isinstance(schema, dict):
        return []
    return list((schema.get("properties") or {}).keys())


def _child_schema(schema: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    if not isinstance(schema, dict):
        return None
    return (schema.get("properties") or {}).get(key)


def _item_schema(schema: dict[str, Any] | None) -> dict[str, Any] | None:
    if not isinstance(schema, dict):
        return None
    items = schema.get("items")
    return items if isinstance(items, dict) else None


def _enum_list(schema: dict[str, Any] | None) -> bool:
    """Whether the schema allows a list whose entries come from an enum."""
    if not isinstance(schema, dict):
        return False
    items = schema.get("items")
    if isinstance(items, dict) and "enum" in items:
        return True
    return any(_enum_list(alt) for alt in schema.get("oneOf", []) + schema.get("anyOf", []))


def ordered_keys(keys: list[str], schema: dict[str, Any] | None) -> list[str]:
    known = _props(schema)
    present = set(keys)
    first = [k for k in known if k in present]
    return first + [k for k in keys if k not in set(known)]


@dataclass
class _Emitter:
    comments: Comments
    out: list[str] = field(default_factory=list)

    def lines(self, lines: list[Line], indent: int) -> None:
        pad = " " * indent
        for ln in lines:
            self.out.append("" if ln is None else pad + ln)

    def tail(self, ptr: str, indent: int) -> None:
        """End-of-line comments beyond the first, and comments that trail the value."""
        self.lines(self.comments.eol.get(ptr, [])[1:], indent)
        self.lines(self.comments.trailing.get(ptr, []), indent)

    def eol(self, *ptrs: str) -> str:
        first = next((self.comments.eol[p][0] for p in ptrs if self.comments.eol.get(p)), None)
        return f"  {first}" if first else ""

    def entry(self, head: str, node: Node, indent: int, schema: dict[str, Any] | None, eol: str) -> None:
        """``head`` is the text before the value: ``key:`` or ``-`` with its indentation."""
        value = node.value
        if isinstance(value, dict) and value and self.inline_mapping(node, schema):
            pairs = ", ".join(f"{key_text(k)}: {value[k].value}" for k in ordered_keys(list(value), schema))
            self.out.append(f"{head} {{{pairs}}}{eol}")
        elif isinstance(value, dict) and value:
            self.out.append(head + eol)
            self.mapping(node, indent + INDENT, schema)
        elif isinstance(value, list) and value and self.inline_list(node, schema):
            self.out.append(f"{head} [{', '.join(c.value for c in value)}]{eol}")
        elif isinstance(value, list) and value:
            self.out.append(head + eol)
            self.sequence(node, indent + INDENT, _item_schema(schema))
        elif isinstance(value, dict):
            self.out.append(head + " {}" + eol)
        elif isinstance(value, list):
            self.out.append(head + " []" + eol)
        else:
            text, extra = render(value, indent + INDENT)
            self.out.append(f"{head} {text}{eol}")
            self.out.extend(extra)

    def inline_list(self, node: Node, schema: dict[str, Any] | None) -> bool:
        """Lists of codes from a fixed set (``[written, electronic]``) stay on one line, unless commented."""
        if not _enum_list(schema):
            return False
        c = self.comments
        for child in node.value:
            value = child.value
            if not isinstance(value, str) or not _CODE.fullmatch(value) or inline(value) != value:
                return False
            if child.pointer in c.leading or child.pointer in c.eol or child.pointer in c.trailing:
                return False
        return True

    def inline_mapping(self, node: Node, schema: dict[str, Any] | None) -> bool:
        """A mapping of codes and whole numbers only (``timing: {amount: 15, unit: workday, from: accepted}``)
        stays on one line, unless commented: its schema's every key is an enum or an integer."""
        props = (schema or {}).get("properties") or {}
        if not props or not all("enum" in p or p.get("type") == "integer" for p in props.values()):
            return False
        c = self.comments
        for key, child in node.value.items():
            value = child.value
            if key not in props or child.pointer in c.leading or child.pointer in c.eol or child.pointer in c.trailing:
                return False
            # a word (a code, or the 待填写 `akq new` leaves) keeps the line; text with spaces or marks does not
            if isinstance(value, bool) or not (
                isinstance(value, int) or (isinstance(value, str) and _WORD.fullmatch(value) and inline(value) == value)
            ):
                return False
        return True

    def mapping(self, node: Node, indent: int, schema: dict[str, Any] | None, dash: str | None = None) -> None:
        children: dict[str, Node] = node.value
        for i, key in enumerate(ordered_keys(list(children), schema)):
            child = children[key]
            ptr = child.pointer
            if dash is not None and i == 0:
                prefix = dash
                eol = self.eol(ptr, node.pointer)
            else:
                self.lines(self.comments.leading.get(ptr, []), indent)
                prefix = " " * indent
                eol = self.eol(ptr)
            self.entry(f"{prefix}{key_text(key)}:", child, indent, _child_schema(schema, key), eol)
            self.tail(ptr, indent)

    def sequence(self, node: Node, indent: int, schema: dict[str, Any] | None) -> None:
        for child in node.value:
            ptr = child.pointer
            self.lines(self.comments.leading.get(ptr, []), indent)
            dash = " " * indent + "- "
            value = child.value
            if isinstance(value, dict) and value:
                first = ordered_keys(list(value), schema)[0]
                self.lines(self.comments.leading.get(value[first].pointer, []), indent)
                self.mapping(child, indent + INDENT, schema, dash=dash)
            else:
                self.entry(dash.rstrip(), child, indent, schema, self.eol(ptr))
            self.tail(ptr, indent)


def layout(doc: Document, schema: dict[str, Any], comments: Comments | None = None) -> str:
    """The canonical text of a parsed document (no checks; see ``format_document``)."""
    root = doc.root
    assert root is not None
    comments = comments if comments is not None else extract(doc)
    em = _Emitter(comments)
    em.lines(comments.header, 0)
    value = root.value
    if isinstance(value, dict) and value:
        em.mapping(root, 0, schema)
    elif isinstance(value, list) and value:
        em.sequence(root, 0, _item_schema(schema))
    elif isinstance(value, (dict, list)):
        em.out.append("{}" if isinstance(value, dict) else "[]")
    else:
        text, extra = render(value, INDENT)
        em.out.append(text)
        em.out.extend(extra)
    em.lines(comments.footer, 0)
    return "\n".join(em.out).rstrip("\n") + "\n"


def check_usable(doc: Document) -> None:
    """Raise FormatError for a file we must not rewrite (it would lose something)."""
    fatal = [p for p in doc.problems if p.fatal]
    if fatal:
        p = fatal[0]
        texts = {lang: MESSAGES[p.code][lang].format(**p.args) for lang in ("zh", "en")}
        raise FormatError(texts, p.line, p.column)
    if doc.root is None:
        raise FormatError({"zh": "文件没有内容。", "en": "The file has no content."})


def format_document(doc: Document, schema: dict[str, Any]) -> str:
    """The canonical text of ``doc``.

    Raises FormatError when the file cannot be read, or (a bug) when the result
    would not read back to the same values and comments.
    """
    check_usable(doc)
    assert doc.root is not None
    comments = extract(doc)
    result = layout(doc, schema, comments)
    if result == doc.text:
        return result  # already canonical: nothing will be written, nothing to verify
    expected = doc.root.plain()
    again = read_document(doc.path, result.encode("utf-8"))
    same_values = again.root is not None and not again.problems and again.root.plain() == expected
    if not same_values or extract(again).texts() != comments.texts():
        raise FormatError(
            {
                "zh": "akq fmt 内部错误：格式化后的结果与原文的内容或注释不一致，已放弃修改此文件。请把这个文件发给维护人员。",
                "en": "akq fmt internal error: the formatted text would not keep every value and comment; "
                "the file was left unchanged. Please send this file to the maintainers.",
            }
        )
    return result
