"""A semantic diff of the catalog between two states: items and fields, not lines.

Items are matched by path; an item that disappears from one path and appears at
another is a rename when it keeps its id or most of its content (difflib
similarity of its values without the id).  For changed items we compare values
field by field; lists are aligned with difflib so that inserting a condition
shows one added condition, not every later one changed.  Changes to the fields
that decide an applicant's legal position are marked for legal review.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core import fields, timing
from akq_cli.core.i18n import lang
from akq_cli.core.loader import read_document
from akq_cli.core.resources import schema
from akq_cli.core.state import CatalogState, is_plan_name
from akq_cli.fmt.layout import ordered_keys

RENAME_SIMILARITY = 0.6
ITEM_SUFFIXES = (".yaml", ".yml")
REGISTER_SUFFIXES = (".csv", ".xlsx")


def is_legal(pointer: str, schema: str = "item") -> bool:
    parts = pointer.lstrip("/").split("/")
    if schema == "catalog":
        return parts[0] == "standard_text"  # the paragraphs every form prints: liability, withdrawal, exclusion
    if schema == "plan":
        return True  # who may be inspected, how often, by whom: every line of a plan bears on the businesses drawn
    if schema != "item" or not pointer:
        return False
    # The registry flags the fields whose change alters what an applicant commits to or risks;
    # list indexes name entries, not fields.
    return fields.legal_review(".".join(p for p in parts if not p.isdigit()))


def schema_name(path: str | None) -> str:
    if is_plan_name(path or ""):
        return "plan"
    name = (path or "").rsplit("/", 1)[-1]
    return {"catalog.yaml": "catalog", "departments.yaml": "departments"}.get(name, "item")


@dataclass
class FieldChange:
    pointer: str
    op: str  # "changed" | "added" | "removed"
    old: Any = None
    new: Any = None
    schema: str = "item"

    @property
    def legal(self) -> bool:
        return is_legal(self.pointer, self.schema)

    @property
    def label(self) -> str:
        return label(self.pointer, self.schema)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"pointer": self.pointer, "field": self.label, "op": self.op}
        if self.op != "added":
            d["old"] = self.old
        if self.op != "removed":
            d["new"] = self.new
        d["legal_review"] = self.legal
        if isinstance(self.old, str) and isinstance(self.new, str):
            d["char_diff"] = [[op, text] for op, text in char_diff(self.old, self.new)]
        return d


@dataclass
class ItemChange:
    status: str  # "added" | "removed" | "renamed" | "changed" | "reformatted"
    path: str | None  # in the head state (None: removed)
    old_path: str | None  # in the base state (None: added)
    data: dict[str, Any] | None  # head values (base values when removed); None: unreadable
    old_data: dict[str, Any] | None = None
    changes: list[FieldChange] = field(default_factory=list)
    similarity: float | None = None
    # a register (CSV/XLSX) of an inspection plan: not YAML, compared by its SHA-256 (None: absent on that side)
    register: bool = False
    old_sha256: str | None = None
    new_sha256: str | None = None

    @property
    def current(self) -> dict[str, Any]:
        return self.data if self.data is not None else (self.old_data or {})

    @property
    def id(self) -> str:
        v = self.current.get("id")
        return v if isinstance(v, str) else Path(self.path or self.old_path or "").stem

    @property
    def old_id(self) -> str | None:
        v = (self.old_data or {}).get("id")
        return v if isinstance(v, str) else (Path(self.old_path).stem if self.old_path else None)

    @property
    def title(self) -> str:
        v = self.current.get("title")
        return v if isinstance(v, str) else ""

    @property
    def departments(self) -> list[str]:
        found = []
        for d in (self.old_data, self.data):
            dep = (d or {}).get("department")
            if isinstance(dep, str) and dep not in found:
                found.append(dep)
        return found

    @property
    def unreadable(self) -> bool:
        if self.register:
            return False
        return (self.path is not None and self.data is None) or (self.old_path is not None and self.old_data is None)

    @property
    def legal_review(self) -> bool:
        if self.status in ("added", "removed") or self.register:
            return True  # a register decides who can be drawn, as an item decides what can be promised  # a new or withdrawn commitment option changes everything for the applicant
        return self.unreadable or any(c.legal for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "id": self.id,
            "old_id": self.old_id if self.status == "renamed" else None,
            "title": self.title,
            "departments": self.departments,
            "path": self.path,
            "old_path": self.old_path,
            "similarity": round(self.similarity, 3) if self.similarity is not None else None,
            "unreadable": self.unreadable,
            "legal_review": self.legal_review,
            "changes": [c.to_json() for c in self.changes],
            **({"register": {"old_sha256": self.old_sha256, "new_sha256": self.new_sha256}} if self.register else {}),
        }


@dataclass
class CatalogDiff:
    base: CatalogState
    head: CatalogState
    items: list[ItemChange]
    files: list[ItemChange]  # catalog.yaml, departments.yaml and other non-item files

    def counts(self) -> dict[str, int]:
        c = {"added": 0, "removed": 0, "renamed": 0, "changed": 0, "reformatted": 0}
        for it in self.items:
            c[it.status] += 1
        c["legal_review"] = sum(1 for it in self.items if it.legal_review)
        c["plans"] = sum(1 for f in self.files if is_plan_name(f.path or f.old_path or ""))
        c["registers"] = sum(1 for f in self.files if f.register)
        return c

    def departments(self) -> list[str]:
        seen: list[str] = []
        for it in self.items:
            if it.status == "reformatted":
                continue
            for d in it.departments:
                if d not in seen:
                    seen.append(d)
        return sorted(seen)

    def renames(self) -> dict[str, str]:
        """base path -> head path for renamed items."""
        return {it.old_path: it.path for it in self.items if it.status == "renamed" and it.old_path and it.path}

    def to_json(self) -> dict[str, Any]:
        return {
            "base": {"label": self.base.label, "commit": self.base.commit},
            "head": {"label": self.head.label, "commit": self.head.commit},
            "summary": {**self.counts(), "departments": self.departments()},
            "items": [it.to_json() for it in self.items],
            "files": [f.to_json() for f in self.files],
        }


# --- values -----------------------------------------------------------------------------------------


def _parse(path: str, data: bytes) -> dict[str, Any] | None:
    doc = read_document(Path(path), data)
    if doc.root is None or any(p.fatal for p in doc.problems) or not isinstance(doc.root.value, dict):
        return None
    return doc.root.plain()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b if not isinstance(a, (dict, list)) else _json(a) == _json(b)


# Structured values a reviewer reads as one sentence: a change shows the sentence before and after
# (受理后7日内 -> 受理后5个工作日内), not the mapping's keys one by one.
AS_TEXT: dict[tuple[str, str], Callable[[Any], str]] = {("item", "/verification/timing"): timing.text}


def diff_values(old: Any, new: Any, pointer: str = "", schema: str = "item") -> list[FieldChange]:
    """The field changes from ``old`` to ``new``, pointers into ``new`` (into ``old`` for removals)."""
    as_text = AS_TEXT.get((schema, pointer))
    if as_text is not None:
        old, new = as_text(old), as_text(new)

    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        keys = list(new) + [k for k in old if k not in new]
        for key in ordered_keys(keys, _schema_at(pointer, schema)):
            ptr = f"{pointer}/{_escape(key)}"
            if key not in old:
                out.append(FieldChange(ptr, "added", new=new[key], schema=schema))
            elif key not in new:
                out.append(FieldChange(ptr, "removed", old=old[key], schema=schema))
            else:
                out.extend(diff_values(old[key], new[key], ptr, schema))
        return out
    if isinstance(old, list) and isinstance(new, list):
        out = []
        sm = difflib.SequenceMatcher(None, [_json(x) for x in old], [_json(x) for x in new], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for k in range(paired):
                out.extend(diff_values(old[i1 + k], new[j1 + k], f"{pointer}/{j1 + k}", schema))
            for i in range(i1 + paired, i2):
                out.append(FieldChange(f"{pointer}/{i}", "removed", old=old[i], schema=schema))
            for j in range(j1 + paired, j2):
                out.append(FieldChange(f"{pointer}/{j}", "added", new=new[j], schema=schema))
        return out
    if _same(old, new):
        return []
    return [FieldChange(pointer, "changed", old, new, schema)]


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _schema_at(pointer: str, name: str = "item") -> dict[str, Any] | None:

    node: Any = schema(name)
    for part in [p for p in pointer.split("/") if p]:
        if not isinstance(node, dict):
            return None
        node = node.get("items") if part.isdigit() else (node.get("properties") or {}).get(part)
    return node if isinstance(node, dict) else None


def label(pointer: str, schema_name: str = "item") -> str:
    """A field's name for people: 不实承诺的责任 › 刑事责任, 申请人承诺符合的条件 第2项."""

    zh = lang() == "zh"
    node: Any = schema(schema_name)
    parts: list[str] = []
    for part in [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/") if p]:
        if part.isdigit():
            parts[-1:] = [f"{parts[-1]} 第{int(part) + 1}项" if zh else f"{parts[-1]} #{int(part) + 1}"] if parts else [part]
            node = node.get("items") if isinstance(node, dict) else None
            continue
        node = (node.get("properties") or {}).get(part) if isinstance(node, dict) else None
        title = node.get("title") if isinstance(node, dict) and zh else None
        parts.append(title or part)
    return " › ".join(parts) if parts else ("（整个文件）" if zh else "(whole file)")


# --- character diff -----------------------------------------------------------------------------------


def char_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op '=', '-' or '+': a character-level diff, readable for Chinese.

    Chinese has no spaces to diff words by, so we diff characters and then
    fold a one- or two-character island of equal text between two edits into
    the edits, which reads as one replaced phrase instead of confetti.
    """
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            ops.append(("=", old[i1:i2]))
        else:
            if i2 > i1:
                ops.append(("-", old[i1:i2]))
            if j2 > j1:
                ops.append(("+", new[j1:j2]))
    changed = True
    while changed:
        changed = False
        for i in range(1, len(ops) - 1):
            op, text = ops[i]
            if op == "=" and len(text) <= 2 and ops[i - 1][0] != "=" and ops[i + 1][0] != "=":
                before, after = _edits_around(ops, i)
                ops[before[0] : after[1]] = _merge(ops[before[0] : after[1]])
                changed = True
                break
    return ops


def _edits_around(ops: list[tuple[str, str]], i: int) -> tuple[tuple[int, int], tuple[int, int]]:
    start = i
    while start > 0 and ops[start - 1][0] != "=":
        start -= 1
    end = i + 1
    while end < len(ops) and ops[end][0] != "=":
        end += 1
    return (start, i), (i + 1, end)


def _merge(chunk: list[tuple[str, str]]) -> list[tuple[str, str]]:
    deleted = "".join(t for op, t in chunk if op in ("-", "="))
    inserted = "".join(t for op, t in chunk if op in ("+", "="))
    return [("-", deleted), ("+", inserted)]


# --- the catalog ---------------------------------------------------------------------------------------


def _similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    sa = _json({k: v for k, v in a.items() if k != "id"})
    sb = _json({k: v for k, v in b.items() if k != "id"})
    sm = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    if sm.real_quick_ratio() < RENAME_SIMILARITY or sm.quick_ratio() < RENAME_SIMILARITY:
        return 0.0
    return sm.ratio()


def item_paths(snap: CatalogState) -> dict[str, bytes]:
    folder = f"{snap.prefix}/items/" if snap.prefix else "items/"
    return {
        p: b
        for p, b in snap.files.items()
        if p.startswith(folder) and p.lower().endswith(ITEM_SUFFIXES) and not any(s.startswith(".") for s in p.split("/"))
    }


def diff_snapshots(base: CatalogState, head: CatalogState) -> CatalogDiff:
    old_items, new_items = item_paths(base), item_paths(head)
    result: list[ItemChange] = []
    for path in sorted(set(old_items) & set(new_items)):
        if old_items[path] == new_items[path]:
            continue
        result.append(_compare(path, path, old_items[path], new_items[path]))

    removed = {p: _parse(p, old_items[p]) for p in sorted(set(old_items) - set(new_items))}
    added = {p: _parse(p, new_items[p]) for p in sorted(set(new_items) - set(old_items))}
    # Renames: the same id at a new path first, then the most similar content.
    by_id = {d.get("id"): p for p, d in removed.items() if d and isinstance(d.get("id"), str)}
    for p_new, d_new in list(added.items()):
        p_old = by_id.get((d_new or {}).get("id"))
        if p_old in removed:
            result.append(_renamed(p_old, p_new, removed.pop(p_old), added.pop(p_new), old_items, new_items))
    candidates = sorted(
        (
            (_similarity(d_old, d_new), p_old, p_new)
            for p_old, d_old in removed.items()
            for p_new, d_new in added.items()
            if d_old and d_new
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for score, p_old, p_new in candidates:
        if score < RENAME_SIMILARITY:
            break
        if p_old in removed and p_new in added:
            ch = _renamed(p_old, p_new, removed.pop(p_old), added.pop(p_new), old_items, new_items)
            ch.similarity = score
            result.append(ch)
    result.extend(ItemChange("removed", None, p, d, old_data=d) for p, d in removed.items())
    for ch in result:
        if ch.status == "removed":
            ch.data = None
    result.extend(ItemChange("added", p, None, d) for p, d in added.items())
    order = {"added": 0, "renamed": 1, "changed": 2, "removed": 3, "reformatted": 4}
    result.sort(key=lambda c: (order[c.status], c.path or c.old_path or ""))

    files = _other_files(base, head)
    return CatalogDiff(base, head, result, files)


def _renamed(
    p_old: str, p_new: str, d_old: Any, d_new: Any, old_items: dict[str, bytes], new_items: dict[str, bytes]
) -> ItemChange:
    ch = _compare(p_old, p_new, old_items[p_old], new_items[p_new], d_old, d_new)
    ch.status = "renamed"
    return ch


def _compare(
    p_old: str, p_new: str, b_old: bytes, b_new: bytes, d_old: Any = None, d_new: Any = None
) -> ItemChange:
    d_old = d_old if d_old is not None else _parse(p_old, b_old)
    d_new = d_new if d_new is not None else _parse(p_new, b_new)
    ch = ItemChange("changed", p_new, p_old, d_new, old_data=d_old)
    if d_old is not None and d_new is not None:
        ch.changes = diff_values(d_old, d_new, "", schema_name(p_new))
        if not ch.changes:
            ch.status = "reformatted"  # only comments or layout changed
    return ch


def _other_files(base: CatalogState, head: CatalogState) -> list[ItemChange]:
    """catalog.yaml, departments.yaml and other files of the catalog folder outside items/."""
    items_old, items_new = item_paths(base), item_paths(head)
    old = {p: b for p, b in base.under(base.prefix).items() if p not in items_old}
    new = {p: b for p, b in head.under(head.prefix).items() if p not in items_new}
    out: list[ItemChange] = []
    for path in sorted(set(old) | set(new)):
        if old.get(path) == new.get(path):
            continue
        if is_register_name(path):
            out.append(_register_change(path, old.get(path), new.get(path)))
        elif path not in old:
            out.append(ItemChange("added", path, None, _parse_any(path, new[path])))
        elif path not in new:
            out.append(ItemChange("removed", None, path, None, old_data=_parse_any(path, old[path])))
        else:
            ch = _compare(path, path, old[path], new[path], _parse_any(path, old[path]), _parse_any(path, new[path]))
            out.append(ch)
    return out


def is_register_name(path: str) -> bool:
    """A plan's register of targets or inspectors: plans/<year>/…/*.csv or *.xlsx."""
    parts = path.split("/")
    return "plans" in parts[:-1] and path.lower().endswith(REGISTER_SUFFIXES)


def _register_change(path: str, old: bytes | None, new: bytes | None) -> ItemChange:
    """登记册已变更: the old and new SHA-256, which the plan must record before its seed date."""
    status = "added" if old is None else "removed" if new is None else "changed"
    return ItemChange(
        status,
        path if new is not None else None,
        path if old is not None else None,
        None,
        register=True,
        old_sha256=hashlib.sha256(old).hexdigest() if old is not None else None,
        new_sha256=hashlib.sha256(new).hexdigest() if new is not None else None,
    )


def _parse_any(path: str, data: bytes) -> Any:
    if not path.lower().endswith(ITEM_SUFFIXES):
        return None
    return _parse(path, data)
