"""The site writer: any process may write (forked helpers write the pages they render), a failure in a helper names
the user's path, a folder that was empty gets its files created in place, and an export cut short is cleaned up."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest

from akq_cli.core.files import TMP_PREFIX, WriteError
from akq_cli.site.helpers import Helpers
from akq_cli.site.writer import MARKER, ExportRefused, SiteWriter, Stats

N = 400


def _commit(writer: SiteWriter, files: dict[str, bytes], *marker: object) -> Stats:
    """What akq export does with the files this process made: name them, write them, record them."""
    writer.plan(files)
    return writer.finish(writer.put(files), *marker)


def _pages(n: int = N) -> dict[str, bytes]:
    return {f"d/f{i:04d}.html": f"<p>{i}</p>".encode() for i in range(n)}


def test_a_failed_write_in_a_forked_helper_is_a_write_error_naming_the_file(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "d" / "f0005.html" / "inside").mkdir(parents=True)  # a folder where a page should go
    writer = SiteWriter(out, force=True)
    pages = _pages()
    writer.plan(pages)
    jobs = Helpers(True)
    result = jobs.start(lambda: writer.put(pages))
    try:
        with pytest.raises(WriteError) as caught:
            result()
    finally:
        jobs.close()
    assert caught.value.path == out / "d" / "f0005.html"


def test_pages_written_by_a_helper_and_by_this_process_are_one_export(tmp_path: Path) -> None:
    out = tmp_path / "site"
    writer = SiteWriter(out)
    pages = _pages()
    first = dict(list(pages.items())[: N // 2])
    rest = dict(list(pages.items())[N // 2:])
    writer.plan(pages)
    jobs = Helpers(True)
    result = jobs.start(lambda: writer.put(first))
    try:
        written = {**writer.put(rest), **result()}
    finally:
        jobs.close()
    stats = writer.finish(written, "k", {"items": 0, "warnings": []})
    assert (stats.written, stats.unchanged) == (N, 0)
    assert all((out / rel).read_bytes() == data for rel, data in pages.items())
    assert SiteWriter(out).reuse("k") == {"items": 0, "warnings": []}


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002, 0o027])
def test_a_folder_that_was_empty_gets_readable_files_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    out = tmp_path / "site"
    out.mkdir()
    old = os.umask(umask)  # the umask akq is started with
    try:
        writer = SiteWriter(out)
        assert writer.fresh
        _commit(writer, _pages(3), "k", {"items": 0, "warnings": []})
    finally:
        os.umask(old)
    for page in (out / "d").iterdir():
        assert stat.S_IMODE(page.stat().st_mode) == 0o644
    assert not [p for p in out.rglob("*") if p.name.startswith(TMP_PREFIX)]
    assert os.umask(old) == old  # left as it was


def test_forced_into_a_folder_with_files_compares_and_replaces_them(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "d").mkdir(parents=True)
    (out / "d" / "f0000.html").write_bytes(b"<p>0</p>")  # the same bytes: left alone
    (out / "d" / "f0001.html").write_bytes(b"old")  # other bytes: replaced
    (out / "d" / "f0002.html").symlink_to(tmp_path / "elsewhere")  # a link: replaced, never written through
    writer = SiteWriter(out, force=True)
    assert not writer.fresh
    stats = _commit(writer, _pages(3))
    assert (stats.written, stats.unchanged) == (2, 1)
    assert (out / "d" / "f0001.html").read_bytes() == b"<p>1</p>"
    assert not (out / "d" / "f0002.html").is_symlink() and not (tmp_path / "elsewhere").exists()


def test_an_export_cut_short_is_recognised_and_its_files_removed_next_time(tmp_path: Path) -> None:
    out = tmp_path / "site"
    writer = SiteWriter(out)
    pages = _pages(4)
    writer.plan(pages)
    writer.put(dict(list(pages.items())[:2]))  # then the process is killed: no finish
    marker = json.loads((out / MARKER).read_text("utf-8"))
    assert sorted(marker["files"]) == sorted(pages) and "key" not in marker
    again = SiteWriter(out)  # not refused: the marker says the folder is ours
    assert again.reuse("k") is None
    stats = _commit(again, {"d/f0003.html": b"<p>3</p>"}, "k", {"items": 0, "warnings": []})
    assert stats.removed == 2
    assert sorted(p.name for p in (out / "d").iterdir()) == ["f0003.html"]


def test_a_refusal_raised_in_a_helper_crosses_back_whole() -> None:
    refused = ExportRefused({"zh": "拒绝", "en": "refused"})
    assert pickle.loads(pickle.dumps(refused)).texts == {"zh": "拒绝", "en": "refused"}
