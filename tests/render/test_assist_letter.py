"""The 协助核查函: its parts read back through LibreOffice, and the same bytes on every write."""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

from akq_cli.render.assist_letter import AssistLetter, id_label, write_assist_letter
from conftest import require_tool

LETTER = AssistLetter(
    number="阿人社核〔2026〕3号",
    from_department="阿合奇县人力资源和社会保障局",
    to_department="阿合奇县公安局",
    item_title="无犯罪记录证明",
    commitment_code="653023202611300001",
    applicant_name="阿依古丽·吐尔逊",
    applicant_id="65302319900101123X",
    checks=("申请人是否有故意犯罪记录", "申请人户籍地址是否与承诺书所填一致"),
    reply_by=date(2026, 12, 14),
    contact="李明 0997-5021234",
    date=date(2026, 11, 30),
)


def test_two_writes_give_the_same_bytes(tmp_path: Path) -> None:
    write_assist_letter(tmp_path / "a.docx", LETTER)
    write_assist_letter(tmp_path / "b.docx", LETTER)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        styles = z.read("word/styles.xml").decode()
    assert "仿宋_GB2312" in styles and "方正小标宋简体" in styles  # the commitment forms' fonts


def test_the_id_label_tells_a_person_from_an_organisation() -> None:
    assert id_label("65302319900101123X") == "居民身份证号码"
    assert id_label("91653023MA78ABCD2X") == "统一社会信用代码"


def test_libreoffice_reads_every_part_of_the_letter(tmp_path: Path) -> None:
    soffice = require_tool("soffice", why="the letter is checked by opening it in LibreOffice")
    require_tool("pdftotext", why="poppler-utils reads the PDF back")
    docx = tmp_path / "letter.docx"
    write_assist_letter(docx, LETTER)
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(tmp_path / "letter.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", re.sub(r"—\s*\d+\s*—", "", text))
    for part in (
        "协助核查函", "阿人社核〔2026〕3号", "阿合奇县公安局：", "阿依古丽·吐尔逊",
        "居民身份证号码：65302319900101123X",  # the full number: the one sanctioned reveal
        "无犯罪记录证明", "653023202611300001", "（一）申请人是否有故意犯罪记录",
        "（二）申请人户籍地址是否与承诺书所填一致", "请于2026年12月14日前", "书面告知本单位并说明理由",
        "李明0997-5021234", "阿合奇县人力资源和社会保障局", "2026年11月30日", "协助核查回执",
        "□属实□不实□无法核查",
    ):  # fmt: skip
        assert part in flat, part
