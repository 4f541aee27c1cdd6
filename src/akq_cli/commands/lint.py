"""`akq lint`: check items against the schema and the policy's wording rules."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

FAIL_ON = ("error", "warning", "info")
# Loading and rewriting the cache of a 10,000-item catalog costs more than linting a few files
# afresh: a pre-commit run over the changed files goes without it.
CACHE_MIN_FILES = 10
MESSAGES = {
    "one-stdout": {
        "zh": "只能有一种格式输出到屏幕，其余请用“格式=文件名”写到文件，例如 --format text --format sarif=akq.sarif",
        "en": "only one format can go to the terminal; write the others to files, e.g. --format text --format sarif=akq.sarif",
    },
    "unknown-rule": {"zh": "没有规则“{rule}”。可用的规则：{known}", "en": "no rule '{rule}'. Known rules: {known}"},
    "unwritable": {"zh": "无法写入 {path}：{error}", "en": "cannot write {path}: {error}"},
}


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.replace("，", ",").split(",") if v.strip()]


def _default_jobs() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="要检查的事项文件或目录；默认为当前仓库的整个目录清单。Files or folders; default: the whole catalog."
    ),
    format: Optional[list[str]] = typer.Option(
        None,
        "--format",
        "-f",
        help="输出格式，可多次指定；“格式=文件名”写到文件：text（默认）、json、sarif、github、gitlab、junit。"
        "Output format, repeatable; FORMAT=FILE writes to a file.",
    ),
    fail_on: str = typer.Option(
        "error", "--fail-on", help="出现此级别及以上的问题时退出码为 1：error、warning、info。Exit 1 at this severity."
    ),
    select: Optional[list[str]] = typer.Option(None, "--select", help="只运行这些规则（逗号分隔）。Only these rules."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="不运行这些规则（逗号分隔）。Skip these rules."),
    no_cache: bool = typer.Option(False, "--no-cache", help="不使用缓存（.akq_cache/），全部重新检查。Bypass the cache."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="并行进程数，默认为全部 CPU 核心。Worker processes (default: all cores)."
    ),
    fix: bool = typer.Option(
        False, "--fix", help="先自动修正不改变含义的问题（半角标点、文号括号），再检查。Apply meaning-preserving fixes first."
    ),
) -> None:
    """检查事项是否符合格式和工作方案的表述要求。Lint catalog items."""
    from akq_cli.core.catalog import CatalogError, find_root, item_files, load_catalog
    from akq_cli.core.i18n import lang, pick, t
    from akq_cli.lint.config import ConfigError, find_config, load_config
    from akq_cli.lint.engine import lint_paths
    from akq_cli.lint.findings import Severity
    from akq_cli.lint.formats import FORMATS, tolerate_console_encoding, write_outputs
    from akq_cli.lint.registry import all_rules

    tolerate_console_encoding()

    def fail(message: str) -> None:
        from rich.console import Console
        from rich.markup import escape

        # escape: messages quote TOML tables such as [lint.severity], which are not rich markup
        Console(stderr=True, highlight=False).print(f"[bold red]akq lint:[/] {escape(message)}")
        raise typer.Exit(2)

    outputs: list[tuple[str, Path | None]] = []
    for spec in format or ["text"]:
        name, _, target = spec.partition("=")
        if name not in FORMATS:
            fail(t("bad-option", detail=f"--format {name}（{', '.join(FORMATS)}）"))
        outputs.append((name, Path(target) if target else None))
    if sum(1 for _, target in outputs if target is None) > 1:
        fail(t("bad-option", detail="--format: " + pick(MESSAGES["one-stdout"])))
    if fail_on not in FAIL_ON:
        fail(t("bad-option", detail=f"--fail-on {fail_on}（{', '.join(FAIL_ON)}）"))
    known = set(all_rules())
    chosen_select, chosen_ignore = _split(select), _split(ignore)
    for rid in chosen_select + chosen_ignore:
        if rid not in known:
            fail(t("bad-option", detail=pick(MESSAGES["unknown-rule"], rule=rid, known=", ".join(sorted(known)))))

    whole = not paths
    try:
        if not paths:
            root = find_root(Path.cwd())
            if root is None:
                fail(t("no-catalog"))
                return
            paths = [root]
        # `akq lint .` in a catalog repository means its catalog, not every YAML file in the repository.
        paths = [p / "catalog" if p.is_dir() and (p / "catalog" / "catalog.yaml").is_file() else p for p in paths]
        whole = whole or any(p.is_dir() and (p / "catalog.yaml").is_file() for p in paths)
        files = item_files(list(paths))
        root = find_root(paths[0])
        config = load_config(find_config(root or paths[0]))
    except CatalogError as exc:
        fail(exc.message())
        return
    except ConfigError as exc:
        fail(exc.location() + exc.detail)
        return
    if chosen_select:
        config.select = frozenset(chosen_select)
    if chosen_ignore:
        config.ignore = config.ignore | frozenset(chosen_ignore)

    if fix:  # akq_cli.lint.fixes: only fixes that cannot change meaning, each file written atomically
        from akq_cli.lint.fixes import run_fix

        run_fix(files, config)

    departments: set[str] | None = None
    meta: list[tuple[Path, str]] = []
    if root is not None:
        try:
            departments = set(load_catalog(root, with_items=False).departments)
        except (CatalogError, OSError):
            departments = None
        if whole:
            meta = [(root / "catalog.yaml", "catalog")]
            if (root / "departments.yaml").is_file():
                meta.append((root / "departments.yaml", "departments"))

    cache = None
    if not no_cache and len(files) >= CACHE_MIN_FILES:
        from akq_cli.lint.cache import LintCache, cache_dir, namespace

        directory = cache_dir(root or paths[0])
        if directory is not None:
            cache = LintCache(directory, namespace(config.fingerprint(), lang()))
    report = lint_paths(files, config, departments, meta=meta, cache=cache, jobs=jobs or _default_jobs())  # type: ignore[arg-type]

    try:
        write_outputs(report, outputs)
    except OSError as exc:
        fail(pick(MESSAGES["unwritable"], path=str(exc.filename or ""), error=exc.strerror or str(exc)))
    if report.unreadable:
        raise typer.Exit(2)
    worst = report.worst()
    if worst is not None and worst >= Severity[fail_on]:
        raise typer.Exit(1)
