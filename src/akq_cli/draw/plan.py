"""An inspection plan as the draw reads it (the file format: akq_cli.core.plan_fields; its checks: the plan-* lint rules)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akq_cli.core.loader import read_document
from akq_cli.draw.errors import DrawError
from akq_cli.draw.registers import read_bytes, sha256


@dataclass
class RegisterRef:
    file: str  # relative to the plan's folder
    sha256: str


@dataclass
class Plan:
    path: Path
    data: bytes
    id: str
    registers: list[RegisterRef]
    inspectors: RegisterRef
    ratio: float | None
    count: int | None
    rounding: str
    stratify_by: str | None
    minimum: int
    weight_column: str | None
    weights: dict[str, int]
    per_target: int
    seed_source: str
    seed_date: str

    @property
    def sha256(self) -> str:
        return sha256(self.data)

    def resolve(self, ref: RegisterRef) -> Path:
        return self.path.parent / ref.file


def _broken(path: Path, detail: str) -> DrawError:
    return DrawError(
        {
            "zh": f"{path}：抽查计划不完整或格式不对（{detail}）。请先运行 `akq lint {path}` 并按提示改正。",
            "en": f"{path}: the plan is incomplete or malformed ({detail}). Run `akq lint {path}` and fix what it reports.",
        }
    )


def load_plan(path: Path) -> Plan:
    data = read_bytes(path)
    doc = read_document(path, data)
    if doc.root is None or any(p.fatal for p in doc.problems) or not isinstance(doc.root.value, dict):
        raise _broken(path, "YAML")
    d: dict[str, Any] = doc.root.plain()
    try:
        sample, inspection, seed = d["sample"], d["inspection"], d["seed"]
        weighting = d.get("weighting") or {}
        plan = Plan(
            path=path,
            data=data,
            id=str(d["id"]),
            registers=[RegisterRef(str(r["file"]), str(r["sha256"])) for r in d["registers"]],
            inspectors=RegisterRef(str(d["inspectors"]["file"]), str(d["inspectors"]["sha256"])),
            ratio=sample.get("ratio"),
            count=sample.get("count"),
            rounding=sample.get("rounding") or "up",
            stratify_by=sample.get("stratify_by") or None,
            minimum=int(sample.get("minimum_per_stratum") or 0),
            weight_column=weighting.get("column"),
            weights={str(w["class"]): int(w["weight"]) for w in weighting.get("weights") or []},
            per_target=int(inspection["per_target"]),
            seed_source=str(seed["source"]),
            seed_date=str(seed["date"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _broken(path, f"{type(exc).__name__}: {exc}") from exc
    if (plan.ratio is None) == (plan.count is None) or plan.per_target < 2 or not plan.registers:
        raise _broken(path, "sample / inspection")
    return plan
