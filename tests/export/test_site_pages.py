"""What the webmaster and a citizen without JavaScript get (issue 12 items 2, 4, 5, 6):
paged lists, pages for items no longer in force, footer settings, download names, the change log's fields."""

from __future__ import annotations

import copy
import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path

import pytest
import yaml

from conftest import run_akq

from .conftest import EXPORT_FIXTURE, git, make_repo, set_field
from .test_export_cli import ATOM, SITEMAP, Page, asset, tree


def links(html: bytes, here: str) -> list[str]:
    """The site-internal pages a page links to, as paths below the site root."""
    out = []
    for tag, attrs in Page(html.decode()).tags:
        href = attrs.get("href") or ""
        if tag != "a" or not href or href.startswith(("http:", "https:", "//", "mailto:", "tel:", "#")):
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(here), href.split("#")[0].split("?")[0]))
        if path.endswith(".html"):
            out.append(path)
    return out


def rows(html: bytes) -> int:
    return sum(1 for tag, _ in Page(html.decode()).tags if tag == "tr") - html.decode().count("<thead>")


# --- 2. without JavaScript, at any size --------------------------------------------------------------


def test_every_item_of_10000_is_three_clicks_from_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Crawl the exported HTML: index -> department or area page -> page N -> item, no list page over 300 rows."""
    from akq_cli.core.catalog import load_catalog
    from akq_cli.site.build import build_site
    from akq_cli.site.sources import Source

    monkeypatch.delenv("CI", raising=False)  # the fixture is not in git: no change log, which CI would refuse
    catalog = load_catalog(EXPORT_FIXTURE)
    base = next(s for s in catalog.items if s.data and s.data.get("id") == "SFJ-ZM-001").data
    areas = ("法律服务", "社会救助", "户籍管理", "社会保险", "健康体检")
    sources = []
    for n in range(10_000):
        data = copy.deepcopy(base)
        # a lopsided catalog: one department holds most items, as the county's biggest does
        dept = "SFJ" if n % 10 < 7 else "SCJGJ"
        data.update(id=f"{dept}-ZM-{n:05d}", department=dept, category=areas[n % len(areas)], title=f"证明{n}")
        sources.append(Source(Path(f"items/{dept}/{data['id']}.yaml"), data))
    files = build_site(catalog, sources=sources).files

    index = files["index.html"].decode()
    assert "搜索" not in Page(index).all_text().replace("搜索事项：输入名称、常用说法、办理机关或条款", "")  # only the form's own label
    seen = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        here = queue.popleft()
        if seen[here] == 3:
            continue
        for target in links(files[here], here):
            if target in files and target not in seen:
                seen[target] = seen[here] + 1
                queue.append(target)
    items = {p for p in files if p.startswith("items/")}
    assert len(items) == 10_000
    assert sorted(items - seen.keys()) == []
    lists = [p for p in files if p.startswith(("departments/", "areas/"))]
    assert max(rows(files[p]) for p in lists) <= 300
    assert rows(files["index.html"]) == 0  # too many to list inline: links to the paged lists instead
    assert "departments/SFJ-24.html" in files and "departments/SFJ-25.html" not in files  # 7,000 rows / 300


def test_small_catalog_lists_everything_on_the_index(built_site: Path) -> None:
    text = Page((built_site / "index.html").read_text("utf-8")).all_text()
    assert "经济困难证明" in text and "请使用上面的搜索" not in text


# --- 4. items no longer in force keep their address ----------------------------------------------------


WITHDRAWN = {
    "status": "withdrawn",
    "status_since": "2026-07-01",
    "status_reason": "县民政局通过居民家庭经济状况核对机制核对，不再要求申请人提供本证明。",
    "replaced_by": "由民政部门通过居民家庭经济状况核对机制核对",
}


@pytest.fixture(scope="module")
def retired_site(tmp_path_factory: pytest.TempPathFactory, forms_dir: Path) -> Path:
    """The fixture catalog where SFJ-ZM-001 is withdrawn, SFJ-ZM-002 changed, and RSJ-ZM-001 published and then deleted."""
    repo = make_repo(tmp_path_factory.mktemp("retired"))
    items = repo / "catalog" / "items"
    set_field(items / "RSJ" / "RSJ-ZM-001.yaml", "status", "published")
    git(repo, "commit", "-qam", "Publish", date="2021-06-01T09:00:00+08:00")
    path = items / "SFJ" / "SFJ-ZM-002.yaml"
    path.write_text(path.read_text("utf-8").replace("effective_date: \"2021-05-01\"", "effective_date: \"2021-09-01\"")
                    + "", "utf-8")
    set_field(path, "content", "申请人未受过刑事处罚。")
    git(repo, "commit", "-qam", "Reword", date="2021-08-10T09:30:00+08:00")
    first = items / "SFJ" / "SFJ-ZM-001.yaml"
    data = yaml.safe_load(first.read_text("utf-8"))
    data.update(WITHDRAWN)
    first.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    git(repo, "commit", "-qam", "Withdraw", date="2026-06-20T09:00:00+08:00")
    git(repo, "rm", "-q", "catalog/items/RSJ/RSJ-ZM-001.yaml")
    git(repo, "commit", "-qm", "Delete", date="2026-06-25T09:00:00+08:00")
    out = tmp_path_factory.mktemp("retired-site") / "site"
    result = run_akq("export", repo / "catalog", "-o", out, "--forms", forms_dir)
    assert result.code == 0, result.err
    return out


def test_withdrawn_item_has_a_page_saying_since_when_why_and_what_replaces_it(retired_site: Path) -> None:
    text = Page((retired_site / "items" / "SFJ-ZM-001.html").read_text("utf-8")).all_text()
    for expected in ("本事项已取消", "2026年7月1日", WITHDRAWN["status_reason"], WITHDRAWN["replaced_by"], "0908-"):
        assert expected in text, expected
    assert "告知承诺书下载" not in text
    files = tree(retired_site)
    assert "forms/SFJ-ZM-001.docx" not in files  # no form for a withdrawn item
    assert "SFJ-ZM-001" not in files[asset(files, "search-index.js")].decode()
    assert "经济困难证明" not in Page(files["index.html"].decode()).all_text()


def test_deleted_item_gets_its_page_from_git_history(retired_site: Path) -> None:
    text = Page((retired_site / "items" / "RSJ-ZM-001.html").read_text("utf-8")).all_text()
    assert "职业资格证书" in text and "本事项已取消" in text and "2026年6月25日" in text
    assert "已从告知承诺制目录中移出" in text


def test_retired_pages_are_out_of_the_sitemap_but_in_the_change_log_and_feed(retired_site: Path) -> None:
    root = ET.parse(retired_site / "sitemap.xml").getroot()
    locs = {u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")}
    assert "https://www.akq.gov.cn/gzcn/items/SFJ-ZM-002.html" in locs
    assert not any("SFJ-ZM-001" in loc or "RSJ-ZM-001" in loc for loc in locs)
    changes = (retired_site / "changes.html").read_text("utf-8")
    assert 'href="items/SFJ-ZM-001.html"' in changes and 'href="items/RSJ-ZM-001.html"' in changes
    text = Page(changes).all_text()
    assert "取消 1 项" in text and "移出目录 1 项" in text
    feed = ET.parse(retired_site / "changes.atom").getroot()
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles[0].endswith("移出目录 1 项") and titles[1].startswith("2026年7月1日起施行") and "取消 1 项" in titles[1]
    # the feed links the retired items' pages as the change log does (only the history's reader knows them)
    raw = (retired_site / "changes.atom").read_text("utf-8")
    assert "gzcn/items/SFJ-ZM-001.html" in raw and "gzcn/items/RSJ-ZM-001.html" in raw


# --- 6. the change log says what changed --------------------------------------------------------------


def test_change_log_names_the_changed_fields_and_dates_by_effective_date(retired_site: Path) -> None:
    text = Page((retired_site / "changes.html").read_text("utf-8")).all_text()
    assert "无犯罪记录证明（SFJ-ZM-002）：调整了证明的内容／许可条件、施行日期" in text
    # the item's effective date heads the entry, the commit date stands beside it
    assert "2021年9月1日起施行 （目录更新于 2021年8月10日）" in text


# --- 5. webmaster settings ----------------------------------------------------------------------------


def test_footer_fields_and_portal_link_when_set(built_site: Path) -> None:
    for name in ("index.html", "items/SFJ-ZM-001.html", "changes.html", "departments/SFJ.html"):
        page = Page((built_site / name).read_text("utf-8"))
        text = page.all_text()
        for expected in ("主办单位：阿合奇县人民政府办公室", "承办单位：阿合奇县司法局", "网站标识码：6530230001",
                         "新ICP备00000000号-1", "新公网安备 65302302000001号", "联系方式：0908-5622412"):
            assert expected in text, (name, expected)
        hrefs = {a.get("href") for tag, a in page.tags if tag == "a"}
        assert {"https://www.akq.gov.cn/", "https://beian.miit.gov.cn/",
                "https://beian.mps.gov.cn/#/query/webSearch?code=65302302000001"} <= hrefs


def test_no_footer_fields_when_unset(tmp_path: Path) -> None:
    cat = tmp_path / "catalog"
    shutil.copytree(EXPORT_FIXTURE, cat)
    meta = cat / "catalog.yaml"
    kept = [ln for ln in meta.read_text("utf-8").splitlines()
            if not ln.startswith(("  portal:", "  sponsor:", "  organizer:", "  site_code:", "  icp:", "  police_record:", "  contact:"))]
    meta.write_text("\n".join(kept) + "\n", "utf-8")
    result = run_akq("export", cat, "-o", tmp_path / "site", env={"CI": ""})
    assert result.code == 0, result.err
    text = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "主办单位" not in text and "备案" not in text and "beian" not in text
    assert '<p class="gov">阿合奇县人民政府</p>' in text


def test_robots_txt_only_at_the_host_root(tmp_path: Path) -> None:
    cat = tmp_path / "catalog"
    shutil.copytree(EXPORT_FIXTURE, cat)
    meta = cat / "catalog.yaml"
    meta.write_text(meta.read_text("utf-8").replace("https://www.akq.gov.cn/gzcn/", "https://gzcn.akq.gov.cn/"), "utf-8")
    assert run_akq("export", cat, "-o", tmp_path / "site", env={"CI": ""}).code == 0
    robots = (tmp_path / "site" / "robots.txt").read_text("utf-8")
    assert robots == "User-agent: *\nAllow: /\nSitemap: https://gzcn.akq.gov.cn/sitemap.xml\n"


def test_assets_are_named_by_content_and_linked_from_every_page(built_site: Path) -> None:
    import hashlib

    files = tree(built_site)
    for name in ("site.css", "site.js", "search-index.js"):
        path = asset(files, name)
        assert hashlib.sha256(files[path]).hexdigest()[:10] in path
    css = asset(files, "site.css")
    for name, data in files.items():
        if name.endswith(".html"):
            root = "../" * name.count("/")
            assert f'href="{root}{css}"' in data.decode(), name


def test_filter_links_use_codes_not_positions(built_site: Path) -> None:
    from akq_cli.site.model import area_code

    index = Page((built_site / "index.html").read_text("utf-8"))
    values = {a.get("value") for tag, a in index.tags if tag == "option"} - {""}
    assert {"SFJ", area_code("法律服务\"><img src=x onerror=alert(1)>")} <= values
    assert not any(v.isdigit() for v in values if v not in ("0", "1"))  # only the two kinds are numbered
    assert area_code("法律服务") == area_code("法律服务") and re.fullmatch(r"a[0-9a-f]{8}", area_code("法律服务"))


def test_ids_and_phone_numbers_do_not_wrap(built_site: Path) -> None:
    html = (built_site / "items" / "SFJ-ZM-001.html").read_text("utf-8")
    assert re.search(r'<a href="tel:[0-9]+" class="nw">0908-5622412</a>', html)
    index = (built_site / "index.html").read_text("utf-8")
    assert '<span class="nw">SFJ-ZM-001</span>' in index
    css = next(p for p in built_site.glob("assets/site.*.css"))
    assert ".nw { white-space: nowrap; }" in css.read_text("utf-8")


def test_downloads_have_human_names_and_sizes(built_site: Path, forms_dir: Path) -> None:
    page = Page((built_site / "items" / "SFJ-ZM-001.html").read_text("utf-8"))
    downloads = {a.get("href"): a.get("download") for tag, a in page.tags if tag == "a" and "download" in a}
    assert downloads == {"../forms/SFJ-ZM-001.docx": "经济困难证明-告知承诺书.docx",
                         "../forms/SFJ-ZM-001.pdf": "经济困难证明-告知承诺书.pdf"}
    size = (forms_dir / "SFJ-ZM-001.docx").stat().st_size
    assert f"{size} B" in page.all_text()


def test_safe_file_names() -> None:
    from akq_cli.site.model import Entry, download_names, human_size, safe_file_name

    assert safe_file_name('a<b>:"c/d\\e|f?g*h\x01. ') == "abcdefgh"
    assert safe_file_name("<script>alert('x')</script>证明") == "scriptalert('x')script证明"
    assert safe_file_name("CON") == "" and safe_file_name("...") == ""
    assert len(safe_file_name("长" * 200)) == 60
    twins = [Entry("A-ZM-001", {"title": "同名证明"}, {}), Entry("B-ZM-001", {"title": "同名证明"}, {}),
             Entry("C-ZM-001", {"title": "NUL"}, {})]
    download_names(twins)
    assert [e.download("docx") for e in twins] == ["同名证明-A-ZM-001-告知承诺书.docx", "同名证明-B-ZM-001-告知承诺书.docx",
                                                   "C-ZM-001-告知承诺书.docx"]
    assert (human_size(900), human_size(23_000), human_size(3_500_000)) == ("900 B", "22 KB", "3.3 MB")
