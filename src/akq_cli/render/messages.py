"""What `akq render` tells its user, in Chinese and English."""

from __future__ import annotations

from typing import Any

from akq_cli.core.i18n import pick

MESSAGES: dict[str, dict[str, str]] = {
    "bad-format": {
        "zh": "--format {value}：应为 docx、pdf 或 docx,pdf。",
        "en": "--format {value}: use docx, pdf or docx,pdf.",
    },
    "bad-jobs": {
        "zh": "--jobs {value}：应为 1 或更大的整数。",
        "en": "--jobs {value}: use a whole number of 1 or more.",
    },
    "out-not-dir": {
        "zh": "-o {path} 已存在但不是目录。请换一个输出目录。",
        "en": "-o {path} exists and is not a folder. Choose another output folder.",
    },
    "out-unwritable": {
        "zh": "无法写入输出目录 {path}：{error}。",
        "en": "Cannot write to the output folder {path}: {error}.",
    },
    "no-soffice": {
        "zh": "生成 PDF 需要 LibreOffice，但没有找到 soffice 命令。请安装（Debian/Ubuntu：apt-get install "
        "libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming），或去掉 --format pdf 只生成 Word 文档。",
        "en": "PDF output needs LibreOffice, but no soffice command was found. Install it (Debian/Ubuntu: apt-get install "
        "libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming), or drop --format pdf to write Word files only.",
    },
    "unknown-target": {
        "zh": "没有找到“{target}”：既不是存在的文件或目录，也不是目录清单中的事项编号。请检查拼写（编号形如 SFJ-ZM-001）。",
        "en": "'{target}' not found: it is neither an existing file or folder nor an item id in the catalog. Check the spelling (ids look like SFJ-ZM-001).",
    },
    "no-published": {
        "zh": "目录清单中没有状态为 published（已公布）的事项，没有生成告知承诺书。要生成其他状态的事项，请写出编号或文件路径。",
        "en": "No item in the catalog has status published; no form written. Name ids or files to render items of another status.",
    },
    "stopped": {
        "zh": "{id}：状态为“{status}”（自 {since} 起），不生成告知承诺书；该事项只在网站上保留说明页面。",
        "en": "{id}: {status_en} (since {since}); no form is made for it, only its public page remains.",
    },
    "refused-lint": {
        "zh": "{id}：有 {count} 个错误，未生成告知承诺书。请修正后重新运行，或加 --force 强制生成：",
        "en": "{id}: {count} error(s), form not written. Fix them and run again, or add --force to render anyway:",
    },
    "forced-lint": {
        "zh": "{id}：有 {count} 个错误，已按 --force 生成，请在公开前修正：",
        "en": "{id}: {count} error(s), rendered because of --force; fix them before publishing:",
    },
    "unreadable-item": {
        "zh": "{id}：事项文件无法读取，不能生成告知承诺书（{file}）。请先用 akq lint 检查。",
        "en": "{id}: the item file cannot be read, no form written ({file}). Run akq lint on it first.",
    },
    "duplicate-output": {
        "zh": "{id}：与 {other} 的输出文件名相同（{name}），只生成了前者。请检查两个事项的编号。",
        "en": "{id}: same output file name as {other} ({name}); only the first was written. Check both items' ids.",
    },
    "render-failed": {
        "zh": "{id}：生成失败：{error}",
        "en": "{id}: rendering failed: {error}",
    },
    "pdf-failed": {
        "zh": "{id}：LibreOffice 没有生成 PDF（{error}）。请用 --format docx 生成 Word 文档，再用 LibreOffice 打开检查。",
        "en": "{id}: LibreOffice produced no PDF ({error}). Render it with --format docx and open the file in LibreOffice to check it.",
    },
    "progress": {"zh": "生成告知承诺书", "en": "Rendering forms"},
    "progress-pdf": {"zh": "转换为 PDF", "en": "Converting to PDF"},
    "summary": {
        "zh": "已生成 {done} 份告知承诺书（{formats}），输出目录：{out}，用时 {seconds} 秒。",
        "en": "Wrote {done} form(s) ({formats}) to {out} in {seconds} s.",
    },
    "summary-failed": {
        "zh": "{failed} 个事项未生成，原因见上。",
        "en": "{failed} item(s) not rendered; see above.",
    },
    "template-error": {
        "zh": "版式或措辞模板有误：{error}",
        "en": "Error in a form template: {error}",
    },
}


def m(key: str, **kwargs: Any) -> str:
    return pick(MESSAGES[key], **kwargs)
