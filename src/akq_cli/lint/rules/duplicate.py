"""duplicate: two items with the same id, or the same title and matter in one department."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import CatalogContext, Example, ItemSummary, Rule, catalog_finding

SAME_ID = {
    "zh": "编号“{id}”与 {other} 重复。编号在整个目录中必须唯一：请给其中一个事项换一个新编号，并同时改文件名。",
    "en": "The id '{id}' is also used by {other}. Ids are unique in the catalog: give one of the items a new id, and rename its file.",
}
SAME_ITEM = {
    "zh": "本部门已有同名事项：{other} 的事项名称“{title}”和申请事项“{matter}”都与本事项相同。请合并为一个事项，或在名称中写明两者的区别。",
    "en": "{other} in the same department has the same title '{title}' and matter '{matter}'. Merge the two items, or make the names say how they differ.",
}


def _title_position(s: ItemSummary, ctx: CatalogContext) -> tuple[int, int]:
    """Where the title is; the file is parsed again only for the rare duplicate."""
    name = ctx.index.names.get(s.file) if ctx.index is not None else None
    found = ctx.index.position(name, "title") if ctx.index is not None and name is not None else None
    return found or (s.id_line, s.id_column)


def _check(ctx: CatalogContext) -> Iterable[Finding]:
    yield from _same_id(ctx)
    yield from _same_item(ctx)


def _same_id(ctx: CatalogContext) -> Iterator[Finding]:
    groups: dict[str, list[ItemSummary]] = {}
    for s in ctx.summaries:
        if s.id:
            groups.setdefault(s.id, []).append(s)
    for item_id, group in groups.items():
        if len(group) == 1:
            continue
        group.sort(key=lambda s: s.file)
        for s in group[1:]:
            yield catalog_finding(
                RULE, ctx.config, s.file, s.id_line, s.id_column, "/id", SAME_ID, id=item_id, other=group[0].file
            )
    index = ctx.index
    if index is None or not index.partial:
        return
    for s in ctx.summaries:
        for name in index.unlinted(s.id or ""):
            if index.top(name).get("id") == s.id:
                other = index.display(name)
                yield catalog_finding(
                    RULE, ctx.config, s.file, s.id_line, s.id_column, "/id", SAME_ID, id=s.id, other=other
                )


def _same_item(ctx: CatalogContext) -> Iterator[Finding]:
    groups: dict[tuple[str, str, str], list[ItemSummary]] = {}
    for s in ctx.summaries:
        if s.department and s.title and s.matter:
            groups.setdefault((s.department, s.title, s.matter), []).append(s)
    for (_, title, matter), group in groups.items():
        if len(group) == 1:
            continue
        group.sort(key=lambda s: s.file)
        for s in group[1:]:
            line, column = _title_position(s, ctx)
            yield catalog_finding(
                RULE,
                ctx.config,
                s.file,
                line,
                column,
                "/title",
                SAME_ITEM,
                title=title,
                matter=matter,
                other=group[0].file,
            )


RULE = Rule(
    id="duplicate",
    severity="error",
    summary={
        "zh": "两个事项编号相同，或同一部门中有事项名称和申请事项都相同的两个事项。",
        "en": "Two items with the same id, or the same title and matter in one department.",
    },
    description={
        "zh": "编号（id）在整个目录中唯一，告知承诺书、公开网站和审核记录都靠它找到事项；同一部门的同一事项也只能登记一次，"
        "否则公开的目录会自相矛盾。复制已有事项新建事项时，最容易忘记改编号和名称。"
        "只检查部分文件时（例如 pre-commit），也会查找目录中同名的其他文件。",
        "en": "The id is unique in the catalog: forms, the public site and review records find items by it. One "
        "department lists one matter once, or the published catalog contradicts itself. Copying an item to start a "
        "new one is the usual cause. When only some files are linted (pre-commit), other files of the catalog with "
        "the same name are found too.",
    },
    message=SAME_ID,
    bad=(
        Example(
            "# items/SFJ/SFJ-ZM-001.yaml\nid: SFJ-ZM-001\n---\n# items/SFJ/SFJ-ZM-002.yaml\nid: SFJ-ZM-002\n",
            note={
                "zh": "复制后只改了编号，事项名称和申请事项相同",
                "en": "copied with a new id, same title and matter",
            },
        ),
        Example(
            "# items/SFJ/SFJ-ZM-001.yaml\nid: SFJ-ZM-001\n---\n# items/GAJ/SFJ-ZM-001.yaml\ndepartment: GAJ\n",
            note={"zh": "两个部门的文件用了同一个编号", "en": "files of two departments with the same id"},
        ),
    ),
    good=(
        Example(
            "# items/SFJ/SFJ-ZM-001.yaml\nid: SFJ-ZM-001\n---\n# items/SFJ/SFJ-ZM-002.yaml\nid: SFJ-ZM-002\n"
            "title: 无犯罪记录证明\nmatter: 申请律师执业许可\nmatter_type: 行政许可\n",
        ),
    ),
    check=_check,
    scope="catalog",
)
