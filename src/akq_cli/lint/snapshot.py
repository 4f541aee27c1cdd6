"""Linting the catalog as it was at a git revision, from bytes in memory.

`akq review` lints the base and the head of a change and compares the findings.
The per-file work is akq_cli.lint.engine's own (``check_document``, the catalog-scope
rules, suppressions), so a finding here is exactly what `akq lint` reports;
only the files come from a Snapshot instead of the disk.  Files whose bytes
and configuration are the same in both states are checked once.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from akq_cli.core.git import Snapshot, config_paths
from akq_cli.core.loader import read_document
from akq_cli.lint.config import ConfigError, LintConfig, load_config
from akq_cli.lint.engine import FileResult, catalog_findings, check_document, resolve
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import CatalogContext
from akq_cli.review.semdiff import item_paths


def snapshot_config(snap: Snapshot) -> LintConfig:
    """The akq.toml that applies to the snapshot's catalog (ConfigError if it is broken)."""
    for rel in config_paths(snap.prefix):
        data = snap.files.get(rel)
        if data is None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "akq.toml"
            path.write_bytes(data)
            try:
                config = load_config(path)
            except ConfigError as exc:
                raise ConfigError(Path(rel), exc.detail, exc.line, exc.column) from exc
        config.source = Path(rel)
        return config
    return LintConfig()


@dataclass
class SnapshotLinter:
    """Lints snapshots, remembering per-file results by (path, content, configuration)."""

    memo: dict[tuple[str, str, str, str], FileResult] = field(default_factory=dict)

    def _check(self, path: str, data: bytes, config: LintConfig, kind: str) -> FileResult:
        key = (path, hashlib.sha256(data).hexdigest(), config.fingerprint(), kind)
        if key not in self.memo:
            self.memo[key] = check_document(read_document(Path(path), data), path, config, kind)  # type: ignore[arg-type]
        return self.memo[key]

    def lint(self, snap: Snapshot, config: LintConfig) -> list[Finding]:
        """Every finding `akq lint` would report on the snapshot's catalog, files named repo-relative."""
        items = item_paths(snap)
        meta: list[tuple[str, str]] = []
        for name, kind in (("catalog.yaml", "catalog"), ("departments.yaml", "departments")):
            rel = f"{snap.prefix}/{name}" if snap.prefix else name
            if rel in snap.files:
                meta.append((rel, kind))
        results: list[tuple[str, FileResult]] = []
        for path in sorted(items):
            results.append((path, self._check(path, items[path], config, "item")))
        for path, kind in meta:
            results.append((path, self._check(path, snap.files[path], config, kind)))
        departments = _departments(snap)
        summaries = [r.summary for _, r in results if r.summary is not None]
        by_file: dict[str, list[Finding]] = {}
        for f in catalog_findings(CatalogContext(summaries, departments, config)):
            by_file.setdefault(f.file, []).append(f)
        findings: list[Finding] = []
        for path, r in results:
            findings.extend(resolve(list(r.findings) + by_file.pop(path, []), r.directives, path, config))
        for rest in by_file.values():
            findings.extend(rest)
        findings.sort(key=Finding.sort_key)
        return findings


def _departments(snap: Snapshot) -> set[str] | None:
    rel = f"{snap.prefix}/departments.yaml" if snap.prefix else "departments.yaml"
    data = snap.files.get(rel)
    if data is None:
        return None
    doc = read_document(Path(rel), data)
    if doc.root is None or not isinstance(doc.root.value, dict):
        return set()
    entries = doc.root.plain().get("departments") or []
    return {d["id"] for d in entries if isinstance(d, dict) and isinstance(d.get("id"), str)}
