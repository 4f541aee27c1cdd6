"""alias-duplicate: one common name (aliases) given to two items, or twice to one."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core.searchtext import fold
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import CatalogContext, Example, Rule, catalog_finding

MESSAGE = {
    "zh": "常用名称“{alias}”已写在 {other} 中。一个常用名称只能指一个事项，否则群众在网站上搜索时分不清该办哪一项："
    "请只保留在确实指它的那个事项中，或者写得更具体（例如加上申请事项）。",
    "en": "The alias '{alias}' is also given to {other}. An alias names one item, or a citizen searching the site "
    "cannot tell which one to apply for: keep it on the item it truly names, or make it more specific.",
}


def _check(ctx: CatalogContext) -> Iterable[Finding]:
    # Compared folded (width, case, traditional characters), as the site's search compares them.
    first: dict[str, tuple[str, str | None]] = {}  # folded alias -> (file, id)
    for s in sorted(ctx.summaries, key=lambda s: s.file):
        for alias, line, column in s.aliases:
            key = fold(alias)
            if not key:
                continue
            if key in first:
                other_file, other_id = first[key]
                other = other_file if other_id is None or other_file == s.file else f"{other_id}（{other_file}）"
                yield catalog_finding(RULE, ctx.config, s.file, line, column, "/aliases", MESSAGE,
                                      alias=alias, other=other)
            else:
                first[key] = (s.file, s.id)


RULE = Rule(
    id="alias-duplicate",
    severity="error",
    summary={
        "zh": "同一个常用名称（aliases）写在两个事项中，或在一个事项中写了两次。",
        "en": "One alias given to two items, or twice to one.",
    },
    description={
        "zh": "公开网站的搜索按常用名称找到事项：群众输入“低保”“健康证”，就列出写了这个名称的事项。"
        "一个名称写在两个事项中，搜索就给出两个事项，群众分不清该办哪一项。比较时不区分全角半角、大小写和繁简体。"
        "只检查本次检查的文件（检查整个目录时为全部事项）。",
        "en": "The site's search finds items by their aliases: typing 低保 or 健康证 lists the item that carries it. "
        "An alias on two items makes the search offer both, and the citizen cannot tell which applies. Width, case and "
        "traditional characters are ignored in the comparison. Only the linted files are compared (all items when the "
        "whole catalog is linted).",
    },
    message=MESSAGE,
    bad=(
        Example(
            "# items/SFJ/SFJ-ZM-001.yaml\naliases: [法律援助经济困难证明]\n---\n# items/SFJ/SFJ-ZM-002.yaml\n"
            "id: SFJ-ZM-002\ntitle: 无犯罪记录证明\nmatter: 申请律师执业许可\nmatter_type: 行政许可\naliases: [法律援助经济困难证明]\n",
            note={"zh": "两个事项写了同一个常用名称", "en": "two items with the same alias"},
        ),
    ),
    good=(
        Example(
            "# items/SFJ/SFJ-ZM-001.yaml\naliases: [法律援助经济困难证明]\n---\n# items/SFJ/SFJ-ZM-002.yaml\n"
            "id: SFJ-ZM-002\ntitle: 无犯罪记录证明\nmatter: 申请律师执业许可\nmatter_type: 行政许可\naliases: [律师执业无犯罪证明]\n",
        ),
    ),
    check=_check,
    scope="catalog",
)
