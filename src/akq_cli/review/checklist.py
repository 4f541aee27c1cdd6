"""The reviewer's checklist for one added or changed item (`akq review`).

Each check states a fact the justice bureau's reviewer must confirm, and says
whether the item meets it: from the item's values and from the lint findings
on its file, so the checklist and `akq lint` never disagree.  Some points a
program cannot judge (does the cited article say what the item claims?); they
appear as open boxes for the reviewer to tick.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from akq_cli.author.scaffold import PLACEHOLDER
from akq_cli.core import vocab
from akq_cli.core.i18n import pick
from akq_cli.lint.findings import Finding

LEVEL_NAMES = vocab.zh(vocab.LEVEL)

STATE_COUNCIL_LEVELS = ("law", "administrative_regulation", "state_council_decision")
LOCAL_LEVELS = ("local_regulation", "local_government_rule")
RISK_NAMES = vocab.zh(vocab.RISK_DOMAIN)


@dataclass
class Check:
    key: str
    state: str  # "pass" | "fail" | "manual"
    title: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, "state": self.state, "title": self.title, "detail": self.detail}


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and PLACEHOLDER not in value


def _rules_hit(findings: list[Finding], *rules: str) -> list[Finding]:
    return [f for f in findings if f.rule in rules and f.severity in ("error", "warning")]


def _with_findings(state: str, detail: str, hits: list[Finding]) -> tuple[str, str]:
    if hits:
        rules = "、".join(sorted({f.rule for f in hits}))
        extra = pick(
            {"zh": f"akq lint 报告 {len(hits)} 处（{rules}）", "en": f"akq lint reports {len(hits)} ({rules})"}
        )
        return "fail", f"{detail}；{extra}" if detail else extra
    return state, detail


def item_checks(data: dict[str, Any], findings: list[Finding], old: dict[str, Any] | None = None) -> list[Check]:
    """The checklist for an item's head values; ``findings`` are the head findings on its file."""
    checks: list[Check] = []
    kind = data.get("kind")
    bases = [b for b in data.get("legal_basis") or [] if isinstance(b, dict)]

    # 1. readable and complete as a record
    state, detail = _with_findings("pass", "", _rules_hit(findings, "schema", "yaml-syntax", "placeholder"))
    checks.append(
        Check(
            "schema",
            state,
            pick(
                {"zh": "格式完整：必填项齐全，没有“待填写”", "en": "Complete: required keys present, no placeholders"}
            ),
            detail,
        )
    )

    # 2. legal basis names a document and an article
    specific = bool(bases) and all(
        isinstance(b.get("document"), str)
        and "《" in b["document"]
        and "》" in b["document"]
        and isinstance(b.get("article"), str)
        and b["article"].startswith("第")
        and "条" in b["article"]
        for b in bases
    )
    levels = [b.get("level") for b in bases]
    cited = "；".join(
        f"{b.get('document', '')}{b.get('article', '')}（{LEVEL_NAMES.get(str(b.get('level')), b.get('level'))}）"
        for b in bases
    )
    state, detail = _with_findings(
        "pass" if specific else "fail", cited, _rules_hit(findings, "legal-basis-unspecific")
    )
    checks.append(
        Check(
            "legal_basis",
            state,
            pick({"zh": "设定依据写明文件全称和具体条款", "en": "Legal basis names the document and article"}),
            detail,
        )
    )

    # 3. approval required by the basis level (seed 二（三）)
    if kind == "business_license":
        approval = data.get("approval") if isinstance(data.get("approval"), dict) else None
        if any(lv in STATE_COUNCIL_LEVELS for lv in levels):
            need, who = pick({"zh": "国务院批准", "en": "State Council approval"}), "国务院"
        elif any(lv in LOCAL_LEVELS for lv in levels):
            need, who = pick({"zh": "县人民政府批准", "en": "county government approval"}), "人民政府"
        else:
            need, who = "", ""
        if need:
            have = approval is not None and _text(approval.get("authority")) and who in str(approval.get("authority"))
            got = (
                f"{approval.get('authority', '')} {approval.get('document', '')} {approval.get('date', '')}".strip()
                if approval
                else pick({"zh": "未填写批准情况", "en": "no approval recorded"})
            )
            state, detail = _with_findings(
                "pass" if have else "fail",
                pick({"zh": f"依据层级要求{need}；已填：{got}", "en": f"basis level requires {need}; recorded: {got}"}),
                _rules_hit(findings, "approval-missing"),
            )
        else:
            state, detail = "pass", pick({"zh": "依据层级不需要上级批准", "en": "basis level needs no approval"})
        checks.append(
            Check(
                "approval",
                state,
                pick({"zh": "按设定依据层级取得批准", "en": "Approval required by the basis level"}),
                detail,
            )
        )

    # 4. excluded high-risk domain (seed 一)
    risk = data.get("risk_domain")
    offered = data.get("status") not in ("suspended", "repealed")
    if risk is None:
        state, detail = "pass", ""
    else:
        name = RISK_NAMES.get(str(risk), str(risk))
        state = "fail" if offered else "pass"
        detail = pick(
            {
                "zh": f"属于“{name}”领域，工作方案一规定不得实行告知承诺" + ("" if offered else "；事项已暂停或废止"),
                "en": f"in the excluded domain {risk}" + ("" if offered else "; the item is suspended or repealed"),
            }
        )
    state, detail = _with_findings(state, detail, _rules_hit(findings, "excluded-domain"))
    checks.append(
        Check(
            "risk_domain",
            state,
            pick({"zh": "不属于排除的高风险领域", "en": "Not in an excluded high-risk domain"}),
            detail,
        )
    )

    # 5. liability of a false commitment (seed 三（二）)
    liability = data.get("liability") if isinstance(data.get("liability"), dict) else {}
    names = {"civil": "民事", "administrative": "行政", "criminal": "刑事"}
    missing = [names[k] for k in names if not _text(liability.get(k))]
    state, detail = _with_findings(
        "fail" if missing else "pass",
        pick({"zh": f"缺少{'、'.join(missing)}责任", "en": f"missing: {', '.join(missing)}"}) if missing else "",
        _rules_hit(findings, "liability-missing"),
    )
    checks.append(
        Check(
            "liability",
            state,
            pick({"zh": "写明民事、行政、刑事责任", "en": "Civil, administrative and criminal liability stated"}),
            detail,
        )
    )

    # 6. the seven notification elements
    commitment = data.get("commitment") if isinstance(data.get("commitment"), dict) else {}
    verification = data.get("verification") if isinstance(data.get("verification"), dict) else {}
    disclosure = data.get("disclosure") if isinstance(data.get("disclosure"), dict) else {}
    elements = {
        "事项名称": _text(data.get("title")),
        "设定依据": bool(bases),
        "证明内容或许可条件": _text(data.get("content"))
        and (kind != "business_license" or bool(data.get("materials"))),
        "承诺方式": bool(commitment.get("method")),
        "不实承诺责任": not missing,
        "核查权力": _text(verification.get("power")),
        "公开情况": isinstance(disclosure.get("public"), bool)
        and (not disclosure.get("public") or (_text(disclosure.get("scope")) and _text(disclosure.get("period")))),
    }
    lacking = [k for k, ok in elements.items() if not ok]
    state, detail = _with_findings(
        "fail" if lacking else "pass",
        pick({"zh": f"缺少：{'、'.join(lacking)}", "en": f"missing: {', '.join(lacking)}"}) if lacking else "",
        _rules_hit(findings, "notification-incomplete"),
    )
    checks.append(
        Check(
            "notification",
            state,
            pick({"zh": "书面告知七项要素齐全", "en": "All seven notification elements present"}),
            detail,
        )
    )

    # 7. proxy commitment only with authorisation; withdrawal mechanism (seed 三（六）（七）)
    proxy = commitment.get("proxy_allowed")
    if proxy is True:
        ok = _text(commitment.get("proxy_requirements"))
        detail = pick(
            {
                "zh": "允许代为承诺，" + ("已写明授权要求" if ok else "未写明授权要求"),
                "en": "proxy allowed; " + ("authorisation stated" if ok else "no authorisation stated"),
            }
        )
    else:
        ok, detail = proxy is False, pick({"zh": "须由申请人本人承诺", "en": "the applicant commits in person"})
    checks.append(
        Check(
            "proxy",
            "pass" if ok else "fail",
            pick({"zh": "代为承诺须有授权", "en": "Proxy commitment needs authorisation"}),
            detail,
        )
    )
    ok = _text(commitment.get("withdrawal"))
    checks.append(
        Check(
            "withdrawal",
            "pass" if ok else "fail",
            pick({"zh": "有承诺撤回机制", "en": "Withdrawal mechanism stated"}),
            "",
        )
    )

    # 8. wording: quantifiable, no catch-all clause (seed 三（二）)
    state, detail = _with_findings("pass", "", _rules_hit(findings, "vague-term", "catch-all"))
    title = pick(
        {"zh": "要求可量化，无模糊表述和兜底条款", "en": "Quantifiable wording, no vague terms or catch-all clauses"}
    )
    checks.append(Check("wording", state, title, detail))

    # 9. status transitions need the bureau's decision
    if old is not None and old.get("status") != data.get("status"):
        checks.append(
            Check(
                "status",
                "manual",
                pick({"zh": "状态变更已履行审核程序", "en": "Status change went through review"}),
                f"{old.get('status')} → {data.get('status')}",
            )
        )
    # 10. what only a person can judge
    checks.append(
        Check(
            "basis_text",
            "manual",
            pick(
                {
                    "zh": "人工核对：引用的条款原文支持本事项的证明或许可要求",
                    "en": "By hand: the cited articles say what the item relies on",
                }
            ),
        )
    )
    return checks
