"""A digest of akq's own code and data files: what a cached result was computed by."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from akq_cli import __version__
from akq_cli.core.resources import resource_dir


@cache
def code_digest() -> str:
    """Every module, schema and template of this akq: a changed rule or page must never be served stale.

    The version alone is not enough: a development checkout changes code without changing it.
    """
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = Path(__file__).resolve().parents[1]  # akq_cli: every module
    files = [(f, f.relative_to(package.parent)) for f in sorted(package.rglob("*.py"))]
    for name, pattern in (("schemas", "*.json"), ("templates", "**/*")):
        try:
            folder = resource_dir(name)
        except FileNotFoundError:
            continue
        files += [(f, Path(name) / f.relative_to(folder)) for f in sorted(folder.glob(pattern)) if f.is_file()]
    for f, rel in files:
        h.update(rel.as_posix().encode() + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()
