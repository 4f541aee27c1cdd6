"""Helpers for the lint engine's tests: small synthetic catalogs made by bench/synth.py, report parsing."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"


def synth_module():
    """bench/synth.py, loaded by path (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("akq_bench_synth", REPO / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_catalog(folder: Path, items: int = 12, seed: int = 1) -> Path:
    """A lint-clean catalog of ``items`` items in ``folder`` (catalog.yaml, departments.yaml, items/)."""
    synth_module().generate(items, folder, seed)
    return folder


def findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def item(catalog: Path, name: str) -> Path:
    """The item file whose id is ``name`` (e.g. 'SFJ-ZM-0001')."""
    return catalog / "items" / name.split("-")[0] / f"{name}.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")
