"""Reader of the formats only an office suite reads: old Word (.doc), WPS (.wps), RTF,
OpenDocument text (.odt) and old Excel (.xls). LibreOffice, when installed, converts
the file (headless, with a profile of its own, so that several workers can convert at
once) to .docx or .xlsx, which the readers of those formats then read. Without
LibreOffice the file is skipped, and the reason says what to install.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .document import Document, Unreadable

# suffix -> (what the file is, the format LibreOffice converts it to)
KINDS = {
    ".doc": ("old Word document (.doc)", "docx"),
    ".wps": ("WPS document (.wps)", "docx"),
    ".rtf": ("RTF document", "docx"),
    ".odt": ("OpenDocument text (.odt)", "docx"),
    ".xls": ("old Excel workbook (.xls)", "xlsx"),
}
INSTALL = "install LibreOffice (Debian: libreoffice-writer-nogui, or libreoffice) to read it"
TIMEOUT = 300  # seconds for one conversion


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, target: str) -> bytes:
    """The file converted by LibreOffice to `target` (docx, xlsx)."""
    program = soffice()
    kind = KINDS[suffix][0]
    if program is None:
        raise Unreadable("skipped", f"{kind}: LibreOffice is not installed ({INSTALL})")
    with tempfile.TemporaryDirectory(prefix="wri-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", target, "--outdir", str(folder / "out"), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise Unreadable("error", f"{kind}: LibreOffice took more than {TIMEOUT} s to convert it") from None
        converted = folder / "out" / f"input.{target}"
        if not converted.exists():
            said = " ".join(line for line in (done.stderr or done.stdout or "").splitlines()
                            if "javaldx" not in line)  # a warning it gives whenever Java is missing
            said = " ".join(said.split())[:200]
            raise Unreadable("error", f"{kind}: LibreOffice could not convert it ({said or 'no reason given'})")
        return converted.read_bytes()


def read_legacy(data: bytes, context) -> Document | list[Document]:
    suffix = context.path.suffix.lower()
    target = KINDS[suffix][1]
    converted = convert(data, suffix, target)
    if target == "xlsx":
        from .articles import read_xlsx

        return read_xlsx(converted, context)
    from .docx import docx_document

    return docx_document(converted)
