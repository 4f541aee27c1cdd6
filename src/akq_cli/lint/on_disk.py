"""The catalog's other item files, for catalog-scope rules in a partial run.

A pre-commit hook lints only the changed files, so an item's certifications,
or another file with the same id, may not be among the summaries.  Item files
are named by their id (catalog/items/<DEPT>/<ID>.yaml), so a directory listing
finds them without reading the whole catalog.  Not a rule (not in RULE_MODULES).

Catalog rules run on every lint, cached or not, so this works on the display
paths as strings: 10,000 pathlib objects would cost more than the rules.
"""

from __future__ import annotations

import os
import re
from functools import cached_property

from akq_cli.core.catalog import ITEM_SUFFIXES

_TOP = re.compile(r"^(id|kind):[ \t]*['\"]?([^'\"#\s]+)", re.M)


def split(file: str) -> tuple[str, str, str]:
    """(folder, folder name, file stem) of a display path such as catalog/items/SFJ/SFJ-ZM-001.yaml."""
    if file.count("/") < 2:  # run from inside the catalog: the folder names are above the working directory
        file = os.path.abspath(file).replace(os.sep, "/")
    folder, _, name = file.rpartition("/")
    return folder, folder.rpartition("/")[2], name.rpartition(".")[0] or name


class ItemsOnDisk:
    """Item files below the ``items`` folder of the linted files, by file name (= id)."""

    def __init__(self, linted_files: list[str]) -> None:
        self.cwd = os.getcwd()
        folders: dict[str, str] = {}
        self.linted: set[str] = set()
        for file in linted_files:
            folder, _, name = file.rpartition("/")
            absolute = folders.get(folder)
            if absolute is None:
                absolute = folders[folder] = os.path.normpath(os.path.join(self.cwd, folder or "."))
            self.linted.add(absolute + os.sep + name)
        roots = {os.path.dirname(a) for a in folders.values()}
        self.roots = sorted(r for r in roots if os.path.basename(r) == "items")

    @cached_property
    def listing(self) -> dict[str, list[str]]:
        """Folder -> item file names, for every department folder below the roots."""
        out: dict[str, list[str]] = {}
        for root in self.roots:
            try:
                folders = sorted(e.path for e in os.scandir(root) if e.is_dir() and not e.name.startswith("."))
            except OSError:
                continue
            for folder in folders:
                try:
                    out[folder] = sorted(n for n in os.listdir(folder) if n.endswith(ITEM_SUFFIXES))
                except OSError:
                    continue
        return out

    @cached_property
    def partial(self) -> bool:
        """Whether some item files of the catalog were not linted in this run."""
        return sum(len(names) for names in self.listing.values()) > len(self.linted)

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for folder, names in self.listing.items():
            for name in names:
                index.setdefault(name.rpartition(".")[0], []).append(folder + os.sep + name)
        return index

    def unlinted(self, item_id: str) -> list[str]:
        """Files named ``item_id`` that this run did not lint (absolute paths)."""
        if not self.roots or not self.partial:
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


_shared: tuple[list[object], ItemsOnDisk] | None = None


def for_summaries(summaries: list[object], files: list[str]) -> ItemsOnDisk:
    """One ItemsOnDisk per run: duplicate and reference get the same summaries list."""
    global _shared
    if _shared is None or _shared[0] is not summaries:
        _shared = (summaries, ItemsOnDisk(files))
    return _shared[1]
