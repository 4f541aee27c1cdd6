"""`akq draw run` and `akq draw verify`: 双随机 inspection draws that anyone can re-run (akq_cli.draw)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(
    help="双随机抽查：按抽查计划和公开随机数抽取检查对象和执法人员，并可重新核对。Verifiable inspection draws.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.command("run")
def run(
    plan: Path = typer.Argument(..., help="抽查计划文件 catalog/plans/年度/部门-序号.yaml。The plan."),
    seed_values: str = typer.Option(
        ..., "--seed-values", help="公开随机数，按公布的号码录入，来源之间用 / 分开，例如 '03 11 15 20 27 33 / 08'。Public values."
    ),
    register: Optional[list[Path]] = typer.Option(
        None, "--register", help="检查对象名录（CSV/XLSX），默认用计划中登记的文件。Target registers."
    ),
    inspectors: Optional[Path] = typer.Option(None, "--inspectors", help="执法检查人员名录，默认用计划中登记的文件。Inspectors."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="抽取记录（JSON），默认写在计划旁。Transcript file."),
) -> None:
    """抽取检查对象和执法人员，写出抽取记录。Draw targets and inspectors; write the transcript."""
    # Imported here: cli.py imports every command module at start-up.
    from akq_cli.draw.present import run_draw

    raise typer.Exit(run_draw(plan, seed_values, register or [], inspectors, output))


@app.command("verify")
def verify(transcript: Path = typer.Argument(..., help="抽取记录（JSON）。The transcript.")) -> None:
    """按抽取记录重新抽取，核对结果是否一致、哪项输入不同。Re-run a draw and compare."""
    from akq_cli.draw.present import run_verify

    raise typer.Exit(run_verify(transcript))
