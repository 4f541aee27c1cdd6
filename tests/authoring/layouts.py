"""Spreadsheets in the layouts real county and provincial lists are published in (issue 11, item 8).

Written for this project: the structures are the real ones (a merged title row, a 填报单位（盖章） row, a
two-row merged heading with 实施基本情况 over 索要单位/开具单位 and 行使层级 over 省级…乡镇级, group rows,
【tagged】 multi-citation cells with 文号 in several bracket styles, a sign-off row, a 取消证明事项 list with
取消后办理方式, and a GBK CSV exported from such a sheet), the wording is our own.  The citations are there
to be parsed: documents and document numbers are real titles, but no article was checked against its text,
so none of this belongs in the catalog.

`python tests/authoring/layouts.py DIR` writes the files, for trying `akq import` by hand.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import openpyxl

WIDTH = 14  # columns A..N of the retained-certification list
RETAINED_TOP = ["序号", "证明事项名称", "证明用途", "设定及保留依据", "依据条文及内容", "效力层级", "实施基本情况", "", "行使层级", "", "", "", "不能实行告知承诺及保留原因", "备注"]  # fmt: skip
RETAINED_SUB = ["", "", "", "", "", "", "索要单位", "开具单位", "省级", "市级", "县级", "乡镇级", "", ""]
RETAINED_ROWS: list[list[str] | str] = [
    "一、户籍管理类",
    ["1", "居住证明", "申领居住证", "【行政法规】《居住证暂行条例》（国务院令第663号）第九条",
     "第九条 申领居住证，应当向居住地公安派出所或者受公安机关委托的社区服务机构提交本人居民身份证、本人相片以及居住地住址、就业、就读等证明材料。",
     "行政法规", "阿合奇县公安局", "社区居民委员会", "", "", "√", "", "", "由户籍窗口受理"],
    ["2", "亲属关系证明", "普通护照签发",
     "【法律】《中华人民共和国护照法》第五条、第六条\n【部门规章】《某出入境证件规定》(公安部令第26号)第十二条第一款",
     "", "", "阿合奇县公安局", "村（居）民委员会", "", "", "√", "", "", ""],
    ["3", "亲属关系证明", "投靠亲属户口迁移", "【行政法规】《中华人民共和国户口登记条例》第十条", "", "行政法规",
     "阿合奇县公安局", "村（居）民委员会", "", "", "√", "√", "", ""],
    "二、交通管理类",
    ["4", "驾驶人身体条件证明", "机动车驾驶证申领", "【部门规章】《机动车驾驶证申领和使用规定》〔公安部令第162号〕第十五条",
     "", "部门规章", "阿合奇县公安局交通警察大队", "医疗机构", "", "", "√", "", "", ""],
    ["5", "无犯罪记录证明", "民用枪支持有许可", "【法律】《中华人民共和国枪支管理法》第十一条", "", "法律",
     "阿合奇县公安局", "公安派出所", "", "", "√", "", "涉及公共安全，持枪人员须经严格审查，不能实行告知承诺", ""],
    ["6", "户籍证明", "户口簿补领", "法规", "", "", "阿合奇县公安局", "公安派出所", "", "", "√", "", "", ""],
]  # fmt: skip


def _titled(sheet: str, title: str, width: int) -> tuple[Any, Any]:
    """A workbook whose one sheet starts with the list's title merged across the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    return wb, ws


def retained_list(path: Path) -> Path:
    """A retained-certification list (保留证明事项清单) as an .xlsx with merged title, unit, heading and group rows."""
    wb, ws = _titled("保留证明事项", "阿合奇县公安局保留证明事项清单", WIDTH)
    ws.append(["填报单位（盖章）：阿合奇县公安局            填报日期：2026年11月20日"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=WIDTH)
    ws.append(RETAINED_TOP)
    ws.append(RETAINED_SUB)
    for col in (1, 2, 3, 4, 5, 6, 13, 14):  # headings without sub-columns span both heading rows
        ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    ws.merge_cells("G3:H3")
    ws.merge_cells("I3:L3")
    for row in RETAINED_ROWS:
        if isinstance(row, str):
            ws.append([row])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=WIDTH)
        else:
            ws.append([int(row[0]), *row[1:]])
    ws.append(["填报人：李某某            联系电话：0908-0000000"])  # a sign-off merged across the row
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=WIDTH)
    wb.save(path)
    return path


def retained_csv(path: Path) -> Path:
    """The same list saved as CSV from WPS in GBK: a merged cell keeps its text in its first cell only."""
    rows: list[list[str]] = [
        ["阿合奇县公安局保留证明事项清单", *[""] * (WIDTH - 1)],
        ["填报单位（盖章）：阿合奇县公安局            填报日期：2026年11月20日", *[""] * (WIDTH - 1)],
        RETAINED_TOP,
        RETAINED_SUB,
    ]
    for row in RETAINED_ROWS:
        rows.append([row, *[""] * (WIDTH - 1)] if isinstance(row, str) else list(row))
    rows.append(["填报人：李某某", "", "联系电话：0908-0000000", *[""] * (WIDTH - 3)])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("gbk"))
    return path


CANCELLED_HEAD = ["序号", "证明名称", "索要单位", "开具单位", "设定依据", "事项类型", "取消后办理方式", "办理时限", "备注"]
CANCELLED_ROWS = [
    ["1", "婚姻状况证明", "阿合奇县民政局", "村（居）民委员会", "《社会救助暂行办法》（国务院令第649号）第十一条第一款第三项",
     "行政给付", "申请人书面承诺", "20个工作日", ""],
    ["2", "收入证明", "阿合奇县民政局", "用人单位", "《社会救助暂行办法》(国务院令第649号)第十一条", "行政给付",
     "部门间信息核查，不再索要", "20个工作日", ""],
    ["3", "执业经历证明", "阿合奇县司法局", "律师事务所",
     "【法律】《中华人民共和国律师法》第五条、第六条；【部门规章】《律师执业管理办法》［司法部令第134号］第六条",
     "行政许可", "告知承诺", "10个工作日", "申请律师执业时索要"],
]  # fmt: skip


def cancelled_list(path: Path) -> Path:
    """A cancelled-certification list (取消证明事项清单) of a provincial department: title, unit row, one heading row."""
    wb, ws = _titled("取消证明事项", "取消的证明事项清单", len(CANCELLED_HEAD))
    ws.append(["单位（盖章）：", "", "", "", "", "", "", "填报时间：2026年11月"])
    ws.append(CANCELLED_HEAD)
    for row in CANCELLED_ROWS:
        ws.append([int(row[0]), *row[1:]])
    wb.save(path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for made in (
        retained_list(out / "公安局保留证明事项清单.xlsx"),
        retained_csv(out / "公安局保留证明事项清单.csv"),
        cancelled_list(out / "取消证明事项清单.xlsx"),
    ):
        print(made)
