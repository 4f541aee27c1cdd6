"""read_plain: an ordinary item file's values, without positions, for readers that need only values.

The site reads 10,000 item files and the change log the older versions of many; positions are
what make read_document slower, and they are never shown there. Whatever read_plain cannot read
exactly as read_document would, it gives up on, and the caller asks read_document, which says why.
"""

from __future__ import annotations

from typing import Any

from yaml import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    YAMLError,
)

from akq_cli.core.loader import MAX_DEPTH, MAX_FILE_BYTES, parser_class, resolve_scalar

_FAIL = object()  # what the helpers of read_plain return when it must give up


def read_plain(data: bytes) -> dict[str, Any] | None:
    """An ordinary item file's mapping as plain data, without positions; None for anything else.

    For readers that need only values (the site, the change log), about twice as fast as
    ``read_document(...).root.plain()``, and equal to it wherever it answers: it gives up (None) on
    everything read_document has something to say about — a BOM, bad UTF-8, a NUL or NEL, a syntax
    error, an anchor, alias or tag, a duplicate or complex key, deep nesting, a second document, a
    root that is not a mapping — and the caller then asks read_document, which says why.
    """
    if len(data) > MAX_FILE_BYTES or data.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text or "\x85" in text:
        return None
    get = parser_class()(text).get_event
    try:
        get()  # the stream's start
        if type(get()) is not DocumentStartEvent:
            return None  # an empty file
        ev = get()
        if type(ev) is not MappingStartEvent or ev.anchor or ev.tag is not None:
            return None
        root = _plain_mapping(get, 1)
        if root is _FAIL:
            return None
        get()  # the document's end
        if type(get()) is not StreamEndEvent:
            return None  # a second document
    except YAMLError:
        return None
    return root  # type: ignore[no-any-return]


# read_plain's descent: one call per mapping or sequence rather than a stack kept by hand (the loop
# over libyaml's events is most of its time). ``depth`` is the number of containers already open.

def _plain_mapping(get: Any, depth: int) -> Any:
    out: dict[str, Any] = {}
    while True:
        ev = get()
        cls = type(ev)
        if cls is MappingEndEvent:
            return out
        if cls is not ScalarEvent or ev.anchor or ev.tag is not None:
            return _FAIL  # a complex key, an alias, an anchor or tag on a key
        key = ev.value if ev.style else resolve_scalar(ev.value)
        if key is None:
            return _FAIL
        key = str(key)
        if key in out:
            return _FAIL
        ev = get()
        if type(ev) is ScalarEvent:
            if ev.anchor or ev.tag is not None:
                return _FAIL
            out[key] = ev.value if ev.style else resolve_scalar(ev.value)
            continue
        value = _plain_container(ev, get, depth)
        if value is _FAIL:
            return _FAIL
        out[key] = value


def _plain_sequence(get: Any, depth: int) -> Any:
    out: list[Any] = []
    while True:
        ev = get()
        cls = type(ev)
        if cls is ScalarEvent:
            if ev.anchor or ev.tag is not None:
                return _FAIL
            out.append(ev.value if ev.style else resolve_scalar(ev.value))
            continue
        if cls is SequenceEndEvent:
            return out
        value = _plain_container(ev, get, depth)
        if value is _FAIL:
            return _FAIL
        out.append(value)


def _plain_container(ev: Any, get: Any, depth: int) -> Any:
    """The mapping or sequence that ``ev`` opens; _FAIL for an alias, an anchor or tag, or nesting too deep."""
    if ev.anchor or ev.tag is not None or depth >= MAX_DEPTH:
        return _FAIL
    cls = type(ev)
    if cls is MappingStartEvent:
        return _plain_mapping(get, depth + 1)
    if cls is SequenceStartEvent:
        return _plain_sequence(get, depth + 1)
    return _FAIL  # an alias
