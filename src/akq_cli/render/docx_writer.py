"""A Form's blocks laid out as WordprocessingML in a copy of the styled base document."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from akq_cli.core.invisible import clean
from akq_cli.render.determinism import Entry, write_zip
from akq_cli.render.docx_style import STYLE_IDS, mm_twips, text_runs, twips
from akq_cli.render.forms import Form, InfoTable, Para, Signature
from akq_cli.render.grid import GridTable, grid_xml
from akq_cli.render.layout import Layout


def _para(layout: Layout, style: str, text: str, extra_ppr: str = "") -> str:
    spec = layout.styles[style]
    return f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS[style]}"/>{extra_ppr}</w:pPr>{text_runs(text, spec.font)}</w:p>'


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


def _signature(layout: Layout, sig: Signature) -> str:
    """Blank lines to sign in, then the two columns; kept on one page with what precedes it."""
    keep = "<w:keepNext/>"
    tab = f'<w:tabs><w:tab w:val="left" w:pos="{mm_twips(layout.signature_right_mm)}"/></w:tabs>'
    parts = [_para(layout, "signature", "", keep) for _ in range(layout.signature_blank_lines)]
    rows = list(zip(sig.left, sig.right, strict=False))
    for i, (left, right) in enumerate(rows):
        if i:
            parts.append(_para(layout, "signature", "", keep))
        parts.append(_para(layout, "signature", f"{left}\t{right}", (keep if i < len(rows) - 1 else "") + tab))
    return "".join(parts)


def body_xml(layout: Layout, form: Form) -> str:
    out = []
    blocks = form.blocks
    for i, block in enumerate(blocks):
        if isinstance(block, Para):
            # The last promise stays with the signature block: no page holding only the signatures.
            before_signature = i + 1 < len(blocks) and isinstance(blocks[i + 1], Signature)
            out.append(_para(layout, block.style, block.text, "<w:keepNext/>" if before_signature else ""))
        elif isinstance(block, InfoTable):
            out.append(_table(layout, form.kind, block))
        elif isinstance(block, GridTable):
            out.append(grid_xml(layout, block))
        else:
            out.append(_signature(layout, block))
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

    def render(self, form: Form) -> bytes:
        """The form as DOCX bytes: same form, same bytes."""
        document = f"{self.head}{body_xml(self.layout, form)}{self.tail}".encode()
        values = {key: escape(clean(form.properties.get(key, ""))) for key in PROPERTY_KEYS}
        core = CORE_PROPERTIES.format(**values).encode()
        fresh = {DOCUMENT: Entry.of(DOCUMENT, document), CORE: Entry.of(CORE, core)}
        return write_zip([fresh.get(name) or self.shared[name] for name in self.names])


PROPERTY_KEYS = ("title", "subject", "author", "keywords", "comments", "category", "created")
