"""Chinese labels for the item model's enum values, as the public reads them."""

from __future__ import annotations

from akq_cli.core import vocab

KIND = vocab.zh(vocab.KIND)
METHOD = vocab.zh(vocab.METHOD)
VERIFICATION = vocab.zh(vocab.VERIFICATION)
LEVEL = vocab.zh(vocab.LEVEL)
STATUS = vocab.zh(vocab.STATUS)


def label(table: dict[str, str], value: object) -> str:
    """The label of a known value; an unknown one is shown as written (lint reports it)."""
    if isinstance(value, str):
        return table.get(value, value)
    return "" if value is None else str(value)


def labels(table: dict[str, str], value: object) -> list[str]:
    """Labels of a value that may be one enum value or a list of them."""
    values = value if isinstance(value, list) else [value] if value not in (None, "") else []
    return [label(table, v) for v in values]
