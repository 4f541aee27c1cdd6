"""Finding and loading a catalog: catalog.yaml, departments.yaml and the item files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from akq_cli.core.loader import Document, Node, read_document

ITEM_SUFFIXES = (".yaml", ".yml")


class CatalogError(Exception):
    """A catalog that cannot be used at all; carries an i18n message key."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args

    def message(self) -> str:
        from akq_cli.core.i18n import t

        return t(self.key, **self.args_)


@dataclass
class Item:
    """One item file as parsed; ``data`` is the plain dict renderers use."""

    path: Path
    doc: Document

    @property
    def root(self) -> Node | None:
        return self.doc.root

    @cached_property
    def data(self) -> dict[str, Any]:
        root = self.doc.root
        if root is None or not isinstance(root.value, dict):
            return {}
        return root.plain()

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else self.path.stem

    @property
    def readable(self) -> bool:
        return self.doc.root is not None and isinstance(self.doc.root.value, dict)


@dataclass
class Catalog:
    root: Path  # the folder holding catalog.yaml
    meta_doc: Document | None
    departments_doc: Document | None
    items: list[Item] = field(default_factory=list)

    @property
    def meta(self) -> dict[str, Any]:
        r = self.meta_doc.root if self.meta_doc else None
        return r.plain() if r is not None and isinstance(r.value, dict) else {}

    @cached_property
    def departments(self) -> dict[str, dict[str, Any]]:
        r = self.departments_doc.root if self.departments_doc else None
        data = r.plain() if r is not None and isinstance(r.value, dict) else {}
        entries = data.get("departments") or []
        return {d["id"]: d for d in entries if isinstance(d, dict) and isinstance(d.get("id"), str)}

    @property
    def items_dir(self) -> Path:
        return self.root / "items"

    def by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}


def find_root(start: Path) -> Path | None:
    """The catalog folder at or above ``start`` (one holding catalog.yaml)."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / "catalog.yaml").is_file():
            return folder
        if (folder / "catalog" / "catalog.yaml").is_file():
            return folder / "catalog"
    return None


def item_files(paths: list[Path]) -> list[Path]:
    """Expand files and folders into item files, sorted; raises CatalogError for a missing path.

    A folder contributes the YAML files below it, except a catalog's own
    catalog.yaml and departments.yaml, which are not items, and hidden folders.
    """
    files: list[Path] = []
    for p in paths:
        if not p.exists():
            raise CatalogError("path-missing", path=str(p))
        if p.is_dir():
            root = p / "items" if (p / "catalog.yaml").is_file() else p
            found = _walk(root)
            if not found:
                raise CatalogError("no-items", path=str(p))
            files.extend(found)
        else:
            files.append(p)
    if len(paths) == 1 and paths[0].is_dir():
        return files  # one folder walked once: nothing to deduplicate
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _walk(root: Path) -> list[Path]:
    """YAML files below root, sorted by path; os.walk is several times faster than Path.rglob on 10,000 files."""
    found: list[tuple[str, ...]] = []
    base = str(root)
    for folder, dirs, names in os.walk(base):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, base)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        for name in names:
            if name.endswith(ITEM_SUFFIXES) and not name.startswith(".") and name not in _NOT_ITEMS:
                found.append((*parts, name))
    found.sort()  # the order of sorted(Path): part by part
    return [root.joinpath(*parts) for parts in found]


_NOT_ITEMS = ("catalog.yaml", "departments.yaml")


def load_catalog(root: Path | None = None, *, with_items: bool = True) -> Catalog:
    """Load the catalog at or above ``root`` (default: the current directory)."""
    found = find_root(root or Path.cwd())
    if found is None:
        raise CatalogError("no-catalog")
    meta = read_document(found / "catalog.yaml")
    dep_path = found / "departments.yaml"
    deps = read_document(dep_path) if dep_path.is_file() else None
    cat = Catalog(found, meta, deps)
    if with_items and cat.items_dir.is_dir():
        cat.items = [Item(f, read_document(f)) for f in item_files([cat.items_dir])]
    return cat
