"""The site writer: large exports are written by two processes, and a failure in either names the user's path."""

from __future__ import annotations

from pathlib import Path

import pytest

from akq_cli.core.files import WriteError
from akq_cli.site.writer import PARALLEL_FROM, SiteWriter

N = PARALLEL_FROM + 100


@pytest.mark.parametrize("blocked", [5, N - 5])  # a file of the forked helper's half, and one of this process's
def test_a_failed_write_in_either_half_is_a_write_error_naming_the_file(tmp_path: Path, blocked: int) -> None:
    out = tmp_path / "site"
    (out / "d" / f"f{blocked:04d}.html" / "inside").mkdir(parents=True)  # a folder where a page should go
    writer = SiteWriter(out, force=True)
    for i in range(N):
        writer.add(f"d/f{i:04d}.html", b"<p>x</p>")
    with pytest.raises(WriteError) as caught:
        writer.commit()
    assert caught.value.path == out / "d" / f"f{blocked:04d}.html"


def test_both_halves_are_written_and_counted(tmp_path: Path) -> None:
    out = tmp_path / "site"
    writer = SiteWriter(out)
    for i in range(N):
        writer.add(f"d/f{i:04d}.html", f"<p>{i}</p>".encode())
    stats = writer.commit("k", {"items": 0, "warnings": []})
    assert (stats.written, stats.unchanged) == (N, 0)
    assert all((out / "d" / f"f{i:04d}.html").read_bytes() == f"<p>{i}</p>".encode() for i in range(N))
    again = SiteWriter(out)
    assert again.reuse("k") == {"items": 0, "warnings": []}
