"""`akq init-catalog DIR`: a new catalog repository, apart from akq's own."""

from __future__ import annotations

from pathlib import Path

import typer

from akq_cli.core.i18n import both

HELP = both(
    "新建目录清单仓库：目录清单、规则设置、固定 akq 版本的流水线、pre-commit、CODEOWNERS。",
    "Start a catalog repository: the catalog, rule settings, a pipeline pinned to this akq release, pre-commit, CODEOWNERS.",
)


def init_catalog(
    folder: Path = typer.Argument(
        ..., metavar=both("文件夹", "DIR"), help=both("新仓库的文件夹（不存在时新建）。", "Folder of the new repository (created when missing).")
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help=both(
            "文件夹不是空的也写入，只补上缺少的文件，已有的文件不改动。",
            "Add the missing files to a non-empty folder; existing files are never changed.",
        ),
    ),
    git: bool = typer.Option(
        True, "--git/--no-git", help=both("文件夹还不是 git 仓库时把它建成 git 仓库（默认）。", "Run git init when the folder is not a repository yet (default).")
    ),
) -> None:
    """Start a catalog repository (user-facing text: HELP)."""
    # imported on use: every command module loads at start-up
    from akq_cli.author.catalog_repo import InitError, summary
    from akq_cli.author.catalog_repo import init_catalog as write

    try:
        result = write(folder, force=force, git=git)
    except InitError as exc:
        typer.echo(f"akq init-catalog: {exc.message()}", err=True)
        raise typer.Exit(2) from None
    typer.echo(summary(folder, result))
