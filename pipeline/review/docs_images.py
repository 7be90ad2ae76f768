"""`make docs-images`: the pictures in docs/ made again from today's code.

- docs/notebook_plots.png: the plots of notebooks/explore_indicators.ipynb, executed on a run
  of the sample corpus (`corpus/`), one under the other;
- docs/review_index.png and docs/review_report.png: the review site of a run of the
  project's written dev articles against their gold (tests/data), its index and the report
  that differs most from the gold, the card of one indicator open.

Each picture records, in a PNG text field, a stamp of what it was made from (the notebook's
code, or the review site's code, and PIPELINE_VERSION); the tests compare it with today's,
so that a commit never carries a picture older than the code that makes it.

    python -m pipeline.review.docs_images [--docs DIR] [--work DIR]
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "explore_indicators.ipynb"
SAMPLE = ROOT / "corpus"
DEV, DEV_GOLD = ROOT / "tests" / "data" / "dev", ROOT / "tests" / "data" / "gold" / "dev"
STAMP_KEY = "work-report-indicators"
PICTURES = {"notebook": ["notebook_plots.png"], "review": ["review_index.png", "review_report.png"]}


def stamp(kind: str) -> str:
    """What a picture of `kind` ("notebook", "review") is made from, as a short hash."""
    import nbformat

    from ..pipeline import PIPELINE_VERSION

    digest = hashlib.sha256(f"pipeline {PIPELINE_VERSION}\n".encode())
    if kind == "notebook":
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                digest.update(cell.source.encode() + b"\0")
    else:
        here = Path(__file__).resolve().parent
        for path in sorted([here / "pages.py", here / "run_data.py", *(here / "assets").iterdir()]):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def save_png(image, path: Path, kind: str) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(STAMP_KEY, f"{kind} {stamp(kind)}")
    image.save(path, pnginfo=info, optimize=True)


def recorded_stamp(path: Path) -> str:
    """The stamp a picture in docs/ records ('' when it records none)."""
    from PIL import Image

    with Image.open(path) as image:
        return image.text.get(STAMP_KEY, "")


def notebook_plots(out_dir: Path, dest: Path) -> Path:
    """Execute the notebook on `out_dir` and stack its plots into `dest`."""
    import nbclient
    import nbformat
    from PIL import Image

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    os.environ["WORK_REPORT_OUT"] = str(out_dir.resolve())  # the kernel inherits it
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    images = [Image.open(io.BytesIO(base64.b64decode(output["data"]["image/png"]))).convert("RGB")
              for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.outputs if "image/png" in output.get("data", {})]
    if not images:
        raise SystemExit("the notebook drew no plot")
    width = max(image.width for image in images)
    sheet = Image.new("RGB", (width, sum(image.height for image in images)), "white")
    top = 0
    for image in images:
        sheet.paste(image, ((width - image.width) // 2, top))
        top += image.height
    save_png(sheet, dest, "notebook")
    return dest


def review_screenshots(out_dir: Path, gold_dir: Path, docs: Path) -> list[Path]:
    """The review site of `out_dir` against `gold_dir`: its index, and the report with most
    misses and extras with the card of its first extra (else first indicator) open."""
    from PIL import Image

    from ..files import safe_path
    from .browser import browser
    from .pages import build_site
    from .run_data import views

    index = build_site(out_dir, gold_dir)
    compared = [v for v in views(out_dir, gold_dir) if v.comparison is not None and v.text is not None]
    worst = max(compared, key=lambda v: (v.comparison.counts["missed"] + v.comparison.counts["extra"],
                                         len(v.indicators)))
    paths = [docs / name for name in PICTURES["review"]]
    with browser(width=1280, height=860) as context:
        page = context.new_page()
        page.goto(index.as_uri())
        page.screenshot(path=str(paths[0]))
        page.goto(safe_path(index.parent / "reports", worst.doc_id, ".html").as_uri())
        marks = page.locator("mark.extra[data-indicator-id]")
        mark = marks.first if marks.count() else page.locator("mark[data-indicator-id]").first
        mark.click()
        page.screenshot(path=str(paths[1]))
    for path in paths:  # optimized, and stamped
        with Image.open(path) as image:
            image.load()
        save_png(image.convert("RGB"), path, "review")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.review.docs_images",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs",
                        help="where the pictures go (default: docs/)")
    parser.add_argument("--work", type=Path, default=ROOT / "out" / "docs-images",
                        help="folder for the runs they are made from (default: out/docs-images)")
    args = parser.parse_args(argv)
    from ..runner import run

    args.docs.mkdir(parents=True, exist_ok=True)
    run(SAMPLE, args.work / "sample", progress=False)
    run(DEV, args.work / "dev", progress=False)
    written = [notebook_plots(args.work / "sample", args.docs / PICTURES["notebook"][0])]
    written += review_screenshots(args.work / "dev", DEV_GOLD, args.docs)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
