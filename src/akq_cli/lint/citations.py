"""Where an item cites an instrument: its legal_basis documents and every 《title》 in its text.

Read by the two law-register rules (legal-basis-unknown-name, legal-basis-superseded).  Not a rule itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from akq_cli.core.laws import TITLE
from akq_cli.lint.wording import scaffold_marker

if TYPE_CHECKING:
    from akq_cli.core.loader import Node


@dataclass(frozen=True, slots=True)
class Citation:
    node: Node  # the string value the title stands in
    index: int  # where in it
    title: str  # 《…》 as written
    formal: bool  # a legal_basis document: its full registered name, never a short one


# approval names the decision that allowed notification-commitment (approval-missing reads it), not a law
NOT_CITING = frozenset({"approval"})


def citations(root: Node) -> Iterator[Citation]:
    """Every 《title》 of an item, in document order; a legal_basis entry's document is formal.

    Titles still holding akq new's 待填写 are the placeholder rule's.
    """
    if not isinstance(root.value, dict):
        return
    formal: set[int] = set()
    basis = root.get("legal_basis")
    if basis is not None and isinstance(basis.value, list):
        for entry in basis.value:
            doc = entry.get("document")
            if doc is not None and isinstance(doc.value, str):
                formal.add(id(doc))
    for key, value in root.value.items():
        if key in NOT_CITING:
            continue
        for node in value.strings():
            for m in TITLE.finditer(node.value):
                if not scaffold_marker(m.group()):
                    yield Citation(node, m.start(), m.group(), id(node) in formal)
