"""The deterministic SHA-256 sampler (in the style of Rivest's sampler): same seed, same draw, anywhere.

Each target's score is ``SHA-256(seed + "," + id)`` read as a 256-bit number;
a stratum's targets are ranked by score, lowest first, and the first k drawn.
Nobody chooses the order: it follows from the seed, which follows from public
values that did not exist when the registers were fixed.

Weighting by credit class (integer weight w) gives a target w tickets,
``SHA-256(seed + "," + id)`` and ``SHA-256(seed + "," + id + "," + j)`` for
j = 1 … w-1, and scores it by the lowest.  The lowest of w uniform values is
distributed as 1 - U^(1/w), so this is exactly Efraimidis and Spirakis's
weighted sampling without replacement, in integers (no floating point that
could differ between machines).  With w = 1 it is the plain score.

Inspectors are ranked per target the same way, by
``SHA-256(seed + ",inspector," + target + "," + inspector)``, leaving out
those who must recuse from that target, and the first n drawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

_ROUNDING = {"up": ROUND_CEILING, "down": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


def score(seed: str, target: str, weight: int = 1) -> int:
    prefix = f"{seed},{target}".encode()
    best = int.from_bytes(hashlib.sha256(prefix).digest(), "big")
    for j in range(1, weight):
        best = min(best, int.from_bytes(hashlib.sha256(prefix + f",{j}".encode()).digest(), "big"))
    return best


def inspector_score(seed: str, target: str, inspector: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed},inspector,{target},{inspector}".encode()).digest(), "big")


def how_many(size: int, *, ratio: float | None, count: int | None, rounding: str, minimum: int) -> int:
    """Targets to draw from a stratum of ``size``: exact decimal arithmetic (0.05 × 100 is 5, not 5.000000000000001)."""
    if size == 0:
        return 0
    if count is not None:
        return min(count, size)
    k = int((Decimal(str(ratio)) * size).to_integral_value(_ROUNDING[rounding]))
    return min(size, max(k, minimum))


@dataclass(frozen=True)
class Target:
    id: str
    stratum: str
    weight: int = 1


def draw_targets(
    seed: str, targets: Iterable[Target], *, ratio: float | None, count: int | None, rounding: str, minimum: int
) -> tuple[list[Target], dict[str, tuple[int, int]]]:
    """(the drawn targets, by stratum in name order and by rank; {stratum: (size, drawn)})."""
    strata: dict[str, list[tuple[int, Target]]] = {}
    base = hashlib.sha256(f"{seed},".encode())  # the seed's prefix hashed once, copied per target (the same digest)
    for t in targets:
        if t.weight == 1:
            h = base.copy()
            h.update(t.id.encode())
            value = int.from_bytes(h.digest(), "big")
        else:
            value = score(seed, t.id, t.weight)
        strata.setdefault(t.stratum, []).append((value, t))
    chosen: list[Target] = []
    sizes: dict[str, tuple[int, int]] = {}
    for name in sorted(strata):
        ranked = sorted(strata[name], key=lambda st: (st[0], st[1].id))
        k = how_many(len(ranked), ratio=ratio, count=count, rounding=rounding, minimum=minimum)
        chosen.extend(t for _, t in ranked[:k])
        sizes[name] = (len(ranked), k)
    return chosen, sizes


def draw_inspectors(seed: str, target: str, inspectors: Iterable[str], recusing: set[str], n: int) -> list[str]:
    """The first ``n`` eligible inspectors for ``target`` by rank (fewer when too few are eligible: the caller says so)."""
    eligible = [i for i in inspectors if i not in recusing]
    return sorted(eligible, key=lambda i: (inspector_score(seed, target, i), i))[:n]
