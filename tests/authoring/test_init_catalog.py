"""`akq init-catalog`: a county's catalog repository from templates/catalog_repo/, and its pipeline really running."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from akq_cli import __version__
from authoring.gitrepo import ENV, git
from conftest import IN_CI, REPO, require_tool

TEMPLATE = REPO / "templates" / "catalog_repo"
GCL_VERSION = "4.45"  # the last gitlab-ci-local release that runs on Debian's Node 20


def expected_files() -> dict[str, bytes]:
    """The template as the county should get it, read here without the module under test."""
    return {
        path.relative_to(TEMPLATE).as_posix(): path.read_bytes().replace(b"@AKQ_VERSION@", __version__.encode())
        for path in TEMPLATE.rglob("*")
        if path.is_file()
    }


def written_files(target: Path) -> dict[str, bytes]:
    return {
        path.relative_to(target).as_posix(): path.read_bytes()
        for path in target.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(target).parts
    }


def test_writes_exactly_the_template_with_the_version_pinned(akq, tmp_path: Path) -> None:
    target = tmp_path / "县目录清单"
    result = akq("init-catalog", target)
    assert result.code == 0, result.err
    assert "写入了 10 个文件" in result.out and "已初始化 git 仓库" in result.out
    files = written_files(target)
    assert files == expected_files()
    assert {".gitlab-ci.yml", ".github/workflows/akq.yml", ".pre-commit-config.yaml", "CODEOWNERS", ".gitignore",
            "akq.toml", "catalog/catalog.yaml", "catalog/departments.yaml"} <= files.keys()
    assert not any(b"@AKQ_" in data for data in files.values())
    assert git(target, "symbolic-ref", "--short", "HEAD") == "main"

    gitlab = yaml.safe_load(files[".gitlab-ci.yml"])
    assert gitlab["variables"]["AKQ_PIP_SPEC"] == f"akq=={__version__}"
    assert gitlab["review"]["allow_failure"] == {"exit_codes": [3]}
    assert gitlab["deploy"]["rules"] == [
        {"if": '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "merge_request_event"'}
    ]
    github = yaml.safe_load(files[".github/workflows/akq.yml"])
    assert f"'akq=={__version__}'" in github["env"]["AKQ_PIP_SPEC"]
    assert github["jobs"]["deploy"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    hooks = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"][0]
    assert hooks["rev"] == f"v{__version__}" and hooks["hooks"] == [{"id": "akq-lint"}]
    owners = files["CODEOWNERS"].decode()
    for pattern in ("akq.toml", "/.gitlab-ci.yml", "/.github/", "/.pre-commit-config.yaml", "/CODEOWNERS"):
        assert f"\n{pattern} @county/sifaju" in owners
    assert ".akq-tmp-*" in files[".gitignore"].decode().splitlines()


def test_the_new_repository_is_lint_and_fmt_clean(akq, tmp_path: Path) -> None:
    target = tmp_path / "repo"
    assert akq("init-catalog", target, "--no-git").code == 0
    assert not (target / ".git").exists()
    lint = akq("lint", cwd=target)
    assert lint.code == 0, lint.out + lint.err
    assert "0 个错误，0 个警告，0 个提示" in lint.out
    assert akq("fmt", "--check", cwd=target).code == 0


def test_refuses_a_folder_that_is_not_empty(akq, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("县司法局的笔记", encoding="utf-8")
    result = akq("init-catalog", tmp_path)
    assert result.code == 2
    assert "不是空文件夹" in result.err and "--force" in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_fresh_clone_counts_as_empty(akq, tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    result = akq("init-catalog", tmp_path)
    assert result.code == 0, result.err
    assert "已初始化" not in result.out  # already a repository
    assert written_files(tmp_path) == expected_files()


def test_force_adds_what_is_missing_and_never_overwrites(akq, tmp_path: Path) -> None:
    (tmp_path / "akq.toml").write_text("[lint]\nignore = [\"punctuation\"]\n", encoding="utf-8")
    result = akq("init-catalog", tmp_path, "--force", "--no-git")
    assert result.code == 0, result.err
    assert "akq.toml" in result.out  # named as left unchanged
    assert (tmp_path / "akq.toml").read_text(encoding="utf-8") == "[lint]\nignore = [\"punctuation\"]\n"
    expected = expected_files()
    del expected["akq.toml"]
    assert {k: v for k, v in written_files(tmp_path).items() if k != "akq.toml"} == expected


def test_refuses_a_file_in_english_too(akq, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = akq("--lang", "en", "init-catalog", target)
    assert result.code == 2 and "is not a folder" in result.err


# --- the generated pipeline, run by gitlab-ci-local --------------------------------------------------------------

# gitlab-ci-local runs a job in Docker when it names an image; there is no Docker daemon here, so the test
# includes the generated file unchanged and only takes the image away: its jobs run in the shell executor.
SHELL_ONLY = "include:\n  - local: .gitlab-ci.yml\ndefault:\n  image: null\n"


def gitlab_ci_local() -> str:
    """gitlab-ci-local on PATH, else installed with npm into a cache prefix (.ci/run installs it there first)."""
    require_tool("node", why="gitlab-ci-local runs the generated pipeline")
    require_tool("rsync", why="gitlab-ci-local copies the work tree with it")
    on_path = shutil.which("gitlab-ci-local")
    if on_path:
        return on_path
    npm = require_tool("npm", why="it installs gitlab-ci-local")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    prefix = cache / "akq-tests" / f"gitlab-ci-local-{GCL_VERSION}"
    exe = prefix / "node_modules" / ".bin" / "gitlab-ci-local"
    if not exe.exists():
        proc = subprocess.run(
            [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", f"gitlab-ci-local@{GCL_VERSION}"],
            capture_output=True, text=True, timeout=300,
        )
        if proc.returncode != 0:
            message = f"npm could not install gitlab-ci-local@{GCL_VERSION}: {proc.stderr[-2000:]}"
            pytest.fail(message) if IN_CI else pytest.skip(message)
    return str(exe)


def run_pipeline(exe: str, repo: Path, *args: str) -> str:
    """gitlab-ci-local in ``repo``; akq is installed in each job from this checkout through AKQ_PIP_SPEC."""
    pip_cache = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")  # warm across runs
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("AKQ_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # python3 >= 3.11 for the jobs' venv
    proc = subprocess.run(
        [exe, "--file", ".gitlab-ci-local.yml", "--variable", f"AKQ_PIP_SPEC={REPO}",
         "--variable", f"PIP_CACHE_DIR={pip_cache}", *args],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-6000:]
    return log


@pytest.mark.system
def test_its_pipeline_passes_under_gitlab_ci_local(akq, tmp_path: Path) -> None:
    exe = gitlab_ci_local()
    repo = tmp_path / "repo"
    assert akq("init-catalog", repo).code == 0
    (repo / ".gitlab-ci-local.yml").write_text(SHELL_ONLY, encoding="utf-8")
    (repo / ".git" / "info" / "exclude").write_text(".gitlab-ci-local.yml\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "目录清单仓库")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(origin)], check=True, env={**os.environ, **ENV})
    git(repo, "remote", "add", "origin", str(origin))
    git(repo, "fetch", "-q", "origin")

    # main: lint, site and deploy (akq publish into a folder standing for the web server's).
    www = tmp_path / "www" / "gzcn"
    data = tmp_path / "runner-data"  # the runner user's data folder, where the version store goes by default
    log = run_pipeline(exe, repo, "--variable", f"AKQ_PUBLISH_DEST={www}", "--variable", f"XDG_DATA_HOME={data}")
    for job in ("lint", "site", "deploy"):
        assert f"PASS  {job}" in log
    assert "review" not in log.split("PASS")[-1]
    assert f"akq {__version__}" in log  # what pip installed into the job's .venv, not this test's akq
    assert "0 个错误" in log
    assert (www.resolve() / "index.html").is_file() and www.is_symlink()
    assert data.resolve() in www.resolve().parents, "the kept versions are outside the web root"

    # A department's merge request: review runs (deploy does not) and installs akq the same way.
    git(repo, "checkout", "-q", "-b", "gaj-change")
    item = repo / "catalog" / "items" / "SFJ" / "SFJ-ZM-001.yaml"
    item.write_text(item.read_text(encoding="utf-8").replace("title: 经济困难证明", "title: 经济困难状况证明"), "utf-8")
    git(repo, "commit", "-q", "-am", "改事项名称")
    mr = ("--variable", "CI_PIPELINE_SOURCE=merge_request_event", "--variable", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main")
    listed = run_pipeline(exe, repo, *mr, "--list")
    assert "review" in listed and "deploy" not in listed
    log = run_pipeline(exe, repo, *mr, "review")
    assert "PASS  review" in log and f"akq {__version__}" in log
    assert "修改：SFJ-ZM-001 经济困难状况证明" in (repo / "out" / "review.md").read_text(encoding="utf-8")
