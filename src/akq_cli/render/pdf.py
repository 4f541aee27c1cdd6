"""DOCX -> PDF/A-2b through LibreOffice (soffice --headless).

One soffice process converts a whole batch (start-up costs seconds, a page
milliseconds). Each process gets its own throw-away profile: two conversions
sharing one profile silently drop PDFs. The fontconfig alias file shipped in
templates/fonts/ maps the official Chinese font names onto the free fonts that
are installed, so that title, headings and body keep their distinct faces.

LibreOffice crashes now and then, most often on the first start of a fresh
install: files a run did not convert get one more run with a fresh profile
before they are reported.  Its PDFs carry the time of conversion (Info
dictionary, XMP) and a random document ID; ``settle`` replaces them, byte for
byte in place so that no offset moves, with the form's own date and an ID
derived from the content, so that converting an unchanged form gives the same
bytes and an unchanged `akq export` writes nothing.  Plain bytes work, with no
PDF library at run time: LibreOffice writes these fields uncompressed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from akq_cli.core.resources import resource_dir

# SelectPdfVersion 2 = PDF/A-2b, which archives accept (LibreOffice 7.4+ takes JSON filter options).
PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
TIMEOUT_BASE_S = 120
TIMEOUT_PER_FILE_S = 10


class PdfError(Exception):
    pass


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def fonts_conf(folder: Path) -> Path:
    """A fontconfig file: the project's aliases first, then the system configuration."""
    aliases = resource_dir("templates") / "fonts" / "akq-fonts.conf"
    conf = folder / "fonts.conf"
    includes = [f'<include ignore_missing="yes">{aliases}</include>']
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    includes.append(f'<include ignore_missing="yes">{system}</include>')
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>{''.join(includes)}</fontconfig>\n",
        "utf-8",
    )
    return conf


def convert(soffice: str, docx_files: Sequence[Path], out_dir: Path) -> dict[Path, Path]:
    """Convert a batch in one soffice run; returns docx -> pdf for those that came out.

    Files missing after the first run (LibreOffice crashed) are converted once
    more with a fresh profile. A file LibreOffice could not convert is simply
    absent from the result: the caller reports it. Raises PdfError when soffice
    itself fails or hangs.
    """
    if not docx_files:
        return {}
    out_dir.mkdir(parents=True, exist_ok=True)
    results, failure = _run(soffice, docx_files, out_dir)
    missing = [d for d in docx_files if d not in results]
    if missing and not isinstance(failure, subprocess.TimeoutExpired):  # a hang would only hang again
        again, failure = _run(soffice, missing, out_dir)
        results.update(again)
    if not results and failure is not None:
        if isinstance(failure, subprocess.TimeoutExpired):
            raise PdfError(f"LibreOffice timed out after {failure.timeout:.0f} s")
        raise PdfError(str(failure))
    for docx, pdf in results.items():
        settle(pdf, form_date(docx))
    return results


def _run(soffice: str, docx_files: Sequence[Path], out_dir: Path) -> tuple[dict[Path, Path], Exception | str | None]:
    """One soffice process with a profile of its own: (docx -> pdf that came out, what went wrong)."""
    failure: Exception | str | None = None
    with tempfile.TemporaryDirectory(prefix="akq-soffice-") as tmp:
        home = Path(tmp)
        profile = home / "profile"
        env = {
            **os.environ,
            "HOME": str(home),  # soffice writes below HOME even with a profile of its own
            "FONTCONFIG_FILE": str(fonts_conf(home)),
            "SAL_USE_VCLPLUGIN": "svp",
            "TZ": "UTC",  # dates in Z form on every machine: settle() replaces them in place, same length
        }
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            *map(str, docx_files),
        ]
        try:
            proc = subprocess.run(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_BASE_S + TIMEOUT_PER_FILE_S * len(docx_files),
            )
            if proc.returncode != 0:
                failure = (proc.stderr or proc.stdout).strip()[-500:] or f"soffice exit code {proc.returncode}"
        except (subprocess.TimeoutExpired, OSError) as exc:
            failure = exc
    results = {}
    for docx in docx_files:
        pdf = out_dir / (docx.stem + ".pdf")
        if pdf.is_file() and pdf.stat().st_size > 0:
            results[docx] = pdf
    return results, failure


_DOCX_CREATED = re.compile(rb"<dcterms:created[^>]*>(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z?</dcterms:created>")
_INFO_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_XMP_DATE = re.compile(rb"<xmp:(\w*Date)>(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})Z</xmp:\1>")
_UUID = re.compile(rb"uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
FALLBACK_DATE = b"20000101000000"


def form_date(docx: Path) -> bytes:
    """YYYYMMDDHHMMSS the form itself carries (its core properties' created date, the item's date)."""
    try:
        with zipfile.ZipFile(docx) as z:
            m = _DOCX_CREATED.search(z.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile):
        m = None
    return b"".join(m.groups()) if m else FALLBACK_DATE


def settle(pdf: Path, date: bytes) -> None:
    """Replace the conversion time and the random IDs of ``pdf`` with the form's date and a content hash."""
    data = pdf.read_bytes()
    out = _settle_icc(_settle_text(data, date), date)
    blank = _ID.sub(b"/ID[]", _CHECKSUM.sub(b"", out))
    digest = hashlib.sha256(blank).hexdigest().upper().encode()
    out = _UUID.sub(lambda m: b"uuid:%s-%s-%s-%s-%s" % (digest[:8], digest[8:12], digest[12:16], digest[16:20], digest[20:32]), out)
    out = _ID.sub(lambda m: m.group(0).replace(m.group(1), digest[: len(m.group(1))]).replace(m.group(2), digest[: len(m.group(2))]), out)
    out = _CHECKSUM.sub(lambda m: b"/DocChecksum /" + digest[-len(m.group(1)):], out)
    if out != data:
        pdf.write_bytes(out)


def _settle_text(data: bytes, date: bytes) -> bytes:
    """The Info dictionary's and the XMP packet's dates; same lengths, so no offset moves."""
    iso = b"%s-%s-%sT%s:%s:%s" % (date[:4], date[4:6], date[6:8], date[8:10], date[10:12], date[12:14])
    out = _INFO_DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + date, data)
    return _XMP_DATE.sub(lambda m: b"<xmp:%s>%sZ</xmp:%s>" % (m.group(1), iso, m.group(1)), out)


_ICC = re.compile(rb"/N \d/Length (\d+) 0 R/Filter/FlateDecode>>\r?\nstream\r?\n")
_XREF = re.compile(rb"\nxref\r?\n0 (\d+)\r?\n")
_STARTXREF = re.compile(rb"startxref\r?\n(\d+)")


def _settle_icc(data: bytes, date: bytes) -> bytes:
    """The colour profile PDF/A embeds carries the time lcms made it (ICC header bytes 24-35).

    The profile is compressed, so its stream changes length: the stream, its /Length
    object and the offsets of the cross-reference table are rewritten. Only the
    classic table LibreOffice writes is handled; anything else is left as it is.
    """
    xref = _XREF.search(data)
    if xref is None:
        return data
    edits: list[tuple[int, int, bytes]] = []
    stamp = b"".join(int(date[i:j]).to_bytes(2, "big") for i, j in ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14)))
    for m in _ICC.finditer(data):
        length = re.search(rb"\n%s 0 obj\r?\n(\d+)\r?\nendobj" % m.group(1), data)
        if length is None:
            continue
        size = int(length.group(1))
        try:
            icc = bytearray(zlib.decompress(data[m.end() : m.end() + size]))
        except zlib.error:
            continue
        if icc[36:40] != b"acsp" or icc[24:36] == stamp:
            continue
        icc[24:36] = stamp
        packed = zlib.compress(bytes(icc), 9)
        edits.append((m.end(), m.end() + size, packed))
        edits.append((length.start(1), length.end(1), str(len(packed)).encode()))
    if not edits:
        return data
    edits.sort()

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - start) for start, end, new in edits if end <= offset)

    out, pos = bytearray(), 0
    for start, end, new in edits:
        out += data[pos:start] + new
        pos = end
    out += data[pos:]
    table = xref.end() + (moved(xref.end()) - xref.end())
    count = int(xref.group(1))
    for n in range(count):
        at = table + 20 * n
        entry = bytes(out[at : at + 20])
        if entry[17:18] == b"n":
            out[at : at + 10] = b"%010d" % moved(int(entry[:10]))
    tail = _STARTXREF.search(out, table + 20 * count)
    if tail is not None:
        out[tail.start(1) : tail.end(1)] = str(moved(int(tail.group(1)))).encode()
    return bytes(out)
