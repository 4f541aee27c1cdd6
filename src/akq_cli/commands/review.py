"""`akq review`: one page for the justice bureau's reviewer of a catalog change."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from akq_cli.commands.options import catalog_option, output_option
from akq_cli.core.i18n import both

HELP = both(
    """审核一次目录变更：变更摘要、新引入/已修正/原有的问题、涉及部门和审核清单。

\b
变更后的版本按基线版本的规则设置（akq.toml）检查；
本次变更自己新增或修改的 akq.toml、禁用注释（# akq: disable=…）
所屏蔽的问题单独列出，需法律审核。

\b
退出码：
  0  没有引入错误级别的问题
  1  本次变更引入了错误级别的问题，没有被屏蔽
  2  用法错误、版本不存在或 akq.toml 有误
  3  新的（或原有的）错误只被本次变更自己的规则设置或禁用注释屏蔽：
     须经法律审核批准""",
    """Review a catalog change: summary, new, fixed and existing findings, departments concerned, checklist.

\b
The head is linted with the base's rule settings (akq.toml); findings hidden by an akq.toml or a
suppression comment (# akq: disable=…) that the change itself adds are listed apart for legal review.

\b
Exit codes:
  0  the change introduces no error
  1  the change introduces errors that nothing hides
  2  usage error, unknown revision or a faulty akq.toml
  3  errors hidden only by the change's own rule settings or suppressions: needs legal approval""",
)


def review(
    base: Optional[str] = typer.Option(
        None, "--base",
        help=both("基线版本；默认为当前分支与 main 的分叉点。", "Base revision; default: merge base with main."),
    ),
    head: Optional[str] = typer.Option(
        None, "--head",
        help=both("变更后的版本；默认为工作区（包括未提交的修改）。", "Head revision; default: working tree."),
    ),
    format: str = typer.Option(
        "text", "--format", "-f", help=both("输出格式：text、markdown、json。", "Output format: text, markdown, json.")
    ),
    output: Optional[Path] = output_option("写到文件（例如合并请求评论）。", "Write to a file (e.g. the merge-request comment)."),
    catalog: Optional[Path] = catalog_option(),
) -> None:
    """Review a catalog change (user-facing text: HELP)."""
    # Imported here: cli.py imports every command module at start-up.
    from akq_cli.review.present import run_review

    raise typer.Exit(run_review(catalog or Path.cwd(), base, head, format, output))
