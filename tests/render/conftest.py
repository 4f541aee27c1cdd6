"""Fixtures for the akq render tests: the render test catalog and helpers to read DOCX parts."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES

RENDER_CATALOG = FIXTURES / "render" / "catalog"


@pytest.fixture
def render_catalog(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/render/catalog."""
    dest = tmp_path / "catalog"
    shutil.copytree(RENDER_CATALOG, dest)
    return dest


def part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as z:
        return z.read(name).decode("utf-8")


PAGES_CATALOG = FIXTURES / "render" / "pages"
FOOTER = re.compile(r"—\s*\d+\s*—")
COPIES_NOTE = "（本文书一式两份，行政机关与申请人各执一份）"


def pdf_pages(pdf: Path) -> list[list[str]]:
    """Each page's text lines as pdftotext -layout reads them, blanks squeezed out, page numbers left out."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[re.sub(r"\s+", "", line) for line in page.splitlines()] for page in text.split("\f")]
    return [kept for kept in ([line for line in page if line and not FOOTER.fullmatch(line)] for page in pages) if kept]


def page_faults(pages: list[list[str]]) -> list[str]:
    """What LibreOffice's pagination got wrong: widows, a page of the copies note alone, a lead-in ending a page."""
    faults = []
    for n, lines in enumerate(pages, 1):
        if n > 1 and len(lines[0]) <= 2:
            faults.append(f"widow: page {n} opens with {lines[0]!r}")
        if lines == [COPIES_NOTE]:
            faults.append(f"copies note alone on page {n}")
        if n < len(pages) and lines[-1].endswith("："):
            faults.append(f"lead-in ends page {n}: {lines[-1]!r}")
    return faults
