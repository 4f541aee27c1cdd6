"""The empty form document: A4 page, GB/T 9704 paragraph styles, page-number footers.

Built once per process with python-docx from layout.toml and kept as bytes;
every form starts from a copy. What python-docx's default template gets wrong
for Chinese official documents is fixed here: US Letter page, theme fonts that
override explicit ones, Japanese as the East Asian language, no w:eastAsia.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.oxml import parse_xml
from docx.shared import Mm
from lxml import etree

from akq_cli.core.invisible import clean
from akq_cli.render.layout import Layout, StyleSpec

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
STYLE_IDS = {
    "body": "AkqBody",
    "title": "AkqTitle",
    "subtitle": "AkqSubtitle",
    "heading1": "AkqHeading1",
    "heading2": "AkqHeading2",
    "cell": "AkqCell",
    "signature": "AkqSignature",
    "note": "AkqNote",
    "page_number": "AkqPageNumber",
}
KEEP_WITH_NEXT = {"title", "subtitle", "heading1", "heading2"}
EAST_ASIAN_LANG = "zh-CN"
WIDOW_CONTROL = "<w:widowControl/>"  # on: at least two lines of a paragraph on each page it spans
_THEME_ATTRS = tuple(f"{W}{a}" for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


def twips(pt: float) -> int:
    return round(pt * 20)


def mm_twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def rfonts(font: str) -> str:
    """All four font slots: Word picks the slot by character class, LibreOffice too."""
    f = quoteattr(font)
    return f"<w:rFonts w:ascii={f} w:hAnsi={f} w:eastAsia={f} w:cs={f}/>"


def run_props(spec: StyleSpec) -> str:
    size = round(spec.size_pt * 2)
    # Always explicit: a style without it would inherit the body's condensing from docDefaults.
    spacing = f'<w:spacing w:val="{-twips(spec.condense_pt)}"/>'
    return (
        f'<w:rPr>{rfonts(spec.font)}{spacing}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        f'<w:lang w:val="en-US" w:eastAsia="{EAST_ASIAN_LANG}" w:bidi="ar-SA"/></w:rPr>'
    )


def indent(spec: StyleSpec) -> str:
    """First-line indent in characters (Word) and in twips (LibreOffice ignores the former)."""
    if not spec.indent_chars:
        return '<w:ind w:firstLine="0"/>'
    return (
        f'<w:ind w:firstLineChars="{round(spec.indent_chars * 100)}" '
        f'w:firstLine="{twips(spec.indent_chars * spec.char_pt)}"/>'
    )


def para_props(spec: StyleSpec) -> str:
    line = twips(spec.line_pt)
    spacing = (
        f'<w:spacing w:before="{round(spec.before_lines * line)}" w:beforeLines="{round(spec.before_lines * 100)}" '
        f'w:after="{round(spec.after_lines * line)}" w:afterLines="{round(spec.after_lines * 100)}" '
        f'w:line="{line}" w:lineRule="exact"/>'
    )
    keep = "<w:keepNext/>" if spec.key in KEEP_WITH_NEXT else ""
    outline = f'<w:outlineLvl w:val="{spec.outline}"/>' if spec.outline is not None else ""
    # Widow and orphan control: no page opens with the last line of a paragraph (a lone "款；")
    # nor ends with its first. A page then ends a line early; lines stay on the 28 pt grid
    # because spacing is exact. Automatic Latin/CJK spacing would shift characters off the
    # 28-character grid, so it stays off.
    # overflowPunct: Word lets punctuation after a full 28-character line hang into the margin
    # (its default). LibreOffice 7.4 reads the flag inverted: left out or "0", it hangs the mark
    # and its PDF silently drops it (a 证明的内容： lost its colon); "1" makes it carry the last
    # character over to the next line instead. Either way the mark stays visible.
    return (
        f'<w:pPr>{keep}{WIDOW_CONTROL}<w:overflowPunct w:val="1"/>'
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        f'{spacing}{indent(spec)}<w:jc w:val="{spec.align}"/>{outline}</w:pPr>'
    )


def style_xml(spec: StyleSpec) -> str:
    return (
        f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1" w:styleId="{STYLE_IDS[spec.key]}">'
        f'<w:name w:val={quoteattr(spec.name)}/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"{para_props(spec)}{run_props(spec)}</w:style>"
    )


def _strip_theme_fonts(root) -> None:  # type: ignore[no-untyped-def]
    for el in root.iter(f"{W}rFonts"):
        for attr in _THEME_ATTRS:
            el.attrib.pop(attr, None)


def _set_defaults(styles_el, body: StyleSpec) -> None:  # type: ignore[no-untyped-def]

    doc_defaults = styles_el.find(f"{W}docDefaults")
    if doc_defaults is not None:
        styles_el.remove(doc_defaults)
    doc_defaults = parse_xml(
        f'<w:docDefaults xmlns:w="{W_NS}"><w:rPrDefault>{run_props(body)}</w:rPrDefault>'
        f'<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{twips(body.line_pt)}" w:lineRule="exact"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    styles_el.insert(0, doc_defaults)


def _install_styles(document, layout: Layout) -> None:  # type: ignore[no-untyped-def]

    styles_el = document.styles.element
    _set_defaults(styles_el, layout.styles["body"])
    _strip_theme_fonts(styles_el)
    for el in styles_el.findall(f"{W}style"):
        if el.get(f"{W}styleId") in STYLE_IDS.values():
            styles_el.remove(el)
    for spec in layout.styles.values():
        styles_el.append(parse_xml(style_xml(spec)))


# Substitution data of the Chinese faces every Chinese Windows ships (Word's own font table entries for
# them). Word falls back from a missing font to its altName and, failing that, to the installed font whose
# panose, charset and family come closest: a missing font therefore carries its stock alternative's data.
STOCK_FACES = {
    "宋体": ("SimSun", "02010600030101010101", "auto", "variable"),
    "黑体": ("SimHei", "02010609060101010101", "modern", "fixed"),
    "仿宋": ("FangSong", "02010609060101010101", "modern", "fixed"),
    "楷体": ("KaiTi", "02010609060101010101", "modern", "fixed"),
}


def font_xml(font: str, alt: str | None) -> str:
    """A font table entry: the stock face's own data, or a missing face's alternative and the alternative's data."""
    stock = STOCK_FACES.get(font) or STOCK_FACES.get(alt or "")
    alt_name = STOCK_FACES[font][0] if font in STOCK_FACES else alt
    alt_xml = f"<w:altName w:val={quoteattr(alt_name)}/>" if alt_name else ""
    panose = f'<w:panose1 w:val="{stock[1]}"/>' if stock else ""
    family, pitch = (stock[2], stock[3]) if stock else ("modern", "fixed")
    return (
        f'<w:font xmlns:w="{W_NS}" w:name={quoteattr(font)}>{alt_xml}{panose}<w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
    )


def _install_fonts(document, layout: Layout) -> None:  # type: ignore[no-untyped-def]
    """Declare the Chinese fonts (GB2312 charset, alternatives) so Word substitutes sensibly."""

    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    names = {el.get(f"{W}name") for el in root.findall(f"{W}font")}
    for font in dict.fromkeys(spec.font for spec in layout.styles.values()):
        if font not in names:
            root.append(parse_xml(font_xml(font, layout.font_alternatives.get(font))))

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_xml(spec: StyleSpec, align: str) -> str:
    """`— 1 —` with a PAGE field, indented one character from the side it sits on."""
    side = "right" if align == "right" else "left"
    run = f"<w:rPr>{rfonts(spec.font)}</w:rPr>"
    return (
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="{STYLE_IDS["page_number"]}"/>'
        f'<w:ind w:{side}="{twips(spec.char_pt)}" w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r>{run}<w:t xml:space="preserve">— </w:t></w:r>'
        f'<w:r>{run}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{run}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{run}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{run}<w:t>1</w:t></w:r>"
        f'<w:r>{run}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{run}<w:t xml:space="preserve"> —</w:t></w:r></w:p>'
    )


def _fill_footer(footer, xml: str) -> None:  # type: ignore[no-untyped-def]

    footer.is_linked_to_previous = False
    el = footer._element
    for child in list(el):
        el.remove(child)
    el.append(parse_xml(xml))


def _setup_section(document, layout: Layout) -> None:  # type: ignore[no-untyped-def]

    page = layout.page
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance, section.footer_distance = Mm(page.header_mm), Mm(page.footer_mm)
    section.gutter = Mm(0)
    document.settings.odd_and_even_pages_header_footer = True
    spec = layout.styles["page_number"]
    _fill_footer(section.footer, _page_number_xml(spec, "right"))  # odd pages
    _fill_footer(section.even_page_footer, _page_number_xml(spec, "left"))
    sect = section._sectPr
    grid = sect.find(f"{W}docGrid")
    if grid is not None:
        sect.remove(grid)
    # The line pitch documents the 22-line grid; no grid type, so nothing snaps to it.
    sect.append(parse_xml(f'<w:docGrid xmlns:w="{W_NS}" w:linePitch="{twips(layout.styles["body"].line_pt)}"/>'))


def _settings(document) -> None:  # type: ignore[no-untyped-def]
    settings = document.settings.element
    lang = settings.find(f"{W}themeFontLang")
    if lang is not None:
        lang.set(f"{W}eastAsia", EAST_ASIAN_LANG)
    for tag in ("rsids", "proofState"):
        el = settings.find(f"{W}{tag}")
        if el is not None:
            settings.remove(el)


def _drop_parts(document) -> None:  # type: ignore[no-untyped-def]
    """The default template's preview picture and Word 2010 style copy: stale and misleading."""
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rid]
    doc_rels = document.part.rels
    for rid, rel in list(doc_rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc_rels[rid]
            doc_rels._target_parts_by_rId.pop(rid, None)


def base_document(layout: Layout) -> bytes:
    """The empty, styled form document as DOCX bytes."""

    document = docx.Document()
    _drop_parts(document)
    _install_styles(document, layout)
    _install_fonts(document, layout)
    _setup_section(document, layout)
    _settings(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_runs(text: str, font: str) -> str:
    """Runs for a text, tabs as w:tab; every run names its fonts for East Asian text too."""
    props = f"<w:rPr>{rfonts(font)}</w:rPr>"
    parts = []
    for i, chunk in enumerate(text.split("\t")):
        if i:
            parts.append(f"<w:r>{props}<w:tab/></w:r>")
        if chunk:
            # clean(): XML 1.0 has no control characters, and Word refuses a file that holds one
            parts.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(clean(chunk))}</w:t></w:r>')
    return "".join(parts)
