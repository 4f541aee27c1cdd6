"""The 协助核查函: a department asks another to check what an applicant promised (seed 三（三）).

The letter is laid out like the commitment forms (templates/form/layout.toml: A4, GB/T 9704
fonts and styles, page-number footers) by the same writer, so it has the same deterministic
bytes: the same letter always gives the same file. It ends with a reply slip (回执) that the
asked department fills in, because the plan requires it to answer, or to say in writing why
it cannot.

The letter carries the applicant's full ID number: the asked department cannot find the
person otherwise. It is the one sanctioned reveal (issue 13), and the ledger records it in its
audit log before calling `write_assist_letter`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from functools import cache
from pathlib import Path

from akq_cli.core.files import atomic_write_bytes
from akq_cli.render.docx_style import base_document
from akq_cli.render.docx_writer import FormPackage
from akq_cli.render.forms import Form, InfoTable, Para, Signature, cn_number
from akq_cli.render.layout import load_layout

PLAN = "《阿合奇县全面推行证明事项和涉企经营许可事项告知承诺制工作方案》（阿政办发〔2021〕6号）"
TABLE_KIND = "business_license"  # the letter borrows this kind's two-column info table (layout.toml [info_table])


@dataclass(frozen=True)
class AssistLetter:
    number: str  # 文号, e.g. 阿人社核〔2026〕3号
    from_department: str
    to_department: str
    item_title: str
    commitment_code: str
    applicant_name: str
    applicant_id: str  # full 居民身份证号码 or 统一社会信用代码: the one sanctioned reveal
    checks: tuple[str, ...]
    reply_by: Date
    contact: str  # 联系人及电话
    date: Date


def cn_date(day: Date) -> str:
    """2026年1月5日: GB/T 9704 成文日期, Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def id_label(number: str) -> str:
    """What the number is: a 居民身份证号码 is 17 digits and a check character with a birth date
    at 7–14; a 统一社会信用代码 of the same length has letters there or no such date."""
    digits, check = number[:17], number[17:]
    if len(number) == 18 and digits.isdigit() and check in "0123456789X" and check:
        try:
            Date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            return "居民身份证号码"
        except ValueError:
            pass
    return "统一社会信用代码"


def _reply_slip(letter: AssistLetter) -> list[tuple[str, str]]:
    """The 回执's rows: what the letter fixed, then blanks for the asked department."""
    return [
        ("函号", letter.number),
        ("承诺编码", letter.commitment_code),
        ("申请人", letter.applicant_name),
        ("回复期限", cn_date(letter.reply_by)),
        ("核查结果", "□属实    □不实    □无法核查"),
        ("情况说明（不能核查的，写明理由）", ""),
        ("核查日期", ""),
        ("经办人及电话", ""),
    ]


def letter_form(letter: AssistLetter) -> Form:
    """The letter's blocks, independent of Word."""
    label = id_label(letter.applicant_id)
    blocks: list[Para | InfoTable | Signature] = [
        Para("title", "协助核查函"),
        Para("subtitle", letter.number),
        Para("signature", f"{letter.to_department}："),  # 主送机关: flush left, no indent
        Para(
            "body",
            f"申请人{letter.applicant_name}（{label}：{letter.applicant_id}）以告知承诺方式申请办理“{letter.item_title}”"
            f"（承诺编码：{letter.commitment_code}）。相关数据尚未实现共享，本单位难以自行核查。依照{PLAN}"
            "第三部分第（三）项，请贵单位协助核查下列事项：",
        ),
    ]
    blocks += [Para("body", f"（{cn_number(i)}）{check}") for i, check in enumerate(letter.checks, 1)]
    blocks += [
        Para(
            "body",
            f"请于{cn_date(letter.reply_by)}前将核查结果书面回复本单位（可填写所附回执）。确有原因不能提供协助的，"
            "请在上述期限内书面告知本单位并说明理由。",
        ),
        Para("body", f"联系人及电话：{letter.contact}"),
        Para("body", "本函涉及申请人的个人信息，仅用于本次核查，请依法保密。"),
        Signature(("", ""), (letter.from_department, cn_date(letter.date))),
        Para("heading1", "协助核查回执"),
        InfoTable(tuple(cell for pair in _reply_slip(letter) for cell in pair)),
        Signature(("", ""), ("回复单位（盖章）", "年    月    日")),
    ]
    properties = {
        "title": f"协助核查函 {letter.number}",
        "subject": letter.item_title,
        "author": letter.from_department,
        "keywords": letter.commitment_code,
        "comments": "",
        "category": "协助核查函",
        "created": f"{letter.date.isoformat()}T00:00:00Z",
    }
    return Form(TABLE_KIND, "协助核查函", blocks, properties)


@cache
def _package() -> FormPackage:
    layout = load_layout()
    return FormPackage(base_document(layout), layout)


def assist_letter_bytes(letter: AssistLetter) -> bytes:
    return _package().render(letter_form(letter))


def write_assist_letter(path: Path, letter: AssistLetter) -> None:
    """Write the letter as DOCX, atomically; the same letter gives the same bytes."""
    atomic_write_bytes(path, assist_letter_bytes(letter))
