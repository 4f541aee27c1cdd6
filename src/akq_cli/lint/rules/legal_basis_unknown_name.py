"""legal-basis-unknown-name: a cited 《title》 that is not, exactly, an instrument of the law register."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.citations import citations
from akq_cli.lint.framework import Example, Hit, ItemContext, Option, Rule

MESSAGES = {
    "unknown": {
        "zh": "“{title}”不在法律法规登记表中。{hint}",
        "en": "'{title}' is not in the law register. {hint}",
    },
    "short": {
        "zh": "设定依据要写全称：“{title}”是“{name}”的简称。请改为“{name}”。",
        "en": "A legal basis names the full title: '{title}' is short for '{name}'. Write '{name}'.",
    },
    "closest": {
        "zh": "是不是“{name}”？名称必须与登记表一字不差（akq laws 列出全部名称）。",
        "en": "Did you mean '{name}'? The name must match the register exactly (akq laws lists every name).",
    },
    "none": {
        "zh": "请核对名称；确实是登记表没有的文件，请在目录的 laws.toml 中登记（见 docs/laws.md），"
        "或者在 akq.toml 的 [lint.legal-basis-unknown-name] allowed-titles 中列出不是法律文件的书名。",
        "en": "Check the name; for an instrument the register lacks, add it to the catalog's laws.toml (docs/laws.md), "
        "or list a title that is no legal instrument under allowed-titles in akq.toml.",
    },
}

OPTIONS = (
    # titles in 《》 that are not instruments (a form, a book) and so are not looked up
    Option("allowed-titles", default=(), example='["《证明事项告知承诺书（范本）》"]'),
)


def _check(ctx: ItemContext) -> Iterable[Hit]:
    register = ctx.config.laws
    if register is None:
        return
    allowed = set(RULE.option(ctx.config, "allowed-titles"))
    for cite in citations(ctx.root):
        if cite.title in allowed:
            continue
        found = register.lookup(cite.title)
        if found is not None and (found.name == cite.title or not cite.formal):
            continue
        if found is not None:
            message, args = MESSAGES["short"], {"title": cite.title, "name": found.name}
        else:
            near = register.closest(cite.title)
            hint = MESSAGES["closest"] if near else MESSAGES["none"]
            lang_hint = {k: v.format(name=near) for k, v in hint.items()}
            message = {k: v.replace("{hint}", lang_hint[k]) for k, v in MESSAGES["unknown"].items()}
            args = {"title": cite.title}
        yield Hit(cite.node, args, index=cite.index, match=cite.title, message=message)


RULE = Rule(
    id="legal-basis-unknown-name",
    severity="error",
    summary={
        "zh": "引用的法律法规名称（书名号内）与法律法规登记表中的名称不完全一致。",
        "en": "A cited title (in 《》) that does not exactly match a name in the law register.",
    },
    description={
        "zh": "申请人、审核人员和 legal-basis-superseded 规则都靠名称找到法律法规：名称差一个字，就查不到原文，"
        "也查不出它是否已被废止或取代。设定依据（legal_basis 的 document）必须写登记表中的全称；"
        "法律责任、核查等文字中的引用可以用登记表登记的简称。登记表是 akq 随附的 laws/register.toml，"
        "加上目录自己的 laws.toml（格式见 docs/laws.md）；`akq laws` 列出全部名称。"
        "书名号里不是法律文件的（例如文书名称），在 akq.toml 的 [lint.legal-basis-unknown-name] allowed-titles 中列出。",
        "en": "Applicants, reviewers and legal-basis-superseded find an instrument by its name: one character off and "
        "neither its text nor its status can be found. A legal_basis document names the register's full title; "
        "running text (liability, verification) may use a registered short title. The register is akq's "
        "laws/register.toml plus the catalog's own laws.toml (docs/laws.md); `akq laws` lists every name. "
        "Titles that are no instrument (a form's name) go under allowed-titles in akq.toml.",
    },
    message=MESSAGES["unknown"],
    options=OPTIONS,
    bad=(
        Example(
            "legal_basis:\n  - document: 《法律援助法》\n    article: 第四十一条\n    level: law\n"
            "conditions:\n  - {text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。, basis: 《法律援助法》第四十一条}\n",
            note={"zh": "设定依据用了简称", "en": "a short title as the legal basis"},
            at=("11:15", "16:50"),  # the legal_basis entry, and the condition citing it by the same name
        ),
        Example(
            "legal_basis:\n  - document: 《中华人民共和国法律援助条例》\n    article: 第四十一条\n    level: law\n"
            "conditions:\n  - {text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。, basis: 《中华人民共和国法律援助条例》第四十一条}\n",
            note={"zh": "登记表中没有这个名称", "en": "no instrument of that name"},
            at=("11:15", "16:50"),  # the legal_basis entry, and the condition citing it by the same name
        ),
    ),
    good=(
        Example(
            "legal_basis:\n  - document: 《中华人民共和国法律援助法》\n    article: 第四十一条\n    level: law\n",
        ),
        Example(
            "content: 申请人上一年度人均月收入低于新疆维吾尔自治区人民政府公布的法律援助经济困难标准，"
            "承诺书按照《证明事项告知承诺书（范本）》的格式填写。\n",
            config='[lint.legal-basis-unknown-name]\nallowed-titles = ["《证明事项告知承诺书（范本）》"]\n',
            note={"zh": "在 akq.toml 中列出不是法律文件的书名", "en": "titles that are no instrument listed in akq.toml"},
        ),
    ),
    check=_check,
)
