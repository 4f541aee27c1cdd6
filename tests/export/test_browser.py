"""The exported site in Debian's Chromium, driven headless by Playwright, served on 127.0.0.1.

Chromium comes from the distribution (`.ci/run` installs the `chromium` package);
nothing is downloaded. axe-core comes from PyPI (axe-playwright-python ships
axe.min.js). Locally these tests skip with a clear message when either is
missing; under CI=true they fail instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from akq_cli.site.model import area_code
from conftest import IN_CI, REPO, require_tool, run_akq

from .conftest import CHROMIUM, CHROMIUM_ARGS, EXPORT_FIXTURE

pytestmark = pytest.mark.system


def _need(module: str) -> None:
    try:
        __import__(module)
    except ImportError:
        message = f"Python package {module} is missing (pip install -e '.[dev]')"
        if IN_CI:
            pytest.fail(message + " — CI=true, so this is a failure, not a skip")
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_tool("chromium", why="the public-site tests drive Debian's Chromium")
    _need("playwright")
    from playwright.sync_api import sync_playwright

    exe = CHROMIUM if Path(CHROMIUM).exists() else require_tool("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def url(built_site: Path, serve) -> str:
    return serve(built_site)


class Watched:
    """A page that records console errors, uncaught exceptions and dialogs (alert = injected script ran)."""

    def __init__(self, browser, width: int = 1280, height: int = 900, **kw) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, **kw)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


def visible_titles(page) -> list[str]:
    return page.locator("#list table.items tbody th a").all_inner_texts()


def expect_titles(page, expected: list[str]) -> None:
    """Wait until the list shows exactly these titles (the search runs shortly after typing stops)."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(
            "want => JSON.stringify(Array.from(document.querySelectorAll('#list table.items tbody th a'))"
            ".map(a => a.textContent)) === want", arg=json.dumps(expected, ensure_ascii=False, separators=(",", ":")), timeout=5_000)
    except Timeout:
        assert visible_titles(page) == expected, count_text(page)


def choose(page, select: str, label: str) -> None:
    """Pick the option whose text is exactly ``label`` (Playwright's label match also takes look-alikes)."""
    value = page.eval_on_selector_all(f"{select} option", "(os, l) => os.find(o => o.textContent === l).value", label)
    page.select_option(select, value=value)


def count_text(page) -> str:
    return page.locator("#result-count").inner_text()


def test_index_loads_without_errors_and_lists_everything(watched: Watched, url: str) -> None:
    page = watched.page
    page.goto(url + "index.html")
    page.wait_for_function("document.getElementById('result-count').textContent.length > 0")
    assert sorted(visible_titles(page)) == sorted(
        ["经济困难证明", "无犯罪记录证明", "职业资格证书", "<script>alert('x')</script>证明"])
    assert "共 4 项事项" in count_text(page)
    assert page.locator("#filters").is_visible()
    assert watched.errors == []
    assert watched.dialogs == []


def test_typing_chinese_filters_the_list(watched: Watched, url: str) -> None:
    page = watched.page
    page.goto(url + "index.html")
    page.locator("#q").press_sequentially("无犯罪", delay=20)
    page.wait_for_function("document.getElementById('result-count').textContent.indexOf('找到 1 项') >= 0")
    assert visible_titles(page) == ["无犯罪记录证明"]
    # legal basis, full-width letters, and two terms at once
    # (the hostile item cites the same article of the same regulation)
    for query, expected in (("律师法", ["无犯罪记录证明"]), ("ＳＦＪ－ＺＭ－００１", ["经济困难证明"]),
                            ("援助 十七条", ["经济困难证明", "<script>alert('x')</script>证明"]),
                            ("申请律师", ["无犯罪记录证明"])):
        page.fill("#q", query)
        # wait until this query has run (the page puts it in its address), not for a list left from the last one
        page.wait_for_function("w => decodeURIComponent(location.search) === w", arg="?q=" + query)
        expect_titles(page, expected)
        assert f"找到 {len(expected)} 项" in count_text(page)
    page.fill("#q", "不存在的事项名称")
    expect_titles(page, [])
    assert "没有找到" in count_text(page)
    assert "q=" in page.url  # the search can be bookmarked and shared
    assert watched.errors == []


def test_filters_narrow_the_list(watched: Watched, url: str) -> None:
    page = watched.page
    page.goto(url + "index.html")
    choose(page, "#f-dept", "阿合奇县人力资源和社会保障局")
    expect_titles(page, ["职业资格证书"])
    page.click("button[type=reset]")
    page.wait_for_function("document.getElementById('result-count').textContent.indexOf('共 4 项') >= 0")
    choose(page, "#f-cat", "法律服务")
    expect_titles(page, ["经济困难证明", "无犯罪记录证明"])  # the hostile item's area only looks alike
    choose(page, "#f-kind", "涉企经营许可事项")
    expect_titles(page, [])
    # a shared filter link names the department and the area by code, and keeps working
    from akq_cli.site.model import area_code

    page.goto(url + "index.html?dept=SFJ&area=" + area_code("法律服务"))
    expect_titles(page, ["经济困难证明", "无犯罪记录证明"])
    page.goto(url + "index.html?dept=RSJ")
    expect_titles(page, ["职业资格证书"])
    # a bookmarked filter comes back
    page.goto(url + "index.html?q=%E7%BB%8F%E6%B5%8E")
    page.wait_for_function("document.getElementById('result-count').textContent.indexOf('找到 1 项') >= 0")
    assert page.input_value("#q") == "经济"


def test_item_page_shows_its_notification(watched: Watched, url: str) -> None:
    page = watched.page
    page.goto(url + "index.html")
    page.get_by_role("link", name="经济困难证明", exact=True).click()
    page.wait_for_url("**/items/SFJ-ZM-001.html")
    assert page.get_by_role("heading", level=1).inner_text() == "经济困难证明"
    assert page.get_by_role("heading", name="行政机关书面告知").is_visible()
    notice = page.locator("section.notice").inner_text()
    for part in ("设定依据", "《法律援助条例》第十七条", "不实承诺的责任", "刑事责任", "核查权力", "承诺书予以公开"):
        assert part in notice
    assert watched.errors == []


def test_every_link_and_download_resolves(watched: Watched, url: str) -> None:
    page = watched.page
    checked: set[str] = set()
    for path in ("index.html", "items/SFJ-ZM-001.html", "departments/SFJ.html", "changes.html"):
        page.goto(url + path)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            target = href.split("#")[0]
            if not target.startswith(url) or target in checked:
                continue
            checked.add(target)
            response = page.request.get(target)
            assert response.status == 200, (path, target)
    assert url + "forms/SFJ-ZM-001.docx" in checked and url + "forms/SFJ-ZM-001.pdf" in checked
    assert url + "catalog.xlsx" in checked and url + "catalog.csv" in checked


def test_hostile_item_runs_no_script(watched: Watched, url: str) -> None:
    page = watched.page
    for path in ("index.html", "index.html?q=script", "items/SFJ-ZM-009.html", "departments/SFJ.html"):
        page.goto(url + path)
        page.wait_for_load_state("load")
        assert page.locator("img").count() == 0, path
        assert "<script>alert('x')</script>证明" in page.locator("main").inner_text(), path
    assert watched.dialogs == []


def test_works_without_javascript(browser, url: str) -> None:
    w = Watched(browser, java_script_enabled=False)
    try:
        page = w.page
        page.goto(url + "index.html")
        assert not page.locator("#filters").is_visible()
        assert len(visible_titles(page)) == 4
        page.get_by_role("link", name="无犯罪记录证明", exact=True).click()
        page.wait_for_url("**/items/SFJ-ZM-002.html")
        assert "行政机关书面告知" in page.content()
    finally:
        w.close()


def test_keyboard_skip_link_reaches_the_content(watched: Watched, url: str) -> None:
    page = watched.page
    page.goto(url + "index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    outline = page.evaluate("getComputedStyle(document.querySelector('#q')).outlineStyle")
    page.focus("#q")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid" != outline


# Every page type: index, item, hostile item, department, area, repealed item (a page of its own), changes.
# A department list over several pages (one row a page), with its paging links.
PAGED_PAGES = ("departments/SFJ.html", "departments/SFJ-2.html")


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory: pytest.TempPathFactory, serve) -> Iterator[str]:
    """The fixture catalog built with one row a list page, so that every list is paged."""
    from akq_cli.core.catalog import load_catalog
    from akq_cli.site import model
    from akq_cli.site.build import build_site

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(model, "PAGE_ROWS", 1)
        mp.delenv("CI", raising=False)  # not a git repository: no change log, which CI would refuse
        files = build_site(load_catalog(EXPORT_FIXTURE)).files
    out = tmp_path_factory.mktemp("paged")
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    assert (out / PAGED_PAGES[1]).is_file()
    yield serve(out)
AXE_PAGES = (
    "index.html", "items/SFJ-ZM-001.html", "items/SFJ-ZM-009.html", "departments/SFJ.html", "changes.html",
    f"areas/{area_code('法律服务')}.html", "items/SCJGJ-XK-001.html",  # an area list; a repealed item's own page
    "plans/index.html", "plans/2026/RSJ-1.html", "plans/2026/RSJ-1-draw.html", "plans/2026/WJW-1.html",
    # search: ranked results; a typo ("您是不是要找" and the department phones); nothing close at all
    "index.html?q=%E8%AF%81%E6%98%8E", "index.html?q=%E7%BB%8F%E6%B5%8E%E5%9B%B0%E5%8D%97",
    "index.html?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E4%BA%8B%E9%A1%B9",
)  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_violation(browser, url: str, paged_url: str, width: int) -> None:
    _need("axe_playwright_python")
    import axe_playwright_python

    axe_js = (Path(axe_playwright_python.__file__).with_name("axe.min.js")).read_text("utf-8")
    w = Watched(browser, width=width, height=844)
    try:
        problems = []
        for path in [url + p for p in AXE_PAGES] + [paged_url + p for p in PAGED_PAGES]:
            assert w.page.goto(path).ok, path
            w.page.wait_for_load_state("load")
            w.page.evaluate(axe_js)
            result = w.page.evaluate(
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    problems.append((path, v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]))
        assert problems == []
        assert w.errors == []
    finally:
        w.close()


def test_screenshots_desktop_and_phone(browser, url: str, tmp_path: Path) -> None:
    """Pictures for people to look at; kept when AKQ_SCREENSHOTS names a folder."""
    keep = Path(os.environ["AKQ_SCREENSHOTS"]) if os.environ.get("AKQ_SCREENSHOTS") else tmp_path
    keep.mkdir(parents=True, exist_ok=True)
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        w = Watched(browser, width=width, height=height)
        try:
            w.page.goto(url + "index.html")
            w.page.wait_for_function("document.getElementById('result-count').textContent.length > 0")
            shot = keep / f"index-{name}.png"
            w.page.screenshot(path=str(shot), full_page=True)
            w.page.goto(url + "items/SFJ-ZM-001.html")
            w.page.screenshot(path=str(keep / f"item-{name}.png"), full_page=True)
            # no sideways scrolling on a phone
            assert w.page.evaluate("document.documentElement.scrollWidth") <= width
            assert shot.stat().st_size > 10_000
        finally:
            w.close()


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory, serve) -> tuple[str, list[dict]]:
    """800 synthetic items: above the inline limit, so the list is drawn page by page."""
    root = tmp_path_factory.mktemp("big")
    subprocess.run([sys.executable, str(REPO / "bench" / "synth.py"), "--items", "800", "--out", str(root / "catalog")],
                   check=True, capture_output=True)
    result = run_akq("export", root / "catalog", "-o", root / "site", env={"CI": ""})  # not a git repository
    assert result.code == 0, result.err
    items = json.loads((root / "site" / "catalog.json").read_text("utf-8"))["items"]
    assert len(items) > 300  # the inline limit of akq_cli.site.build
    return serve(root / "site"), items


def test_large_catalog_is_drawn_in_pages(browser, big_site: tuple[str, list[dict]]) -> None:
    big_url, items = big_site
    published = len(items)
    w = Watched(browser, width=390, height=844)
    try:
        page = w.page
        page.goto(big_url + "index.html")
        page.wait_for_function("document.getElementById('result-count').textContent.length > 0")
        assert len(visible_titles(page)) == 50
        more = page.locator("button.more")
        assert f"还有 {published - 50} 项" in more.inner_text()
        more.click()
        assert len(visible_titles(page)) == 100
        assert page.evaluate("document.activeElement.tagName") == "A"  # focus moves to the first new row
        wanted = items[321]
        page.fill("#q", wanted["id"].lower())
        expect_titles(page, [wanted["title"]])
        assert w.errors == []
    finally:
        w.close()
    nojs = Watched(browser, java_script_enabled=False)
    try:
        nojs.page.goto(big_url + "index.html")
        links = nojs.page.locator(".dept-index a")
        assert links.count() >= 5
        links.first.click()
        rows = nojs.page.locator("table.items tbody tr")
        rows.first.wait_for()  # the click starts a navigation; wait for the new page, not the old one
        assert rows.count() > 0
    finally:
        nojs.close()


def test_search_pages_axe_checks_show_what_they_claim(watched: Watched, url: str) -> None:
    """The search states the axe test scans are the ones it names (results, suggestions, department phones)."""
    page = watched.page
    page.goto(url + "index.html?q=%E7%BB%8F%E6%B5%8E%E5%9B%B0%E5%8D%97")  # 经济困南, a typo
    page.wait_for_load_state("load")
    assert page.locator("#list .suggest a").first.inner_text() == "经济困难证明"
    assert page.locator("#list .dept-phones li").count() >= 2
    page.goto(url + "index.html?q=%E8%AF%81%E6%98%8E")  # 证明: ranked results in one list
    page.wait_for_load_state("load")
    assert page.locator("#r-results").inner_text() == "搜索结果"
    assert watched.errors == []
