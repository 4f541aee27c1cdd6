"""akq new: next free id, a commented scaffold that parses, passes `schema`, and is already formatted."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from akq_cli.core.loader import read_document
from conftest import CATALOG, REPO, akq_command, run_akq


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(CATALOG, tmp_path / "catalog")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    return tmp_path


def _new(repo: Path, *args: str):
    return run_akq("new", *args, "--no-input", cwd=repo)


def test_certification_scaffold(repo):
    before = sorted(p.name for p in (repo / "catalog/items/SFJ").iterdir())
    r = _new(repo, "--department", "SFJ", "--kind", "certification", "--title", "无犯罪记录证明", "--matter", "申请律师执业")
    assert r.code == 0, r.err
    rel = r.out.strip()
    path = repo / rel
    numbers = [int(n.split("-")[-1].split(".")[0]) for n in before if n.startswith("SFJ-ZM-")]
    assert path.name == f"SFJ-ZM-{max(numbers) + 1:03d}.yaml"
    text = path.read_text("utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/item.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve() == (repo / "schemas/item.schema.json").resolve()
    doc = read_document(path)
    data = doc.root.plain()
    assert data["title"] == "无犯罪记录证明" and data["matter"] == "申请律师执业" and data["status"] == "draft"
    # every key of the item has a comment line saying what belongs there
    lines = text.splitlines()
    for key in ("title", "matter", "issuer", "purpose", "legal_basis", "content", "conditions", "status"):
        i = lines.index(next(ln for ln in lines if ln.startswith(key + ":")))
        assert lines[i - 1].startswith("#"), key
    assert run_akq("lint", "--select", "schema", path, cwd=repo).code == 0
    lint = run_akq("lint", "--format", "json", path, cwd=repo)
    import json

    findings = json.loads(lint.out)["findings"]
    assert lint.code == 1
    placeholders = {f["pointer"] for f in findings if f["rule"] == "placeholder"}
    assert {"/purpose", "/issuer", "/liability/criminal", "/conditions/0/text", "/conditions/0/basis",
            "/legal_basis/0/article"} <= placeholders
    assert run_akq("fmt", "--check", path, cwd=repo).code == 0


def test_business_license_scaffold_and_numbering(repo):
    r1 = _new(repo, "--department", "SCJ", "--kind", "business_license")
    r2 = _new(repo, "--department", "SCJ", "--kind", "business_license")
    assert r1.code == 0 and r2.code == 0, r1.err + r2.err
    p1, p2 = repo / r1.out.strip(), repo / r2.out.strip()
    assert p1 != p2 and p1.exists() and p2.exists()
    n1, n2 = int(p1.stem.rsplit("-", 1)[1]), int(p2.stem.rsplit("-", 1)[1])
    assert n2 == n1 + 1
    data = read_document(p1).root.plain()
    assert data["kind"] == "business_license" and data["matter_type"] == "行政许可"
    assert data["on_the_spot_decision"] is True and "materials" in data
    assert "# approval:" in p1.read_text("utf-8")
    assert run_akq("lint", "--select", "schema", p1, p2, cwd=repo).code == 0
    assert run_akq("fmt", "--check", p1, cwd=repo).code == 0


def test_title_with_yaml_specials_is_quoted(repo):
    r = _new(repo, "-d", "SFJ", "-k", "certification", "--title", "证明: #1 'x'", "--matter", "yes")
    assert r.code == 0, r.err
    data = read_document(repo / r.out.strip()).root.plain()
    assert data["title"] == "证明: #1 'x'" and data["matter"] == "yes"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "--department"),
        (("--department", "XXX", "--kind", "certification"), "departments.yaml 中没有部门代码“XXX”"),
        (("--department", "SFJ", "--kind", "license"), "事项类型“license”不对"),
        (("--department", "SFJ", "--kind", "certification", "--matter-type", "许可"), "行政事项类别“许可”不对"),
    ],
)
def test_bad_options(repo, args, needle):
    before = sorted(p for p in (repo / "catalog").rglob("*"))
    r = _new(repo, *args)
    assert r.code == 2 and needle in r.err and "Traceback" not in r.err
    assert sorted(p for p in (repo / "catalog").rglob("*")) == before


def test_outside_a_catalog(tmp_path):
    r = run_akq("new", "-d", "SFJ", "-k", "certification", "--no-input", cwd=tmp_path)
    assert r.code == 2 and "catalog.yaml" in r.err


def _on_a_terminal(repo: Path, answers: list[str]) -> tuple[int, str]:
    """Run `akq new` under a pseudo-terminal, answering each prompt (a line ending in ': ') in turn."""
    import pty
    import select

    pending = iter(answers)
    pid, fd = pty.fork()
    if pid == 0:  # child: become akq
        os.chdir(repo)
        os.environ.update({"COLUMNS": "200", "PYTHONIOENCODING": "utf-8"})
        cmd = akq_command()
        os.execv(cmd[0], [*cmd, "new"])
    seen = b""
    prompts = 0
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if seen.rstrip().endswith((b":", b"]:", b"):")) and seen.count(b": ") + seen.count(b"]: ") > prompts:
            prompts = seen.count(b": ") + seen.count(b"]: ")
            os.write(fd, (next(pending, "") + "\n").encode())
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


def test_interactive_prompts_on_a_terminal(repo):
    """Staff type answers at prompts: run akq under a pseudo-terminal."""
    code, seen = _on_a_terminal(repo, ["SFJ", "certification", "公证员执业证明", "申请公证员执业", "法律服务", "行政许可"])
    assert code == 0, seen
    created = sorted((repo / "catalog/items/SFJ").glob("*.yaml"))[-1]
    data = read_document(created).root.plain()
    assert (data["title"], data["matter"], data["category"], data["matter_type"]) == (
        "公证员执业证明",
        "申请公证员执业",
        "法律服务",
        "行政许可",
    )


def test_wrong_answers_are_refused_at_once_and_asked_again(repo):
    """An empty department is refused before the next question; lower case and Chinese kinds are understood."""
    answers = ["", "sfj", "证明", "证明事项", "公证员执业证明", "申请公证员执业", "法律服务", "许可", "行政许可"]
    code, seen = _on_a_terminal(repo, answers)
    assert code == 0, seen
    assert "部门代码不能为空" in seen and "事项类型“证明”不对" in seen and "行政事项类别“许可”不对" in seen
    assert seen.index("部门代码不能为空") < seen.index("事项类型")  # said at once, not after six more prompts
    assert "Please select" not in seen
    created = sorted((repo / "catalog/items/SFJ").glob("SFJ-ZM-*.yaml"))[-1]
    data = read_document(created).root.plain()
    assert (data["department"], data["kind"], data["title"], data["matter_type"]) == (
        "SFJ", "certification", "公证员执业证明", "行政许可"
    )


@pytest.mark.parametrize(("department", "kind"), [("sfj", "证明事项"), ("Sfj", "CERTIFICATION"), ("阿合奇县司法局", "certification")])
def test_department_in_any_case_and_kind_in_chinese(repo, department, kind):
    r = _new(repo, "-d", department, "-k", kind)
    assert r.code == 0, r.err
    data = read_document(repo / r.out.strip()).root.plain()
    assert data["department"] == "SFJ" and data["kind"] == "certification"
    assert (repo / r.out.strip()).parent.name == "SFJ"


def test_no_input_names_exactly_what_is_missing(repo):
    r = _new(repo, "-d", "sfj")
    assert r.code == 2 and "--kind" in r.err and "--department" not in r.err.split("例如")[0], r.err
    r = _new(repo, "-k", "证明事项")
    assert r.code == 2 and "--department" in r.err and "--kind" not in r.err.split("例如")[0], r.err
