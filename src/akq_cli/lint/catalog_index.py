"""The catalog's other items, for catalog-scope rules in a run over some of them.

A pre-commit hook lints only the changed files, so an item's certifications,
or another file with the same id, may not be among the summaries.  Item files
are named by their id (catalog/items/<DEPT>/<ID>.yaml), so the state's listing
finds them without reading the whole catalog; the few files a rule then needs
are parsed through the same state.  Nothing here looks beyond the state: a
review of a commit sees that commit's files and no others.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property

from akq_cli.core.loader import Document
from akq_cli.core.state import CatalogState, DiskState


class CatalogIndex:
    def __init__(self, state: CatalogState, linted: list[str], display: Callable[[str], str], *, complete: bool) -> None:
        self.state = state
        self.display = display
        self.complete = complete  # every item of the state was linted: nothing else to look up
        self.linted = {self._key(n) for n in linted}
        self.names = {display(n): n for n in linted}  # shown path -> name in the state
        self._documents: dict[str, Document] = {}

    def _key(self, name: str) -> str:
        """One spelling per file: names typed on the command line and names listed by the state differ."""
        if isinstance(self.state, DiskState):
            return os.path.normpath(os.path.join(self.state.anchor, name))
        return name

    @cached_property
    def _by_stem(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for name in self.state.item_names():
            stem = name.rpartition("/")[2].rpartition(".")[0]
            index.setdefault(stem, []).append(name)
        return index

    @cached_property
    def partial(self) -> bool:
        """Whether some item files of the state were not linted in this run."""
        if self.complete:
            return False
        return sum(len(v) for v in self._by_stem.values()) > len(self.linted)

    def unlinted(self, item_id: str) -> list[str]:
        """Item files named ``item_id`` that this run did not lint."""
        if not self.partial:
            return []
        return [n for n in self._by_stem.get(item_id, []) if self._key(n) not in self.linted]

    def document(self, name: str) -> Document | None:
        if name not in self._documents:
            try:
                self._documents[name] = self.state.document(name)
            except OSError:
                return None
        return self._documents[name]

    def top(self, name: str) -> dict[str, str]:
        """The top-level string values of a file (id, kind, title …), parsed by the loader."""
        doc = self.document(name)
        if doc is None or doc.root is None or not isinstance(doc.root.value, dict):
            return {}
        return {k: n.value for k, n in doc.root.value.items() if isinstance(n.value, str)}

    def position(self, name: str, key: str) -> tuple[int, int] | None:
        """Line and column of a top-level key's value in a file of the state."""
        doc = self.document(name)
        node = doc.root.get(key) if doc is not None and doc.root is not None else None
        return (node.line, node.column) if node is not None else None
