"""A draw from its inputs to its transcript: plan and registers checked against their hashes, the seed, the selection.

The transcript (JSON, the same bytes for the same inputs: no time stamps, keys
in a fixed order) records everything a re-run needs: the algorithm version,
the plan's and each register's SHA-256 and file (relative to the transcript),
the public values as entered and in canonical form, the seed, each stratum's
size and count, and the ordered selection with its inspectors.  Targets are
named by 承诺编码 or credit code; a business's name is shown, a person's never.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from akq_cli.core.personal import mask_resident_id
from akq_cli.draw.errors import DrawError
from akq_cli.draw.plan import Plan, load_plan
from akq_cli.draw.registers import (
    BUSINESS_ID,
    INSPECTOR_ID,
    NAME_COLUMN,
    RECUSAL_COLUMN,
    TARGET_ID_COLUMNS,
    parse,
    read_bytes,
    recusals,
    sha256,
    unique_ids,
)
from akq_cli.draw.sampler import Target, draw_inspectors, draw_targets
from akq_cli.draw.seed import ALGORITHM, canonical, make_seed

FORMAT = "akq-draw-transcript/1"
ALL = "全部"  # the one stratum of an unstratified draw


def _checked(path: Path, recorded: str, what: str) -> bytes:
    data = read_bytes(path)
    actual = sha256(data)
    if actual != recorded:
        raise DrawError(
            {
                "zh": f"{what} {path} 的 SHA-256 是 {actual}，与抽查计划记录的 {recorded} 不同：名录在计划提交之后被修改过，"
                "不能用于抽取。请使用提交时的名录文件；名录确需更新的，先更新计划中的 sha256 并重新确定公开随机数。",
                "en": f"{path} has SHA-256 {actual}, not the {recorded} the plan recorded: it changed after the plan was "
                "committed and cannot be drawn from. Use the committed register, or record the new hash and a new seed date.",
            }
        )
    return data


def draw(plan_path: Path, seed_values: str, registers: list[Path] | None = None, inspectors: Path | None = None,
         relative_to: Path | None = None) -> dict[str, Any]:
    """The transcript of a draw; file names in it are relative to ``relative_to`` (the transcript's folder)."""
    plan = load_plan(plan_path)
    if registers and len(registers) != len(plan.registers):
        raise DrawError(
            {
                "zh": f"计划 {plan_path} 登记了 {len(plan.registers)} 份检查对象名录，命令行给了 {len(registers)} 份。",
                "en": f"The plan lists {len(plan.registers)} registers; the command line gave {len(registers)}.",
            }
        )
    paths = registers or [plan.resolve(r) for r in plan.registers]
    inspector_path = inspectors or plan.resolve(plan.inspectors)
    target_regs = [parse(p, _checked(p, ref.sha256, "检查对象名录")) for p, ref in zip(paths, plan.registers, strict=True)]
    inspector_reg = parse(inspector_path, _checked(inspector_path, plan.inspectors.sha256, "执法检查人员名录"))
    canon = canonical(seed_values)
    seed = make_seed(canon, plan.sha256, [r.sha256 for r in target_regs], inspector_reg.sha256)

    targets, names = _targets(plan, target_regs)
    chosen, strata = draw_targets(
        seed, targets, ratio=plan.ratio, count=plan.count, rounding=plan.rounding, minimum=plan.minimum
    )
    inspector_col = inspector_reg.column(INSPECTOR_ID)
    recusal_col = inspector_reg.column(RECUSAL_COLUMN) if RECUSAL_COLUMN in inspector_reg.heading else None
    inspector_ids = unique_ids(inspector_reg, inspector_col, {})
    recusing: dict[str, set[str]] = {}
    for _, row in inspector_reg.rows:
        for target in recusals(row[recusal_col]) if recusal_col is not None else ():
            recusing.setdefault(target, set()).add(row[inspector_col])
    selection = []
    for n, t in enumerate(chosen, 1):
        drawn = draw_inspectors(seed, t.id, inspector_ids, recusing.get(t.id, set()), plan.per_target)
        if len(drawn) < plan.per_target:
            eligible = len(inspector_ids) - len(recusing.get(t.id, set()) & set(inspector_ids))
            raise DrawError(
                {
                    "zh": f"检查对象 {mask_resident_id(t.id)} 只有 {eligible} 名执法人员不需回避，少于计划要求的每个对象 {plan.per_target} 人"
                    f"（{len(recusing.get(t.id, set()))} 人登记了回避）。请在执法检查人员名录中补充人员后重新固定名录。",
                    "en": f"Target {mask_resident_id(t.id)} has only {eligible} inspector(s) free of recusal, fewer than the "
                    f"{plan.per_target} the plan requires. Add inspectors to the register and fix it again.",
                }
            )
        entry: dict[str, Any] = {"n": n, "stratum": t.stratum, "target": mask_resident_id(t.id)}
        if t.id in names:
            entry["name"] = names[t.id]
        entry["inspectors"] = drawn
        selection.append(entry)

    def rel(p: Path) -> str:
        return Path(os.path.relpath(p, relative_to)).as_posix() if relative_to is not None else p.as_posix()

    return {
        "format": FORMAT,
        "algorithm": ALGORITHM,
        "plan": {"id": plan.id, "file": rel(plan_path), "sha256": plan.sha256},
        "registers": [{"file": rel(r.path), "sha256": r.sha256, "rows": len(r.rows)} for r in target_regs],
        "inspectors": {"file": rel(inspector_reg.path), "sha256": inspector_reg.sha256, "rows": len(inspector_reg.rows)},
        "seed": {
            "source": plan.seed_source,
            "date": plan.seed_date,
            "values": seed_values.strip(),
            "canonical": canon,
            "seed": seed,
        },
        "strata": [{"stratum": s, "size": size, "drawn": k} for s, (size, k) in strata.items()],
        "selection": selection,
    }


def _targets(plan: Plan, registers: list[Any]) -> tuple[list[Target], dict[str, str]]:
    """Every target of the registers, with its stratum and weight; and businesses' names by credit code."""
    targets: list[Target] = []
    names: dict[str, str] = {}
    seen: dict[str, str] = {}
    for reg in registers:
        id_col = reg.column(*TARGET_ID_COLUMNS)
        business = reg.heading[id_col] == BUSINESS_ID
        name_col = reg.column(NAME_COLUMN) if business and NAME_COLUMN in reg.heading else None
        stratum_col = reg.column(plan.stratify_by) if plan.stratify_by else None
        weight_col = reg.column(plan.weight_column) if plan.weight_column else None
        ids = unique_ids(reg, id_col, seen)
        for target_id, (number, row) in zip(ids, reg.rows, strict=True):
            weight = 1
            if weight_col is not None:
                cls = row[weight_col]
                if cls not in plan.weights:
                    raise DrawError(
                        {
                            "zh": f"{reg.path} 第{number}行：“{plan.weight_column}”是“{cls}”，计划的加权（weighting）没有这一类。"
                            f"可选：{'、'.join(plan.weights)}。",
                            "en": f"{reg.path} row {number}: {plan.weight_column} '{cls}' is not a class of the plan's weighting.",
                        }
                    )
                weight = plan.weights[cls]
            targets.append(Target(target_id, row[stratum_col] if stratum_col is not None else ALL, weight))
            if name_col is not None and row[name_col]:
                names[target_id] = row[name_col]  # a business's name is public; a person's is never written
    return targets, names


def dumps(transcript: dict[str, Any]) -> bytes:
    """The transcript's bytes: the same for the same draw on any machine."""
    return (json.dumps(transcript, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
