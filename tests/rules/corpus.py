"""Scoring the vague-term and catch-all readers against the labelled corpus (tests/corpus/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RULES = ("vague-term", "catch-all")

# A reader returns the (start, end) spans it flags in a text.
Reader = Callable[[str], list[tuple[int, int]]]


@dataclass
class Score:
    tp: int = 0  # found spans that overlap an expected one
    fp: int = 0
    fn: int = 0  # expected substrings nobody found
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        found = self.tp
        return found / (found + self.fn) if found + self.fn else 1.0

    def line(self, name: str) -> str:
        return f"{name:12} precision {self.precision:.3f}  recall {self.recall:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def load(names: tuple[str, ...] = ("vague", "catch_all", "lookalikes")) -> list[dict]:
    entries: list[dict] = []
    for name in names:
        for entry in yaml.safe_load((CORPUS / f"{name}.yaml").read_text("utf-8")):
            entry["file"] = name
            entries.append(entry)
    return entries


def expected_spans(text: str, subs: list[str]) -> list[tuple[int, int]]:
    """Locate the expected substrings in order, each after the previous one's start."""
    spans, pos = [], 0
    for sub in subs:
        i = text.find(sub, pos)
        if i == -1:
            raise ValueError(f"{sub!r} not in {text!r}")
        spans.append((i, i + len(sub)))
        pos = i + 1
    return spans


def score(entries: list[dict], rule: str, reader: Reader) -> Score:
    s = Score()
    for entry in entries:
        text = entry["text"]
        expected = expected_spans(text, entry.get(rule) or [])
        found = reader(text)
        matched: set[int] = set()
        for f0, f1 in found:
            hit = next((i for i, (e0, e1) in enumerate(expected) if i not in matched and f0 < e1 and e0 < f1), None)
            if hit is None:
                s.fp += 1
                s.misses.append(f"FP {rule}: {text} -> {text[f0:f1]!r}")
            else:
                matched.add(hit)
                s.tp += 1
        for i, (e0, e1) in enumerate(expected):
            if i not in matched:
                s.fn += 1
                s.misses.append(f"FN {rule}: {text} -> {text[e0:e1]!r}")
    return s


def readers() -> dict[str, Reader]:
    """The two rules' readers, as `akq lint` runs them with no akq.toml."""
    from akq_cli.core import zhtext

    return {
        "vague-term": lambda t: [(m.start, m.end) for m in zhtext.find_vague(t)],
        "catch-all": lambda t: [(m.start, m.end) for m in zhtext.find_catch_all(t)],
    }


def report(names: tuple[str, ...] = ("vague", "catch_all", "lookalikes", "holdout", "holdout2")) -> dict[str, Score]:
    entries = load(names)
    return {rule: score(entries, rule, reader) for rule, reader in readers().items()}


# Real published wording (tests/corpus/real/): tuned on train only; heldout is measured, never tuned on.
REAL_TRAIN = ("real/train",)
REAL_HELDOUT = ("real/heldout",)


if __name__ == "__main__":  # python tests/rules/corpus.py [FILE …]: print the figures and every miss
    import sys

    if sys.argv[1:]:
        for rule, s in report(tuple(sys.argv[1:])).items():
            print(s.line(rule))
            for miss in s.misses:
                print("   ", miss)
    else:  # the figures the README quotes; misses only for the files rules may be tuned on
        for title, names, misses in (
            ("own corpus", ("vague", "catch_all", "lookalikes", "holdout", "holdout2"), True),
            ("real text, training part", REAL_TRAIN, True),
            ("real text, held-out part (misses: python tests/rules/corpus.py real/heldout)", REAL_HELDOUT, False),
        ):
            print(f"{title}:")
            for rule, s in report(names).items():
                print("  " + s.line(rule))
                for miss in s.misses if misses else ():
                    print("     ", miss)
