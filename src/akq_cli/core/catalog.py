"""The catalog as parsed: catalog.yaml, departments.yaml and the item files of one state."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from akq_cli.core.loader import Document, Node
from akq_cli.core.state import CatalogError, CatalogState, DiskState, find_root


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
    state: CatalogState | None = None  # where the files came from

    @classmethod
    def from_state(cls, state: CatalogState, *, with_items: bool = True) -> Catalog:
        """The catalog of a state: catalog.yaml and departments.yaml parsed once, then the items."""
        docs = {kind: state.document(name) for name, kind in state.meta_names()}
        cat = cls(Path(state.prefix or "."), docs.get("catalog"), docs.get("departments"), state=state)
        if with_items:
            cat.items = [Item(Path(n), state.document(n)) for n in state.item_names()]
        return cat

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
    def departments_or_none(self) -> set[str] | None:
        """The department codes, or None when the catalog has no departments.yaml (nothing to check against)."""
        return set(self.departments) if self.departments_doc is not None else None

    @property
    def items_dir(self) -> Path:
        return self.root / "items"

    def by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}


def load_catalog(root: Path | None = None, *, with_items: bool = True) -> Catalog:
    """Load the catalog at or above ``root`` (default: the current directory) from the disk."""
    found = find_root(root or Path.cwd())
    if found is None:
        raise CatalogError("no-catalog")
    return Catalog.from_state(DiskState(Path.cwd(), str(found)), with_items=with_items)
