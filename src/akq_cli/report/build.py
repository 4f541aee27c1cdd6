"""The implementation status (落实情况) per department, for the bureau's report to the county government.

Seed 四: departments report how far they have implemented the notification-
commitment system; the justice bureau supervises and reports to the county
government.  This gathers what that report needs from the catalog itself:
items by kind and status, lint health, which of the seven policy areas the
policy names (三（一）) are covered, what awaits approval, and what should be
in force by now but is not published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from akq_cli.core import vocab
from akq_cli.core.catalog import Catalog
from akq_cli.core.vocab import POLICY_AREAS
from akq_cli.lint.findings import Finding

STATUSES = tuple(vocab.STATUS)
STATUS_NAMES = vocab.STATUS
KINDS = ("certification", "business_license")
NOT_YET_IN_FORCE = ("draft", "submitted", "approved")  # statuses of items not yet published


@dataclass
class ItemRow:
    id: str
    title: str
    department: str
    kind: str
    category: str
    status: str
    effective_date: str
    file: str
    errors: int = 0
    warnings: int = 0


@dataclass
class DepartmentRow:
    id: str
    name: str
    items: int = 0
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unknown_kind: int = 0  # readable items whose kind is neither: counted, so that the kinds add up to items
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    clean: int = 0
    with_errors: int = 0
    with_warnings: int = 0
    errors: int = 0
    warnings: int = 0
    areas: list[str] = field(default_factory=list)
    registered: bool = True


@dataclass
class Report:
    as_of: str
    government: str
    document: str
    departments: list[DepartmentRow]
    areas: dict[str, dict[str, Any]]  # area -> {"items": n, "published": n, "departments": [ids]}
    awaiting: list[ItemRow]
    overdue: list[ItemRow]
    items: list[ItemRow]
    other_areas: list[str]
    unreadable: list[str] = field(default_factory=list)  # item files that do not parse: on their own line

    @property
    def totals(self) -> DepartmentRow:
        t = DepartmentRow("", "")
        for d in self.departments:
            t.items += d.items
            for k in KINDS:
                t.kinds[k] += d.kinds[k]
            t.unknown_kind += d.unknown_kind
            for s in STATUSES:
                t.statuses[s] += d.statuses[s]
            t.clean += d.clean
            t.with_errors += d.with_errors
            t.with_warnings += d.with_warnings
            t.errors += d.errors
            t.warnings += d.warnings
        t.areas = [a for a in POLICY_AREAS if self.areas[a]["items"]]
        return t

    def to_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "as_of": self.as_of,
            "government": self.government,
            "document": self.document,
            "departments": [asdict(d) for d in self.departments],
            "areas": self.areas,
            "other_areas": self.other_areas,
            "awaiting_approval": [asdict(i) for i in self.awaiting],
            "overdue": [asdict(i) for i in self.overdue],
            "unreadable": self.unreadable,
        }


def _s(value: Any) -> str:
    return value if isinstance(value, str) else ""


def build_report(catalog: Catalog, findings: list[Finding], as_of: str) -> Report:
    """``findings``: what `akq lint` reports on the catalog (file names relative to the current folder)."""
    from pathlib import Path

    from akq_cli.core.paths import display_path

    per_file: dict[str, tuple[int, int]] = {}
    for f in findings:
        key = str(Path(f.file).resolve())
        e, w = per_file.get(key, (0, 0))
        per_file[key] = (e + (f.severity == "error"), w + (f.severity == "warning"))

    rows: list[ItemRow] = []
    unreadable: list[str] = []
    for item in catalog.items:
        d = item.data
        file = display_path(item.path)
        if not item.readable:
            # No kind, status or department to count it under; lint says why.
            unreadable.append(file)
            continue
        e, w = per_file.get(str(item.path.resolve()), (0, 0))
        rows.append(
            ItemRow(
                id=item.id,
                title=_s(d.get("title")),
                department=_s(d.get("department")) or item.path.parent.name,
                kind=_s(d.get("kind")),
                category=_s(d.get("category")),
                status=_s(d.get("status")),
                effective_date=_s(d.get("effective_date")),
                file=file,
                errors=e,
                warnings=w,
            )
        )
    rows.sort(key=lambda r: (r.department, r.id))

    deps: dict[str, DepartmentRow] = {k: DepartmentRow(k, _s(v.get("name"))) for k, v in catalog.departments.items()}
    for r in rows:
        dep = deps.get(r.department)
        if dep is None:
            dep = deps[r.department] = DepartmentRow(r.department, "", registered=False)
        dep.items += 1
        if r.kind in dep.kinds:
            dep.kinds[r.kind] += 1
        else:
            dep.unknown_kind += 1
        if r.status in dep.statuses:
            dep.statuses[r.status] += 1
        dep.errors += r.errors
        dep.warnings += r.warnings
        if r.errors:
            dep.with_errors += 1
        elif r.warnings:
            dep.with_warnings += 1
        else:
            dep.clean += 1
        if r.category in POLICY_AREAS and r.status != "repealed" and r.category not in dep.areas:
            dep.areas.append(r.category)
    for dep in deps.values():
        dep.areas.sort(key=POLICY_AREAS.index)

    areas: dict[str, dict[str, Any]] = {a: {"items": 0, "published": 0, "departments": []} for a in POLICY_AREAS}
    other: set[str] = set()
    for r in rows:
        if r.status == "repealed":
            continue
        if r.category not in areas:
            if r.category:
                other.add(r.category)
            continue
        a = areas[r.category]
        a["items"] += 1
        a["published"] += r.status == "published"
        if r.department not in a["departments"]:
            a["departments"].append(r.department)

    awaiting = [r for r in rows if r.status == "submitted"]
    overdue = [r for r in rows if r.status in NOT_YET_IN_FORCE and r.effective_date and r.effective_date <= as_of]
    meta = catalog.meta
    doc = meta.get("document") if isinstance(meta.get("document"), dict) else {}
    return Report(
        as_of=as_of,
        government=_s(meta.get("government")),
        document=_s(doc.get("number")),
        departments=list(deps.values()),
        areas=areas,
        awaiting=awaiting,
        overdue=overdue,
        items=rows,
        other_areas=sorted(other),
        unreadable=sorted(unreadable),
    )


def today(as_of: str | None = None) -> str:
    """The report date: --as-of, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    import os
    from datetime import UTC, date, datetime

    if as_of:
        return date.fromisoformat(as_of).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return date.today().isoformat()
