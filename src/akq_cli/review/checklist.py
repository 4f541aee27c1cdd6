"""The reviewer's checklist for one added or changed item (`akq review`), derived from lint findings.

Each entry summarises what named rules say about the item: it is ✘ when the
item has findings of those rules (at the given fields, where the entry names
some), ✔ otherwise.  The checklist never judges a value itself, so it cannot
disagree with `akq lint`; what it shows beside the state are the item's own
values, for the reviewer to read.  Points no rule can judge (does the cited
article say what the item claims?) are marked for a person (待人工核对).

The findings are the head's under the base's rules (akq_cli.review.review), so
a change cannot tick an entry by switching a rule off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from akq_cli.core import vocab
from akq_cli.core.i18n import pick
from akq_cli.core.textout import words
from akq_cli.lint.findings import Finding

FAILING = ("error", "warning")  # info findings are advice, not a failed check


@dataclass(frozen=True)
class Entry:
    """One checklist entry: rule id -> the JSON Pointers it looks at (() = anywhere in the item)."""

    key: str
    rules: dict[str, tuple[str, ...]]
    kinds: tuple[str, ...] = ()  # the item kinds it applies to; () = every kind

    def covers(self, f: Finding) -> bool:
        if f.rule not in self.rules:
            return False
        pointers = self.rules[f.rule]
        return not pointers or any(f.pointer == p or f.pointer.startswith(p + "/") for p in pointers)


# Rules that skip a placeholder (待填写) leave it to the placeholder rule: an entry
# about a field names placeholder at that field too.
NOTIFICATION = ("/title", "/legal_basis", "/content", "/conditions", "/materials", "/commitment/method",
                "/liability", "/verification/power", "/disclosure")
ENTRIES = (
    Entry("complete", {"yaml-syntax": (), "schema": (), "placeholder": (), "control-character": ()}),
    Entry(
        "legal_basis",
        {
            "legal-basis-unspecific": (),
            "notification-incomplete": ("/legal_basis",),
            "schema": ("/legal_basis",),
            "placeholder": ("/legal_basis",),
        },
    ),
    Entry(
        "approval",
        {"approval-missing": (), "schema": ("/approval",), "placeholder": ("/approval",)},
        kinds=("business_license",),
    ),
    Entry("risk_domain", {"excluded-domain": (), "schema": ("/risk_domain",)}),
    Entry(
        "liability",
        {
            "liability-missing": (),
            "notification-incomplete": ("/liability",),
            "schema": ("/liability",),
            "placeholder": ("/liability",),
        },
    ),
    Entry("notification", {"notification-incomplete": (), "placeholder": NOTIFICATION}),
    Entry(
        "proxy",
        {
            "schema": ("/commitment/proxy_allowed", "/commitment/proxy_requirements"),
            "placeholder": ("/commitment/proxy_requirements",),
        },
    ),
    Entry("withdrawal", {"schema": ("/commitment/withdrawal",), "placeholder": ("/commitment/withdrawal",)}),
    Entry("wording", {"vague-term": (), "catch-all": ()}),
    Entry("personal_data", {"personal-data": ()}),
    Entry("references", {"reference": (), "duplicate": ()}),
)


@dataclass
class Check:
    key: str
    state: str  # "pass" | "fail" | "manual"
    title: str
    detail: str = ""
    rules: tuple[str, ...] = ()  # the rule ids the entry summarises
    findings: list[Finding] = field(default_factory=list)  # the failing findings
    hidden: int = 0  # of them, hidden only by the change's own rule settings or suppressions

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "state": self.state,
            "title": self.title,
            "detail": self.detail,
            "rules": list(self.rules),
            "findings": [{"rule": f.rule, "pointer": f.pointer, "line": f.line} for f in self.findings],
            "hidden": self.hidden,
        }


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _name(table: vocab.Names, code: Any) -> str:
    return pick(table[code]) if isinstance(code, str) and code in table else str(code)


def _facts(key: str, data: dict[str, Any], w: dict[str, str]) -> str:
    """The item's own values an entry is about, as the reviewer reads them."""
    if key == "legal_basis":
        bases = [b for b in data.get("legal_basis") or [] if isinstance(b, dict)]
        return w["cited_separator"].join(
            w["cited"].format(
                document=_text(b.get("document")),
                article=_text(b.get("article")),
                level=_name(vocab.LEVEL, b.get("level")),
            )
            for b in bases
        )
    if key == "approval":
        approval = data.get("approval") if isinstance(data.get("approval"), dict) else None
        if not approval:
            return w["approval_none"]
        recorded = " ".join(_text(approval.get(k)) for k in ("authority", "document", "date") if _text(approval.get(k)))
        return w["approval_recorded"].format(text=recorded)
    if key == "risk_domain":
        risk = data.get("risk_domain")
        if risk is None:
            return ""
        withdrawn = data.get("status") in (*vocab.STOPPED, "repealed")
        return w["risk_withdrawn" if withdrawn else "risk"].format(domain=_name(vocab.RISK_DOMAIN, risk))
    if key == "proxy":
        commitment = data.get("commitment") if isinstance(data.get("commitment"), dict) else {}
        if commitment.get("proxy_allowed") is True:
            req = _text(commitment.get("proxy_requirements"))
            return w["proxy_allowed"].format(text=req) if req else w["proxy_allowed_missing"]
        return w["proxy_denied"] if commitment.get("proxy_allowed") is False else ""
    return ""


def item_checks(
    data: dict[str, Any],
    findings: list[Finding],
    old: dict[str, Any] | None = None,
    hidden: list[Finding] | None = None,
) -> list[Check]:
    """The checklist of an item from the findings on its file.

    ``findings``: the head's findings on the item's file under the base's rules,
    including those in ``hidden`` (hidden only by the change's own additions).
    ``old``: the item's base values, None for a new item.
    """
    w = words("review")["checklist"]
    hidden_ids = {id(f) for f in hidden or []}
    kind = data.get("kind")
    checks: list[Check] = []
    for entry in ENTRIES:
        if entry.kinds and kind not in entry.kinds:
            continue
        hits = [f for f in findings if f.severity in FAILING and entry.covers(f)]
        details = [d for d in [_facts(entry.key, data, w)] if d]
        n_hidden = sum(1 for f in hits if id(f) in hidden_ids)
        if hits:
            rules = w["rules_separator"].join(sorted({f.rule for f in hits}))
            details.append(w["findings"].format(n=len(hits), rules=rules))
        if n_hidden:
            details.append(w["findings_hidden"].format(n=n_hidden))
        checks.append(
            Check(
                entry.key,
                "fail" if hits else "pass",
                w[entry.key],
                w["detail_separator"].join(details),
                tuple(entry.rules),
                hits,
                n_hidden,
            )
        )
    if old is not None and old.get("status") != data.get("status"):
        change = w["status_change"].format(old=old.get("status"), new=data.get("status"))
        checks.append(Check("status", "manual", w["status"], change))
    checks.append(Check("basis_text", "manual", w["basis_text"]))
    return checks
