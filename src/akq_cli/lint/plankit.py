"""What the plan-* rules read alike: a plan's nested values by key path.  Not a rule (not in RULE_MODULES)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from akq_cli.core.loader import Node


def node_at(root: Node, *keys: str) -> Node | None:
    """The node at ``keys`` below ``root``, or None where a level is missing or not a mapping."""
    node: Node | None = root
    for key in keys:
        if node is None or not isinstance(node.value, dict):
            return None
        node = node.get(key)
    return node


def number(node: Node | None) -> int | float | None:
    """A YAML number's value (true and false are not numbers), else None."""
    if node is None or isinstance(node.value, bool) or not isinstance(node.value, int | float):
        return None
    return node.value


def present(node: Node | None) -> bool:
    """A value that says something: not missing, null, empty text or an empty list."""
    value: Any = None if node is None else node.value
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return value is not None
