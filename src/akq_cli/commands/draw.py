"""`akq draw run` and `akq draw verify`: 双随机 inspection draws that anyone can re-run (akq_cli.draw)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.clilang import AkqCommand, AkqGroup
from akq_cli.commands.options import output_option
from akq_cli.core.i18n import both

app = typer.Typer(
    help=both(
        "双随机抽查：按抽查计划和公开随机数抽取检查对象和执法人员，并可重新核对。",
        "Verifiable random inspection draws: targets and inspectors drawn from a plan and public random values; re-run to check.",
    ),
    cls=AkqGroup,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.command(
    "run", cls=AkqCommand,
    help=both("抽取检查对象和执法人员，写出抽取记录。", "Draw targets and inspectors; write the transcript."),
)
def run(
    plan: Path = typer.Argument(
        ..., metavar=both("抽查计划", "PLAN"),
        help=both("抽查计划文件 catalog/plans/年度/部门-序号.yaml。", "The plan file, catalog/plans/YEAR/DEPT-N.yaml."),
    ),
    seed_values: str = typer.Option(
        ..., "--seed-values", help=both(
            "公开随机数，按公布的号码录入，来源之间用 / 分开，例如 '03 11 15 20 27 33 / 08'。",
            "Public random values as published, sources separated by /, e.g. '03 11 15 20 27 33 / 08'.",
        ),
    ),
    register: Optional[list[Path]] = typer.Option(
        None, "--register", help=both("检查对象名录（CSV/XLSX），默认用计划中登记的文件。", "Target registers (CSV/XLSX); default: those the plan names."),
    ),
    inspectors: Optional[Path] = typer.Option(
        None, "--inspectors",
        help=both("执法检查人员名录，默认用计划中登记的文件。", "Inspector register; default: the one the plan names."),
    ),
    output: Optional[Path] = output_option("抽取记录（JSON），默认写在计划旁。", "Transcript file (JSON); default: beside the plan."),
) -> None:
    """Draw targets and inspectors (user-facing text: the help above)."""
    # Imported here: cli.py imports every command module at start-up.
    from akq_cli.draw.present import run_draw

    raise typer.Exit(run_draw(plan, seed_values, register or [], inspectors, output))


@app.command(
    "verify", cls=AkqCommand,
    help=both("按抽取记录重新抽取，核对结果是否一致、哪项输入不同。", "Re-run a draw and say whether it matches and which input differs."),
)
def verify(
    transcript: Path = typer.Argument(
        ..., metavar=both("抽取记录", "TRANSCRIPT"), help=both("抽取记录（JSON）。", "The transcript (JSON).")
    ),
) -> None:
    """Re-run a draw and compare (user-facing text: the help above)."""
    from akq_cli.draw.present import run_verify

    raise typer.Exit(run_verify(transcript))
