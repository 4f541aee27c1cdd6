"""Where the project's data files (schemas, templates) are found.

In a source checkout they are the top-level ``schemas/`` and ``templates/``
folders, which county staff may edit; an installed wheel carries copies in
``akq_cli/_data/``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parents[1]  # the akq_cli package


def resource_dir(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema by file stem: 'item', 'catalog' or 'departments'."""
    return json.loads((resource_dir("schemas") / f"{name}.schema.json").read_text("utf-8"))
