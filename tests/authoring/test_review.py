"""akq review: the page a reviewer reads, on known changes in real git repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from akq_cli.core.loader import read_document
from akq_cli.lint.fixes import apply_edits
from conftest import CATALOG, run_akq

from .gitrepo import commit, edit, git, make_repo

SFJ1 = "catalog/items/SFJ/SFJ-ZM-001.yaml"
SFJ2 = "catalog/items/SFJ/SFJ-ZM-002.yaml"
GAJ1 = "catalog/items/GAJ/GAJ-ZM-001.yaml"
MZJ1 = "catalog/items/MZJ/MZJ-ZM-001.yaml"


def _set(repo: Path, rel: str, pointer: str, value: str) -> None:
    """Change one value in place, as a person editing the file would (comments stay)."""
    path = repo / rel
    doc = read_document(path)
    path.write_text(apply_edits(doc, {pointer: value}), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """main has three placeholders; the branch fixes one, introduces two problems, keeps two."""
    repo = make_repo(tmp_path_factory.mktemp("review"))
    _set(repo, SFJ2, "/purpose", "待填写")  # fixed by the change
    _set(repo, SFJ1, "/liability/credit", "待填写")  # stays, in a file the change touches
    _set(repo, GAJ1, "/content", "待填写")  # stays, in a file the change does not touch
    commit(repo, "三个未填写完的事项")
    git(repo, "checkout", "-q", "-b", "change")
    _set(repo, SFJ2, "/purpose", "证明申请人属于申请支付劳动报酬的进城务工人员，依法免予核查经济困难状况")
    edit(repo / SFJ1, "id: SFJ-ZM-001\n", "# 说明：本行和下一行把后面的内容下移了两行\n#\nid: SFJ-ZM-001\n")
    _set(repo, SFJ1, "/issuer", "待填写")  # introduced
    edit(repo / MZJ1, "matter_type: ", "matter_type: 许可\nx_note: ")  # introduced: enum error and unknown key
    commit(repo, "修改经济困难证明和最低生活保障事项")
    return repo


def _review(repo, *args):
    return run_akq("review", *args, cwd=repo)


def test_introduced_fixed_and_preexisting(repo):
    r = _review(repo, "--format", "json")
    assert r.code == 1, r.err
    data = json.loads(r.out)
    f = data["findings"]

    def keys(findings):
        return sorted((x["rule"], x["file"], x["pointer"]) for x in findings)

    introduced = keys(f["introduced"])
    assert ("placeholder", SFJ1, "/issuer") in introduced
    assert any(k[0] == "schema" and k[1] == MZJ1 for k in introduced)
    assert not any(k[1] in (SFJ2, GAJ1) for k in introduced)
    assert keys(f["fixed"]) == [("placeholder", SFJ2, "/purpose")]
    # moved down two lines, still the same finding: pre-existing, not introduced + fixed
    assert ("placeholder", SFJ1, "/liability/credit") in keys(f["preexisting"])
    # GAJ-ZM-001, untouched
    assert f["preexisting_elsewhere"] == 1
    assert data["blocking"] is True
    assert [d["id"] for d in data["departments"]] == ["MZJ", "SFJ"]


def test_markdown_has_every_section(repo):
    r = _review(repo, "--format", "markdown")
    assert r.code == 1
    md = r.out
    for heading in (
        "## akq review：目录清单变更审核",
        "### 涉及的部门",
        "### 事项变更",
        "### 检查结果（akq lint）",
        "#### 新引入的问题（",
        "#### 已修正的问题（1）",
        "#### 原有问题（本次修改的文件中）（",
        "### 审核清单",
    ):
        assert heading in md, heading
    assert "**结论：** ❌" in md
    assert "| 阿合奇县司法局（SFJ） | 0 | 2 | 0 | 0 |" in md
    introduced = md.split("#### 新引入的问题")[1].split("####")[0]
    fixed = md.split("#### 已修正的问题")[1].split("####")[0]
    assert f"`{SFJ1}:" in introduced and "`/issuer`" in introduced
    assert f"`{SFJ2}:" in fixed and "`/purpose`" in fixed and f"`{SFJ1}:" not in fixed
    assert "目录中其他文件另有 1 个原有问题" in md  # see test_introduced_fixed_and_preexisting
    checklist = md.split("### 审核清单")[1]
    assert "#### 修改：SFJ-ZM-001" in checklist
    assert "- [ ] ❌ 格式完整" in checklist and "- [ ] ✋ 人工核对" in checklist
    # the same bytes every time
    assert _review(repo, "--format", "markdown").out == md


def test_output_file_and_english(repo, tmp_path):
    out = tmp_path / "review.md"
    r = _review(repo, "--format", "markdown", "-o", out, "--lang", "en")
    assert r.code == 1 and r.out == ""
    text = out.read_text("utf-8")
    assert "## akq review: catalog change review" in text and "#### Introduced by this change" in text


def test_fixing_the_problems_passes(repo, tmp_path):
    import shutil

    clone = tmp_path / "clone"
    shutil.copytree(repo, clone)
    _set(clone, SFJ1, "/issuer", "申请人户籍所在地的村（居）民委员会")
    edit(clone / MZJ1, "matter_type: 许可\nx_note: ", "matter_type: ")
    r = run_akq("review", "--format", "markdown", cwd=clone)
    assert r.code == 0, r.out
    assert "**结论：** ✅" in r.out and "#### 新引入的问题（0）" in r.out and "#### 已修正的问题（1）" in r.out
    text = run_akq("review", cwd=clone)
    assert text.code == 0 and "本次变更没有引入错误级别的问题" in text.out


def test_bad_base(repo):
    r = _review(repo, "--base", "v9.9")
    assert r.code == 2 and "v9.9" in r.err and "Traceback" not in r.err


def test_broken_config_in_head(tmp_path):
    repo = make_repo(tmp_path / "r")
    (repo / "akq.toml").write_text("[lint\n", encoding="utf-8")
    r = _review(repo, "--base", "HEAD")
    assert r.code == 2 and "akq.toml:1:" in r.err


# --- the whole path of a new item -----------------------------------------------------------------

FILL = {
    "/category": "法律服务",
    "/issuer": "申请人户籍所在地或者经常居住地的村（居）民委员会、乡（镇）人民政府",
    "/purpose": "证明申请人的经济困难状况符合新疆维吾尔自治区人民政府确定的法律援助经济困难标准",
    "/legal_basis/0/document": "《中华人民共和国法律援助法》",
    "/legal_basis/0/article": "第四十一条",
    "/disclosure/scope": "在阿合奇县人民政府网站告知承诺制专栏公开",
    "/disclosure/period": "自作出决定之日起1年",
    "/verification/data_sources/0": "全国一体化在线政务服务平台",
    "/verification/timing/amount": 7,  # what `akq new` leaves to fill in of {amount, unit, from}
    "/aliases/0": "民事再审法律援助经济困难证明",  # not SFJ-ZM-001's (alias-duplicate)
}
FROM_SAMPLE = (
    "/content",
    "/conditions/0/text",
    "/conditions/0/basis",
    "/liability/civil",
    "/liability/administrative",
    "/liability/criminal",
    "/liability/credit",
    "/verification/power",
)


def test_new_item_from_scaffold_to_clean_lint_to_review(tmp_path):
    repo = make_repo(tmp_path / "r")
    r = run_akq(
        "new", "--department", "SFJ", "--kind", "certification", "--title", "经济困难证明",
        "--matter", "申请法律援助（民事再审案件）", "--no-input", cwd=repo,
    )
    assert r.code == 0, r.err
    rel = r.out.strip()
    path = repo / rel
    assert run_akq("lint", path, cwd=repo).code == 1  # placeholders left

    sample = read_document(CATALOG / "items/SFJ/SFJ-ZM-001.yaml").root
    edits = dict(FILL)
    edits.update({p: sample.at(p).value for p in FROM_SAMPLE})
    path.write_text(apply_edits(read_document(path), edits), encoding="utf-8")
    edit(path, "status: draft", "status: submitted")

    lint = run_akq("lint", cwd=repo)
    assert lint.code == 0, lint.out
    assert not [n for n in read_document(path).root.strings() if "待填写" in n.value]
    assert "# 证明用途" in path.read_text("utf-8")  # the scaffold's comments are still there
    assert run_akq("fmt", "--check", path, cwd=repo).code == 0

    review = run_akq("review", "--format", "markdown", cwd=repo)
    assert review.code == 0, review.out
    md = review.out
    assert "#### 新增：" + path.stem + " 经济困难证明 ⚖️ 需法律审核" in md
    checklist = md.split("### 审核清单")[1]
    assert f"#### 新增：{path.stem} 经济困难证明" in checklist
    assert "❌" not in checklist
    assert checklist.count("- [x] ✅") >= 7
    assert "| 阿合奇县司法局（SFJ） | 1 | 0 | 0 | 0 |" in md
    data = json.loads(run_akq("review", "--format", "json", cwd=repo).out)
    assert [(i["status"], i["id"]) for i in data["diff"]["items"]] == [("added", path.stem)]
