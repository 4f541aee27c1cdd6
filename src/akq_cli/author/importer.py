"""From a department's spreadsheet list (清单) to draft items.

The usual headings of county lists are recognised (序号, 证明名称/事项名称,
证明用途, 设定依据, 办理机关 …), with a ``--columns`` mapping for unusual ones.
Every row becomes a draft written through the same commented template as
`akq new`; what the sheet does not say stays ``待填写`` for a person (the
``placeholder`` rule lists them).  Rows that cannot become an item are
reported with the reason, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.author.scaffold import PLACEHOLDER, matter_types
from akq_cli.core import fields
from akq_cli.core.catalog import Catalog
from akq_cli.core.spreadsheet import Row, SheetError, Table

# Headings that name no field: row numbers, a second id column, remarks.
IGNORED = ("序号", "编号", "备注")
# Headings seen in county and prefecture lists, after normalisation (no spaces, no bracketed notes);
# each field's own are in the field registry (akq_cli.core.fields, import_headings).
HEADINGS: dict[str, str] = {**fields.import_headings(), **dict.fromkeys(IGNORED, "ignore")}
FIELDS = (*dict.fromkeys(HEADINGS.values()),)  # what --columns may name; "ignore" last
# Cells taken as one line of text, and cells split into a list; title, id, kind, department,
# matter_type and legal_basis are read by their own code below.
TEXTS = tuple(f.key for f in fields.ITEM if f.key in FIELDS and f.type in ("text", "string") and f.key != "title")
LISTS = tuple(f.key for f in fields.ITEM if f.key in FIELDS and f.type == "text_list")

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_NOTE = re.compile(r"[（(][^）)]*[）)]")
_SPLIT = re.compile(r"\s*(?:\n|；|;)\s*")
_NUMBERING = re.compile(r"^\s*(?:[0-9０-９]+[.、．)）]|[（(][0-9０-９一二三四五六七八九十]+[)）]|[①-⑳]|[一二三四五六七八九十]+、)\s*")
# One article reference: 第十一条, 第十一条第一款第三项, or a bare 第二款 that belongs to the article before it.
_PIECE = r"第[^，,；;、《》\s和及与]*?[条款项](?:第[^，,；;、《》\s和及与]*?[款项])*"
_BASIS = re.compile(rf"(《[^》]+》)\s*(?P<note>[（(][^）)]*[）)])?\s*(?P<articles>{_PIECE}(?:\s*[、，,和及与]\s*{_PIECE})*)?")
# Document numbers say the level better than the title does: 《…办法》（国务院令第412号） is an administrative regulation.
_ISSUED_BY = (
    (re.compile(r"主席令"), "law"),
    (re.compile(r"国务院令"), "administrative_regulation"),
    (re.compile(r"(?:人民)?政府令"), "local_government_rule"),
    (re.compile(r"[部局委署]令|[部局委署]第[0-9０-９一二三四五六七八九十百零]+号令|委员会令"), "departmental_rule"),
)


def norm_heading(text: str) -> str:
    return _NOTE.sub("", re.sub(r"\s+", "", text)).strip("：:*※ ")


def guess_level(document: str, note: str = "") -> str:
    """The basis level a document's name and number (``note``: 国务院令第N号) suggest; the import marks it for checking."""
    name = document.strip("《》")
    if "国务院" in name and "决定" in name:
        return "state_council_decision"
    for pattern, level in _ISSUED_BY:
        if pattern.search(note):
            return level
    if name.startswith("国务院") and name.endswith(("办法", "规定", "条例")):
        return "administrative_regulation"
    local = name.startswith(("新疆维吾尔自治区", "自治区", "克孜勒苏柯尔克孜自治州", "自治州", "阿合奇县"))
    if name.endswith(("办法", "规定", "规则", "细则")):  # before 法: 办法 ends in 法 too
        return "local_government_rule" if local else "departmental_rule"
    if name.endswith("条例"):
        return "local_regulation" if local else "administrative_regulation"
    if name.endswith("法"):
        return "law"
    return "normative_document"


def articles(text: str) -> list[str]:
    """第十一条、第十二条 -> both; 第十一条第一款、第二款 -> 第十一条第一款, 第十一条第二款."""
    out: list[str] = []
    for piece in re.findall(_PIECE, text):
        if "条" not in piece and out:
            piece = out[-1][: out[-1].index("条") + 1] + piece
        out.append(piece)
    return out


def parse_basis(text: str) -> list[dict[str, Any]]:
    """《法》第N条… in free text → legal_basis entries, one per article; the level is a guess."""
    found = []
    for m in _BASIS.finditer(text):
        # The document number may also follow the articles: 《…办法》第五条（国务院令第412号）.
        after = text[m.end() : (text.find("《", m.end()) + 1 or len(text) + 1) - 1]
        level = guess_level(m.group(1), (m.group("note") or "") + after)
        for article in articles(m.group("articles") or "") or [""]:
            found.append({"document": m.group(1), "article": article, "level": level, "guessed": True})
    if not found and text.strip():
        # No 《》 title: keep the words for the person who fills the item in.
        found.append({"document": text.strip(), "article": "", "level": "normative_document", "guessed": True})
    return found


def split_list(text: str) -> list[str]:
    parts = [_NUMBERING.sub("", p).strip() for p in _SPLIT.split(text)]
    return [p for p in parts if p]


def one_line(text: str) -> str:
    """A cell's text as one line (line breaks in Chinese text carry no space)."""
    return re.sub(r"\s*\n\s*", "", text).strip() if text else ""


@dataclass
class Problem:
    row: int
    reason: dict[str, str]
    info: bool = False  # a heading or repeated header: skipped, not a failure


@dataclass
class Draft:
    row: int
    values: dict[str, Any]
    kind: str
    department: str
    path: Path | None = None
    id: str = ""
    existing: Path | None = None  # an item already in the catalog that this row would replace


@dataclass
class Plan:
    table: Table
    header_row: int
    columns: dict[int, str]  # column index -> field
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    empty_rows: int = 0


def find_header(table: Table, overrides: dict[str, str]) -> tuple[int, dict[int, str]]:
    """(index into table.rows, column -> field) of the heading row: the first with most known headings."""
    best: tuple[int, int, dict[int, str]] | None = None
    for i, row in enumerate(table.rows[:20]):
        if row.heading:
            continue
        cols: dict[int, str] = {}
        for c, cell in enumerate(row.cells):
            raw = re.sub(r"\s+", "", cell)
            f = overrides.get(raw) or overrides.get(norm_heading(cell)) or HEADINGS.get(norm_heading(cell))
            if f:
                cols[c] = f
        useful = sum(1 for f in cols.values() if f != "ignore")
        if "title" in cols.values() and (best is None or useful > best[0]):
            best = (useful, i, cols)
    if best is None or best[0] < 1:
        raise SheetError(
            {
                "zh": f"{table.source} 的前 20 行中没有找到“证明名称”或“事项名称”列。"
                "请确认表头，或用 --columns 指定，例如 --columns '证明材料=title,用于办理=matter'。",
                "en": f"No title column (证明名称/事项名称) in the first 20 rows of {table.source}. "
                "Check the headings or map them with --columns, e.g. --columns '证明材料=title,用于办理=matter'.",
            }
        )
    return best[1], best[2]


def parse_columns(spec: str | None) -> dict[str, str]:
    """--columns '事项名称=title,用于=matter' -> {heading: field}; raises SheetError on a bad spec."""
    out: dict[str, str] = {}
    for part in re.split(r"[,，]", spec or ""):
        if not part.strip():
            continue
        heading, sep, name = part.partition("=")
        heading, name = re.sub(r"\s+", "", heading), name.strip()
        if not sep or not heading or name not in FIELDS:
            raise SheetError(
                {
                    "zh": f"--columns 中的“{part.strip()}”写法不对。应为“表头=字段”，字段可选：{'、'.join(FIELDS)}。",
                    "en": f"Bad --columns entry '{part.strip()}'. Write HEADING=FIELD; fields: {', '.join(FIELDS)}.",
                }
            )
        out[heading] = name
    return out


def _kind_of(text: str) -> str | None:
    if "许可" in text:
        return "business_license"
    if "证明" in text:
        return "certification"
    if text in ("certification", "business_license"):
        return text
    return None


def _department_of(text: str, departments: dict[str, dict[str, Any]]) -> str | None:
    t = re.sub(r"\s+", "", text)
    if t in departments:
        return t
    for dep_id, dep in departments.items():
        name = str(dep.get("name", ""))
        short = name.removeprefix("阿合奇县")
        if t in (name, short) or (short and (t.endswith(short) or short in t)):
            return dep_id
    return None


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
        if heading not in seen_cells:
            raise SheetError(
                {
                    "zh": f"--columns 中的表头“{heading}”在 {table.source} 的前 20 行中不存在。请照表格中的写法填写。",
                    "en": f"--columns names '{heading}', which is not a heading in the first 20 rows of {table.source}.",
                }
            )
    header_index, cols = find_header(table, columns)
    plan = Plan(table, table.rows[header_index].number, cols)
    header_cells = table.rows[header_index].cells
    section_kind: str | None = None
    seen: dict[tuple[str, str, str], int] = {}
    for row in table.rows[header_index + 1 :]:
        if row.empty:
            plan.empty_rows += 1
            continue
        if row.cells == header_cells:
            plan.problems.append(Problem(row.number, {"zh": "重复的表头行，已跳过", "en": "repeated heading row, skipped"}, True))
            continue
        if row.heading:
            text = next((c for c in row.cells if c), "")
            section_kind = _kind_of(text) or section_kind
            plan.problems.append(Problem(row.number, {"zh": f"分组标题“{text}”，已跳过", "en": f"group heading '{text}', skipped"}, True))
            continue
        draft = _draft(row, cols, catalog, department, kind or section_kind, plan)
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


def _draft(
    row: Row, cols: dict[int, str], catalog: Catalog, department: str | None, kind: str | None, plan: Plan
) -> Draft | None:
    raw: dict[str, str] = {}
    for c, name in cols.items():
        if name == "ignore" or c >= len(row.cells) or not row.cells[c]:
            continue
        raw[name] = (raw[name] + "\n" + row.cells[c]) if name in raw else row.cells[c]

    def problem(zh: str, en: str) -> None:
        plan.problems.append(Problem(row.number, {"zh": zh, "en": en}))

    title = one_line(raw.get("title", ""))
    if not title:
        problem("没有事项名称（证明名称）", "no title")
        return None
    dep = department
    if dep is None:
        text = raw.get("department", "")
        if not text:
            problem("没有办理机关；请用 --department 指定部门代码", "no department; give --department")
            return None
        dep = _department_of(text, catalog.departments)
        if dep is None:
            problem(
                f"办理机关“{one_line(text)}”不在 departments.yaml 中；请用 --department 指定，或先在 departments.yaml 中添加",
                f"department '{one_line(text)}' is not in departments.yaml; give --department or add it there",
            )
            return None
    row_kind = _kind_of(raw.get("kind", "")) or kind or "certification"
    values: dict[str, Any] = {"title": title}
    for name in TEXTS:
        if raw.get(name):
            values[name] = one_line(raw[name])
    if raw.get("legal_basis"):
        values["legal_basis"] = parse_basis(raw["legal_basis"])
    for name in LISTS:
        if raw.get(name):
            values[name] = split_list(raw[name])
    mt = one_line(raw.get("matter_type", ""))
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
    item_id = raw.get("id", "").strip()
    draft = Draft(row.number, values, row_kind, dep, id=item_id if ID_PATTERN.match(item_id) else "")
    return draft


def existing_items(catalog: Catalog) -> tuple[dict[str, Path], dict[tuple[str, str, str], Path]]:
    """Items already in the catalog: by id, and by (department, title, matter)."""
    by_id: dict[str, Path] = {}
    by_key: dict[tuple[str, str, str], Path] = {}
    for item in catalog.items:
        by_id[item.id] = item.path
        d = item.data
        key = (str(d.get("department", "")), str(d.get("title", "")), str(d.get("matter", "")))
        by_key.setdefault(key, item.path)
    return by_id, by_key


def assign(plan: Plan, catalog: Catalog) -> None:
    """Give each draft its id and path; note the existing item it would replace."""
    from akq_cli.author.scaffold import id_allocator

    by_id, by_key = existing_items(catalog)
    allocate = id_allocator(catalog.items_dir)
    for d in plan.drafts:
        key = (d.department, d.values.get("title", ""), d.values.get("matter", PLACEHOLDER))
        if d.id and d.id in by_id:
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


def render(d: Draft, catalog: Catalog, origin: str) -> str:
    from akq_cli.author.scaffold import render_item, schema_path, standard_withdrawal
    from akq_cli.core.paths import display_path

    assert d.path is not None
    dep = catalog.departments.get(d.department, {})
    return render_item(
        d.kind,
        {
            **d.values,
            "id": d.id,
            "department": d.department,
            "department_name": dep.get("name", d.department),
            "withdrawal": standard_withdrawal(catalog.meta),
            "schema_path": schema_path(d.path),
            "display_path": display_path(d.path),
            "generator": "akq import",
            "origin": f"{origin} 第 {d.row} 行",
        },
    )
