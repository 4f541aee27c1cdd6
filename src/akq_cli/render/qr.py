"""The QR code in a form's corner: the item's public page and the version of the item it was made from.

A clerk scans a printed form and lands on the item's page; the link's ``v`` names the day and commit
in which that item last changed (its own file, not the catalog's head, so that a form changes only
when its item does). A form made outside git, or from an item file with uncommitted edits, links to
the page without a version: no commit holds what it says. No site address in catalog.yaml
(site.base_url), or an item with no public page (not published): no QR code.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import segno

from akq_cli.core.git import last_commits
from akq_cli.site.model import ITEM_ID, item_page, site_base_url

SHORT = 8  # hex digits of the commit id: fixed, so that a growing repository does not change old forms
MODULE_PX = 8  # PNG pixels per QR module: sharp edges however LibreOffice or Word scale the picture
BORDER = 4  # the quiet zone, in modules, that readers need around the code
_MODULE_BYTE = bytes([0xFF, 0x00]) + bytes(254)  # segno's matrix holds 1 for a dark module: 8 black pixels


def versions(root: Path, items: dict[str, Path]) -> dict[str, str]:
    """Item id -> ``YYYY-MM-DD-<commit>`` of the last commit that changed its file below the catalog ``root``.

    Ids without one (outside git, uncommitted edits, a file outside the catalog) are left out."""
    commits = last_commits(root)
    out = {}
    for item_id, path in items.items():
        commit = commits.get(path.resolve())
        if commit:
            out[item_id] = f"{commit[1]}-{commit[0][:SHORT]}"
    return out


def link(meta: dict[str, Any], item: dict[str, Any], version: str | None) -> str:
    """The form's link; "" when there is no public page to link to.

    Only a published item has a page (site/); a draft's form printed for review gets no code. Ids the
    site leaves out (not matching its id pattern) get none either."""
    base = site_base_url(meta)
    item_id = str(item.get("id") or "")
    if not base or item.get("status") != "published" or not ITEM_ID.match(item_id):
        return ""
    return f"{base}{item_page(item_id)}" + (f"?v={version}" if version else "")


def png(url: str) -> bytes:
    """The QR code as a 1-bit greyscale PNG, 8 pixels a module: same link, same bytes.

    Written here rather than by segno's PNG writer, which loops over every pixel in Python (8 ms a
    form): at one bit a pixel and 8 pixels a module, each module is exactly one byte. The mask is
    fixed for the same reason (segno tries all eight otherwise, 3x the time); any mask is valid. Level 6:
    level 9 spends 4 ms on these repetitive lines for a few bytes.
    """
    code = segno.make_qr(url, error="m", mask=0)
    quiet = b"\xff" * BORDER
    rows = [quiet + bytes(row).translate(_MODULE_BYTE) + quiet for row in code.matrix]
    blank = b"\xff" * len(rows[0])
    rows = [blank] * BORDER + rows + [blank] * BORDER
    side = len(rows) * MODULE_PX
    raw = b"".join((b"\x00" + row) * MODULE_PX for row in rows)  # filter byte 0 (none) before each line
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale, no interlace
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
