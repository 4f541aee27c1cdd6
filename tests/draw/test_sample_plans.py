"""The sample catalog's inspection plans: one per department holding business licences, each drawable as committed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from akq_cli.draw.registers import parse, read_bytes
from akq_cli.draw.transcript import draw
from akq_cli.fmt.files import format_file, targets

from .conftest import PLAN, SEED_VALUES, write_plan

CATALOG = Path(__file__).resolve().parents[2] / "catalog"
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_valid(code: str) -> bool:
    """GB 32100-2015: the 18th character is the check character of the first 17."""
    if len(code) != 18 or any(c not in CODE_CHARS for c in code):
        return False
    check = 31 - sum(CODE_CHARS.index(c) * w for c, w in zip(code, CODE_WEIGHTS, strict=False)) % 31
    return CODE_CHARS[0 if check == 31 else check] == code[17]


def plans() -> list[Path]:
    return sorted(CATALOG.glob("plans/*/*.yaml"))


def test_one_plan_for_each_department_with_business_licences():
    licensing = {p.parent.name for p in CATALOG.glob("items/*/*.yaml") if "kind: business_license" in p.read_text("utf-8")}
    planned = {yaml.safe_load(p.read_text("utf-8"))["department"] for p in plans()}
    assert licensing and planned == licensing


def test_sample_registers_are_fictional_with_valid_credit_codes():
    for plan in plans():
        for name in sorted((plan.parent / "registers").glob("*-targets.csv")):
            register = parse(name, read_bytes(name))
            code, title = register.column("统一社会信用代码"), register.column("名称")
            for _, row in register.rows:
                assert credit_code_valid(row[code]), row
                assert row[code][8:16].startswith("0000"), row  # a run of zeros no registration authority issues
                assert row[title].startswith("示例") and "虚构" in row[title], row
    assert not credit_code_valid("916530230000000014")  # the check catches a wrong last character


def test_sample_plans_draw_as_committed(tmp_path: Path):
    for plan in plans():
        data = yaml.safe_load(plan.read_text("utf-8"))
        assert data["seed"]["registers_fixed"] < data["seed"]["date"]
        transcript = draw(plan, SEED_VALUES, relative_to=tmp_path)  # refuses a register whose hash the plan lacks
        assert transcript["plan"]["id"] == plan.stem and transcript["selection"]
        assert all(len(e["inspectors"]) == 2 for e in transcript["selection"])


def test_fmt_lays_out_a_plan_by_the_plan_schema_and_formats_a_whole_catalogs_plans(tmp_path: Path):
    plan = write_plan(tmp_path / "catalog", "统一社会信用代码,名称\n", "执法证号,姓名\n")
    (tmp_path / "catalog" / "catalog.yaml").write_text("government: 示例\n", encoding="utf-8")
    (tmp_path / "catalog" / "items").mkdir()
    (tmp_path / "catalog" / "items" / "RSJ-XK-001.yaml").write_text("id: RSJ-XK-001\n", encoding="utf-8")
    outcome = format_file(plan)
    assert outcome.error is None
    keys = [line.split(":")[0] for line in outcome.new.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys == [line.split(":")[0] for line in PLAN.splitlines() if re.match(r"^[a-z_]+:", line)]  # not the item order
    assert plan in targets([tmp_path / "catalog"]) and plan in targets([tmp_path])
    assert not any(p.suffix == ".csv" for p in targets([tmp_path / "catalog"]))


def test_fmt_check_and_lint_of_the_sample_catalog_are_clean(tmp_path: Path):
    shutil.copytree(CATALOG, tmp_path / "catalog")
    for args in (["fmt", "--check", "catalog"], ["lint", "catalog"]):
        done = subprocess.run([sys.executable, "-m", "akq_cli", *args], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    checked = subprocess.run([sys.executable, "-m", "akq_cli", "fmt", "--check", "catalog"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert re.search(r"\b30\b", checked.stdout + checked.stderr)  # 28 items and meta files + 2 plans
