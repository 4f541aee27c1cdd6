"""`akq draw verify`: re-run a draw from its transcript's inputs and say which input, if any, differs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from akq_cli.draw.errors import DrawError
from akq_cli.draw.registers import read_bytes, sha256
from akq_cli.draw.seed import canonical, make_seed
from akq_cli.draw.transcript import FORMAT, draw

Difference = dict[str, str]  # {"zh": …, "en": …}


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_bytes(path).decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(data.get("format"))
        return data
    except (ValueError, AttributeError) as exc:
        raise DrawError(
            {
                "zh": f"{path} 不是 akq draw 写出的抽取记录（{FORMAT}）：{exc}。",
                "en": f"{path} is not a transcript written by akq draw ({FORMAT}): {exc}.",
            }
        ) from exc


def _file_differs(folder: Path, entry: dict[str, Any], zh: str, en: str) -> Difference | None:
    path = folder / entry["file"]
    try:
        actual = sha256(read_bytes(path))
    except DrawError as exc:
        return {"zh": f"{zh} {path}：{exc.texts['zh']}", "en": f"{en} {path}: {exc.texts['en']}"}
    if actual != entry["sha256"]:
        return {
            "zh": f"{zh} {path} 与抽取时不同：现在的 SHA-256 是 {actual}，抽取记录中是 {entry['sha256']}。",
            "en": f"{en} {path} differs from the one drawn from: SHA-256 {actual}, the transcript says {entry['sha256']}.",
        }
    return None


def verify(path: Path) -> list[Difference]:
    """What differs between the transcript and a re-run of its draw; empty when they match."""
    t = _load(path)
    folder = path.parent
    try:
        found = [
            _file_differs(folder, t["plan"], "抽查计划", "The plan"),
            *(_file_differs(folder, r, "检查对象名录", "The register") for r in t["registers"]),
            _file_differs(folder, t["inspectors"], "执法检查人员名录", "The inspector register"),
        ]
        seed = t["seed"]
        expected = make_seed(
            canonical(seed["values"]), t["plan"]["sha256"], [r["sha256"] for r in t["registers"]], t["inspectors"]["sha256"]
        )
    except (KeyError, TypeError) as exc:
        raise DrawError(
            {"zh": f"{path} 缺少“{exc}”：抽取记录不完整。", "en": f"{path} lacks {exc}: the transcript is incomplete."}
        ) from exc
    differences = [d for d in found if d is not None]
    if canonical(seed["values"]) != seed.get("canonical") or expected != seed.get("seed"):
        differences.append(
            {
                "zh": f"随机种子与公开随机数不符：按记录的公开随机数“{seed['values']}”算出的种子是 {expected}，"
                f"抽取记录中是 {seed.get('seed')}。",
                "en": f"The seed does not follow from the public values '{seed['values']}': they give {expected}, "
                f"the transcript says {seed.get('seed')}.",
            }
        )
    if differences:
        return differences
    rerun = draw(folder / t["plan"]["file"], seed["values"], [folder / r["file"] for r in t["registers"]],
                 folder / t["inspectors"]["file"], relative_to=folder)
    if rerun != t:
        return [
            {
                "zh": "输入都与记录一致，但重新抽取的结果与抽取记录中的名单不同：抽取记录在抽取之后被修改过。",
                "en": "Every input matches, but a re-run draws a different list: the transcript was edited after the draw.",
            }
        ]
    return []
