"""A Form's blocks laid out as WordprocessingML in a copy of the styled base document."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from akq_cli.core.invisible import clean
from akq_cli.render import qr
from akq_cli.render.determinism import Entry, write_zip
from akq_cli.render.docx_style import STYLE_IDS, mm_twips, rfonts, text_runs, twips
from akq_cli.render.forms import Block, Form, InfoTable, Para, Signature
from akq_cli.render.grid import GridTable, grid_xml
from akq_cli.render.layout import Layout


def _para(layout: Layout, style: str, text: str, extra_ppr: str = "", extra_runs: str = "") -> str:
    spec = layout.styles[style]
    runs = extra_runs + text_runs(text, spec.font)
    return f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS[style]}"/>{extra_ppr}</w:pPr>{runs}</w:p>'


QR_REL = "rIdAkqQr"
QR_PART = "word/media/akq-qr.png"
EMU_PER_MM = 36000


def _qr_run(layout: Layout, link: str) -> str:
    """The QR code picture, anchored to the page's top right corner inside the top margin.

    The top margin of GB/T 9704 is blank, so the code moves no line of the 范本's layout: it floats
    (wrapNone) right-aligned with the type area, clear of the first line of text.
    """
    size = round(layout.qr.size_mm * EMU_PER_MM)
    x = round((layout.page.width_mm - layout.page.right_mm - layout.qr.size_mm) * EMU_PER_MM)
    y = round(layout.qr.top_mm * EMU_PER_MM)
    descr = escape(clean(f"扫码查看本事项网页：{link}"), {'"': "&quot;"})
    return (
        f'<w:r><w:rPr>{rfonts(layout.styles["title"].font)}</w:rPr><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{size}" cy="{size}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="1" name="QR" descr="{descr}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="1" name="akq-qr.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{QR_REL}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{size}" cy="{size}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:anchor></w:drawing></w:r>"
    )


def _table(layout: Layout, kind: str, table: InfoTable) -> str:
    widths = [mm_twips(w) for w in layout.info_columns_mm[table.columns or kind]]
    per_row = len(widths)
    border = round(layout.border_pt * 8)  # eighths of a point
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="{border}" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    cells = list(table.cells) + [""] * (-len(table.cells) % per_row)
    row_height = twips(layout.styles["cell"].line_pt * 1.5)
    rows = []
    for start in range(0, len(cells), per_row):
        tcs = []
        for col, text in enumerate(cells[start : start + per_row]):
            # Labels sit centred in their column; values and blanks start at the left.
            jc = '<w:jc w:val="center"/>' if col % 2 == 0 else ""
            tcs.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[col]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f"{_para(layout, 'cell', text, jc)}</w:tc>"
            )
        rows.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{row_height}" w:hRule="atLeast"/></w:trPr>'
            f"{''.join(tcs)}</w:tr>"
        )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


KEEP = "<w:keepNext/>"
LEAD_IN_ENDINGS = ("：", ":")


def _signature(layout: Layout, sig: Signature, keep_last: bool) -> str:
    """Blank lines to sign in, then the two columns; kept on one page with what precedes it
    and, with ``keep_last``, with what follows (the copies note)."""
    tab = f'<w:tabs><w:tab w:val="left" w:pos="{mm_twips(layout.signature_right_mm)}"/></w:tabs>'
    parts = [_para(layout, "signature", "", KEEP) for _ in range(layout.signature_blank_lines)]
    rows = list(zip(sig.left, sig.right, strict=False))
    for i, (left, right) in enumerate(rows):
        if i:
            parts.append(_para(layout, "signature", "", KEEP))
        keep = KEEP if keep_last or i < len(rows) - 1 else ""
        parts.append(_para(layout, "signature", f"{left}\t{right}", keep + tab))
    return "".join(parts)


def _keeps_with_next(block: Para, following: Block | None) -> bool:
    """The last promise stays with the signatures (no page of signatures alone); a lead-in
    ending in a colon stays with what it introduces (no "核查方式包括：" ending a page)."""
    return isinstance(following, Signature) or (following is not None and block.text.endswith(LEAD_IN_ENDINGS))


def body_xml(layout: Layout, form: Form) -> str:
    out = []
    blocks = form.blocks
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Para):
            picture = _qr_run(layout, form.link) if i == 0 and form.link else ""
            keep = KEEP if _keeps_with_next(block, following) else ""
            out.append(_para(layout, block.style, block.text, keep, picture))
        elif isinstance(block, InfoTable):
            out.append(_table(layout, form.kind, block))
        elif isinstance(block, GridTable):
            out.append(grid_xml(layout, block))
        else:
            # The copies note is the form's last line: never alone on a page of its own.
            out.append(_signature(layout, block, keep_last=following is not None))
    return "".join(out)


CORE_PROPERTIES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"
    "<cp:keywords>{keywords}</cp:keywords><dc:description>{comments}</dc:description>"
    "<cp:lastModifiedBy>akq</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
    "<cp:category>{category}</cp:category><dc:language>zh-CN</dc:language></cp:coreProperties>"
)
APP_PROPERTIES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><Application>akq</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
QR_RELATIONSHIP = (
    f'<Relationship Id="{QR_REL}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="media/akq-qr.png"/>'
)
CORE = "docProps/core.xml"
APP = "docProps/app.xml"


class FormPackage:
    """The styled base document, split so that a form only adds its body and properties.

    The shared parts are deflated once here; a form costs one XML string and two
    small compressions. Entry order is the base document's, which python-docx
    writes with [Content_Types].xml first, as Word expects.
    """

    def __init__(self, base: bytes, layout: Layout) -> None:
        import zipfile

        self.layout = layout
        with zipfile.ZipFile(io.BytesIO(base)) as z:
            names = z.namelist()
            contents = {name: z.read(name) for name in names}
        if DOCUMENT not in contents or CORE not in contents:
            raise ValueError("base document lacks word/document.xml or docProps/core.xml")
        document = contents[DOCUMENT].decode("utf-8")
        cut = document.rindex("<w:sectPr")
        self.head, self.tail = document[:cut], document[cut:]
        contents[APP] = APP_PROPERTIES.encode()  # python-docx's claims to be Word for the Mac
        self.names = names
        self.shared = {name: Entry.of(name, data) for name, data in contents.items() if name not in (DOCUMENT, CORE)}
        # A form with a QR code has one more part, its picture, and the relationship naming it.
        rels = contents[RELS].decode("utf-8")
        cut = rels.rindex("</Relationships>")
        self.qr_rels = Entry.of(RELS, f"{rels[:cut]}{QR_RELATIONSHIP}{rels[cut:]}".encode())
        types = contents[TYPES].decode("utf-8")
        if 'Extension="png"' not in types:
            cut = types.index("<Default ")
            types = f'{types[:cut]}<Default Extension="png" ContentType="image/png"/>{types[cut:]}'
        self.qr_types = Entry.of(TYPES, types.encode())

    def render(self, form: Form) -> bytes:
        """The form as DOCX bytes: same form, same bytes."""
        document = f"{self.head}{body_xml(self.layout, form)}{self.tail}".encode()
        values = {key: escape(clean(form.properties.get(key, ""))) for key in PROPERTY_KEYS}
        core = CORE_PROPERTIES.format(**values).encode()
        fresh = {DOCUMENT: Entry.of(DOCUMENT, document), CORE: Entry.of(CORE, core)}
        names = self.names
        if form.link:
            fresh.update({RELS: self.qr_rels, TYPES: self.qr_types, QR_PART: Entry.of(QR_PART, qr.png(form.link))})
            names = [*names, QR_PART]
        return write_zip([fresh.get(name) or self.shared[name] for name in names])


PROPERTY_KEYS = ("title", "subject", "author", "keywords", "comments", "category", "created")
