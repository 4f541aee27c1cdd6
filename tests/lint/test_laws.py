"""The law-currency register (akq_cli.core.laws), the two rules that read it, and `akq laws`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from akq_cli.core.laws import RegisterError, load_register, parse_register, shipped_register
from akq_cli.core.state import MemoryState
from akq_cli.lint.engine import run
from akq_cli.lint.settings import LintConfig
from conftest import CATALOG, FIXTURES, run_akq

ITEM = (CATALOG / "items/SFJ/SFJ-ZM-001.yaml").read_text("utf-8")
# cites 《社会救助暂行办法》 beside 《中华人民共和国法律援助法》, effective 2027-01-01
INTERIM = (FIXTURES / "rules/catalog/items/SFJ/SFJ-ZM-115.yaml").read_text("utf-8")

OWN = """\
[[instrument]]
name = "《中华人民共和国法律援助法》"
level = "law"
adopted = 2021-08-20
effective = 2022-01-01
repealed = 2026-09-01
status = "现行有效"
source = "县司法局核对（测试用，虚构的废止日期）"
checked = 2026-11-29
"""


def _lint(files: dict[str, str], day: date, names: list[str] | None = None) -> list[tuple[str, str, int, str]]:
    state = MemoryState({k: v.encode("utf-8") for k, v in files.items()}, prefix="catalog")
    report = run(state, LintConfig(as_of=day), names or [n for n in files if "/items/" in n], meta=False)
    return [(f.rule, f.severity, f.line, f.file) for f in report.findings if f.rule.startswith("legal-basis-") or f.rule == "schema"]


def test_every_instrument_the_sample_catalog_cites_is_registered_under_its_exact_name():
    register = shipped_register()
    state = MemoryState({str(p.relative_to(CATALOG.parent)): p.read_bytes() for p in CATALOG.rglob("*.yaml")}, "catalog")
    from akq_cli.report.laws import build

    listing = build(state, register, date(2026, 11, 29))
    assert listing.unknown == {}
    assert all(row.instrument.source and row.instrument.checked for row in listing.rows)


def test_status_follows_the_recorded_dates():
    law = shipped_register().lookup("《中华人民共和国社会救助法》")
    assert law is not None
    assert law.status_on(date(2026, 6, 30)) == "尚未生效"
    assert law.status_on(date(2026, 7, 1)) == "现行有效"
    [own] = parse_register(OWN.encode(), "laws.toml", "catalog/laws.toml")
    assert own.status_on(date(2026, 8, 31)) == "现行有效" and own.status_on(date(2026, 9, 1)) == "已废止"


def test_lookup_is_exact_and_the_closest_name_is_suggested():
    register = shipped_register()
    assert register.lookup("《社会救助法》") is None
    assert register.closest("《社会救助法》") == "《中华人民共和国社会救助法》"
    assert register.closest("《民法典》") == "《中华人民共和国民法典》"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[[instrument]]\nname = \"社会救助法\"\n", "1:1"),
        ('[[instrument]]\nname = "《甲》"\nlevel = "law"\nstatus = "有效"\nsource = "x"\nchecked = 2026-01-01\n', "4:1"),
        ('[[instrument]]\nname = "《甲》"\nlevel = "law"\nstatus = "现行有效"\nsource = "x"\nchecked = "2026-01-01"\n', "6:1"),
        ("[[instrument]\n", "1:"),
    ],
)
def test_a_broken_register_says_where(text, where):
    with pytest.raises(RegisterError) as caught:
        parse_register(text.encode(), "catalog/laws.toml", "catalog/laws.toml")
    assert f"catalog/laws.toml:{where}" in caught.value.message()


def test_an_item_citing_the_interim_measures_after_the_new_law_took_effect_is_superseded():
    files = {"catalog/items/SFJ/SFJ-ZM-115.yaml": INTERIM.replace("effective_date: 2027-01-01", "effective_date: 2026-08-01")}
    found = _lint(files, date(2026, 1, 1))  # judged on the item's own effective date, the later day
    assert found and {rule for rule, *_ in found} == {"legal-basis-superseded"}
    assert {sev for _, sev, *_ in found} == {"error"}


def test_weeks_before_the_change_it_is_a_warning_and_before_that_nothing():
    old = {"catalog/items/SFJ/SFJ-ZM-115.yaml": INTERIM.replace("effective_date: 2027-01-01", "effective_date: 2021-05-01")}
    assert {sev for _, sev, *_ in _lint(old, date(2026, 6, 1))} == {"warning"}
    assert _lint(old, date(2026, 3, 1)) == []
    withdrawn = {k: v.replace("status: published", "status: withdrawn") for k, v in old.items()}
    assert not [f for f in _lint(withdrawn, date(2026, 9, 1)) if f[0] == "legal-basis-superseded"]


def test_the_catalog_register_extends_the_shipped_one_and_is_read_through_the_state():
    files = {"catalog/items/SFJ/SFJ-ZM-001.yaml": ITEM, "catalog/laws.toml": OWN}
    assert _lint(files, date(2026, 6, 1)) == []
    found = _lint(files, date(2026, 9, 1))
    assert found and all(rule == "legal-basis-superseded" for rule, *_ in found)
    state = MemoryState({k: v.encode() for k, v in files.items()}, prefix="catalog")
    assert load_register(state).lookup("《中华人民共和国法律援助法》").origin == "catalog"


def test_a_broken_catalog_register_is_a_finding_on_it_and_the_items_are_judged_by_the_shipped_one():
    files = {"catalog/items/SFJ/SFJ-ZM-001.yaml": ITEM, "catalog/laws.toml": OWN.replace('name = "《中华人民共和国法律援助法》"', "name = 1")}
    assert _lint(files, date(2026, 9, 1)) == [("schema", "error", 2, "catalog/laws.toml")]


def test_an_unknown_name_is_reported_with_the_closest_registered_one():
    bad = ITEM.replace("document: 《中华人民共和国法律援助法》", "document: 《法律援助法》", 1)
    state = MemoryState({"catalog/items/SFJ/SFJ-ZM-001.yaml": bad.encode()}, prefix="catalog")
    [finding] = [f for f in run(state, LintConfig(), meta=False).findings if f.rule == "legal-basis-unknown-name"]
    assert "《中华人民共和国法律援助法》" in finding.message and finding.match == "《法律援助法》"


def test_lint_as_of_changes_the_day_judged(catalog_copy: Path):
    item = catalog_copy / "items/SFJ/SFJ-ZM-001.yaml"
    (catalog_copy / "laws.toml").write_text(OWN, encoding="utf-8")
    assert run_akq("lint", str(item), "--as-of", "2026-06-01", "--no-cache", cwd=catalog_copy.parent).code == 0
    done = run_akq("lint", str(item), "--as-of", "2026-09-01", cwd=catalog_copy.parent)
    assert done.code == 1 and "legal-basis-superseded" in done.out
    assert run_akq("lint", str(item), "--as-of", "2026-13-01", cwd=catalog_copy.parent).code == 2


def test_akq_laws_lists_status_and_citing_items_in_three_formats(catalog_copy: Path):
    (catalog_copy / "laws.toml").write_text(OWN, encoding="utf-8")
    cwd = catalog_copy.parent
    data = json.loads(run_akq("laws", "--format", "json", "--as-of", "2026-09-01", cwd=cwd).out)
    rows = {row["name"]: row for row in data["instruments"]}
    aid = rows["《中华人民共和国法律援助法》"]
    assert aid["status"] == "已废止" and aid["origin"] == "catalog" and "SFJ-ZM-001" in aid["cited_by"]
    assert rows["《社会救助暂行办法》"]["governed_by"][0]["since"] == "2026-07-01"
    raw = run_akq("laws", "--format", "csv", "-o", "laws.csv", cwd=cwd)
    assert raw.code == 0
    blob = (cwd / "laws.csv").read_bytes()
    assert blob.startswith(b"\xef\xbb\xbf") and b"\r\n" in blob
    header = next(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))
    assert header[0] == "名称" and "引用的事项" in header
    text = run_akq("laws", cwd=cwd)
    assert text.code == 0 and "《中华人民共和国社会救助法》" in text.out and "引用的事项" in text.out
    (catalog_copy / "laws.toml").write_text(OWN.replace('name = "《中华人民共和国法律援助法》"', "name = 1"), encoding="utf-8")
    broken = run_akq("laws", cwd=cwd)
    assert broken.code == 2 and "laws.toml:2:" in broken.err
