"""The field registry's generated files are current, and its flags say what the policy says."""

from __future__ import annotations

import subprocess
import sys

from akq_cli.core import fields
from conftest import REPO


def test_the_committed_model_page_is_up_to_date():
    page = (REPO / "docs" / "model.md").read_text("utf-8")
    assert page == fields.model_page(), "run: python -m akq_cli.core.fields docs/model.md"


def test_model_page_check_fails_on_a_stale_page(tmp_path):
    stale = tmp_path / "model.md"
    stale.write_text(fields.model_page().replace("民事责任", "民事"), "utf-8")
    assert fields.main([str(stale), "--check"]) == 1
    assert fields.main([str(stale)]) == 0 and fields.main([str(stale), "--check"]) == 0


def test_the_committed_schemas_are_generated_from_the_registry():
    proc = subprocess.run([sys.executable, str(REPO / "schemas" / "generate.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_model_page_names_every_field():
    page = fields.model_page()
    for ancestors, f in fields.walk():
        assert f"## `{fields.path_of(ancestors, f)}` {f.zh}" in page


def test_legal_review_follows_the_flags_down_and_up():
    assert fields.legal_review("liability.civil")  # inside a flagged field
    assert fields.legal_review("commitment")  # holds proxy_allowed
    assert fields.legal_review("commitment.proxy_allowed")
    assert not fields.legal_review("commitment.method")
    assert not fields.legal_review("title")
    assert not fields.legal_review("no_such_field")


def test_every_field_says_where_it_shows():
    """Each field holding a value, or a field that encloses it, decides every output: None is a
    forgotten declaration (an object's own declaration only serves its fields)."""
    for ancestors, f in fields.walk():
        if f.fields:
            continue
        for output in ("form", "site", "column", "import_headings"):
            assert fields.place(ancestors, f, output) is not None, (fields.path_of(ancestors, f), output)
