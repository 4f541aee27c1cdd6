"""The catalog's git history as the public reads it: which items were added,
changed, suspended, repealed or removed, and when.

We read ``git log --raw`` of the items folder along main's first-parent line (the
date a change reached the published catalog, not when someone began it), and
the old and new blob of each changed file through one ``git cat-file --batch``, parsed by akq's loader,
so a history of 10,000 items costs two git processes, not 20,000.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from akq_cli.core.git import GitError, cat_blobs, dubious_ownership
from akq_cli.core.loader import MAX_FILE_BYTES, read_document
from akq_cli.core.plainread import read_plain
from akq_cli.review.semdiff import diff_values, label
from akq_cli.site.gitinfo import CHANGES_LOG, run_git

ZERO = "0" * 40
PUBLISHED = "published"

KINDS = {
    "added": {"zh": "新增", "en": "added"},
    "changed": {"zh": "调整", "en": "changed"},
    "suspended": {"zh": "暂停实施", "en": "suspended"},
    "resumed": {"zh": "恢复实施", "en": "resumed"},
    "repealed": {"zh": "废止", "en": "repealed"},
    "withdrawn": {"zh": "取消", "en": "withdrawn"},
    "removed": {"zh": "移出目录", "en": "removed"},
}
# Statuses whose items are public, in a list or on a page of their own.
PUBLIC = (PUBLISHED, "suspended", "withdrawn", "repealed")
# What the public change log leaves out of "which fields changed": bookkeeping, not content.
UNLISTED_FIELDS = ("status", "review", "notes")
_INDEX = re.compile(r" 第\d+项$")


@dataclass
class Change:
    kind: str
    id: str
    title: str
    fields: list[str] = field(default_factory=list)  # public names of the fields that changed ("changed" only)
    effective: str | None = None  # the item's effective date (status_since for a status change), YYYY-MM-DD
    before: dict[str, Any] | None = None  # the item as it was, when its file was deleted

    @property
    def label(self) -> str:
        return KINDS[self.kind]["zh"]


@dataclass
class ChangeSet:
    commit: str
    date: str
    changes: list[Change] = field(default_factory=list)
    nth: int = 0  # 1, 2, … when one day has several; 0 when it has one

    @property
    def heading(self) -> str:
        from akq_cli.site.pages import cn_date

        return cn_date(self.day) + (f"（第 {self.nth} 次调整）" if self.nth else "")

    @property
    def day(self) -> str:
        return self.date[:10]

    @cached_property  # asked once per listed change: 10,000 of them in a catalog's first commit
    def effective(self) -> str | None:
        """The effective date all its changes share, if they share one (the date the public goes by)."""
        dates = {c.effective for c in self.changes}
        return dates.pop() if len(dates) == 1 else None

    def counts(self) -> list[tuple[str, int]]:
        seen: dict[str, int] = {}
        for c in self.changes:
            seen[c.kind] = seen.get(c.kind, 0) + 1
        return [(KINDS[k]["zh"], seen[k]) for k in KINDS if k in seen]

    def by_kind(self) -> list[tuple[str, str, list[Change]]]:
        return [(k, KINDS[k]["zh"], [c for c in self.changes if c.kind == k])
                for k in KINDS if any(c.kind == k for c in self.changes)]


def read_changes(top: Path, catalog_rel: str, known: dict[str, dict[str, Any]] | None = None,
                 log: subprocess.CompletedProcess[bytes] | None = None) -> list[ChangeSet]:
    """Public changes of the catalog, newest first; GitError when git cannot read the history.

    ``known`` maps blob ids to data already parsed (the files on disk): in a long history
    most blobs are today's files, so only the older versions are read from git and parsed.
    ``log``: git's answer already read (gitinfo.EarlyLog), when the caller started it early.
    """
    items = f"{catalog_rel}/items" if catalog_rel else "items"
    if log is None:
        log = run_git(top, *CHANGES_LOG, "--", items)
    if log.returncode != 0:
        detail = log.stderr.decode("utf-8", "replace").strip()
        raise dubious_ownership(detail, top) or GitError(
            {"zh": f"无法读取目录清单的 git 历史：{detail}", "en": f"Cannot read the catalog's git history: {detail}"}
        )
    sets: list[tuple[ChangeSet, list[tuple[str, str, str, str]]]] = []
    blobs: set[str] = set()
    for block in log.stdout.decode("utf-8", "replace").split("\x01")[1:]:
        head, _, body = block.partition("\n")
        commit, date = head.split("\x00")
        rows = []
        for line in body.splitlines():
            if not line.startswith(":"):
                continue
            meta, *paths = line.split("\t")
            _, _, old, new, status = meta.split(" ")
            path = paths[-1]
            if not path.endswith((".yaml", ".yml")):
                continue
            rows.append((status[0], old, new, path))
            blobs.update(b for b in (old, new) if b != ZERO)
        sets.append((ChangeSet(commit, date), rows))
    known = known or {}
    facts = {**_blob_data(top, sorted(blobs - known.keys())), **{b: known[b] for b in blobs & known.keys()}}
    out = []
    for change_set, rows in sets:
        for status, old, new, path in rows:
            before = facts.get(old, {})
            after = facts.get(new, {}) if status != "D" else {}
            kind = classify(_str(before.get("status")), _str(after.get("status")), old != new)
            if kind:
                title = _title(after) or _title(before)
                change = Change(kind, Path(path).stem, title, effective=_effective(kind, after))
                if kind == "changed":
                    change.fields = changed_fields(before, after)
                if status == "D":
                    change.before = before
                change_set.changes.append(change)
        if change_set.changes:
            change_set.changes.sort(key=lambda c: (list(KINDS).index(c.kind), c.id))
            out.append(change_set)
    # Several changes on one day get numbers (oldest first), so that each has its own heading.
    per_day: dict[str, list[ChangeSet]] = {}
    for change_set in reversed(out):
        per_day.setdefault(change_set.day, []).append(change_set)
    for same_day in per_day.values():
        if len(same_day) > 1:
            for n, change_set in enumerate(same_day, start=1):
                change_set.nth = n
    return out


def classify(before: str | None, after: str | None, content_changed: bool) -> str | None:
    """The public meaning of one file's change from status ``before`` to ``after`` (None: no file)."""
    if after == PUBLISHED:
        if before == PUBLISHED:
            return "changed" if content_changed else None
        return "resumed" if before == "suspended" else "added"
    if before not in PUBLIC or before == after:
        return None  # drafts and their review are not public yet
    if after in ("suspended", "repealed", "withdrawn"):
        return after
    return "removed"


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The public names of the fields that differ, in the item's field order: 设定依据, 不实承诺的责任 › 刑事责任."""
    names: list[str] = []
    # Only the fields that differ are diffed (difflib over every list of every field was most of the change
    # log's time); a field whose value is identical, type for type, has no change to find.
    keys = [k for k in {**before, **after} if k not in before or k not in after or not _identical(before[k], after[k])]
    for change in diff_values({k: before[k] for k in keys if k in before}, {k: after[k] for k in keys if k in after}):
        if change.pointer.lstrip("/").split("/")[0] in UNLISTED_FIELDS:
            continue
        name = _INDEX.sub("", label(change.pointer))
        if name not in names:
            names.append(name)
    return names


def _identical(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1, 1.0 and True are three values here, as in semdiff)."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return a.keys() == b.keys() and all(_identical(a[k], b[k]) for k in a)
    if type(a) is list:
        return len(a) == len(b) and all(map(_identical, a, b))
    return bool(a == b)


def _effective(kind: str, after: dict[str, Any]) -> str | None:
    """The date a change takes effect for the public, as the item states it."""
    if kind == "removed":
        return None
    value = after.get("status_since") if kind in ("suspended", "withdrawn", "repealed") else after.get("effective_date")
    return str(value)[:10] if value else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _title(data: dict[str, Any]) -> str:
    return _str(data.get("title")) or _str(data.get("matter")) or ""


def _blob_data(top: Path, blobs: list[str]) -> dict[str, dict[str, Any]]:
    """The plain data of each blob, parsed by the same loader as every other reader of item files.

    A blob that is not a readable item (bad YAML, not a mapping) reads as {}: no status, so no public change.
    """
    contents = cat_blobs(top, {b: b for b in blobs})  # a GitError means no change log, not an empty one
    out: dict[str, dict[str, Any]] = {}
    for blob, data in contents.items():
        if len(data) > MAX_FILE_BYTES:
            continue
        plain = read_plain(data)  # the common case, twice as fast; anything irregular is read in full
        if plain is not None:
            out[blob] = plain
            continue
        doc = read_document(Path(blob), data)
        if doc.root is not None and not any(p.fatal for p in doc.problems) and isinstance(doc.root.value, dict):
            full = doc.root.plain()
            out[blob] = full if isinstance(full, dict) else {}
    return out
