"""Personal data in text: citizen ID numbers shown as 6530**********1234 (个人信息保护法).

The last guard before anything is printed: the ledger passes every output through `mask_text`, and the
command line's usage errors too (click quotes an unexpected argument back, and an ID typed on the command
line must not come back whole)."""

from __future__ import annotations

import re

_ID_SHAPE = re.compile(r"\d{17}[\dX]")
ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_id(value: str) -> str:
    """6530**********1234 for an ID-shaped value; a credit code (public: 企业信用信息公示) stays whole."""
    if _ID_SHAPE.fullmatch(value):
        return value[:4] + "*" * 10 + value[-4:]
    return value


# A resident ID number by its structure: region, birth date, sequence, check character.
_RESIDENT_ID = re.compile(r"[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]")


def mask_resident_id(value: str) -> str:
    """6530**********1234 for a value built like a resident ID number; anything else unchanged.

    For a column that holds either people's ID numbers or businesses' credit codes (an inspection
    register): a credit code is public and must stay readable, and one of all digits can have an ID's
    shape but not, in practice, its birth date. Where no code is expected, mask_id and mask_text mask
    every ID-shaped value instead: there, masking too much is the safe mistake.
    """
    return value[:4] + "*" * 10 + value[-4:] if _RESIDENT_ID.fullmatch(value) else value


def mask_text(text: str) -> str:
    """Every ID-shaped run of characters in ``text`` masked."""
    return ID_IN_TEXT.sub(lambda m: m.group(1) + "*" * 10 + m.group(2), text)
