"""The labelled query set (tests/data/search_queries.tsv) typed into the exported sample site in Chromium.

Each query is typed into the search box of the index page as a person would, and
the first three items the page then offers (the result list, or "您是不是要找"
when nothing matches exactly) are read back; at least 95 % of the queries must
have an expected item among them (issue 12.1).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import CATALOG, REPO, run_akq

from .test_browser import Watched, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.system

QUERIES = REPO / "tests" / "data" / "search_queries.tsv"
TOP = 3
WANTED = 0.95

# The links a person sees first, in order: result rows, else the suggestions.
FIRST_LINKS = """n => Array.from(document.querySelectorAll('#list table.items tbody th a, #list .suggest a'))
  .slice(0, n).map(a => a.getAttribute('href').replace(/^.*items\\//, '').replace(/\\.html$/, ''))"""


def load_queries(path: Path = QUERIES) -> list[tuple[str, str, list[str]]]:
    """(kind, query, expected ids) of each line that is not a comment."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, query, expected = line.split("\t")
        out.append((kind, query, expected.split()))
    return out


def top_results(page, query: str, n: int = TOP) -> list[str]:
    """Type ``query`` into the search box and return the ids of the first ``n`` items offered."""
    page.fill("#q", "")
    page.locator("#q").press_sequentially(query, delay=5)
    # The page writes the query into its address once the search has run (shareable links).
    wanted = "q=" + quote(query, safe="").replace("%20", "%20") if query.strip() else ""
    page.wait_for_function("w => location.search.indexOf(w) >= 0", arg=wanted, timeout=5_000)
    return page.evaluate(FIRST_LINKS, n)


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(CATALOG, root / "catalog")
    # outside git, so no change log: CI's refusal of an empty one is not what this tests
    result = run_akq("export", root / "catalog", "-o", root / "site", env={"CI": ""})
    assert result.code == 0, result.err
    return serve(root / "site")


@pytest.fixture
def page(browser, sample_site: str) -> Iterator[object]:  # noqa: F811
    w = Watched(browser, width=390, height=844)
    w.page.goto(sample_site + "index.html")
    w.page.wait_for_function("document.getElementById('result-count').textContent.length > 0")
    assert w.page.evaluate("window.AKQ_TEXT") is None  # the bodies wait until someone starts to search
    w.page.focus("#q")
    w.page.wait_for_function("Array.isArray(window.AKQ_TEXT)")
    yield w.page
    assert w.errors == []
    w.close()


def test_the_query_set_is_large_and_varied() -> None:
    queries = load_queries()
    assert len(queries) >= 150
    kinds = {k for k, _, _ in queries}
    assert {"typo", "traditional", "department", "intent", "article", "area", "alias"} <= kinds
    published = {p.stem for p in CATALOG.glob("items/*/*.yaml") if "\nstatus: published" in p.read_text("utf-8")}
    assert {i for _, _, ids in queries for i in ids} <= published  # every expected item is on the site


def test_top3_accuracy_of_the_labelled_queries(page) -> None:
    misses = []
    queries = load_queries()
    for kind, query, expected in queries:
        got = top_results(page, query)
        if not set(got) & set(expected):
            misses.append((kind, query, expected, got))
    accuracy = 1 - len(misses) / len(queries)
    print(f"top-{TOP} accuracy {accuracy:.3f} over {len(queries)} queries; misses: {misses}")
    assert accuracy >= WANTED, misses


def test_no_exact_match_offers_close_items_then_department_phones(page) -> None:
    top_results(page, "居住正")
    assert "没有找到完全符合的事项" in page.locator("#result-count").inner_text()
    assert page.locator("#list .suggest a").count() >= 1
    phones = page.locator("#list .dept-phones a.tel")
    assert phones.count() >= 1 and phones.first.get_attribute("href").startswith("tel:0908")
    top_results(page, "完全无关的词语")
    assert page.locator("#list .suggest a").count() == 0
    departments = page.locator("#f-dept option").count() - 1  # less 全部办理机关
    assert page.locator("#list .dept-phones li").count() == departments >= 8  # every one, with its number


def test_title_hits_come_before_content_hits(page) -> None:
    # 居住 is in GAJ-ZM-001's title, and only in the content or matter of others
    assert top_results(page, "居住地", 1) == ["GAJ-ZM-001"]
    got = top_results(page, "劳动关系", 10)
    assert got[:2] == ["GAJ-ZM-002", "RSJ-ZM-001"]  # both titles say it; then items whose text does
    assert len(got) > 2


def test_the_page_folds_text_as_python_does(page) -> None:
    """Content and conditions are folded by akq_cli.core.searchtext at export, queries by site.js: the two must agree."""
    import yaml

    from akq_cli.core.searchtext import fold

    texts = {q for _, q, _ in load_queries()} | {"ＳＦＪ－ＺＭ－００１", "第一千一百六十五条", "四十一条", "《法律援助法》第四十二條"}
    for path in CATALOG.glob("items/*/*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        texts |= {data["title"], data["matter"], data.get("content") or "", *(c["text"] if isinstance(c, dict) else c for c in data.get("conditions", [])),
                  *data.get("aliases", []), *(b["document"] + b["article"] for b in data["legal_basis"])}
    texts = sorted(t for t in texts if t)
    assert page.evaluate("ts => ts.map(window.AKQ_FOLD)", texts) == [fold(t) for t in texts]


def test_a_search_in_the_address_fetches_the_bodies_and_runs_again(browser, sample_site: str) -> None:  # noqa: F811
    # 剥夺政治权利 is only in JYJ-ZM-001's conditions: found once the bodies' file has arrived
    w = Watched(browser, width=390, height=844)
    w.page.goto(sample_site + "index.html?q=" + quote("剥夺政治权利"))
    w.page.wait_for_function("Array.isArray(window.AKQ_TEXT)")
    w.page.wait_for_function("document.querySelector('#list table.items tbody th a') !== null")
    assert w.page.evaluate(FIRST_LINKS, 1) == ["JYJ-ZM-001"]
    assert w.errors == []
    w.close()
