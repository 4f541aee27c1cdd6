"""DOCX -> PDF/A-2b through LibreOffice (soffice --headless).

One soffice process converts a whole batch (start-up costs seconds, a page
milliseconds). Each process gets its own throw-away profile: two conversions
sharing one profile silently drop PDFs. The fontconfig alias file shipped in
templates/fonts/ maps the official Chinese font names onto the free fonts that
are installed, so that title, headings and body keep their distinct faces.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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

    A file LibreOffice could not convert is simply absent from the result: the
    caller reports it. Raises PdfError when soffice itself fails or hangs.
    """
    if not docx_files:
        return {}
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="akq-soffice-") as tmp:
        home = Path(tmp)
        profile = home / "profile"
        env = {
            **os.environ,
            "HOME": str(home),  # soffice writes below HOME even with a profile of its own
            "FONTCONFIG_FILE": str(fonts_conf(home)),
            "SAL_USE_VCLPLUGIN": "svp",
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
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice timed out after {exc.timeout:.0f} s") from exc
        except OSError as exc:
            raise PdfError(str(exc)) from exc
    results = {}
    for docx in docx_files:
        pdf = out_dir / (docx.stem + ".pdf")
        if pdf.is_file() and pdf.stat().st_size > 0:
            results[docx] = pdf
    if not results and proc.returncode != 0:
        raise PdfError((proc.stderr or proc.stdout).strip()[-500:] or f"soffice exit code {proc.returncode}")
    return results
