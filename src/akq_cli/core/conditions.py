"""The conditions an applicant commits to, each with the articles it rests on (issue 10.2).

A condition is written either as a plain text (untraced) or as ``{text, basis}``, where basis is
one citation ``《document》第N条[第M款][第K项]`` or a list of them.  Every reader (form, site,
open data, rules, review) takes the conditions through ``conditions_of`` so that both forms
read alike.  Plain data only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NUM = "[一二三四五六七八九十百千零〇两0-9０-９]+"
# 《document》第N条, optionally 第M款 and 第K项; “之一” articles (第二百八十条之一) included.
CITATION = re.compile(rf"^(《[^《》]+》)(第{_NUM}条(?:之{_NUM})?(?:第{_NUM}款)?(?:第[（(]?{_NUM}[）)]?项)?)$")


@dataclass(frozen=True)
class Condition:
    text: str
    bases: tuple[str, ...]  # the citations as written; empty: untraced


@dataclass(frozen=True)
class Citation:
    document: str  # with its 《》, as legal_basis writes it
    article: str  # 第N条[第M款][第K项]

    @property
    def article_only(self) -> str:
        """第N条 (with 之N): what legal_basis entries usually cite, whatever the paragraph."""
        m = re.match(rf"第{_NUM}条(?:之{_NUM})?", self.article)
        return m.group(0) if m else self.article


def parse_citation(text: str) -> Citation | None:
    """The document and article of one basis citation, or None when it is not of the form 《…》第N条…."""
    m = CITATION.match(text.strip())
    return Citation(m.group(1), m.group(2)) if m else None


def _bases(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list):
        return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())
    return ()


def conditions_of(value: Any) -> list[Condition]:
    """The conditions of an item's ``conditions`` value, plain texts and mappings alike; anything else is skipped."""
    out = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, str) and entry.strip():
            out.append(Condition(entry.strip(), ()))
        elif isinstance(entry, dict) and isinstance(entry.get("text"), str) and entry["text"].strip():
            out.append(Condition(entry["text"].strip(), _bases(entry.get("basis"))))
    return out


def texts(value: Any) -> list[str]:
    """Just the conditions' texts, as the form and the wording rules read them."""
    return [c.text for c in conditions_of(value)]
