"""Pagination in LibreOffice's PDF, the layout contract of the forms (issue 10, form layout).

The fixture catalog tests/fixtures/render/pages/ holds frozen copies of four sample items
whose forms LibreOffice paginated badly before widow control and the keep-with-next rules:
RSJ-XK-001 and RSJ-XK-002 printed a last page holding only the copies note, MZJ-ZM-002 and
RSJ-XK-002 opened a page with a 1-2 character widow ("致。", "查。"), SFJ-ZM-002 ended a page
with the lead-in "（四）本人承诺…核查：". Each form is rendered twice: as akq writes it, and
with those rules switched off. The second shows every fault (so the fixture still
reproduces the bugs), the first none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from akq_cli.core.catalog import load_catalog
from akq_cli.render import docx_style, docx_writer
from akq_cli.render.docx_writer import FormPackage, Signature
from akq_cli.render.forms import FormContext, build_form
from akq_cli.render.layout import load_layout
from akq_cli.render.pdf import convert, find_soffice
from akq_cli.render.wording import load_wording
from conftest import require_tool

from .conftest import PAGES_CATALOG, page_faults, pdf_pages

pytestmark = pytest.mark.system


def write_forms(out: Path, suffix: str) -> list[Path]:
    catalog = load_catalog(PAGES_CATALOG)
    items = {i.id: i.data for i in catalog.items}
    context = FormContext(catalog.meta, catalog.departments, items)
    layout = load_layout()
    package = FormPackage(docx_style.base_document(layout), layout)
    wording = load_wording()
    written = []
    for item_id, data in sorted(items.items()):
        path = out / f"{item_id}{suffix}.docx"
        path.write_bytes(package.render(build_form(data, context, wording)))
        written.append(path)
    return written


def test_fixture_reproduces_each_fault_and_the_rules_remove_them(tmp_path, monkeypatch):
    require_tool("soffice", why="LibreOffice's PDF is the layout contract")
    require_tool("pdftotext", why="poppler-utils reads the PDFs back")
    fixed = write_forms(tmp_path, "")
    # The rules off: no widow control, only the last promise kept with the signatures.
    with monkeypatch.context() as m:
        m.setattr(docx_style, "WIDOW_CONTROL", '<w:widowControl w:val="0"/>')
        m.setattr(docx_writer, "_keeps_with_next", lambda block, following: isinstance(following, Signature))
        signature = docx_writer._signature
        m.setattr(docx_writer, "_signature", lambda layout, sig, keep_last: signature(layout, sig, False))
        unfixed = write_forms(tmp_path, "-unfixed")
    pdfs = convert(find_soffice() or "soffice", [*fixed, *unfixed], tmp_path / "pdf")
    faults = {docx.stem: page_faults(pdf_pages(pdf)) for docx, pdf in pdfs.items()}
    assert len(faults) == 8, sorted(faults)
    before = [f for stem, found in faults.items() if stem.endswith("-unfixed") for f in found]
    for kind in ("widow:", "copies note alone", "lead-in ends page"):
        assert any(f.startswith(kind) for f in before), f"the fixture no longer reproduces {kind} {before}"
    assert {stem: found for stem, found in faults.items() if not stem.endswith("-unfixed") and found} == {}
