"""Building the whole site in memory: path below the output folder -> bytes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core.catalog import Catalog
from akq_cli.core.git import GitError
from akq_cli.site import opendata
from akq_cli.site.helpers import Helpers
from akq_cli.site.history import ChangeSet, GitInfo, git_info, read_changes
from akq_cli.site.model import SiteModel, build_model
from akq_cli.site.pages import render
from akq_cli.site.plans import open_data as plans_json
from akq_cli.site.plans import plan_views, published_files
from akq_cli.site.search import index_script
from akq_cli.site.sources import Source
from akq_cli.site.writer import ExportRefused

# Up to this many items the index page lists them all, so that it works without
# JavaScript; above it, the index page links to one page per department and the
# script renders search results 50 at a time (a phone cannot lay out 10,000 rows).
INLINE_LIMIT = 500
ATOM_ENTRIES = 50
BACKGROUND_FROM = 300  # rows; below this a second process costs more than it saves
ASSETS = ("site.css", "site.js")


@dataclass
class Build:
    files: dict[str, bytes]
    model: SiteModel
    git: GitInfo
    change_sets: list[ChangeSet]
    warnings: list[dict[str, str]] = field(default_factory=list)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _changes(git: GitInfo, top: Path | None, rel: str) -> tuple[list[ChangeSet], dict[str, str] | None]:
    """The change log, or why it cannot be read ({'zh':…, 'en':…})."""
    if git.refused is not None:
        return [], git.refused.texts
    if top is None:
        return [], {"zh": "目录清单不在 git 仓库中：调整记录页面为空，页面上不显示更新日期。",
                    "en": "the catalog is not in a git repository: the changes page is empty and no update date is shown."}
    if git.commit is None:
        return [], None  # a repository without commits has no changes yet
    try:
        return read_changes(top, rel), None
    except GitError as exc:
        return [], exc.texts


def build_site(catalog: Catalog, forms_dir: Path | None = None, *, inline_limit: int = INLINE_LIMIT,
               sources: list[Source] | None = None) -> Build:
    from akq_cli.core.resources import resource_dir

    model = build_model(catalog, forms_dir, sources)
    git, top, rel = git_info(catalog.root)
    warnings = [s.reason | {"path": str(s.path)} for s in model.skipped]
    change_sets, unread = _changes(git, top, rel)
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

    table = opendata.rows(model)
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
    }

    def page(out: dict[str, bytes], path: str, template: str, **ctx: Any) -> None:
        root = "../" * path.count("/")
        canonical = model.base_url + ("" if path == "index.html" else path) if model.base_url else ""
        out[path] = render(template, root=root, canonical=canonical, **common, **ctx)

    entries = model.entries
    standard = meta.get("standard_text") if isinstance(meta.get("standard_text"), dict) else {}
    groups = {g.id: g for g in model.groups}

    def item_pages(chunk: list[Any]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for e in chunk:
            std = standard.get(e.kind) if isinstance(standard.get(e.kind), dict) else {}
            related = [(rid, model.by_id.get(rid)) for rid in e.texts("certifications")]
            page(out, e.url, "item.html", nav="", e=e, group=groups[e.department["id"]], std=std,
                 standard=standard, related=related)
        return out

    # A large export keeps both cores busy: the workbook (openpyxl, the slowest
    # single part) and half of the item pages are built in forked helpers while
    # this process renders the rest.
    half = len(entries) // 2
    jobs = Helpers(len(entries) > BACKGROUND_FROM)
    xlsx = jobs.start(lambda: opendata.xlsx_from_rows(table, model.title, git.date))
    first_half = jobs.start(lambda: item_pages(entries[:half]))
    jobs.go()

    page(files, "index.html", "index.html", nav="index", groups=model.groups, categories=model.categories,
         total=len(entries), n_cert=model.count("certification"), n_license=model.count("business_license"),
         inline=len(entries) <= inline_limit)
    for group in model.groups:
        page(files, group.url, "department.html", nav="", group=group)
    files.update(item_pages(entries[half:]))
    page(files, "changes.html", "changes.html", nav="changes", change_sets=change_sets)
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

    updated = git.date or (str(model.document.get("date")) + "T00:00:00+08:00" if model.document.get("date")
                           else "2000-01-01T00:00:00Z")
    files["changes.atom"] = render("changes.atom", **common, change_sets=change_sets[:ATOM_ENTRIES],
                                   updated=change_sets[0].date if change_sets else updated)
    plan_urls = [u for p in plans for u in (p.url, p.draw.url if p.draw else None) if u]
    urls = ["", "changes.html", *(g.url for g in model.groups), *(e.url for e in entries), "plans/index.html", *plan_urls]
    files["sitemap.xml"] = render("sitemap.xml", base_url=model.base_url, urls=urls, lastmod=git.day)
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {model.base_url}sitemap.xml\n" if model.base_url else "")
    files["robots.txt"] = robots.encode()

    assets = resource_dir("templates") / "site" / "assets"
    for name in ASSETS:
        files[f"assets/{name}"] = (assets / name).read_bytes()
    files["assets/search-index.js"] = index_script(model)

    files["catalog.json"] = opendata.catalog_json(model, git.date, git.commit)
    files[opendata.SCHEMA_FILE] = opendata.schema_json(model)
    files["catalog.csv"] = opendata.catalog_csv(model, table)
    files["catalog.xlsx"] = xlsx()
    files.update(first_half())

    if forms_dir is not None:
        for e in entries:
            for rel_path in e.forms.values():
                files[rel_path] = (forms_dir / Path(rel_path).name).read_bytes()
    return Build(files, model, git, change_sets, warnings)


