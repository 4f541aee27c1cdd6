"""The lint cache: per-file results keyed by what the file says, not when it was touched.

A CI checkout gives every file a new modification time, so the key is a hash of
the file's bytes and its path within the repository.  Everything else that
changes a file's findings (akq's code and version, the schemas, the rule
configuration, the message language) goes into the cache's namespace: one JSON
file per repository and namespace.  A corrupt or unreadable cache is ignored;
the cache is written atomically and only when a run added something to it.

The cache lives in the user's cache folder ($XDG_CACHE_HOME/akq, ~/.cache/akq on
Linux; $AKQ_CACHE_DIR overrides), never in the work tree: every file there may
come from a merge request, and a committed cache could drop the findings it is
meant to show.  A cache folder set inside the repository is not used at all.
The repository's absolute path is part of the file name, so two clones never
answer for each other.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from akq_cli.core.codedigest import code_digest
from akq_cli.core.files import atomic_write_text
from akq_cli.core.i18n import pick
from akq_cli.core.paths import relative_to

FORMAT = 1
MAX_ENTRIES = 50_000  # about 25 MB: enough for several catalogs of 10,000 items
KEEP_FILES = 8  # other repositories/configurations/languages/versions kept; older cache files are deleted
INSIDE = {
    "zh": "akq：缓存目录 {folder} 在仓库 {root} 之内。仓库中的文件可能来自合并请求，其中伪造的缓存会掩盖问题，"
    "因此本次不使用缓存。请把 AKQ_CACHE_DIR（或 XDG_CACHE_HOME）设到仓库以外的目录。\n",
    "en": "akq: the cache folder {folder} is inside the repository {root}. Files there may come from a merge request, "
    "and a forged cache would hide findings, so no cache is used. Set AKQ_CACHE_DIR (or XDG_CACHE_HOME) to a folder "
    "outside the repository.\n",
}


def cache_dir() -> Path:
    """$AKQ_CACHE_DIR, else akq's folder in the user's cache directory (platformdirs: XDG on Linux)."""
    return Path(os.environ.get("AKQ_CACHE_DIR") or user_cache_dir("akq", appauthor=False))


def repository_root(start: Path) -> Path | None:
    """The git work tree holding ``start``, else the folder of its catalog.yaml; None when neither exists."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    fallback: Path | None = None
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
        if fallback is None and (folder / "catalog.yaml").is_file():
            fallback = folder
    return fallback


def open_cache(start: Path, config_fingerprint: str, lang: str) -> LintCache | None:
    """The cache for the repository holding ``start``; None when there is none, or when the cache folder
    lies inside it (then with a warning on stderr: the run goes on, uncached)."""
    root = repository_root(start)
    if root is None:
        return None
    folder = cache_dir().resolve()
    if folder.is_relative_to(root):
        sys.stderr.write(pick(INSIDE, folder=folder, root=root))
        return None
    return LintCache(folder, root, namespace(config_fingerprint, lang))


def namespace(config_fingerprint: str, lang: str) -> str:
    blob = f"{FORMAT}\0{code_digest()}\0{config_fingerprint}\0{lang}"
    return hashlib.blake2b(blob.encode(), digest_size=12).hexdigest()


def file_key(relpath: str, data: bytes) -> str:
    h = hashlib.blake2b(data, digest_size=16)
    h.update(b"\0" + relpath.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class LintCache:
    """Per-file lint results on disk, by content and path, for one configuration, language and akq version."""

    def __init__(self, directory: Path, root: Path, name: str) -> None:
        self.directory = directory
        self.root = root
        scope = hashlib.blake2b(str(root).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        self.path = directory / f"lint-{scope}-{name}.json"
        self._old: dict[str, Any] | None = None
        self._new: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0

    @cached_property
    def _relative(self) -> Callable[[str], str]:
        return relative_to(str(self.root))

    def key(self, kind: str, name: str, data: bytes) -> str:
        """The file's key: its bytes and its path relative to the repository, so clones share nothing odd."""
        return file_key(f"{kind}:{self._relative(Path(name))}", data)

    def _load(self) -> dict[str, Any]:
        if self._old is None:
            self._old = {}
            try:
                raw = json.loads(self.path.read_bytes())
                if isinstance(raw, dict) and raw.get("format") == FORMAT and isinstance(raw.get("entries"), dict):
                    self._old = raw["entries"]
            except (OSError, ValueError):
                pass  # missing or corrupt: start afresh
        return self._old

    def get(self, key: str) -> Any:
        value = self._load().get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self._new[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value

    def save(self) -> None:
        """Write the cache if this run computed anything new; never fails the run."""
        if self.misses == 0:
            return
        entries = dict(self._new)
        for key, value in self._load().items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, value)
        payload = json.dumps({"format": FORMAT, "entries": entries}, ensure_ascii=False, separators=(",", ":"))
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, payload)
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        """Delete the cache files not written for longest (an upgrade, a deleted clone leave theirs behind)."""
        files = sorted(self.directory.glob("lint-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            old.unlink(missing_ok=True)


class MemoCache:
    """Per-file lint results in memory, for linting two states of one catalog (`akq review`).

    A file whose bytes are the same in the base and the head is checked once.
    One memo serves one configuration.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str, str], Any] = {}
        self.hits = 0

    def key(self, kind: str, name: str, data: bytes) -> tuple[str, str, str]:
        return (kind, name, hashlib.blake2b(data, digest_size=16).hexdigest())

    def get(self, key: tuple[str, str, str]) -> Any:
        value = self.entries.get(key)
        self.hits += value is not None
        return value

    def put(self, key: tuple[str, str, str], value: Any) -> None:
        self.entries[key] = value

    def save(self) -> None:
        pass


def main(argv: list[str]) -> int:
    """``python -m akq_cli.lint.cache [--clear]``: print the cache folder; --clear deletes akq's cache files in it."""
    folder = cache_dir()
    if argv == ["--clear"]:
        for old in folder.glob("lint-*.json"):
            old.unlink(missing_ok=True)
    elif argv:
        sys.stderr.write("python -m akq_cli.lint.cache [--clear]\n")
        return 2
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
