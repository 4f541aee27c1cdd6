"""The editable templates: the shipped ones load, and a bad edit is reported with file and key, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from akq_cli.render.layout import TemplateError, layout_path, load_layout, parse_layout
from akq_cli.render.wording import load_wording, parse_wording, wording_path


def test_shipped_templates_load():
    layout = load_layout()
    assert layout.page.text_width_mm == 156
    assert layout.page.height_mm - layout.page.top_mm - layout.page.bottom_mm == 225
    assert sum(layout.info_columns_mm["certification"]) == 156
    assert sum(layout.info_columns_mm["business_license"]) == 156
    wording = load_wording()
    assert wording.text("certification", "title") == "证明事项告知承诺书"
    assert wording.text("business_license", "proxy_not_allowed") == "本许可事项必须由申请人作出承诺，不可代为承诺。"


def edited(path: Path, old: str, new: str) -> str:
    text = path.read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("size_pt = 16\n", 'size_pt = "三号"\n', "size_pt 应为数字"),
        ('align = "both"\n', 'align = "justify"\n', "align = 'justify'"),
        ("[styles.note]", "[styles.remark]", "缺少 [styles.note]"),
        ("top_mm = 37", "top_mm = = 37", "layout.toml:"),
        ("certification_mm = [27, 46, 27, 56]", "certification_mm = [27, 46, 83]", "成对"),
    ],
)
def test_bad_layout_edits_are_explained(old, new, expected):
    path = layout_path()
    with pytest.raises(TemplateError) as info:
        parse_layout(edited(path, old, new), path)
    assert expected in str(info.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{requirements}", "{requirement}", "未知的占位符 / unknown placeholder {requirement}"),
        ('knows = "已经知晓', 'knows = "{已经知晓', "花括号不成对"),
        ('purpose = "证明用途"\n', "", "缺少 purpose"),
        ('effect = "承诺的效力"\n', 'effect = "承诺的效力"\nextra = "附加"\n', "未知的小节代号"),
    ],
)
def test_bad_wording_edits_are_explained(old, new, expected):
    path = wording_path()
    with pytest.raises(TemplateError) as info:
        parse_wording(edited(path, old, new), path)
    assert expected in str(info.value)
    assert str(info.value).startswith(str(path))


def test_sections_follow_the_file_order():
    path = wording_path()
    text = edited(path, 'name = "证明事项名称"\npurpose = "证明用途"\n', 'purpose = "证明用途"\nname = "证明事项名称"\n')
    assert list(parse_wording(text, path).sections("certification"))[:2] == ["purpose", "name"]
