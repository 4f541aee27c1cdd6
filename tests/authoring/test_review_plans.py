"""akq review reads from git when a plan's register hashes were committed, and holds it against the seed date."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import run_akq

from .gitrepo import ENV, git, make_repo

PLAN = "catalog/plans/2026/RSJ-1.yaml"
REGISTER = "catalog/plans/2026/registers/RSJ-1-targets.csv"


@pytest.fixture
def repo(tmp_path):
    repo = make_repo(tmp_path / "r")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def _new_register(repo: Path, seed_date: str = "2026-12-01") -> None:
    """A ninth business in the register, its new hash recorded in the plan, and the plan's seed date."""
    register = repo / REGISTER
    old = hashlib.sha256(register.read_bytes()).hexdigest()
    register.write_bytes(register.read_bytes() + "91653023000000009T,示例经营者九（虚构样例）,RSJ-XK-001\n".encode())
    new = hashlib.sha256(register.read_bytes()).hexdigest()
    plan = repo / PLAN
    text = plan.read_text("utf-8").replace(old, new).replace("date: 2026-12-01", f"date: {seed_date}")
    plan.write_text(text, encoding="utf-8")


def _commit_at(repo: Path, when: str) -> None:
    env = {**os.environ, **ENV, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": "2020-01-01T00:00:00+08:00"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "名录更新"], check=True, env=env)


def _review(repo: Path, fmt: str = "json"):
    return run_akq("review", "--base", "main", "--format", fmt, cwd=repo)


def test_hashes_committed_before_the_seed_date_pass_and_the_plan_goes_to_legal_review(repo):
    _new_register(repo)
    _commit_at(repo, "2026-11-29T10:00:00+08:00")  # the author date (2020) is not what counts: it can be set at will
    done = _review(repo)
    data = json.loads(done.out)
    assert done.code == 0, done.out
    [plan] = data["plans"]
    assert plan["registers_committed_day"] == "2026-11-29" and plan["seed_date"] == "2026-12-01" and not plan["error"]
    [change] = [f for f in data["diff"]["files"] if f["path"] == PLAN]
    assert change["legal_review"] and all(c["legal_review"] for c in change["changes"])
    text = _review(repo, "text").out
    assert "记录名录 SHA-256 的提交 2026-11-29" in text and "公开随机数日期 2026-12-01" in text and "法律审核" in text


def test_a_seed_date_not_after_the_commit_is_an_error_in_beijing_time(repo):
    _new_register(repo)
    _commit_at(repo, "2026-11-30T20:00:00-04:00")  # 2026-12-01 08:00 in Beijing: the day of the drawing
    done = _review(repo)
    data = json.loads(done.out)
    assert done.code == 1 and data["blocking"]
    assert data["plans"][0]["registers_committed_day"] == "2026-12-01" and data["plans"][0]["error"]
    md = _review(repo, "markdown").out
    assert "公开随机数日期 2026-12-01 不晚于记录名录哈希的提交日期 2026-12-01" in md and "❌" in md
    # lint alone, without git, keeps judging the dates the plan states (2026-11-29 < 2026-12-01): clean
    assert run_akq("lint", PLAN, cwd=repo).code == 0


def test_hashes_not_yet_committed_count_from_today(repo):
    _new_register(repo, seed_date="2099-01-06")
    plan = json.loads(_review(repo).out)["plans"][0]
    assert plan["registers_committed"] is None and not plan["error"]
    today = datetime.now(timezone(timedelta(hours=8))).date()
    plan_file = repo / PLAN
    text = plan_file.read_text("utf-8").replace("date: 2099-01-06", f"date: {today}")
    plan_file.write_text(text.replace("registers_fixed: 2026-11-29", f"registers_fixed: {today - timedelta(days=1)}"), "utf-8")
    assert run_akq("lint", PLAN, cwd=repo).code == 0  # the dates the plan states are in order …
    done = _review(repo)
    assert done.code == 1 and json.loads(done.out)["plans"][0]["error"]  # … but a commit today cannot precede today


def test_a_changed_register_shows_its_old_and_new_sha256_and_the_summary_counts_plans(repo):
    old = hashlib.sha256((repo / REGISTER).read_bytes()).hexdigest()
    _new_register(repo)
    new = hashlib.sha256((repo / REGISTER).read_bytes()).hexdigest()
    _commit_at(repo, "2026-11-29T10:00:00+08:00")
    data = json.loads(_review(repo).out)
    [change] = [f for f in data["diff"]["files"] if f["path"] == REGISTER]
    assert change["register"] == {"old_sha256": old, "new_sha256": new}
    assert change["unreadable"] is False and change["legal_review"] is True
    summary = data["diff"]["summary"]
    assert (summary["plans"], summary["registers"]) == (1, 1)
    text = _review(repo, "text").out
    assert f"登记册已变更：原 SHA-256 {old}，新 SHA-256 {new}" in text
    assert "无法解析为 YAML" not in text
    assert "抽查计划 1 · 登记册 1" in text
    md = _review(repo, "markdown").out
    assert f"登记册已变更：原 SHA-256 {old}，新 SHA-256 {new}" in md and "| 抽查计划 | 登记册 |" in md.replace(" | ", " | ")


def test_an_added_register_has_no_old_sha256(repo):
    extra = repo / "catalog/plans/2026/registers/RSJ-2-targets.csv"
    extra.write_text("统一社会信用代码,名称,事项编号\n", encoding="utf-8")
    _commit_at(repo, "2026-11-29T10:00:00+08:00")
    data = json.loads(_review(repo).out)
    [change] = [f for f in data["diff"]["files"] if f["path"].endswith("RSJ-2-targets.csv")]
    assert change["status"] == "added" and change["register"]["old_sha256"] is None
    assert "登记册已变更：原 SHA-256 无" in _review(repo, "text").out
