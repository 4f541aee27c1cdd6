"""The QR code in a form's corner: the item's public page and the version of the item it was made from.

A clerk scans a printed form and lands on the item's page; the link's ``v`` names the day and commit
in which that item last changed (its own file, not the catalog's head, so that a form changes only
when its item does). A form made outside git, or from an item file with uncommitted edits, links to
the page without a version: no commit holds what it says. No site address in catalog.yaml
(site.base_url): no QR code.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import segno

from akq_cli.core.git import last_commits
from akq_cli.site.model import item_page

SHORT = 8  # hex digits of the commit id: fixed, so that a growing repository does not change old forms
MODULE_PX = 8  # PNG pixels per QR module: sharp edges however LibreOffice or Word scale the picture


def base_url(meta: dict[str, Any]) -> str:
    site = meta.get("site")
    url = str(site.get("base_url") or "").strip() if isinstance(site, dict) else ""
    return url if not url or url.endswith("/") else url + "/"


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


def link(meta: dict[str, Any], item_id: str, version: str | None) -> str:
    """The form's link, or "" when the catalog names no site."""
    base = base_url(meta)
    if not base:
        return ""
    return f"{base}{item_page(item_id)}" + (f"?v={version}" if version else "")


def png(url: str) -> bytes:
    """The QR code as PNG bytes: same link, same bytes (segno writes no time or software stamp)."""
    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=MODULE_PX, border=4)
    return buffer.getvalue()
