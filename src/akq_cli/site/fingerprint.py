"""What an export is made from, as one digest: an unchanged catalog is not built again.

The digest covers everything a build reads: every file under the catalog folder
(by its bytes, whatever its modification time: a CI checkout touches them all),
the forms folder, the git facts the pages print and the history the change log
reads (HEAD's id), and akq's own code and templates.  A file the build would
refuse (a symlink, a FIFO, one over the size limit) enters by its name and kind
only, and is never opened. Each file enters by git's blob id of its bytes, so that
the item files an export has just read and parsed are not read again (``known``).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from akq_cli.core.codedigest import code_digest
from akq_cli.core.state import MAX_FILE_BYTES, NotRegularFile, TooLarge, read_regular
from akq_cli.site.gitinfo import GitInfo, head_commit
from akq_cli.site.sources import blob_id

FORMAT = b"akq-export-2"


def export_key(catalog_root: Path, forms: Path | None, git: GitInfo, top: Path | None,
               known: Mapping[str, str] | None = None) -> str:
    """``known``: blob ids of files already read, by absolute path (sources.read_digests)."""
    h = hashlib.blake2b(FORMAT, digest_size=20)
    h.update(code_digest().encode())
    facts = (git.in_repo, git.commit, git.date, git.dirty, git.problem, git.refused is not None,
             head_commit(top) if top is not None else None)
    h.update(repr(facts).encode())
    for label, folder in (("catalog", catalog_root), ("forms", forms)):
        h.update(f"\0{label}\0".encode())
        if folder is not None:
            _folder(h, folder, "", known or {})
    return h.hexdigest()


def _folder(h: hashlib.blake2b, folder: Path, rel: str, known: Mapping[str, str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        h.update(f"unreadable\0{rel}\0{exc.errno}\n".encode())
        return
    where = os.path.abspath(folder)
    for entry in entries:
        name = f"{rel}/{entry.name}" if rel else entry.name
        if entry.name == ".git":
            continue
        try:  # the kind from the directory listing itself: no stat per file of 10,000
            is_dir, is_file = entry.is_dir(follow_symlinks=False), entry.is_file(follow_symlinks=False)
            mode = 0 if is_dir or is_file else entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        if is_dir:
            _folder(h, Path(entry.path), name, known)
            continue
        h.update(name.encode("utf-8", "surrogatepass") + b"\0")
        if not is_file:
            h.update(b"other %o\n" % stat.S_IFMT(mode))
            continue
        digest = known.get(os.path.join(where, entry.name))
        if digest is None:
            try:
                digest = blob_id(read_regular(entry.path, MAX_FILE_BYTES))
            except (NotRegularFile, TooLarge, OSError) as exc:
                h.update(f"unread {type(exc).__name__}\n".encode())
                continue
        h.update(digest.encode() + b"\n")
