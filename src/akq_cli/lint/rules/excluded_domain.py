"""excluded-domain: an item in a high-risk domain that still offers notification-commitment (seed 一)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core import vocab
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule

DOMAINS = vocab.RISK_DOMAIN
WITHDRAWN = frozenset({*vocab.STOPPED, "repealed"})


def _check(ctx: ItemContext) -> Iterable[Hit]:
    domain = ctx.root.get("risk_domain")
    if domain is None or not isinstance(domain.value, str) or domain.value not in DOMAINS:
        return  # null, or a value the schema rejects
    status = ctx.root.get("status")
    if status is not None and isinstance(status.value, str) and status.value in WITHDRAWN:
        return
    zh, en = DOMAINS[domain.value]["zh"], DOMAINS[domain.value]["en"]
    yield Hit(domain, {"domain": zh, "domain_en": en})


RULE = Rule(
    id="excluded-domain",
    severity="error",
    summary={
        "zh": "事项属于工作方案排除的高风险领域（国家安全、公共安全、生态环境保护等），却仍在实行告知承诺。",
        "en": "An item in a domain the plan excludes (national security, public safety, environment …) that still offers commitment.",
    },
    description={
        "zh": "工作方案一：“直接涉及国家安全、国家秘密、公共安全、金融业审慎监管、生态环境保护，直接关系人身健康、生命财产安全，"
        "以及重要涉外等风险较大、纠错成本较高、损害难以挽回的证明事项”不实行告知承诺制。"
        "risk_domain 填了高风险领域的事项，status 只能是 suspended（暂停）、withdrawn（已取消）或 repealed（废止）。"
        "如果经核实事项并不属于该领域，请把 risk_domain 改为 null。",
        "en": "Seed 一 excludes items that directly concern national security, state secrets, public safety, prudential "
        "financial supervision, ecological and environmental protection, personal health and the safety of life and "
        "property, or important foreign affairs. An item with a risk_domain may only be suspended, withdrawn or repealed; if it "
        "does not belong to that domain after all, set risk_domain to null.",
    },
    message={
        "zh": "本事项属于高风险领域“{domain}”，工作方案规定不得实行告知承诺制。请把 status 改为 suspended（暂停）或 repealed（废止）；确实不属于该领域的，把 risk_domain 改为 null。",
        "en": "This item is in the high-risk domain '{domain_en}', which the plan excludes from notification-commitment. Set status to suspended or repealed, or set risk_domain to null if it does not belong there.",
    },
    bad=(Example("risk_domain: public_safety\nstatus: published\n", at=("37:14",)),),
    good=(
        Example(
            "risk_domain: public_safety\nstatus: suspended\nstatus_since: 2026-07-01\n"
            "status_reason: 经核实属于公共安全领域，不实行告知承诺制（工作方案一）。\n",
            note={"zh": "已暂停", "en": "suspended"}),
        Example("risk_domain: null\nstatus: published\n"),
    ),
    check=_check,
)
