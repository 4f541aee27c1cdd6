"""The QR code on each form: the item's public page and the version in which THAT item last changed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp  # a dev dependency: decodes the QR code from the PDF page

from akq_cli.render import qr
from akq_cli.render.pdf import convert, find_soffice
from conftest import require_tool, run_akq

from .conftest import RENDER_CATALOG, part

BASE = "https://www.xjahq.gov.cn/gzcnz/"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip


def git(repo: Path, *args: str, date: str = "2026-05-04T10:00:00+08:00") -> str:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True).stdout


def item_file(catalog: Path, item_id: str) -> Path:
    return next(catalog.glob(f"items/*/{item_id}.yaml"))


def version_of(repo: Path, path: Path) -> str:
    commit, day = git(repo, "log", "-1", "--format=%H %cs", "--", str(path.relative_to(repo))).split()
    return f"{day}-{commit[:8]}"


def link_in(docx: Path) -> str:
    """The link the form's QR picture carries, as its description says it."""
    document = part(docx, "word/document.xml")
    start = document.index("扫码查看本事项网页：") + len("扫码查看本事项网页：")
    return document[start : document.index('"', start)].replace("&amp;", "&")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The render fixture catalog in a git repository of its own: one commit, then one changing SFJ-ZM-901."""
    top = tmp_path / "repo"
    shutil.copytree(RENDER_CATALOG, top / "catalog")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "catalog")
    item = item_file(top / "catalog", "SFJ-ZM-901")
    item.write_text(item.read_text("utf-8").replace("连续执业满3年。", "连续执业满5年。"), "utf-8")
    git(top, "commit", "-qam", "SFJ-ZM-901: 5 years", date="2026-06-01T10:00:00+08:00")
    return top


def test_each_form_links_its_page_and_the_version_its_own_item_last_changed_in(repo, tmp_path):
    catalog = repo / "catalog"
    out = tmp_path / "out"
    assert run_akq("render", "-o", out, cwd=catalog).code == 0
    sfj, scj = item_file(catalog, "SFJ-ZM-901"), item_file(catalog, "SCJ-ZM-901")
    assert version_of(repo, sfj) != version_of(repo, scj)
    assert link_in(out / "SFJ-ZM-901.docx") == f"{BASE}items/SFJ-ZM-901.html?v={version_of(repo, sfj)}"
    assert link_in(out / "SCJ-ZM-901.docx") == f"{BASE}items/SCJ-ZM-901.html?v={version_of(repo, scj)}"
    assert version_of(repo, sfj).startswith("2026-06-01-")
    # A commit that changes another item leaves this form byte for byte as it was: not the catalog's head.
    other = item_file(catalog, "SCJ-XK-901")
    other.write_text(other.read_text("utf-8") + "\n", "utf-8")
    git(repo, "commit", "-qam", "SCJ-XK-901 only", date="2026-07-01T10:00:00+08:00")
    again = tmp_path / "again"
    assert run_akq("render", "-o", again, cwd=catalog).code == 0
    assert (again / "SFJ-ZM-901.docx").read_bytes() == (out / "SFJ-ZM-901.docx").read_bytes()
    assert link_in(again / "SCJ-XK-901.docx").endswith(f"?v={version_of(repo, other)}")
    # Uncommitted edits: no commit holds the form's text, so the link names no version.
    sfj.write_text(sfj.read_text("utf-8").replace("连续执业满5年。", "连续执业满4年。"), "utf-8")
    dirty = tmp_path / "dirty"
    assert run_akq("render", "-o", dirty, cwd=catalog).code == 0
    assert link_in(dirty / "SFJ-ZM-901.docx") == f"{BASE}items/SFJ-ZM-901.html"


def test_outside_git_the_link_has_no_version(render_catalog, tmp_path):
    assert qr.versions(render_catalog, {"SFJ-ZM-901": item_file(render_catalog, "SFJ-ZM-901")}) == {}
    out = tmp_path / "out"
    assert run_akq("render", "-o", out, cwd=render_catalog).code == 0
    assert link_in(out / "SFJ-ZM-901.docx") == f"{BASE}items/SFJ-ZM-901.html"


def test_a_draft_has_no_page_and_no_qr_code(render_catalog, tmp_path):
    out = tmp_path / "out"
    assert run_akq("render", "SCJ-XK-902", "-o", out, cwd=render_catalog).code == 0  # status: draft
    assert "<w:drawing>" not in part(out / "SCJ-XK-902.docx", "word/document.xml")


def test_no_site_address_no_qr_code(render_catalog, tmp_path):
    meta = render_catalog / "catalog.yaml"
    meta.write_text(meta.read_text("utf-8").replace("  base_url: https://www.xjahq.gov.cn/gzcnz/\n", ""), "utf-8")
    out = tmp_path / "out"
    assert run_akq("render", "-o", out, cwd=render_catalog).code == 0
    assert "<w:drawing>" not in part(out / "SFJ-ZM-901.docx", "word/document.xml")
    with pytest.raises(KeyError):
        part(out / "SFJ-ZM-901.docx", "word/media/akq-qr.png")


def test_same_link_same_png():
    assert qr.png(f"{BASE}items/X-1.html?v=2026-01-01-0123abcd") == qr.png(f"{BASE}items/X-1.html?v=2026-01-01-0123abcd")
    assert qr.png(f"{BASE}items/X-1.html") != qr.png(f"{BASE}items/X-2.html")
    published = {"id": "A-1", "status": "published"}
    assert qr.link({"site": {"base_url": "https://e.org/x"}}, published, None) == "https://e.org/x/items/A-1.html"
    assert qr.link({}, published, "v") == ""
    # No public page, no code: a draft, an id the site leaves out.
    assert qr.link({"site": {"base_url": "https://e.org/"}}, {**published, "status": "draft"}, "v") == ""
    assert qr.link({"site": {"base_url": "https://e.org/"}}, {**published, "id": "../x"}, "v") == ""


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5) file as pdftoppm -gray writes it."""
    data = path.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and fields[3] == b"255", fields
    return int(fields[1]), int(fields[2]), data[pos + 1 :]


@pytest.mark.system
def test_qr_code_decodes_from_the_pdf_page(repo, tmp_path):
    """What a clerk's phone sees: LibreOffice's PDF, page 1 as an image, the QR code read back."""
    require_tool("soffice", why="the QR code is read from LibreOffice's PDF")
    require_tool("pdftoppm", why="poppler-utils turns the PDF page into an image")
    catalog = repo / "catalog"
    out = tmp_path / "out"
    assert run_akq("render", "SFJ-ZM-901", "-o", out, cwd=catalog).code == 0
    pdf = convert(find_soffice() or "soffice", [out / "SFJ-ZM-901.docx"], out)[out / "SFJ-ZM-901.docx"]
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    width, height, pixels = read_pgm(next(tmp_path.glob("page*.pgm")))
    found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (height, width)))
    expected = f"{BASE}items/SFJ-ZM-901.html?v={version_of(repo, item_file(catalog, 'SFJ-ZM-901'))}"
    assert [b.text for b in found] == [expected]
    # Top right, in the top margin: above the first line of text (37 mm of 297 from the top).
    (barcode,) = found
    assert barcode.position.top_left.x > width * 0.7 and barcode.position.bottom_left.y < height * 37 / 297
