"""Item text built from the sample catalog's real sentences, for ``bench/synth.py --text real``.

Why: the default synthetic items are ~2.4 KB and say the same dozen sentences over
and over, so gzip makes their search data look far smaller than a real catalog's.
The sample's real items are 4.6-14 KB of legal wording, and no two say the same.

How it mimics real items:

- every free-text field that the site or the search reads (title, aliases, matter,
  content, conditions, materials, purpose, issuer, liability, verification power)
  is written by a character Markov chain of order ``ORDER`` trained on that same
  field of the sample catalog (catalog/items): every run of ORDER + 1 characters
  is one the sample really has, so the wording, its terms and its punctuation are
  real, but sentences are recombined at every shared ORDER-character context, so
  items differ and gzip cannot dedupe whole items or sentences;
- each field's length (characters of the title, the content, the conditions taken
  together, the materials; the number of aliases, conditions, materials and legal
  bases) is drawn from the sample's own items, so the lengths are distributed like
  the sample's (content 52-170 characters, conditions 46-270, ...);
- legal bases cite the documents the sample cites, at article numbers drawn from
  1-120 (written in Chinese numerals, as in the sample); conditions are traced to
  one of the item's bases, as the sample's are;
- titles and aliases are unique per catalog (folded), as the alias-duplicate rule
  demands of real ones; (title, matter) is unique within a department.

What it cannot mimic: a real catalog of 10,000 items would draw on a larger
vocabulary (more licence names, places, laws) than the sample's 26 items hold,
so the chain's text repeats more of its short phrases than real text would and
dictionaries built over it stay smaller; and its sentences are plausible only
locally (a clause may start on one subject and end on another), so no test of
meaning should be run on it.  ORDER is chosen so that 26 generated items
compress with gzip -9 like the sample's 26 items do (bench/RESULTS.md).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ORDER = 2
END = "\0"
_FIELDS = ("title", "matter", "content", "purpose", "issuer")
_NUMERALS = "一二三四五六七八九"


class Chain:
    """A character Markov chain over one field's texts."""

    def __init__(self, texts: list[str], order: int = ORDER) -> None:
        self.order = order
        self.texts = [t for t in texts if t]
        self.next: dict[str, list[str]] = defaultdict(list)
        for t in self.texts:
            padded = t + END
            for i in range(len(t) - order + 1):
                self.next[padded[i:i + order]].append(padded[i + order])

    def text(self, rng: random.Random, length: int) -> str:
        """About ``length`` characters: stops at the first end of a real text or sentence past it."""
        out = rng.choice(self.texts)[:self.order]
        while True:
            follow = self.next.get(out[-self.order:])
            c = rng.choice(follow) if follow else END
            if c == END:
                if len(out) >= length // 2:
                    return out
                out += "，" if out[-1] not in "，。；、" else ""
                out += rng.choice(self.texts)[:self.order]
                continue
            out += c
            if (len(out) >= length and c in "。；") or len(out) >= 2 * length + 20:
                return out


def _lengths(items: list[dict[str, Any]], key: str) -> list[int]:
    return [len(i.get(key) or "") for i in items]


def _condition_text(c: Any) -> str:
    return c["text"] if isinstance(c, dict) else str(c)


class RealText:
    """Trained on the sample catalog once; ``apply`` rewrites one synthetic item's text."""

    def __init__(self, sample: Path) -> None:
        items = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(sample.glob("items/*/*.yaml"))]
        self.items = items
        self.chains = {f: Chain([i.get(f) or "" for i in items]) for f in _FIELDS}
        # names are short and few (26 titles, 58 aliases): order 1 over titles and aliases together, so that
        # 10,000 items find different ones
        names = [i["title"] for i in items] + [a for i in items for a in i.get("aliases") or []]
        self.chains["title"] = self.chains["aliases"] = Chain(names, order=1)
        self.chains["conditions"] = Chain([_condition_text(c) for i in items for c in i.get("conditions") or []])
        self.chains["materials"] = Chain([m for i in items for m in i.get("materials") or []])
        for part in ("civil", "administrative", "criminal", "credit"):
            self.chains[part] = Chain([(i.get("liability") or {}).get(part) or "" for i in items])
        self.chains["power"] = Chain([(i.get("verification") or {}).get("power") or "" for i in items])
        self.documents = sorted({(b["document"], b["level"]) for i in items for b in i["legal_basis"]})
        self.seen: set[str] = set()
        self.pairs: set[tuple[str, str, str]] = set()

    def _name(self, rng: random.Random, field: str, length: int, unique: bool) -> str | None:
        """A title or alias: one phrase; unique (folded) in the catalog when it can be, or None when an alias cannot."""
        text = ""
        for _ in range(20):
            text = re.split("[，。；]", self.chains[field].text(rng, length))[0][:length + 2]
            key = re.sub(r"\W+", "", text)
            if key and key not in self.seen:
                self.seen.add(key)
                return text
        return None if unique else text

    def apply(self, rng: random.Random, item: dict[str, Any]) -> None:
        model = rng.choice(self.items)  # the sample item whose lengths this one takes
        item["title"] = self._name(rng, "title", len(model["title"]), unique=False)
        aliases = [self._name(rng, "aliases", len(a), unique=True) for a in model.get("aliases") or []]
        if any(aliases):
            item["aliases"] = [a for a in aliases if a]
        for tries in range(100):
            item["matter"] = self.chains["matter"].text(rng, len(model["matter"])).rstrip("。；，")
            if tries == 99:  # as the default catalog does: a service window of its own
                item["matter"] += f"（第{len(self.pairs)}受理窗口）"
            key = (item["department"], item["title"], item["matter"])
            if key not in self.pairs:
                self.pairs.add(key)
                break
        bases = []
        for _ in model["legal_basis"]:
            doc, level = rng.choice(self.documents)
            article = f"第{_chinese(rng.randint(1, 120))}条"
            if rng.random() < 0.3:
                article += f"第{_NUMERALS[rng.randint(0, 3)]}款"
            bases.append({"document": doc, "article": article, "level": level})
        item["legal_basis"] = bases
        cited = [b["document"] + b["article"] for b in bases]
        item["content"] = self.chains["content"].text(rng, len(model.get("content") or "") or 60)
        conditions = model.get("conditions") or []
        if item["kind"] == "certification" or conditions:
            each = max(20, sum(len(_condition_text(c)) for c in conditions) // max(1, len(conditions)))
            item["conditions"] = [{"text": self.chains["conditions"].text(rng, each), "basis": rng.choice(cited)}
                                  for _ in conditions or [None, None]]
        if item["kind"] == "business_license":
            materials = model.get("materials") or [None, None, None]
            item["materials"] = [self.chains["materials"].text(rng, 12).rstrip("。；，") for _ in materials]
        for key in ("purpose", "issuer"):
            if key in item:
                item[key] = self.chains[key].text(rng, len(model.get(key) or "") or 30).rstrip("。；，")
        for part in ("civil", "administrative", "criminal", "credit"):
            item["liability"][part] = self.chains[part].text(rng, len((model.get("liability") or {}).get(part) or ""))
        item["verification"]["power"] = self.chains["power"].text(rng, len(model["verification"].get("power") or ""))


def _chinese(n: int) -> str:
    """1-120 in Chinese numerals, as articles are written: 十九, 四十一, 一百零五."""
    digits = "零" + _NUMERALS
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + digits[rest] if rest < 10 else "一" + _chinese(rest) if rest < 20 else _chinese(rest))
    return digits[n // 100] + "百" + tail
