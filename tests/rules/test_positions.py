"""The fixtures under tests/fixtures/rules/catalog trip every policy rule at the right place.

Each fixture states what lint must find in `# expect: RULE LINE:COLUMN POINTER` comments;
the run must report exactly those findings, no more, no fewer.
"""

from __future__ import annotations

import json
import re

from conftest import FIXTURES, REPO, run_akq

CATALOG = FIXTURES / "rules" / "catalog"
EXPECT = re.compile(r"^# expect: (\S+) (\d+):(\d+) (\S+)$", re.M)
POLICY_RULES = {
    "vague-term",
    "catch-all",
    "liability-missing",
    "notification-incomplete",
    "legal-basis-unspecific",
    "excluded-domain",
    "approval-missing",
    "personal-data",
    "doc-number-format",
    "punctuation",
    "duplicate",
    "reference",
    "status-incomplete",
    "condition-untraced",
    "condition-basis-unknown",
    "fill-in-missing",
    "fill-in-orphaned",
}


def expected() -> set[tuple[str, str, int, int, str]]:
    out = set()
    for path in sorted(CATALOG.rglob("*.yaml")):
        file = path.relative_to(REPO).as_posix()
        for rule, line, column, pointer in EXPECT.findall(path.read_text("utf-8")):
            out.add((file, rule, int(line), int(column), pointer))
    return out


def test_every_policy_rule_has_a_fixture():
    assert {e[1] for e in expected()} == POLICY_RULES


def test_lint_reports_exactly_the_expected_rule_line_column_and_pointer():
    r = run_akq("lint", "--no-cache", "--format", "json", CATALOG.relative_to(REPO), cwd=REPO)
    assert r.code == 1, r.err
    found = {(f["file"], f["rule"], f["line"], f["column"], f["pointer"]) for f in json.loads(r.out)["findings"]}
    assert found == expected()


def test_a_single_changed_file_still_resolves_references_to_the_rest_of_the_catalog():
    """The pre-commit case: only RSJ-XK-103 is linted, yet SFJ-ZM-101 is found and RSJ-XK-101 seen as a license."""
    path = CATALOG / "items" / "RSJ" / "RSJ-XK-103.yaml"
    r = run_akq("lint", "--no-cache", "--format", "json", path.relative_to(REPO), cwd=REPO)
    found = {(f["rule"], f["pointer"]) for f in json.loads(r.out)["findings"]}
    assert found == {("reference", "/certifications/1"), ("reference", "/certifications/2"),
                     ("condition-untraced", "/conditions/0"), ("condition-untraced", "/conditions/1")}


def test_a_single_file_finds_its_duplicate_id_elsewhere_in_the_catalog(tmp_path):
    import shutil

    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    twin = catalog / "items" / "GAJ" / "SFJ-ZM-101.yaml"
    shutil.copy(catalog / "items" / "SFJ" / "SFJ-ZM-101.yaml", twin)
    r = run_akq("lint", "--no-cache", "--format", "json", "items/SFJ/SFJ-ZM-101.yaml", cwd=catalog)
    dups = [f for f in json.loads(r.out)["findings"] if f["rule"] == "duplicate"]
    assert [(d["pointer"], "items/GAJ/SFJ-ZM-101.yaml" in d["message"]) for d in dups] == [("/id", True)]
