"""yaml-syntax: the file must be readable YAML that akq accepts.

The loader (akq_cli.core.loader) finds these problems while parsing; this
document-scope rule reports them, for every file, whether it parsed or not.
"""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core.i18n import MESSAGES, pick
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import DocumentContext, Example, Rule


def _check(ctx: DocumentContext) -> Iterable[Finding]:
    for p in ctx.doc.problems:
        yield Finding(
            rule=RULE.id,
            # a problem the reader got past (a byte-order mark) is a warning; one it could not, the rule's severity
            severity=ctx.config.severity_of(RULE.id, RULE.severity if p.fatal else "warning"),
            file=ctx.file,
            line=p.line,
            column=p.column,
            pointer="",
            # pick(), not t(): a problem's args may hold "key" (duplicate-key), t()'s own parameter name
            message=pick(MESSAGES[p.code], **p.args),
        )


RULE = Rule(
    id="yaml-syntax",
    severity="error",
    summary={
        "zh": "文件不是合法的 YAML、不是 UTF-8 编码、有重复的键，或使用了不允许的标签、锚点和别名。",
        "en": "A file that is not valid YAML, not UTF-8, has duplicate keys, or uses tags, anchors or aliases.",
    },
    description={
        "zh": "事项文件必须是 UTF-8 编码的纯 YAML：用空格缩进（不能用 Tab），同一层级的键不能重复，"
        "不能使用 &锚点、*别名 和 !标签。这样每个人在任何编辑器里看到的都是同一份内容，"
        "也避免了恶意构造的文件拖垮检查程序。用记事本保存时请选择“UTF-8”编码。",
        "en": "Item files must be plain UTF-8 YAML: spaces for indentation (no tabs), no repeated keys at one level, "
        "no &anchors, *aliases or !tags. Everyone then reads the same content in any editor, and a crafted "
        "file cannot overwhelm the checker.",
    },
    message={"zh": "{text}", "en": "{text}"},
    bad=(Example("title: 经济困难证明\ntitle: 无犯罪记录证明\n", at=("4:1",)),),
    good=(Example("title: 经济困难证明\n"),),
    check=_check,
    required=True,
    scope="document",
)
