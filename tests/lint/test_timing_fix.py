"""`akq lint --fix` restates an old free-text verification deadline as the mapping it plainly says."""

from __future__ import annotations

from pathlib import Path

from conftest import CATALOG, run_akq

OLD = "  timing: {amount: 15, unit: workday, from: accepted}\n"


def test_fix_writes_the_mapping_and_leaves_unclear_text_for_a_person(tmp_path: Path) -> None:
    item = tmp_path / "MZJ-ZM-001.yaml"
    text = (CATALOG / "items/MZJ/MZJ-ZM-001.yaml").read_text("utf-8")
    assert OLD in text
    item.write_text(text.replace(OLD, "  # 条例规定的期限\n  timing: 受理后15个工作日内\n"), "utf-8")
    unclear = tmp_path / "MZJ-ZM-002.yaml"
    unclear.write_text(
        (CATALOG / "items/MZJ/MZJ-ZM-002.yaml").read_text("utf-8").replace(OLD, "  timing: 受理期限终止之日起30日内\n"), "utf-8"
    )
    result = run_akq("lint", "--fix", item, unclear, cwd=tmp_path)
    fixed = item.read_text("utf-8")
    assert "  # 条例规定的期限\n" + OLD in fixed  # one line, as akq fmt writes it, the comment kept
    assert run_akq("fmt", "--check", item, cwd=tmp_path).code == 0
    assert "受理期限终止之日起30日内" in unclear.read_text("utf-8")
    assert result.code == 1 and "timing-unreadable" in result.out and "MZJ-ZM-001" not in result.out
