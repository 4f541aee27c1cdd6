"""What the public pages show: the published items of a catalog, grouped by department."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from akq_cli.core import vocab
from akq_cli.core.catalog import Catalog
from akq_cli.core.conditions import Condition, conditions_of
from akq_cli.core.fillin import FillIn, fill_ins_of
from akq_cli.core.invisible import clean_data
from akq_cli.core.timing import text as timing_text
from akq_cli.site import labels as L
from akq_cli.site.sources import Source, from_catalog

# The schema's id patterns. Ids become file names, so anything else is left out
# of the site (and lint reports it): an id can never steer a write elsewhere.
ITEM_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
DEPT_ID = re.compile(r"^[A-Z][A-Z0-9]*$")
FORM_KINDS = ("docx", "pdf")
UNKNOWN_DEPT = "_"
# Rows on one department or area page: a phone lays out 300 rows of the table
# without stalling, and 10,000 items still fit in a few pages per department.
PAGE_ROWS = 300
# Items no longer in force that keep their page (its address is on printed forms,
# in bookmarks and QR codes), and what the page calls them.
RETIRED = {status: L.label(L.STATUS, status) for status in (*vocab.STOPPED, "repealed")}
# Characters Windows refuses in a file name, and its reserved device names.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DEVICE = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)


def item_page(item_id: str) -> str:
    """An item's public page below the site root (the forms' QR codes link to it too)."""
    return f"items/{item_id}.html"


def site_base_url(meta: dict[str, Any]) -> str:
    """catalog.yaml's site.base_url ending in "/", or "" when the catalog names no site."""
    site = meta.get("site")
    url = _text(site.get("base_url")) if isinstance(site, dict) else ""
    return url if url.endswith("/") or not url else url + "/"


@dataclass
class Entry:
    """One published item, with the values the list, the page and the open data share.

    The values read from ``data`` are computed once (cached_property): the page, the list rows, the
    search index and the open data each read them, an item page up to eight times.
    """

    id: str
    data: dict[str, Any]
    department: dict[str, Any]
    forms: dict[str, str] = field(default_factory=dict)  # "docx"/"pdf" -> path below the site root
    sizes: dict[str, int] = field(default_factory=dict)  # "docx"/"pdf" -> bytes
    download_stem: str = ""  # the name a form is saved as, without extension (see download_names)

    @property
    def status(self) -> str:
        return _text(self.data.get("status"))

    @property
    def status_label(self) -> str:
        return RETIRED.get(self.status, "")

    def download(self, kind: str) -> str:
        return f"{self.download_stem or self.id}.{kind}"

    def size(self, kind: str) -> str:
        return human_size(self.sizes.get(kind, 0))

    @property
    def url(self) -> str:
        return item_page(self.id)

    @cached_property
    def title(self) -> str:
        return _text(self.data.get("title")) or _text(self.data.get("matter")) or self.id

    @cached_property
    def matter(self) -> str:
        return _text(self.data.get("matter"))

    @cached_property
    def kind(self) -> str:
        return _text(self.data.get("kind"))

    @cached_property
    def kind_label(self) -> str:
        return L.label(L.KIND, self.data.get("kind"))

    @cached_property
    def category(self) -> str:
        return _text(self.data.get("category"))

    @cached_property
    def bases(self) -> list[tuple[str, str, str]]:
        """(document, article, level label) of each legal basis."""
        out = []
        for b in _list(self.data.get("legal_basis")):
            if isinstance(b, dict):
                out.append((_text(b.get("document")), _text(b.get("article")), L.label(L.LEVEL, b.get("level"))))
        return out

    @cached_property
    def bases_text(self) -> list[str]:
        return [f"{doc}{art}" for doc, art, _ in self.bases]

    @property
    def commitment(self) -> dict[str, Any]:
        c = self.data.get("commitment")
        return c if isinstance(c, dict) else {}

    @cached_property
    def methods(self) -> list[str]:
        return L.labels(L.METHOD, self.commitment.get("method"))

    @property
    def proxy(self) -> bool:
        return self.commitment.get("proxy_allowed") is True

    @property
    def proxy_label(self) -> str:
        return "可以代为承诺" if self.proxy else "不可代为承诺"

    @property
    def verification(self) -> dict[str, Any]:
        v = self.data.get("verification")
        return v if isinstance(v, dict) else {}

    @cached_property
    def timing(self) -> str:
        """受理后15个工作日内, from the structured verification.timing."""
        return timing_text(self.verification.get("timing"))

    @cached_property
    def verifications(self) -> list[str]:
        return L.labels(L.VERIFICATION, self.verification.get("methods"))

    def section(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}

    @cached_property
    def conditions(self) -> list[Condition]:
        """The conditions with the articles they rest on (issue 10.2)."""
        return conditions_of(self.data.get("conditions"))

    @cached_property
    def fill_ins(self) -> list[FillIn]:
        """What the applicant writes on the form beyond the standard block (issue 10.1)."""
        return fill_ins_of(self.data.get("fill_in"))

    def texts(self, key: str) -> list[str]:
        return [_text(v) for v in _list(self.data.get(key)) if _text(v)]

    @cached_property
    def aliases(self) -> list[str]:
        return self.texts("aliases")

    @cached_property
    def materials(self) -> list[str]:
        return self.texts("materials")


@dataclass
class Group:
    id: str
    department: dict[str, Any]
    entries: list[Entry]

    @property
    def name(self) -> str:
        return _text(self.department.get("name")) or self.id

    @property
    def url(self) -> str:
        return f"departments/{self.id}.html"

    @property
    def pages(self) -> list[Page]:
        return paged("departments", self.id, self.entries)


@dataclass
class Area:
    """A policy area (领域). Its code is derived from its name, so a link to it
    stays the same when other areas are added or renamed (a list position would not)."""

    name: str
    entries: list[Entry]

    @property
    def code(self) -> str:
        return area_code(self.name)

    @property
    def url(self) -> str:
        return f"areas/{self.code}.html"

    @property
    def pages(self) -> list[Page]:
        return paged("areas", self.code, self.entries)


@dataclass
class Page:
    """One page of a department's or area's list: ``number`` of ``count``."""

    url: str
    number: int
    count: int
    entries: list[Entry]
    siblings: list[str]  # the url of every page of the list, first to last


def paged(folder: str, code: str, entries: list[Entry]) -> list[Page]:
    chunks = [entries[i:i + PAGE_ROWS] for i in range(0, len(entries), PAGE_ROWS)] or [[]]
    urls = [f"{folder}/{code}.html" if n == 1 else f"{folder}/{code}-{n}.html" for n in range(1, len(chunks) + 1)]
    return [Page(url, n, len(chunks), chunk, urls) for n, (url, chunk) in enumerate(zip(urls, chunks, strict=True), start=1)]


def area_code(name: str) -> str:
    """A short, stable, file-name-safe code for an area name (areas have no code of their own)."""
    return "a" + hashlib.sha256(name.encode()).hexdigest()[:8]


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def safe_file_name(text: str, limit: int = 60) -> str:
    """``text`` as a file name Windows, macOS and Linux all accept (the saved download's name)."""
    name = _UNSAFE.sub("", text).strip().rstrip(". ")
    name = name[:limit].rstrip(". ")
    return "" if not name or _DEVICE.match(name) else name


def download_names(entries: list[Entry]) -> None:
    """``无犯罪记录证明-告知承诺书``: the title says what the file is; two items of one title add their ids."""
    stems = {e.id: safe_file_name(e.title) for e in entries}
    seen: dict[str, int] = {}
    for stem in stems.values():
        seen[stem] = seen.get(stem, 0) + 1
    for e in entries:
        stem = stems[e.id]
        if not stem:
            stem = e.id
        elif seen[stem] > 1:
            stem = f"{stem}-{e.id}"
        e.download_stem = f"{stem}-告知承诺书"


@dataclass
class Skipped:
    path: Path
    reason: dict[str, str]  # {"zh":…, "en":…}


@dataclass
class SiteModel:
    meta: dict[str, Any]
    groups: list[Group]
    skipped: list[Skipped]
    by_id: dict[str, Entry]
    all_ids: set[str] = field(default_factory=set)  # every readable id, published or not
    retired: list[Entry] = field(default_factory=list)  # withdrawn, suspended or repealed: a page, no list
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add_deleted(self, item_id: str, data: dict[str, Any], day: str) -> None:
        """An item whose file was deleted on ``day`` (its last version is ``data``): it keeps a page saying 已取消."""
        if item_id in self.all_ids or not ITEM_ID.match(item_id):
            return
        self.all_ids.add(item_id)
        was_retired = data.get("status") in RETIRED
        data = {**clean_data(data), "id": item_id, "status": "withdrawn"}
        if not (was_retired and data.get("status_since")):  # a published file deleted: the deletion is the date
            data["status_since"] = day
        if not (was_retired and data.get("status_reason")):
            data["status_reason"] = "本事项已从告知承诺制目录中移出。"
        dept_id = data.get("department")
        dept = self.departments.get(dept_id) if isinstance(dept_id, str) else None
        self.retired.append(Entry(item_id, data, dept or {"id": UNKNOWN_DEPT, "name": "其他单位"}))
        self.retired.sort(key=lambda e: e.id)

    @property
    def areas(self) -> list[Area]:
        grouped: dict[str, list[Entry]] = {}
        for e in self.entries:
            if e.category:
                grouped.setdefault(e.category, []).append(e)
        return [Area(name, grouped[name]) for name in sorted(grouped)]

    @property
    def entries(self) -> list[Entry]:
        return [e for g in self.groups for e in g.entries]

    @property
    def title(self) -> str:
        site = self.meta.get("site")
        title = site.get("title") if isinstance(site, dict) else None
        return _text(title) or "告知承诺制事项目录"

    @property
    def base_url(self) -> str:
        return site_base_url(self.meta)

    @property
    def settings(self) -> dict[str, Any]:
        """The webmaster's settings (catalog.yaml ``site``): portal link, footer fields."""
        site = self.meta.get("site")
        return site if isinstance(site, dict) else {}

    @property
    def at_host_root(self) -> bool:
        """Whether the site is served at its host's root (no base_url: assume it is)."""
        url = self.base_url
        return not url or urlsplit(url).path in ("", "/")

    @property
    def document(self) -> dict[str, Any]:
        d = self.meta.get("document")
        return d if isinstance(d, dict) else {}

    @property
    def categories(self) -> list[str]:
        return sorted({e.category for e in self.entries if e.category})

    def count(self, kind: str) -> int:
        return sum(1 for e in self.entries if e.kind == kind)


def build_model(catalog: Catalog, forms_dir: Path | None = None, sources: list[Source] | None = None) -> SiteModel:
    """The published items of ``catalog`` (or of ``sources``, read from its files); unusable ones are listed in ``skipped``."""
    departments = {k: clean_data(v) for k, v in catalog.departments.items() if DEPT_ID.match(k)}
    skipped: list[Skipped] = []
    by_id: dict[str, Entry] = {}
    retired: dict[str, Entry] = {}
    all_ids: set[str] = set()
    first: dict[str, Path] = {}
    for item in sources if sources is not None else from_catalog(catalog):
        if item.data is None:  # its status cannot be read either: say so whatever it was meant to be
            skipped.append(Skipped(item.path, {"zh": "文件无法读取（请运行 akq lint 查看原因），未列入公开目录",
                                               "en": "file cannot be read (run akq lint); left out"}))
            continue
        # Every page, catalog.json, the CSV, the workbook and the search index read this data:
        # no invisible or control character reaches any of them.
        data = item.data if item.clean else clean_data(item.data)
        item_id = data.get("id")
        if isinstance(item_id, str):
            all_ids.add(item_id)
        status = data.get("status")
        if status != "published" and status not in RETIRED:
            continue
        if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
            if status in RETIRED:
                continue
            skipped.append(Skipped(item.path, {"zh": f"编号“{item_id}”不符合格式（如 SFJ-ZM-001），未列入公开目录",
                                               "en": f"id {item_id!r} is not of the form SFJ-ZM-001; left out"}))
            continue
        if item_id in by_id:
            skipped.append(Skipped(item.path, {"zh": f"编号 {item_id} 与 {first[item_id]} 重复，只公开后者",
                                               "en": f"id {item_id} also used by {first[item_id]}; only that one is published"}))
            continue
        dept_id = data.get("department")
        dept = departments.get(dept_id) if isinstance(dept_id, str) else None
        entry = Entry(item_id, data, dept or {"id": UNKNOWN_DEPT, "name": "其他单位"})
        if status in RETIRED:  # no form, no row: its page says why
            retired[item_id] = entry
            continue
        if forms_dir is not None:
            for ext in FORM_KINDS:
                form = forms_dir / f"{item_id}.{ext}"
                if form.is_file():
                    entry.forms[ext] = f"forms/{item_id}.{ext}"
                    entry.sizes[ext] = form.stat().st_size
        by_id[item_id] = entry
        first[item_id] = item.path

    order = {dept_id: i for i, dept_id in enumerate(departments)}
    grouped: dict[str, list[Entry]] = {}
    for entry in by_id.values():
        grouped.setdefault(entry.department["id"], []).append(entry)
    groups = [
        Group(dept_id, grouped[dept_id][0].department, sorted(grouped[dept_id], key=lambda e: e.id))
        for dept_id in sorted(grouped, key=lambda d: (order.get(d, len(order)), d))
    ]
    entries = [e for g in groups for e in g.entries]
    download_names(entries)
    return SiteModel(clean_data(catalog.meta), groups, skipped, {e.id: e for e in entries}, all_ids,
                     [retired[k] for k in sorted(retired) if k not in by_id], departments)


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
