"""The client-side search index: one compact JavaScript file the index page loads.

A script file (rather than JSON fetched at run time) also works when the site is
opened straight from a folder (file://), as on an office PC without a server.
Repeated strings (departments, areas, legal documents) are stored once and
referenced by number, which keeps 10,000 items small enough for a phone.
Normalisation for matching happens in the browser (site.js), the same way as
``normalise`` below, so the file carries display text only.
"""

from __future__ import annotations

import json
import unicodedata

from akq_cli.site.model import SiteModel

METHOD_BITS = {"written": 1, "electronic": 2}
VERIFY_BITS = {"online": 1, "on_site": 2, "assisted": 4, "random_inspection": 8}
FORM_BITS = {"docx": 1, "pdf": 2}
KIND_CODES = ("certification", "business_license")

def normalise(text: str) -> str:
    """Fold full/half width (NFKC) and case, and keep only letters and digits.

    A query then matches as a substring of the normalised text, which works for
    Chinese as typed (no word segmentation needed) and for mixed ids like
    ＳＦＪ－ＺＭ or sfj zm.  site.js implements the same steps.
    """
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def build_index(model: SiteModel) -> dict[str, object]:
    depts = [[g.id, g.name] for g in model.groups]
    dept_no = {g.id: i for i, g in enumerate(model.groups)}
    cats = model.categories
    cat_no = {c: i for i, c in enumerate(cats)}
    docs: list[str] = []
    doc_no: dict[str, int] = {}
    items = []
    for e in model.entries:
        bases = []
        for doc, art, _level in e.bases:
            if doc not in doc_no:
                doc_no[doc] = len(docs)
                docs.append(doc)
            bases.append([doc_no[doc], art])
        method = e.commitment.get("method")
        methods = method if isinstance(method, list) else [method]
        verify = e.verification.get("methods")
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
        ])
    return {"v": 1, "depts": depts, "cats": cats, "docs": docs, "items": items}


def index_script(model: SiteModel) -> bytes:
    data = json.dumps(build_index(model), ensure_ascii=False, separators=(",", ":"))
    # "</" cannot close a <script> here (the file is loaded by src), but U+2028/9
    # would break older JavaScript parsers; json.dumps leaves them raw.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.AKQ_INDEX={data};\n".encode()


def _bits(table: dict[str, int], values: list[object]) -> int:
    return sum(table.get(v, 0) for v in set(values) if isinstance(v, str))
