"""Changing values in a YAML file through ruamel.yaml's round-trip mode.

`akq lint --fix`, `akq fmt`'s punctuation fixes, `akq new` and `akq import`
change values here and nowhere else: the file is loaded round-trip, each new
value is set at its JSON Pointer, and ruamel.yaml writes the file back, so
that comments, key order and the quoting of every untouched value stay as
they were.  A value is never pasted into YAML text: ruamel's emitter writes
it, in the style `akq fmt` would choose (akq_cli.fmt.scalars), or in the
value's old style when that still reads back the same.

Every result is read again with the linter's own reader and compared with
what we meant to write (values and comments) before anyone writes it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
    SingleQuotedScalarString,
)

from akq_cli.core.loader import Document, Node, read_document
from akq_cli.fmt.comments import extract
from akq_cli.fmt.scalars import literal_ok, plain_ok, single_ok

WIDTH = 1_000_000_000  # never fold a long line: Chinese text has no spaces to fold at, and diffs stay one line


class EditError(ValueError):
    """An edit that would not read back as meant (a value or a comment would change)."""


@dataclass(frozen=True)
class Indent:
    """ruamel.yaml's indentation settings: mapping indent, sequence indent, dash offset."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


CANONICAL = Indent()  # two spaces, list dashes indented under their key: the layout of `akq fmt`


def _null(representer: RoundTripRepresenter, _: None) -> Any:
    # ruamel writes None as an empty value; the catalog (and `akq fmt`) spells it `null`
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml(indent: Indent) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = WIDTH
    y.allow_unicode = True
    y.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    y.representer.add_representer(type(None), _null)
    return y


def load(text: str) -> Any:
    """The round-trip tree of ``text`` (CommentedMap / CommentedSeq / scalars); EditError if ruamel cannot read it."""
    try:
        return _yaml(CANONICAL).load(text)
    except YAMLError as exc:  # libyaml read the file (we only edit readable files); ruamel is stricter in corners
        raise EditError(str(exc)) from exc


def dump(data: Any, indent: Indent = CANONICAL) -> str:
    out = io.StringIO()
    _yaml(indent).dump(data, out)
    return out.getvalue()


def styled(value: Any, old_style: str | None = None) -> Any:
    """``value`` as ruamel should write it: in ``old_style`` where that reads back exactly, else canonically.

    The canonical choice is `akq fmt`'s: plain where that reads back the same
    under YAML 1.1 and 1.2, else single-quoted, else double-quoted; multi-line
    text as a literal block.
    """
    if isinstance(value, dict):
        # a mapping a fix writes in place of a text (timing-unreadable) goes on one line, as `akq fmt` writes it
        flow = CommentedMap(value)
        flow.fa.set_flow_style()
        return flow
    if not isinstance(value, str):
        return value
    if "\n" in value and literal_ok(value) and old_style in (None, "|", ">"):
        return LiteralScalarString(value)
    if old_style == '"':
        return DoubleQuotedScalarString(value)
    if old_style == "'" and single_ok(value):
        return SingleQuotedScalarString(value)
    if plain_ok(value):
        # a ScalarString even when plain: ruamel gives a bare str the style of the value it replaces
        return PlainScalarString(value)
    if single_ok(value):
        return SingleQuotedScalarString(value)
    return DoubleQuotedScalarString(value)


def parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")] if pointer else []


def set_at(data: Any, pointer: str, value: Any) -> Any:
    """``data`` with the value at JSON Pointer ``pointer`` replaced (in place for containers)."""
    keys = parts(pointer)
    if not keys:
        return value
    target = data
    for part in keys[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    replace(target, int(keys[-1]) if isinstance(target, list) else keys[-1], value)
    return data


def replace(container: Any, key: Any, value: Any) -> None:
    """``container[key] = value``, with the comments around the old value kept where they were."""
    old = container[key]
    note = getattr(old, "comment", None)  # `key: |  # note`: ruamel keeps it on the block scalar
    container[key] = value
    _follow_block(container, key, _is_block(old), _is_block(value))
    if note:
        if isinstance(value, LiteralScalarString):
            value.comment = note
        else:  # the value is one line now: the note becomes that line's end-of-line comment
            container.ca.items[key][3] = None
            container.yaml_add_eol_comment(note.strip(), key)


def _is_block(value: Any) -> bool:
    return isinstance(value, (LiteralScalarString, FoldedScalarString))


def _follow_block(container: Any, key: Any, was: bool, now: bool) -> None:
    """Keep the comment lines after a value on their own lines when the value becomes, or stops being, a block.

    ruamel stores them with the newline that ends a one-line value in front, and
    without it after a block scalar (whose last line ends itself).
    """
    slot = container.ca.items.get(key) if hasattr(container, "ca") else None
    token = slot[0 if isinstance(container, list) else 2] if slot else None
    if token is None or was == now:
        return
    if now and token.value.startswith("\n"):
        token.value = token.value[1:].lstrip(" ")
    elif was and not token.value.startswith("\n"):
        token.value = "\n" + " " * token.column + token.value


def guess_indent(doc: Document) -> Indent:
    """The indentation ``doc`` already uses, so that a round trip leaves its untouched lines alone."""
    found: dict[str, int] = {}
    lines = doc.text.split("\n")

    def visit(node: Node, parent: Node | None) -> None:
        value = node.value
        block = parent is None or node.line > (node.key_line or parent.line)
        if isinstance(value, dict) and block and parent is not None:
            if isinstance(parent.value, dict):
                found.setdefault("mapping", node.column - parent.column)
            elif "offset" in found:
                found.setdefault("sequence", found["offset"] + node.column - parent.column)
        elif isinstance(value, list) and block and value:
            found.setdefault("offset", node.column - (parent.column if parent is not None else 1))
        elif node.style in ("|", ">") and parent is not None and isinstance(parent.value, dict):
            body = next((ln for ln in lines[node.line :] if ln.strip()), "")
            found.setdefault("block", len(body) - len(body.lstrip(" ")) - (parent.column - 1))
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            visit(child, node)

    if doc.root is not None:
        visit(doc.root, None)
    mapping = found.get("mapping") or found.get("block") or CANONICAL.mapping
    offset = found.get("offset", CANONICAL.offset)
    sequence = max(found.get("sequence", offset + 2), offset + 2)
    return Indent(max(mapping, 1), sequence, max(offset, 0))


def _old_style(doc: Document, pointer: str) -> str | None:
    node = doc.root.at(pointer) if doc.root is not None else None
    return node.style if node is not None else None


def check(doc: Document, text: str, expected: Any) -> Document:
    """The document ``text`` reads as; raises EditError unless it holds ``expected`` and ``doc``'s comments."""
    again = read_document(doc.path, text.encode("utf-8"))
    if again.root is None or any(p.fatal for p in again.problems) or again.root.plain() != expected:
        raise EditError("edit would not read back")
    if extract(again).texts() != extract(doc).texts():
        raise EditError("edit would lose a comment")
    return again


def edit(doc: Document, edits: dict[str, Any]) -> str:
    """``doc``'s text with each pointer's value replaced and nothing else changed; raises EditError if unsafe."""
    if doc.root is None:
        raise EditError("nothing to edit")
    data = load(doc.text)
    expected = doc.root.plain()
    for pointer, value in edits.items():
        data = set_at(data, pointer, styled(value, _old_style(doc, pointer)))
        expected = set_at(expected, pointer, value)
    text = dump(data, guess_indent(doc))
    check(doc, text, expected)
    return text


SLOT = re.compile(r"__akq_slot_([0-9]+)__")


def slot(index: int) -> str:
    """The stand-in a template writes where value ``index`` goes: plain YAML that no one types."""
    return f"__akq_slot_{index}__"


def _scalars(data: Any, pointer: str = "") -> Iterator[tuple[Any, Any, str]]:
    """(container, key, pointer) of every scalar below ``data``."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        ptr = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
        if isinstance(value, (dict, list)):
            yield from _scalars(value, ptr)
        else:
            yield data, key, ptr


def fill(skeleton: str, values: list[Any], path: Path) -> str:
    """``skeleton`` (YAML holding ``slot(i)`` stand-ins) with value i written where slot(i) stands.

    Raises EditError when a stand-in is not a whole value (a template wrote it into a
    comment or a key) or a value would not read back as itself.
    """
    data = load(skeleton)
    placed: dict[int, str] = {}
    for container, key, pointer in list(_scalars(data)):
        m = SLOT.fullmatch(str(container[key])) if isinstance(container[key], str) else None
        if m and int(m.group(1)) < len(values):
            placed[int(m.group(1))] = pointer
            replace(container, key, styled(values[int(m.group(1))]))
    if len(placed) != len(values):
        raise EditError(f"template: {len(values) - len(placed)} value(s) not in a value position")
    text = dump(data)
    before = read_document(path, skeleton.encode("utf-8"))
    expected = before.root.plain() if before.root is not None else None
    for index, pointer in placed.items():
        expected = set_at(expected, pointer, values[index])
    check(before, text, expected)
    return text
