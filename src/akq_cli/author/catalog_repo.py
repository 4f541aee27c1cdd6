"""`akq init-catalog DIR`: start a county's catalog repository from ``templates/catalog_repo/``.

The template is a folder tree copied as it is, so the county can edit it
without touching code. The only substitution is ``@AKQ_VERSION@`` (a plain
marker, not jinja: the GitHub workflow is full of ``${{ … }}``), which pins
the CI files and the pre-commit hook to the akq that wrote them.

The catalog repository is kept apart from akq's own repository on purpose: a
merge request there can touch items, not the tool or the checks that judge it.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from akq_cli import __version__
from akq_cli.core.files import atomic_write_bytes
from akq_cli.core.i18n import pick
from akq_cli.core.resources import resource_dir

TEMPLATE = "catalog_repo"
MARKERS = {"@AKQ_VERSION@": __version__}


def template_files() -> dict[str, bytes]:
    """Every file of the template by its path in the new repository (``/``-separated), markers replaced."""
    root = resource_dir("templates") / TEMPLATE
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            data = path.read_bytes()
            for marker, value in MARKERS.items():
                data = data.replace(marker.encode(), value.encode())
            files[path.relative_to(root).as_posix()] = data
    return files


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already there: never overwritten
    git_initialised: bool = False


class InitError(Exception):
    """Something the user can fix; carries {'zh':…, 'en':…} texts."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts["en"])
        self.texts = texts

    def message(self) -> str:
        return pick(self.texts)


def _occupied(target: Path) -> bool:
    """True when ``target`` holds anything but an empty git repository (a fresh clone of a new project)."""
    return any(entry.name != ".git" for entry in target.iterdir())


def init_catalog(target: Path, *, force: bool = False, git: bool = True) -> InitResult:
    if target.exists() and not target.is_dir():
        raise InitError({"zh": f"{target} 已存在，而且不是文件夹。请换一个文件夹名。",
                         "en": f"{target} exists and is not a folder. Choose another folder name."})
    if target.is_dir() and _occupied(target) and not force:
        raise InitError(
            {
                "zh": f"{target} 不是空文件夹。请指定一个新的或空的文件夹；确实要在这里补上缺少的文件时加 --force"
                "（已有的文件不会被改动）。",
                "en": f"{target} is not empty. Name a new or empty folder; add --force to add the missing files "
                "here (existing files are never changed).",
            }
        )
    result = InitResult()
    try:
        for name, data in template_files().items():
            path = target / name
            if path.exists() or path.is_symlink():
                result.kept.append(name)
                continue
            atomic_write_bytes(path, data)
            result.written.append(name)
    except OSError as exc:
        raise InitError(
            {
                "zh": f"无法写入 {target}：{exc.strerror or exc}。请检查该文件夹是否可写、磁盘是否已满。",
                "en": f"Cannot write to {target}: {exc.strerror or exc}. Check that the folder is writable and the "
                "disk is not full.",
            }
        ) from exc
    if git and not (target / ".git").exists():
        _git_init(target)
        result.git_initialised = True
    return result


def _git_init(target: Path) -> None:
    try:
        proc = subprocess.run(
            ["git", "init", "--quiet", "--initial-branch=main", str(target)], capture_output=True, text=True
        )
    except FileNotFoundError as exc:
        raise InitError(
            {
                "zh": "文件已写好，但没有找到 git 命令，仓库没有初始化。请安装 git 后在该文件夹中运行 git init。",
                "en": "The files are written, but git is not installed, so no repository was created. Install git "
                "and run git init in that folder.",
            }
        ) from exc
    if proc.returncode != 0:
        raise InitError(
            {
                "zh": f"文件已写好，但 git init 失败：{proc.stderr.strip()}",
                "en": f"The files are written, but git init failed: {proc.stderr.strip()}",
            }
        )


def summary(target: Path, result: InitResult) -> str:
    """What was written and what the county does next, for the terminal."""
    lines = [
        pick(
            {
                "zh": "在 {target} 写入了 {n} 个文件（目录清单 catalog/、akq.toml、GitLab 和 GitHub 的流水线、"
                "pre-commit 配置、CODEOWNERS、.gitignore）。流水线安装 akq=={version}（变量 AKQ_PIP_SPEC）。",
                "en": "Wrote {n} files to {target} (the catalog/, akq.toml, GitLab and GitHub pipelines, pre-commit "
                "configuration, CODEOWNERS, .gitignore). The pipelines install akq=={version} (variable AKQ_PIP_SPEC).",
            },
            target=target,
            n=len(result.written),
            version=__version__,
        )
    ]
    if result.kept:
        lines.append(
            pick({"zh": "已经存在、没有改动的文件：{names}", "en": "Already there, left unchanged: {names}"},
                 names=", ".join(result.kept))
        )
    if result.git_initialised:
        lines.append(pick({"zh": "已初始化 git 仓库（分支 main）。", "en": "Initialised a git repository (branch main)."}))
    lines.append(
        pick(
            {
                "zh": "下一步：\n"
                "  1. CODEOWNERS 中的 @county/sifaju 换成县司法局审核人员的组；.pre-commit-config.yaml 中填写 akq 仓库的地址；\n"
                "     akq 不在公共的 PyPI 上：把 CI 文件中的 AKQ_PIP_SPEC 改成本县软件包索引或 git 地址上的同一版本。\n"
                "  2. 提交并推送：cd {target} && git add -A && git commit -m 目录清单仓库 && git push\n"
                "  3. 按 akq 的 README“目录清单仓库”一节设置：main 受保护、只有县司法局可以合并，\n"
                "     CI 配置取自部门不能修改的项目，发布用的 runner 和变量设为受保护。",
                "en": "Next:\n"
                "  1. In CODEOWNERS replace @county/sifaju with the justice bureau's reviewers group; in "
                ".pre-commit-config.yaml fill in akq's repository URL;\n"
                "     akq is not on the public PyPI: point AKQ_PIP_SPEC in the CI files at the same version on the "
                "county's package index or git server.\n"
                "  2. Commit and push: cd {target} && git add -A && git commit -m 'catalog repository' && git push\n"
                "  3. Set the repository up as akq's README section on catalog repositories says: main protected, "
                "merged by the justice bureau only,\n"
                "     CI configuration from a project departments cannot edit, deploy runner and variables protected.",
            },
            target=shlex.quote(str(target)),
        )
    )
    return "\n".join(lines)
