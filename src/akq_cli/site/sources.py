"""Reading the item files for the site: only the plain data each page needs.

A large catalog is read by two processes at once (parsing YAML is the biggest
serial step of an export); each returns plain dicts, which cross the process
boundary far faster than positioned syntax trees would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akq_cli.core.catalog import Catalog, CatalogError, Item, item_files
from akq_cli.site.helpers import Helpers

PARALLEL_FROM = 300  # files; below this a second process costs more than it saves
_STATUS = re.compile(r"^status:[ \t]*['\"]?([a-z]+)", re.M)


@dataclass
class Source:
    path: Path
    data: dict[str, Any] | None  # None: the file is not a readable item (akq lint says why)
    status: str | None  # its status line read as text, to warn when a published item is unreadable


def from_item(item: Item) -> Source:
    if item.readable:
        return Source(item.path, item.data, item.data.get("status"))
    m = _STATUS.search(item.doc.text)
    return Source(item.path, None, m.group(1) if m else None)


def from_catalog(catalog: Catalog) -> list[Source]:
    return [from_item(item) for item in catalog.items]


def _read(files: list[Path]) -> list[Source]:
    from akq_cli.core.loader import read_document

    return [from_item(Item(f, read_document(f))) for f in files]


def read_sources(catalog: Catalog) -> list[Source]:
    """The catalog's item files (``catalog`` loaded without items), read in two processes when many."""
    if not catalog.items_dir.is_dir():
        return []
    try:
        files = item_files([catalog.items_dir])
    except CatalogError:
        return []
    half = len(files) // 2
    helpers = Helpers(len(files) > PARALLEL_FROM)
    first = helpers.start(lambda: _read(files[:half]))
    helpers.go()
    rest = _read(files[half:])
    try:
        return first() + rest
    finally:
        helpers.close()
