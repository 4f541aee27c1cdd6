"""`akq render`: write the commitment form (告知承诺书) of each item as Word and PDF files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import catalog_option, jobs_option, output_option
from akq_cli.core.i18n import both

HELP = both("生成告知承诺书（Word 文档，可选 PDF）。", "Render commitment forms as Word documents (and PDF).")

HANDFUL = 5  # more items than this get a progress bar


def _formats(value: str) -> list[str] | None:
    chosen = [v.strip().lower() for v in value.split(",") if v.strip()]
    if not chosen or any(v not in ("docx", "pdf") for v in chosen):
        return None
    return [f for f in ("docx", "pdf") if f in chosen]


def render(
    targets: Optional[list[str]] = typer.Argument(
        None,
        metavar=both("事项...", "ITEMS..."),
        help=both(
            "事项编号（如 SFJ-ZM-001）或事项文件、目录；默认为所有已公布（published）的事项。",
            "Item ids, files or folders; default: every published item.",
        ),
    ),
    out: Path = output_option("输出目录（不能在目录清单 catalog/ 之内）。", "Output folder (not inside the catalog).", required=True),
    format: str = typer.Option(
        "docx", "--format", "-f",
        help=both("docx、pdf 或 docx,pdf（PDF 需要 LibreOffice）。", "docx, pdf or docx,pdf (PDF needs LibreOffice)."),
    ),
    jobs: Optional[int] = jobs_option(),
    force: bool = typer.Option(
        False, "--force", help=both("事项有 lint 错误时也生成。", "Render items with lint errors too.")
    ),
    catalog_dir: Optional[Path] = catalog_option(),
) -> None:
    """Render commitment forms (user-facing text: HELP)."""
    import time

    from rich.console import Console

    from akq_cli.core import files, vocab
    from akq_cli.core.i18n import t
    from akq_cli.core.paths import display_path, is_within
    from akq_cli.core.state import CatalogError
    from akq_cli.lint.config import ConfigError, find_config, load_config
    from akq_cli.render import jobs as J
    from akq_cli.render.layout import TemplateError
    from akq_cli.render.messages import m

    err = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
    started = time.perf_counter()

    def fail(message: str) -> None:
        err.print(f"[bold red]akq render:[/] {message}", markup=True)
        raise typer.Exit(2)

    formats = _formats(format)
    if formats is None:
        fail(t("bad-option", detail=m("bad-format", value=format)))
        return
    n_jobs = jobs or J.default_jobs()
    if out.exists() and not out.is_dir():
        fail(m("out-not-dir", path=out))
    soffice = None
    if "pdf" in formats:
        from akq_cli.render.pdf import find_soffice

        soffice = find_soffice()
        if soffice is None:
            fail(m("no-soffice"))

    try:
        catalog = J.load_for(list(targets or []), catalog_dir)
        items = J.select(catalog, list(targets or []))
        config = load_config(find_config(catalog.root))
    except CatalogError as exc:
        fail(exc.message())
        return
    except J.TargetError as exc:
        fail(str(exc))
        return
    except ConfigError as exc:
        fail(f"{exc.path}:{exc.line}:{exc.column}: {exc.detail}")
        return
    if is_within(out, catalog.root):
        fail(t("output-in-catalog", path=display_path(out), catalog=display_path(catalog.root)))
    items, stopped = J.without_stopped(items)
    for item in stopped:
        status = vocab.STATUS[item.data["status"]]
        err.print(m("stopped", id=item.id, status=status["zh"], status_en=status["en"], since=item.data.get("status_since") or "?"))
    if not items:
        if not stopped:
            err.print(m("no-published"))
        return

    failed: list[str] = []
    tasks = J.plan(catalog, items, J.problems(catalog, items, config, n_jobs))
    ready: list[J.Task] = []
    names: dict[str, str] = {}
    for task in tasks:
        if task.name in names:
            err.print(m("duplicate-output", id=task.id, other=names[task.name], name=task.name))
            failed.append(task.id)
            continue
        names[task.name] = task.id
        ready.append(task)

    try:
        scratch_dir = files.scratch_dir(out, "render")
    except OSError as exc:
        fail(m("out-unwritable", path=out, error=files.reason(exc)))
        return
    with scratch_dir as scratch:
        docx_dir = out if "docx" in formats else Path(scratch)
        try:
            state = J.prepare_state(catalog, ready, docx_dir, force=force)
        except TemplateError as exc:
            fail(m("template-error", error=exc))
            return
        with _progress(err, len(ready), m("progress")) as advance:
            results = J.render_all(ready, state, n_jobs, advance)
        written = []
        for task in ready:
            outcome = results[task.name]
            if outcome.problems:
                key = ("forced-lint" if outcome.written else "refused-lint") if task.data else "unreadable-item"
                err.print(m(key, id=task.id, count=len(outcome.problems), file=task.file))
                for line in outcome.problems:
                    err.print(f"  {line}")
            if outcome.error:
                err.print(m("render-failed", id=task.id, error=outcome.error))
            if outcome.written:
                written.append(task)
            else:
                failed.append(task.id)
        pdf_count = 0
        if soffice is not None and written:
            pdf_failed = _to_pdf(err, soffice, written, docx_dir, out, Path(scratch), n_jobs)
            failed.extend(pdf_failed)
            pdf_count = len(written) - len(pdf_failed)

    counts = []
    if "docx" in formats:
        counts.append(f"DOCX {len(written)}")
    if "pdf" in formats:
        counts.append(f"PDF {pdf_count}")
    done = len(written) if "docx" in formats else pdf_count
    summary = m(
        "summary",
        done=done,
        formats="，".join(counts),
        out=str(out),
        seconds=f"{time.perf_counter() - started:.1f}",
    )
    if failed:
        err.print(summary + m("summary-failed", failed=len(set(failed))))
        raise typer.Exit(1)
    err.print(summary)


def _progress(console, total: int, label: str):  # type: ignore[no-untyped-def]
    """A rich progress bar for more than a handful of items; a no-op context otherwise."""
    from contextlib import contextmanager

    @contextmanager
    def quiet():  # type: ignore[no-untyped-def]
        yield lambda n: None

    if total <= HANDFUL:
        return quiet()

    @contextmanager
    def bar():  # type: ignore[no-untyped-def]
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as progress:
            task_id = progress.add_task(label, total=total)
            yield lambda n: progress.advance(task_id, n)

    return bar()


def _to_pdf(err, soffice: str, written, docx_dir: Path, out: Path, scratch: Path, n_jobs: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Convert in one batch per job, in parallel; move each PDF into place atomically. Returns failed ids."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from akq_cli.render.messages import m
    from akq_cli.render.pdf import PdfError, convert

    batches = [written[i::n_jobs] for i in range(min(n_jobs, len(written)))]
    failed: list[str] = []

    def run(index: int, batch):  # type: ignore[no-untyped-def]
        target = scratch / f"pdf-{index}"
        files = [docx_dir / f"{t.name}.docx" for t in batch]
        try:
            return batch, convert(soffice, files, target), None
        except PdfError as exc:
            return batch, {}, str(exc)

    with _progress(err, len(written), m("progress-pdf")) as advance, ThreadPoolExecutor(len(batches)) as pool:
        for batch, produced, error in pool.map(lambda a: run(*a), enumerate(batches)):
            for task in batch:
                pdf = produced.get(docx_dir / f"{task.name}.docx")
                if pdf is None:
                    err.print(m("pdf-failed", id=task.id, error=error or "?"))
                    failed.append(task.id)
                else:
                    os.replace(pdf, out / f"{task.name}.pdf")
            advance(len(batch))
    return failed
