"""The Word file as Word and LibreOffice read it: GB/T 9704 page and styles, East Asian fonts, page numbers."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from lxml import etree

from conftest import run_akq

from .conftest import part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    from .conftest import RENDER_CATALOG

    out = tmp_path_factory.mktemp("forms")
    result = run_akq("render", "-o", out, cwd=RENDER_CATALOG)
    assert result.code == 0, result.err
    return out


def xml(docx: Path, name: str):
    return etree.fromstring(part(docx, name).encode("utf-8"))


def test_one_file_per_published_item(rendered):
    # SCJ-XK-902 is a draft: not rendered by default.
    assert sorted(p.name for p in rendered.iterdir()) == ["SCJ-XK-901.docx", "SCJ-ZM-901.docx", "SFJ-ZM-901.docx"]


def test_page_is_a4_with_gbt9704_margins(rendered):
    sect = xml(rendered / "SFJ-ZM-901.docx", "word/document.xml").find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (round(210 * TWIPS_PER_MM), round(297 * TWIPS_PER_MM))
    top, left, right, bottom = (int(margins.get(f"{W}{k}")) for k in ("top", "left", "right", "bottom"))
    assert top == round(37 * TWIPS_PER_MM) and left == round(28 * TWIPS_PER_MM)
    # The type area is 156 mm x 225 mm.
    assert abs((size_w := int(size.get(f"{W}w"))) - left - right - 156 * TWIPS_PER_MM) < 2, size_w
    assert abs(int(size.get(f"{W}h")) - top - bottom - 225 * TWIPS_PER_MM) < 2


def styles_by_id(docx: Path):
    root = xml(docx, "word/styles.xml")
    return root, {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}


@pytest.mark.parametrize(
    ("style_id", "font", "half_points"),
    [
        ("AkqBody", "仿宋_GB2312", 32),
        ("AkqTitle", "方正小标宋简体", 44),
        ("AkqHeading1", "黑体", 32),
        ("AkqHeading2", "楷体_GB2312", 32),
        ("AkqPageNumber", "宋体", 28),
    ],
)
def test_styles_name_east_asian_fonts(rendered, style_id, font, half_points):
    _, styles = styles_by_id(rendered / "SFJ-ZM-901.docx")
    rpr = styles[style_id].find(f"{W}rPr")
    fonts = rpr.find(f"{W}rFonts")
    assert {k: fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")} == dict.fromkeys(
        ("ascii", "hAnsi", "eastAsia", "cs"), font
    )
    assert int(rpr.find(f"{W}sz").get(f"{W}val")) == half_points
    assert rpr.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"


def test_body_grid_is_22_lines_of_28_characters(rendered):
    _, styles = styles_by_id(rendered / "SFJ-ZM-901.docx")
    body = styles["AkqBody"]
    spacing = body.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("560", "exact")  # 28 pt
    assert body.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "-5"  # condensed 0.25 pt
    ind = body.find(f"{W}pPr/{W}ind")
    # Word reads the characters, LibreOffice the twips: two characters of 15.75 pt.
    assert (ind.get(f"{W}firstLineChars"), ind.get(f"{W}firstLine")) == ("200", "630")
    # LibreOffice drops a hanging colon from the PDF unless this is "1" (see docx_style.para_props).
    assert body.find(f"{W}pPr/{W}overflowPunct").get(f"{W}val") == "1"
    # 28 condensed characters fit the 156 mm type area, 29 do not.
    width_pt = 156 / 25.4 * 72
    assert 28 * 15.75 <= width_pt < 29 * 15.75


# What Word on a stock Chinese Windows falls back to: the official faces are not installed there
# (仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体 ship with no Windows); their alternatives are.
@pytest.mark.parametrize(
    ("font", "alt", "panose"),
    [
        ("方正小标宋简体", "宋体", "02010600030101010101"),  # SimSun's own panose: the title stays a Song face
        ("仿宋_GB2312", "仿宋", "02010609060101010101"),
        ("楷体_GB2312", "楷体", "02010609060101010101"),
        ("黑体", "SimHei", "02010609060101010101"),
        ("宋体", "SimSun", "02010600030101010101"),
    ],
)
def test_font_table_falls_back_to_stock_windows_faces(rendered, font, alt, panose):
    table = {f.get(f"{W}name"): f for f in xml(rendered / "SFJ-ZM-901.docx", "word/fontTable.xml").findall(f"{W}font")}
    entry = table[font]
    assert entry.find(f"{W}altName").get(f"{W}val") == alt
    assert entry.find(f"{W}panose1").get(f"{W}val") == panose
    assert entry.find(f"{W}charset").get(f"{W}val") == "86"  # GB2312


def test_no_theme_fonts_and_no_japanese(rendered):
    docx = rendered / "SFJ-ZM-901.docx"
    styles = part(docx, "word/styles.xml")
    assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)Theme=|w:cstheme=", styles)
    assert "ja-JP" not in styles and "ja-JP" not in part(docx, "word/settings.xml")


def test_every_run_names_its_east_asian_font(rendered):
    root = xml(rendered / "SCJ-XK-901.docx", "word/document.xml")
    runs = list(root.iter(f"{W}r"))
    assert runs
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}eastAsia"), etree.tostring(run, encoding="unicode")


def test_page_numbers_odd_right_even_left(rendered):
    docx = rendered / "SFJ-ZM-901.docx"
    assert "<w:evenAndOddHeaders/>" in part(docx, "word/settings.xml")
    sect = xml(docx, "word/document.xml").find(f"{W}body/{W}sectPr")
    refs = {r.get(f"{W}type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect.findall(f"{W}footerReference")}
    assert set(refs) == {"default", "even"}
    rels = etree.fromstring(part(docx, "word/_rels/document.xml.rels").encode())
    target = {r.get("Id"): r.get("Target") for r in rels}
    for kind, align in (("default", "right"), ("even", "left")):
        footer = part(docx, "word/" + target[refs[kind]])
        assert f'<w:jc w:val="{align}"/>' in footer
        assert " PAGE " in footer and "— " in footer and " —" in footer


def test_python_docx_reads_it_back(rendered):
    import docx

    document = docx.Document(str(rendered / "SCJ-XK-901.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "涉企经营许可事项告知承诺书" in text and "（五）一并告知承诺的证明事项" in text
    assert document.core_properties.title == "涉企经营许可事项告知承诺书（食品经营许可证核发）"
    assert document.core_properties.created.year == 2021
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "阿合奇县市场监督管理局" in cells and "0908-5626626" in cells


def test_same_item_same_bytes(tmp_path):
    """Two renders at least 2 s apart (zip times have 2 s resolution) give identical files."""
    from .conftest import RENDER_CATALOG

    first, second = tmp_path / "a", tmp_path / "b"
    assert run_akq("render", "-o", first, cwd=RENDER_CATALOG).code == 0
    time.sleep(2.1)
    assert run_akq("render", "-o", second, "--jobs", "1", cwd=RENDER_CATALOG).code == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir()) and names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_changed_item_changes_its_form_only(render_catalog, tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    assert run_akq("render", "-o", before, cwd=render_catalog).code == 0
    item = render_catalog / "items" / "SFJ" / "SFJ-ZM-901.yaml"
    item.write_text(item.read_text("utf-8").replace("连续执业满3年。", "连续执业满5年。"), "utf-8")
    assert run_akq("render", "-o", after, cwd=render_catalog).code == 0
    assert (before / "SFJ-ZM-901.docx").read_bytes() != (after / "SFJ-ZM-901.docx").read_bytes()
    assert "连续执业满5年" in part(after / "SFJ-ZM-901.docx", "word/document.xml")
    assert (before / "SCJ-ZM-901.docx").read_bytes() == (after / "SCJ-ZM-901.docx").read_bytes()
