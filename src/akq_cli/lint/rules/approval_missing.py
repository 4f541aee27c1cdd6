"""approval-missing: a business-license item without the approval its legal basis requires (seed 二（三）)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule

STATE_COUNCIL = "国务院"
COUNTY = "阿合奇县人民政府"
NATIONAL_LEVELS = frozenset({"law", "administrative_regulation", "state_council_decision"})
LOCAL_LEVELS = frozenset({"local_regulation", "local_government_rule"})
ACCEPTED = {STATE_COUNCIL: {"国务院", "中华人民共和国国务院"}, COUNTY: {COUNTY}}
AUTHORITY_EN = {STATE_COUNCIL: "the State Council (国务院)", COUNTY: "the county government (阿合奇县人民政府)"}
WHY = {
    STATE_COUNCIL: (
        "设定依据有法律、行政法规或国务院决定",
        "it is set by a law, an administrative regulation or a State Council decision",
    ),
    COUNTY: ("设定依据是地方性法规或政府规章", "it is set by a local regulation or a local government rule"),
}

MISSING = {
    "zh": "涉企经营许可事项没有写批准情况（approval）。{why}，实行告知承诺制须经{authority}批准：请写明 authority、document（批准文件和文号）和 date。",
    "en": "This business-license item has no approval. Because {why_en}, notification-commitment needs the approval of {authority_en}: add authority, document and date.",
}
MISSING_UNKNOWN = {
    "zh": "涉企经营许可事项没有写批准情况（approval）。请写明批准机关、批准文件和日期：法律、行政法规、国务院决定设定的由国务院批准，地方性法规、政府规章设定的由阿合奇县人民政府批准。",
    "en": "This business-license item has no approval. Add authority, document and date: items set by law, administrative regulation or State Council decision need State Council approval; those set by local regulation or government rule need the county government's.",
}
WRONG = {
    "zh": "批准机关是“{value}”，但{why}，实行告知承诺制须经{authority}批准（工作方案二（三））。请改正批准机关和批准文件。",
    "en": "Approved by '{value}', but because {why_en}, notification-commitment needs the approval of {authority_en} (seed 二（三）). Correct the authority and document.",
}


def required_authority(levels: set[str]) -> str | None:
    if levels & NATIONAL_LEVELS:
        return STATE_COUNCIL
    if levels & LOCAL_LEVELS:
        return COUNTY
    return None


def _levels(ctx: ItemContext) -> set[str]:
    basis = ctx.root.get("legal_basis")
    if basis is None or not isinstance(basis.value, list):
        return set()
    out = set()
    for entry in basis.value:
        level = entry.get("level") if isinstance(entry.value, dict) else None
        if level is not None and isinstance(level.value, str):
            out.add(level.value)
    return out


def _check(ctx: ItemContext) -> Iterable[Hit]:
    kind = ctx.root.get("kind")
    if kind is None or kind.value != "business_license":
        return
    authority = required_authority(_levels(ctx))
    args = {
        "authority": authority or "",
        "authority_en": AUTHORITY_EN.get(authority or "", ""),
        "why": WHY.get(authority or "", ("", ""))[0],
        "why_en": WHY.get(authority or "", ("", ""))[1],
    }
    approval = ctx.root.get("approval")
    if approval is None:
        yield Hit(ctx.root, args, message=MISSING if authority else MISSING_UNKNOWN, pointer="/approval")
        return
    given = approval.get("authority") if isinstance(approval.value, dict) else None
    if authority and given is not None and isinstance(given.value, str):
        if given.value.strip() not in ACCEPTED[authority]:
            yield Hit(given, {**args, "value": given.value.strip()}, message=WRONG)


RULE = Rule(
    id="approval-missing",
    severity="error",
    summary={
        "zh": "涉企经营许可事项缺少批准情况，或批准机关与设定依据的层级不符（国务院／阿合奇县人民政府）。",
        "en": "A business-license item without approval, or approved by the wrong authority for its legal basis (State Council / county government).",
    },
    description={
        "zh": "工作方案二（三）：“法律、行政法规、国务院决定设定的涉企经营许可事项实行告知承诺制由国务院批准。"
        "地方性法规、政府规章设定的涉企经营许可事项实行告知承诺制的，由县司法局会同有关部门研究提出建议，报县人民政府批准。”"
        "因此涉企经营许可事项必须写明批准情况（approval：authority 批准机关、document 批准文件、date 日期）。"
        "设定依据（legal_basis 的 level）中有 law、administrative_regulation 或 state_council_decision 的，批准机关应为“国务院”；"
        "只有 local_regulation 或 local_government_rule 的，批准机关应为“阿合奇县人民政府”。",
        "en": "Seed 二（三）: notification-commitment for a business license set by a law, an administrative regulation or a "
        "State Council decision is approved by the State Council; for one set by a local regulation or government rule, "
        "by the county government (阿合奇县人民政府) on the proposal of the county justice bureau. A business-license item "
        "therefore records its approval (authority, document, date), and the authority must match the highest level of "
        "its legal basis: law, administrative_regulation or state_council_decision → 国务院; only local_regulation or "
        "local_government_rule → 阿合奇县人民政府.",
    },
    message=MISSING,
    bad=(
        Example(
            "kind: business_license\n",
            drop=("approval",),
            note={
                "zh": "依据是行政法规，却没有国务院的批准",
                "en": "set by an administrative regulation, yet no State Council approval",
            },
            at=("1:1",),
        ),
        Example(
            "kind: business_license\napproval:\n  authority: 阿合奇县人民政府\n  document: 《阿合奇县人民政府关于同意实行告知承诺制的批复》\n  date: 2021-05-19\n",
            note={
                "zh": "行政法规设定的事项由县政府批准，不符合规定",
                "en": "a county approval for an item set by an administrative regulation",
            },
            at=("20:14",),
        ),
    ),
    good=(
        Example(
            "kind: business_license\napproval:\n  authority: 国务院\n"
            "  document: 《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）\n  date: 2021-05-19\n",
        ),
    ),
    check=_check,
)
