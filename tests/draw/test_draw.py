"""akq draw: the same inputs give the same draw; any changed input makes verify fail and name it."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from akq_cli.core.personal import mask_id, mask_resident_id
from akq_cli.draw.errors import DrawError
from akq_cli.draw.sampler import Target, draw_targets, how_many, score
from akq_cli.draw.seed import canonical, make_seed
from akq_cli.draw.transcript import draw, dumps
from akq_cli.draw.verify import verify
from akq_cli.lint.examples import PLAN

from .conftest import INSPECTORS, SEED_VALUES, targets_csv, write_plan


def _run(plan: Path) -> Path:
    out = plan.parents[2] / "draw.json"
    out.write_bytes(dumps(draw(plan, SEED_VALUES, relative_to=out.parent)))
    return out


def test_same_inputs_give_the_same_transcript_bytes(plan: Path):
    first = dumps(draw(plan, SEED_VALUES, relative_to=plan.parent))
    assert first == dumps(draw(plan, SEED_VALUES, relative_to=plan.parent))
    other = dumps(draw(plan, "03 11 15 20 27 34 / 08", relative_to=plan.parent))
    assert json.loads(first)["selection"] != json.loads(other)["selection"]


def test_an_untouched_draw_verifies(plan: Path):
    assert verify(_run(plan)) == []


def _flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-2] = ord("9") if data[-2] != ord("9") else ord("8")
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("name", "says"),
    [("plans/2025/RSJ-1.yaml", "抽查计划"), ("plans/2025/registers/RSJ-1-targets.csv", "检查对象名录"),
     ("plans/2025/registers/RSJ-inspectors.csv", "执法检查人员名录")],
)
def test_one_byte_changed_in_an_input_fails_verify_naming_it(plan: Path, name: str, says: str):
    transcript = _run(plan)
    _flip_one_byte(transcript.parent / name)
    differences = verify(transcript)
    assert len(differences) == 1
    assert says in differences[0]["zh"] and name in differences[0]["zh"]


def test_a_changed_seed_value_fails_verify_naming_the_seed(plan: Path):
    transcript = _run(plan)
    t = json.loads(transcript.read_text("utf-8"))
    t["seed"]["values"] = t["seed"]["values"].replace("08", "09")
    transcript.write_bytes(dumps(t))
    [difference] = verify(transcript)
    assert "随机种子" in difference["zh"] and "03 11 15 20 27 33 / 09" in difference["zh"]


def test_an_edited_selection_fails_verify(plan: Path):
    transcript = _run(plan)
    t = json.loads(transcript.read_text("utf-8"))
    t["selection"][0]["target"] = "91653000SAMPLE9999"
    transcript.write_bytes(dumps(t))
    [difference] = verify(transcript)
    assert "抽取记录在抽取之后被修改过" in difference["zh"]


def test_a_register_changed_after_the_plan_is_refused(plan: Path):
    _flip_one_byte(plan.parent / "registers" / "RSJ-1-targets.csv")
    with pytest.raises(DrawError) as caught:
        draw(plan, SEED_VALUES)
    assert "与抽查计划记录的" in caught.value.texts["zh"]


def test_stratified_draws_keep_each_stratums_count(tmp_path: Path):
    sizes = {"A": 30, "B": 7, "C": 1, "D": 100}
    plan = write_plan(tmp_path, targets_csv(sizes), INSPECTORS)
    t = draw(plan, SEED_VALUES)
    drawn = Counter(e["stratum"] for e in t["selection"])
    expected = {s: max(1, math.ceil(n * 0.2)) for s, n in sizes.items()}  # ratio 0.2, rounding up, at least 1
    assert drawn == expected
    assert {s["stratum"]: (s["size"], s["drawn"]) for s in t["strata"]} == {s: (sizes[s], expected[s]) for s in sizes}


def test_ratio_arithmetic_is_exact_decimal():
    assert how_many(100, ratio=0.05, count=None, rounding="up", minimum=1) == 5  # float says 5.000000000000001
    assert how_many(30, ratio=0.05, count=None, rounding="nearest", minimum=1) == 2  # 1.5 rounds half up
    assert how_many(30, ratio=0.05, count=None, rounding="down", minimum=1) == 1
    assert how_many(3, ratio=0.05, count=None, rounding="down", minimum=1) == 1  # never 0 for a non-empty stratum
    assert how_many(0, ratio=0.05, count=None, rounding="up", minimum=1) == 0
    assert how_many(4, ratio=None, count=10, rounding="up", minimum=0) == 4


def test_no_inspector_is_drawn_for_a_target_they_must_recuse_from(tmp_path: Path):
    register = targets_csv({"A": 40})
    ids = [line.split(",")[0] for line in register.splitlines()[1:]]
    inspectors = "执法证号,姓名,回避对象\n" + "".join(
        f"ZF00{i},人员{i},{'；'.join(ids[i::3])}\n" for i in range(1, 6)
    )
    plan = write_plan(tmp_path, register, inspectors, _ratio(1))
    t = draw(plan, SEED_VALUES)
    recusing = {f"ZF00{i}": set(ids[i::3]) for i in range(1, 6)}
    assert len(t["selection"]) == 40
    for entry in t["selection"]:
        assert len(entry["inspectors"]) == 2
        assert all(entry["target"] not in recusing[i] for i in entry["inspectors"])


def _ratio(value: float) -> str:
    return PLAN.replace("ratio: 0.2", f"ratio: {value}")


def test_too_few_eligible_inspectors_stops_the_draw_naming_the_target(tmp_path: Path):
    register = targets_csv({"A": 3})
    first = register.splitlines()[1].split(",")[0]
    inspectors = f"执法证号,姓名,回避对象\nZF001,甲,{first}\nZF002,乙,{first}\nZF003,丙,\n"
    plan = write_plan(tmp_path, register, inspectors, _ratio(1))
    with pytest.raises(DrawError) as caught:
        draw(plan, SEED_VALUES)
    assert first in caught.value.texts["zh"] and "只有 1 名" in caught.value.texts["zh"]


# Upper 1% critical value of chi-square with 19 degrees of freedom: 36.191 (NIST/SEMATECH e-Handbook of
# Statistical Methods, 1.3.6.7.4 "Critical Values of the Chi-Square Distribution"; also scipy.stats.chi2.ppf(0.99, 19)).
CHI2_99_DF19 = 36.191


def test_each_target_is_drawn_equally_often_over_10000_seeds():
    """Pearson's statistic over selected/not selected per target: sum (O-E)^2 / (T p (1-p)), n - 1 degrees of freedom
    (the total drawn per seed is fixed)."""
    n, k, trials = 20, 5, 10_000
    targets = [Target(f"T{i:02d}", "all") for i in range(n)]
    counts: Counter[str] = Counter()
    for i in range(trials):
        seed = make_seed(canonical(str(i)), "0" * 64, [], "0" * 64)
        chosen, _ = draw_targets(seed, targets, ratio=None, count=k, rounding="up", minimum=0)
        counts.update(t.id for t in chosen)
    p = k / n
    statistic = sum((counts[t.id] - trials * p) ** 2 / (trials * p * (1 - p)) for t in targets)
    assert statistic < CHI2_99_DF19, statistic


def test_a_heavier_weight_is_drawn_more_often():
    targets = [Target("light", "all", 1), Target("heavy", "all", 3)]
    wins = Counter()
    for i in range(2000):
        chosen, _ = draw_targets(f"{i:064x}", targets, ratio=None, count=1, rounding="up", minimum=0)
        wins[chosen[0].id] += 1
    assert 0.70 < wins["heavy"] / 2000 < 0.80  # Efraimidis-Spirakis: 3 / (1 + 3)


def test_seed_values_have_one_canonical_form():
    assert canonical("03 11 15 20 27 33 / 08") == canonical("33,27,20,15,11,3/8") == "3.11.15.20.27.33./8./"
    assert canonical("ab12 / 7") == "AB12./7./"
    with pytest.raises(DrawError):
        canonical(" / ")


def test_id_numbers_are_masked():
    assert mask_resident_id("653022199001011234") == "6530**********1234"
    assert mask_resident_id("65302219900101123x") == "6530**********123x"
    assert mask_resident_id("91653000SAMPLE0001") == "91653000SAMPLE0001"
    assert mask_resident_id("CN-2025-0001") == "CN-2025-0001"


def test_a_credit_code_of_all_digits_stays_readable_in_a_register_but_not_where_no_code_is_expected():
    code = "126530230000123456"  # digits only, and no birth date where an ID number has one
    assert mask_resident_id(code) == code
    assert mask_id(code) == "1265**********3456"


def test_a_missing_plan_is_a_message_in_both_languages(tmp_path: Path):
    with pytest.raises(DrawError) as caught:
        draw(tmp_path / "missing.yaml", SEED_VALUES)
    assert "无法读取" in caught.value.texts["zh"] and "Cannot read" in caught.value.texts["en"]


def test_the_fast_path_ranks_as_the_documented_score():
    targets = [Target(f"T{i}", "all", 1 + i % 2) for i in range(50)]
    chosen, _ = draw_targets("ab" * 32, targets, ratio=None, count=50, rounding="up", minimum=0)
    assert [t.id for t in chosen] == [t.id for t in sorted(targets, key=lambda t: (score("ab" * 32, t.id, t.weight), t.id))]
