"""The lint cache (in the user's cache folder) and the process pool, observed from outside.

To prove that a run was answered by the cache, a test plants a finding in the
cache file that no rule could produce, and looks for it in the next report.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import run_akq

from .helpers import edit, item, make_catalog

PLANTED = "缓存中植入的问题"


def lint(catalog: Path, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    r = run_akq("lint", "--format", "json", *args, cwd=cwd or catalog.parent, env=env or cache_env(catalog))
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def cache_env(catalog: Path) -> dict[str, str]:
    """The test's own cache folder, beside the repository (tmp/cache), never inside it."""
    return {"AKQ_CACHE_DIR": str(catalog.parents[1] / "cache")}


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("lint-*.json"))


def plant(cache: Path) -> None:
    data = json.loads(cache.read_text("utf-8"))
    for entry in data["entries"].values():
        entry[0].append(["schema", "error", 1, 1, "", PLANTED, None, None, None, None])
    cache.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def planted(report: dict) -> set[str]:
    return {f["file"] for f in report["findings"] if f["message"] == PLANTED}


def git_repo(tmp_path: Path) -> Path:
    """tmp/repo: a git repository holding catalog/; the cache goes to tmp/cache."""
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    return make_catalog(tmp_path / "repo" / "catalog")


def test_second_run_is_answered_by_the_cache_keyed_by_content_not_mtime(tmp_path):
    catalog = git_repo(tmp_path)
    first = lint(catalog, "catalog")
    assert first["findings"] == []
    (cache,) = cache_files(tmp_path / "cache")
    assert sorted(p.name for p in (tmp_path / "repo").iterdir()) == [".git", "catalog"]  # nothing written in the work tree
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
    (cache,) = cache_files(tmp_path / "cache")
    plant(cache)
    report = lint(catalog, cwd=catalog / "items")  # default: the catalog of this repository
    assert "../items/SFJ/SFJ-ZM-0001.yaml" not in planted(report)
    assert "SFJ/SFJ-ZM-0001.yaml" in planted(report)


def test_configuration_language_and_code_are_part_of_the_key(tmp_path):
    catalog = git_repo(tmp_path)
    lint(catalog, "catalog")
    (cache,) = cache_files(tmp_path / "cache")
    plant(cache)
    (catalog / "akq.toml").write_text('[lint.severity]\nvague-term = "warning"\n', "utf-8")
    assert planted(lint(catalog, "catalog")) == set()
    (catalog / "akq.toml").unlink()
    assert planted(lint(catalog, "catalog"))
    assert planted(lint(catalog, "catalog", "--lang", "en")) == set()
    assert planted(lint(catalog, "catalog", "--select", "schema")) == set()


def test_two_clones_do_not_answer_for_each_other(tmp_path):
    """Same files, same repository-relative paths: only the clone's absolute path tells their caches apart."""
    catalog = git_repo(tmp_path)
    lint(catalog, "catalog")
    (cache,) = cache_files(tmp_path / "cache")
    plant(cache)
    other = tmp_path / "other"
    shutil.copytree(tmp_path / "repo", other)
    assert planted(lint(other / "catalog", "catalog", env=cache_env(catalog))) == set()
    assert len(cache_files(tmp_path / "cache")) == 2
    assert planted(lint(catalog, "catalog"))


def test_the_default_folder_is_the_users_cache_directory(tmp_path):
    catalog = git_repo(tmp_path)
    xdg = tmp_path / "xdg"
    lint(catalog, "catalog", env={"AKQ_CACHE_DIR": "", "XDG_CACHE_HOME": str(xdg)})
    (cache,) = cache_files(xdg / "akq")
    plant(cache)
    assert planted(lint(catalog, "catalog", env={"AKQ_CACHE_DIR": "", "XDG_CACHE_HOME": str(xdg)}))


def test_a_cache_folder_inside_the_repository_is_not_used(tmp_path):
    catalog = git_repo(tmp_path)
    inside = tmp_path / "repo" / ".akq_cache"
    r = run_akq("lint", "catalog", cwd=tmp_path / "repo", env={"AKQ_CACHE_DIR": str(inside)})
    assert r.code == 0 and "Traceback" not in r.err
    assert "在仓库" in r.err and "AKQ_CACHE_DIR" in r.err
    assert not inside.exists()
    # relative, or through XDG_CACHE_HOME: the same
    r = run_akq("lint", "catalog", cwd=tmp_path / "repo", env={"AKQ_CACHE_DIR": ".akq_cache"})
    assert r.code == 0 and "在仓库" in r.err
    xdg = tmp_path / "repo" / ".cache"
    r = run_akq("lint", "catalog", cwd=tmp_path / "repo", env={"AKQ_CACHE_DIR": "", "XDG_CACHE_HOME": str(xdg)})
    assert r.code == 0 and "在仓库" in r.err
    assert not inside.exists() and not xdg.exists()
    assert lint(catalog, "catalog")["findings"] == []


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path):
    catalog = git_repo(tmp_path)
    edit(item(catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")
    expected = lint(catalog, "catalog", "--no-cache")
    lint(catalog, "catalog")
    (cache,) = cache_files(tmp_path / "cache")
    for garbage in (b"", b"{not json", b'{"format": 1, "entries": []}', b"\x00\xff" * 100):
        cache.write_bytes(garbage)
        assert lint(catalog, "catalog") == expected
    json.loads(cache.read_text("utf-8"))  # rewritten whole
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.name.startswith(".akq-tmp-")] == []


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


def test_without_a_repository_the_cache_is_scoped_by_the_catalog_folder(small_catalog):
    env = {"AKQ_CACHE_DIR": str(small_catalog.parent / "cache")}
    lint(small_catalog, "catalog", env=env)
    (cache,) = cache_files(small_catalog.parent / "cache")
    plant(cache)
    assert planted(lint(small_catalog, "catalog", env=env))


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


def test_files_not_written_for_longest_are_pruned(tmp_path):
    from akq_cli.lint.cache import KEEP_FILES, LintCache

    folder = tmp_path / "cache"
    folder.mkdir()
    for n in range(KEEP_FILES + 2):  # other clones, configurations, akq versions
        old = folder / f"lint-{n:016x}-old.json"
        old.write_text('{"format": 1, "entries": {}}', "utf-8")
        os.utime(old, (1_000_000_000 + n, 1_000_000_000 + n))
    cache = LintCache(folder, tmp_path / "repo", "new")
    assert cache.get(cache.key("item", "catalog/a.yaml", b"a")) is None  # a miss: the run has something to save
    cache.put(cache.key("item", "catalog/a.yaml", b"a"), [[]])
    cache.save()
    kept = cache_files(folder)
    assert len(kept) == KEEP_FILES and cache.path in kept
    assert folder / "lint-0000000000000000-old.json" not in kept  # the oldest go first
    assert folder / f"lint-{KEEP_FILES + 1:016x}-old.json" in kept


# --- a cache committed to the repository ---------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=部门", "-c", "user.email=d@example.invalid", *args],
                   check=True, capture_output=True)


def _vague_errors(clone: Path, env: dict[str, str]) -> tuple[int, int]:
    """(vague-term findings of `akq lint`, errors counted by `akq report`) in the clone's catalog."""
    r = run_akq("lint", "--format", "json", "catalog", cwd=clone, env=env)
    assert r.code in (0, 1), r.err
    report = run_akq("report", "--format", "json", cwd=clone, env=env)
    assert report.code == 0, report.err
    errors = sum(d["errors"] for d in json.loads(report.out)["departments"])
    return sum(f["rule"] == "vague-term" for f in json.loads(r.out)["findings"]), errors


def test_a_forged_cache_committed_to_the_repository_has_no_effect_in_a_fresh_clone(tmp_path):
    """A branch edits the cache to drop its finding and commits it (`git add -f .akq_cache`), named for the path
    where CI will clone it. A clone there ignores it: it is neither read nor written."""
    origin = tmp_path / "origin"
    catalog = make_catalog(origin / "catalog")
    edit(item(catalog, "SFJ-ZM-0001"), "经济困难标准\n", "经济困难标准等情形\n")  # a vague-term error
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "事项")
    ci = tmp_path / "builds" / "catalog"  # where CI clones
    forge = tmp_path / "forge"

    _git(tmp_path, "clone", "-q", str(origin), str(ci))
    assert _vague_errors(ci, {"AKQ_CACHE_DIR": str(forge)}) == (1, 1)  # fills the cache for this path
    for cache in cache_files(forge):
        data = json.loads(cache.read_text("utf-8"))
        for entry in data["entries"].values():
            entry[0] = [f for f in entry[0] if f[0] != "vague-term"]
        cache.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert _vague_errors(ci, {"AKQ_CACHE_DIR": str(forge)}) == (0, 0)  # read, the forgery would work

    shutil.copytree(forge, origin / ".akq_cache")
    _git(origin, "add", "-f", ".akq_cache")
    _git(origin, "commit", "-q", "-m", "缓存")
    shutil.rmtree(ci)
    _git(tmp_path, "clone", "-q", str(origin), str(ci))
    committed = {p: p.read_bytes() for p in (ci / ".akq_cache").iterdir()}
    assert committed

    xdg = {"AKQ_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert _vague_errors(ci, xdg) == (1, 1)  # the user's cache folder, empty
    assert _vague_errors(ci, xdg) == (1, 1)  # and warm
    assert _vague_errors(ci, {"AKQ_CACHE_DIR": str(ci / ".akq_cache")}) == (1, 1)  # even when pointed at it
    assert {p: p.read_bytes() for p in (ci / ".akq_cache").iterdir()} == committed
