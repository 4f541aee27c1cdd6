"""What several policy rules read alike: which values of an item are wording, and which text
only stands in for content (a placeholder).  Not a rule itself (not in RULE_MODULES)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from akq_cli.core import fields, vocab
from akq_cli.core.zhtext import lazy
from akq_cli.lint.rules.placeholder import MARKERS

if TYPE_CHECKING:
    from akq_cli.core.loader import Node

# Keys whose values are codes, enums, dates or citations rather than requirement wording (the
# registry's wording=False). legal_basis and approval quote other documents' titles:
# legal-basis-unspecific reads them.
NOT_WORDING = frozenset(f.key for f in fields.ITEM if not f.wording)


def wording(root: Node) -> Iterator[Node]:
    """Every string of an item that states a requirement, a liability or a procedure."""
    if not isinstance(root.value, dict):
        return
    for key, node in root.value.items():
        if key == "conditions" and isinstance(node.value, list):
            # a condition's basis is a citation, which condition-basis-unknown reads, not wording
            for entry in node.value:
                text = entry.get("text") if isinstance(entry.value, dict) else entry
                if text is not None:
                    yield from text.strings()
        elif key not in NOT_WORDING:
            yield from node.strings()


# Statuses under which an item's conditions and commitment are history: it makes no form, so nothing in
# it can still be traced or filled in (condition-untraced, fill-in-missing, fill-in-orphaned).
HISTORY = frozenset({*vocab.STOPPED, "repealed"})


def is_history(root: Node) -> bool:
    """Whether the item is withdrawn, suspended or repealed."""
    status = root.get("status") if isinstance(root.value, dict) else None
    return status is not None and isinstance(status.value, str) and status.value in HISTORY  # any shape: the schema reports it


def commitment_text(root: Node) -> Iterator[Node]:
    """The strings that say what the applicant commits to or writes: the conditions' texts (not their
    bases), the content, and the commitment's own texts (fill-in-missing, fill-in-orphaned)."""
    if not isinstance(root.value, dict):
        return
    conditions = root.get("conditions")
    for entry in conditions.value if conditions is not None and isinstance(conditions.value, list) else []:
        text = entry.get("text") if isinstance(entry.value, dict) else entry
        if text is not None and isinstance(text.value, str):
            yield text
    for key in ("content", "commitment"):
        node = root.get(key)
        if node is not None:
            yield from node.strings()


# What staff write when they have nothing to write.  `akq new`'s own markers (待填写 …)
# belong to the placeholder rule, which reports them once.
_PLACEHOLDER_WORDS = frozenset(
    {
        "无",
        "暂无",
        "待定",
        "待补充",
        "待完善",
        "待确认",
        "略",
        "同上",
        "见附件",
        "详见附件",
        "另见附件",
        "见附表",
        "不适用",
        "空",
        "TBD",
        "NA",
        "N/A",
        "NONE",
        "NULL",
    }
)
_FILLER = lazy(r"[\s。．.，,、；;：:（）()【】\[\]…—\-_/\\×＊*?？]")
_ATTACHMENT = lazy(r"^(?:详|另|参)?见(?:附件|附表|附录)[一二三四五六七八九十0-9]*$")


def scaffold_marker(value: str) -> bool:
    """Text `akq new` left to be filled in: the placeholder rule reports it, no other rule."""
    return any(marker in value for marker in MARKERS)


def placeholder(value: str) -> bool:
    """True for text that only stands in for content: 无, 待定, ……, 略, 见附件, xxx."""
    if scaffold_marker(value):
        return False
    core = _FILLER.sub("", value)
    if not core.strip("xX"):
        return True
    return core.upper() in _PLACEHOLDER_WORDS or _ATTACHMENT.match(core) is not None
