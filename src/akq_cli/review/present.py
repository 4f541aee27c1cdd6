"""Showing a catalog diff and a review: the templates under templates/review/, in a terminal or as Markdown."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from akq_cli.core.escape import visible
from akq_cli.core.files import atomic_write_text, reason
from akq_cli.core.git import GitError
from akq_cli.core.i18n import t
from akq_cli.core.state import load_states
from akq_cli.core.textout import render, words
from akq_cli.review.review import Review, build_review
from akq_cli.review.semdiff import CatalogDiff, ItemChange, char_diff, diff_snapshots, label

SIGN = {"added": "+", "removed": "-", "renamed": "→", "changed": "~", "reformatted": "·"}


def show_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def item_heading(it: ItemChange) -> str:
    name = f"{it.id} {it.title}".strip()
    if it.status == "renamed":
        name = f"{it.old_id} → {name}"
    return name


def where(it: ItemChange) -> str:
    if it.status == "renamed" and it.old_path != it.path:
        return f"{it.old_path} → {it.path}"
    return it.path or it.old_path or ""


def leaves(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """(pointer, value) of every scalar, and of empty lists and mappings, in document order."""
    if isinstance(value, dict) and value:
        return [pair for k, v in value.items() for pair in leaves(v, f"{pointer}/{k}")]
    if isinstance(value, list) and value:
        return [pair for i, v in enumerate(value) for pair in leaves(v, f"{pointer}/{i}")]
    return [(pointer, value)]


def _context(diff: CatalogDiff) -> dict[str, Any]:
    return {
        "diff": diff,
        "entries": [*diff.items, *diff.files],
        "sign": SIGN,
        "heading": item_heading,
        "where": where,
        "show": show_value,
        "char_diff": char_diff,
        "leaves": leaves,
        "label": label,
    }


def _print(console: Console, markup: str) -> None:
    # emoji=False: a ":name:" in catalog text stays as written.
    console.print(Text.from_markup(markup.removesuffix("\n"), emoji=False), soft_wrap=True)


def diff_text(diff: CatalogDiff, console: Console) -> None:
    color = console.color_system is not None
    _print(console, render("review", "diff.txt.j2", "rich", color=color, **_context(diff)))


def review_text(review: Review, console: Console) -> None:
    color = console.color_system is not None
    _print(console, render("review", "review.txt.j2", "rich", review=review, color=color, **_context(review.diff)))


def review_markdown(review: Review) -> str:
    return render("review", "review.md.j2", "markdown", review=review, **_context(review.diff))


# --- the commands ------------------------------------------------------------------------------------

REVIEW_FORMATS = ("text", "markdown", "json")
DIFF_FORMATS = ("text", "json")
EXIT_USAGE = 2


def _error(command: str, message: str) -> int:
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        Text.assemble((f"akq {command}: ", "bold red"), visible(message))
    )
    return EXIT_USAGE


def _bad_format(command: str, value: str, formats: tuple[str, ...]) -> int:
    return _error(command, t("bad-option", detail=f"--format {value}（{'、'.join(formats)}）"))


def run_review(start: Path, base: str | None, head: str | None, format: str, output: Path | None) -> int:
    """`akq review`: build the review of the change, show or write it; the exit code (see Review.exit_code)."""
    if format not in REVIEW_FORMATS:
        return _bad_format("review", format, REVIEW_FORMATS)
    try:
        _, base_snap, head_snap = load_states(start, base, head)
        result = build_review(base_snap, head_snap)
    except GitError as exc:
        return _error("review", exc.message())
    if result.config_error is not None:  # on stderr too: the review itself may go to a file or a comment
        _error("review", result.config_error.message())
    if format == "text" and output is None:
        review_text(result, Console(highlight=False, soft_wrap=True))
        return result.exit_code
    if format == "json":
        rendered = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif format == "markdown":
        rendered = review_markdown(result)
    else:
        buf = io.StringIO()
        review_text(result, Console(file=buf, width=120, highlight=False, soft_wrap=True, color_system=None))
        rendered = buf.getvalue()
    if output is None:
        sys.stdout.write(rendered)
        return result.exit_code
    try:
        atomic_write_text(output, rendered)
    except OSError as exc:
        return _error("review", words("review")["cannot_write"].format(path=output, error=reason(exc)))
    return result.exit_code


def run_diff(start: Path, base: str | None, head: str | None, format: str) -> int:
    """`akq diff`: show what changed between two states of the catalog."""
    if format not in DIFF_FORMATS:
        return _bad_format("diff", format, DIFF_FORMATS)
    try:
        _, base_snap, head_snap = load_states(start, base, head)
    except GitError as exc:
        return _error("diff", exc.message())
    result = diff_snapshots(base_snap, head_snap)
    if format == "json":
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        diff_text(result, Console(highlight=False, soft_wrap=True))
    return 0
