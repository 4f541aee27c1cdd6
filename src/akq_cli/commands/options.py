"""Options that several commands share, defined once so that they are spelled the same everywhere."""

from __future__ import annotations

from typing import Any

import typer

from akq_cli.core.i18n import both


def catalog_option() -> Any:
    return typer.Option(
        None, "--catalog", help=both("目录清单所在目录；默认自动查找。", "Catalog folder; default: found from here.")
    )


def output_option(zh: str, en: str, *, required: bool = False) -> Any:
    return typer.Option(... if required else None, "--output", "-o", help=both(zh, en))


def jobs_option() -> Any:
    # min=1: click's range error, worded in Chinese by akq_cli.clilang like every other usage error.
    return typer.Option(
        None, "--jobs", "-j", min=1,
        help=both("并行进程数，默认为全部处理器核心。", "Worker processes (default: all cores)."),
    )
