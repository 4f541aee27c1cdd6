"""`akq fmt` over files: which files, the safe fixes then the canonical layout, and what to tell the user.

The punctuation fixes are value changes, so they go through the round trip
(akq_cli.lint.fixes -> akq_cli.fmt.roundtrip) like every other edit; the
layout (akq_cli.fmt.layout) then only moves keys and normalises the text.
"""

from __future__ import annotations

import difflib
import multiprocessing
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from akq_cli.core.files import atomic_write_text
from akq_cli.core.i18n import lang, pick, set_lang, t
from akq_cli.core.loader import Document, read_document
from akq_cli.core.paths import display_path
from akq_cli.core.state import (
    CatalogError,
    NotRegularFile,
    TooLarge,
    expand,
    find_root,
    is_plan_name,
    problem_document,
    read_regular,
)
from akq_cli.fmt.layout import FormatError, check_usable, format_document, schema_for
from akq_cli.lint.config import ConfigError, find_config, load_config
from akq_cli.lint.fixes import fix_document

PARALLEL_MIN_FILES = 200  # below this a process pool costs more than it saves


def canonical_text(doc: Document, config: Any = None) -> str:
    """What `akq fmt` writes for ``doc``: safe punctuation fixes, then the canonical layout."""
    check_usable(doc)
    try:
        text, count = fix_document(doc, config)
    except ValueError:
        # A fix that cannot be applied safely is left for `akq lint --fix` to report; the layout goes on.
        text, count = doc.text, 0
    if count and text != doc.text:
        doc = read_document(doc.path, text.encode("utf-8"))
    return format_document(doc, schema_for(doc.path))


@dataclass
class Outcome:
    """What `akq fmt` found for one file: its old and new text, or why it cannot be formatted."""

    path: Path
    old: str = ""
    new: str = ""
    changed: bool = False
    error: str | None = None


def format_file(path: Path, config: Any = None) -> Outcome:
    try:
        data = read_regular(path)
        doc = read_document(path, data)
    except (NotRegularFile, TooLarge) as exc:  # check_usable below says why, as lint does
        data, doc = b"", problem_document(display_path(path), exc)
    except OSError as exc:
        return Outcome(path, error=t("unreadable", path=display_path(path), error=exc.strerror or str(exc)))
    try:
        new = canonical_text(doc, config)
    except FormatError as exc:
        return Outcome(path, error=f"{display_path(path)}:{exc.line}:{exc.column}: {exc.message()}")
    return Outcome(path, doc.text, new, new.encode("utf-8") != data)


_pool_config: Any = None


def _init(config: Any, language: str) -> None:
    global _pool_config
    _pool_config = config
    set_lang(language)


def _work(path: Path) -> Outcome:
    return format_file(path, _pool_config)


def format_files(paths: list[Path], config: Any = None, jobs: int = 1) -> list[Outcome]:
    """``format_file`` for many files, in worker processes when there are many."""
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        return [format_file(p, config) for p in paths]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    try:
        with ctx.Pool(jobs, initializer=_init, initargs=(config, lang())) as pool:
            return pool.map(_work, paths, chunksize=max(16, len(paths) // (jobs * 8)))
    except OSError:  # no processes to be had: do the work here
        return [format_file(p, config) for p in paths]


def targets(paths: list[Path] | None) -> list[Path]:
    """The files to format: item files, plus catalog.yaml, departments.yaml and the inspection plans of a whole catalog."""
    if not paths:
        root = find_root(Path.cwd())
        if root is None:
            raise CatalogError("no-catalog")
        paths = [root]
    files: list[Path] = []
    for p in paths:
        if p.is_dir() and (p / "catalog" / "catalog.yaml").is_file():
            p = p / "catalog"
        if p.is_dir() and (p / "catalog.yaml").is_file():
            files.extend(f for f in (p / "catalog.yaml", p / "departments.yaml") if f.is_file())
            files.extend(sorted(f for f in p.glob("plans/*/*.y*ml") if is_plan_name(f.as_posix())))
        names, refused = expand([p])
        files.extend(Path(n) for n in sorted([*names, *refused], key=lambda n: n.split("/")))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


def run(paths: list[Path] | None, *, check: bool, diff: bool, jobs: int | None) -> int:
    """`akq fmt`: format (or with ``check``/``diff`` only report) the files; the exit code."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def fail(message: str) -> int:
        err.print(f"[bold red]akq fmt:[/] {message}")
        return 2

    try:
        files = targets(paths)
        start = paths[0] if paths else Path.cwd()
        config = load_config(find_config(find_root(start) or start))
    except CatalogError as exc:
        return fail(exc.message())
    except ConfigError as exc:
        return fail(f"{exc.path}:{exc.line}:{exc.column}: {exc.detail}")

    outcomes = format_files(files, config, jobs or os.cpu_count() or 1)
    problems = [o.error for o in outcomes if o.error]
    changes = [(o.path, o.old, o.new) for o in outcomes if o.changed and not o.error]

    if problems:
        for p in problems:
            err.print(f"[bold red]akq fmt:[/] {p}")
        return fail(
            pick(
                {
                    "zh": f"{len(problems)} 个文件无法排版，所有文件都未修改。请先修正上面的问题（可运行 akq lint 查看详情）。",
                    "en": f"{len(problems)} file(s) cannot be formatted; no file was changed. Fix the problems above first "
                    "(akq lint shows details).",
                }
            )
        )

    # --diff only shows what would change (as ruff and black do): nothing is written.
    check = check or diff
    out = Console(highlight=False, soft_wrap=True)
    for path, old, new in changes:
        name = display_path(path)
        if diff:
            sys.stdout.write(
                "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{name}", f"b/{name}"))
            )
        elif check:
            out.print(name)
        else:
            atomic_write_text(path, new)
            out.print(pick({"zh": f"已排版：{name}", "en": f"formatted: {name}"}))
    err.print(_summary(len(changes), len(files), check))
    return 1 if check and changes else 0


def _summary(n: int, total: int, check: bool) -> str:
    if check:
        return pick(
            {
                "zh": f"{n} 个文件需要排版（共检查 {total} 个）。运行 akq fmt 即可自动排版。"
                if n
                else f"全部 {total} 个文件格式正确。",
                "en": f"{n} of {total} file(s) would be reformatted. Run akq fmt to fix."
                if n
                else f"All {total} file(s) are formatted.",
            }
        )
    return pick(
        {
            "zh": f"排版了 {n} 个文件，{total - n} 个文件无需修改。",
            "en": f"{n} file(s) formatted, {total - n} unchanged.",
        }
    )
