"""`akq render` as county staff meet it: choosing items, bad input, refusals, where files land."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from conftest import run_akq

from .conftest import RENDER_CATALOG


def item_path(catalog: Path, item_id: str) -> Path:
    return next(catalog.glob(f"items/*/{item_id}.yaml"))


def test_ids_and_paths_choose_items(render_catalog, tmp_path):
    out = tmp_path / "out"
    draft = item_path(render_catalog, "SCJ-XK-902")
    result = run_akq("render", "SFJ-ZM-901", str(draft), "-o", out, cwd=render_catalog)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["SCJ-XK-902.docx", "SFJ-ZM-901.docx"]
    assert "已生成 2 份告知承诺书" in result.err


def test_a_folder_renders_every_item_in_it(render_catalog, tmp_path):
    out = tmp_path / "out"
    result = run_akq("render", str(render_catalog / "items" / "SCJ"), "-o", out, cwd=tmp_path)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["SCJ-XK-901.docx", "SCJ-XK-902.docx", "SCJ-ZM-901.docx"]


def test_unknown_id_is_a_usage_error(tmp_path):
    result = run_akq("render", "SFJ-ZM-999", "-o", tmp_path / "out", cwd=RENDER_CATALOG)
    assert result.code == 2
    assert "没有找到“SFJ-ZM-999”" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_english_messages(tmp_path):
    result = run_akq("render", "NOPE-1", "-o", tmp_path / "out", "--lang", "en", cwd=RENDER_CATALOG)
    assert result.code == 2 and "'NOPE-1' not found" in result.err


def test_bad_options_exit_2(tmp_path):
    for args in (["--format", "odt"], ["--jobs", "0"], []):
        extra = [] if args == [] else ["-o", str(tmp_path / "out")]
        result = run_akq("render", *args, *extra, cwd=RENDER_CATALOG)
        assert result.code == 2, (args, result.err)
        assert "Traceback" not in result.err
    assert "--format odt" in run_akq("render", "--format", "odt", "-o", tmp_path, cwd=RENDER_CATALOG).err


def test_output_must_be_a_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_akq("render", "-o", blocker, cwd=RENDER_CATALOG)
    assert result.code == 2 and "不是目录" in result.err


def test_outside_a_catalog(tmp_path):
    result = run_akq("render", "-o", tmp_path / "out", cwd=tmp_path)
    assert result.code == 2 and "catalog/catalog.yaml" in result.err


def test_item_with_lint_errors_is_refused_then_forced(render_catalog, tmp_path):
    item = item_path(render_catalog, "SFJ-ZM-901")
    text = item.read_text("utf-8")
    item.write_text(text.replace("  civil: 申请人以不实承诺办理备案", "  civil: ''\n  civil_note: 申请人以不实承诺办理备案"), "utf-8")
    out = tmp_path / "out"
    refused = run_akq("render", "-o", out, cwd=render_catalog)
    assert refused.code == 1
    assert "SFJ-ZM-901：有" in refused.err and "未生成告知承诺书" in refused.err and "--force" in refused.err
    # Which rule, and where: file:line:column.
    assert "items/SFJ/SFJ-ZM-901.yaml:" in refused.err and "[schema]" in refused.err
    assert not (out / "SFJ-ZM-901.docx").exists()
    assert (out / "SCJ-XK-901.docx").exists()  # the others are still written
    forced = run_akq("render", "-o", out, "--force", cwd=render_catalog)
    assert forced.code == 0, forced.err
    assert "已按 --force 生成" in forced.err
    assert (out / "SFJ-ZM-901.docx").exists()


def test_broken_reference_is_refused(render_catalog, tmp_path):
    item = item_path(render_catalog, "SCJ-XK-901")
    item.write_text(item.read_text("utf-8").replace("  - SCJ-ZM-901\n", "  - SCJ-ZM-999\n"), "utf-8")
    result = run_akq("render", "SCJ-XK-901", "-o", tmp_path / "out", cwd=render_catalog)
    assert result.code == 1
    assert "SCJ-ZM-999" in result.err


def test_unreadable_item_is_refused_even_with_force(render_catalog, tmp_path):
    bad = render_catalog / "items" / "SFJ" / "SFJ-ZM-902.yaml"
    bad.write_text("id: [unclosed\n", "utf-8")
    result = run_akq("render", str(bad), "-o", tmp_path / "out", "--force", cwd=render_catalog)
    assert result.code == 1
    assert "items/SFJ/SFJ-ZM-902.yaml:" in result.err and "[yaml-syntax]" in result.err


def test_output_never_leaves_the_folder(render_catalog, tmp_path):
    """An id that climbs directories (accepted only with --force) still lands inside -o DIR."""
    item = item_path(render_catalog, "SFJ-ZM-901")
    item.write_text(item.read_text("utf-8").replace("id: SFJ-ZM-901", "id: ../../escaped"), "utf-8")
    out = tmp_path / "deep" / "out"
    result = run_akq("render", str(item), "-o", out, "--force", cwd=render_catalog)
    assert result.code == 0, result.err
    assert [p.name for p in out.iterdir()] == ["escaped.docx"]
    assert not list(tmp_path.glob("*.docx")) and not (tmp_path / "escaped.docx").exists()


def test_existing_files_are_replaced_and_nothing_is_left_behind(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / "SFJ-ZM-901.docx"
    stale.write_bytes(b"old")
    keep = out / "notes.txt"
    keep.write_text("mine")
    result = run_akq("render", "-o", out, cwd=RENDER_CATALOG)
    assert result.code == 0, result.err
    assert stale.read_bytes().startswith(b"PK")
    assert keep.read_text() == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["SCJ-XK-901.docx", "SCJ-ZM-901.docx", "SFJ-ZM-901.docx", "notes.txt"]


def test_pdf_without_libreoffice_says_so(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(sys.executable, bin_dir / "python3")
    result = run_akq("render", "-f", "pdf", "-o", tmp_path / "out", cwd=RENDER_CATALOG, env={"PATH": str(bin_dir)})
    assert result.code == 2
    assert "LibreOffice" in result.err and "libreoffice-writer-nogui" in result.err
    assert not (tmp_path / "out").exists()


def test_progress_bar_and_summary_for_many_items(render_catalog, tmp_path):
    source = item_path(render_catalog, "SFJ-ZM-901")
    for n in range(2, 9):
        copy = source.with_name(f"SFJ-ZM-90{n}.yaml") if n < 10 else None
        # a distinct matter each: copies with the same title and matter are `duplicate` errors, which render refuses
        text = source.read_text("utf-8").replace("SFJ-ZM-901", copy.stem)
        copy.write_text(text.replace("\nmatter: ", f"\nmatter: 第{n}项", 1), "utf-8")
    out = tmp_path / "out"
    result = run_akq("render", "-o", out, "--jobs", "2", cwd=render_catalog)
    assert result.code == 0, result.err
    assert "生成告知承诺书" in result.err and "10/10" in result.err
    assert "已生成 10 份告知承诺书（DOCX 10）" in result.err
    assert len(list(out.glob("*.docx"))) == 10
    shutil.rmtree(out)


FAKE_SOFFICE = """#!{python}
# Stands in for LibreOffice: writes "%PDF" files for the documents named, or fails when told to.
import os, sys
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
docs = [a for a in args if a.endswith(".docx")]
Path(os.environ["FAKE_SOFFICE_LOG"]).open("a").write(" ".join(args) + "\\n")
if os.environ.get("FAKE_SOFFICE_FAIL"):
    sys.exit("fake soffice: conversion failed")
for doc in docs:
    assert Path(doc).read_bytes().startswith(b"PK")
    (out / (Path(doc).stem + ".pdf")).write_bytes(b"%PDF-1.7 fake")
"""


def fake_soffice(tmp_path: Path) -> tuple[dict[str, str], Path]:
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable))
    script.chmod(0o755)
    log = tmp_path / "soffice.log"
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "FAKE_SOFFICE_LOG": str(log)}, log


def test_pdf_only_leaves_no_word_files_and_batches_per_job(tmp_path):
    env, log = fake_soffice(tmp_path)
    out = tmp_path / "out"
    result = run_akq("render", "-f", "pdf", "-o", out, "--jobs", "2", cwd=RENDER_CATALOG, env=env)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["SCJ-XK-901.pdf", "SCJ-ZM-901.pdf", "SFJ-ZM-901.pdf"]
    calls = log.read_text().splitlines()
    assert len(calls) == 2  # one soffice per job, each converting a batch
    # Each call has its own profile, and asks for PDF/A-2b.
    profiles = {next(a for a in c.split() if a.startswith("-env:UserInstallation=")) for c in calls}
    assert len(profiles) == 2
    assert all('"SelectPdfVersion":{"type":"long","value":"2"}' in c for c in calls)
    assert "PDF 3" in result.err


def test_failed_conversion_is_reported(tmp_path):
    env, _ = fake_soffice(tmp_path)
    out = tmp_path / "out"
    result = run_akq("render", "SFJ-ZM-901", "-f", "docx,pdf", "-o", out, cwd=RENDER_CATALOG, env={**env, "FAKE_SOFFICE_FAIL": "1"})
    assert result.code == 1
    assert "SFJ-ZM-901：LibreOffice 没有生成 PDF" in result.err and "conversion failed" in result.err
    assert [p.name for p in out.iterdir()] == ["SFJ-ZM-901.docx"]


def test_unwritable_output_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run_akq("render", "-o", tmp_path / "file" / "forms", cwd=RENDER_CATALOG)
    assert result.code == 2
    assert "无法写入输出目录" in result.err and "Traceback" not in result.err


def test_a_withdrawn_item_makes_no_form_and_says_why(render_catalog, tmp_path):
    path = item_path(render_catalog, "SFJ-ZM-901")
    text = path.read_text("utf-8").replace("status: published", "status: withdrawn\nstatus_since: 2026-07-01\n"
                                           "status_reason: 可以通过部门间信息共享核查。")
    assert text != path.read_text("utf-8")
    path.write_text(text, "utf-8")
    out = tmp_path / "out"
    result = run_akq("render", "SFJ-ZM-901", "SCJ-XK-902", "-o", out, cwd=render_catalog)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["SCJ-XK-902.docx"]
    assert "SFJ-ZM-901：状态为“已取消”（自 2026-07-01 起），不生成告知承诺书" in result.err
    alone = run_akq("render", "SFJ-ZM-901", "-o", tmp_path / "alone", cwd=render_catalog)
    assert alone.code == 0 and "不生成告知承诺书" in alone.err and "没有状态为 published" not in alone.err
