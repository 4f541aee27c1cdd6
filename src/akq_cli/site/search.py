"""The client-side search index: one compact JavaScript file the index page loads.

A script file (rather than JSON fetched at run time) also works when the site is
opened straight from a folder (file://), as on an office PC without a server.
Repeated strings (departments, areas, legal documents, sentences of content and
conditions) are stored once and referenced by number, which keeps 10,000 items
within 1 MiB gzipped (bench/search_keystroke.py measures it).

What the search reads (issue 12.1): the title, aliases (常用名称), matter, id,
department names with their short names (departments.yaml short_names), area,
legal basis, content and conditions; and catalog.yaml's search_terms, the everyday
words (社保, 低保) searched as the catalog's own (社会保险, 最低生活保障).  Display text is stored as written and folded
in the browser (site.js ``fold``, the same steps as akq_cli.core.searchtext.fold);
content and conditions are never shown in the list, so they are stored already
folded, which also makes them smaller.  The traditional -> simplified table rides
along, so that the page needs no other file.
"""

from __future__ import annotations

import json

from akq_cli.core.resources import resource_dir
from akq_cli.core.searchtext import T2S_FILE, fold
from akq_cli.site.model import SiteModel

VERSION = 2
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
    depts = [[g.id, g.name, _text(g.department.get("phone")), _texts(g.department.get("short_names"))]
             for g in model.groups]
    dept_no = {g.id: i for i, g in enumerate(model.groups)}
    cats = model.categories
    cat_no = {c: i for i, c in enumerate(cats)}
    docs = _Table()
    segs = _Table()
    items = []
    for e in model.entries:
        bases = [[docs.number(doc), art] for doc, art, _level in e.bases]
        method = e.commitment.get("method")
        methods = method if isinstance(method, list) else [method]
        verify = e.verification.get("methods")
        words = [fold(t) for t in (_text(e.data.get("content")), *(c.text for c in e.conditions), *e.texts("materials"))]
        items.append([
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
            e.texts("aliases"),
            [segs.number(w) for w in words if w],
        ])
    raw_terms = model.meta.get("search_terms")
    terms = [[k, _texts(v)] for k, v in raw_terms.items() if isinstance(k, str) and _texts(v)] \
        if isinstance(raw_terms, dict) else []
    return {"v": VERSION, "depts": depts, "cats": cats, "docs": docs.values, "segs": segs.values,
            "items": items, "terms": terms, "t2s": t2s_strings()}


def t2s_strings() -> list[str]:
    """[traditional characters, simplified characters] from templates/site/t2s.txt."""
    lines = (resource_dir("templates") / "site" / T2S_FILE).read_text("utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


def index_script(model: SiteModel) -> bytes:
    data = json.dumps(build_index(model), ensure_ascii=False, separators=(",", ":"))
    # "</" cannot close a <script> here (the file is loaded by src), but U+2028/9
    # would break older JavaScript parsers; json.dumps leaves them raw.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.AKQ_INDEX={data};\n".encode()


def _bits(table: dict[str, int], values: list[object]) -> int:
    return sum(table.get(v, 0) for v in set(values) if isinstance(v, str))


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _texts(value: object) -> list[str]:
    return [v.strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
