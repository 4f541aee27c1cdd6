"""Finding the comments of a YAML file and the value each one belongs to.

`akq fmt` reorders keys and rewrites quoting; a comment must travel with the
key it describes.  We find comments exactly: libyaml's scanner gives the span
of every token, and in YAML whatever lies between tokens is whitespace or a
comment.  Each comment is then attached to a value by its JSON Pointer:

- a comment on its own line (with any blank lines around it) belongs to the
  value whose key or list dash starts on the next line with content;
- a comment at the end of a line belongs to the last value that started on or
  before that line;
- comments before the first key are the file's header (the
  ``# yaml-language-server`` line lives there), those after the last value its
  footer.

Runs of blank lines are kept as one blank line, so that groups staff made stay
visible without the layout depending on how many blank lines someone typed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from akq_cli.core.loader import Document, Node

Line = str | None  # a comment's text (starting with '#'), or None for a blank line
HEADER_COMMENT = re.compile(r"[ \t](#[^\n]*)")


@dataclass
class Comments:
    header: list[Line] = field(default_factory=list)
    leading: dict[str, list[Line]] = field(default_factory=dict)  # pointer -> lines before the value
    eol: dict[str, list[str]] = field(default_factory=dict)  # pointer -> end-of-line comments
    trailing: dict[str, list[Line]] = field(default_factory=dict)  # pointer -> lines after the value
    footer: list[Line] = field(default_factory=list)

    def texts(self) -> list[str]:
        """Every comment, sorted: what must survive a rewrite."""
        found: list[str] = [c for c in self.header + self.footer if c is not None]
        for group in (self.leading, self.trailing):
            for lines in group.values():
                found.extend(c for c in lines if c is not None)
        for eols in self.eol.values():
            found.extend(eols)
        return sorted(found)


def _collapse(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for ln in lines:
        if ln is None and out and out[-1] is None:
            continue
        out.append(ln)
    return out


def _strip(lines: list[Line]) -> list[Line]:
    lines = _collapse(lines)
    while lines and lines[0] is None:
        lines.pop(0)
    while lines and lines[-1] is None:
        lines.pop()
    return lines


def entries(root: Node) -> list[tuple[int, str, bool]]:
    """(line, pointer, is a mapping key) of every key and list item below the root, in document order."""
    found: list[tuple[int, str, bool]] = []

    def visit(node: Node) -> None:
        v = node.value
        if isinstance(v, dict):
            for child in v.values():
                found.append((child.key_line or child.line, child.pointer, True))
                visit(child)
        elif isinstance(v, list):
            for child in v:
                found.append((child.line, child.pointer, False))
                visit(child)

    visit(root)
    return found


def extract(doc: Document) -> Comments:
    """The comments of a parsed document, each attached to a value (see the module docs)."""
    import yaml

    text = doc.text
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    n_lines = len(line_starts)

    def line_of(index: int) -> int:
        return bisect.bisect_right(line_starts, index)  # 1-based

    content = [False] * (n_lines + 2)
    full_line: dict[int, str] = {}
    end_of_line: dict[int, str] = {}
    prev_end = 0

    def scan_gap(start: int, end: int) -> None:
        i = text.find("#", start, end)
        while i != -1:
            stop = text.find("\n", i, end)
            stop = end if stop == -1 else stop
            body = text[i:stop].rstrip("\r").rstrip()
            ln = line_of(i)
            if text[line_starts[ln - 1] : i].strip():
                end_of_line[ln] = body
            else:
                full_line[ln] = body
            i = text.find("#", stop, end)

    if "#" not in text and doc.root is not None:
        # No comments at all (most generated files): only blank lines matter, and the
        # parsed values already tell which lines multi-line text covers.  Skips the scanner.
        for ln in range(1, n_lines + 1):
            end = line_starts[ln] if ln < n_lines else len(text)
            content[ln] = bool(text[line_starts[ln - 1] : end].strip())
        for node in doc.root.walk():
            if not isinstance(node.value, (dict, list)) and node.end > node.start:
                for ln in range(line_of(node.start), line_of(node.end - 1) + 1):
                    content[ln] = True
    else:
        for tok in yaml.scan(text, Loader=loader):
            start, end = tok.start_mark.index, tok.end_mark.index
            if end <= start:
                continue
            if start > prev_end:
                scan_gap(prev_end, start)
            for ln in range(line_of(start), line_of(end - 1) + 1):
                content[ln] = True
            if getattr(tok, "style", None) in ("|", ">"):
                # `key: |  # note`: libyaml counts the header's comment as part of the block scalar
                stop = text.find("\n", start, end)
                m = HEADER_COMMENT.search(text, start, end if stop == -1 else stop)
                if m:
                    end_of_line[line_of(m.start(1))] = m.group(1).rstrip()
            prev_end = max(prev_end, end)
        if prev_end < len(text):
            scan_gap(prev_end, len(text))

    result = Comments()
    root = doc.root
    ents = entries(root) if root is not None else []
    first_on_line: dict[int, str] = {}
    # An end-of-line comment describes the key on its line (`methods: [a, b]  # …`,
    # `- document: …  # …`), not the list items that happen to start there too.
    key_on_line: dict[int, str] = {}
    for ln, ptr, is_key in ents:
        first_on_line.setdefault(ln, ptr)
        if is_key:
            key_on_line[ln] = ptr
    ent_lines = [ln for ln, _, _ in ents]

    def last_started(ln: int) -> str | None:
        # entries are in document order, and document order follows line order
        i = bisect.bisect_right(ent_lines, ln) - 1
        return ents[i][1] if i >= 0 else None

    first_entry_line = ents[0][0] if ents else n_lines + 1
    pending: list[Line] = []
    for ln in range(1, n_lines + 1):
        if ln in full_line:
            pending.append(full_line[ln])
            continue
        if not content[ln]:
            pending.append(None)
            continue
        if ln <= first_entry_line:
            result.header.extend(pending)
        elif pending:
            target = first_on_line.get(ln)
            if target is not None:
                result.leading.setdefault(target, []).extend(pending)
            else:
                owner = last_started(ln)
                if owner is None:
                    result.header.extend(pending)
                else:
                    result.trailing.setdefault(owner, []).extend(pending)
        pending = []
        if ln in end_of_line:
            owner = key_on_line.get(ln) or last_started(ln)
            if owner is None:
                result.header.append(end_of_line[ln])
            else:
                result.eol.setdefault(owner, []).append(end_of_line[ln])
    result.footer = _strip(pending)
    result.header = _collapse(result.header)
    while result.header and result.header[0] is None:
        result.header.pop(0)
    for group in (result.leading, result.trailing):
        for ptr in list(group):
            group[ptr] = _collapse(group[ptr])
    return result
