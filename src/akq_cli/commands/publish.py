"""`akq publish`: put a built site into place atomically, or roll back."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.core.i18n import both

HELP = both(
    "原子地发布网站：新版本写在旧版本旁边，一次改名切换；可一条命令回退。",
    "Publish a built site atomically: the new version is written beside the old one and switched by one rename; one command rolls back.",
)


def publish(
    src: Optional[Path] = typer.Argument(None, metavar=both("网站目录", "SRC"), help=both("akq export 生成的网站目录。", "The built site (akq export -o SRC).")),
    dest: Optional[Path] = typer.Argument(None, metavar=both("发布路径", "DEST"), help=both("网站服务器提供的路径（由 akq publish 管理的符号链接）。", "The served path (a symlink akq publish manages).")),
    rollback: Optional[Path] = typer.Option(
        None, "--rollback", metavar=both("发布路径", "DEST"), help=both("把发布路径切回上一个保留的版本。", "Switch DEST back to the previous kept version.")
    ),
    keep: int = typer.Option(5, "--keep", min=1, help=both("保留的版本数（含当前）。", "How many versions to keep, the current one included.")),
) -> None:
    """Publish a built site (user-facing text: HELP)."""
    from rich.console import Console

    from akq_cli.core.i18n import lang, pick
    from akq_cli.site import publish as pub

    err = Console(stderr=True, highlight=False)

    def fail(texts: dict[str, str]) -> None:
        err.print(f"[bold red]akq publish:[/] {texts.get(lang(), texts['zh'])}", soft_wrap=True)
        raise typer.Exit(2)

    usage = {"zh": "用法：akq publish SRC DEST，或 akq publish --rollback DEST。",
             "en": "usage: akq publish SRC DEST, or akq publish --rollback DEST."}
    if rollback is not None and (src is not None or dest is not None):
        fail(usage)
    if rollback is None and (src is None or dest is None):
        fail(usage)
    try:
        if rollback is not None:
            outcome = pub.rollback(rollback, keep=keep)
            typer.echo(pick({"zh": "已回退：{dest} 现在指向版本 {v}（原为 {p}）。",
                             "en": "Rolled back: {dest} now serves version {v} (was {p})."},
                            dest=rollback, v=outcome.version, p=outcome.previous))
            return
        assert src is not None and dest is not None
        outcome = pub.publish(src, dest, keep=keep)
    except pub.PublishError as exc:
        fail(exc.texts)
        return
    except OSError as exc:
        fail({"zh": f"无法发布：{exc.filename or ''} {exc.strerror or exc}",
              "en": f"cannot publish: {exc.filename or ''} {exc.strerror or exc}"})
        return
    if not outcome.changed:
        typer.echo(pick({"zh": "内容没有变化，{dest} 仍指向版本 {v}。", "en": "No change; {dest} still serves version {v}."},
                        dest=dest, v=outcome.version))
        return
    typer.echo(pick({"zh": "已发布：{dest} 现在指向版本 {v}{prev}。", "en": "Published: {dest} now serves version {v}{prev}."},
                    dest=dest, v=outcome.version,
                    prev=pick({"zh": "（上一版本 {p}，可用 akq publish --rollback 回退）",
                               "en": " (previous {p}; akq publish --rollback restores it)"}, p=outcome.previous)
                    if outcome.previous else ""))
    if outcome.removed:
        typer.echo(pick({"zh": "删除了较旧的版本：{v}", "en": "Removed older versions: {v}"}, v=", ".join(outcome.removed)))
