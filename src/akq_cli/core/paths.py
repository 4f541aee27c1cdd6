"""How paths are shown to people: relative to where they stand, with forward slashes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the current directory when possible."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    return rel.replace(os.sep, "/")


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or below it, links resolved (for an output folder that does not exist yet too)."""
    target, base = path.resolve(), folder.resolve()
    return target == base or base in target.parents


def relative_to(folder: str) -> Callable[[Path | str], str]:
    """A fast relpath for many files below one folder (os.path.relpath costs two abspath calls each)."""
    cwd = os.getcwd()
    base = os.path.normpath(folder)
    prefix = base.rstrip(os.sep) + os.sep
    # Where the current directory is, seen from the folder: a clean relative path then needs no arithmetic.
    here = "" if cwd == base else cwd[len(prefix) :] + os.sep if cwd.startswith(prefix) else None

    def rel(path: Path) -> str:
        s = str(path)
        if here is not None and not os.path.isabs(s) and ".." not in s:
            return (here + s).replace(os.sep, "/")
        full = os.path.normpath(s if os.path.isabs(s) else os.path.join(cwd, s))
        if full.startswith(prefix):
            return full[len(prefix) :].replace(os.sep, "/")
        try:
            return os.path.relpath(full, base).replace(os.sep, "/")
        except ValueError:  # another drive on Windows
            return full.replace(os.sep, "/")

    return rel
