"""A plan with its registers in a temporary folder: the inputs of a draw."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from akq_cli.lint.examples import PLAN

SEED_VALUES = "03 11 15 20 27 33 / 08"


def write_plan(folder: Path, targets: str, inspectors: str, plan: str = PLAN) -> Path:
    """plans/2025/RSJ-1.yaml with the base plan's text, its registers' hashes replaced by these registers'."""
    plans = folder / "plans" / "2025"
    (plans / "registers").mkdir(parents=True, exist_ok=True)
    (plans / "registers" / "RSJ-1-targets.csv").write_text(targets, encoding="utf-8")
    (plans / "registers" / "RSJ-inspectors.csv").write_text(inspectors, encoding="utf-8")
    t = hashlib.sha256(targets.encode()).hexdigest()
    i = hashlib.sha256(inspectors.encode()).hexdigest()
    text = plan.replace("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", t)
    text = text.replace("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", i)
    path = plans / "RSJ-1.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def targets_csv(strata: dict[str, int]) -> str:
    rows = ["统一社会信用代码,名称,事项编号"]
    n = 0
    for stratum, size in strata.items():
        for _ in range(size):
            n += 1
            rows.append(f"91653000SAMPLE{n:04d},样例企业{n}（示例）,{stratum}")
    return "\n".join(rows) + "\n"


INSPECTORS = "执法证号,姓名,回避对象\nZF001,甲,\nZF002,乙,\nZF003,丙,\nZF004,丁,\n"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_plan(tmp_path, targets_csv({"RSJ-XK-001": 30, "RSJ-XK-002": 7}), INSPECTORS)
