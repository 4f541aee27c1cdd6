"""From a department's spreadsheet list (清单) to draft items, losing no cell.

The usual headings of county lists are recognised (author/headings.py), with ``--columns`` or a mapping
file for unusual ones.  Every row becomes a draft written through the same commented template as
`akq new`; what the sheet does not say stays ``待填写`` for a person (the ``placeholder`` rule lists
them).  A cell no field takes is kept in the draft's ``source`` with its heading, and the column is
reported.  Rows that cannot become an item (no title, an unknown department, a sheet that says the item
cannot use the commitment route) are reported with the reason, never guessed at.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.author import headings
from akq_cli.author.citations import level_named, parse_basis
from akq_cli.author.headings import HANDLING, IGNORE, KEEP, LEVEL, REFUSAL, Column, Header, norm_heading
from akq_cli.author.scaffold import (
    PLACEHOLDER,
    id_allocator,
    matter_types,
    render_item,
    schema_path,
    standard_withdrawal,
)
from akq_cli.core import fields
from akq_cli.core.catalog import Catalog
from akq_cli.core.paths import display_path
from akq_cli.core.spreadsheet import Row, SheetError, Table

try:  # the law-currency register (issue 10.3, branch `laws`); until it lands no document can be checked
    from akq_cli.core import laws as _laws  # type: ignore[attr-defined]
except ImportError:
    _laws = None

HEADINGS = headings.HEADINGS
FIELDS = headings.FIELDS
# Cells taken as one line of text, and cells split into a list; title, id, kind, department,
# matter_type and legal_basis are read by their own code below.
TEXTS = tuple(f.key for f in fields.ITEM if f.key in FIELDS and f.type in ("text", "string") and f.key != "title")
# A sheet's cell holds texts; conditions (entries that may be plain texts) import as untraced ones.
LISTS = tuple(f.key for f in fields.ITEM if f.key in FIELDS and (f.type == "text_list" or f.shorthand))

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_SPLIT = re.compile(r"\s*(?:\n|；|;)\s*")
_NUMBERING = re.compile(r"^\s*(?:[0-9０-９]+[.、．)）]|[（(][0-9０-９一二三四五六七八九十]+[)）]|[①-⑳]|[一二三四五六七八九十]+、)\s*")
_GROUP = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部类])")
_FOOTER = re.compile(r"^\s*(?:填报人|填表人|审核人|负责人|联系人|联系电话|填报日期|填表日期|制表|单位负责人)")
_UNIT = re.compile(r"(?:填报|报送)?单位(?:[（(]盖章[)）])?\s*[:：]\s*(?P<name>[^\s:：]+)")
_NONE = {"", "无", "否", "—", "-", "－", "/", "／", "不适用", "空"}
# 证明用途 holds a purpose sentence in the policy's template, but the matter applied for in many real lists.
_PURPOSE = re.compile(r"^(?:用于|用以)?(?:证明|证实|确认|核实|说明)")
_MATTER_END = re.compile(
    r"(?:许可|登记|审批|核发|认定|备案|申请|注册|变更|注销|延续|换发|补发|签发|发放|审核|确认|办理|手续|补贴|救助|资格|待遇"
    r"|申领|补领|换领|领取|迁移|落户|转移|接续|报销|核准|入学|参保|证|照|证件|证书)$"
)


def split_list(text: str) -> list[str]:
    parts = [_NUMBERING.sub("", p).strip() for p in _SPLIT.split(text)]
    return [p for p in parts if p]


def one_line(text: str) -> str:
    """A cell's text as one line (line breaks in Chinese text carry no space)."""
    return re.sub(r"\s*\n\s*", "", text).strip() if text else ""


def names_a_matter(text: str) -> bool:
    """Whether a 证明用途 cell names the matter applied for (申领护照, 道路运输经营许可) rather than a purpose."""
    t = one_line(text)
    return bool(t) and len(t) <= 40 and not _PURPOSE.match(t) and "，" not in t and "。" not in t and (
        t.startswith(("申请", "申领", "办理", "用于")) or bool(_MATTER_END.search(t))
    )


@dataclass
class Problem:
    row: int
    reason: dict[str, str]
    info: bool = False  # a note: the row was skipped on purpose or imported with something to check


@dataclass
class Draft:
    row: int
    values: dict[str, Any]
    kind: str
    department: str
    path: Path | None = None
    id: str = ""
    existing: Path | None = None  # an item already in the catalog that this row would replace
    cells: list[dict[str, str]] = field(default_factory=list)  # source.cells
    own: bool = False  # existing is the draft an earlier import made from this row
    update: bool = False  # ... and nobody has touched it since: replace it
    stale: Path | None = None  # its earlier draft under another id (department or kind corrected): removed


@dataclass
class Plan:
    table: Table
    header: Header
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    empty_rows: int = 0
    samples: dict[int, str] = field(default_factory=dict)  # unmapped column -> a sample value
    register: Any | None = None  # the law-currency register, read once per import
    earlier: dict[int, Path] = field(default_factory=dict)  # row -> the draft an earlier import of this sheet made

    @property
    def header_row(self) -> int:
        return self.table.rows[self.header.first].number

    @property
    def unmapped(self) -> list[tuple[Column, str]]:
        return [(c, self.samples.get(c.index, "")) for c in self.header.unmapped]


def check_overrides(header: Header, table: Table, overrides: dict[str, str]) -> None:
    """Every heading the user mapped names a column (whole, sub-heading or group)."""
    known = set()
    for c in header.columns:
        for part in (c.heading, *c.heading.split("/")):
            known |= {part, norm_heading(part)}
    for heading in overrides:
        if heading not in known and norm_heading(heading) not in known:
            raise SheetError(
                {
                    "zh": f"映射中的表头“{heading}”在 {table.source} 的表头中不存在。请照表格中的写法填写"
                    f"（多行表头写成“上一行/下一行”）。表头：{'、'.join(c.heading for c in header.columns)}。",
                    "en": f"The mapping names '{heading}', which is not a heading of {table.source}. "
                    f"Headings: {', '.join(c.heading for c in header.columns)}.",
                }
            )


def _kind_of(text: str) -> str | None:
    if "许可" in text:
        return "business_license"
    if "证明" in text:
        return "certification"
    if text in ("certification", "business_license"):
        return text
    return None


def department_match(text: str, departments: dict[str, dict[str, Any]]) -> tuple[str | None, list[str]]:
    """(code, []) for a name equal to a department's code, name, or name without 阿合奇县/县;
    else (None, close candidates as 'CODE 名称'). Never a substring guess: a brigade is not its bureau."""
    t = re.sub(r"\s+", "", text)
    if t.upper() in departments:
        return t.upper(), []
    short = t.removeprefix("阿合奇县").removeprefix("县")
    for dep_id, dep in departments.items():
        name = str(dep.get("name", ""))
        if t == name or (short and short == name.removeprefix("阿合奇县")):
            return dep_id, []
    # Close: one name inside the other (a brigade and its bureau), else alike once the county's name is left out.
    shorts = {str(dep.get("name", "")).removeprefix("阿合奇县"): dep_id for dep_id, dep in departments.items()}
    close = [n for n in shorts if n and short and (n in short or short in n)]
    close += [n for n in difflib.get_close_matches(short, list(shorts), n=3, cutoff=0.6) if n not in close]
    return None, [f"{shorts[n]} {departments[shorts[n]].get('name', n)}" for n in close[:3]]


def _group_row(row: Row, header: Header) -> str | None:
    """The text of a group row ("二、涉企经营许可事项"): a merged heading, or a row with one cell that is not a title."""
    if row.heading:
        return next((c for c in row.cells if c), "")
    filled = [(i, c) for i, c in enumerate(row.cells) if c.strip()]
    if len(filled) != 1:
        return None
    i, text = filled[0]
    title_cols = {c.index for c in header.target("title")}
    return text if i not in title_cols or _GROUP.match(text) else None


def plan_import(
    table: Table,
    catalog: Catalog,
    *,
    department: str | None,
    kind: str | None,
    columns: dict[str, str],
) -> Plan:
    """What the table becomes: drafts with their values, and the rows that cannot be used, with why."""
    seen_cells = {f(c) for row in table.rows[:20] for c in row.cells for f in (norm_heading, lambda x: re.sub(r"\s+", "", x))}
    for heading in columns:
        if not all(part in seen_cells or norm_heading(part) in seen_cells for part in heading.split("/")):
            raise SheetError(
                {
                    "zh": f"映射中的表头“{heading}”在 {table.source} 的前 20 行中不存在。请照表格中的写法填写"
                    "（两行表头写成“上一行/下一行”）。",
                    "en": f"The mapping names '{heading}', which is not a heading in the first 20 rows of {table.source}.",
                }
            )
    header = headings.find_header(table, columns)
    check_overrides(header, table, columns)
    plan = Plan(table, header, register=law_register(catalog))
    heading_rows = [table.rows[i].cells for i in range(header.first, header.last + 1)]
    for row in table.rows[: header.first]:
        m = _UNIT.search(" ".join(row.cells))
        if m and department is None and not header.target("department"):
            found, _ = department_match(m.group("name"), catalog.departments)
            if found:
                department = found
                plan.problems.append(
                    Problem(row.number, {"zh": f"填报单位“{m.group('name')}”即 {found}，作为各行的办理机关", "en": f"reporting unit '{m.group('name')}' is {found}: the department of every row"}, True)
                )
    section_kind: str | None = None
    seen: dict[tuple[str, str, str], int] = {}
    for row in table.rows[header.last + 1 :]:
        if row.empty:
            plan.empty_rows += 1
            continue
        if row.cells in heading_rows:
            plan.problems.append(Problem(row.number, {"zh": "重复的表头行，已跳过", "en": "repeated heading row, skipped"}, True))
            continue
        first = next(c for c in row.cells if c.strip())
        if _FOOTER.match(first):  # before groups: a sign-off in one merged cell is no group heading
            plan.problems.append(Problem(row.number, {"zh": f"表尾签署行“{one_line(first)[:30]}”，已跳过", "en": "sign-off row, skipped"}, True))
            continue
        group = _group_row(row, header)
        if group is not None:
            section_kind = _kind_of(group) or section_kind
            plan.problems.append(Problem(row.number, {"zh": f"分组标题“{group}”，已跳过", "en": f"group heading '{group}', skipped"}, True))
            continue
        for c in header.unmapped:
            if c.index < len(row.cells) and row.cells[c.index] and c.index not in plan.samples:
                plan.samples[c.index] = one_line(row.cells[c.index])
        draft = _draft(row, header, catalog, department, kind or section_kind, plan)
        if draft is None:
            continue
        key = (draft.department, draft.values.get("title", ""), draft.values.get("matter", ""))
        if key in seen:
            plan.problems.append(
                Problem(
                    row.number,
                    {
                        "zh": f"与第 {seen[key]} 行的事项名称、申请事项和部门相同，未重复导入",
                        "en": f"same title, matter and department as row {seen[key]}; not imported twice",
                    },
                )
            )
            continue
        seen[key] = row.number
        plan.drafts.append(draft)
    return plan


_MARK = {"√", "✓", "✔", "☑", "是", "○", "●", "★", "1", "Y", "y"}


def _marks(cells: list[dict[str, str]]) -> None:
    """Ticks under a group's sub-columns (行使层级 over 省级…乡镇级) as one cell: 行使层级 = 县级、乡镇级."""
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(cells):
        group, _, sub = c["heading"].partition("/")
        if sub and c["value"].strip() in _MARK:
            groups.setdefault(group, []).append(i)
    for group, idx in groups.items():
        subs = "、".join(cells[i]["heading"].partition("/")[2] for i in idx)
        cells[idx[0]] = {"heading": group, "value": subs}
        for i in reversed(idx[1:]):
            del cells[i]


def _refusal(raw: dict[str, list[tuple[Column, str]]]) -> tuple[str, str] | None:
    """(heading, text) of a cell saying the row cannot use the commitment route."""
    for col, text in raw.get(REFUSAL, []):
        if one_line(text) not in _NONE:
            return col.heading, one_line(text)
    for col, text in raw.get(HANDLING, []):
        if one_line(text) not in _NONE and "承诺" not in text:
            return col.heading, one_line(text)
    return None


def _draft(row: Row, header: Header, catalog: Catalog, department: str | None, kind: str | None, plan: Plan) -> Draft | None:
    raw: dict[str, list[tuple[Column, str]]] = {}
    cells: list[dict[str, str]] = []
    for col in header.columns:
        value = row.cells[col.index] if col.index < len(row.cells) else ""
        if not value or col.target == IGNORE:
            continue
        raw.setdefault(col.target or "", []).append((col, value))
        if col.target in (None, KEEP, HANDLING):
            cells.append({"heading": col.heading, "value": value})
    _marks(cells)

    def text(name: str) -> str:
        return "\n".join(v for _, v in raw.get(name, []))

    def problem(zh: str, en: str, info: bool = False) -> None:
        plan.problems.append(Problem(row.number, {"zh": zh, "en": en}, info))

    title = one_line(text("title"))
    if not title:
        problem("没有事项名称（证明名称）", "no title")
        return None
    refused = _refusal(raw)
    if refused:
        heading, why = refused
        problem(
            f"表格写明不实行告知承诺（{heading}：“{why}”），不导入为告知承诺草稿",
            f"the sheet says it cannot use the commitment route ({heading}: '{why}'); not imported as a commitment draft",
        )
        return None
    dep = department
    if dep is None:
        named = text("department")
        if not named:
            problem("没有办理机关；请用 --department 指定部门代码，或在映射文件中指定办理机关列", "no department; give --department")
            return None
        dep, close = department_match(named, catalog.departments)
        if dep is None:
            hint = f"相近的有：{'、'.join(close)}；" if close else ""
            hint_en = f"close: {', '.join(close)}; " if close else ""
            problem(
                f"办理机关“{one_line(named)}”不在 departments.yaml 中（部门名称须完全相同）。{hint}"
                "请在 departments.yaml 中添加，或用 --department 指定",
                f"department '{one_line(named)}' is not in departments.yaml (names must match exactly); {hint_en}"
                "add it there or give --department",
            )
            return None
    row_kind = _kind_of(text("kind")) or kind or "certification"
    values: dict[str, Any] = {"title": title}
    for name in TEXTS:
        if text(name):
            values[name] = one_line(text(name))
    # 证明用途 naming the matter applied for (护照签发, 道路运输经营许可) fills `matter`, unless the user chose otherwise.
    purpose_cols = [c for c, _ in raw.get("purpose", [])]
    if purpose_cols and not header.target("matter") and not any(c.chosen for c in purpose_cols) and names_a_matter(values["purpose"]):
        values["matter"] = re.sub(r"^用于(?:办理)?", "", values.pop("purpose"))
    if text("legal_basis"):
        _basis(text("legal_basis"), raw, values, cells, problem, plan.register)
    for name in LISTS:
        if text(name):
            values[name] = split_list(text(name))
    mt = one_line(text("matter_type"))
    allowed = matter_types()
    chosen = mt if mt in allowed else next((a for a in allowed if a in mt), None) if mt else None
    if chosen:
        values["matter_type"] = chosen
    else:
        values["matter_type_note"] = (
            f"行政事项类别：表格中为“{mt}”，不是可选值，akq import 暂填默认值，请核对。"
            if mt
            else "行政事项类别：表格中没有这一列，akq import 暂填默认值，请核对。"
        )
    if "legal_basis" not in values:  # a 效力层级 with no basis to apply to is kept as written
        cells.extend({"heading": c.heading, "value": v} for c, v in raw.get(LEVEL, []))
    item_id = text("id").strip()
    return Draft(row.number, values, row_kind, dep, id=item_id if ID_PATTERN.match(item_id) else "", cells=cells)


def _basis(cell: str, raw: dict[str, list[tuple[Column, str]]], values: dict[str, Any], cells: list[dict[str, str]], problem: Any, register: Any | None) -> None:
    """legal_basis from the basis cell(s), the level from 【tags】 or a 效力层级 column; what is no citation is reported."""
    level_cells = [v for _, v in raw.get(LEVEL, [])]
    levels = [level_named(p) for v in level_cells for p in re.split(r"[；;、\n]+", v) if p.strip()]
    one = levels[0] if len(set(levels)) == 1 else None
    basis = parse_basis(cell, one)
    if len(levels) > 1 and len(levels) == len(basis.documents) and all(levels):
        by_doc = dict(zip(basis.documents, levels, strict=True))
        for e in basis.entries:
            if e["guessed"]:
                e["level"], e["guessed"] = by_doc[e["document"]], False
    if level_cells and not all(levels):
        cells.extend({"heading": c.heading, "value": v} for c, v in raw.get(LEVEL, []))
    if basis.entries:
        values["legal_basis"] = basis.entries
    if basis.unparsed:
        what = "、".join(f"“{u}”" for u in basis.unparsed)
        problem(
            f"设定依据中的 {what} 没有写明文件名称（《》）和条款，未作为依据导入，原文保存在 source.cells 中，请补充",
            f"the legal basis {what} names no document and article; not imported as a basis, kept in source.cells",
            True,
        )
        cells.append({"heading": next(c.heading for c, _ in raw["legal_basis"]), "value": cell})
    for name, closest in unknown_documents(basis.documents, register):
        hint = f"，名册中相近的是 {closest}" if closest else ""
        problem(
            f"法律文件名册中没有 {name}{hint}；请核对名称是否准确、是否现行有效",
            f"not in the law register: {name}{f' (closest: {closest})' if closest else ''}; check the title and that it is in force",
            True,
        )


def law_register(catalog: Catalog) -> Any | None:
    """The law-currency register the catalog reads (akq_cli.core.laws); None until that module exists, or when
    the catalog's laws.toml is broken (akq lint reports that; the import does not stop for it)."""
    if _laws is None:
        return None
    try:
        return _laws.load_register(catalog.state)
    except _laws.RegisterError:
        return None


def unknown_documents(documents: list[str], register: Any | None) -> list[tuple[str, str | None]]:
    """(document, closest registered title) for each document the register does not know."""
    if register is None:
        return []
    out = []
    for d in documents:
        if register.lookup(d) is None and register.lookup(d.strip("《》")) is None:
            near = register.closest(d)
            # only a title that holds the other (《律师法》 for 《中华人民共和国律师法》): 刑法 is no hint for 护照法
            related = near and (near.strip("《》") in d or d.strip("《》") in near)
            out.append((d, near if related else None))
    return out


# --- ids, paths and re-import ------------------------------------------------------------------------------


_DIGEST_LINE = re.compile(r"^(\s*digest:).*$", re.M)


def digest(text: str) -> str:
    """A fingerprint of an item file, its own digest value left out: equal means nobody touched the file since
    the import wrote it (a comment, a value, `akq fmt`: any change keeps a re-import from overwriting it).
    Prefixed so that YAML can never read it as a number."""
    return "sha256:" + hashlib.sha256(_DIGEST_LINE.sub(r"\1", text, count=1).encode()).hexdigest()[:16]


def existing_items(catalog: Catalog) -> tuple[dict[str, Path], dict[tuple[str, str, str], Path], dict[tuple[str, str, int], tuple[Path, bool]]]:
    """Items already in the catalog: by id; by (department, title, matter); and the drafts an import made, by
    (file, sheet, row), with whether they are unedited since."""
    by_id: dict[str, Path] = {}
    by_key: dict[tuple[str, str, str], Path] = {}
    by_source: dict[tuple[str, str, int], tuple[Path, bool]] = {}
    for item in catalog.items:
        by_id[item.id] = item.path
        d = item.data
        key = (str(d.get("department", "")), str(d.get("title", "")), str(d.get("matter", "")))
        by_key.setdefault(key, item.path)
        src = d.get("source")
        if isinstance(src, dict) and isinstance(src.get("row"), int):
            untouched = d.get("status") == "draft" and src.get("digest") == digest(item.doc.text)
            by_source[(str(src.get("file", "")), str(src.get("sheet") or ""), src["row"])] = (item.path, untouched)
    return by_id, by_key, by_source


def assign(plan: Plan, catalog: Catalog) -> None:
    """Give each draft its id and path: the draft this row made before (re-import), an existing item it would
    replace (needs --force), or a new id."""
    by_id, by_key, by_source = existing_items(catalog)
    plan.earlier = {k[2]: v[0] for k, v in by_source.items() if k[:2] == (plan.table.file, plan.table.sheet or "")}
    allocate = id_allocator(catalog.items_dir)
    table = plan.table
    for d in plan.drafts:
        key = (d.department, d.values.get("title", ""), d.values.get("matter", PLACEHOLDER))
        own = by_source.get((table.file, table.sheet or "", d.row))
        if own is not None:
            d.existing, d.own, d.update = own[0], True, own[1]
            prefix = f"{d.department}-{'ZM' if d.kind == 'certification' else 'XK'}-"
            if d.update and not own[0].stem.startswith(prefix):
                d.stale, d.existing = own[0], None  # department or kind corrected: a new id, the old draft goes
            else:
                d.id = own[0].stem
        elif d.id and d.id in by_id:
            d.existing = by_id[d.id]
        elif key in by_key:
            d.existing = by_key[key]
            d.id = d.existing.stem
        if d.existing is not None:
            d.path = d.existing
            continue
        if not d.id:
            d.id = allocate(d.department, d.kind)
        d.path = catalog.items_dir / d.department / f"{d.id}.yaml"


def render(d: Draft, catalog: Catalog, origin: str, table: Table | None = None) -> str:
    """The draft's YAML; with ``table``, its source (file, sheet, row, kept cells, digest) too."""
    assert d.path is not None
    dep = catalog.departments.get(d.department, {})
    values = {
        **d.values,
        "id": d.id,
        "department": d.department,
        "department_name": dep.get("name", d.department),
        "withdrawal": standard_withdrawal(catalog.meta),
        "schema_path": schema_path(d.path),
        "display_path": display_path(d.path),
        "generator": "akq import",
        "origin": f"{origin} 第 {d.row} 行",
    }
    if table is None:
        return render_item(d.kind, values)
    # The digest is of the file as written: rendered once without it, then with it (only that line differs).
    source = {"file": table.file, "sheet": table.sheet, "row": d.row, "cells": d.cells, "digest": "sha256:"}
    written = digest(render_item(d.kind, {**values, "source": source}))
    return render_item(d.kind, {**values, "source": {**source, "digest": written}})
