"""Invisible and control characters: reported where they stand, removed by --fix even from a file that does
not parse, and harmless in every output (XLSX, DOCX, the site, the terminal) whether reported or not."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from rich.cells import cell_len

from akq_cli.core import invisible
from akq_cli.core.loader import read_document
from akq_cli.lint.examples import build
from akq_cli.lint.fixes import fix_document
from akq_cli.lint.settings import LintConfig
from conftest import require_tool, run_akq

SFJ1 = Path("items/SFJ/SFJ-ZM-001.yaml")
HOSTILE = r'title: "\e]0;PWNED\a\e[2J 等"'
ALL_CONTROLS = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n")


def _hostile(catalog: Path) -> Path:
    path = catalog / SFJ1
    text = path.read_text("utf-8")
    assert "title: 经济困难证明\n" in text
    path.write_text(text.replace("title: 经济困难证明\n", HOSTILE + "\n", 1), encoding="utf-8")
    return path


def _vertical_tab(catalog: Path) -> Path:
    path = catalog / SFJ1
    text = path.read_text("utf-8")
    path.write_text(text.replace("title: 经济困难证明\n", "title: 经济困难\x0b证明\n", 1), encoding="utf-8")
    return path


def _line_of(path: Path, start: str) -> int:
    return next(i for i, ln in enumerate(path.read_text("utf-8").split("\n"), 1) if ln.startswith(start))


def _lint(catalog: Path, *args: str) -> list[dict]:
    r = run_akq("lint", "--format", "json", *args, catalog)
    assert r.code in (0, 1), r.err
    return json.loads(r.out)["findings"]


def _no_controls(text: str, where: str) -> None:
    assert not invisible.contains(text), where


# --- reported where it stands ------------------------------------------------------------------------


def test_each_escape_is_reported_at_its_backslash_with_the_character_named_in_chinese(catalog_copy):
    path = _hostile(catalog_copy)
    line = _line_of(path, "title:")
    found = [f for f in _lint(catalog_copy) if f["rule"] == "control-character"]
    assert [(f["line"], f["column"], f["match"]) for f in found] == [
        (line, 9, r"\e"),
        (line, 19, r"\a"),
        (line, 21, r"\e"),
    ]
    assert all(f["severity"] == "error" and f["file"].endswith(str(SFJ1)) for f in found)
    assert "转义字符 ESC U+001B" in found[0]["message"] and "响铃符 BEL U+0007" in found[1]["message"]


def test_a_raw_vertical_tab_is_named_where_it_stands_not_at_1_1_in_english(catalog_copy):
    path = _vertical_tab(catalog_copy)
    line = _line_of(path, "title:")
    found = [f for f in _lint(catalog_copy) if f["file"].endswith(str(SFJ1))]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("yaml-syntax", line, 12)]
    message = found[0]["message"]
    assert "垂直制表符 U+000B（Word 中的软换行）" in message and "akq lint --fix" in message
    assert "Tab" not in message and "()" not in message and "（）" not in message


def test_the_loader_names_the_first_refused_character_and_the_rule_every_other_one():
    text = "title: 经济\x0b困难\n# 说明\x1b[2J\nmatter: 申请\u202e法律援助\n"
    doc = read_document(Path("x.yaml"), text.encode())
    assert doc.root is None
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("control-character", 1, 10)]
    assert doc.problems[0].args["name_zh"] == "垂直制表符 U+000B（Word 中的软换行）"
    from akq_cli.lint.engine import lint_document

    found = [(f.rule, f.line, f.column) for f in lint_document(doc, "x.yaml", LintConfig()).findings]
    assert found == [("yaml-syntax", 1, 10), ("control-character", 2, 5), ("control-character", 3, 11)]


@pytest.mark.parametrize(
    ("text", "where"), [("t: 中文中文\x0b\n", (1, 8)), ("t: [\n中文中文\x1b\n", (2, 5)), ("t: 中文中文\x85x: y\n", (1, 8))]
)
def test_a_refused_character_is_named_at_its_character_not_at_libyamls_byte_offset(text, where):
    # libyaml counts UTF-8 bytes (three per Chinese character); NEL it does not refuse but reads as a line break.
    doc = read_document(Path("x.yaml"), text.encode())
    assert doc.root is None
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("control-character", *where)]


@pytest.mark.parametrize("ch", [*ALL_CONTROLS, "\u200b", "\u200c", "\u200d", "\u2060", "\u202a", "\u202e", "\u2066",
                                "\u2069", "\ufeff", "\ufdd0", "\ufdef", "\ufffe", "\U0001fffe", "\U0010ffff"])
def test_every_character_of_the_class_is_reported_raw_and_escaped(ch):
    from akq_cli.lint.engine import lint_document

    escape = f"\\U{ord(ch):08x}"
    for text, column in ((f"title: 经济{ch}困难证明\n", 10), (f'title: "经济{escape}困难证明"\n', 11)):
        doc = read_document(Path("x.yaml"), build(text).encode())
        findings = [f for f in lint_document(doc, "x.yaml", LintConfig()).findings if f.rule != "yaml-syntax"]
        codes = [p.code for p in doc.problems]
        if ch == "\x00" and "\\U" not in text:
            assert codes == ["nul-byte"]  # not text at all: one finding, not one per NUL
            continue
        if ch == "\r" and "\\U" not in text:
            continue  # a raw carriage return ends a line (YAML reads it so); only an escaped one is text
        where = [(f.line, f.column) for f in findings if f.rule == "control-character"]
        where += [(p.line, p.column) for p in doc.problems if p.code == "control-character"]
        assert where == [(3, column)], (repr(ch), text, findings, doc.problems)


def test_tab_newline_and_ordinary_text_are_not_reported():
    assert not list(invisible.find("a\tb\r\nc\n中文，“引号” \u3000全角空格\U00020000𠀀\U0010fffd"))
    assert [m.group() for m in invisible.find("\U0001fffe\U00020000\U0010ffff")] == ["\U0001fffe", "\U0010ffff"]
    assert invisible.clean("\U00020000\U0002ffff") == "\U00020000"
    assert invisible.clean("a\tb\nc") == "a\tb\nc"


# --- lint --fix --------------------------------------------------------------------------------------


def test_fix_repairs_a_file_that_does_not_parse_and_keeps_every_other_byte(catalog_copy):
    path = catalog_copy / SFJ1
    before = path.read_bytes()
    crlf = before.replace(b"\n", b"\r\n").replace("title: 经济困难证明".encode(), "title: 经济困难\v证明\x1b".encode())
    path.write_bytes(crlf)
    assert read_document(path).root is None
    r = run_akq("lint", "--fix", catalog_copy)
    assert r.code == 0, r.out + r.err
    assert path.read_bytes() == before.replace(b"\n", b"\r\n").replace(
        "title: 经济困难证明".encode(), "title: 经济困难 证明".encode()
    )


def test_fix_removes_escapes_and_the_file_lints_clean_of_the_rule(catalog_copy):
    path = _hostile(catalog_copy)
    r = run_akq("lint", "--fix", catalog_copy)
    assert "已修正" in r.err
    assert 'title: "]0;PWNED[2J 等"\n' in path.read_text("utf-8")
    assert [f for f in _lint(catalog_copy) if f["rule"] in ("control-character", "yaml-syntax")] == []


def test_fix_turns_vertical_tabs_and_form_feeds_into_spaces_escaped_too():
    text = build('title: "经济\\v困难\\x0C证明\\u200b"\nmatter: "申请\\\\e法律援助"\n')
    fixed, count = fix_document(read_document(Path("x.yaml"), text.encode()), LintConfig())
    assert count == 3
    assert fixed == text.replace('"经济\\v困难\\x0C证明\\u200b"', '"经济 困难 证明"')  # \\e is a backslash and an e


def test_fix_leaves_the_characters_alone_when_the_rule_is_off():
    text = build('title: "经济\\v困难证明"\n')
    assert fix_document(read_document(Path("x.yaml"), text.encode()), LintConfig(ignore=frozenset({"control-character"}))) == (text, 0)


# --- every writer neutralises them -------------------------------------------------------------------


def test_clean_removes_the_class_and_spaces_vertical_tabs():
    assert invisible.clean(f"a{ALL_CONTROLS}\u202e\u200b\ufeff\U0001ffffb") == "a  b"
    assert invisible.clean_data({"k\x1b": ["x\x07", 1, None]}) == {"k": ["x", 1, None]}
    assert invisible.clean_file("a\x1bb\r\nc\rd") == "ab\r\nc\rd"  # line ends are the file's own


def _ignore_rule(catalog: Path) -> None:
    # A missed character must not break an output: switch the rule off so that it reaches the writers.
    (catalog / "akq.toml").write_text('[lint]\nignore = ["control-character"]\n', encoding="utf-8")


def _vt_escaped(catalog: Path) -> None:
    path = catalog / "items/SFJ/SFJ-ZM-002.yaml"
    text = path.read_text("utf-8")
    start = text.index("\nmatter: ") + len("\nmatter: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + '"' + text[start:end] + '\\v\\x0c\\u202e"' + text[end:], encoding="utf-8")


def test_export_and_the_report_workbook_succeed_without_control_characters(catalog_copy, tmp_path):
    _hostile(catalog_copy)
    _vt_escaped(catalog_copy)
    site = tmp_path / "site"
    # the copy is not in git: under CI=true export refuses an unreadable change log (tested in tests/export)
    r = run_akq("export", catalog_copy, "-o", site, env={"CI": ""})
    assert r.code == 0 and "Traceback" not in r.err, r.err
    for page in [*site.rglob("*.html"), *site.rglob("*.json"), *site.rglob("*.js"), *site.rglob("*.csv"),
                 *site.rglob("*.xml"), *site.rglob("*.atom")]:
        _no_controls(page.read_text("utf-8-sig"), str(page))
    catalog_json = (site / "catalog.json").read_text("utf-8")
    assert "]0;PWNED[2J 等" in catalog_json and "\\u001b" not in catalog_json
    book = tmp_path / "report.xlsx"
    r = run_akq("report", "--catalog", catalog_copy, "--format", "xlsx", "-o", book)
    assert r.code in (0, 1) and "Traceback" not in r.err, r.err
    import openpyxl

    for path in (book, site / "catalog.xlsx"):
        wb = openpyxl.load_workbook(path)
        values = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
        assert any("PWNED" in v for v in values), path
        for v in values:
            _no_controls(v, str(path))


def test_render_writes_forms_word_and_libreoffice_open(catalog_copy, tmp_path):
    _hostile(catalog_copy)
    _vt_escaped(catalog_copy)
    _ignore_rule(catalog_copy)
    out = tmp_path / "forms"
    r = run_akq("render", "SFJ-ZM-001", "SFJ-ZM-002", "-o", out, cwd=catalog_copy)
    assert r.code == 0 and "Traceback" not in r.err, r.err
    import docx

    for name in ("SFJ-ZM-001", "SFJ-ZM-002"):
        path = out / f"{name}.docx"
        body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        _no_controls(body, name)
        with zipfile.ZipFile(path) as z:
            _no_controls(z.read("word/document.xml").decode(), name)
            _no_controls(z.read("docProps/core.xml").decode(), name)
    soffice = require_tool("soffice", why="Word-compatible output is checked by opening it in LibreOffice")
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(out / "SFJ-ZM-001.docx")],
        capture_output=True, text=True, timeout=300,
    )
    assert (tmp_path / "pdf" / "SFJ-ZM-001.pdf").stat().st_size > 1000, proc.stdout + proc.stderr


def test_lint_text_output_shows_control_characters_as_code_points(catalog_copy):
    path = catalog_copy / SFJ1
    text = path.read_text("utf-8").replace("title: 经济困难证明\n", "title: 经济困难证明\u202e等\x1b\n", 1)
    path.write_bytes(text.encode())
    r = run_akq("lint", catalog_copy, env={"TERM": "xterm-256color"})
    assert "\x1b" not in r.out and "\u202e" not in r.out
    lines = r.out.splitlines()
    pairs = [(ln, lines[i + 1]) for i, ln in enumerate(lines) if "| title: 经济困难证明" in ln]
    assert len(pairs) == 2, r.out  # yaml-syntax at the ESC, control-character at the override
    for snippet, marker in pairs:
        assert "title: 经济困难证明<U+202E>等<U+001B>" in snippet
        # the marker stands under the character it is about, though that now takes 8 cells
        cells = marker.index("^")  # Chinese characters take two cells each
        k = next(k for k in range(len(snippet) + 1) if cell_len(snippet[:k]) >= cells)
        assert snippet[k:].startswith("<U+"), (snippet, marker)
        assert marker.count("^") == len("<U+202E>")


def test_ci_formats_never_carry_a_raw_control_character(tmp_path):
    """GitHub annotations go to the job log and JUnit must stay well-formed XML, whatever the file name holds."""
    import xml.etree.ElementTree as ET

    from akq_cli.lint.engine import LintReport
    from akq_cli.lint.findings import Finding
    from akq_cli.lint.formats import github, junit

    name = "catalog/items/SFJ/\x1b]0;PWNED\x07.yaml"
    report = LintReport(findings=[Finding("yaml-syntax", "error", name, 1, 1, "", "坏\x1b[2J")], files=1, linted=[name])
    for text in (github.render(report), junit.render(report)):
        assert "\x1b" not in text and "\x07" not in text
    ET.fromstring(junit.render(report).split("\n", 1)[1])
