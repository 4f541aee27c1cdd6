"""Every --format as its consumer reads it: JSON and SARIF against their schemas, GitHub workflow
commands, GitLab Code Quality, JUnit XML, and the text a person reads in a terminal."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from akq_cli.lint.engine import LintReport
from akq_cli.lint.findings import Finding
from akq_cli.lint.formats import github, text
from conftest import run_akq

from .helpers import DATA, edit, item


@pytest.fixture
def flawed(small_catalog: Path) -> Path:
    edit(item(small_catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")
    edit(item(small_catalog, "GAJ-ZM-0001"), "kind: certification", "kind: certification  # akq: disable=schema")
    return small_catalog


def lint(catalog: Path, *args: str, lang: str = "zh"):
    return run_akq("--lang", lang, "lint", "--no-cache", "catalog", *args, cwd=catalog.parent)


def status_line(catalog: Path) -> int:
    return item(catalog, "SFJ-ZM-0001").read_text("utf-8").splitlines().index("status: 已发布") + 1


def test_json_report_matches_its_schema_and_the_spec(flawed):
    schema = json.loads((DATA / "lint-report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    r = lint(flawed, "--format", "json")
    report = json.loads(r.out)
    jsonschema.Draft202012Validator(schema).validate(report)
    (status,) = [f for f in report["findings"] if f["rule"] == "schema"]
    assert status == {
        "rule": "schema",
        "severity": "error",
        "file": "catalog/items/SFJ/SFJ-ZM-0001.yaml",
        "line": status_line(flawed),
        "column": 9,
        "pointer": "/status",
        "message": status["message"],
    }
    assert "已发布" in status["message"] and "published" in status["message"]
    assert report["summary"] == {"files": 14, "findings": 3, "error": 1, "warning": 2, "info": 0}


def test_item_schemas_are_valid_draft_2020_12():
    for path in sorted((DATA.parents[2] / "schemas").glob("*.schema.json")):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_is_valid_sarif_2_1_0_with_rules_from_the_registry(flawed, lang):
    schema = json.loads((DATA / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    r = lint(flawed, "--format", "sarif", lang=lang)
    assert r.code == 1, r.err
    log = json.loads(r.out)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    from akq_cli.lint.registry import all_rules

    assert [rule["id"] for rule in rules] == list(all_rules())
    schema_rule = rules[[rule["id"] for rule in rules].index("schema")]
    assert schema_rule["defaultConfiguration"]["level"] == "error"
    assert schema_rule["properties"]["summary"]["zh"] and schema_rule["properties"]["summary"]["en"]
    assert "```yaml" in schema_rule["help"]["markdown"]
    assert schema_rule["shortDescription"]["text"] == schema_rule["properties"]["summary"][lang]
    (result,) = [res for res in run["results"] if res["ruleId"] == "schema"]
    assert rules[result["ruleIndex"]]["id"] == "schema"
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "catalog/items/SFJ/SFJ-ZM-0001.yaml"
    assert location["region"] == {"startLine": status_line(flawed), "startColumn": 9}
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_region_of_a_substring_match_has_an_end_column():
    from akq_cli.lint.formats import sarif

    report = LintReport(
        findings=[Finding("vague-term", "warning", "a.yaml", 3, 12, "/content", "模糊", match="有关", end_line=3, end_column=14)],
        files=1,
    )
    log = json.loads(sarif.render(report))
    jsonschema.Draft4Validator(json.loads((DATA / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))).validate(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 14}
    assert log["runs"][0]["results"][0]["level"] == "warning"


def test_github_workflow_commands(flawed):
    r = lint(flawed, "--format", "github")
    lines = r.out.splitlines()
    assert len(lines) == 3  # the schema error; the suppression has no reason and suppresses nothing
    expected = f"::error file=catalog/items/SFJ/SFJ-ZM-0001.yaml,line={status_line(flawed)},col=9,title=akq schema::"
    assert any(line.startswith(expected) for line in lines), lines
    assert any(line.startswith("::warning file=catalog/items/GAJ/GAJ-ZM-0001.yaml,") for line in lines)


def test_github_escaping():
    report = LintReport(
        findings=[
            Finding("schema", "info", "a,b:c%.yaml", 1, 2, "", "100% sure\nnext line\r", match="x", end_line=1, end_column=3)
        ]
    )
    out = github.render(report)
    assert out == (
        "::notice file=a%2Cb%3Ac%25.yaml,line=1,col=2,endLine=1,endColumn=3,title=akq schema::"
        "100%25 sure%0Anext line%0D\n"
    )
    assert github.escape_property("a: b, c") == "a%3A b%2C c"


def test_gitlab_code_quality_fingerprints_survive_a_line_shift(flawed):
    first = json.loads(lint(flawed, "--format", "gitlab").out)
    assert json.loads(lint(flawed, "--format", "gitlab").out) == first  # stable across runs
    (issue,) = [i for i in first if i["check_name"] == "schema"]
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": "catalog/items/SFJ/SFJ-ZM-0001.yaml", "lines": {"begin": status_line(flawed)}}
    assert issue["description"] and re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert {i["severity"] for i in first if i["check_name"] == "suppression"} == {"minor"}
    # Someone adds a comment at the top of the file: the line moves, the issue is the same one.
    path = item(flawed, "SFJ-ZM-0001")
    path.write_text("# 修改说明\n" + path.read_text("utf-8"), "utf-8")
    (moved,) = [i for i in json.loads(lint(flawed, "--format", "gitlab").out) if i["check_name"] == "schema"]
    assert moved["fingerprint"] == issue["fingerprint"]
    assert moved["location"]["lines"]["begin"] == issue["location"]["lines"]["begin"] + 1


def test_gitlab_fingerprints_are_unique_for_repeated_findings(small_catalog):
    path = item(small_catalog, "SFJ-ZM-0001")
    path.write_text(path.read_text("utf-8") + "extra_a: 1\nextra_b: 2\n", "utf-8")
    issues = json.loads(lint(small_catalog, "--format", "gitlab").out)
    assert len(issues) == 2
    assert len({i["fingerprint"] for i in issues}) == 2


def test_junit_has_one_testcase_per_file_and_a_failure_per_finding(flawed):
    r = lint(flawed, "--format", "junit")
    root = ET.fromstring(r.out)
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 14  # 12 items, catalog.yaml, departments.yaml
    failed = {c.get("name"): c.findall("failure") for c in cases if c.findall("failure")}
    assert set(failed) == {"catalog/items/SFJ/SFJ-ZM-0001.yaml", "catalog/items/GAJ/GAJ-ZM-0001.yaml"}
    (failure,) = failed["catalog/items/SFJ/SFJ-ZM-0001.yaml"]
    assert failure.get("type") == "error" and failure.get("message").startswith("schema: ")
    assert f":{status_line(flawed)}:9:" in failure.text
    assert root.get("tests") == "14" and root.get("failures") == "2"


def test_several_formats_in_one_run_written_to_files(flawed, tmp_path):
    out = tmp_path / "reports"
    r = lint(
        flawed,
        "--format", "text",
        "--format", f"sarif={out / 'akq.sarif'}",
        "--format", f"gitlab={out / 'gl-code-quality.json'}",
        "--format", f"json={out / 'akq.json'}",
        "--format", f"text={out / 'akq.txt'}",
    )  # fmt: skip
    assert r.code == 1
    assert "catalog/items/SFJ/SFJ-ZM-0001.yaml" in r.out  # text on the terminal
    assert json.loads((out / "akq.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert len(json.loads((out / "gl-code-quality.json").read_text("utf-8"))) == 3
    assert json.loads((out / "akq.json").read_text("utf-8"))["summary"]["error"] == 1
    saved = (out / "akq.txt").read_text("utf-8")
    assert "\x1b[" not in saved and "catalog/items/SFJ/SFJ-ZM-0001.yaml" in saved
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_unwritable_output_file_is_a_usage_error(flawed, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    r = lint(flawed, "--format", f"json={blocker / 'sub' / 'akq.json'}")
    assert r.code == 2 and "无法写入" in r.err and "Traceback" not in r.err


def test_text_shows_file_position_rule_message_source_and_marker(flawed):
    r = lint(flawed)
    lines = r.out.splitlines()
    n = status_line(flawed)
    head = lines.index("catalog/items/SFJ/SFJ-ZM-0001.yaml")
    assert lines[head + 1].split() == [f"{n}:9", "错误", "schema"]
    assert "已发布" in lines[head + 2]
    src = next(ln for ln in lines[head:] if ln.strip().startswith(f"{n} |"))
    marker = lines[lines.index(src) + 1]
    assert src.endswith("status: 已发布")
    assert marker.index("^") == src.index("已")  # under the value
    assert lines[-1] == "检查了 14 个文件：1 个错误，2 个警告，0 个提示。"
    en = lint(flawed, lang="en")
    assert en.out.splitlines()[-1] == "Checked 14 files: 1 errors, 2 warnings, 0 infos."
    assert " error " in en.out or "  error  " in en.out


def test_text_marks_a_match_under_chinese_characters_by_terminal_cells():
    from rich.console import Console

    src = "content: 按照有关规定办理"
    col = src.index("有关") + 1
    f = Finding("vague-term", "warning", "x.yaml", 1, col, "/content", "模糊", match="有关", end_line=1, end_column=col + 2)
    (line, marker) = text._snippet(f, src, width=80, gutter=1)
    console = Console(width=80, no_color=True)
    with console.capture() as cap:
        console.print(line)
        console.print(marker)
    shown, carets = cap.get().splitlines()
    from rich.cells import cell_len

    start = shown.index("有关")
    assert carets.rstrip().endswith("^^^^")  # two wide characters take four cells
    assert cell_len(carets[: carets.index("^")]) == cell_len(shown[:start])


def test_text_crops_a_long_line_around_the_match():
    src = "content: " + "很长的文字" * 40 + "有关规定" + "后续内容" * 20
    col = src.index("有关") + 1
    f = Finding("vague-term", "warning", "x.yaml", 1, col, "/content", "m", match="有关", end_line=1, end_column=col + 2)
    line, marker = text._snippet(f, src, width=60, gutter=1)
    from rich.cells import cell_len

    assert 57 <= cell_len(line.plain) <= 60  # cropped to the screen, not more
    assert "有关" in line.plain and line.plain.lstrip().startswith("1 | ...")
    assert cell_len(marker.plain[: marker.plain.index("^")]) == cell_len(line.plain[: line.plain.index("有关")])


@pytest.mark.parametrize("width", [30, 50, 80])
def test_text_wraps_chinese_without_ragged_lines(width):
    from rich.cells import cell_len

    message = "YAML 语法错误：found character that cannot start any token。常见原因：用 Tab 缩进（请改用空格）、冒号后缺少空格。"
    lines = text.wrap(message, width)
    assert "".join(lines).replace(" ", "") == message.replace(" ", "")
    assert all(cell_len(ln) <= width for ln in lines)
    assert all(cell_len(ln) >= width - 8 for ln in lines[:-1])  # full lines, not broken at the only spaces
    assert not any(ln.startswith(("，", "。", "、", "）")) for ln in lines)
