"""An export of unchanged inputs builds nothing (issue 12, item 7), and anything that changes makes it build again."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import run_akq

from .conftest import git, make_repo, set_field

MARKER = ".akq-export.json"


def export(repo: Path, out: Path, *extra: str | Path) -> tuple[int, int]:
    """(written, unchanged) as the command reports them."""
    result = run_akq("export", "--catalog", repo / "catalog", "-o", out, *extra, env={"AKQ_LANG": "en"})
    assert result.code == 0, result.err
    counts = result.out.split("files (", 1)[1]
    written, unchanged = (int(part.split()[0]) for part in counts.split(", ")[:2])
    return written, unchanged


def site(out: Path) -> dict[str, bytes]:
    """The site's files; the marker is the writer's bookkeeping (modification times), not part of it."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MARKER}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    repo = make_repo(tmp_path)
    out = tmp_path / "site"
    written, unchanged = export(repo, out)
    assert written > 10 and unchanged == 0
    return repo, out


def test_unchanged_inputs_build_nothing_and_keep_every_byte(built: tuple[Path, Path]) -> None:
    repo, out = built
    before = site(out)
    marker = json.loads((out / MARKER).read_text("utf-8"))
    assert len(marker["key"]) == 40 and set(marker["files"]) == set(before)
    written, unchanged = export(repo, out)
    assert (written, unchanged) == (0, len(before))
    assert site(out) == before


def test_a_changed_item_builds_again(built: tuple[Path, Path]) -> None:
    repo, out = built
    item = next((repo / "catalog" / "items").rglob("*.yaml"))
    set_field(item, "title", "改过的标题证明")
    written, _ = export(repo, out)  # uncommitted: the working file is what the site shows
    assert written > 0
    assert any("改过的标题证明" in p.read_text("utf-8") for p in (out / "items").glob("*.html"))


def test_a_commit_outside_the_catalog_builds_again(built: tuple[Path, Path]) -> None:
    # The change log follows HEAD; a commit that touches no item may still change what it reads.
    repo, out = built
    key = json.loads((out / MARKER).read_text("utf-8"))["key"]
    (repo / "README.md").write_text("说明\n", "utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "Readme")
    export(repo, out)  # built again: the same bytes, since no page names that commit
    assert json.loads((out / MARKER).read_text("utf-8"))["key"] != key


def test_a_tampered_or_missing_output_file_is_written_again(built: tuple[Path, Path]) -> None:
    repo, out = built
    before = site(out)
    page = next((out / "items").glob("*.html"))
    page.write_text("<p>被篡改</p>", "utf-8")
    (out / "index.html").unlink()
    export(repo, out)
    assert site(out) == before


def test_a_changed_forms_folder_builds_again(built: tuple[Path, Path], tmp_path: Path) -> None:
    repo, out = built
    forms = tmp_path / "forms"
    forms.mkdir()
    export(repo, out, "--forms", forms)
    assert export(repo, out, "--forms", forms)[0] == 0
    item_id = next((out / "items").glob("*.html")).stem
    (forms / f"{item_id}.docx").write_bytes(b"PK\x03\x04 not really a form")
    assert export(repo, out, "--forms", forms)[0] > 0
    assert (out / "forms" / f"{item_id}.docx").read_bytes() == b"PK\x03\x04 not really a form"


def test_an_export_cut_short_is_never_reused(built: tuple[Path, Path]) -> None:
    repo, out = built
    marker = json.loads((out / MARKER).read_text("utf-8"))
    # What the marker says while files are being written: names only, no key.
    (out / MARKER).write_text(json.dumps({"generator": "akq export", "files": sorted(marker["files"])}), "utf-8")
    assert export(repo, out)[0] >= 0
    assert "key" in json.loads((out / MARKER).read_text("utf-8"))
    assert export(repo, out)[0] == 0


def test_a_marker_from_other_inputs_is_not_reused(built: tuple[Path, Path]) -> None:
    repo, out = built
    marker = json.loads((out / MARKER).read_text("utf-8"))
    marker["key"] = "0" * 40
    (out / MARKER).write_text(json.dumps(marker), "utf-8")
    assert export(repo, out)[0] == 0  # rebuilt (no reuse), and every byte was already right
    assert json.loads((out / MARKER).read_text("utf-8"))["key"] != "0" * 40


def test_the_archive_of_a_reused_export_is_the_same(built: tuple[Path, Path], tmp_path: Path) -> None:
    repo, out = built
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    export(repo, tmp_path / "fresh", "--archive", first)
    assert export(repo, out, "--archive", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(second) as z:
        assert MARKER not in z.namelist()


def test_warnings_are_repeated_when_the_export_is_reused(built: tuple[Path, Path]) -> None:
    repo, out = built
    item = next((repo / "catalog" / "items").rglob("*.yaml"))
    item.write_text(item.read_text("utf-8") + "\n", "utf-8")  # uncommitted: the site warns about it
    first = run_akq("export", "--catalog", repo / "catalog", "-o", out, env={"AKQ_LANG": "en"})
    second = run_akq("export", "--catalog", repo / "catalog", "-o", out, env={"AKQ_LANG": "en"})
    assert "uncommitted" in first.err
    assert first.err == second.err and "0 written" in second.out


def test_a_folder_of_the_output_swapped_for_a_symlink_is_refused(built: tuple[Path, Path], tmp_path: Path) -> None:
    # Someone with write access to the served folder points items/ elsewhere: the export must not write there.
    repo, out = built
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    item = next((repo / "catalog" / "items").rglob("*.yaml"))
    set_field(item, "title", "改过的标题证明")  # a change, so that the export writes
    for page in (out / "items").iterdir():
        page.unlink()
    (out / "items").rmdir()
    (out / "items").symlink_to(elsewhere, target_is_directory=True)
    result = run_akq("export", "--catalog", repo / "catalog", "-o", out, env={"AKQ_LANG": "en"})
    assert result.code == 2 and "outside the output folder" in result.err, result.err
    assert list(elsewhere.iterdir()) == []
    assert "Traceback" not in result.err


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_a_marker_that_is_no_regular_file_is_not_read(built: tuple[Path, Path], kind: str) -> None:
    # A symlink could point at /proc/self/environ, a FIFO would hang the read: the folder is then no export of ours.
    import os

    repo, out = built
    (out / MARKER).unlink()
    if kind == "symlink":
        (out / MARKER).symlink_to("/proc/self/environ")
    else:
        os.mkfifo(out / MARKER)
    result = run_akq("export", "--catalog", repo / "catalog", "-o", out, env={"AKQ_LANG": "en"})
    assert result.code == 2 and "is not empty and is not a previous akq export" in result.err, result.err
    assert "PATH=" not in result.out + result.err


def test_a_forged_summary_is_not_printed_nor_a_crash(built: tuple[Path, Path]) -> None:
    repo, out = built
    marker = json.loads((out / MARKER).read_text("utf-8"))
    marker["summary"] = {"items": "many", "warnings": [{"zh": 1}]}  # the right key, a summary of the wrong shape
    (out / MARKER).write_text(json.dumps(marker), "utf-8")
    result = run_akq("export", "--catalog", repo / "catalog", "-o", out, env={"AKQ_LANG": "en"})
    assert result.code == 0 and "Traceback" not in result.err, result.err
    assert json.loads((out / MARKER).read_text("utf-8"))["summary"]["items"] > 0  # built again


def test_the_key_from_the_digests_of_the_items_just_read_is_the_key_read_from_disk(tmp_path: Path) -> None:
    from akq_cli.core.catalog import load_catalog
    from akq_cli.site.fingerprint import export_key
    from akq_cli.site.gitinfo import git_info
    from akq_cli.site.sources import read_digests, read_sources

    repo = make_repo(tmp_path)
    items = repo / "catalog" / "items"
    some = sorted(items.rglob("*.yaml"))[0]
    (some.parent / "LINK-ZM-001.yaml").symlink_to(some)  # refused by the reader: enters the key by its kind
    (repo / "catalog" / "notes.txt").write_text("not an item", "utf-8")
    catalog = load_catalog(repo / "catalog", with_items=False)
    git_, top, _ = git_info(catalog.root)
    digests = read_digests(catalog, read_sources(catalog))
    assert len(digests) == len(list(items.rglob("*.yaml"))) - 1
    assert export_key(catalog.root, None, git_, top, known=digests) == export_key(catalog.root, None, git_, top)
    forged = dict.fromkeys(digests, "0" * 40)  # the digests are what the key is made of, not a hint
    assert export_key(catalog.root, None, git_, top, known=forged) != export_key(catalog.root, None, git_, top)


@pytest.mark.parametrize("name", ["a\u0000b.html", "../outside.html", "/etc/passwd", "items//x.html", "a\\b.html"])
def test_a_forged_file_name_in_the_marker_is_no_crash_and_nothing_outside(built: tuple[Path, Path], name: str) -> None:
    repo, out = built
    marker = json.loads((out / MARKER).read_text("utf-8"))
    marker["files"][name] = [1, [2, 3]]  # same key: the reuse check reads every name
    (out / MARKER).write_text(json.dumps(marker), "utf-8")
    result = run_akq("export", "--catalog", repo / "catalog", "-o", out, env={"AKQ_LANG": "en"})
    assert result.code == 0 and "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert name not in json.loads((out / MARKER).read_text("utf-8"))["files"]  # built again, without it
