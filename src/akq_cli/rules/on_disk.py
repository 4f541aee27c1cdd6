"""The catalog's other item files, for catalog-scope rules in a partial run.

A pre-commit hook lints only the changed files, so an item's certifications,
or another file with the same id, may not be among the summaries.  Item files
are named by their id (catalog/items/<DEPT>/<ID>.yaml), so a directory listing
finds them without reading the whole catalog.  Not a rule (not in RULE_MODULES).
"""

from __future__ import annotations

import os
import re
from functools import cached_property

from akq_cli.catalog import ITEM_SUFFIXES

_TOP = re.compile(r"^(id|kind):[ \t]*['\"]?([^'\"#\s]+)", re.M)


class ItemsOnDisk:
    """Item files below the ``items`` folder of the linted files, by file name (= id)."""

    def __init__(self, linted_files: list[str]) -> None:
        self.cwd = os.getcwd()
        self.linted = {self.absolute(f) for f in linted_files}
        roots = {os.path.dirname(os.path.dirname(a)) for a in self.linted}
        self.roots = sorted(r for r in roots if os.path.basename(r) == "items")

    def absolute(self, file: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, file))

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for root in self.roots:
            try:
                folders = sorted(e.path for e in os.scandir(root) if e.is_dir() and not e.name.startswith("."))
            except OSError:
                continue
            for folder in folders:
                try:
                    names = sorted(os.listdir(folder))
                except OSError:
                    continue
                for name in names:
                    stem, ext = os.path.splitext(name)
                    if ext in ITEM_SUFFIXES:
                        index.setdefault(stem, []).append(os.path.join(folder, name))
        return index

    def unlinted(self, item_id: str) -> list[str]:
        """Files named ``item_id`` that this run did not lint (absolute paths)."""
        if not self.roots:
            return []
        return [p for p in self.by_name.get(item_id, []) if p not in self.linted]

    @staticmethod
    def head(path: str) -> dict[str, str]:
        """The top-level id and kind of a file, read without parsing the whole item."""
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            return {}
        out: dict[str, str] = {}
        for m in _TOP.finditer(text):
            out.setdefault(m.group(1), m.group(2))
        return out

    def shown(self, path: str) -> str:
        return os.path.relpath(path, self.cwd).replace(os.sep, "/")
