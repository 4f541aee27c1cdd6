"""Messages in Simplified Chinese (default) and English.

The language is chosen once per process: ``--lang`` on the command line, else
the ``AKQ_LANG`` environment variable, else Chinese.
"""

from __future__ import annotations

import os
from typing import Any

LANGS = ("zh", "en")
_lang = os.environ.get("AKQ_LANG", "zh") if os.environ.get("AKQ_LANG") in LANGS else "zh"


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang if lang in LANGS else "zh"


def lang() -> str:
    return _lang


def pick(texts: dict[str, str], **kwargs: Any) -> str:
    """Choose the current language's text from a {'zh':…, 'en':…} dict and format it."""
    text = texts.get(_lang) or texts["zh"]
    return text.format(**kwargs) if kwargs else text


# Between the Chinese and the English of a text that is written once and shown in either
# language later (command help: it is defined at import, before --lang is read).
BOTH = "\x1f"


def both(zh: str, en: str) -> str:
    """One text in both languages; ``chosen`` shows the current language's half."""
    return f"{zh}{BOTH}{en}"


def chosen(text: str) -> str:
    zh, sep, en = text.partition(BOTH)
    return en if sep and _lang == "en" else zh


def t(key: str, **kwargs: Any) -> str:
    return pick(MESSAGES[key], **kwargs)


# Messages that belong to no single rule: the loader's, and the CLI's own.
MESSAGES: dict[str, dict[str, str]] = {
    # YAML reading problems (rule yaml-syntax)
    "file-too-large": {
        "zh": "文件大小为 {size} 字节，超过上限 {limit} 字节。一个事项文件通常只有几 KB，请检查是否误放了其他文件。",
        "en": "File is {size} bytes, over the {limit}-byte limit. An item file is a few KB; check that this is the right file.",
    },
    "not-regular-file": {
        "zh": "{path} 不是普通文件，而是{kind}。akq 不会打开或跟随它：目录清单中的事项必须是普通的 YAML 文件。"
        "请删除它（git rm），改为提交文件本身的内容。",
        "en": "{path} is a {kind}, not a regular file. akq neither opens nor follows it: catalog items must be plain "
        "YAML files. Remove it (git rm) and commit the file's own content instead.",
    },
    "kind-symlink": {"zh": "符号链接", "en": "symbolic link"},
    "kind-fifo": {"zh": "命名管道（FIFO）", "en": "named pipe (FIFO)"},
    "kind-device": {"zh": "设备文件", "en": "device file"},
    "kind-socket": {"zh": "套接字", "en": "socket"},
    "kind-submodule": {"zh": "git 子模块", "en": "git submodule"},
    "kind-directory": {"zh": "目录", "en": "folder"},
    "kind-other": {"zh": "特殊文件", "en": "special file"},
    "bom": {
        "zh": "文件以 UTF-8 BOM 开头。请在编辑器中另存为“UTF-8（无 BOM）”。",
        "en": "File starts with a UTF-8 byte-order mark. Save it as UTF-8 without BOM.",
    },
    "not-utf8-gbk": {
        "zh": "文件不是 UTF-8 编码（看起来是 GBK，Windows 记事本和 Excel 的默认编码）。请在编辑器中选择“另存为”，编码选“UTF-8”。",
        "en": "File is not UTF-8 (it looks like GBK, the default of Notepad and Excel on Chinese Windows). Save it again with the encoding set to UTF-8.",
    },
    "not-utf8": {
        "zh": "文件不是 UTF-8 编码，从这里开始无法解码。请在编辑器中选择“另存为”，编码选“UTF-8”。",
        "en": "File is not UTF-8 and cannot be decoded from here on. Save it again with the encoding set to UTF-8.",
    },
    "nul-byte": {
        "zh": "文件中含有空字符（NUL），不是文本文件。请检查是否误放了二进制文件。",
        "en": "File contains a NUL character and is not text. Check that this is the right file.",
    },
    "control-character": {
        "zh": "这里有一个 YAML 不允许的不可见控制字符：{name_zh}，文件因此无法读取（常见于从 Word 或网页复制的文字）。"
        "运行 `akq lint --fix` 可以删除它（垂直制表符和换页符改为空格）。",
        "en": "An invisible control character YAML does not allow stands here: {name_en}, so the file cannot be read "
        "(common in text pasted from Word or a web page). `akq lint --fix` removes it (a vertical tab or form feed "
        "becomes a space).",
    },
    "empty": {
        "zh": "文件为空。请按 `akq new` 生成的模板填写事项，或删除此文件。",
        "en": "File is empty. Fill it in from the template that `akq new` writes, or delete it.",
    },
    "syntax": {
        "zh": "YAML 语法错误：{problem}（{context}）。常见原因：用 Tab 缩进（请改用空格）、冒号后缺少空格、引号或括号未闭合。",
        "en": "YAML syntax error: {problem} ({context}). Common causes: tab indentation (use spaces), no space after a colon, an unclosed quote or bracket.",
    },
    "duplicate-key": {
        "zh": "键“{key}”重复出现（第 {first} 行已有）。请删除或合并其中一个。",
        "en": "Key '{key}' appears twice (first on line {first}). Remove or merge one of them.",
    },
    "complex-key": {
        "zh": "键必须是简单的文字。请改为“键: 值”的形式。",
        "en": "Keys must be plain text. Write 'key: value'.",
    },
    "anchor": {
        "zh": "不允许使用锚点“&{name}”。请把内容直接写出来。",
        "en": "Anchors ('&{name}') are not allowed. Write the content out in full.",
    },
    "alias": {
        "zh": "不允许使用别名“*{name}”。请把内容直接写出来。",
        "en": "Aliases ('*{name}') are not allowed. Write the content out in full.",
    },
    "tag": {
        "zh": "不允许使用标签“{tag}”。请删除以“!”开头的标记，直接写值。",
        "en": "Tags ('{tag}') are not allowed. Remove the '!…' marker and write the plain value.",
    },
    "too-deep": {
        "zh": "嵌套层级超过 {limit} 层。事项最多嵌套几层（例如 liability 下的 civil），请检查括号是否配对。",
        "en": "Nested more than {limit} levels deep. Items nest a few levels (e.g. civil under liability); check the brackets.",
    },
    "multiple-documents": {
        "zh": "一个文件只能有一个事项，这里出现了第二个文档（---）。请拆分成多个文件。",
        "en": "One file holds one item; a second document (---) starts here. Split it into separate files.",
    },
    # CLI errors (exit code 2)
    "path-missing": {
        "zh": "路径不存在：{path}。请检查拼写，或在目录清单的根目录下运行。",
        "en": "No such path: {path}. Check the spelling, or run from the catalog's root.",
    },
    "no-items": {
        "zh": "在 {path} 中没有找到事项文件（*.yaml）。事项应放在 catalog/items/<部门代码>/<编号>.yaml。",
        "en": "No item files (*.yaml) found in {path}. Items live in catalog/items/<DEPT>/<ID>.yaml.",
    },
    "no-catalog": {
        "zh": "没有找到目录清单（catalog/catalog.yaml）。请在目录清单仓库中运行，或指定路径。",
        "en": "No catalog found (catalog/catalog.yaml). Run inside a catalog repository or name a path.",
    },
    "output-in-catalog": {
        "zh": "输出目录 {path} 在目录清单 {catalog} 之内：生成的文件会混进事项文件，被检查、被提交。"
        "请换一个目录清单以外的目录，例如 build/。",
        "en": "The output folder {path} is inside the catalog {catalog}: generated files would mix with the items and "
        "be linted and committed. Choose a folder outside the catalog, e.g. build/.",
    },
    "unreadable": {
        "zh": "无法读取 {path}：{error}",
        "en": "Cannot read {path}: {error}",
    },
    "bad-option": {
        "zh": "参数错误：{detail}",
        "en": "Invalid option: {detail}",
    },
    "internal-error": {
        "zh": "akq 内部错误：{error}。这是程序缺陷，不是您的操作问题；请把这条信息和所用命令发给维护人员。",
        "en": "akq internal error: {error}. This is a bug, not your mistake; please send this message and the command you ran to the maintainers.",
    },
}
