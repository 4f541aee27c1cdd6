"""Inspection plans are part of the catalog: listed by the state, linted with their own schema and rules."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from akq_cli.core.state import DiskState, is_plan_name
from akq_cli.lint.examples import PLAN

ROOT = Path(__file__).resolve().parents[2]


def test_plan_names():
    assert is_plan_name("catalog/plans/2025/RSJ-1.yaml")
    assert is_plan_name("plans/2025/RSJ-1.yaml")
    assert not is_plan_name("catalog/plans/2025/registers/RSJ-1.yaml")
    assert not is_plan_name("catalog/items/RSJ/RSJ-XK-001.yaml")


def test_a_whole_catalog_lint_checks_its_plans(tmp_path: Path):
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog, ignore=shutil.ignore_patterns("plans"))
    (catalog / "plans" / "2025").mkdir(parents=True)
    (catalog / "plans" / "2025" / "RSJ-1.yaml").write_text(PLAN.replace("per_target: 2", "per_target: 1"), "utf-8")
    (catalog / "plans" / "2025" / "RSJ-2.yaml").write_text(PLAN.replace("id: RSJ-1", "id: RSJ-2").replace("matter_class: ordinary", "matter_class: 一般"), "utf-8")
    assert DiskState(tmp_path, "catalog").plan_names() == ["catalog/plans/2025/RSJ-1.yaml", "catalog/plans/2025/RSJ-2.yaml"]
    done = subprocess.run(
        [sys.executable, "-m", "akq_cli", "lint", "catalog", "--format", "json"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    found = {(f["file"], f["rule"]) for f in json.loads(done.stdout)["findings"] if f["file"].startswith("catalog/plans/")}
    assert found == {("catalog/plans/2025/RSJ-1.yaml", "plan-inspector-count"), ("catalog/plans/2025/RSJ-2.yaml", "schema")}
