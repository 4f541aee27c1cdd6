"""akq diff: items added, removed, renamed and changed between real git revisions."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import run_akq

from .gitrepo import commit, edit, git, make_repo

SFJ1 = "catalog/items/SFJ/SFJ-ZM-001.yaml"
OLD_COND = "申请人没有委托律师或者基层法律服务工作者担任本案的代理人或者辩护人。"
NEW_COND = "申请人没有委托律师担任本案的代理人或者辩护人。"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """main: the sample catalog; branch change: three commits of edits; plus uncommitted work."""
    repo = make_repo(tmp_path_factory.mktemp("diff"))
    git(repo, "checkout", "-q", "-b", "change")
    edit(repo / SFJ1, OLD_COND, NEW_COND)
    edit(repo / SFJ1, "  proxy_allowed: true\n", "  proxy_allowed: false\n")
    edit(repo / SFJ1, "timing: {amount: 7, unit: day, from: accepted}", "timing: {amount: 5, unit: workday, from: accepted}")
    commit(repo, "收紧经济困难证明的承诺条件")
    src, dst = repo / "catalog/items/GAJ/GAJ-ZM-003.yaml", repo / "catalog/items/GAJ/GAJ-ZM-009.yaml"
    shutil.move(src, dst)
    edit(dst, "id: GAJ-ZM-003", "id: GAJ-ZM-009")
    commit(repo, "重新编号")
    (repo / "catalog/items/SFJ/SFJ-ZM-002.yaml").unlink()
    commit(repo, "删除事项")
    # uncommitted: a comment only, and a new untracked item
    edit(repo / "catalog/items/MZJ/MZJ-ZM-001.yaml", "id: MZJ-ZM-001\n", "# 待核对\nid: MZJ-ZM-001\n")
    r = run_akq("new", "-d", "YBJ", "-k", "certification", "--title", "测试证明", "--no-input", cwd=repo)
    assert r.code == 0, r.err
    return repo


def _json(repo, *args):
    r = run_akq("diff", *args, "--format", "json", cwd=repo)
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_committed_changes_between_two_revisions(repo):
    d = _json(repo, "main", "HEAD")
    s = d["summary"]
    assert (s["added"], s["removed"], s["renamed"], s["changed"]) == (0, 1, 1, 1)
    assert s["departments"] == ["GAJ", "SFJ"]
    by_status = {it["status"]: it for it in d["items"]}
    renamed = by_status["renamed"]
    assert (renamed["old_id"], renamed["id"]) == ("GAJ-ZM-003", "GAJ-ZM-009")
    assert renamed["old_path"].endswith("GAJ-ZM-003.yaml") and renamed["path"].endswith("GAJ-ZM-009.yaml")
    assert [c["pointer"] for c in renamed["changes"]] == ["/id"]
    changed = by_status["changed"]
    by_ptr = {c["pointer"]: c for c in changed["changes"]}
    assert set(by_ptr) == {"/conditions/1/text", "/commitment/proxy_allowed", "/verification/timing"}
    cond = by_ptr["/conditions/1/text"]
    assert (cond["old"], cond["new"], cond["legal_review"]) == (OLD_COND, NEW_COND, True)
    assert ["-", "或者基层法律服务工作者"] in cond["char_diff"]
    assert cond["field"] == "申请人承诺符合的条件 第2项 › 条件"
    assert by_ptr["/commitment/proxy_allowed"]["legal_review"] is True
    assert by_ptr["/verification/timing"]["legal_review"] is False
    assert changed["legal_review"] is True
    assert by_status["removed"]["id"] == "SFJ-ZM-002" and by_status["removed"]["legal_review"] is True


def test_default_is_merge_base_with_main_against_the_working_tree(repo):
    d = _json(repo)
    assert d["head"]["commit"] is None and "merge-base" in d["base"]["label"]
    statuses = sorted((it["status"], it["id"]) for it in d["items"])
    assert ("added", "YBJ-ZM-003") in statuses  # untracked file from akq new
    assert ("reformatted", "MZJ-ZM-001") in statuses  # only a comment changed
    assert ("renamed", "GAJ-ZM-009") in statuses


def test_one_revision_back(repo):
    d = _json(repo, "HEAD~1", "HEAD")
    assert [(it["status"], it["id"]) for it in d["items"]] == [("removed", "SFJ-ZM-002")]


def test_text_output_marks_legal_review_and_character_changes(repo):
    r = run_akq("diff", "main", "HEAD", cwd=repo)
    assert r.code == 0, r.err
    assert "需法律审核" in r.out
    assert "- 申请人没有委托律师[-或者基层法律服务工作者-]担任本案的代理人或者辩护人。" in r.out
    assert "+ 受理后{+5个工作+}日内" in r.out
    assert "GAJ-ZM-003 → GAJ-ZM-009" in r.out
    en = run_akq("diff", "main", "HEAD", "--lang", "en", cwd=repo)
    assert "needs legal review" in en.out and "renamed" in en.out


def test_no_change(repo):
    r = run_akq("diff", "HEAD", "HEAD", cwd=repo)
    assert r.code == 0 and "目录清单没有变化" in r.out


@pytest.mark.parametrize("args", [("nosuch",), ("main", "nosuch"), ("--upload-pack=touch x",)])
def test_bad_revision(repo, args):
    r = run_akq("diff", *(["--"] if args[0].startswith("-") else []), *args, cwd=repo)
    assert r.code == 2 and "git 中没有版本" in r.err and "Traceback" not in r.err


def test_not_a_git_repository(tmp_path):
    shutil.copytree(repo_catalog(), tmp_path / "catalog")
    r = run_akq("diff", cwd=tmp_path)
    assert r.code == 2 and "不在 git 仓库中" in r.err
    r = run_akq("review", cwd=tmp_path)
    assert r.code == 2 and "不在 git 仓库中" in r.err


def test_repository_without_commits(tmp_path):
    shutil.copytree(repo_catalog(), tmp_path / "catalog")
    git(tmp_path, "init", "-q", "-b", "main")
    r = run_akq("diff", cwd=tmp_path)
    assert r.code == 2 and "还没有任何提交" in r.err


def test_unparsable_item_is_reported_not_crashed(tmp_path):
    repo = make_repo(tmp_path / "r")
    (repo / "catalog/items/SFJ/SFJ-ZM-001.yaml").write_text("id: [broken\n", encoding="utf-8")
    d = _json(repo, "HEAD")
    it = d["items"][0]
    assert it["unreadable"] is True and it["legal_review"] is True


def repo_catalog():
    from conftest import CATALOG

    return CATALOG


def test_char_diff_folds_short_islands():
    from akq_cli.review.semdiff import char_diff

    ops = char_diff("受理后7日内", "受理后5个工作日内")
    assert ops == [("=", "受理后"), ("-", "7"), ("+", "5个工作"), ("=", "日内")]
    ops = char_diff("甲乙丙丁", "戊乙己丁")
    assert "".join(t for op, t in ops if op in "=-") == "甲乙丙丁"
    assert "".join(t for op, t in ops if op in "=+") == "戊乙己丁"


def test_list_insertion_is_one_added_entry():
    from akq_cli.review.semdiff import diff_values

    old = {"conditions": ["一", "二", "三"]}
    new = {"conditions": ["一", "新", "二", "三"]}
    changes = diff_values(old, new)
    assert [(c.pointer, c.op, c.new) for c in changes] == [("/conditions/1", "added", "新")]
    assert changes[0].legal


def test_a_changed_trace_or_fill_in_field_is_marked_for_legal_review():
    from akq_cli.review import semdiff

    old = {"conditions": [{"text": "甲。", "basis": "《中华人民共和国法律援助法》第四十一条"}],
           "fill_in": [{"label": "居住地址", "type": "address"}]}
    new = {"conditions": [{"text": "甲。", "basis": "《中华人民共和国法律援助法》第三十四条"}],
           "fill_in": [{"label": "居住地址", "type": "text"}]}
    changes = semdiff.diff_values(old, new)
    assert [(c.pointer, c.legal) for c in changes] == [("/conditions/0/basis", True), ("/fill_in/0/type", True)]
    assert changes[0].label.endswith("条件的依据")
