"""一公开 (issue 14.4): the site's plan and draw pages, the plans' files as published, plans.json."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from akq_cli.core.catalog import load_catalog
from akq_cli.draw.registers import sha256
from akq_cli.draw.transcript import draw, dumps
from akq_cli.site.build import build_site
from conftest import CATALOG, run_akq

SEED = "03 11 15 20 27 33 / 08"
STATS = {
    "as_of": "2026-12-31",
    "rows": [
        # counted: an item of RSJ-1 in the plan's period (December 2026)
        {"department": "RSJ", "item_id": "RSJ-XK-001", "month": "2026-12", "cases": 10, "commitments": 8,
         "withdrawn": 1, "tasks_due": 8, "tasks_done": 7, "overdue": 1, "false": 1},
        # not counted: before the period, and an item of another plan
        {"department": "RSJ", "item_id": "RSJ-XK-002", "month": "2026-11", "cases": 5, "commitments": 5,
         "withdrawn": 0, "tasks_due": 5, "tasks_done": 5, "overdue": 0, "false": 0},
        {"department": "WJW", "item_id": "GAJ-ZM-001", "month": "2026-12", "cases": 9, "commitments": 9,
         "withdrawn": 0, "tasks_due": 9, "tasks_done": 9, "overdue": 0, "false": 3},
    ],
}  # fmt: skip


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch):
    """These sites come from catalog copies outside git; CI's refusal of an empty change log is tested elsewhere."""
    monkeypatch.delenv("CI", raising=False)


def text(html: bytes) -> str:
    return re.sub(r"\s+", "", unescape(re.sub(r"<[^>]+>", " ", html.decode())))


def copy(tmp_path: Path) -> Path:
    dest = tmp_path / "catalog"
    shutil.copytree(CATALOG, dest)
    return dest


def drawn(tmp_path: Path) -> Path:
    """The sample catalog after RSJ-1's draw, with the ledger's statistics published."""
    catalog = copy(tmp_path)
    plan = catalog / "plans" / "2026" / "RSJ-1.yaml"
    transcript = plan.with_name("RSJ-1-draw.json")
    transcript.write_bytes(dumps(draw(plan, SEED, relative_to=transcript.parent)))
    (catalog / "stats").mkdir()
    (catalog / "stats" / "ledger.json").write_text(json.dumps(STATS, ensure_ascii=False), "utf-8")
    return catalog


def test_a_plan_not_yet_drawn_says_when_it_will_be_and_that_no_results_are_published(tmp_path: Path) -> None:
    files = build_site(load_catalog(copy(tmp_path))).files
    page = text(files["plans/2026/RSJ-1.html"])
    assert "尚未公布抽取记录" in page and "将在2026年12月1日的公开随机数" in page
    assert "尚未公布结果" in page
    assert "plans/2026/RSJ-1-draw.html" not in files
    # the pseudonymous register: credit code and a business's name, hash checked
    assert "916530230000000013示例经营者一（虚构样例）" in page
    assert "文件与计划记录的SHA-256一致" in page
    index = text(files["plans/index.html"])
    assert "尚未抽取" in index and "2026年人力资源服务许可" in index and "2026年公共场所卫生许可" in index
    data = json.loads(files["plans.json"])
    rsj = next(p for p in data["plans"] if p["id"] == "RSJ-1")
    assert (rsj["draw"], rsj["results"], rsj["seed"]["date"]) == (None, None, "2026-12-01")
    assert rsj["registers"][0]["matches"] is True and rsj["registers"][0]["rows"] == 8


def test_the_published_files_are_the_catalogs_bytes(tmp_path: Path) -> None:
    catalog = copy(tmp_path)
    files = build_site(load_catalog(catalog)).files
    for rel in ("plans/2026/RSJ-1.yaml", "plans/2026/registers/RSJ-1-targets.csv", "plans/2026/registers/RSJ-inspectors.csv"):
        assert files[rel] == (catalog / rel).read_bytes()


def test_a_drawn_plan_shows_the_selection_and_the_ledgers_results(tmp_path: Path) -> None:
    catalog = drawn(tmp_path)
    files = build_site(load_catalog(catalog)).files
    transcript = json.loads((catalog / "plans/2026/RSJ-1-draw.json").read_text("utf-8"))
    page = text(files["plans/2026/RSJ-1-draw.html"])
    for entry in transcript["selection"]:
        assert f"{entry['target']}{entry['name']}" in page  # a business: code and name
    assert transcript["seed"]["seed"] in page and "akqdrawverifyRSJ-1-draw.json" in page
    assert "示例执法人员" in page  # inspectors by name and 执法证号
    # results: RSJ-XK-001 in December only
    assert "办件量10" in page and "不实承诺数1" in page and "核查完成率87.5%" in page
    assert "统计截至2026年12月31日" in page
    plan_page = text(files["plans/2026/RSJ-1.html"])
    assert "已于公开随机数产生后抽取" in plan_page
    assert "尚未公布结果" in text(files["plans/2026/WJW-1.html"])  # no rows for its items
    data = json.loads(files["plans.json"])
    rsj = next(p for p in data["plans"] if p["id"] == "RSJ-1")
    assert [e["target"] for e in rsj["draw"]["selection"]] == [e["target"] for e in transcript["selection"]]
    assert rsj["draw"]["transcript_sha256"] == sha256((catalog / "plans/2026/RSJ-1-draw.json").read_bytes())
    assert rsj["draw"]["problems"] == []
    assert (rsj["results"]["cases"], rsj["results"]["false"], rsj["results"]["months"]) == (10, 1, ["2026-12"])


def test_anyone_can_verify_the_draw_from_the_published_files(tmp_path: Path) -> None:
    catalog = drawn(tmp_path)
    out = tmp_path / "site"
    result = run_akq("export", catalog, "-o", out)
    assert result.code == 0, result.err
    check = run_akq("draw", "verify", "plans/2026/RSJ-1-draw.json", cwd=out)
    assert check.code == 0 and "一致" in check.out, check.out + check.err


def test_a_commitment_register_shows_codes_only_and_masks_an_id_number(tmp_path: Path) -> None:
    catalog = copy(tmp_path)
    register = catalog / "plans/2026/registers/RSJ-1-targets.csv"
    register.write_text(
        "承诺编码,姓名,事项编号\n6530232026120100001,阿依古丽·吐尔逊,RSJ-XK-001\n653023199001011234,张三,RSJ-XK-002\n",
        "utf-8",
    )
    plan = catalog / "plans/2026/RSJ-1.yaml"
    old = re.search(r"sha256: ([0-9a-f]{64})", plan.read_text("utf-8")).group(1)
    plan.write_text(plan.read_text("utf-8").replace(old, sha256(register.read_bytes())), "utf-8")
    files = build_site(load_catalog(catalog)).files
    page = files["plans/2026/RSJ-1.html"].decode()
    assert "6530232026120100001" in page
    assert "阿依古丽" not in page and "张三" not in page  # a person is shown by 承诺编码 only
    assert "653023199001011234" not in page and "6530**********1234" in page
    assert "阿依古丽" not in files["plans.json"].decode()


def test_a_register_changed_after_the_plan_is_flagged(tmp_path: Path) -> None:
    catalog = copy(tmp_path)
    register = catalog / "plans/2026/registers/WJW-1-targets.csv"
    register.write_bytes(register.read_bytes() + b"916530230000100999,\xe6\x96\xb0,WJW-XK-001\n")
    files = build_site(load_catalog(catalog)).files
    assert "文件与计划记录的SHA-256不一致" in text(files["plans/2026/WJW-1.html"])
    wjw = next(p for p in json.loads(files["plans.json"])["plans"] if p["id"] == "WJW-1")
    assert wjw["registers"][0]["matches"] is False
