"""LibreOffice is not trusted to work first time, and its PDFs do not depend on when they were made."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, require_tool, run_akq

# A stand-in for soffice: crashes (as LibreOffice does on a fresh install) the first time it is
# run, then writes a small PDF for each DOCX; it logs each profile it was given.
FAKE_SOFFICE = """#!{python}
import pathlib, sys
log = pathlib.Path({log!r})
args = sys.argv[1:]
profile = next(a for a in args if a.startswith("-env:UserInstallation="))
first = not log.exists()
with log.open("a") as fh:
    fh.write(profile + "\\n")
if first:
    sys.stderr.write("Fatal exception: Signal 6\\nStack:\\n#0 libuno_sal.so.3\\n")
    sys.exit(134)
out = pathlib.Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
for a in args:
    if a.endswith(".docx"):
        (out / (pathlib.Path(a).stem + ".pdf")).write_bytes(b"%PDF-1.6\\n%%EOF\\n")
"""


def _fake_soffice(tmp_path: Path) -> tuple[dict[str, str], Path]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "soffice.log"
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log)), "utf-8")
    script.chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}, log


def test_a_crash_is_retried_once_with_a_fresh_profile(tmp_path):
    env, log = _fake_soffice(tmp_path)
    out = tmp_path / "out"
    r = run_akq("render", "SFJ-ZM-001", "RSJ-XK-001", "--format", "pdf", "-j", "1", "-o", out, cwd=REPO, env=env)
    assert r.code == 0, r.err
    assert sorted(p.name for p in out.iterdir()) == ["RSJ-XK-001.pdf", "SFJ-ZM-001.pdf"]
    profiles = log.read_text("utf-8").split()
    assert len(profiles) == 2 and profiles[0] != profiles[1]  # the crashed run's profile is not reused


def test_a_crash_on_the_retry_too_is_reported(tmp_path):
    env, log = _fake_soffice(tmp_path)
    script = Path(env["PATH"].split(os.pathsep)[0]) / "soffice"
    script.write_text(script.read_text("utf-8").replace("if first:", "if True:"), "utf-8")
    r = run_akq("render", "SFJ-ZM-001", "--format", "pdf", "-o", tmp_path / "out", cwd=REPO, env=env)
    assert r.code == 1 and "SFJ-ZM-001" in r.err and "Traceback" not in r.err
    assert len(log.read_text("utf-8").split()) == 2  # once, and once more: no endless retrying


def _offsets_hold(pdf: bytes) -> bool:
    """Every cross-reference entry points at its object: the rewrite moved nothing out of place."""
    table = re.search(rb"\nxref\r?\n0 (\d+)\r?\n", pdf)
    assert table is not None
    for n in range(int(table.group(1))):
        entry = pdf[table.end() + 20 * n : table.end() + 20 * n + 20]
        if entry[17:18] == b"n" and not pdf[int(entry[:10]) :].startswith(b"%d 0 obj" % n):
            return False
    start = int(re.search(rb"startxref\r?\n(\d+)", pdf).group(1))  # type: ignore[union-attr]
    return pdf[start : start + 4] == b"xref"


def test_two_renders_give_the_same_pdf_bytes(tmp_path):
    require_tool("soffice", why="the PDFs are made by LibreOffice")
    # A committed copy of the sample catalog in its own repository: the form's QR link carries the version of the
    # item's last commit, and the suite's other tests must not be able to touch the repository it is read from.
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "catalog", repo / "catalog")
    env = {**os.environ, "GIT_AUTHOR_NAME": "县司法局", "GIT_AUTHOR_EMAIL": "sfj@example.invalid",
           "GIT_COMMITTER_NAME": "县司法局", "GIT_COMMITTER_EMAIL": "sfj@example.invalid",
           "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+08:00", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+08:00"}
    for args in (["init", "-q", "-b", "main"], ["add", "catalog"], ["commit", "-q", "-m", "Sample catalog"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        r = run_akq("render", "SFJ-ZM-001", "--format", "pdf", "-o", out, cwd=repo)
        assert r.code == 0, r.err
        outputs.append((out / "SFJ-ZM-001.pdf").read_bytes())
    assert outputs[0] == outputs[1]
    pdf = outputs[0]
    assert _offsets_hold(pdf)
    assert b"/CreationDate(D:20220101000000" in pdf  # the item's effective date, not the time of the run
    assert b"<xmp:CreateDate>2022-01-01T00:00:00Z</xmp:CreateDate>" in pdf
