"""The form's page and paragraph styles, read from templates/form/layout.toml.

County staff adjust the layout there; this module only turns the file into
typed values and says clearly what is wrong with it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akq_cli.core.resources import resource_dir

STYLE_KEYS = ("body", "title", "subtitle", "heading1", "heading2", "cell", "signature", "note", "page_number")
ALIGNMENTS = ("left", "center", "right", "both")


class TemplateError(Exception):
    """A template file (layout.toml, wording.toml) that cannot be used."""

    def __init__(self, path: Path, detail: str, line: int = 1, column: int = 1) -> None:
        super().__init__(detail)
        self.path, self.detail, self.line, self.column = path, detail, line, column

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.detail}"


WIDE_MM = (62.0, 94.0)  # the business-license table's columns: 94 mm holds 16 characters at 16 pt


@dataclass(frozen=True)
class StyleSpec:
    key: str
    name: str
    font: str
    size_pt: float
    line_pt: float
    condense_pt: float = 0.0
    indent_chars: float = 0.0
    align: str = "both"
    before_lines: float = 0.0
    after_lines: float = 0.0
    outline: int | None = None

    @property
    def char_pt(self) -> float:
        """Width of one CJK character once condensed: the unit of indents."""
        return self.size_pt - self.condense_pt


@dataclass(frozen=True)
class PageSpec:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    header_mm: float
    footer_mm: float

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm


@dataclass(frozen=True)
class Layout:
    page: PageSpec
    styles: dict[str, StyleSpec]
    info_columns_mm: dict[str, tuple[float, ...]]
    border_pt: float
    signature_right_mm: float
    signature_blank_lines: int
    font_alternatives: dict[str, str]


def _table(raw: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise TemplateError(path, f"缺少 [{key}] 一节 / missing [{key}] table")
    return value


def _number(table: dict[str, Any], key: str, where: str, path: Path, default: float | None = None) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TemplateError(path, f"[{where}] {key} 应为数字 / must be a number")
    if value < 0:
        raise TemplateError(path, f"[{where}] {key} 不能为负数 / must not be negative")
    return float(value)


def _style(key: str, table: dict[str, Any], path: Path) -> StyleSpec:
    where = f"styles.{key}"
    for text_key in ("name", "font"):
        if not isinstance(table.get(text_key), str) or not table[text_key].strip():
            raise TemplateError(path, f"[{where}] 缺少 {text_key} / missing {text_key}")
    align = table.get("align", "both")
    if align not in ALIGNMENTS:
        raise TemplateError(path, f"[{where}] align = {align!r}：应为 {', '.join(ALIGNMENTS)}")
    outline = table.get("outline")
    if outline is not None and (isinstance(outline, bool) or not isinstance(outline, int) or not 0 <= outline <= 8):
        raise TemplateError(path, f"[{where}] outline 应为 0 到 8 的整数 / must be an integer 0-8")
    size = _number(table, "size_pt", where, path)
    return StyleSpec(
        key=key,
        name=table["name"],
        font=table["font"],
        size_pt=size,
        line_pt=_number(table, "line_pt", where, path, size),
        condense_pt=_number(table, "condense_pt", where, path, 0),
        indent_chars=_number(table, "indent_chars", where, path, 0),
        align=align,
        before_lines=_number(table, "before_lines", where, path, 0),
        after_lines=_number(table, "after_lines", where, path, 0),
        outline=outline,
    )


def parse_layout(text: str, path: Path) -> Layout:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(path, str(exc), getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1) from exc
    page = _table(raw, "page", path)
    page_spec = PageSpec(
        **{
            k: _number(page, k, "page", path)
            for k in ("width_mm", "height_mm", "top_mm", "bottom_mm", "left_mm", "right_mm", "header_mm", "footer_mm")
        }
    )
    if page_spec.text_width_mm <= 0:
        raise TemplateError(path, "[page] 左右白边之和超过纸张宽度 / margins wider than the page")
    styles_raw = _table(raw, "styles", path)
    styles = {}
    for key in STYLE_KEYS:
        table = styles_raw.get(key)
        if not isinstance(table, dict):
            raise TemplateError(path, f"缺少 [styles.{key}] 一节 / missing [styles.{key}]")
        styles[key] = _style(key, table, path)
    info = _table(raw, "info_table", path)
    columns: dict[str, tuple[float, ...]] = {}
    for kind in ("certification", "business_license"):
        widths = info.get(f"{kind}_mm")
        if (
            not isinstance(widths, list)
            or not widths
            or len(widths) % 2
            or not all(isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in widths)
        ):
            raise TemplateError(path, f"[info_table] {kind}_mm 应为成对的正数列表 / must list widths in pairs")
        columns[kind] = tuple(float(w) for w in widths)
    # One field a row, for the authority's name and the fill-in rows: a department name or an 18-digit
    # number fits its cell on one line.  Optional so that a layout.toml written before it still loads.
    wide = info.get("wide_mm", list(WIDE_MM))
    if not (isinstance(wide, list) and len(wide) == 2 and all(isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in wide)):
        raise TemplateError(path, "[info_table] wide_mm 应为两个正数 / must be two positive widths")
    columns["wide"] = tuple(float(w) for w in wide)
    signature = _table(raw, "signature", path)
    alternatives = raw.get("font_alternatives", {})
    if not isinstance(alternatives, dict) or not all(isinstance(v, str) for v in alternatives.values()):
        raise TemplateError(path, "[font_alternatives] 应为“字体 = 替代字体”/ must map font names to font names")
    return Layout(
        page=page_spec,
        styles=styles,
        info_columns_mm=columns,
        border_pt=_number(info, "border_pt", "info_table", path, 0.5),
        signature_right_mm=_number(signature, "right_column_mm", "signature", path),
        signature_blank_lines=int(_number(signature, "blank_lines", "signature", path, 2)),
        font_alternatives=dict(alternatives),
    )


def layout_path() -> Path:
    return resource_dir("templates") / "form" / "layout.toml"


def load_layout(path: Path | None = None) -> Layout:
    path = path or layout_path()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, str(exc)) from exc
    return parse_layout(text, path)
