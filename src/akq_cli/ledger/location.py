"""Where the ledger is: --ledger, AKQ_LEDGER, or akq.toml's `[ledger] path=` / `url=` (no SQLAlchemy here:
`akq ledger check` reads it on its fast path)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from akq_cli.ledger.errors import LedgerError

ENV = "AKQ_LEDGER"


@dataclass(frozen=True)
class Location:
    url: str  # SQLAlchemy URL
    path: Path | None  # the SQLite file, None for PostgreSQL
    origin: str  # where the setting came from, for messages


def _config(start: Path) -> tuple[Path, dict] | None:
    """The nearest akq.toml at or above ``start`` (up to the repository root) and its [ledger] table."""
    for folder in (start.resolve(), *start.resolve().parents):
        config = folder / "akq.toml"
        if config.is_file():
            try:
                table = tomllib.loads(config.read_text("utf-8-sig")).get("ledger", {})
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise LedgerError("config-unreadable", path=str(config), detail=str(exc)) from exc
            return config, table if isinstance(table, dict) else {}
        if (folder / ".git").exists():
            break
    return None


def settings(start: Path) -> tuple[Path | None, dict]:
    """(folder of akq.toml, its [ledger] table): calendar overrides, retention."""
    found = _config(start)
    return (found[0].parent, found[1]) if found else (None, {})


def locate(start: Path, explicit: str | None = None) -> Location:
    """--ledger, else AKQ_LEDGER, else akq.toml's [ledger] above ``start``."""
    if explicit:
        return _location(explicit, Path.cwd(), "--ledger")
    if os.environ.get(ENV):
        return _location(os.environ[ENV], Path.cwd(), ENV)
    found = _config(start)
    if found is not None:
        config, table = found
        if table.get("url") or table.get("path"):
            return _location(str(table.get("url") or table["path"]), config.parent, str(config))
    raise LedgerError("no-ledger")


def _location(value: str, base: Path, origin: str) -> Location:
    if value.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        url = "postgresql+psycopg://" + value.split("://", 1)[1]
        return Location(url, None, origin)
    path = (base / Path(value).expanduser()).resolve()
    return Location(f"sqlite:///{path}", path, origin)


def work_tree_of(path: Path) -> Path | None:
    """The git work tree that holds ``path`` (looked up from its nearest existing folder), if any."""
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


