"""Linting the whole catalog also checks catalog.yaml and departments.yaml against their own schemas."""

from __future__ import annotations

from conftest import run_akq

from .helpers import edit, findings


def lint(catalog, *paths: str):
    r = run_akq("lint", "--no-cache", "--format", "json", *paths, cwd=catalog.parent)
    assert r.code in (0, 1), r.err
    return [(f["rule"], f["file"], f["line"], f["column"], f["pointer"]) for f in findings(r.out)]


def line_of(path, text: str) -> int:
    return next(i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if text in ln)


def test_catalog_and_departments_files_are_checked_with_the_whole_catalog(small_catalog):
    meta, deps = small_catalog / "catalog.yaml", small_catalog / "departments.yaml"
    edit(meta, "base_url: https://akq.example.invalid/", "base_url: akq.example.invalid")
    edit(deps, "- id: SFJ\n", "- id: sfj\n")
    expected = [
        ("schema", "catalog/catalog.yaml", line_of(meta, "base_url:"), 13, "/site/base_url"),
        ("schema", "catalog/departments.yaml", line_of(deps, "id: sfj"), 7, "/departments/0/id"),
    ]
    got = lint(small_catalog, "catalog")
    assert [g for g in got if g[0] == "schema"] == expected
    assert [g for g in lint(small_catalog) if g[0] == "schema"] == expected  # the default path too
    # Linting some items is not linting the catalog: the two files are left alone.
    assert not [g for g in lint(small_catalog, "catalog/items/GAJ") if "departments.yaml" in g[1] or "catalog.yaml" in g[1]]


def test_broken_yaml_in_departments_is_a_finding_not_a_crash(small_catalog):
    (small_catalog / "departments.yaml").write_text("departments:\n  - id: SFJ\n    name: [\n", "utf-8")
    got = lint(small_catalog, "catalog")
    assert ("yaml-syntax", "catalog/departments.yaml") in {g[:2] for g in got}


def test_missing_required_key_in_catalog_yaml(small_catalog):
    meta = small_catalog / "catalog.yaml"
    text = meta.read_text("utf-8")
    meta.write_text(text.replace("government: 阿合奇县人民政府\n", ""), "utf-8")
    got = lint(small_catalog, "catalog")
    assert ("schema", "catalog/catalog.yaml", 1, 1, "/government") in got
