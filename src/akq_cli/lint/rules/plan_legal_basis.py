"""plan-legal-basis: an inspection plan names its legal basis."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at, present

MISSING = {
    "zh": "抽查计划没有写依据（legal_basis）。请写明实施抽查所依据的法律、法规或文件及条款，"
    "例如《阿合奇县全面推行证明事项和涉企经营许可事项告知承诺制工作方案》三（四）。",
    "en": "The plan has no legal basis (legal_basis). Name the law, regulation or document and article it rests on.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    basis = node_at(ctx.root, "legal_basis")
    if not present(basis):
        yield Hit(basis or ctx.root, pointer="/legal_basis")


RULE = Rule(
    id="plan-legal-basis",
    severity="error",
    summary={"zh": "抽查计划没有写依据。", "en": "An inspection plan without a legal basis."},
    description={
        "zh": "行政检查要有依据。工作方案三（四）要求各部门综合运用“双随机、一公开”监管实施事中事后监管；"
        "计划写明依据，公开后检查对象能够知道为什么被检查。",
        "en": "An inspection needs a legal basis; the work plan 三（四） asks departments to supervise commitments by "
        "random inspection. The published plan tells a target why it may be inspected.",
    },
    message=MISSING,
    bad=(Example("# plans/2025/RSJ-1.yaml\nlegal_basis: []\n", at=("5:14",)),),
    good=(
        Example(
            "# plans/2025/RSJ-1.yaml\nlegal_basis:\n  - document: 《阿合奇县全面推行证明事项和涉企经营许可事项告知承诺制工作方案》\n"
            "    article: 三（四）\n    level: normative_document\n"
        ),
    ),
    check=_check,
    scope="plan",
)
