"""Parse one YAML file into a tree of positioned nodes.

Every command reads items through this module, so that lint findings, render
errors and review comments all point at the same line and column.  We build the
tree from libyaml's event stream rather than a constructed object graph: that is
fast, keeps positions for every value, and lets us refuse anchors, aliases and
tags before anything is expanded (an alias bomb never gets a chance to grow).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core import invisible

MAX_FILE_BYTES = 1_000_000  # an item is a few KB; anything this large is a mistake
MAX_DEPTH = 50  # an item nests 4 levels; Node.plain()/walk() recurse, and Python stops at ~1000 frames

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


@dataclass(slots=True)
class Node:
    """A YAML value with where it stands in the file.

    ``value`` is a Python scalar (str, int, float, bool, None), a ``dict`` of
    str -> Node, or a ``list`` of Node.  Dates stay strings (YYYY-MM-DD): the
    schema checks their form, and JSON output needs no conversion.
    """

    value: Any
    line: int  # 1-based
    column: int  # 1-based, in characters
    start: int  # character offset of the value in the source
    end: int
    pointer: str  # JSON Pointer within the document
    style: str | None = None  # scalar style: None plain, '"', "'", '|', '>'
    key_line: int = 0  # line of the mapping key that holds this value

    def plain(self) -> Any:
        """The value as plain Python data, without positions."""
        v = self.value
        if isinstance(v, dict):
            return {k: n.plain() for k, n in v.items()}
        if isinstance(v, list):
            return [n.plain() for n in v]
        return v

    def get(self, key: str) -> Node | None:
        return self.value.get(key) if isinstance(self.value, dict) else None

    def at(self, pointer: str) -> Node | None:
        """The node at a JSON Pointer below this one, or None."""
        node: Node | None = self
        for part in _pointer_parts(pointer):
            if node is None:
                return None
            if isinstance(node.value, dict):
                node = node.value.get(part)
            elif isinstance(node.value, list) and part.isdigit() and int(part) < len(node.value):
                node = node.value[int(part)]
            else:
                return None
        return node

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        # An explicit stack: nested generators cost a frame per level per node, and every rule walks.
        stack = [self]
        pop, extend = stack.pop, stack.extend
        while stack:
            node = pop()
            yield node
            v = node.value
            if isinstance(v, dict):
                extend(reversed(v.values()))
            elif isinstance(v, list):
                extend(reversed(v))

    def strings(self) -> Iterator[Node]:
        """Every string scalar at or below this node."""
        return (n for n in self.walk() if isinstance(n.value, str))


def _pointer_parts(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


@dataclass(slots=True)
class Problem:
    """Why a file could not be read as YAML, with where."""

    code: str  # message key, see i18n
    line: int
    column: int
    args: dict[str, Any] = field(default_factory=dict)
    fatal: bool = True  # False: reported, but the tree is still usable


@dataclass(slots=True)
class Document:
    path: Path
    text: str
    root: Node | None
    problems: list[Problem]
    _line_starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in the source."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1, offset - self._line_starts[idx] + 1

    def locate(self, node: Node, index: int, text: str) -> tuple[int, int]:
        """Line and column of ``text`` found at ``index`` in ``node``'s string value.

        Plain and quoted one-line scalars map directly; for block and folded
        scalars we look for the matched characters in the raw source span.
        """
        value = node.value
        if not isinstance(value, str) or not text:
            return node.line, node.column
        raw = self.text[node.start : node.end]
        if node.style is None and raw == value:
            return self.position(node.start + index)
        # Which occurrence of the text is it? Count the earlier ones in the value.
        nth = value.count(text, 0, index)
        pos = -1
        for _ in range(nth + 1):
            pos = raw.find(text, pos + 1)
            if pos == -1:
                return node.line, node.column
        return self.position(node.start + pos)

    def line_text(self, line: int) -> str:
        lines = self.text.split("\n")
        return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""


def read_document(path: Path, data: bytes | None = None) -> Document:
    """Read and parse one file. Never raises for bad content; OSError is left to the caller."""
    if data is None:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Document(path, "", None, [Problem("file-too-large", 1, 1, {"size": size, "limit": MAX_FILE_BYTES})])
        data = path.read_bytes()
    elif len(data) > MAX_FILE_BYTES:
        return Document(path, "", None, [Problem("file-too-large", 1, 1, {"size": len(data), "limit": MAX_FILE_BYTES})])
    problems: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem("bom", 1, 1, fatal=False))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        code = "not-utf8-gbk" if _looks_gbk(data) else "not-utf8"
        return Document(path, "", None, [Problem(code, line, col)])
    if "\x00" in text:
        i = text.index("\x00")
        doc = Document(path, text, None, [])
        line, col = doc.position(i)
        doc.problems.append(Problem("nul-byte", line, col))
        return doc
    doc = Document(path, text, None, problems)
    nel = text.find("\x85")
    if nel != -1:
        # libyaml reads NEL (U+0085) as a line break: the tree would not be the file the user sees
        problems.append(_control_problem(doc, nel))
        return doc
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.append(Problem("empty", 1, 1))
        return doc
    doc.root = _build(doc, problems)
    if doc.root is None and not any(p.fatal for p in problems):
        problems.append(Problem("empty", 1, 1))
    return doc


def _looks_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _control_problem(doc: Document, offset: int) -> Problem:
    line, column = doc.position(offset)
    name = invisible.names(doc.text[offset])
    return Problem("control-character", line, column, {"name_zh": name["zh"], "name_en": name["en"]})


# The value of a key already reported (duplicate, complex) is read but not kept. An object, not a
# string: any string, "\0…" included, is a key someone can write.
_SKIP = object()


def _build(doc: Document, problems: list[Problem]) -> Node | None:
    import yaml  # libyaml through PyYAML: about 20x faster than a pure-Python parser

    text = doc.text

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stack: list[tuple[Node, Any]] = []  # (container node, pending mapping key, None, or _SKIP)
    key_nodes: list[Node | None] = []
    root: Node | None = None
    docs = 0

    def add(node: Node) -> bool:
        """Attach node to its parent; False if it was a mapping key."""
        nonlocal root
        if not stack:
            root = node
            return True
        parent, pending = stack[-1]
        if isinstance(parent.value, list):
            node.pointer = f"{parent.pointer}/{len(parent.value)}"
            parent.value.append(node)
            return True
        if pending is None:
            # This node is a key.
            if not isinstance(node.value, (str, int, float, bool)) or node.value is None:
                problems.append(Problem("complex-key", node.line, node.column))
                stack[-1] = (parent, _SKIP)
                key_nodes[-1] = node
                return False
            key = str(node.value)
            if key in parent.value:
                first = parent.value[key]
                problems.append(Problem("duplicate-key", node.line, node.column, {"key": key, "first": first.key_line}))
                stack[-1] = (parent, _SKIP)
            else:
                stack[-1] = (parent, key)
            key_nodes[-1] = node
            return False
        key_node = key_nodes[-1]
        node.key_line = key_node.line if key_node else node.line
        if pending is not _SKIP:
            node.pointer = f"{parent.pointer}/{_escape(pending)}"
            parent.value[pending] = node
        stack[-1] = (parent, None)
        return True

    try:
        for ev in yaml.parse(text, Loader=loader):
            kind = type(ev).__name__
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind == "DocumentStartEvent":
                docs += 1
                if docs > 1:
                    problems.append(Problem("multiple-documents", ev.start_mark.line + 1, ev.start_mark.column + 1))
                    return root
                continue
            mark = ev.start_mark
            line, col = mark.line + 1, mark.column + 1
            if kind == "AliasEvent":
                problems.append(Problem("alias", line, col, {"name": ev.anchor}))
                return None
            if getattr(ev, "anchor", None):
                problems.append(Problem("anchor", line, col, {"name": ev.anchor}))
                return None
            tag = getattr(ev, "tag", None)
            if kind == "ScalarEvent":
                if tag is not None:
                    problems.append(Problem("tag", line, col, {"tag": tag}))
                    return None
                value: Any = ev.value if ev.style else resolve_scalar(ev.value)
                node = Node(value, line, col, mark.index, ev.end_mark.index, "", ev.style or None)
                add(node)
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                if tag is not None:
                    problems.append(Problem("tag", line, col, {"tag": tag}))
                    return None
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem("too-deep", line, col, {"limit": MAX_DEPTH}))
                    return None
                node = Node({} if kind == "MappingStartEvent" else [], line, col, mark.index, mark.index, "")
                add(node)
                stack.append((node, None))
                key_nodes.append(None)
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                node, _ = stack.pop()
                key_nodes.pop()
                node.end = ev.end_mark.index
    except yaml.YAMLError as exc:
        refused = invisible.REFUSED.search(text)
        if refused:
            # libyaml stops at a control character with English text and a byte offset (or, for NEL, which it
            # reads as a line break, with a syntax error further on): name the character where it stands.
            # Searched only now: a file that parses costs nothing more.
            problems.append(_control_problem(doc, refused.start()))
        elif isinstance(exc, yaml.MarkedYAMLError):
            m = exc.problem_mark or exc.context_mark
            problems.append(
                Problem(
                    "syntax",
                    (m.line + 1) if m else 1,
                    (m.column + 1) if m else 1,
                    {"problem": exc.problem or "", "context": exc.context or ""},
                )
            )
        else:
            problems.append(Problem("syntax", 1, 1, {"problem": str(exc), "context": ""}))
        return None
    return root


def resolve_scalar(raw: str) -> Any:
    """YAML 1.2 core schema for plain scalars (no yes/no booleans, no sexagesimals)."""
    if raw[:1] > "\x7f":  # most of an item's values are Chinese text: never a null, boolean or number
        return raw
    if raw in _NULLS:
        return None
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    c = raw[0]
    if c.isdigit() or c in "+-.":
        if _INT.match(raw):
            try:
                return int(raw.replace("_", ""))
            except ValueError:  # over Python's 4,300-digit limit: kept as text, which the schema then reports
                return raw
        if _FLOAT.match(raw) and any(ch.isdigit() for ch in raw):
            return float(raw.replace("_", ""))
    return raw


def parser_class() -> Any:
    """libyaml's parser through PyYAML (about 20x faster than the pure-Python one, which is the fallback)."""
    try:
        from yaml.cyaml import CParser
    except ImportError:  # a PyYAML built without libyaml
        from yaml import SafeLoader

        return SafeLoader
    return CParser
