"""Every sample form opened by a real consumer: LibreOffice converts it to PDF, pdftotext reads it back.

One `akq render -f docx,pdf` call per catalog converts all its forms in batches
(one soffice process per job). Each conversion feeds exactly one test function,
so that pytest-xdist never runs the same conversion on both workers.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from akq_cli.core.catalog import load_catalog
from akq_cli.core.conditions import texts as condition_texts
from akq_cli.render import labels as L
from akq_cli.render.forms import FormContext, Para, build_form
from akq_cli.render.wording import load_wording
from conftest import CATALOG, require_tool, run_akq

from .conftest import RENDER_CATALOG

FOOTER = re.compile(r"—\s*\d+\s*—")


def squash(text: str) -> str:
    """Text without page numbers and without the blanks and line breaks the layout put in."""
    return re.sub(r"\s+", "", FOOTER.sub("", text))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def convert(catalog: Path, out: Path, *ids: str) -> dict[str, Path]:
    require_tool("soffice", why="the forms are checked by opening them in LibreOffice")
    require_tool("pdftotext", why="poppler-utils reads the PDFs back")
    result = run_akq("render", *ids, "-o", out, "--format", "docx,pdf", "--jobs", "2", cwd=catalog, timeout=600)
    assert result.code == 0, result.err
    return {p.stem: p for p in out.glob("*.pdf")}


def expected_texts(catalog_dir: Path, item_id: str) -> list[str]:
    """What a reader must find: every heading, the title, conditions, legal basis and liability."""
    catalog = load_catalog(catalog_dir)
    items = catalog.by_id()
    data = items[item_id].data
    form = build_form(data, FormContext(catalog.meta, catalog.departments, {k: v.data for k, v in items.items()}), load_wording())
    headings = [b.text for b in form.blocks if isinstance(b, Para) and b.style in ("title", "heading1", "heading2")]
    liability = [L.bare(v) for v in (data.get("liability") or {}).values()]
    return [
        *headings,
        L.bare(data["title"]),
        L.bare(data.get("content")),
        *map(L.bare, condition_texts(data.get("conditions"))),
        *L.legal_bases(data.get("legal_basis")),
        *liability,
        catalog.departments[data["department"]]["name"],
    ]


def check_pdf(pdf: Path, expected: list[str]) -> None:
    text = squash(pdf_text(pdf))
    missing = [e for e in expected if squash(e) not in text]
    assert not missing, f"{pdf.name} lacks {missing}"
    pages = page_count(pdf)
    assert 2 <= pages <= 10, f"{pdf.name}: {pages} pages"
    raw = pdf.read_bytes()
    assert b"<pdfaid:part>2</pdfaid:part>" in raw and b"<pdfaid:conformance>B</pdfaid:conformance>" in raw


def test_every_sample_form_reads_back(tmp_path):
    sample_pdfs = convert(CATALOG, tmp_path)
    published = [i.id for i in load_catalog(CATALOG).items if i.data.get("status") == "published"]
    assert published and sorted(sample_pdfs) == sorted(published)
    for item_id in published:
        check_pdf(sample_pdfs[item_id], expected_texts(CATALOG, item_id))


def test_fixture_forms_read_back_with_the_official_layout(tmp_path):
    fixture_pdfs = convert(RENDER_CATALOG, tmp_path, *(i.id for i in load_catalog(RENDER_CATALOG).items))
    assert sorted(fixture_pdfs) == ["SCJ-XK-901", "SCJ-XK-902", "SCJ-ZM-901", "SFJ-ZM-901"]
    for item_id, pdf in fixture_pdfs.items():
        check_pdf(pdf, expected_texts(RENDER_CATALOG, item_id))
    # The folded-in certification is notified and committed to in the license's form.
    text = squash(pdf_text(fixture_pdfs["SCJ-XK-901"]))
    assert "1．食品从业人员健康证明。" in text and "并已符合下列一并告知的证明事项的条件、要求" in text
    check_layout(fixture_pdfs["SCJ-XK-901"])
    check_fonts(fixture_pdfs["SFJ-ZM-901"])


def check_layout(pdf: Path) -> None:
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = layout.split("\f")
    assert re.search(r"—\s*1\s*—", pages[0]) and re.search(r"—\s*2\s*—", pages[1])
    # Odd page numbers sit right, even ones left.
    odd = next(line for line in pages[0].splitlines() if FOOTER.search(line))
    even = next(line for line in pages[1].splitlines() if FOOTER.search(line))
    assert len(odd) - len(odd.lstrip()) > len(even) - len(even.lstrip()) + 20
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 in points
    # A full body page holds 22 lines: a page between the first and the last is all body text (page 2 may
    # open with the end of the basic-information tables, whose rows are taller than a line).
    counts = [len([line for line in p.splitlines() if line.strip() and not FOOTER.search(line)]) for p in pages[1:-1]]
    assert 22 in counts, counts
    # A full line holds 28 characters: lines of Chinese text only never hold more, and many exactly 28.
    lengths = [len(squash(line)) for line in layout.splitlines() if squash(line) and all(ord(c) > 0x2000 for c in squash(line))]
    assert max(lengths) == 28 and lengths.count(28) >= 5, sorted(lengths)


def check_fonts(pdf: Path) -> None:
    """Title, headings and body in distinct faces, not all in one fallback font."""
    require_tool("pdffonts", why="poppler-utils lists the fonts a PDF embeds")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    # The alias file maps 仿宋/楷体/黑体/小标宋 onto four different installed faces.
    for face in ("UMing", "UKai", "NotoSansCJK", "NotoSerifCJK"):
        assert face in fonts, fonts
