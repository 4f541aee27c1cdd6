"""One zip of the built site, for county sites on a shared platform (集约化平台) or CMS.

Such platforms take an upload, not a symlink or a runner, so `akq export
--archive` hands them the same files `-o` writes, packed the way forms are
(render/determinism.py: fixed order, dates and permissions), so that one commit
always gives the same bytes and a platform can tell an unchanged upload.

``SHA256SUMS`` inside lists every other file with its SHA-256, in the format of
``sha256sum``: after unpacking, ``sha256sum -c SHA256SUMS`` checks the upload.
"""

from __future__ import annotations

import hashlib

from akq_cli.render.determinism import Entry, write_zip

MANIFEST = "SHA256SUMS"


def manifest(files: dict[str, bytes]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {rel}\n" for rel, data in sorted(files.items())]
    return "".join(lines).encode("utf-8")


def site_zip(files: dict[str, bytes]) -> bytes:
    """The site's files in path order, the manifest first so that it is the first thing a reader sees."""
    entries = [Entry.of(MANIFEST, manifest(files))]
    entries += [Entry.of(rel, files[rel]) for rel in sorted(files)]
    return write_zip(entries)
