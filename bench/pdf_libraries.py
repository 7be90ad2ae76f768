"""Which PDF library reads Chinese PDFs best: the measurement behind pipeline/ingest/pdf.py.

    python bench/pdf_libraries.py [--articles N] [--split dev|test]
    python bench/pdf_libraries.py --split test --write DIR [--maker libreoffice]

Makes Chinese PDFs from the written articles of tests/data/dev (A4, paragraphs wrapped by
the layout, an indented first line, a page number in the footer) in the ways such PDFs are
made: ReportLab with an Adobe CJK font that is not embedded (STSong-Light, as older office
software writes them), ReportLab with an embedded TrueType font, and LibreOffice exporting
a Word file (as Word and WPS do), when `soffice` and a CJK font are installed. Then reads
each with the libraries that may be used here (pdfminer.six MIT, pdfplumber MIT, pypdf
BSD, pypdfium2 BSD/Apache; PyMuPDF is AGPL and not considered) and prints, per maker and
library, how much of the text comes back (matched characters / length, by difflib, spaces
and newlines ignored), how many paragraphs come back whole, each on a line of its own
(spaces ignored), and the time per page. "project reader" is pipeline/ingest/pdf.py:
pdfplumber's lines joined into paragraphs, page numbers dropped.

With --write DIR it writes instead, for the split's text articles, DIR/pdf/ (each made
into a PDF by --maker), DIR/txt/ (the same articles as text) and DIR/gold/ (their gold),
for the pipeline to be scored on both:

    python -m pipeline run DIR/pdf -o DIR/out_pdf -q && python -m pipeline eval DIR/out_pdf DIR/gold
    python -m pipeline run DIR/txt -o DIR/out_txt -q && python -m pipeline eval DIR/out_txt DIR/gold
"""
from __future__ import annotations

import argparse
import difflib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CJK_FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]


def articles(n: int, split: str = "dev") -> list[tuple[str, list[str]]]:
    found = []
    for path in sorted((DATA / split).glob("*.txt"))[:n]:
        paragraphs = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
        found.append((path.stem, [p for p in paragraphs if p]))
    return found


def _reportlab(paragraphs: list[str], font: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24,
                           wordWrap="CJK", spaceAfter=6)
    out = io.BytesIO()

    def footer(canvas, doc):
        canvas.setFont(font, 10)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    doc = SimpleDocTemplate(out, pagesize=A4)
    doc.build([Paragraph(p, style) for p in paragraphs], onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def reportlab_cid(paragraphs):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return _reportlab(paragraphs, "STSong-Light")


def _cjk_font() -> str | None:
    return next((f for f in CJK_FONTS if Path(f).exists()), None)


def reportlab_ttf(paragraphs):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("CJK", _cjk_font(), subfontIndex=0))
    return _reportlab(paragraphs, "CJK")


def libreoffice(paragraphs):
    import docx
    from docx.shared import Pt

    with tempfile.TemporaryDirectory() as tmp:
        document = docx.Document()
        for p in paragraphs:
            para = document.add_paragraph(p)
            para.paragraph_format.first_line_indent = Pt(24)
        document.sections[0].footer.paragraphs[0].text = "第 1 页"
        document.save(Path(tmp) / "a.docx")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                        str(Path(tmp) / "a.docx")], check=True, capture_output=True, timeout=120)
        return (Path(tmp) / "a.pdf").read_bytes()


MAKERS = {"reportlab, STSong-Light not embedded": (reportlab_cid, lambda: True),
          "reportlab, TrueType embedded": (reportlab_ttf, lambda: _cjk_font() is not None),
          "LibreOffice from .docx": (libreoffice, lambda: shutil.which("soffice") and _cjk_font())}
BY_NAME = {"cid": reportlab_cid, "ttf": reportlab_ttf, "libreoffice": libreoffice}


def read_pdfminer(data):
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def read_pdfplumber(data):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def read_pypdf(data):
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def read_pypdfium2(data):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def read_project(data):
    """The project's reader (pdfminer.six's layout analysis, lines joined into paragraphs)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest.pdf import pdf_document

    return pdf_document(data).text


LIBRARIES = {"pdfminer.six": read_pdfminer, "pdfplumber": read_pdfplumber, "pypdf": read_pypdf,
             "pypdfium2": read_pypdfium2, "project reader": read_project}


def _chars(text: str) -> str:
    return "".join(text.split())


def recovered(source: str, got: str) -> float:
    """Matched characters / length, by difflib's matching blocks (spaces ignored)."""
    a, b = _chars(source), _chars(got)
    matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / max(len(a), len(b), 1)


def n_pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def write(folder: Path, split: str, make) -> None:
    """The split's text articles as PDFs and as text, with their gold, under `folder`."""
    for sub in ("pdf", "txt", "gold"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    names = set()
    for name, paragraphs in articles(10_000, split):
        (folder / "pdf" / f"{name}.pdf").write_bytes(make(paragraphs))
        shutil.copy(DATA / split / f"{name}.txt", folder / "txt" / f"{name}.txt")
        shutil.copy(DATA / "gold" / split / f"{name}.jsonl", folder / "gold" / f"{name}.jsonl")
        names.add(name)
    meta = (DATA / "gold" / split / "reports.meta.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "gold" / "reports.meta.jsonl").write_text(
        "".join(line + "\n" for line in meta if line.strip() and json.loads(line)["doc"] in names),
        encoding="utf-8")
    print(f"{len(list((folder / 'pdf').iterdir()))} articles of {split} written to {folder}")


def compare(texts) -> None:
    for maker, (make, available) in MAKERS.items():
        if not available():
            print(f"\n{maker}: not available here")
            continue
        pdfs = [(paragraphs, make(paragraphs)) for _, paragraphs in texts]
        pages = sum(n_pages(data) for _, data in pdfs)
        print(f"\n{maker}: {pages} pages")
        for name, read in LIBRARIES.items():
            try:
                scores, whole, total, started = [], 0, 0, time.perf_counter()
                for paragraphs, data in pdfs:
                    got = read(data)
                    scores.append(recovered("".join(paragraphs), got))
                    lines = {_chars(line) for line in got.split("\n")}
                    whole += sum(_chars(p) in lines for p in paragraphs)
                    total += len(paragraphs)
                elapsed = time.perf_counter() - started
            except Exception as exc:  # a library that fails on a maker's PDFs: say so
                print(f"  {name:15} failed: {type(exc).__name__}: {exc}")
                continue
            print(f"  {name:15} text recovered {sum(scores) / len(scores):.4f} (worst {min(scores):.4f}); "
                  f"paragraphs whole {whole / total:.3f}; {1000 * elapsed / pages:.0f} ms/page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--write", type=Path, metavar="DIR")
    parser.add_argument("--maker", choices=sorted(BY_NAME), default="libreoffice")
    args = parser.parse_args()
    if args.write:
        write(args.write, args.split, BY_NAME[args.maker])
        return
    texts = articles(args.articles, args.split)
    print(f"{len(texts)} articles of {args.split}, {sum(len(''.join(p)) for _, p in texts)} characters")
    compare(texts)


if __name__ == "__main__":
    main()
