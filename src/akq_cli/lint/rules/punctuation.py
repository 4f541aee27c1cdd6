"""punctuation: half-width , : ; ( ) ? ! inside Chinese text, where GB/T 15834 wants full-width.

A mark counts as inside Chinese when a Chinese character (or a full-width mark)
stands on one side and Chinese, a digit or the end of the text on the other,
e.g. “材料,身份证”, “电话:0908”, “承诺书(原件)”.  Left alone: URLs and
e-mail addresses, numbers and times (1,000  8:30), English-only text, and
document numbers (doc-number-format reports those).  The fix replaces only
marks and the spaces after them, so it cannot change meaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from akq_cli.core.zhtext import CJK, lazy
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.rules.doc_number_format import NUMBER

FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_CHINESE = lazy(f"[{CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019《》]")
_SKIP = lazy(r"[a-zA-Z][a-zA-Z0-9+.\-]*://\S+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_MARKS = lazy(r"[,:;()?!]")
_PAIR = lazy(r"\(([^()\n]{0,80})\)")


def _chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE.match(ch) is not None


def _skipped(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _SKIP.finditer(text)]
    spans.extend(m.span() for m in NUMBER.finditer(text))
    return spans


def find(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each half-width mark or bracket pair used in Chinese text, in order."""
    skip = _skipped(text)

    def skipped(i: int) -> bool:
        return any(s <= i < e for s, e in skip)

    found: list[tuple[int, int]] = []
    paired: set[int] = set()  # brackets that become full-width count as Chinese for their neighbours
    for m in _PAIR.finditer(text):
        if skipped(m.start()):
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if _CHINESE.search(m.group(1)) or _chinese(before) or _chinese(after):
            paired.update((m.start(), m.end() - 1))
            found.append((m.start(), m.end()))

    def cn(i: int) -> bool:
        return 0 <= i < len(text) and (i in paired or _chinese(text[i]))

    for i, ch in enumerate(text):
        if ch not in FULL or i in paired or skipped(i):
            continue
        j = _after_spaces(text, i + 1)
        left, right = text[i - 1] if i else "", text[j] if j < len(text) else ""
        if ch in "()":
            # A lone bracket: only when it touches Chinese on its open side.
            if (ch == "(" and cn(j)) or (ch == ")" and cn(i - 1)):
                found.append((i, i + 1))
        elif (cn(i - 1) and (not right or cn(j) or right.isdigit())) or (
            cn(j) and left and (left.isdigit() or cn(i - 1))
        ):
            found.append((i, i + 1))
    return iter(sorted(found))


def _after_spaces(text: str, j: int) -> int:
    while j < len(text) and text[j] == " ":
        j += 1
    return j


def fixed_text(text: str) -> str:
    """The text with every reported mark made full-width, and the spaces after a mark removed."""
    out = list(text)
    for start, end in find(text):
        for i in {start, end - 1}:
            out[i] = FULL[text[i]]
        if end - start == 1 and text[start] != "(":
            for j in range(end, _after_spaces(text, end)):
                out[j] = ""
    return "".join(out)


def _check(ctx: ItemContext) -> Iterable[Hit]:
    for node in ctx.root.strings():
        text = node.value
        if not _MARKS.search(text):
            continue
        fix = None
        for start, end in find(text):
            match = text[start:end]
            fix = fix or {"pointer": node.pointer, "value": fixed_text(text)}
            shown = "".join(FULL.get(ch, ch) if k in (0, len(match) - 1) else ch for k, ch in enumerate(match))
            yield Hit(node, {"match": match, "fixed": shown}, index=start, match=match, fix=fix)


RULE = Rule(
    id="punctuation",
    severity="warning",
    summary={
        "zh": "中文里用了半角标点“, : ; ( ) ? !”，应当用全角“，：；（）？！”。",
        "en": "Half-width , : ; ( ) ? ! inside Chinese text, where full-width ，：；（）？！ belong.",
    },
    description={
        "zh": "按照《标点符号用法》（GB/T 15834—2011），中文文本使用全角标点。从 Word、网页或英文输入法复制的文字"
        "常混入半角的逗号、冒号、分号、括号、问号和叹号，印在告知承诺书上很不规范。"
        "这条规则只检查夹在中文里的半角标点：网址、电子邮箱、数字和时间（1,000　8:30）、纯英文文字，"
        "以及文号（由 doc-number-format 规则检查）都不报告。`akq lint --fix` 可以自动改正。",
        "en": "GB/T 15834-2011: Chinese text uses full-width punctuation. Text pasted from Word, web pages or an English "
        "input method often brings half-width commas, colons, semicolons, brackets, question and exclamation marks, "
        "which look wrong on the printed form. Only marks inside Chinese text are reported: URLs, e-mail addresses, "
        "numbers and times (1,000  8:30), English-only text and document numbers (see doc-number-format) are left "
        "alone. `akq lint --fix` corrects them.",
    },
    message={
        "zh": "中文里用了半角标点“{match}”，请改为全角“{fixed}”。",
        "en": "Half-width '{match}' inside Chinese text; use the full-width '{fixed}'.",
    },
    bad=(
        Example(
            "conditions:\n  - text: 申请人共同生活的家庭成员上一年度人均月收入低于法律援助经济困难标准,没有委托代理人。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            note={"zh": "半角逗号", "en": "a half-width comma"},
            fix="conditions:\n  - text: 申请人共同生活的家庭成员上一年度人均月收入低于法律援助经济困难标准，没有委托代理人。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            at=("16:44",),
        ),
        Example(
            "issuer: 申请人户籍所在地或者经常居住地的乡(镇)人民政府\n",
            note={"zh": "半角括号", "en": "half-width brackets"},
            fix="issuer: 申请人户籍所在地或者经常居住地的乡（镇）人民政府\n",
            at=("8:26",),
        ),
    ),
    good=(
        Example(
            "issuer: 申请人户籍所在地或者经常居住地的乡（镇）人民政府\n",
        ),
        Example(
            "disclosure:\n  public: true\n  scope: 在阿合奇县人民政府网站 https://www.akq.gov.cn/ 告知承诺制专栏公开\n"
            "  period: 自作出决定之日起1年\n",
            note={"zh": "网址中的半角标点不报告", "en": "URLs are left alone"},
        ),
    ),
    check=_check,
    fixable=True,
)
