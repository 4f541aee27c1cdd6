"""`akq export --archive`: one zip for a shared platform (集约化平台), the same bytes on every run."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from conftest import run_akq

from .conftest import make_repo


def test_archive_holds_the_site_and_its_manifest(tmp_path: Path, history_repo: Path, forms_dir: Path) -> None:
    out, zipped = tmp_path / "site", tmp_path / "upload" / "gzcn.zip"
    result = run_akq("export", "--catalog", history_repo / "catalog", "-o", out, "--forms", forms_dir, "--archive", zipped)
    assert result.code == 0, result.err
    assert "已打包" in result.out
    on_disk = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    del on_disk[".akq-export.json"]  # the writer's own bookkeeping, not part of the site
    with zipfile.ZipFile(zipped) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names[0] == "SHA256SUMS" and names[1:] == sorted(on_disk)
        packed = {n: z.read(n) for n in names[1:]}
        manifest = z.read("SHA256SUMS").decode()
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert packed == on_disk
    listed = dict(reversed(line.split("  ", 1)) for line in manifest.splitlines())
    assert listed == {rel: hashlib.sha256(data).hexdigest() for rel, data in on_disk.items()}
    assert "index.html" in listed and "forms/SFJ-ZM-001.pdf" in listed


def test_archive_is_byte_identical_across_runs(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    assert run_akq("export", "--catalog", repo / "catalog", "-o", tmp_path / "a", "--archive", first).code == 0
    assert run_akq("export", "--catalog", repo / "catalog", "-o", tmp_path / "b", "--archive", second).code == 0
    assert first.read_bytes() == second.read_bytes()


def test_archive_refused_inside_the_output_or_the_catalog(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    for inside in (tmp_path / "site" / "site.zip", repo / "catalog" / "site.zip"):
        result = run_akq("export", "--catalog", repo / "catalog", "-o", tmp_path / "site", "--archive", inside)
        assert result.code == 2 and "zip" in result.err and "之内" in result.err, result.err
        assert not inside.exists()
