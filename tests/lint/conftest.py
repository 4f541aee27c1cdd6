"""Fixtures for the lint engine's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import make_catalog


@pytest.fixture
def small_catalog(tmp_path: Path) -> Path:
    """A lint-clean synthetic catalog of 12 items in tmp/catalog."""
    return make_catalog(tmp_path / "catalog")
