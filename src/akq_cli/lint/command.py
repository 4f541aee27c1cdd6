"""What `akq lint` does with its options: find the files, read the configuration, fix, run, write, exit code.

Imports beyond the engine happen where they are needed: `akq lint one-file.yaml`
runs in pre-commit hooks, and rich, the cache and the fixer cost start-up time
that a clean one-file run does not need.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from akq_cli.core.files import WriteError, reason
from akq_cli.core.i18n import lang, pick, t
from akq_cli.core.paths import relative_to
from akq_cli.core.state import CatalogError, DiskState, expand, find_root
from akq_cli.lint.config import ConfigError, LintConfig, find_config, load_config
from akq_cli.lint.engine import LintReport, run, with_register
from akq_cli.lint.findings import Severity
from akq_cli.lint.formats import FORMATS, tolerate_console_encoding, write_outputs
from akq_cli.lint.registry import all_rules

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
    "as-of": {
        "zh": "--as-of {value}：日期应写作 YYYY-MM-DD，例如 --as-of 2026-07-01",
        "en": "--as-of {value}: write the date as YYYY-MM-DD, e.g. --as-of 2026-07-01",
    },
}


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(t("bad-option", detail=pick(MESSAGES["as-of"], value=value))) from None


class UsageError(Exception):
    """A mistake in the command line or akq.toml: reported in one line, exit 2."""


def split_ids(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.replace("，", ",").split(",") if v.strip()]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_outputs(specs: list[str]) -> list[tuple[str, Path | None]]:
    outputs: list[tuple[str, Path | None]] = []
    for spec in specs:
        name, _, target = spec.partition("=")
        if name not in FORMATS:
            raise UsageError(t("bad-option", detail=f"--format {name}（{', '.join(FORMATS)}）"))
        outputs.append((name, Path(target) if target else None))
    if sum(1 for _, target in outputs if target is None) > 1:
        raise UsageError(t("bad-option", detail="--format: " + pick(MESSAGES["one-stdout"])))
    return outputs


def catalog_paths(paths: list[Path]) -> tuple[list[Path], Path | None, bool]:
    """(paths to lint, catalog folder or None, whether the whole catalog is linted)."""
    whole = not paths
    if not paths:
        root = find_root(Path.cwd())
        if root is None:
            raise UsageError(t("no-catalog"))
        paths = [root]
    # `akq lint .` in a catalog repository means its catalog, not every YAML file in the repository.
    paths = [p / "catalog" if p.is_dir() and (p / "catalog" / "catalog.yaml").is_file() else p for p in paths]
    whole = whole or any(p.is_dir() and (p / "catalog.yaml").is_file() for p in paths)
    return paths, find_root(paths[0]), whole


def lint_catalog(
    paths: list[Path],
    formats: list[str],
    fail_on: str,
    select: list[str] | None,
    ignore: list[str] | None,
    no_cache: bool,
    jobs: int | None,
    fix: bool,
    as_of: str | None = None,
) -> int:
    """Everything `akq lint` does; returns the exit code (0 clean, 1 findings at --fail-on, 2 usage or unreadable)."""
    tolerate_console_encoding()
    try:
        outputs = parse_outputs(formats)
        if fail_on not in FAIL_ON:
            raise UsageError(t("bad-option", detail=f"--fail-on {fail_on}（{', '.join(FAIL_ON)}）"))
        chosen_select, chosen_ignore = split_ids(select), split_ids(ignore)
        known = set(all_rules())
        for rid in chosen_select + chosen_ignore:
            if rid not in known:
                detail = pick(MESSAGES["unknown-rule"], rule=rid, known=", ".join(sorted(known)))
                raise UsageError(t("bad-option", detail=detail))
        day = parse_day(as_of)
        paths, root, whole = catalog_paths(paths)
        names, refused = expand(paths)
        config = load_config(find_config(root or paths[0]))
    except CatalogError as exc:
        return _fail(exc.message())
    except ConfigError as exc:
        return _fail(exc.message())
    except UsageError as exc:
        return _fail(str(exc))
    if chosen_select:
        config.select = frozenset(chosen_select)
    if chosen_ignore:
        config.ignore = config.ignore | frozenset(chosen_ignore)

    state = DiskState(Path.cwd(), str(root) if root is not None else None)
    state.refused.update(refused)
    # the register before the cache key: a changed laws.toml or another day must not reuse old findings
    config, register_problem = with_register(replace(config, as_of=day), state)
    names = sorted([*names, *refused], key=lambda n: n.split("/")) if refused else names
    if fix:  # akq_cli.lint.fixes: only fixes that cannot change meaning, each file written atomically
        from akq_cli.lint.fixes import run_fix

        run_fix([Path(n) for n in names if n not in refused], config)

    report = run(
        state,
        config,
        names,
        meta=whole,
        display=relative_to(os.getcwd()),
        cache=None if no_cache or len(names) < CACHE_MIN_FILES else _cache(root or paths[0], config),
        jobs=jobs or default_jobs(),
    )
    if register_problem is not None:
        register_problem.file = relative_to(os.getcwd())(register_problem.file)
        report.findings = sorted([*report.findings, register_problem], key=lambda f: f.sort_key())
    try:
        write_outputs(report, outputs)
    except WriteError as exc:
        return _fail(exc.message())
    except OSError as exc:  # standard output closed or full
        return _fail(pick(MESSAGES["unwritable"], path=str(exc.filename or "-"), error=reason(exc)))
    return exit_code(report, fail_on)


def exit_code(report: LintReport, fail_on: str) -> int:
    if report.unreadable:
        return 2
    worst = report.worst()
    return 1 if worst is not None and worst >= Severity[fail_on] else 0


def _cache(start: Path, config: LintConfig) -> object | None:
    from akq_cli.lint.cache import open_cache

    return open_cache(start, config.fingerprint(), lang())


def _fail(message: str) -> int:
    from rich.console import Console
    from rich.markup import escape

    # escape: messages quote TOML tables such as [lint.severity], which are not rich markup
    Console(stderr=True, highlight=False).print(f"[bold red]akq lint:[/] {escape(message)}")
    return 2
