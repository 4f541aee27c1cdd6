"""Every sample form has room for what its text asks the applicant to fill in (issue 10.1).

Each published sample item is rendered and read back with python-docx: every fill-in label has
its row, every table field its ruled table with its columns and blank rows, and a form whose item
allows a proxy has the proxy block.  Then a filled-in copy (an 18-digit ID number in every cell
meant for one, a credit code where one is asked) goes through LibreOffice, and pdftotext must find
each number whole on one line: the layout contract is the PDF, and a wrapped number is misread.
"""

from __future__ import annotations

import io
import re
import subprocess
from functools import cache

import docx
import pytest
from docx.shared import Pt

from akq_cli.core.catalog import load_catalog
from akq_cli.core.fillin import fill_ins_of
from akq_cli.render import forms
from akq_cli.render.docx_style import base_document
from akq_cli.render.docx_writer import FormPackage
from akq_cli.render.grid import GridTable, sized
from akq_cli.render.layout import load_layout
from akq_cli.render.pdf import convert
from akq_cli.render.wording import load_wording
from conftest import CATALOG, require_tool

ID_NUMBER = "65300119800101001X"
CREDIT_CODE = "91653022MA7XXXXX0Y"
WORDING = load_wording()
PROXY = ("代理人姓名", "居民身份证号码", "联系电话", "代理人签字")


@cache
def sample() -> dict[str, dict]:
    catalog = load_catalog(CATALOG)
    return {i.id: i.data for i in catalog.items if i.data.get("status") == "published"}


@cache
def rendered(item_id: str) -> bytes:
    catalog = load_catalog(CATALOG)
    layout = load_layout()
    ctx = forms.FormContext(catalog.meta, catalog.departments, {i.id: i.data for i in catalog.items})
    return FormPackage(base_document(layout), layout).render(forms.build_form(sample()[item_id], ctx, WORDING))


def tables(item_id: str) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(rendered(item_id)))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def label_cells(item_id: str) -> set[str]:
    return {cell for t in tables(item_id) for row in t for cell in row}


def paragraphs(item_id: str) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(rendered(item_id))).paragraphs]


@pytest.mark.parametrize("item_id", sorted(sample()))
def test_every_fill_in_field_has_its_row_or_table(item_id):
    data = sample()[item_id]
    cells = label_cells(item_id)
    for f in fill_ins_of(data.get("fill_in")):
        if f.type == "table":
            caption = f"{f.label}：" if f.required else f"{f.label}（选填）："
            assert caption in paragraphs(item_id), (item_id, f.label)
            grid = next(t for t in tables(item_id) if t[0] == [c.label for c in f.columns])
            assert len(grid) == 1 + f.rows and all(not any(row) for row in grid[1:])
        else:
            assert (f.label if f.required else f"{f.label}（选填）") in cells, (item_id, f.label)


@pytest.mark.parametrize("item_id", sorted(sample()))
def test_a_form_has_the_proxy_block_exactly_when_proxies_are_allowed(item_id):
    allowed = sample()[item_id]["commitment"].get("proxy_allowed") is True
    has_block = WORDING.text("certification", "proxy") in paragraphs(item_id)
    assert has_block == allowed
    if allowed:
        assert set(PROXY) <= label_cells(item_id)
        assert any(p.startswith("代为承诺的，由代理人填写本栏并签字，并附申请人签署的授权书") for p in paragraphs(item_id))


def test_the_sample_declares_fill_in_fields_where_its_text_asks_for_them():
    asking = [i for i, d in sample().items() if re.search(r"所填|填写的|列明", str(d.get("conditions")) + str(d.get("content")))]
    assert asking and all(sample()[i].get("fill_in") for i in asking if i not in LAWS_ITEMS)


# Rewritten wholesale on the new social-assistance law on the `laws` branch; their fill-in fields come with it.
LAWS_ITEMS = {"MZJ-ZM-001", "MZJ-ZM-002", "MZJ-ZM-003", "YBJ-ZM-002", "ZJJ-ZM-001", "WJW-XK-001", "WJW-ZM-001"}


def test_a_wide_table_steps_its_font_down_rather_than_wrap_a_number():
    narrow = GridTable(("姓名", "居民身份证号码"), ("text", "id_number"), 3)
    wide = GridTable(("甲", "居民身份证号码", "统一社会信用代码", "电话", "金额（元）"),
                     ("text", "id_number", "credit_code", "phone", "amount"), 3)
    assert sized(narrow, 156, 16, 0.25)[0] == 16
    size, widths = sized(wide, 156, 16, 0.25)
    assert size < 16 and abs(sum(widths) - 156) < 0.01
    assert widths[1] >= 18 * size * 0.6 * 25.4 / 72  # 18 digits fit the column


def _fill(data: bytes) -> tuple[bytes, int]:
    """The form with a number written into every cell meant for one, as an applicant would; and how many."""
    document = docx.Document(io.BytesIO(data))
    count = 0
    for table in document.tables:
        rows = table.rows
        header = [c.text for c in rows[0].cells]
        for row in rows:
            cells = row.cells
            for i in range(0, len(cells) - 1):
                number = {"证件编号": ID_NUMBER, "居民身份证号码": ID_NUMBER, "统一社会信用代码": CREDIT_CODE}.get(cells[i].text)
                if number and not cells[i + 1].text and len(header) <= 4:
                    cells[i + 1].paragraphs[0].add_run(number)
                    count += 1
        for col, name in enumerate(header):
            if name == "居民身份证号码" and len(rows) > 1 and len(header) > 4:  # a ruled table's column
                paragraph = rows[1].cells[col].paragraphs[0]
                run = paragraph.add_run(ID_NUMBER)
                # typed into the blank cell, the text takes the size of the cell's paragraph mark
                sizes = paragraph._p.xpath("./w:pPr/w:rPr/w:sz/@w:val")
                if sizes:
                    run.font.size = Pt(int(sizes[0]) / 2)
                count += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), count


@pytest.mark.system
def test_an_18_digit_number_stays_on_one_line_in_the_pdf(tmp_path):
    soffice = require_tool("soffice", why="the filled-in forms are laid out by LibreOffice")
    require_tool("pdftotext", why="poppler-utils reads the PDFs back")
    # One form of each shape: a certification with a family table and a proxy block, a licence, a credit code.
    chosen = ["SFJ-ZM-001", "GAJ-ZM-002", "RSJ-XK-001"]
    files, written = [], {}
    for item_id in chosen:
        path = tmp_path / f"{item_id}.docx"
        data, written[item_id] = _fill(rendered(item_id))
        path.write_bytes(data)
        files.append(path)
    pdfs = convert(soffice, files, tmp_path / "pdf")
    assert len(pdfs) == len(files)
    for docx_path, pdf in pdfs.items():
        text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        whole = text.count(ID_NUMBER) + text.count(CREDIT_CODE)
        assert written[docx_path.stem] >= 2 and whole == written[docx_path.stem], (docx_path.stem, text)
