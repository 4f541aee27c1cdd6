"""The draw's seed, fixed in advance from public random values as RFC 3797 fixes a NomCom's.

The public values (the numbers of a named lottery drawing, a beacon's output)
are entered as printed, one source after another separated by ``/``, values by
spaces or commas: ``03 11 15 20 27 33 / 08``.  Their canonical form, as in
RFC 3797: within each source the values sorted (the order the balls came out
does not matter), each written without leading zeros and followed by ``.``,
each source followed by ``/``: ``3.11.15.20.27.33./8./``.  A value that is not
a number (a beacon's hex output) is written in upper case.

The seed is SHA-256 (where RFC 3797 used MD5) of that canonical form together
with the SHA-256 of the plan file and of every register, so a seed belongs to
exactly these inputs: change a byte of any of them and every rank changes.
"""

from __future__ import annotations

import hashlib
import re

from akq_cli.draw.errors import DrawError

ALGORITHM = "akq-draw/1"
_VALUE = re.compile(r"^[0-9A-Za-z]+$")


def canonical(values: str) -> str:
    """The RFC 3797 canonical form of public random values as entered."""
    sources = [s for s in (part.strip() for part in values.split("/")) if s]
    if not sources:
        raise DrawError(
            {
                "zh": "没有输入公开随机数（--seed-values）。请按公布的号码录入，例如双色球：--seed-values '03 11 15 20 27 33 / 08'。",
                "en": "No public random values (--seed-values). Enter them as published, e.g. '03 11 15 20 27 33 / 08'.",
            }
        )
    out = []
    for source in sources:
        tokens = [v for v in re.split(r"[\s,，、]+", source) if v]
        bad = [v for v in tokens if not _VALUE.match(v)]
        if bad:
            raise DrawError(
                {
                    "zh": f"公开随机数中的“{bad[0]}”不是数字或字母：每个号码用空格或逗号分开，不同来源用 / 分开。",
                    "en": f"'{bad[0]}' in the public values is not a number or letters: separate values by spaces, sources by /.",
                }
            )
        numbers = sorted(int(v) for v in tokens if v.isdigit())
        words = sorted(v.upper() for v in tokens if not v.isdigit())
        out.append("".join(f"{v}." for v in [*map(str, numbers), *words]) + "/")
    return "".join(out)


def make_seed(canonical_values: str, plan_sha256: str, register_sha256: list[str], inspectors_sha256: str) -> str:
    """The seed (64 hex digits) of a draw of these exact inputs."""
    text = "\n".join(
        [
            ALGORITHM,
            canonical_values,
            f"plan {plan_sha256}",
            *(f"register {sha}" for sha in register_sha256),
            f"inspectors {inspectors_sha256}",
            "",
        ]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
