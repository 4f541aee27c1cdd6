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

We write the text ourselves rather than through a YAML library's emitter
because a reordering round trip through one moves comments that sit above a
key onto the key before it; here each comment is attached to its value first,
so it moves with it.  Every result is parsed again and compared with the
input (values and comments) before anyone writes it: a bug here can refuse to
format a file, but never lose a value or a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core.loader import MAX_FILE_BYTES, Document, Node, read_document
from akq_cli.core.state import NotRegularFile, TooLarge, read_regular
from akq_cli.fmt.comments import Comments, Line, extract
from akq_cli.fmt.scalars import inline, key_text, render

INDENT = 2
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


class FormatError(Exception):
    """A file that cannot be formatted; ``line``/``column`` point at the cause."""

    def __init__(self, texts: dict[str, str], line: int = 1, column: int = 1) -> None:
        super().__init__(texts.get("en", ""))
        self.texts, self.line, self.column = texts, line, column

    def message(self) -> str:
        from akq_cli.core.i18n import pick

        return pick(self.texts)


def schema_for(path: Path) -> dict[str, Any]:
    """The schema whose property order lays out this file."""
    from akq_cli.core.resources import schema

    name = {"catalog.yaml": "catalog", "departments.yaml": "departments"}.get(path.name, "item")
    return schema(name)


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
    overrides: dict[str, Any] = field(default_factory=dict)
    out: list[str] = field(default_factory=list)

    def lines(self, lines: list[Line], indent: int) -> None:
        pad = " " * indent
        for ln in lines:
            self.out.append("" if ln is None else pad + ln)

    def value_of(self, node: Node) -> Any:
        return self.overrides.get(node.pointer, node.value)

    def tail(self, ptr: str, indent: int) -> None:
        """End-of-line comments beyond the first, and comments that trail the value."""
        self.lines(self.comments.eol.get(ptr, [])[1:], indent)
        self.lines(self.comments.trailing.get(ptr, []), indent)

    def eol(self, *ptrs: str) -> str:
        first = next((self.comments.eol[p][0] for p in ptrs if self.comments.eol.get(p)), None)
        return f"  {first}" if first else ""

    def entry(self, head: str, node: Node, indent: int, schema: dict[str, Any] | None, eol: str) -> None:
        """``head`` is the text before the value: ``key:`` or ``-`` with its indentation."""
        value = self.value_of(node)
        if isinstance(value, dict) and value:
            self.out.append(head + eol)
            self.mapping(node, indent + INDENT, schema)
        elif isinstance(value, list) and value and self.inline_list(node, schema):
            self.out.append(f"{head} [{', '.join(self.value_of(c) for c in value)}]{eol}")
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
            value = self.value_of(child)
            if not isinstance(value, str) or not _CODE.fullmatch(value) or inline(value) != value:
                return False
            if child.pointer in c.leading or child.pointer in c.eol or child.pointer in c.trailing:
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
            value = self.value_of(child)
            if isinstance(value, dict) and value:
                first = ordered_keys(list(value), schema)[0]
                self.lines(self.comments.leading.get(value[first].pointer, []), indent)
                self.mapping(child, indent + INDENT, schema, dash=dash)
            else:
                self.entry(dash.rstrip(), child, indent, schema, self.eol(ptr))
            self.tail(ptr, indent)


def layout(
    doc: Document, schema: dict[str, Any], overrides: dict[str, Any] | None = None, comments: Comments | None = None
) -> str:
    """The canonical text of a parsed document (no checks; see ``format_document``)."""
    root = doc.root
    assert root is not None
    comments = comments if comments is not None else extract(doc)
    em = _Emitter(comments, overrides or {})
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


def set_at(data: Any, pointer: str, value: Any) -> Any:
    """``data`` with the value at JSON Pointer ``pointer`` replaced (in place for containers)."""
    if not pointer:
        return value
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    target = data
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


def check_usable(doc: Document) -> None:
    """Raise FormatError for a file we must not rewrite (it would lose something)."""
    fatal = [p for p in doc.problems if p.fatal]
    if fatal:
        from akq_cli.core.i18n import MESSAGES

        p = fatal[0]
        texts = {lang: MESSAGES[p.code][lang].format(**p.args) for lang in ("zh", "en")}
        raise FormatError(texts, p.line, p.column)
    if doc.root is None:
        raise FormatError({"zh": "文件没有内容。", "en": "The file has no content."})


def format_document(doc: Document, schema: dict[str, Any], overrides: dict[str, Any] | None = None) -> str:
    """The canonical text of ``doc`` with ``overrides`` (pointer -> new scalar) applied.

    Raises FormatError when the file cannot be read, or (a bug) when the result
    would not read back to the same values and comments.
    """
    check_usable(doc)
    assert doc.root is not None
    comments = extract(doc)
    result = layout(doc, schema, overrides, comments)
    if result == doc.text:
        return result  # already canonical: nothing will be written, nothing to verify
    expected = doc.root.plain()
    for pointer, value in (overrides or {}).items():
        expected = set_at(expected, pointer, value)
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


def canonical_text(doc: Document, config: Any = None) -> str:
    """What `akq fmt` writes for ``doc``: safe punctuation fixes, then the canonical layout."""
    from akq_cli.lint.fixes import MAX_ROUNDS, collect

    schema = schema_for(doc.path)
    check_usable(doc)
    for _ in range(MAX_ROUNDS):
        overrides = collect(doc, config)
        text = format_document(doc, schema, overrides)
        if not overrides:
            return text
        doc = read_document(doc.path, text.encode("utf-8"))
    return format_document(doc, schema)


@dataclass
class Outcome:
    """What `akq fmt` found for one file: its old and new text, or why it cannot be formatted."""

    path: Path
    old: str = ""
    new: str = ""
    changed: bool = False
    error: str | None = None


def format_file(path: Path, config: Any = None) -> Outcome:
    from akq_cli.core.i18n import t
    from akq_cli.core.paths import display_path

    try:
        data = read_regular(path)
    except NotRegularFile as exc:
        return Outcome(path, error=t("not-regular-file", path=display_path(path), kind=t(f"kind-{exc.kind}")))
    except TooLarge as exc:
        return Outcome(path, error=f"{display_path(path)}: " + t("file-too-large", size=exc.size, limit=MAX_FILE_BYTES))
    except OSError as exc:
        return Outcome(path, error=t("unreadable", path=display_path(path), error=exc.strerror or str(exc)))
    doc = read_document(path, data)
    try:
        new = canonical_text(doc, config)
    except FormatError as exc:
        return Outcome(path, error=f"{display_path(path)}:{exc.line}:{exc.column}: {exc.message()}")
    return Outcome(path, doc.text, new, new.encode("utf-8") != data)


_pool_config: Any = None
PARALLEL_MIN_FILES = 200  # below this a process pool costs more than it saves


def _init(config: Any, language: str) -> None:
    global _pool_config
    from akq_cli.core.i18n import set_lang

    _pool_config = config
    set_lang(language)


def _work(path: Path) -> Outcome:
    return format_file(path, _pool_config)


def format_files(paths: list[Path], config: Any = None, jobs: int = 1) -> list[Outcome]:
    """``format_file`` for many files, in worker processes when there are many."""
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        return [format_file(p, config) for p in paths]
    import multiprocessing

    from akq_cli.core.i18n import lang

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    try:
        with ctx.Pool(jobs, initializer=_init, initargs=(config, lang())) as pool:
            return pool.map(_work, paths, chunksize=max(16, len(paths) // (jobs * 8)))
    except OSError:  # no processes to be had: do the work here
        return [format_file(p, config) for p in paths]
