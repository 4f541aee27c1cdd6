"""Choosing the items to render, checking them, and rendering them in parallel.

Separate from the command so that the benchmark and the tests drive the same
code the user does.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core import vocab
from akq_cli.core.catalog import Catalog, Item, load_catalog
from akq_cli.core.paths import display_path as display
from akq_cli.core.state import CatalogError, expand, find_root
from akq_cli.lint.config import LintConfig
from akq_cli.lint.engine import run
from akq_cli.render.messages import m

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
CHUNK = 16  # items per task sent to a worker: fewer round trips, still a smooth progress bar


class TargetError(Exception):
    """An id or path on the command line that names nothing (exit code 2)."""


@dataclass
class Task:
    """One form to write: everything a worker process needs, and nothing it must look up."""

    id: str
    file: str  # the item file as the user sees it
    data: dict[str, Any]
    name: str  # output file stem, safe as a file name
    problems: list[str] = field(default_factory=list)  # lint errors and broken references, one line each


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def output_name(item_id: str, path: Path) -> str:
    """The output file stem: the id when it is a plain file name, else a sanitised form of it.

    An id such as ``../../x`` passes lint only with --force; even then it must not
    steer the output outside -o DIR.
    """
    if SAFE_NAME.match(item_id) and ".." not in item_id:
        return item_id
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", item_id).strip("._")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    return cleaned or re.sub(r"[^A-Za-z0-9._-]+", "_", path.stem).strip("._") or "item"


def load_for(targets: list[str], catalog: Path | None = None) -> Catalog:
    """The catalog named by --catalog, else that of the first existing path, else the current directory's."""
    start = catalog or next((Path(t) for t in targets if Path(t).exists()), Path.cwd())
    root = find_root(start)
    if root is None:
        raise CatalogError("no-catalog")
    return load_catalog(root)


def select(catalog: Catalog, targets: list[str]) -> list[Item]:
    """Items named by id or path, in the order given; no targets: every published item."""
    if not targets:
        return [item for item in catalog.items if item.data.get("status") == "published"]
    by_path = {item.path.resolve(): item for item in catalog.items}
    by_id = catalog.by_id()
    chosen: dict[Path, Item] = {}
    for target in targets:
        path = Path(target)
        if path.exists() or path.is_symlink():
            names, refused = expand([path])
            for name in sorted([*names, *refused], key=lambda n: n.split("/")):
                key = Path(name).resolve() if name not in refused else Path(os.path.abspath(name))
                if key not in chosen:
                    chosen[key] = by_path.get(key) or _outside(catalog, name, refused)
        elif target in by_id:
            item = by_id[target]
            chosen.setdefault(item.path.resolve(), item)
        else:
            raise TargetError(m("unknown-target", target=target))
    return list(chosen.values())


def without_stopped(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """(items to render, withdrawn or suspended items named on the command line): a stopped item makes no form,
    since a printed form would offer a commitment that is no longer accepted."""
    keep, stopped = [], []
    for item in items:
        (stopped if item.readable and item.data.get("status") in vocab.STOPPED else keep).append(item)
    return keep, stopped


def _outside(catalog: Catalog, name: str, refused: dict[str, str]) -> Item:
    """An item file named on the command line that the catalog's listing does not hold."""
    assert catalog.state is not None
    catalog.state.refused.update(refused)  # what expand found is not to be opened either
    return Item(Path(name), catalog.state.document(name))


def problems(catalog: Catalog, items: list[Item], config: LintConfig, jobs: int) -> dict[str, list[str]]:
    """The items' error-severity lint findings, catalog rules (reference, duplicate) included, by shown file.

    One `file:line:column: [rule] message` line each: the same findings `akq lint` reports.
    """
    assert catalog.state is not None
    report = run(catalog.state, config, [str(item.path) for item in items], meta=False, display=display_str, jobs=jobs)
    out: dict[str, list[str]] = {}
    for f in report.findings:
        if f.severity == "error":
            out.setdefault(f.file, []).append(f"{f.file}:{f.line}:{f.column}: [{f.rule}] {f.message}")
    return out


def display_str(name: str) -> str:
    return display(Path(name))


def plan(catalog: Catalog, items: list[Item], found: dict[str, list[str]] | None = None) -> list[Task]:
    """A task per item, with its lint errors (``found``, from ``problems``)."""
    tasks = []
    for item in items:
        file = display(item.path)
        data = item.data if item.readable else {}
        tasks.append(Task(item.id, file, data, output_name(item.id, item.path), list((found or {}).get(file, []))))
    return tasks


def folded_items(catalog: Catalog, tasks: list[Task]) -> dict[str, dict[str, Any]]:
    """The certification items that the tasks' licenses fold in, by id."""
    by_id = catalog.by_id()
    wanted = {ref for t in tasks for ref in t.data.get("certifications") or [] if isinstance(ref, str)}
    return {ref: by_id[ref].data for ref in sorted(wanted) if ref in by_id}


# --- rendering, in worker processes -------------------------------------------------------------

_STATE: dict[str, Any] = {}


def init_worker(state: dict[str, Any]) -> None:
    _STATE.clear()
    _STATE.update(state)


def prepare_state(
    catalog: Catalog,
    tasks: list[Task],
    out_dir: Path,
    *,
    force: bool = False,
) -> dict[str, Any]:
    """Everything the workers share, built once: templates, styled base document, catalog parts."""
    from akq_cli.render import qr
    from akq_cli.render.docx_style import base_document
    from akq_cli.render.docx_writer import FormPackage
    from akq_cli.render.forms import FormContext
    from akq_cli.render.layout import load_layout
    from akq_cli.render.wording import load_wording

    layout = load_layout()
    by_id = catalog.by_id()
    task_paths = {t.id: by_id[t.id].path for t in tasks if t.id in by_id}
    return {
        "wording": load_wording(),
        "package": FormPackage(base_document(layout), layout),
        "context": FormContext(
            catalog.meta, catalog.departments, folded_items(catalog, tasks), qr.versions(catalog.root, task_paths)
        ),
        "out_dir": out_dir,
        "force": force,
    }


@dataclass
class Outcome:
    name: str
    problems: list[str]  # lint errors and broken references
    written: bool
    error: str | None = None  # why rendering failed, when it did


def render_one(task: Task) -> Outcome:
    """Write one DOCX unless its lint errors refuse it. Never raises."""
    from akq_cli.core.files import WriteError, atomic_write_bytes
    from akq_cli.render.forms import build_form

    problems = list(task.problems)
    try:
        if not task.data or (problems and not _STATE["force"]):
            return Outcome(task.name, problems, False)
        out_dir: Path = _STATE["out_dir"]
        target = out_dir / f"{task.name}.docx"
        if target.resolve().parent != out_dir.resolve():  # belt and braces over output_name
            raise ValueError(f"unsafe output name {task.name!r}")
        form = build_form(task.data, _STATE["context"], _STATE["wording"])
        atomic_write_bytes(target, _STATE["package"].render(form))
        return Outcome(task.name, problems, True)
    except Exception as exc:  # a bad item must not stop the other 999
        error = exc.message() if isinstance(exc, WriteError) else f"{type(exc).__name__}: {exc}"
        return Outcome(task.name, problems, False, error)


def _render_chunk(tasks: list[Task]) -> list[Outcome]:
    return [render_one(t) for t in tasks]


def render_all(
    tasks: list[Task], state: dict[str, Any], jobs: int, on_done: Callable[[int], None] = lambda n: None
) -> dict[str, Outcome]:
    """Render every task, in ``jobs`` processes when that pays; output name -> outcome."""
    results: dict[str, Outcome] = {}
    if jobs <= 1 or len(tasks) <= CHUNK:
        init_worker(state)
        for task in tasks:
            outcome = render_one(task)
            results[outcome.name] = outcome
            on_done(1)
        return results
    import multiprocessing

    # fork hands the workers the parsed items and the base document without pickling them.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=init_worker, initargs=(state,)) as pool:
        for outcomes in pool.map(_render_chunk, list(_chunks(tasks, CHUNK))):
            for outcome in outcomes:
                results[outcome.name] = outcome
            on_done(len(outcomes))
    return results


def _chunks(tasks: list[Task], size: int) -> Iterator[list[Task]]:
    for start in range(0, len(tasks), size):
        yield tasks[start : start + size]
