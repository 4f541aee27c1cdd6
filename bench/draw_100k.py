"""How long `akq draw` takes over a register of 100,000 targets (target: under 2 s).

Writes a synthetic plan and registers to a temporary folder, then times the draw
(hashing and parsing the register, seeding, ranking, drawing inspectors) and a
verify, each the best of three.  Run: PYTHONPATH=src python bench/draw_100k.py [N]
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's akq_cli

from akq_cli.draw.transcript import draw, dumps
from akq_cli.draw.verify import verify
from akq_cli.lint.examples import PLAN

SEED = "03 11 15 20 27 33 / 08"


def setup(folder: Path, n: int) -> Path:
    plans = folder / "plans" / "2025"
    (plans / "registers").mkdir(parents=True)
    targets = "统一社会信用代码,名称,事项编号\n" + "".join(
        f"91653000SAMPLE{i:06d},样例企业{i}（示例）,RSJ-XK-00{i % 5 + 1}\n" for i in range(n)
    )
    inspectors = "执法证号,姓名,回避对象\n" + "".join(f"ZF{i:03d},人员{i},\n" for i in range(40))
    files = {"RSJ-1-targets.csv": targets, "RSJ-inspectors.csv": inspectors}
    text = PLAN.replace("ratio: 0.2", "ratio: 0.03")
    for name, body in files.items():
        (plans / "registers" / name).write_text(body, encoding="utf-8")
    text = text.replace("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", hashlib.sha256(targets.encode()).hexdigest())
    text = text.replace("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", hashlib.sha256(inspectors.encode()).hexdigest())
    (plans / "RSJ-1.yaml").write_text(text, encoding="utf-8")
    return plans / "RSJ-1.yaml"


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        plan = setup(Path(tmp), n)
        out = Path(tmp) / "draw.json"
        drawn = best(lambda: out.write_bytes(dumps(draw(plan, SEED, relative_to=out.parent))))
        checked = best(lambda: verify(out))
    print(f"draw over {n:,} targets: {drawn:.2f} s; verify: {checked:.2f} s (target: draw under 2 s)")
    return 0 if drawn < 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
