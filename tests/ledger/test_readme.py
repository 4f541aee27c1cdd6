"""The README's end-to-end path (issue 13 "Done when"), run line by line on both backends:
init → record → due shows the deadline → verify 不实 → decision → check refuses with reason and repair date →
report shows the counts. Nothing it prints shows an ID number unmasked."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from conftest import REPO, run_akq
from ledger.conftest import Backend, id_number

ID = id_number("65302319900307457")


def readme_commands() -> list[tuple[list[str], int]]:
    text = (REPO / "README.md").read_text("utf-8")
    block = text.split("<!-- ledger-e2e -->", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        if not line.startswith("akq "):
            continue
        command, _, comment = line.partition("#")
        commands.append((shlex.split(command)[1:], 1 if "退出码 1" in comment else 0))
    return commands


def test_the_readme_path_works(backend: Backend, catalog_repo: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "身份证号.txt").write_text(ID + "\n", "utf-8")
    env = {"AKQ_LEDGER": backend.ledger, "AKQ_ACTOR": "tester"}
    outputs = {}
    commands = readme_commands()
    assert [c[0][:2] for c in commands][:6] == [["ledger", "init"], ["ledger", "record"], ["ledger", "due"],
                                                ["ledger", "verify"], ["ledger", "decide"], ["ledger", "check"]]
    for args, expected in commands:
        # --id-file names a file in the working folder; --catalog points at the repository copy.
        args = [str(work / a) if a == "身份证号.txt" else a for a in args]
        extra = ["--catalog", str(catalog_repo)] if args[0] == "report" or args[1] in ("record",) else []
        result = run_akq(*args, *extra, cwd=catalog_repo, env=env)
        assert result.code == expected, (args, result.out, result.err)
        outputs[" ".join(args[:2])] = result.out + result.err
    assert "6530232026110200001" in outputs["ledger record"]
    assert "2026-11-23" in outputs["ledger record"] and "2026-11-23" in outputs["ledger due"]
    check = outputs["ledger check"]
    assert "不可以" in check and "阿民决〔2026〕1号" in check and "隐瞒家庭成员务工收入" in check
    assert "2027-02-18" in check  # 一般失信信息: three months after the decision of 2026-11-18
    report = outputs["report --as-of"]
    assert "告知承诺台账统计" in report
    json_report = run_akq("report", "--as-of", "2026-11-30", "--format", "json", "--catalog", str(catalog_repo),
                          cwd=catalog_repo, env=env)
    county = json.loads(json_report.out)["ledger"]["departments"]
    assert county == [{**county[0], "department": "MZJ", "cases": 1, "commitments": 1, "false": 1, "withdrawn": 0}]
    everything = "\n".join(outputs.values()) + json_report.out
    assert ID not in everything
    assert not re.search(r"(?<!\d)\d{17}[\dX](?![\dX])", everything)
