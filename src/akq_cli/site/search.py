"""The client-side search index: one compact JavaScript file the index page loads.

A script file (rather than JSON fetched at run time) also works when the site is
opened straight from a folder (file://), as on an office PC without a server.

The budget (issue 12.1): search data for 10,000 items <= 1 MiB gzipped.  Items of
real length (content and conditions of 100-400 characters of legal wording, no
two alike) are mostly body text, and that text is what gzip cannot shrink much.
So the file is laid out for gzip: one list per field (all ids, then all titles,
..., then all bodies) rather than one list per item, so that like sits next to
like within gzip's 32 KiB window (columns alone save a fifth at 10,000 realistic
items); the body is stored inline, folded, not as numbers into a table of
sentences (real sentences rarely repeat, and the numbers cost more than they
saved); and repeated strings that do repeat (departments, areas, legal documents)
are stored once.  Should the whole still exceed the budget, as a catalog of
10,000 items with more varied wording than bench/synth.py's could, each item's
body is cut to the same share of its length, keeping its start (the content,
then the conditions, then the materials), so that titles, aliases, matters, departments and legal
bases are always searched in full and only the lowest-ranked part of the search
loses its tail.  The bodies are a file of their own (SearchData), fetched when someone
starts to search.  bench/search_size.py measures all of it.

What the search reads (issue 12.1): the title, aliases (常用名称), matter, id,
department names with their short names (departments.yaml short_names), area,
legal basis, content and conditions; and catalog.yaml's search_terms, the everyday
words (社保, 低保) searched as the catalog's own (社会保险, 最低生活保障).  Display text is stored as written and folded
in the browser (site.js ``fold``, the same steps as akq_cli.core.searchtext.fold);
content and conditions are never shown in the list, so they are stored already
folded, which also makes them smaller.  The traditional -> simplified table rides
along in the index, so that the page needs no other file to search names.
"""

from __future__ import annotations

import gzip
import json
import math
import zlib
from dataclasses import dataclass

from akq_cli.core.resources import resource_dir
from akq_cli.core.searchtext import T2S_FILE, fold
from akq_cli.site.model import SiteModel

VERSION = 3
BUDGET = 1024 * 1024  # bytes of search data, gzipped as a server sends it (gzip -9)
# the share of the budget a cut aims at: gzip shrinks only about in proportion to the text cut, so aiming
# a little under the budget makes one cut nearly always enough
AIM = 0.97
# as long as the real name (build.py's content-hashed asset names), for measuring before the name is known
TEXT_URL = "assets/search-text.0123456789.js"
COLUMNS = ("id", "title", "matter", "dept", "cat", "kind", "bases", "method", "proxy", "verify", "forms", "aliases")
METHOD_BITS = {"written": 1, "electronic": 2}
VERIFY_BITS = {"online": 1, "on_site": 2, "assisted": 4, "random_inspection": 8}
FORM_BITS = {"docx": 1, "pdf": 2}
KIND_CODES = ("certification", "business_license")


class _Table:
    """Strings stored once, referred to by position."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.numbers: dict[str, int] = {}

    def number(self, value: str) -> int:
        if value not in self.numbers:
            self.numbers[value] = len(self.values)
            self.values.append(value)
        return self.numbers[value]


def build_index(model: SiteModel) -> dict[str, object]:
    """The search data in full: ``items`` one list per field (COLUMNS), ``text`` the folded bodies."""
    depts = [[g.id, g.name, _text(g.department.get("phone")), _texts(g.department.get("short_names"))]
             for g in model.groups]
    dept_no = {g.id: i for i, g in enumerate(model.groups)}
    cats = model.categories
    cat_no = {c: i for i, c in enumerate(cats)}
    docs = _Table()
    rows = []
    bodies = []
    for e in model.entries:
        bases = [[docs.number(doc), art] for doc, art, _level in e.bases]
        method = e.commitment.get("method")
        methods = method if isinstance(method, list) else [method]
        verify = e.verification.get("methods")
        rows.append([
            e.id,
            e.title,
            e.matter,
            dept_no[e.department["id"]],
            cat_no.get(e.category, -1),
            KIND_CODES.index(e.kind) if e.kind in KIND_CODES else -1,
            bases,
            _bits(METHOD_BITS, methods),
            1 if e.proxy else 0,
            _bits(VERIFY_BITS, verify if isinstance(verify, list) else []),
            _bits(FORM_BITS, list(e.forms)),
            e.aliases,
        ])
        # "|" between texts, so that a search word does not match across the end of one condition
        texts = (_text(e.data.get("content")), *(c.text for c in e.conditions), *e.materials)
        bodies.append("|".join(w for w in map(fold, texts) if w))
    raw_terms = model.meta.get("search_terms")
    terms = [[k, _texts(v)] for k, v in raw_terms.items() if isinstance(k, str) and _texts(v)] \
        if isinstance(raw_terms, dict) else []
    items = {name: [row[n] for row in rows] for n, name in enumerate(COLUMNS)}
    return {"v": VERSION, "depts": depts, "cats": cats, "docs": docs.values, "terms": terms, "t2s": t2s_strings(),
            "items": items, "text": bodies}


def t2s_strings() -> list[str]:
    """[traditional characters, simplified characters] from templates/site/t2s.txt."""
    lines = (resource_dir("templates") / "site" / T2S_FILE).read_text("utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


@dataclass(frozen=True)
class SearchData:
    """The two files of the search, within the budget together.

    ``text`` (assets/search-text.<hash>.js) holds the bodies, three quarters of the data at
    10,000 realistic items; site.js fetches it only when someone starts to search, so that
    the list of items waits for names alone.  The index names it, so it is written first.
    """

    index: dict[str, object]  # everything but the bodies
    text: bytes
    share: float  # of each body kept: 1.0 all (see fit)

    def index_script(self, text_url: str) -> bytes:
        return _script("AKQ_INDEX", {**self.index, "text": text_url})


def search_data(model: SiteModel, budget: int = BUDGET) -> SearchData:
    return fit(build_index(model), budget)


def fit(index: dict[str, object], budget: int = BUDGET) -> SearchData:
    """``index`` as its two files, together within ``budget`` bytes gzipped (gzip -9, as a server sends them).

    Deterministic (the same index gives the same bytes).  Nothing is compressed when the raw
    files fit (the sample catalog), and then only at deflate's fastest level, whose output
    is never smaller than gzip -9's; gzip -9 (0.5 s at 10,000 realistic items) runs only when
    that is over, and cuts bodies only when gzip -9 is.
    """
    bodies = index["text"]
    assert isinstance(bodies, list)
    head = {k: v for k, v in index.items() if k != "text"}
    data = SearchData(head, _script("AKQ_TEXT", bodies), 1.0)
    first = data.index_script(TEXT_URL)
    if len(first) + len(data.text) <= budget or \
            len(zlib.compress(first, 1)) + len(zlib.compress(data.text, 1)) + 2 * _GZIP_FRAME <= budget:
        return data
    rest = _gz(first)
    whole = _gz(data.text)
    share = 1.0
    while rest + whole > budget and share > 0.0:  # names, matters and bases alone over the budget: never cut
        # bodies shrink gzip about in proportion to their length
        share = max(0.0, min(share * 0.95, share * (budget * AIM - rest) / max(1, whole)))
        data = SearchData(head, _script("AKQ_TEXT", [b[:math.ceil(len(b) * share)] for b in bodies]), share)
        whole = _gz(data.text)
    return data


def _script(name: str, value: object) -> bytes:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # "</" cannot close a <script> here (the file is loaded by src), but U+2028/9
    # would break older JavaScript parsers; json.dumps leaves them raw.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name}={data};\n".encode()


_GZIP_FRAME = 18 - 6  # gzip's header and trailer less zlib's


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def _bits(table: dict[str, int], values: list[object]) -> int:
    return sum(table.get(v, 0) for v in set(values) if isinstance(v, str))


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _texts(value: object) -> list[str]:
    return [v.strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
