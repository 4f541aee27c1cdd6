"""Patterns with context (akq_cli.core.zhtext) against a word segmenter, on the labelled corpus.

Why vague-term and catch-all read context instead of segmenting: this prints precision,
recall and start-up cost of each reader.  jieba and rjieba are not dependencies of akq;
install them in a scratch environment to run this:

    python3 -m venv /tmp/seg && /tmp/seg/bin/pip install jieba rjieba pyyaml
    PYTHONPATH=src:tests/rules /tmp/seg/bin/python bench/zh_segmenter.py

A segmenter reader flags a token that is a vague word (so 等级 and 平等, one token each,
are not 等) and, for catch-all, 其他 followed within a few tokens by 材料/情形/… .
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable

from corpus import Reader, load, score  # tests/rules/corpus.py

VAGUE_WORDS = frozenset(
    "等 等等 其他 其它 有关 相关 必要时 必要 确有必要 原则上 视情况 视具体情况 酌情 适当 适时 及时 尽快 尽早 一定 若干 "
    "较大 较多 较高 较长 较好 较强 较严重 基本 左右 大约 大概 大致 约 一般 近期 一段时间 另行".split()
)
OBJECTS = frozenset("材料 证明 证明材料 资料 文件 证明文件 条件 情形 情况 事项 要求 证件 手续".split())


def token_readers(tokenize: Callable[[str], list[tuple[str, int, int]]]) -> dict[str, Reader]:
    def vague(text: str) -> list[tuple[int, int]]:
        return [(s, e) for w, s, e in tokenize(text) if w in VAGUE_WORDS]

    def catch_all(text: str) -> list[tuple[int, int]]:
        tokens = tokenize(text)
        out = []
        for i, (w, s, _) in enumerate(tokens):
            if w in ("其他", "其它"):
                for w2, _, e2 in tokens[i + 1 : i + 7]:
                    if w2 in OBJECTS:
                        out.append((s, e2))
                        break
        for phrase in ("包括但不限于", "不限于"):
            i = text.find(phrase)
            if i != -1:
                out.append((i, i + len(phrase)))
                break
        return out

    return {"vague-term": vague, "catch-all": catch_all}


def startup(statement: str) -> float:
    """Wall seconds for a fresh interpreter to run ``statement`` (import and first use)."""
    cmd = [sys.executable, "-c", statement]
    best = min(_timed(cmd) for _ in range(3))
    base = min(_timed([sys.executable, "-c", "pass"]) for _ in range(3))
    return best - base


def _timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    entries = load(("vague", "catch_all", "lookalikes", "holdout", "holdout2"))
    texts = [e["text"] for e in entries]
    methods: dict[str, tuple[dict[str, Reader], str]] = {}
    from akq_cli.core import zhtext

    methods["patterns with context (akq)"] = (
        {
            "vague-term": lambda t: [(m.start, m.end) for m in zhtext.find_vague(t)],
            "catch-all": lambda t: [(m.start, m.end) for m in zhtext.find_catch_all(t)],
        },
        "import akq_cli.core.zhtext as z; z.find_vague('申请人提交身份证等材料')",
    )
    if importlib.util.find_spec("jieba"):
        import jieba

        jieba.setLogLevel(60)
        methods["jieba 0.42 tokens"] = (
            token_readers(lambda t: list(jieba.tokenize(t))),
            "import jieba; jieba.setLogLevel(60); jieba.lcut('申请人提交身份证等材料')",
        )
    if importlib.util.find_spec("rjieba"):
        import rjieba

        methods["rjieba tokens"] = (
            token_readers(rjieba.tokenize),
            "import rjieba; rjieba.cut('申请人提交身份证等材料')",
        )
    print(f"{len(entries)} snippets\n")
    print(f"{'reader':30} {'vague P':>8} {'vague R':>8} {'catch P':>8} {'catch R':>8} {'start-up':>9} {'per 1k':>8}")
    for name, (readers, warmup) in methods.items():
        s_v = score(entries, "vague-term", readers["vague-term"])
        s_c = score(entries, "catch-all", readers["catch-all"])
        t = time.perf_counter()
        for _ in range(4):
            for text in texts:
                readers["vague-term"](text)
                readers["catch-all"](text)
        per_k = (time.perf_counter() - t) / (4 * len(texts)) * 1000
        up = startup(warmup)
        print(
            f"{name:30} {s_v.precision:8.3f} {s_v.recall:8.3f} {s_c.precision:8.3f} {s_c.recall:8.3f}"
            f" {up * 1000:7.0f}ms {per_k * 1000:6.1f}ms"
        )


if __name__ == "__main__":
    main()
