"""`akq export`: build the public catalog site (pages, search, open data, changes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from akq_cli.commands.options import catalog_option, output_option
from akq_cli.core.i18n import both

HELP = both(
    "生成公开目录网站：事项清单、事项页面、搜索、开放数据和调整记录。",
    "Build the public catalog site: item list, item pages, search, open data and change log.",
)


def export(
    catalog_arg: Optional[Path] = typer.Argument(None, hidden=True),  # the old spelling of --catalog
    output: Path = output_option(
        "网站输出目录（空目录或以前的输出目录）。", "Output folder (empty, or a previous export).", required=True
    ),
    forms: Optional[Path] = typer.Option(
        None,
        "--forms",
        help=both(
            "akq render 生成告知承诺书的目录（<编号>.docx、<编号>.pdf），复制到网站的 forms/ 下并在每个事项上链接。",
            "Folder of rendered forms (<id>.docx, <id>.pdf) to copy into forms/ and link from each item.",
        ),
    ),
    force: bool = typer.Option(
        False, "--force",
        help=both("输出目录不是空目录、也不是以前的输出时仍然写入。", "Write into a non-empty folder that is not a previous export."),
    ),
    archive: Optional[Path] = typer.Option(
        None, "--archive", metavar=both("文件.zip", "FILE.zip"),
        help=both(
            "另外把网站打成一个 zip，供上传到集约化平台或 CMS；内含 SHA256SUMS（每个文件的 SHA-256），同一提交每次生成的字节相同。",
            "Also pack the site into one zip for upload to a shared platform or CMS, with SHA256SUMS (each file's SHA-256) "
            "inside; the same commit always gives the same bytes.",
        ),
    ),
    catalog: Optional[Path] = catalog_option(),
) -> None:
    """Build the public site (user-facing text: HELP)."""
    from akq_cli.core.collector import leave_when_done, paused
    from akq_cli.core.files import WriteError, atomic_write_bytes
    from akq_cli.core.i18n import lang, pick, t
    from akq_cli.core.paths import display_path, is_within
    from akq_cli.core.state import CatalogError, find_root
    from akq_cli.site.gitinfo import EarlyLog, git_info
    from akq_cli.site.writer import ExportRefused, SiteWriter, Stats

    def err() -> Any:
        """rich, imported only to say something: 30 ms of every export's start otherwise."""
        from rich.console import Console

        return Console(stderr=True, highlight=False)

    leave_when_done()  # what the export built is not freed object by object at the end

    def fail(message: str) -> None:
        err().print(f"[bold red]akq export:[/] {message}", soft_wrap=True)
        raise typer.Exit(2)

    start = catalog or catalog_arg or Path.cwd()
    if not start.exists():
        fail(t("path-missing", path=str(start)))
    root = find_root(start)
    if root is None:
        fail(t("no-catalog"))
        return
    if is_within(output, root):
        fail(t("output-in-catalog", path=display_path(output), catalog=display_path(root)))
    if archive is not None and (is_within(archive, output) or is_within(archive, root)):
        # Inside -o it would be swept away (or packed into the next archive); inside the catalog, committed.
        fail(pick({"zh": "zip 文件 {a} 不能放在网站输出目录或目录清单之内，请换一个位置。",
                   "en": "the zip {a} must not be inside the output folder or the catalog; choose another place."},
                  a=display_path(archive)))
    if forms is not None and not forms.is_dir():
        fail(pick({"zh": "告知承诺书目录不存在：{p}。请先运行 akq render -o {p}，或去掉 --forms。",
                   "en": "No such forms folder: {p}. Run akq render -o {p} first, or leave out --forms."}, p=str(forms)))
    # The change log's git log starts now, at the lowest priority, on the core the export leaves idle
    # while it starts and between reading the items and building the pages.
    log = EarlyLog(root)
    from akq_cli.core.catalog import load_catalog
    from akq_cli.site.archive import site_zip
    from akq_cli.site.fingerprint import export_key
    from akq_cli.site.sources import read_digests, read_sources

    try:
        with paused():  # see core.collector: a quarter of a large export's CPU time
            writer = SiteWriter(output, force=force)
            catalog_ = load_catalog(start, with_items=False)
            facts = git_info(catalog_.root)
            # Only a finished export can be reused: otherwise the key is made after reading the items,
            # from the digests that reading took (every item file read once, not twice).
            summary = writer.reuse(export_key(catalog_.root, forms, *facts[:2])) if writer.finished else None
            if summary is not None:  # nothing the site is made from changed, and every file is intact
                stats = Stats(unchanged=len(writer.marker["files"]))
                files = writer.read_back() if archive is not None else {}
            else:
                sources = read_sources(catalog_, meanwhile=_prepare_build)
                from akq_cli.site.build import build_site  # imported by _prepare_build
                key = export_key(catalog_.root, forms, *facts[:2], known=read_digests(catalog_, sources))
                # With --archive every byte is kept for the zip; without, pages go to disk as they are made.
                build = build_site(catalog_, forms, sources=sources, facts=facts,
                                   out=None if archive is not None else writer, log=log)
                summary = {"items": len(build.model.entries), "warnings": build.warnings}
                files = build.files
                writer.plan(files)
                stats = writer.finish({**build.written, **writer.put(files)}, key, summary)
            if archive is not None:
                atomic_write_bytes(archive, site_zip(files))
    except CatalogError as exc:
        fail(exc.message())
        return
    except ExportRefused as exc:
        fail(exc.texts[lang()] if lang() in exc.texts else exc.texts["zh"])
        return
    except WriteError as exc:
        fail(exc.message())
        return
    except OSError as exc:
        fail(t("unreadable", path=str(exc.filename or output), error=exc.strerror or str(exc)))
        return
    finally:
        log.stop()  # reused, or stopped by an error: git is not left running

    for w in summary["warnings"]:
        where = f"{w['path']}: " if "path" in w else ""
        err().print(f"[yellow]{pick({'zh': '警告', 'en': 'warning'})}:[/] {where}{pick(w)}", soft_wrap=True)
    n = summary["items"]
    index = (output / "index.html").resolve()
    typer.echo(pick(
        {
            "zh": "已生成公开目录网站：{index}\n共 {n} 项已公布事项，{files} 个文件（写入 {w} 个，未变 {u} 个，删除 {r} 个）。",
            "en": "Built the public catalog site: {index}\n{n} published items, {files} files ({w} written, {u} unchanged, {r} removed).",
        },
        index=index, n=n, files=stats.written + stats.unchanged, w=stats.written, u=stats.unchanged, r=stats.removed,
    ))
    if archive is not None:
        typer.echo(pick({"zh": "已打包供上传：{a}（内含 SHA256SUMS）", "en": "Packed for upload: {a} (with SHA256SUMS)"},
                        a=display_path(archive)))


def _prepare_build() -> None:
    """Import the site builder and compile its templates while a helper reads item files (0.3 s that would
    otherwise leave a core idle before the build starts)."""
    from akq_cli.site.build import prepare

    prepare()
