"""akq review reads the law register from the base and sends a change to catalog/laws.toml to legal review."""

from __future__ import annotations

import json

from conftest import run_akq

from .gitrepo import commit, git, make_repo

# A county entry that declares 《中华人民共和国法律援助法》 repealed (fictional, for the test): every item citing it
# would fail legal-basis-superseded if the head's register judged the change.
REPEAL = """\
[[instrument]]
name = "《中华人民共和国法律援助法》"
level = "law"
adopted = 2021-08-20
effective = 2022-01-01
repealed = 2022-02-01
status = "已废止"
source = "测试用（虚构）"
checked = 2026-11-29
"""


def test_a_change_to_the_register_is_judged_by_the_base_register_and_goes_to_legal_review(tmp_path):
    repo = make_repo(tmp_path / "r")
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "catalog/laws.toml").write_text(REPEAL, encoding="utf-8")
    commit(repo, "登记表")
    done = run_akq("review", "--base", "main", "--format", "json", cwd=repo)
    data = json.loads(done.out)
    [change] = [f for f in data["diff"]["files"] if f["path"] == "catalog/laws.toml"]
    assert change["legal_review"] and change["status"] == "added"
    # judged by the base's (shipped) register, not by the repeal the change itself declares
    assert not [f for f in data["findings"]["introduced"] if f["rule"] == "legal-basis-superseded"]
    head = run_akq("lint", "catalog", "--select", "legal-basis-superseded", "--as-of", "2026-11-29", cwd=repo)
    assert head.code == 1 and "SFJ-ZM-001" in head.out  # the head's own register, as `akq lint` reads it

    git(repo, "checkout", "-q", "main")
    (repo / "catalog/laws.toml").write_text(REPEAL.replace("2022-02-01", "2099-01-01").replace("已废止", "现行有效"), "utf-8")
    commit(repo, "登记表（主线）")
    git(repo, "checkout", "-q", "-b", "edit")
    (repo / "catalog/laws.toml").write_text(REPEAL, encoding="utf-8")
    commit(repo, "改登记表")
    data = json.loads(run_akq("review", "--base", "main", "--format", "json", cwd=repo).out)
    [change] = [f for f in data["diff"]["files"] if f["path"] == "catalog/laws.toml"]
    assert change["status"] == "changed" and change["legal_review"]
    assert {c["pointer"] for c in change["changes"]} >= {"/instrument/0/repealed", "/instrument/0/status"}
