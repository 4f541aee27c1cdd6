"""The form's fixed wording, read from templates/form/wording.toml.

Every text is checked when loaded (present, and using only the {placeholders}
the form fills in), so that an edit by county staff fails with the file and
key named, not halfway through rendering a thousand forms.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akq_cli.core import fields
from akq_cli.core.resources import resource_dir
from akq_cli.render.layout import TemplateError

KINDS = ("certification", "business_license")
# Every text may use {noun} (本证明事项 / 本许可事项); these may use more.
PLACEHOLDERS: dict[str, set[str]] = {
    "proxy_allowed": {"requirements"},
    "disclosure_public": {"scope", "period"},
    "approval": {"authority", "document", "date"},
    "certification_entry": {"title", "purpose", "content", "basis"},
    "fill_in_optional": {"name"},
    "fill_in_table": {"name"},
    "proxy_attach": {"requirements"},
    **{
        key: {"text"}
        for key in (
            "withdrawal", "liability_civil", "liability_administrative", "liability_criminal", "liability_credit",
            "verification_methods", "verification_timing", "verification_sources", "copies_note",
        )
    },
}  # fmt: skip
COMMON_KEYS = (
    "basic_info", "applicant", "authority", "authority_name", "authority_phone", "notification", "commitment",
    "commitment_intro", "knows", "accepts_liability", "verification_intro", "verification_consent", "info_true",
    "true_intent", "authority_seal", "date", "method_written", "method_electronic", "method_both",
    "proxy_not_allowed", "proxy_allowed", "withdrawal", "liability_civil", "liability_administrative",
    "liability_criminal", "liability_credit", "verification_methods", "verification_timing",
    "verification_sources", "disclosure_public", "disclosure_private", "copies_note",
    # fill-in rows and the proxy block (render/fillin.py)
    "fill_in_optional", "fill_in_table", "fill_in_date", "fill_in_amount",
    "proxy", "proxy_name", "proxy_id", "proxy_phone", "proxy_signature", "proxy_attach",
)  # fmt: skip
KIND_KEYS = {
    "certification": ("title", "noun", "meets", "applicant_signature"),
    "business_license": (
        "title", "noun", "meets", "applicant_signature", "approval", "materials_intro", "no_materials",
        "certifications_intro", "certification_entry", "on_the_spot", "not_on_the_spot",
        "meets_certifications", "materials_true",
    ),
}  # fmt: skip
# Sections of "二、行政机关告知" that print catalog.yaml's standard text, not an item field.
STANDARD_SECTIONS = ("applicable", "effect")
# Form places outside that part: the subtitle, the applicant's and the authority's boxes, "三、申请人承诺".
OUTSIDE_SECTIONS = ("head", "applicant", "authority", "commitment")


def _field_sections(kind: str) -> tuple[str, ...]:
    """The notification sections the field registry prints fields of ``kind`` in."""
    found: dict[str, None] = {}
    for ancestors, f in fields.walk():
        top = ancestors[0] if ancestors else f
        form = f.form
        if kind in top.kinds and isinstance(form, fields.Form) and form.section not in OUTSIDE_SECTIONS:
            found[form.section] = None
    return tuple(found)


SECTIONS = {kind: (*_field_sections(kind), *STANDARD_SECTIONS) for kind in KINDS}
# Texts that label one field may say {label}: the field's name in the registry (docs/model.md).
LABELS = {
    f.form.text: f.zh for _, f in fields.walk() if isinstance(f.form, fields.Form) and f.form.text
}


@dataclass(frozen=True)
class Wording:
    common: dict[str, str]
    kinds: dict[str, dict[str, Any]]

    def text(self, kind: str, key: str, **values: str) -> str:
        """A fixed text, the form kind's own before the common one, filled in."""
        template = self.kinds[kind].get(key, self.common.get(key))
        if not isinstance(template, str):
            raise KeyError(key)
        return template.format(noun=self.kinds[kind]["noun"], **values)

    def sections(self, kind: str) -> dict[str, str]:
        """Section key -> heading, in the order the file gives them."""
        return dict(self.kinds[kind]["sections"])

    def applicant_fields(self, kind: str) -> list[str]:
        return list(self.kinds[kind]["applicant_fields"])


def _check_text(value: Any, key: str, where: str, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(path, f"{where} 缺少文字 / missing text")
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as exc:
        raise TemplateError(path, f"{where}: 花括号不成对 / unbalanced braces: {exc}") from exc
    unknown = names - PLACEHOLDERS.get(key, set()) - {"noun"} - ({"label"} if key in LABELS else set())
    if unknown:
        raise TemplateError(path, f"{where}: 未知的占位符 / unknown placeholder {{{sorted(unknown)[0]}}}")
    return value.replace("{label}", LABELS[key]) if key in LABELS else value


def _check_list(value: Any, where: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise TemplateError(path, f"{where} 应为文字列表 / must be a list of texts")
    return value


def _check_sections(value: Any, kind: str, path: Path) -> dict[str, str]:
    where = f"[{kind}.sections]"
    if not isinstance(value, dict):
        raise TemplateError(path, f"缺少 {where} 一节 / missing {where}")
    expected = set(SECTIONS[kind])
    for key in value:
        if key not in expected:
            raise TemplateError(path, f"{where} 未知的小节代号 / unknown section {key}（{', '.join(SECTIONS[kind])}）")
    for key in SECTIONS[kind]:
        if key not in value:
            raise TemplateError(path, f"{where} 缺少 {key} / missing {key}")
    return {key: _check_text(text, key, f"{where} {key}", path) for key, text in value.items()}


def parse_wording(text: str, path: Path) -> Wording:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(path, str(exc), getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1) from exc
    common_raw = raw.get("common")
    if not isinstance(common_raw, dict):
        raise TemplateError(path, "缺少 [common] 一节 / missing [common]")
    common = {key: _check_text(common_raw.get(key), key, f"[common] {key}", path) for key in COMMON_KEYS}
    kinds: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        table = raw.get(kind)
        if not isinstance(table, dict):
            raise TemplateError(path, f"缺少 [{kind}] 一节 / missing [{kind}]")
        entry: dict[str, Any] = {
            key: _check_text(table.get(key), key, f"[{kind}] {key}", path) for key in KIND_KEYS[kind]
        }
        entry["sections"] = _check_sections(table.get("sections"), kind, path)
        entry["applicant_fields"] = _check_list(table.get("applicant_fields"), f"[{kind}] applicant_fields", path)
        kinds[kind] = entry
    return Wording(common, kinds)


def wording_path() -> Path:
    return resource_dir("templates") / "form" / "wording.toml"


def load_wording(path: Path | None = None) -> Wording:
    path = path or wording_path()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, str(exc)) from exc
    return parse_wording(text, path)
