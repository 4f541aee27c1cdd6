"""`akq publish`: put a built site into place atomically, roll back along what was served, list the history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from akq_cli.commands.options import catalog_option
from akq_cli.core.i18n import both, pick

if TYPE_CHECKING:
    from akq_cli.site.publish import Served, Store

HELP = both(
    "原子地发布网站：新版本写入网站目录以外的版本库，一次改名切换；--rollback 退回上一次提供服务的版本，--list 列出发布记录。",
    "Publish a built site atomically: the new version goes into a store outside the web root and is switched by one "
    "rename; --rollback returns to what was served before, --list shows the history.",
)


def publish(
    src: Optional[Path] = typer.Argument(None, metavar=both("网站目录", "SRC"), help=both("akq export 生成的网站目录。", "The built site (akq export -o SRC).")),
    dest: Optional[Path] = typer.Argument(None, metavar=both("发布路径", "DEST"), help=both("网站服务器提供的路径（由 akq publish 管理的符号链接）。", "The served path (a symlink akq publish manages).")),
    rollback: Optional[Path] = typer.Option(
        None, "--rollback", metavar=both("发布路径", "DEST"),
        help=both("把发布路径切回上一次提供服务的版本（可连续回退）。", "Switch DEST back to what it served before (repeatable)."),
    ),
    list_: Optional[Path] = typer.Option(
        None, "--list", metavar=both("发布路径", "DEST"),
        help=both("列出发布记录：版本、内容摘要、发布时间、当前提供服务的版本。", "Show the history: version, content hash, when published, which is served."),
    ),
    store: Optional[Path] = typer.Option(
        None, "--store", metavar=both("目录", "DIR"),
        help=both(
            "版本库目录，必须在网站目录以外；默认取 catalog.yaml 的 `publish.store`，没有时为 ~/.local/share/akq/publish/<发布路径的摘要>。",
            "Version store, outside the web root; default: publish.store in catalog.yaml, else ~/.local/share/akq/publish/<hash of DEST>.",
        ),
    ),
    keep: int = typer.Option(5, "--keep", min=1, help=both("保留的发布记录数（含当前）。", "How many served versions to keep, the current one included.")),
    catalog: Optional[Path] = catalog_option(),
) -> None:
    """Publish a built site (user-facing text: HELP)."""
    from rich.console import Console

    from akq_cli.core.i18n import lang
    from akq_cli.site import publish as pub

    err = Console(stderr=True, highlight=False)

    def fail(texts: dict[str, str]) -> None:
        err.print(f"[bold red]akq publish:[/] {texts.get(lang(), texts['zh'])}", soft_wrap=True, markup=True)
        raise typer.Exit(2)

    usage = {"zh": "用法：akq publish SRC DEST，akq publish --rollback DEST，或 akq publish --list DEST。",
             "en": "usage: akq publish SRC DEST, akq publish --rollback DEST, or akq publish --list DEST."}
    modes = [rollback is not None, list_ is not None, src is not None or dest is not None]
    if sum(modes) != 1 or (modes[2] and (src is None or dest is None)):
        fail(usage)
    try:
        store = store or _configured_store(catalog)
        if list_ is not None:
            _print_list(*pub.listing(list_, store=store))
            return
        if rollback is not None:
            outcome = pub.rollback(rollback, store=store, keep=keep)
            typer.echo(pick({"zh": "已回退：{dest} 现在指向版本 {v}（原为 {p}）。",
                             "en": "Rolled back: {dest} now serves version {v} (was {p})."},
                            dest=rollback, v=outcome.version, p=outcome.previous))
            _print_removed(outcome.removed)
            return
        assert src is not None and dest is not None
        outcome = pub.publish(src, dest, store=store, keep=keep)
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
    _print_removed(outcome.removed)


def _configured_store(catalog: Optional[Path]) -> Optional[Path]:
    """publish.store from catalog.yaml when a catalog is found (publish may also run on a server without one)."""
    from akq_cli.core.catalog import load_catalog
    from akq_cli.core.state import CatalogError, find_root
    from akq_cli.site.publish import PublishError

    start = catalog or Path.cwd()
    if find_root(start) is None:
        if catalog is not None:
            raise PublishError({"zh": f"{catalog} 中没有找到目录清单（catalog.yaml）。",
                                "en": f"no catalog (catalog.yaml) found in {catalog}."})
        return None
    try:
        meta = load_catalog(start, with_items=False).meta
    except CatalogError as exc:
        raise PublishError({"zh": exc.message(), "en": exc.message()}) from exc
    section = meta.get("publish")
    value = section.get("store") if isinstance(section, dict) else None
    if value is None:
        return None
    path = Path(str(value)).expanduser()
    if not path.is_absolute():
        raise PublishError({
            "zh": f"catalog.yaml 的 publish.store 必须是绝对路径（以 / 或 ~ 开头），现在是 {value}。",
            "en": f"publish.store in catalog.yaml must be an absolute path (starting with / or ~), not {value}.",
        })
    return path


def _print_list(store: Store, history: list[Served], serving: Optional[str]) -> None:
    typer.echo(pick({"zh": "版本库：{s}", "en": "Store: {s}"}, s=store.root))
    if not history:
        typer.echo(pick({"zh": "还没有发布记录。", "en": "Nothing published yet."}))
        return
    typer.echo(pick({"zh": "版本    内容摘要      发布时间（UTC）             状态", "en": "version hash          published (UTC)            state"}))
    for entry in reversed(history):
        state = pick({"zh": "正在提供服务", "en": "served"}) if entry.version == serving else ""
        typer.echo(f"{entry.version[:6]}  {entry.digest}  {entry.published:<25}  {state}".rstrip())


def _print_removed(removed: list[str]) -> None:
    if removed:
        typer.echo(pick({"zh": "删除了不再保留的版本：{v}", "en": "Removed versions no longer kept: {v}"}, v=", ".join(removed)))
