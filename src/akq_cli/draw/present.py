"""What `akq draw run` and `akq draw verify` print and write, and their exit codes (0 match/drawn, 1 differs, 2 unusable)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from akq_cli.core.escape import rich_text as escape  # markup and control characters (names come from registers)
from akq_cli.core.files import atomic_write_bytes
from akq_cli.core.i18n import pick
from akq_cli.draw.errors import DrawError
from akq_cli.draw.transcript import draw, dumps
from akq_cli.draw.verify import verify


def _consoles() -> tuple[Console, Console]:
    return Console(highlight=False, soft_wrap=True), Console(stderr=True, highlight=False, soft_wrap=True)


def run_draw(plan: Path, seed_values: str, registers: list[Path], inspectors: Path | None, output: Path | None) -> int:
    out, err = _consoles()
    target = output or plan.with_name(f"{plan.stem}-draw.json")
    try:
        transcript = draw(plan, seed_values, registers or None, inspectors, relative_to=target.parent)
    except DrawError as exc:
        err.print(f"[bold red]akq draw:[/] {escape(exc.message())}")
        return 2
    try:
        atomic_write_bytes(target, dumps(transcript))
    except OSError as exc:
        err.print(f"[bold red]akq draw:[/] {escape(pick({'zh': '无法写入 {p}：{e}', 'en': 'Cannot write {p}: {e}'}, p=target, e=exc.strerror or exc))}")
        return 2
    out.print(
        pick(
            {"zh": "种子 {seed}（公开随机数 {canon}）", "en": "Seed {seed} (public values {canon})"},
            seed=transcript["seed"]["seed"],
            canon=escape(transcript["seed"]["canonical"]),
        )
    )
    for s in transcript["strata"]:
        out.print(pick({"zh": "  {s}：{size} 户中抽取 {k} 户", "en": "  {s}: {k} of {size}"}, s=escape(s["stratum"]), size=s["size"], k=s["drawn"]))
    for e in transcript["selection"]:
        name = f" {e['name']}" if "name" in e else ""
        out.print(escape(f"{e['n']:>4}. {e['target']}{name} — {'、'.join(e['inspectors'])}"))
    out.print(pick({"zh": "抽取记录已写入 {p}。任何人都可以用 `akq draw verify {p}` 重新抽取核对。",
                    "en": "Transcript written to {p}. Anyone can re-run it with `akq draw verify {p}`."}, p=escape(str(target))))
    return 0


def run_verify(transcript: Path) -> int:
    out, err = _consoles()
    try:
        differences = verify(transcript)
    except DrawError as exc:
        err.print(f"[bold red]akq draw verify:[/] {escape(exc.message())}")
        return 2
    if not differences:
        out.print(pick({"zh": "一致：按记录的抽查计划、名录和公开随机数重新抽取，结果与 {p} 完全相同。",
                        "en": "Match: re-running the plan, registers and public values gives exactly {p}."}, p=escape(str(transcript))))
        return 0
    out.print(pick({"zh": "不一致：{p}", "en": "Does not match: {p}"}, p=escape(str(transcript))))
    for d in differences:
        out.print("  - " + escape(pick(d)))
    return 1
