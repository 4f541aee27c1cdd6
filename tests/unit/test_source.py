"""The positioned YAML loader: values, positions, and refusal of unsafe constructs."""

from __future__ import annotations

from pathlib import Path

import pytest

from akq_cli.core.loader import read_document


def parse(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(Path("x.yaml"), data)


def test_values_and_positions():
    doc = parse("id: SFJ-ZM-001\nconditions:\n  - 不少于3个工作日\nflag: true\nn: 5\nd: 2021-05-01\n")
    root = doc.root
    assert root.plain() == {"id": "SFJ-ZM-001", "conditions": ["不少于3个工作日"], "flag": True, "n": 5, "d": "2021-05-01"}
    cond = root.at("/conditions/0")
    assert (cond.line, cond.column, cond.pointer) == (3, 5, "/conditions/0")
    assert doc.problems == []


def test_yaml12_booleans_only():
    assert parse("a: yes\nb: no\nc: on\n").root.plain() == {"a": "yes", "b": "no", "c": "on"}


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("a: 文字等级和等其他\n", None),
        ("a: '文字等级和等其他'\n", None),
        ("a: |\n  第一行\n  文字等级和等其他\n", None),
        ("a: >\n  第一行\n  文字等级和等其他\n", None),
    ],
)
def test_locate_substring_in_any_style(text, index):
    doc = parse(text)
    node = doc.root.get("a")
    i = node.value.index("和等") + 1  # the second 等, not the one in 等级
    line, col = doc.locate(node, i, "等")
    assert doc.line_text(line)[col - 1] == "等"
    assert doc.line_text(line)[col - 2] == "和"


@pytest.mark.parametrize(
    ("data", "code", "line", "column"),
    [
        (b"a: &x [1]\nb: *x\n", "anchor", 1, 4),
        (b"a: *x\n", "alias", 1, 4),
        (b"a: !!python/object:os.system x\n", "tag", 1, 4),
        (b"a: 1\na: 2\n", "duplicate-key", 2, 1),
        (b"a:\n\t- x\n", "syntax", 2, 1),
        ("中文: 测试".encode("gbk"), "not-utf8-gbk", 1, 1),
        (b"a: \xff\xfe\xfa\n", "not-utf8", 1, 4),
        (b"", "empty", 1, 1),
        (b"# just a comment\n", "empty", 1, 1),
        (b"a: [\n", "syntax", 2, 1),
        (b"---\na: 1\n---\nb: 2\n", "multiple-documents", 3, 1),
        (b"a: 1\x00\n", "nul-byte", 1, 5),
    ],
)
def test_problems_have_positions(data, code, line, column):
    doc = parse(data)
    codes = [(p.code, p.line, p.column) for p in doc.problems]
    assert (code, line, column) in codes


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    doc = parse("\n".join(lines) + "\n")
    assert doc.root is None
    assert doc.problems[0].code == "anchor"


def test_bom_and_crlf_still_parse():
    doc = parse(b"\xef\xbb\xbfa: 1\r\nb: \xe4\xb8\xad\r\n")
    assert doc.root.plain() == {"a": 1, "b": "中"}
    assert [p.code for p in doc.problems] == ["bom"]
    assert doc.root.get("b").line == 2


def test_large_file_is_refused_without_parsing():
    doc = parse(b"a: " + b"x" * 2_000_000 + b"\n")
    assert doc.problems[0].code == "file-too-large"
