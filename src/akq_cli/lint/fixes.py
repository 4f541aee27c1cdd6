"""`akq lint --fix` and the punctuation part of `akq fmt`: apply the fixes that cannot change meaning.

A rule offers a fix as ``Finding.fix = {"pointer": …, "value": …}``: the new
string for the value at that JSON Pointer.  We apply only fixes of the rules in
``SAFE_RULES`` (half-width punctuation, document-number brackets), and only
when the old and new text differ in punctuation and spaces alone; any other
fix a rule might offer is ignored, because a reviewer must see wording changes.

The edit goes through ruamel.yaml's round trip (akq_cli.fmt.roundtrip), in
the value's own quoting style where possible, so a fix touches nothing else:
comments, key order and every other line stay as they were.  The result is
parsed again and compared with what we meant to write before anything is
written, and files are written atomically.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core import invisible, timing
from akq_cli.core.loader import Document, read_document
from akq_cli.core.state import read_regular
from akq_cli.fmt import roundtrip
from akq_cli.lint.config import LintConfig
from akq_cli.lint.rules.control_character import escapes

SAFE_RULES = ("punctuation", "doc-number-format", "control-character", "timing-unreadable")
MAX_ROUNDS = 8  # rules may offer one fix per match; each round applies one fix per value


def _skeleton(text: str) -> str:
    """``text`` without punctuation and spaces, full-width digits as ASCII: what a safe fix must not change."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "Z")) and not ch.isspace())


def meaning_kept(old: str, new: str) -> bool:
    return _skeleton(old) == _skeleton(new)


def _punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _tokens(text: str) -> list[str]:
    """Runs of text, and single punctuation marks with the spaces after them."""
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i + 1
        if _punct(text[i]):
            while j < len(text) and text[j] == " ":
                j += 1
        else:
            while j < len(text) and not _punct(text[j]):
                j += 1
        out.append(text[i:j])
        i = j
    return out


def safe_part(old: str, new: str) -> str:
    """The part of a rule's fix that changes only punctuation and spacing.

    A rule may propose more in one value (doc-number-format also drops 第 and
    leading zeros of a serial number); those edits stay for a person to make,
    while the brackets next to them are still fixed.
    """
    import difflib

    a, b = _tokens(old), _tokens(new)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(a[i1:i2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            out.extend(y if meaning_kept(x, y) else x for x, y in zip(a[i1:i2], b[j1:j2], strict=True))
        elif meaning_kept("".join(a[i1:i2]), "".join(b[j1:j2])):
            out.extend(b[j1:j2])
        else:
            out.extend(a[i1:i2])
    return "".join(out)


def safe_config(config: LintConfig | None) -> LintConfig | None:
    """The configuration that runs only the enabled safe-fix rules (None: none of them)."""
    from akq_cli.lint.registry import all_rules

    config = config or LintConfig()
    rules = all_rules()
    chosen = frozenset(r for r in SAFE_RULES if r in rules and rules[r].fixable and config.enabled(r))
    if not chosen:
        return None
    return dataclasses.replace(config, select=chosen)


def collect(doc: Document, config: LintConfig | None) -> dict[str, Any]:
    """pointer -> new text, at most one fix per value, from the safe rules only."""
    from akq_cli.lint.engine import lint_document

    cfg = safe_config(config)
    if cfg is None or doc.root is None:
        return {}
    edits: dict[str, Any] = {}
    for f in lint_document(doc, str(doc.path), cfg).findings:
        fix = f.fix
        if f.rule not in SAFE_RULES or not isinstance(fix, dict):
            continue
        pointer, value = fix.get("pointer"), fix.get("value")
        if not isinstance(pointer, str) or pointer in edits:
            continue
        node = doc.root.at(pointer)
        if node is None or not isinstance(node.value, str):
            continue
        if isinstance(value, dict):
            # timing-unreadable: an old free text becomes the mapping it plainly says, read again here
            parsed = timing.parse_text(node.value) if f.rule == "timing-unreadable" else None
            if parsed is not None and parsed.mapping() == value:
                edits[pointer] = value
            continue
        if not isinstance(value, str):
            continue
        value = safe_part(node.value, value)
        if value != node.value and meaning_kept(node.value, value):
            edits[pointer] = value
    return edits


def apply_edits(doc: Document, edits: dict[str, Any]) -> str:
    """The document's text with each pointer's value replaced; raises ValueError if it would not read back."""
    return roundtrip.edit(doc, edits)


@dataclass
class FixResult:
    changed: list[Path] = field(default_factory=list)
    count: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)


def without_invisible(doc: Document) -> tuple[str, int]:
    """(text, characters removed): the file without invisible and control characters, raw or escaped.

    Edits the raw text, not values, so it repairs a file that does not parse,
    and every other byte stays as it was.  Raw characters go first; escapes in
    double-quoted values are found once the file parses.
    """
    if not doc.text or any(p.code == "nul-byte" for p in doc.problems):
        return doc.text, 0  # not text: nothing to repair character by character
    count = sum(1 for _ in invisible.find(doc.text))
    text = invisible.clean_file(doc.text) if count else doc.text
    if count:
        doc = read_document(doc.path, text.encode("utf-8"))
    found = list(escapes(doc))
    for offset, written, ch in reversed(found):
        text = text[:offset] + (" " if ch in invisible.SPACE else "") + text[offset + len(written) :]
    return text, count + len(found)


def fix_document(doc: Document, config: LintConfig | None) -> tuple[str, int]:
    """(new text, number of values or characters fixed) after applying safe fixes until none are left."""
    text, count = doc.text, 0
    if (config or LintConfig()).enabled("control-character"):
        text, count = without_invisible(doc)
        if count:
            doc = read_document(doc.path, text.encode("utf-8"))
    if doc.root is None or any(p.fatal for p in doc.problems):
        return text, count
    for _ in range(MAX_ROUNDS):
        edits = collect(doc, config)
        if not edits:
            break
        text = apply_edits(doc, edits)
        count += len(edits)
        doc = read_document(doc.path, text.encode("utf-8"))
    return text, count


def fix_files(files: list[Path], config: LintConfig | None) -> FixResult:
    """Apply safe fixes to ``files`` in place, each file written atomically."""
    from akq_cli.core.files import atomic_write_text

    result = FixResult()
    if safe_config(config) is None:
        return result
    for path in files:
        try:
            data = read_regular(path)  # never write through a symlink or into a FIFO from a merge request
        except OSError as exc:
            result.failed.append((path, exc.strerror or str(exc)))
            continue
        doc = read_document(path, data)
        if not doc.text:
            continue  # lint reports why it cannot read the file (too large, not UTF-8)
        try:
            text, count = fix_document(doc, config)
        except ValueError:
            result.failed.append((path, "fix-unsafe"))
            continue
        if count and text != doc.text:
            bom = data.startswith(b"\xef\xbb\xbf")
            atomic_write_text(path, text, bom=bom)
            result.changed.append(path)
            result.count += count
    return result


def run_fix(files: list[Path], config: LintConfig | None) -> None:
    """`akq lint --fix`: apply the safe fixes and say on stderr what changed."""
    from rich.console import Console

    from akq_cli.core.i18n import pick
    from akq_cli.core.paths import display_path

    result = fix_files(files, config)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for path in result.changed:
        err.print(pick({"zh": f"已修正：{display_path(path)}", "en": f"fixed: {display_path(path)}"}))
    for path, why in result.failed:
        reason = (
            pick({"zh": "修正后无法保证内容不变，未修改", "en": "the fix could not be applied safely; file left unchanged"})
            if why == "fix-unsafe"
            else why
        )
        err.print(f"[yellow]akq lint --fix:[/] {display_path(path)}: {reason}")
    if result.count:
        err.print(
            pick(
                {
                    "zh": f"自动修正了 {result.count} 处标点、文号括号、不可见字符或旧写法的核查时限（{len(result.changed)} 个文件）。其余问题需要人工修改：",
                    "en": f"Fixed {result.count} punctuation, bracket, invisible-character or old verification-deadline problem(s) in {len(result.changed)} file(s). The rest need a person:",
                }
            )
        )
