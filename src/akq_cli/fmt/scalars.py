"""Writing one YAML scalar the canonical way: plain when that reads back the same, else quoted.

Used by `akq fmt`, `akq lint --fix`, `akq new` and `akq import`, so that every
file the tool writes quotes the same things the same way.  A plain scalar must
read back as the same string both under YAML 1.2 (our loader, editors) and
YAML 1.1 (PyYAML and older tools): ``yes``, ``on``, ``012``, ``1:20`` get
quotes.  Dates (2021-05-01) stay plain: every reader we care about keeps them
as text, and staff expect to see them unquoted.
"""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Any

import yaml
from yaml.emitter import Emitter

from akq_cli.core.loader import resolve_scalar

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# YAML 1.2 core forms that PyYAML (1.1) reads as text but editors read as numbers
_YAML12_NUMBERS = re.compile(r"^[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")


@cache
def _analyzer() -> Any:

    return Emitter(io.StringIO(), allow_unicode=True)


@cache
def _resolver() -> Any:

    return yaml.resolver.Resolver()


def _reads_as_text(s: str) -> bool:


    if _DATE.match(s):
        return True
    if not isinstance(resolve_scalar(s), str) or _YAML12_NUMBERS.match(s):
        return False
    return _resolver().resolve(yaml.ScalarNode, s, (True, False)) == "tag:yaml.org,2002:str"


@cache
def plain_ok(s: str) -> bool:
    """Whether ``s`` can be written without quotes on one line in block context."""
    if not s or "\n" in s or "\r" in s:
        return False
    a = _analyzer().analyze_scalar(s)
    return bool(a.allow_block_plain and not a.multiline and _reads_as_text(s))


def double_quoted(s: str) -> str:

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    out = yaml.dump(s, Dumper=dumper, default_style='"', allow_unicode=True, width=1_000_000_000)
    return out.rstrip("\n").removesuffix("\n...").rstrip("\n")


def single_ok(s: str) -> bool:
    """Whether ``s`` can be written single-quoted on one line."""
    if not s:
        return True
    a = _analyzer().analyze_scalar(s)
    return bool(a.allow_single_quoted and not a.multiline and "\n" not in s)


@cache
def inline(s: str) -> str:
    """``s`` as a one-line scalar: plain, else single-quoted, else double-quoted."""
    if plain_ok(s):
        return s
    return inline_quoted(s)


def literal_ok(s: str) -> bool:
    """Whether a multi-line string can be a literal block (``|``/``|-``) that reads back exactly."""
    if "\n" not in s or s.endswith("\n\n") or s[0] in " \n\t" or "\r" in s:
        return False
    a = _analyzer().analyze_scalar(s)
    return bool(a.allow_block)


def render(value: Any, indent: int) -> tuple[str, list[str]]:
    """(text after ``key: `` or ``- ``, continuation lines) for a scalar value.

    ``indent`` is the column where the continuation lines of a block scalar start.
    """
    if value is None:
        return "null", []
    if value is True:
        return "true", []
    if value is False:
        return "false", []
    if isinstance(value, (int, float)):
        return repr(value), []
    s = str(value)
    if "\n" in s and literal_ok(s):
        header = "|" if s.endswith("\n") else "|-"
        pad = " " * indent
        body = s[:-1] if s.endswith("\n") else s
        return header, [pad + line if line else "" for line in body.split("\n")]
    return inline(s), []


def key_text(key: str) -> str:
    return key if plain_ok(key) and ": " not in key and not key.endswith(":") else inline_quoted(key)


def inline_quoted(s: str) -> str:
    """``s`` quoted on one line: single quotes where they can hold it, else double quotes."""
    return "'" + s.replace("'", "''") + "'" if single_ok(s) else double_quoted(s)
