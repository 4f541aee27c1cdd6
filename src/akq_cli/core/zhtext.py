"""Reading Chinese requirement text: vague wording and catch-all clauses.

`vague-term` and `catch-all` must tell 等 (etc.) from 等级, 其他 from 其他组织,
有关规定 from 有关规定《…》第…条.  A segmenter does not settle that (jieba
splits 等级 correctly but also leaves 等 alone in 北京、上海等3个城市, and it
costs about a second to load its dictionary); what settles it is the context
around the word.  So each term has a small context test, written against the
labelled corpus in tests/corpus/ (bench/zh_segmenter.py compares this with a
jieba-based reading).

Positions are character offsets into the text; callers map them to lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


class LazyPattern:
    """A regular expression compiled on first use.

    A character class with Chinese characters costs 1-5 ms to compile (sre builds a
    64K-entry map), there are dozens of them, and most only matter once a candidate
    word has been found: compiling them all at import would cost `akq lint one-file`
    tens of milliseconds of its 0.4 s.
    """

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags, self._compiled = source, flags, None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return getattr(compiled, name)


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    return cast("re.Pattern[str]", LazyPattern(source, flags))


_CJK_RE = lazy(f"[{CJK}]")
_CLAUSE_STOPS = "，。；：！？,;:!?\n"
_SENTENCE_STOPS = "。；！？;!?\n"
_NUM = "0-9０-９一二两三四五六七八九十百千万"
_MEASURE = "个项类种份件名人家所户处本张部门条款批次位套级县市乡镇村区省年月日天周岁元米"

# Masked spans are read as quoted names, not as requirements: document titles, short quotations, links.
_MASKS = lazy(r"《[^《》]*》|“[^“”]{1,20}”|https?://[^\s，。；、）)]+")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str
    term: str  # the rule's name for what it found, e.g. 等 or 其他…材料


def _bounds(text: str, i: int, stops: str) -> tuple[int, int]:
    start = i
    while start > 0 and text[start - 1] not in stops:
        start -= 1
    end = i
    while end < len(text) and text[end] not in stops:
        end += 1
    return start, end


def clause(text: str, i: int) -> tuple[int, int]:
    """The clause around offset i: between commas, semicolons, colons or full stops."""
    return _bounds(text, i, _CLAUSE_STOPS)


def sentence(text: str, i: int) -> tuple[int, int]:
    return _bounds(text, i, _SENTENCE_STOPS)


def masked(text: str, allowed: Iterable[str] = ()) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _MASKS.finditer(text)]
    for phrase in allowed:
        if phrase:
            spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(phrase), text))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


# --- context tests shared by several terms ---------------------------------

# The body promising not to ask (不得要求提交其他材料, 不再索要有关证明) is the opposite of a catch-all.
_NO_ASKING = lazy(
    r"(?:不得|不再|无需|无须|不需要|不需|不必|不|免予|免于|毋需|禁止)[^，。；]{0,10}?"
    r"(?:要求|索要|索取|提交|提供|出具|收取|补充|补正|报送)"
)
_CITATION_AFTER = lazy(
    r"^(?:的)?\s*[（(：:，,]?\s*(?:即|见|详见|参见|依据|依照|按照)?\s*《[^《》]+》\s*第[^，。；]{1,12}?[条款项]"
)
_CITATION_BEFORE = lazy(r"《[^《》]+》\s*(?:第[^，。；《》]{1,12}?[条款项])?\s*(?:的|中的|之)?\s*$")
_ARTICLE_IN_SENTENCE = lazy(r"《[^《》]+》\s*第[^，。；《》]{1,12}?[条款项]")
_TIME_LIMIT = lazy(f"[{_NUM}]+\\s*个?\\s*(?:工作日|日|天|小时|个月|月|年|分钟)")


def negated(text: str, start: int) -> bool:
    """Not asked for: 不得要求提交其他材料, 不再索要有关证明; or none besides: 无其他收入来源."""
    c0, _ = clause(text, start)
    if text[max(0, start - 2) : start] == "没有" or text[max(0, start - 1) : start] == "无":
        return True
    return _NO_ASKING.search(text, c0, start) is not None


def cited_after(text: str, end: int) -> bool:
    return _CITATION_AFTER.match(text[end : end + 80]) is not None


def cited_before(text: str, start: int) -> bool:
    c0, _ = clause(text, start)
    return _CITATION_BEFORE.search(text[c0:start]) is not None


def article_in_sentence(text: str, start: int) -> bool:
    """A statute cited with its article in the same sentence: the wording quotes the law's threshold."""
    s0, s1 = sentence(text, start)
    return _ARTICLE_IN_SENTENCE.search(text, s0, s1) is not None


def _relation_before(text: str, start: int, end: int) -> bool:
    """与…有关的 / 与…相关: related to a named thing, which the sentence itself qualifies.

    Only as a predicate (followed by 的 or the clause's end): 和/同 are conjunctions too, and
    国家和省有关规定 or 同时报告有关部门 name nothing."""
    if text[end : end + 1] not in ("的", "联", "、", "") and text[end : end + 1] not in _CLAUSE_STOPS:
        return False
    c0, _ = clause(text, start)
    left = text[c0:start]
    return re.search(r"[与和同跟][^与和同跟]{1,20}(直接|密切|紧密|息息|高度)?$", left) is not None


# Nouns too general to show that the thing was named before (材料 after 证明材料 names nothing new).
_GENERAL_HEADS = frozenset({"部门", "机关", "单位", "政府", "规定", "要求", "材料", "证明", "资料", "文件", "手续", "个人"})


def _bound_before(text: str, start: int, end: int) -> bool:
    """工商部门告知的相关审批事项, 债权的有关事项: a relative clause before 相关/有关 says related to what.

    Not before a body or a rule (国家的有关规定 still names none)."""
    if text[start - 1 : start] != "的":
        return False
    return _OTHER_BODY.match(text, end) is None and _RULE_NOUN.match(text, end) is None


def named_before(text: str, start: int, end: int) -> bool:
    """核查相关从业人员 after 主要管理人员, 通知其他相关技术机构 after 技术机构: the sentence already named them."""
    s0, _ = sentence(text, start)
    left = text[s0:start]
    right = re.split(r"[，。；、的（(：:和及或与\n]", text[end : end + 10], maxsplit=1)[0]
    right = right.removeprefix("相关").removeprefix("有关")
    if right[:2] in _GENERAL_HEADS:
        return False  # 有关规定实行…: the noun is 规定 itself, which says nothing of what was named
    if len(right) >= 4 and right[:4] in left:
        return True
    # The head of a short noun phrase: 从业人员 -> 人员, 情况 -> 情况.
    head = right[2:4] if len(right) >= 4 else right[:2]
    return len(head) == 2 and _CJK_RE.match(head[0]) is not None and head not in _GENERAL_HEADS and head in left


# --- vague terms -----------------------------------------------------------

Test = Callable[[str, re.Match[str]], bool]


def _always(text: str, m: re.Match[str]) -> bool:
    return True


_DENG_WORD_AFTER = set("级次同于待候到额量值效式号距分比价")
_DENG_WORD_BEFORE = set("平同相初中高上下优劣特头超何对均不次一二三四五六七八九十甲乙丙丁")
_COUNT_AFTER = lazy(f"\\s*(?:共|计|合计)?\\s*[{_NUM}]+\\s*[{_MEASURE}]")


def _deng(text: str, m: re.Match[str]) -> bool:
    """等 as “etc.”, not part of a word (等级, 平等) and not closing a counted list (等3项)."""
    if m.group() == "等等":
        return True
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if before == "中" and text[m.start() - 2 : m.start() - 1] in ("初", "高"):
        before = "学"  # 初中等学历, 高中等: 初中/高中 + 等, not 中等
    if after in _DENG_WORD_AFTER or before in _DENG_WORD_BEFORE:
        return False
    if not before or (not _CJK_RE.match(before) and not before.isalnum()):
        return False  # 等 at the start of a clause is the verb (等申请人签字后), not a list end
    return _COUNT_AFTER.match(text, m.end()) is None


_QITA_NOT_AFTER = lazy(
    r"(?:问题|疑问|组织|行政权力|(?:家庭)?成员|共有人|继承人|股东|合伙人|当事人|监护人|近亲属|共同申请人|投资人|发起人)"
)


def _other_issuer(text: str, m: re.Match[str]) -> bool:
    return text.startswith("机构", m.end()) and _OTHER_ISSUER.search(text[max(0, m.start() - 6) : m.start()]) is not None


def _qita(text: str, m: re.Match[str]) -> bool:
    """其他 that opens an unnamed remainder; not 其他组织 (a legal category), not 其他家庭成员 (all of them)."""
    if _QITA_NOT_AFTER.match(text, m.end()) or _other_issuer(text, m):
        return False
    if named_before(text, m.start(), m.end()):
        return False  # 技术机构 … 通知其他相关技术机构: the others of a set already named
    if _OTHER_BODY.match(text, m.end()):
        s0, s1 = sentence(text, m.start())
        if "协助" in text[s0:s1] or _NO_ASKING.search(text, s0, s1):
            return False  # bodies helping each other (seed 三（三）), not asking the applicant for more
    return not negated(text, m.start())


_OTHER_BODY = lazy(r"(?:行政机关|机关|部门|单位)")
# 由行政机关或者其他机构出具: the legal definition of a proof (国办发〔2020〕42号) names the issuers.
_OTHER_ISSUER = lazy(r"行政机关或者?$")


_RULE_NOUN = lazy(r"规定|要求|条款|规范|文件")
_PROOF_NOUN = lazy(r"(?:的)?(?:证明材料|证明文件|证明|证据|材料)")


def _proof_of_stated(text: str, m: re.Match[str]) -> bool:
    """说明债权性质、数额和发生时间，并提供有关证明材料: the proof of what the sentence just asked to state."""
    s0, _ = sentence(text, m.start())
    return _PROOF_NOUN.match(text, m.end()) is not None and "说明" in text[s0 : m.start()]


def _youguan(text: str, m: re.Match[str]) -> bool:
    """有关 / 相关 as “the relevant …” with nothing named."""
    word = m.group()
    after = text[m.end() : m.end() + 1]
    if word == "相关" and (after == "性" or text[m.start() - 1 : m.start()] in ("不", "无")):
        return False
    if _relation_before(text, m.start(), m.end()) or _bound_before(text, m.start(), m.end()):
        return False
    if named_before(text, m.start(), m.end()) or _proof_of_stated(text, m):
        return False
    noun = _RULE_NOUN.match(text, m.end()) or _PROOF_NOUN.match(text, m.end())
    if cited_after(text, noun.end() if noun else m.end()) or cited_before(text, m.start()):
        return False  # 有关规定《…》第…条, 《…》第…条的有关规定
    if word == "相关" and _defined_term(text, m.end()):
        return False
    return not negated(text, m.start())


def _defined_term(text: str, end: int) -> bool:
    """相关方（指……）: a term the text defines on the spot is not vague."""
    return re.match(r"[^，。；（(]{0,8}[（(](?:指|即|包括|下同|以下简称)", text[end:]) is not None


def _shidang(text: str, m: re.Match[str]) -> bool:
    return text[m.end() : m.end() + 1] != "性"


def _jishi(text: str, m: re.Match[str]) -> bool:
    """及时 with a stated time limit in the same clause is quantified."""
    c0, c1 = clause(text, m.start())
    return _TIME_LIMIT.search(text, c0, c1) is None


_YIDING_VAGUE = lazy(
    r"(?:期限|时间|时期|期间|数量|数额|规模|比例|范围|条件|金额|年限|经验|资金|面积|能力|影响|程度|要求|标准|资质|基础|人数|距离|周期|的|量)"
)


def _yiding(text: str, m: re.Match[str]) -> bool:
    """一定期限 is open; 一定要 (must) is not a quantity."""
    if text[m.start() - 1 : m.start()] in ("不", "说", "肯"):
        return False
    return _YIDING_VAGUE.match(text, m.end()) is not None


def _jiao(text: str, m: re.Match[str]) -> bool:
    """较大 and friends, unless the sentence quotes a statute's threshold (数额较大的，依照《刑法》第…条)."""
    if text.startswith("的市", m.end()):
        return False
    return not article_in_sentence(text, m.start())


_JIBEN_VAGUE = lazy(
    r"(?:上|符合|具备|满足|达到|一致|齐全|完成|完整|相符|合格|正常|稳定|掌握|了解|熟悉|具有|没有|无|不|实现|健全|到位|属实)"
)


def _jiben(text: str, m: re.Match[str]) -> bool:
    """基本符合 hedges; 基本养老保险, 基本信息 are names."""
    return _JIBEN_VAGUE.match(text, m.end()) is not None


_NUMBER_OR_UNIT_BEFORE = lazy(f"[{_NUM}{_MEASURE}%％里吨斤时钟米倍克升度亩]\\s*$")


def _zuoyou(text: str, m: re.Match[str]) -> bool:
    """30天左右 approximates; 左右眼 does not."""
    return _NUMBER_OR_UNIT_BEFORE.search(text[max(0, m.start() - 3) : m.start()]) is not None


def _yue(text: str, m: re.Match[str]) -> bool:
    """约6个月 approximates; 节约, 预约, 约定 are other words."""
    before = text[m.start() - 1 : m.start()]
    return not before or before in "为需共达计时期用限是，,：: " or not _CJK_RE.match(before)


_YIBAN_VAGUE = lazy(
    r"(?:情况|情形|为|在|于|不|应|须|需|要|可|是|由|将|都|会|只|每|来说|而言|地|来讲|均|也|按|以|采用|通过|仅|[，,；;。]|$)"
)


def _yiban(text: str, m: re.Match[str]) -> bool:
    """一般情况下, 一般为1年 hedge; 一般纳税人, 一般程序 are names."""
    return _YIBAN_VAGUE.match(text, m.end()) is not None


def _shiqing(text: str, m: re.Match[str]) -> bool:
    return text[m.start() - 1 : m.start()] not in ("电", "监", "审", "重", "忽", "歧", "轻", "正", "注", "巡", "检")


@dataclass(frozen=True, slots=True)
class Term:
    name: str  # the term as the message quotes it
    source: str  # its regular expression
    test: Test
    part_of_catch_all: bool = False  # inside a catch-all clause, that rule reports it

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)  # re caches it; only the tests scan term by term


def _term(name: str, pattern: str | None = None, test: Test = _always, part: bool = False) -> Term:
    return Term(name, pattern or re.escape(name), test, part)


VAGUE_TERMS: tuple[Term, ...] = (
    _term("等", "等等|等", _deng, part=True),
    _term("其他", "其[他它]", _qita, part=True),
    _term("有关", test=_youguan, part=True),
    _term("相关", test=_youguan, part=True),
    _term("必要时"),
    _term("必要的", "确有必要|必要的?(?=材料|证明|资料|文件|手续|条件|设施|设备|措施|人员|场所)|必要的", part=True),
    _term("原则上"),
    _term("视情况", "视(?![为同]).{0,4}?情(?:况|节)(?:轻重)?|视情", _shiqing),
    _term("酌情", "酌情|酌定|酌处"),
    _term("适当", "适当|适时|适量", _shidang),
    _term("及时", test=_jishi),
    _term("尽快", "尽快|尽早|尽可能"),
    _term("一定", test=_yiding),
    _term("若干"),
    _term(
        "较大",
        "较(?:严重|大|多|高|长|少|短|小|低|重|好|强|弱|差|快|慢|近|远|广|充足|丰富|完善|明显|突出|频繁|复杂)",
        _jiao,
    ),
    _term("基本", test=_jiben),
    _term("左右", test=_zuoyou),
    _term("大约", "大约|大概|大致"),
    _term("约", f"约(?=\\s*[{_NUM}])", _yue),
    _term("一般", test=_yiban),
    _term("近期"),
    _term("一段时间", "一段(?:时间|时期)"),
    _term("另行", "另行(?:通知|规定|确定|安排)", part=True),
    # Open-ended consequences: the applicant cannot tell what follows a false commitment.
    _term("后果", "(?:相应|一切|全部|由此[^，。；]{0,6}?)的?(?:法律)?后果"),
    _term("处理", "(?:接受|严肃|相应的?)处理(?!决定|意见|结果)"),
    # The body's discretion outside a list of materials (inside one, catch-all reports it).
    _term("根据需要", "(?:根据|按照|视)(?:工作|实际|审核|审查|核查|监管)?需要", part=True),
)


# One pass over the text: the terms never start at the same character, so an alternation
# finds what separate scans would, about ten times faster.
# The leading class lets the engine skip most characters without trying every alternative.
_ALL_TERMS = lazy(
    "(?=[等其有相必确原视酌适及尽一若较基左大约近另全由接严根按])(?:"
    + "|".join(f"(?P<t{i}>{t.source})" for i, t in enumerate(VAGUE_TERMS))
    + ")"
)
_MASK_SIGNS = lazy(r"[《“]|://")
_CATCH_ALL_SIGNS = lazy(r"其[他它]|认为|根据|另行|另有|限于|补充")


def find_vague(
    text: str,
    extra_terms: Iterable[str] = (),
    allowed: Iterable[str] = (),
    catch_all: list[Match] | None = None,
) -> list[Match]:
    """Vague wording in ``text``, in order.  Terms inside a catch-all clause are left to that rule."""
    allowed = tuple(allowed)
    masks = masked(text, allowed) if allowed or _MASK_SIGNS.search(text) else []
    clauses: list[tuple[int, int]] | None = None
    found: dict[int, Match] = {}
    for m in _ALL_TERMS.finditer(text):
        term = VAGUE_TERMS[int(m.lastgroup[1:])]  # type: ignore[index]
        s, e = m.start(), m.end()
        if masks and _inside(masks, s, e):
            continue
        if term.part_of_catch_all:
            if clauses is None:
                clauses = [
                    (c.start, c.end) for c in (catch_all if catch_all is not None else find_catch_all(text, allowed))
                ]
            if _inside(clauses, s, e):
                continue
        if term.test(text, m):
            found[s] = Match(s, e, m.group(), term.name)
    for extra in extra_terms:
        if not extra:
            continue
        for m in re.finditer(re.escape(extra), text):
            if m.start() not in found and not _inside(masks, m.start(), m.end()):
                found[m.start()] = Match(m.start(), m.end(), extra, extra)
    return _no_overlaps(found.values()) if found else []


def _no_overlaps(matches: Iterable[Match]) -> list[Match]:
    out: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


# --- catch-all clauses -----------------------------------------------------

_OBJECT = r"(?:证明材料|证明文件|材料|证明|资料|文件|证件|证照|手续|条件|情形|情况|事项|要求|事由)"
_CATCH_ALL_PATTERNS = (
    # 其他…材料 / 其他情形 / 等其他证明: an unnamed remainder of a list of requirements
    lazy(f"(?:等)?其[他它](?:[^，。；、,;：:（）()\\n]{{0,16}}?){_OBJECT}"),
    # the body's discretion without 其他: 认为需要提交的材料, 根据需要补充的证明, 另行通知的材料
    lazy(f"认为[^，。；、,;\\n]{{0,8}}?的{_OBJECT}"),
    lazy(f"根据(?:工作|实际)?需要[^，。；、,;\\n]{{0,8}}?的?{_OBJECT}"),
    lazy(f"另行(?:通知|要求|规定)[^，。；、,;\\n]{{0,6}}?的{_OBJECT}"),
    # more to come, unnamed: 可能会有补充材料的要求, 可以要求补充提交材料
    lazy("(?:可能|可以|会|将)[^，。；、,;\\n]{0,8}?补充(?:提交|提供)?[^，。；、,;\\n]{0,2}?(?:材料|证明|资料|文件)(?:的要求)?"),
    lazy("包括但不限于|不仅限于|不限于"),
    # the escape clause: 法律、行政法规另有规定的，从其规定 / ……另有规定的除外
    lazy("另有规定的?[，,]?\\s*(?:从其规定|依照其规定|按其规定|适用其规定)|另有规定的除外"),
    # a list that ends in 其他: 身份证、户口簿以及其他。 / （三）其他。
    lazy("(?:以及|及|和|或者|或|等)?其[他它](?=[。；;，,]|$)"),
)
# A catch-all clause names who may ask for more; the message quotes it from there.
_AUTHORITY = r"(?:法律|法规|行政法规|规章|国家|国务院|上级|主管|行政机关|审批机关|受理机关|审核机关|机关|部门|有关|相关|地方性法规)"
_QUALIFIER = lazy(_AUTHORITY + r"[^，。；、,;：:（）()\n]{0,12}?(?:规定|要求|认为|需要)[^，。；、,;：:（）()\n]{0,4}$")
_AUTHORITY_ONLY = lazy(_AUTHORITY + r"[^，。；、,;：:（）()\n]{0,4}$")


def find_catch_all(text: str, allowed: Iterable[str] = ()) -> list[Match]:
    """Catch-all clauses in ``text``, in order, each from its qualifier (规定的/认为需要的) on."""
    if not _CATCH_ALL_SIGNS.search(text):
        return []
    return list(_find_catch_all(text, tuple(allowed)))


@lru_cache(maxsize=512)  # vague-term and catch-all read the same values one after the other
def _find_catch_all(text: str, allowed: tuple[str, ...]) -> tuple[Match, ...]:
    masks = masked(text, allowed)
    found: list[Match] = []
    for pattern in _CATCH_ALL_PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if _inside(masks, s, e):
                continue
            core = text.find("其", s, e)
            if core != -1 and _QITA_NOT_AFTER.match(text, core + 2):
                continue  # 其他组织出具的证明: a legal category, not a remainder
            if negated(text, s):
                continue  # 不得要求申请人提交其他材料 promises the opposite
            if pattern.pattern.startswith("(?:以及") and not _ends_list(text, s):
                continue
            found.append(Match(_qualifier_start(text, s), e, text[_qualifier_start(text, s) : e], m.group()))
    return tuple(_no_overlaps(found))


def _ends_list(text: str, start: int) -> bool:
    """其他 closing a list: after 、 or a conjunction, or as a numbered entry of its own."""
    c0, _ = clause(text, start)
    left = text[c0:start]
    return (
        bool(re.search(r"(?:[、]|[（(][一二三四五六七八九十0-9]+[）)])\s*$", left)) or text[start] != "其" or start == 0
    )


def _qualifier_start(text: str, start: int) -> int:
    c0, _ = clause(text, start)
    # 认为…/根据需要…/另行通知… already carry the verb; only the authority may precede them.
    pattern = _AUTHORITY_ONLY if text.startswith(("认为", "根据", "另行"), start) else _QUALIFIER
    m = pattern.search(text, c0, start)
    return m.start() if m and m.end() == start else start
