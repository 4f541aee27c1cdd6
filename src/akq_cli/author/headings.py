"""Which column of a department's list holds what: the heading rows, the vocabulary, the mapping file.

A real template may put a group heading over sub-columns (实施基本情况 over 索要单位 and 开具单位,
行使层级 over 省级/市级/县级/乡镇级) in a second heading row; a CSV exported from it leaves the merged
cells empty.  `find_header` reads one or two heading rows and names each column ``group/sub``.  A column is
looked up by its whole name, then its sub-heading, then its group: in the user's mapping (``--columns`` or
``--mapping FILE.toml``), then in the field registry's headings and the vocabulary below.  A column nothing
maps is *unmapped*: the import reports it with a sample value and keeps its cells in the draft's ``source``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from akq_cli.core import fields
from akq_cli.core.spreadsheet import SheetError, Table
from akq_cli.core.state import read_regular

# What a column may be mapped to besides an item field.
IGNORE = "ignore"  # dropped: row numbers
KEEP = "keep"  # no field, kept in source.cells without being reported
LEVEL = "level"  # 效力层级: the level of the row's legal basis
REFUSAL = "refusal"  # a reason the row cannot use the commitment route
HANDLING = "handling"  # 取消后办理方式: only a commitment route keeps the row a commitment item
SPECIAL = (KEEP, LEVEL, REFUSAL, HANDLING, IGNORE)

_OWN: dict[str, str] = {
    **dict.fromkeys(("序号", "编号", "序列号"), IGNORE),
    **dict.fromkeys(("备注", "说明", "行使层级", "依据条文及内容", "依据条文内容", "条文内容", "设定依据条文", "条款内容"), KEEP),
    **dict.fromkeys(("效力层级", "依据效力层级", "设定依据效力层级", "法律效力层级"), LEVEL),
    **dict.fromkeys(
        (
            "不能实行告知承诺及保留原因", "不能实行告知承诺的原因", "不实行告知承诺的原因", "不实行告知承诺原因",
            "不适用告知承诺的原因", "保留原因", "不能实行告知承诺制原因",
        ),
        REFUSAL,
    ),
    **dict.fromkeys(("取消后办理方式", "取消后的办理方式", "取消后管理措施", "取消后的管理措施"), HANDLING),
}  # fmt: skip
# Headings after normalisation (no spaces, no bracketed notes) -> field or one of SPECIAL.
HEADINGS: dict[str, str] = {**fields.import_headings(), **_OWN}
# What --columns and a mapping file may name: the fields with headings, kind (set by --kind or group rows,
# never by a 事项类型 column), and the special targets.
FIELDS: tuple[str, ...] = (*dict.fromkeys(v for v in fields.import_headings().values()), "kind", *SPECIAL)

_NOTE = re.compile(r"[（(][^）)]*[）)]")


def norm_heading(text: str) -> str:
    return _NOTE.sub("", re.sub(r"\s+", "", text)).strip("：:*※ ")


def _raw(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Column:
    index: int
    heading: str  # as the sheet writes it, one line; group/sub for a two-row heading
    target: str | None  # a field, one of SPECIAL, or None: unmapped
    chosen: bool = False  # the user's mapping named it (no guessing about what the cells mean)


@dataclass
class Header:
    first: int  # index into table.rows of the first heading row
    rows: int  # 1 or 2
    columns: list[Column] = field(default_factory=list)

    @property
    def last(self) -> int:
        return self.first + self.rows - 1

    def target(self, name: str) -> list[Column]:
        return [c for c in self.columns if c.target == name]

    @property
    def unmapped(self) -> list[Column]:
        return [c for c in self.columns if c.target is None]


def _lookup(parts: tuple[str, ...], overrides: dict[str, str]) -> tuple[str | None, bool]:
    whole = "/".join(parts)
    keys = [whole, *reversed(parts)] if len(parts) > 1 else [whole]
    for key in keys:
        for k in (_raw(key), norm_heading(key)):
            if k in overrides:
                return overrides[k], True
    for key in keys:
        if norm_heading(key) in HEADINGS:
            return HEADINGS[norm_heading(key)], False
    return None, False


def _columns(parts: list[tuple[str, ...]], overrides: dict[str, str]) -> list[Column]:
    out = []
    for i, p in enumerate(parts):
        if not any(p):
            continue
        target, chosen = _lookup(p, overrides)
        out.append(Column(i, "/".join(re.sub(r"\s+", "", x) for x in p), target, chosen))
    return out


def _two_rows(a: list[str], b: list[str]) -> list[tuple[str, ...]]:
    """Each column's heading over two rows: a merged group (repeated, or left empty by a CSV export) over its subs."""
    parts: list[tuple[str, ...]] = []
    group = ""
    for c, top in enumerate(a):
        sub = b[c] if c < len(b) else ""
        if top:
            group = top
        elif sub:
            top = group  # the empty right part of a merged group cell
        if not sub or _raw(sub) == _raw(top):
            parts.append((top,) if top else ())
        elif not top:
            parts.append((sub,))
        else:
            parts.append((top, sub))
    return parts


def _useful(cols: list[Column]) -> int:
    return sum(1 for c in cols if c.target not in (None, IGNORE))


def find_header(table: Table, overrides: dict[str, str]) -> Header:
    """The heading row(s): of the first 20 rows, the one (or two) naming a title column and the most fields."""
    best: tuple[int, Header] | None = None
    rows = table.rows[:20]
    for i, row in enumerate(rows):
        if row.heading or row.empty:
            continue
        single = _columns([(c,) if c else () for c in row.cells], overrides)
        if not any(c.target == "title" for c in single):
            continue
        candidates = [Header(i, 1, single)]
        if i + 1 < len(rows) and not rows[i + 1].heading:
            below = rows[i + 1].cells
            title_col = next(c.index for c in single if c.target == "title")
            # A second heading row leaves the title column empty (CSV) or repeats it (a merged cell); a data row fills it.
            if below[title_col] in ("", row.cells[title_col]) and any(
                x and _raw(x) != _raw(row.cells[k]) for k, x in enumerate(below)
            ):
                candidates.append(Header(i, 2, _columns(_two_rows(row.cells, below), overrides)))
        for h in candidates:
            if best is None or _useful(h.columns) > best[0]:
                best = (_useful(h.columns), h)
    if best is None:
        raise SheetError(
            {
                "zh": f"{table.source} 的前 20 行中没有找到“证明名称”或“事项名称”列。"
                "请确认表头，或用 --columns 指定，例如 --columns '证明材料=title,用于办理=matter'。",
                "en": f"No title column (证明名称/事项名称) in the first 20 rows of {table.source}. "
                "Check the headings or map them with --columns, e.g. --columns '证明材料=title,用于办理=matter'.",
            }
        )
    return best[1]


def _bad_target(where: str, entry: str) -> SheetError:
    return SheetError(
        {
            "zh": f"{where}中的“{entry}”写法不对。应为“表头=字段”，字段可选：{'、'.join(FIELDS)}。",
            "en": f"Bad entry '{entry}' in {where}. Write HEADING=FIELD; fields: {', '.join(FIELDS)}.",
        }
    )


def parse_columns(spec: str | None) -> dict[str, str]:
    """--columns '事项名称=title,用于=matter' -> {heading: field}; raises SheetError on a bad spec."""
    out: dict[str, str] = {}
    for part in re.split(r"[,，]", spec or ""):
        if not part.strip():
            continue
        heading, sep, name = part.partition("=")
        heading, name = _raw(heading), name.strip()
        if not sep or not heading or name not in FIELDS:
            raise _bad_target("--columns ", part.strip())
        out[heading] = name
    return out


@dataclass
class Mapping:
    """A department's mapping file, kept beside its sheet: which sheet, department, kind, and heading -> field."""

    columns: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    department: str | None = None
    kind: str | None = None


def load_mapping(path: Path) -> Mapping:
    """Read ``--mapping FILE.toml``; every problem is a SheetError naming the file (and line, from TOML)."""
    try:
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except FileNotFoundError as exc:
        raise SheetError({"zh": f"映射文件不存在：{path}", "en": f"No such mapping file: {path}"}) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError({"zh": f"无法读取映射文件 {path}：{exc}", "en": f"Cannot read mapping file {path}: {exc}"}) from exc
    except tomllib.TOMLDecodeError as exc:
        raise SheetError(
            {
                "zh": f"映射文件 {path} 格式不对（{exc}）。请按 akq import --help 中的例子写。",
                "en": f"Mapping file {path} is not valid TOML ({exc}). See the example in akq import --help.",
            }
        ) from exc
    known = {"columns", "sheet", "department", "kind"}
    extra = sorted(set(data) - known)
    if extra:
        raise SheetError(
            {
                "zh": f"映射文件 {path} 中有不认识的设置：{'、'.join(extra)}。可用：columns、sheet、department、kind。",
                "en": f"Unknown setting(s) in mapping file {path}: {', '.join(extra)}. Known: columns, sheet, department, kind.",
            }
        )
    cols = data.get("columns", {})
    if not isinstance(cols, dict):
        raise SheetError({"zh": f"映射文件 {path} 中的 columns 应为“表头 = 字段”的表。", "en": f"{path}: columns must be a table."})
    out = Mapping()
    for heading, name in cols.items():
        if not isinstance(name, str) or name.strip() not in FIELDS or not _raw(heading):
            raise _bad_target(f"映射文件 {path} ", f"{heading} = {name}")
        out.columns[_raw(heading)] = name.strip()
    for key in ("sheet", "department", "kind"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise SheetError({"zh": f"映射文件 {path} 中的 {key} 应为文字。", "en": f"{path}: {key} must be a string."})
        setattr(out, key, value)
    return out
