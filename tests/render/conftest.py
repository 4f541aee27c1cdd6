"""Fixtures for the akq render tests: the render test catalog and helpers to read DOCX parts."""

from __future__ import annotations

import shutil
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
