"""The content of a commitment form, section by section, independent of Word.

Follows the annex of 阿政办发〔2021〕6号 (证明事项告知承诺书（范本）) and, for a
business license, the same shape with the licensing conditions, materials, the
decision, post-approval checks and the folded-in certifications (seed 三（二）:
一次性告知和承诺). The result is a list of blocks that docx_writer lays out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from akq_cli.core import fields, timing
from akq_cli.core.conditions import texts as condition_texts
from akq_cli.render import fillin
from akq_cli.render import labels as L
from akq_cli.render.grid import GridTable
from akq_cli.render.wording import Wording

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (enough for section numbers)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


@dataclass(frozen=True)
class Para:
    style: str  # a key of Layout.styles
    text: str


@dataclass(frozen=True)
class InfoTable:
    cells: tuple[str, ...]  # label, value, label, value, … laid out in rows by the layout's columns
    columns: str = ""  # the layout's column set (layout.toml [info_table] NAME_mm); "" = the form kind's


@dataclass(frozen=True)
class Signature:
    left: tuple[str, ...]
    right: tuple[str, ...]


Block = Para | InfoTable | Signature | GridTable


@dataclass
class Form:
    kind: str
    title: str
    blocks: list[Block]
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FormContext:
    """What a form needs beyond its own item: the catalog's shared parts."""

    meta: dict[str, Any]
    departments: dict[str, dict[str, Any]]
    items: dict[str, dict[str, Any]]  # id -> item data, for folded-in certifications


class _Builder:
    def __init__(self, kind: str, wording: Wording) -> None:
        self.kind, self.wording = kind, wording
        self.blocks: list[Block] = []

    def text(self, key: str, **values: str) -> str:
        return self.wording.text(self.kind, key, **values)

    def add(self, style: str, *texts: str) -> None:
        self.blocks.extend(Para(style, t) for t in texts if t)

    def numbered(self, style: str, number: int, text: str) -> None:
        self.add(style, f"（{cn_number(number)}）{text}")

    def sections(self, data: dict[str, Any], writers: dict[str, Callable[[], list[str]]]) -> None:
        """The notification's sections in the wording file's order; empty ones are left out.

        A section without a writer of its own prints the registry's fields declared in it
        (akq_cli.core.fields), so a new text field needs no code here."""
        number = 0
        for key, heading in self.wording.sections(self.kind).items():
            writer = writers.get(key) or (lambda key=key: _plain(self.kind, data, key))
            body = [p for p in writer() if p]
            if not body:
                continue
            number += 1
            self.numbered("heading2", number, heading)
            self.add("body", *body)


def _plain(kind: str, data: dict[str, Any], section: str) -> list[str]:
    """The paragraphs of the fields the registry places in ``section``: a text as a sentence, a list numbered."""
    out: list[str] = []
    for f in fields.ITEM:
        if kind in f.kinds and isinstance(f.form, fields.Form) and f.form.section == section:
            value = data.get(f.key)
            out += L.enumerate_lines(L.text_list(value)) if f.type == "text_list" else [L.sentence(value)]
    return out


def _standard(meta: dict[str, Any], kind: str, key: str) -> str:
    standard = meta.get("standard_text") or {}
    block = standard.get(kind) if isinstance(standard.get(kind), dict) else {}
    value = block.get(key) if key in block else standard.get(key)
    return value if isinstance(value, str) else ""


def _basis(data: dict[str, Any]) -> list[str]:
    bases = L.legal_bases(data.get("legal_basis"))
    return [L.sentence(bases[0])] if len(bases) == 1 else L.enumerate_lines(bases)


def _method(b: _Builder, data: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    commitment = data.get("commitment") or {}
    chosen = L.methods(commitment.get("method"))
    key = "method_both" if len(set(chosen)) > 1 else f"method_{chosen[0] if chosen[0] in L.METHODS else 'written'}"
    paragraphs = [b.text(key)]
    if commitment.get("proxy_allowed") is True:
        paragraphs.append(b.text("proxy_allowed", requirements=L.sentence(commitment.get("proxy_requirements"))))
    else:
        paragraphs.append(b.text("proxy_not_allowed"))
    withdrawal = commitment.get("withdrawal") or _standard(meta, b.kind, "withdrawal")
    if withdrawal:
        paragraphs.append(b.text("withdrawal", text=L.sentence(withdrawal)))
    return paragraphs


# Each kind of liability the registry declares, with the wording.toml text that labels it.
_LIABILITY = [(f.key, f.form.text) for f in fields.get("liability").fields if isinstance(f.form, fields.Form)]


def _liability(b: _Builder, data: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    liability = data.get("liability") or {}
    lines = [b.text(text, text=L.bare(liability[key])) for key, text in _LIABILITY if L.bare(liability.get(key))]
    intro = _standard(meta, b.kind, "liability_intro")
    return [intro, *L.enumerate_lines(lines)] if lines else [intro]


def _verification(b: _Builder, data: dict[str, Any]) -> list[str]:
    v = data.get("verification") or {}
    paragraphs = [L.sentence(v.get("power"))]
    found = L.verification_methods(v.get("methods"))
    if found:
        paragraphs.append(b.text("verification_methods", text=L.sentence(L.join_cn(found))))
    when = timing.text(v.get("timing"))
    if L.bare(when):
        paragraphs.append(b.text("verification_timing", text=L.sentence(when)))
    sources = [L.bare(s) for s in L.text_list(v.get("data_sources"))]
    if sources:
        paragraphs.append(b.text("verification_sources", text=L.sentence(L.join_cn(sources))))
    return paragraphs


def _disclosure(b: _Builder, data: dict[str, Any]) -> list[str]:
    d = data.get("disclosure") or {}
    if d.get("public") is True:
        return [b.text("disclosure_public", scope=L.sentence(d.get("scope")), period=L.sentence(d.get("period")))]
    if d.get("public") is False:
        return [b.text("disclosure_private")]
    return []


def _applicable(b: _Builder, meta: dict[str, Any]) -> list[str]:
    return [_standard(meta, b.kind, "applicable_objects"), _standard(meta, b.kind, "credit_exclusion")]


def _head(b: _Builder, data: dict[str, Any], ctx: FormContext) -> None:
    b.add("title", b.text("title"))
    b.add("subtitle", f"（{L.bare(data.get('matter')) or L.bare(data.get('title'))}）")
    b.add("heading1", b.text("basic_info"))
    b.add("heading2", b.text("applicant"))
    b.blocks.append(InfoTable(tuple(cell for name in b.wording.applicant_fields(b.kind) for cell in (name, ""))))
    _fill_in(b, data)
    b.add("heading2", b.text("authority"))
    department = ctx.departments.get(str(data.get("department")), {})
    b.blocks.append(
        InfoTable(
            (
                b.text("authority_name"),
                str(department.get("name", "")),
                b.text("authority_phone"),
                str(department.get("phone", "")),
            ),
            fillin.WIDE,  # a department's full name on one line
        )
    )
    if fillin.proxy_allowed(data):
        b.add("heading2", b.text("proxy"))
        b.blocks.append(InfoTable(fillin.proxy_cells(b.wording, b.kind), fillin.WIDE))
        b.add("body", fillin.proxy_note(data, b.wording, b.kind))
    b.add("heading1", b.text("notification"))


def _fill_in(b: _Builder, data: dict[str, Any]) -> None:
    """The item's own fill-in rows after the standard block, then its tables (render/fillin.py)."""
    cells = fillin.row_cells(data, b.wording, b.kind)
    if cells:
        b.blocks.append(InfoTable(cells, fillin.WIDE))
    for caption, grid in fillin.tables(data, b.wording, b.kind):
        b.add("body", caption)
        b.blocks.append(grid)


def _commitments(b: _Builder, meets: list[str], methods: list[str], extra: list[str], timing: str) -> None:
    b.add("heading1", b.text("commitment"))
    b.add("body", b.text("commitment_intro"))
    promises: list[list[str]] = [
        [b.text("knows")],
        meets,
        [b.text("accepts_liability")],
        [
            b.text("verification_intro"),
            L.sentence(L.join_cn(methods) + (f"（{L.bare(timing)}）" if L.bare(timing) else "")),
            b.text("verification_consent"),
        ],
        *([e] for e in extra),
        [b.text("info_true")],
        [b.text("true_intent")],
    ]
    for number, (first, *rest) in enumerate(promises, 1):
        b.numbered("body", number, first)
        b.add("body", *rest)


def _tail(b: _Builder, meta: dict[str, Any]) -> None:
    b.blocks.append(
        Signature((b.text("applicant_signature"), b.text("date")), (b.text("authority_seal"), b.text("date")))
    )
    note = _standard(meta, b.kind, "copies_note")
    if note:
        b.add("note", b.text("copies_note", text=L.bare(note).strip("（）()")))


def certification_form(data: dict[str, Any], ctx: FormContext, wording: Wording) -> list[Block]:
    b = _Builder("certification", wording)
    meta = ctx.meta
    _head(b, data, ctx)
    b.sections(
        data,
        {
            "name": lambda: [L.bare(data.get("title"))],
            "basis": lambda: _basis(data),
            "applicable": lambda: _applicable(b, meta),
            "method": lambda: _method(b, data, meta),
            "effect": lambda: [_standard(meta, b.kind, "effect")],
            "liability": lambda: _liability(b, data, meta),
            "verification": lambda: _verification(b, data),
            "disclosure": lambda: _disclosure(b, data),
        }
    )
    verification = data.get("verification") or {}
    _commitments(
        b,
        [b.text("meets"), *L.enumerate_lines(condition_texts(data.get("conditions")))],
        L.verification_methods(verification.get("methods")),
        [],
        timing.text(verification.get("timing")),
    )
    _tail(b, meta)
    return b.blocks


def _folded(data: dict[str, Any], ctx: FormContext) -> list[dict[str, Any]]:
    return [ctx.items[i] for i in L.text_list(data.get("certifications")) if i in ctx.items]


def _approval(b: _Builder, data: dict[str, Any]) -> str:
    a = data.get("approval")
    if not isinstance(a, dict) or not all(L.bare(a.get(k)) for k in ("authority", "document", "date")):
        return ""
    year, _, rest = str(a["date"]).partition("-")
    month, _, day = rest.partition("-")
    date = f"{year}年{int(month)}月{int(day)}日" if month.isdigit() and day.isdigit() else str(a["date"])
    return b.text("approval", authority=L.bare(a["authority"]), document=L.bare(a["document"]), date=date)


def license_form(data: dict[str, Any], ctx: FormContext, wording: Wording) -> list[Block]:
    b = _Builder("business_license", wording)
    meta = ctx.meta
    folded = _folded(data, ctx)
    _head(b, data, ctx)

    def materials() -> list[str]:
        listed = L.text_list(data.get("materials"))
        return [b.text("materials_intro"), *L.enumerate_lines(listed)] if listed else [b.text("no_materials")]

    def certifications() -> list[str]:
        if not folded:
            return []
        entries = [
            b.text(
                "certification_entry",
                title=L.bare(c.get("title")),
                purpose=L.sentence(c.get("purpose")),
                content=L.sentence(c.get("content")),
                basis=L.bare("；".join(L.legal_bases(c.get("legal_basis")))),
            )
            for c in folded
        ]
        return [b.text("certifications_intro"), *L.enumerate_lines(entries)]

    b.sections(
        data,
        {
            "name": lambda: [L.bare(data.get("title"))],
            "basis": lambda: [*_basis(data), _approval(b, data)],
            "materials": materials,
            "certifications": certifications,
            "applicable": lambda: _applicable(b, meta),
            "method": lambda: _method(b, data, meta),
            "decision": lambda: [
                b.text("on_the_spot" if data.get("on_the_spot_decision") is True else "not_on_the_spot")
            ],
            "effect": lambda: [_standard(meta, b.kind, "effect")],
            "verification": lambda: _verification(b, data),
            "liability": lambda: _liability(b, data, meta),
            "disclosure": lambda: _disclosure(b, data),
        }
    )
    conditions = condition_texts(data.get("conditions")) or L.text_list(data.get("content"))
    meets = [b.text("meets"), *L.enumerate_lines(conditions)]
    if folded:
        lines = [
            f"{L.bare(c.get('title'))}：{'；'.join(map(L.bare, condition_texts(c.get('conditions'))))}" for c in folded
        ]
        meets += [b.text("meets_certifications"), *L.enumerate_lines(lines)]
    verification = data.get("verification") or {}
    methods: list[str] = []
    for source in (data, *folded):
        for m in L.verification_methods((source.get("verification") or {}).get("methods")):
            if m not in methods:
                methods.append(m)
    _commitments(b, meets, methods, [b.text("materials_true")], timing.text(verification.get("timing")))
    _tail(b, meta)
    return b.blocks


def _date_time(value: Any) -> str:
    text = str(value or "")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text}T00:00:00Z"
    return "2021-03-30T00:00:00Z"  # the policy's own date: a fixed, meaningful fallback


def build_form(data: dict[str, Any], ctx: FormContext, wording: Wording) -> Form:
    kind = data.get("kind")
    blocks = (license_form if kind == "business_license" else certification_form)(data, ctx, wording)
    kind = "business_license" if kind == "business_license" else "certification"
    title = wording.text(kind, "title")
    document = ctx.meta.get("document") if isinstance(ctx.meta.get("document"), dict) else {}
    properties = {
        "title": f"{title}（{L.bare(data.get('matter'))}）",
        "subject": L.bare(data.get("title")),
        "author": str(ctx.meta.get("government") or ""),
        "keywords": str(data.get("id") or ""),
        "category": title,
        "comments": f"依据{document.get('number', '')}制作，由 akq 根据告知承诺事项目录生成。",
        "created": _date_time(data.get("effective_date") or document.get("date")),
    }
    return Form(kind, title, blocks, properties)
