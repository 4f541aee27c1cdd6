"""Building the whole site in memory: path below the output folder -> bytes."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from akq_cli.core.catalog import Catalog
from akq_cli.core.git import GitError
from akq_cli.site import opendata
from akq_cli.site.gitinfo import EarlyLog, GitInfo, git_info
from akq_cli.site.helpers import run_shared
from akq_cli.site.history import ChangeSet, read_changes
from akq_cli.site.model import PAGE_ROWS, SiteModel, build_model
from akq_cli.site.pages import Parts, environment, render
from akq_cli.site.plans import open_data as plans_json
from akq_cli.site.plans import plan_views, published_files
from akq_cli.site.search import search_data
from akq_cli.site.sources import Source, known_blobs
from akq_cli.site.writer import ExportRefused, SiteWriter, Written

# Up to this many items the index page lists them all, so that it works without
# JavaScript; above it, the index page links to the department and area pages
# (PAGE_ROWS a page) and the script renders search results 50 at a time.
INLINE_LIMIT = PAGE_ROWS
ATOM_ENTRIES = 50
BACKGROUND_FROM = 300  # rows; below this a second process costs more than it saves
ITEM_CHUNK = 100  # item pages a process makes before it takes the next chunk
ASSETS = ("site.css", "site.js")
# Pages whose every value comes from the site model (cleaned by build_model) and git's own output;
# the change log, the retired items' and the plans' pages show data read elsewhere and are scanned.
MODEL_ONLY = frozenset({"item.html", "department.html", "area.html", "index.html"})


# What a task of _build gives back: the files it made but did not write, those it wrote, and why the
# change log is empty (the change log's task only).
_Done = tuple[tuple[dict[str, bytes], Written], dict[str, str] | None]


@dataclass
class Build:
    files: dict[str, bytes]
    model: SiteModel
    git: GitInfo
    warnings: list[dict[str, str]] = field(default_factory=list)
    written: Written = field(default_factory=dict)  # files already put into the output folder (``out``)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _changes(git: GitInfo, top: Path | None, rel: str, known: dict[str, dict[str, Any]],
             log: subprocess.CompletedProcess[bytes] | None) -> tuple[list[ChangeSet], dict[str, str] | None]:
    """The change log, or why it cannot be read ({'zh':…, 'en':…})."""
    if git.refused is not None:
        return [], git.refused.texts
    if top is None:
        return [], {"zh": "目录清单不在 git 仓库中：调整记录页面为空，页面上不显示更新日期。",
                    "en": "the catalog is not in a git repository: the changes page is empty and no update date is shown."}
    if git.commit is None:
        return [], None  # a repository without commits has no changes yet
    try:
        return read_changes(top, rel, known, log), None
    except GitError as exc:
        return [], exc.texts


def build_site(catalog: Catalog, forms_dir: Path | None = None, *, inline_limit: int = INLINE_LIMIT,
               sources: list[Source] | None = None, facts: tuple[GitInfo, Path | None, str] | None = None,
               out: SiteWriter | None = None, log: EarlyLog | None = None) -> Build:
    """The whole site; ``facts`` is git_info(catalog.root) when the caller has already asked, ``log`` the
    change log's git log when it started it early.

    With ``out``, the item pages and the open data (nearly all the bytes) are written there by the
    process that made them, and ``Build.written`` says what was written; the rest is in ``files``.
    """
    model = build_model(catalog, forms_dir, sources)
    git, top, rel = facts or git_info(catalog.root)
    warnings = [s.reason | {"path": str(s.path)} for s in model.skipped]
    # Read here, before any helper forks: only the process that started git can wait for it.
    ready = log.result() if log is not None else None
    return _build(catalog, model, git, (top, rel, ready), known_blobs(sources or []), warnings,
                  len(model.entries) > BACKGROUND_FROM, forms_dir, inline_limit, out)


def _build(catalog: Catalog, model: SiteModel, git: GitInfo,
           where: tuple[Path | None, str, subprocess.CompletedProcess[bytes] | None],
           known: dict[str, dict[str, Any]], warnings: list[dict[str, str]], fork: bool,
           forms_dir: Path | None, inline_limit: int, out: SiteWriter | None) -> Build:
    """A large export keeps every core busy (helpers.run_shared): the spreadsheets (CSV and workbook), the
    change log (git's history, parsed), the search index, the list pages with catalog.json, and the item
    pages a hundred at a time are tasks that this process and its forked helpers take in turn."""
    from akq_cli.core.resources import resource_dir

    top, rel, log = where

    files: dict[str, bytes] = {}
    meta = model.meta
    common: dict[str, Any] = {
        "site_title": model.title,
        "government": meta.get("government") or "",
        "document": model.document,
        "contacts": [c for c in meta.get("contacts") or [] if isinstance(c, dict)],
        "git": git,
        "base_url": model.base_url,
        "by_id": model.by_id,
        "settings": model.settings,
        "assets": {},  # filled below, before any page is rendered
    }
    common["part"] = Parts(common)

    def page(out: dict[str, bytes], path: str, template: str, **ctx: Any) -> None:
        root = "../" * path.count("/")
        canonical = model.base_url + ("" if path == "index.html" else path) if model.base_url else ""
        out[path] = render(template, model_only=template in MODEL_ONLY, root=root, canonical=canonical,
                           **common, **ctx)

    entries = model.entries
    standard = meta.get("standard_text") if isinstance(meta.get("standard_text"), dict) else {}
    groups = {g.id: g for g in model.groups}

    def deliver(made: dict[str, bytes]) -> tuple[dict[str, bytes], Written]:
        """Put into the output folder where there is one, rather than sent back through a pipe to be written."""
        return ({}, out.put(made)) if out is not None else (made, {})

    written: Written = {}

    def keep(parts: tuple[dict[str, bytes], Written]) -> None:
        files.update(parts[0])
        written.update(parts[1])

    lists = [*((p.url, "department.html", {"group": g, "list_page": p}) for g in model.groups for p in g.pages),
             *((p.url, "area.html", {"area": a, "list_page": p}) for a in model.areas for p in a.pages)]
    if out is not None:  # named before any helper writes
        out.plan([*(e.url for e in entries), *(url for url, _, _ in lists), *opendata.FILES])

    # Assets are named by their content, so a browser never keeps a stale copy after an update
    # and a server may let them be cached for ever. Only index.html names the search index, and the
    # task that builds the index makes that page too.
    asset_dir = resource_dir("templates") / "site" / "assets"
    for name in ASSETS:
        common["assets"][name] = _hashed(files, name, (asset_dir / name).read_bytes())
    prepare()  # compiled once, before the helpers fork (done already when the export called it while reading)

    def item_pages(chunk: list[Any]) -> dict[str, bytes]:
        made: dict[str, bytes] = {}
        for e in chunk:
            std = standard.get(e.kind) if isinstance(standard.get(e.kind), dict) else {}
            related = [(rid, model.by_id.get(rid)) for rid in e.texts("certifications")]
            page(made, e.url, "item.html", nav="", e=e, group=groups[e.department["id"]], std=std,
                 standard=standard, related=related)
        return made

    def list_pages() -> dict[str, bytes]:
        made: dict[str, bytes] = {}
        for url, template, ctx in lists:
            page(made, url, template, nav="", **ctx)
        return made

    def history_pages() -> tuple[dict[str, bytes], dict[str, str] | None]:
        """The change log, its feed and the pages of items no longer in force: all read from git's history."""
        change_sets, unread = _changes(git, top, rel, known, log)
        made: dict[str, bytes] = {}
        # Newest first: an id deleted, restored and deleted again is dated by its last deletion.
        for change_set in change_sets:
            for change in change_set.changes:
                if change.before is not None:
                    model.add_deleted(change.id, change.before, change_set.day)
        for e in model.retired:
            page(made, e.url, "retired.html", nav="", e=e, group=groups.get(e.department["id"]))
        # The ids whose page says 已取消 / 暂停实施 / 已废止, for the change log and its feed only, not put in
        # ``common``: item pages are made by several processes, and only this one has read the history.
        pages = {e.id for e in model.retired}
        page(made, "changes.html", "changes.html", nav="changes", change_sets=change_sets, pages=pages)
        updated = git.date or (str(model.document.get("date")) + "T00:00:00+08:00" if model.document.get("date")
                               else "2000-01-01T00:00:00Z")
        made["changes.atom"] = render("changes.atom", **common, change_sets=change_sets[:ATOM_ENTRIES], pages=pages,
                                      updated=change_sets[0].date if change_sets else updated)
        return made, unread

    def search_pages() -> dict[str, bytes]:
        """The search data and the index page, which names its file (content-hashed)."""
        made: dict[str, bytes] = {}
        search = search_data(model)  # the bodies' file first: the index names it
        common["assets"]["search-index.js"] = _hashed(made, "search-index.js",
                                                      search.index_script(_hashed(made, "search-text.js", search.text)))
        page(made, "index.html", "index.html", nav="index", groups=model.groups, areas=model.areas,
             total=len(entries), n_cert=model.count("certification"), n_license=model.count("business_license"),
             inline=len(entries) <= inline_limit)
        return made

    def history_task() -> _Done:
        made, unread = history_pages()
        return (made, {}), unread

    def item_task(start: int) -> _Done:
        return deliver(item_pages(entries[start:start + ITEM_CHUNK])), None

    # Every process takes the next task when it is free: the long ones first (the workbook cannot be cut,
    # so it gets a core of its own from the start), then the item pages, a chunk at a time, which even
    # out the end. Files are written by the process that made them, where there is an output folder.
    tasks: list[Callable[[], _Done]] = [
        lambda: (deliver(_tables(model, git)), None),
        history_task,
        lambda: ((search_pages(), {}), None),
        lambda: (deliver({**list_pages(), **_documents(model, git)}), None),
        *(partial(item_task, start) for start in range(0, len(entries), ITEM_CHUNK)),
    ]
    unread: dict[str, str] | None = None
    for part, extra in run_shared(tasks, fork):
        keep(part)
        unread = unread or extra
    if unread is not None:
        if in_ci():  # a pipeline would publish an empty change log as if nothing had ever changed
            raise ExportRefused({
                "zh": f"{unread['zh']}在 CI 中（CI=true）不生成空的调整记录，已停止。",
                "en": f"{unread['en']} In CI (CI=true) an empty change log is not published; stopped.",
            })
        warnings.append(unread)
    elif git.dirty:
        warnings.append({"zh": "目录清单有未提交的修改：网站按当前文件生成，但版本号和日期是最后一次提交的。",
                         "en": "the catalog has uncommitted changes: the site shows the working files with the last commit's date."})
    # 一公开 (issue 14): a page per plan and per recorded draw, the plans' files byte for byte, plans.json
    plans = plan_views(catalog.state, catalog.departments, model.by_id)
    page(files, "plans/index.html", "plans.html", nav="plans", plans=plans)
    for p in plans:
        page(files, p.url, "plan.html", nav="", p=p)
        if p.draw is not None:
            page(files, p.draw.url, "draw.html", nav="", p=p)
    if catalog.state is not None:
        files.update(published_files(catalog.state, plans))
    files["plans.json"] = plans_json(plans, model.base_url)

    # Items no longer in force keep their page but leave the sitemap: nothing to index there.
    plan_urls = [u for p in plans for u in (p.url, p.draw.url if p.draw else None) if u]
    urls = ["", "changes.html", *(g.url for g in model.groups), *(e.url for e in entries), "plans/index.html", *plan_urls]
    files["sitemap.xml"] = render("sitemap.xml", base_url=model.base_url, urls=urls, lastmod=git.day)
    # Crawlers read robots.txt only at a host's root: written there it works; in a
    # sub-folder it would be ignored, so the webmaster adds the Sitemap line to the host's own.
    if model.at_host_root:
        robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {model.base_url}sitemap.xml\n" if model.base_url else "")
        files["robots.txt"] = robots.encode()

    if forms_dir is not None:
        for e in entries:
            for rel_path in e.forms.values():
                files[rel_path] = (forms_dir / Path(rel_path).name).read_bytes()
    return Build(files, model, git, warnings, written)


def prepare() -> None:
    """Compile the templates that every process uses and import the workbook writer: once, in this process,
    so that forked helpers inherit them. ``akq export`` calls it while a helper reads the item files."""
    import xlsxwriter  # noqa: F401 - imported for the helper that makes the workbook

    for name in ("item.html", "department.html", "area.html", "retired.html", "changes.html", "index.html"):
        environment().get_template(name)


def _tables(model: SiteModel, git: GitInfo) -> dict[str, bytes]:
    """catalog.csv and catalog.xlsx: the longest single task of a large export, so the first in the queue."""
    table = opendata.rows(model)
    return {"catalog.csv": opendata.catalog_csv(model, table),
            "catalog.xlsx": opendata.xlsx_from_rows(table, model.title, git.date)}


def _documents(model: SiteModel, git: GitInfo) -> dict[str, bytes]:
    """catalog.json and its schema."""
    return {"catalog.json": opendata.catalog_json(model, git.date, git.commit),
            opendata.SCHEMA_FILE: opendata.schema_json(model)}


def _hashed(files: dict[str, bytes], name: str, data: bytes) -> str:
    """Put ``data`` under assets/ with the first 10 hex digits of its SHA-256 in the name; return that path."""
    stem, _, ext = name.rpartition(".")
    path = f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"
    files[path] = data
    return path


