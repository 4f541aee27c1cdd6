"""The lint cache (.akq_cache/) and the process pool, observed from outside.

To prove that a run was answered by the cache, a test plants a finding in the
cache file that no rule could produce, and looks for it in the next report.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from conftest import run_akq

from .helpers import edit, item, make_catalog

PLANTED = "缓存中植入的问题"


def lint(catalog: Path, *args: str, cwd: Path | None = None):
    r = run_akq("lint", "--format", "json", *args, cwd=cwd or catalog.parent)
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def cache_files(folder: Path) -> list[Path]:
    return sorted((folder / ".akq_cache").glob("lint-*.json"))


def plant(cache: Path) -> None:
    data = json.loads(cache.read_text("utf-8"))
    for entry in data["entries"].values():
        entry[0].append(["schema", "error", 1, 1, "", PLANTED, None, None, None, None])
    cache.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def planted(report: dict) -> set[str]:
    return {f["file"] for f in report["findings"] if f["message"] == PLANTED}


def git_repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return make_catalog(tmp_path / "catalog")


def test_second_run_is_answered_by_the_cache_keyed_by_content_not_mtime(tmp_path):
    catalog = git_repo(tmp_path)
    first = lint(catalog, "catalog")
    assert first["findings"] == []
    (cache,) = cache_files(tmp_path)  # at the repository root
    assert (tmp_path / ".akq_cache" / ".gitignore").read_text("utf-8") == "*\n"
    plant(cache)
    assert len(planted(lint(catalog, "catalog"))) == 14
    assert planted(lint(catalog, "catalog", "--no-cache")) == set()
    # A fresh checkout touches every file: the cache still answers.
    target = item(catalog, "SFJ-ZM-0001")
    os.utime(target, (1_000_000_000, 1_000_000_000))
    assert "catalog/items/SFJ/SFJ-ZM-0001.yaml" in planted(lint(catalog, "catalog"))
    # An edit changes the key: that file is checked again, the others still come from the cache.
    edit(target, "status: published", "status: draft")
    report = lint(catalog, "catalog")
    assert "catalog/items/SFJ/SFJ-ZM-0001.yaml" not in planted(report)
    assert len(planted(report)) == 13


def test_cache_survives_a_different_working_directory(tmp_path):
    catalog = git_repo(tmp_path)
    lint(catalog, "catalog")
    (cache,) = cache_files(tmp_path)
    plant(cache)
    report = lint(catalog, cwd=catalog / "items")  # default: the catalog of this repository
    assert "../items/SFJ/SFJ-ZM-0001.yaml" not in planted(report)
    assert "SFJ/SFJ-ZM-0001.yaml" in planted(report)


def test_configuration_language_and_code_are_part_of_the_key(tmp_path):
    catalog = git_repo(tmp_path)
    lint(catalog, "catalog")
    (cache,) = cache_files(tmp_path)
    plant(cache)
    (catalog / "akq.toml").write_text('[lint.severity]\nschema = "warning"\n', "utf-8")
    assert planted(lint(catalog, "catalog")) == set()
    (catalog / "akq.toml").unlink()
    assert planted(lint(catalog, "catalog"))
    assert planted(lint(catalog, "catalog", "--lang", "en")) == set()
    assert planted(lint(catalog, "catalog", "--select", "schema")) == set()


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path):
    catalog = git_repo(tmp_path)
    edit(item(catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")
    expected = lint(catalog, "catalog", "--no-cache")
    lint(catalog, "catalog")
    (cache,) = cache_files(tmp_path)
    for garbage in (b"", b"{not json", b'{"format": 1, "entries": []}', b"\x00\xff" * 100):
        cache.write_bytes(garbage)
        assert lint(catalog, "catalog") == expected
    json.loads(cache.read_text("utf-8"))  # rewritten whole
    assert [p.name for p in (tmp_path / ".akq_cache").iterdir() if p.name.endswith(".tmp")] == []


def test_cached_and_fresh_reports_are_identical_with_suppressions(tmp_path):
    catalog = git_repo(tmp_path)
    target = item(catalog, "SFJ-ZM-0001")
    edit(target, "status: published", "status: 已发布  # akq: disable=schema 旧称")
    edit(target, "kind: certification", "kind: 证明")
    edit(item(catalog, "GAJ-ZM-0001"), "kind: certification", "kind: certification  # akq: disable=schema")
    fresh = lint(catalog, "catalog", "--no-cache")
    assert {f["rule"] for f in fresh["findings"]} == {"schema", "suppression"}
    assert lint(catalog, "catalog") == fresh  # cold, fills the cache
    assert lint(catalog, "catalog") == fresh  # warm


def test_without_a_repository_the_cache_sits_beside_catalog_yaml(small_catalog):
    lint(small_catalog, "catalog")
    assert cache_files(small_catalog)
    assert lint(small_catalog, "catalog")["findings"] == []  # the cache folder is not linted as items


def test_process_pool_gives_the_same_report_as_one_process(tmp_path):
    catalog = make_catalog(tmp_path / "catalog", items=260)
    for name in ("SFJ-ZM-0001", "GAJ-ZM-0020", "ZJJ-XK-0005"):
        edit(item(catalog, name), "status: ", "status: 已")
    bom = item(catalog, "MZJ-ZM-0010")
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())
    one = lint(catalog, "catalog", "--no-cache", "--jobs", "1")
    two = lint(catalog, "catalog", "--no-cache", "--jobs", "2")
    assert one == two
    assert one["summary"] == {"files": 262, "findings": 4, "error": 3, "warning": 1, "info": 0}


def test_old_namespaces_are_pruned(tmp_path):
    catalog = git_repo(tmp_path)
    for rules in ("schema", "yaml-syntax", "reference", "duplicate", "vague-term", "catch-all"):
        lint(catalog, "catalog", "--select", rules)
    assert len(cache_files(tmp_path)) == 4
    newest = max(cache_files(tmp_path), key=lambda p: p.stat().st_mtime_ns)  # the catch-all run's
    plant(newest)
    assert planted(lint(catalog, "catalog", "--select", "catch-all"))  # the latest one is kept and used
