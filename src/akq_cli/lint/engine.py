"""The linter: files in, findings out.  Output formats live in akq_cli.lint.formats.

A run has two stages.  Per file (parallel, cacheable): parse, run the
item-scope rules, collect the file's suppression directives and a small
summary.  Per catalog (every run, cheap): run the catalog-scope rules over the
summaries, then apply each file's suppressions to all of its findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from akq_cli.core.catalog import Catalog
from akq_cli.core.i18n import lang, pick, set_lang, t
from akq_cli.core.laws import RegisterError, load_register, shipped_register
from akq_cli.core.loader import Document, Node, read_document
from akq_cli.core.state import CatalogState, NotRegularFile, TooLarge, is_plan_name, problem_document
from akq_cli.lint import suppression as suppress
from akq_cli.lint.catalog_index import CatalogIndex
from akq_cli.lint.config import LintConfig
from akq_cli.lint.findings import Finding, Severity
from akq_cli.lint.framework import (
    CatalogContext,
    DirectiveContext,
    DocumentContext,
    Hit,
    ItemContext,
    ItemSummary,
    Rule,
)
from akq_cli.lint.registry import all_rules, in_scope
from akq_cli.lint.rules.schema import errors_to_hits

Kind = Literal["item", "plan", "catalog", "departments"]
PARALLEL_MIN_FILES = 200  # below this a process pool costs more than it saves


@dataclass
class FileResult:
    findings: list[Finding]
    summary: ItemSummary | None
    directives: list[suppress.Directive] = field(default_factory=list)


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    linted: list[str] = field(default_factory=list)  # display names of every file checked
    unreadable: list[str] = field(default_factory=list)  # files that could not be read at all (exit 2)
    cache_hits: int = 0

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            c[f.severity] += 1
        return c

    def summary(self) -> dict[str, object]:
        return {"files": self.files, "findings": len(self.findings), **self.counts()}

    def worst(self) -> Severity | None:
        return max((f.level for f in self.findings), default=None)


def make_finding(rule: Rule, doc: Document, file: str, hit: Hit, config: LintConfig) -> Finding:
    node = hit.node
    line, col = node.line, node.column
    end_line = end_col = None
    if hit.index is not None and hit.match:
        line, col = doc.locate(node, hit.index, hit.match)
        end_line, end_col = line, col + len(hit.match)
    template = hit.message or rule.message
    return Finding(
        rule=rule.id,
        severity=config.severity_of(rule.id, hit.severity or rule.severity),
        file=file,
        line=line,
        column=col,
        pointer=hit.pointer if hit.pointer is not None else node.pointer,
        message=pick(template, **hit.args),
        match=hit.match,
        end_line=end_line,
        end_column=end_col,
        fix=hit.fix,
    )


def _document_findings(doc: Document, file: str, config: LintConfig) -> list[Finding]:
    """What the document-scope rules (yaml-syntax) report of the file as read, parsed or not."""
    findings: list[Finding] = []
    for rule in in_scope("document"):
        if config.enabled(rule.id):
            try:
                findings.extend(rule.check(DocumentContext(doc, file, config)))
            except Exception as exc:
                findings.append(crashed(rule.id, file, exc))
    return findings


RULE_CRASHED = {
    "zh": "akq 内部错误：规则 {rule} 检查这个文件时出错（{error}）。这是程序缺陷，不是您的问题；其他规则的结果不受影响。"
    "请把这个文件和这条信息发给维护人员。",
    "en": "akq internal error: rule {rule} failed on this file ({error}). This is a bug, not your mistake; the other "
    "rules' results stand. Please send this file and this message to the maintainers.",
}


def crashed(rule_id: str, file: str, exc: Exception) -> Finding:
    """A rule that raised: reported as a finding so that one bug does not hide every other finding."""
    return Finding(rule_id, "error", file, 1, 1, "", pick(RULE_CRASHED, rule=rule_id, error=f"{type(exc).__name__}: {exc}"))


_NOT_A_MAPPING = {
    "zh": "文件的顶层应当是“键: 值”的映射。",
    "en": "The file must be a mapping of keys to values at the top level.",
}


def check_document(doc: Document, file: str, config: LintConfig, kind: Kind = "item") -> FileResult:
    """The cacheable part of linting one file: its own findings, before suppression."""
    rules = all_rules()
    findings = _document_findings(doc, file, config)
    root = doc.root
    if root is None or any(p.fatal for p in doc.problems):
        return FileResult(findings, None)
    directives = suppress.parse(doc)
    schema = rules["schema"]
    if not isinstance(root.value, dict):
        if config.enabled(schema.id):
            findings.append(make_finding(schema, doc, file, Hit(root, message=_NOT_A_MAPPING), config))
        return FileResult(findings, None, directives)
    if kind not in ("item", "plan"):
        if config.enabled(schema.id):

            findings.extend(make_finding(schema, doc, file, h, config) for h in errors_to_hits(root, kind))
        return FileResult(findings, None, directives)
    if kind == "plan":  # a plan has its own schema and rules, and no summary: catalog rules are about items
        if config.enabled(schema.id):
            findings.extend(make_finding(schema, doc, file, h, config) for h in errors_to_hits(root, "plan"))
    ctx = ItemContext(doc.path, doc, root, config)
    for rule in in_scope(kind):
        if not config.enabled(rule.id):
            continue
        try:
            findings.extend([make_finding(rule, doc, file, hit, config) for hit in rule.check(ctx)])
        except Exception as exc:
            findings.append(crashed(rule.id, file, exc))
    return FileResult(findings, summarize(file, root) if kind == "item" else None, directives)


def resolve(findings: list[Finding], directives: list[suppress.Directive], file: str, config: LintConfig) -> list[Finding]:
    """Apply one file's suppression directives to all of its findings, then let the directive-scope rules judge them."""
    if not directives:
        return findings
    kept = suppress.apply(findings, directives)
    ctx = DirectiveContext(file, directives, frozenset(all_rules()), config)
    for rule in in_scope("directive"):
        if config.enabled(rule.id):
            try:
                kept.extend(rule.check(ctx))
            except Exception as exc:
                kept.append(crashed(rule.id, file, exc))
    return kept


def lint_document(doc: Document, file: str, config: LintConfig) -> FileResult:
    """Lint one item on its own (no catalog-scope rules), suppressions applied."""
    result = check_document(doc, file, config)
    result.findings = resolve(result.findings, result.directives, file, config)
    return result


def summarize(file: str, root: Node) -> ItemSummary:
    def s(key: str) -> str | None:
        n = root.get(key)
        return n.value if n is not None and isinstance(n.value, str) else None

    def pos(key: str) -> tuple[int, int]:
        n = root.get(key)
        return (n.line, n.column) if n is not None else (root.line, root.column)

    certs = root.get("certifications")
    cert_list = (
        [(n.value, n.line, n.column) for n in certs.value if isinstance(n.value, str)]
        if certs is not None and isinstance(certs.value, list)
        else []
    )
    aliases = root.get("aliases")
    alias_list = (
        [(n.value, n.line, n.column) for n in aliases.value if isinstance(n.value, str)]
        if aliases is not None and isinstance(aliases.value, list)
        else []
    )
    return ItemSummary(
        file=file,
        id=s("id"),
        id_line=pos("id")[0],
        id_column=pos("id")[1],
        kind=s("kind"),
        title=s("title"),
        matter=s("matter"),
        department=s("department"),
        department_line=pos("department")[0],
        department_column=pos("department")[1],
        certifications=cert_list,
        status=s("status"),
        aliases=alias_list,
    )


def _unreadable(file: str, exc: OSError) -> Finding:
    return Finding("yaml-syntax", "error", file, 1, 1, "", t("unreadable", path=file, error=exc.strerror or str(exc)))


def catalog_findings(ctx: CatalogContext) -> Iterable[Finding]:
    for rule in all_rules().values():
        if rule.scope == "catalog" and ctx.config.enabled(rule.id):
            try:
                found = list(rule.check(ctx))
            except Exception as exc:
                found = [crashed(rule.id, ctx.summaries[0].file if ctx.summaries else "catalog", exc)]
            yield from found


# --- packing results for the cache and for worker processes (plain JSON-able lists) ---

_FINDING_FIELDS = ("rule", "severity", "line", "column", "pointer", "message", "match", "end_line", "end_column", "fix")
_SUMMARY_FIELDS = tuple(f for f in ItemSummary.__dataclass_fields__ if f != "file")


def pack(result: FileResult) -> list[Any]:
    s = result.summary
    return [
        [[getattr(f, k) for k in _FINDING_FIELDS] for f in result.findings],
        [getattr(s, k) for k in _SUMMARY_FIELDS] if s is not None else None,
        [d.to_json() for d in result.directives],
    ]


def unpack(raw: list[Any], file: str) -> FileResult:
    findings = [Finding(r[0], r[1], file, *r[2:]) for r in raw[0]]
    summary = None
    if raw[1] is not None:
        values = dict(zip(_SUMMARY_FIELDS, raw[1], strict=True))
        values["certifications"] = [tuple(c) for c in values["certifications"]]
        values["aliases"] = [tuple(a) for a in values["aliases"]]
        summary = ItemSummary(file=file, **values)
    return FileResult(findings, summary, [suppress.Directive.from_json(d) for d in raw[2]])


# --- the run over many files ---

Job = tuple[str, str, bytes, Kind]  # (name in the state, display name, content, kind)
_worker_config: LintConfig | None = None


def _check_job(job: Job, config: LintConfig) -> list[Any]:
    name, file, data, kind = job
    return pack(check_document(read_document(Path(name), data), file, config, kind))


def _init_worker(config: LintConfig, language: str) -> None:
    global _worker_config

    _worker_config = config
    set_lang(language)


def _work(batch: list[Job]) -> list[list[Any]]:
    assert _worker_config is not None
    return [_check_job(job, _worker_config) for job in batch]


def _run_jobs(jobs: list[Job], config: LintConfig, processes: int) -> list[list[Any]]:
    if processes <= 1 or len(jobs) < PARALLEL_MIN_FILES:
        return [_check_job(job, config) for job in jobs]
    import multiprocessing  # a pre-commit run over a few files never starts a pool: not on its start-up path


    # fork shares the already-imported rules and schema validators with the workers for free.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    size = max(25, len(jobs) // (processes * 8))
    batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    try:
        with ctx.Pool(processes, initializer=_init_worker, initargs=(config, lang())) as pool:
            return [packed for batch in pool.imap(_work, batches) for packed in batch]
    except OSError:  # no processes to be had: do the work here
        return [_check_job(job, config) for job in jobs]


def run(
    state: CatalogState,
    config: LintConfig,
    names: list[str] | None = None,
    *,
    meta: bool | None = None,
    display: Callable[[str], str] = str,
    cache: Any = None,
    jobs: int = 1,
) -> LintReport:
    """Lint files of ``state``: the one lint run every command uses.

    ``names``: the item files to lint (default: every item of the catalog);
    ``meta``: also lint catalog.yaml and departments.yaml with their own
    schemas (default: when the whole catalog is linted). Catalog-scope rules
    see the summaries of the linted files and an index of the state's other
    items, never the disk beyond the state. ``display`` turns a name into the
    path findings show; ``cache`` is an ``akq_cli.lint.cache.LintCache``, a
    ``MemoCache`` or None; ``jobs`` the processes for the files the cache does not answer.
    """
    whole = names is None if meta is None else meta  # the whole catalog: no other items to look up
    register_problem = None
    if config.laws is None:
        config, register_problem = with_register(config, state)
    if names is None:
        names = state.item_names()
    entries: list[tuple[str, str, Kind]] = [(n, display(n), "plan" if is_plan_name(n) else "item") for n in names]
    if whole:
        given = set(names)
        entries += [(n, display(n), "plan") for n in state.plan_names() if n not in given]
        entries += [(n, display(n), k) for n, k in state.meta_names()]  # type: ignore[misc]
    report = LintReport(files=len(entries))
    results: dict[int, FileResult] = {}
    todo: list[Job] = []
    todo_index: list[tuple[int, Any]] = []
    for i, (name, file, kind) in enumerate(entries):
        try:
            data = state.read(name)
        except (NotRegularFile, TooLarge) as exc:
            results[i] = check_document(problem_document(file, exc), file, config, kind)
            continue
        except OSError as exc:
            results[i] = FileResult([_unreadable(file, exc)], None)
            report.unreadable.append(file)
            continue
        key = None
        if cache is not None:
            key = cache.key(kind, name, data)
            hit = cache.get(key)
            if hit is not None:
                results[i] = unpack(hit, file)
                continue
        todo.append((name, file, data, kind))
        todo_index.append((i, key))
    for (i, key), packed in zip(todo_index, _run_jobs(todo, config, jobs), strict=True):
        results[i] = unpack(packed, entries[i][1])
        if cache is not None and key is not None:
            cache.put(key, packed)
    if cache is not None:
        report.cache_hits = cache.hits
        cache.save()

    summaries = [r.summary for i, r in sorted(results.items()) if r.summary is not None]
    index = CatalogIndex(state, [name for name, _, kind in entries if kind == "item"], display, complete=whole)
    by_file: dict[str, list[Finding]] = {}
    for f in catalog_findings(CatalogContext(summaries, Catalog.from_state(state, with_items=False).departments_or_none, config, index)):
        by_file.setdefault(f.file, []).append(f)
    report.linted = [file for _, file, _ in entries]
    for i, (_, file, _) in enumerate(entries):
        r = results[i]
        report.findings.extend(resolve(r.findings + by_file.pop(file, []), r.directives, file, config))
    for rest in by_file.values():  # findings about files not linted this run
        report.findings.extend(rest)
    if register_problem is not None:
        register_problem.file = display(register_problem.file)
        report.findings.append(register_problem)
    report.findings.sort(key=Finding.sort_key)
    return report


def with_register(config: LintConfig, state: CatalogState) -> tuple[LintConfig, Finding | None]:
    """``config`` with the state's law register; a broken catalog laws.toml is a finding, judged by the shipped one.

    Reported rather than raised: `akq review` must still show a change that broke the register, and a lint run
    must still report everything else.
    """
    try:
        return replace(config, laws=load_register(state)), None
    except RegisterError as exc:
        problem = Finding("schema", "error", exc.path, exc.line, exc.column, "", exc.detail)
        return replace(config, laws=shipped_register()), problem
