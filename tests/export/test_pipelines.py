"""The CI definitions parse, stay thin, and call only commands that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_akq

GITLAB = REPO / ".gitlab-ci.yml"
GITHUB = REPO / ".github" / "workflows" / "publish.yml"


def makefile_targets() -> dict[str, list[str]]:
    targets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (REPO / "Makefile").read_text("utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.$()/-]+):(?!=)", line)
        if m:
            current = targets.setdefault(m.group(1), [])
        elif line.startswith("\t") and current is not None:
            current.append(line.strip())
        elif line and not line.startswith("#"):
            current = None
    return targets


def gitlab_commands() -> dict[str, list[str]]:
    data = yaml.safe_load(GITLAB.read_text("utf-8"))
    return {name: job["script"] for name, job in data.items() if isinstance(job, dict) and "script" in job}


def github_commands() -> dict[str, list[str]]:
    data = yaml.safe_load(GITHUB.read_text("utf-8"))
    return {name: [s["run"] for s in job["steps"] if "run" in s] for name, job in data["jobs"].items()}


def make_calls(commands: list[str]) -> list[str]:
    calls = []
    for command in commands:
        for line in command.splitlines():
            calls += re.findall(r"(?:^|[;&|]\s*)make\s+([a-z][a-z0-9-]*)", line.strip())
    return calls


def akq_calls(lines: list[str]) -> list[list[str]]:
    out = []
    for line in lines:
        words = shlex.split(line.replace("$(BIN)/", ""))
        if words and words[0] == "akq":
            out.append(words[1:])
    return out


def command_names() -> set[str]:
    from akq_cli.cli import COMMANDS

    return {name for name, _, _ in COMMANDS}


@pytest.mark.parametrize("source", [gitlab_commands, github_commands], ids=["gitlab", "github"])
def test_pipeline_calls_only_make_targets_that_exist(source) -> None:
    targets = makefile_targets()
    jobs = source()
    assert {"lint", "site", "review", "deploy"} <= set(jobs)
    for job, commands in jobs.items():
        calls = make_calls(commands)
        assert calls, f"job {job} should call a Makefile target, not its own commands"
        for target in calls:
            assert target in targets, f"job {job}: make {target} is not in the Makefile"
    assert make_calls(jobs["lint"]) == ["lint-reports"]
    assert make_calls(jobs["site"]) == ["publish"]
    assert make_calls(jobs["review"]) == ["review"]
    assert make_calls(jobs["deploy"]) == ["deploy"]


def test_make_targets_call_real_akq_commands(tmp_path: Path) -> None:
    from akq_cli.lint.formats import FORMATS

    targets = makefile_targets()
    names = command_names()
    used = set()
    for target in ("publish", "lint-reports", "review", "deploy"):
        calls = akq_calls(targets[target])
        assert calls, target
        for args in calls:
            assert args[0] in names, f"make {target}: akq {args[0]} does not exist"
            used.add(args[0])
            for i, word in enumerate(args):
                if args[0] == "lint" and word == "--format":
                    assert args[i + 1].partition("=")[0] in FORMATS, args[i + 1]
    assert {"lint", "render", "export", "review", "publish"} <= used
    for name in sorted(used):
        result = run_akq(name, "--help")
        assert result.code == 0, (name, result.err)


def test_pipelines_publish_only_from_main() -> None:
    gitlab = yaml.safe_load(GITLAB.read_text("utf-8"))
    assert gitlab["deploy"]["rules"][0]["if"].startswith("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    assert "merge_request_event" in gitlab["review"]["rules"][0]["if"]
    assert gitlab["lint"]["artifacts"]["reports"]["codequality"] == "out/reports/gl-code-quality.json"
    github = yaml.safe_load(GITHUB.read_text("utf-8"))
    triggers = github.get("on", github.get(True))  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "pull_request"} and triggers["push"]["branches"] == ["main"]
    assert github["jobs"]["deploy"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert github["jobs"]["review"]["if"] == "github.event_name == 'pull_request'"
    sarif = [s for s in github["jobs"]["lint"]["steps"] if "upload-sarif" in s.get("uses", "")]
    assert sarif and sarif[0]["with"]["sarif_file"] == "out/reports/akq-lint.sarif"
    lint_line = makefile_targets()["lint-reports"][-1]
    assert "sarif=out/reports/akq-lint.sarif" in lint_line and "gitlab=out/reports/gl-code-quality.json" in lint_line


def test_lint_reports_are_written_as_the_pipelines_expect(tmp_path: Path) -> None:
    import json

    (args,) = akq_calls(makefile_targets()["lint-reports"][-1:])
    args = [a.replace("out/reports/", f"{tmp_path}/") for a in args]
    result = run_akq(*args, cwd=REPO)
    assert result.code == 0, result.out + result.err
    sarif = json.loads((tmp_path / "akq-lint.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    assert isinstance(json.loads((tmp_path / "gl-code-quality.json").read_text("utf-8")), list)


def test_publish_renders_pdf_forms_and_installs_what_they_need() -> None:
    """The site links a PDF of each form only when one was rendered: every pipeline renders them, with LibreOffice."""
    targets = makefile_targets()
    (render,) = [args for args in akq_calls(targets["publish"]) if args[0] == "render"]
    assert render[render.index("--format") + 1] == "docx,pdf"
    assert "pdf-tools" in (REPO / "Makefile").read_text("utf-8").split("\npublish:")[1].splitlines()[0]
    assert any("libreoffice-writer-nogui" in line and "fonts-noto-cjk" in line for line in targets["pdf-tools"])
    template = REPO / "templates" / "catalog_repo"
    gitlab = yaml.safe_load((template / ".gitlab-ci.yml").read_text("utf-8"))["site"]["script"]
    github = [s["run"] for s in yaml.safe_load((template / ".github" / "workflows" / "akq.yml").read_text("utf-8"))
              ["jobs"]["site"]["steps"] if "run" in s]
    for script in (gitlab, github):
        text = "\n".join(script)
        assert "libreoffice-writer-nogui" in text and "fonts-noto-cjk" in text
        assert "akq render -o out/forms --format docx,pdf" in text
        assert text.index("libreoffice-writer-nogui") < text.index("akq render")
