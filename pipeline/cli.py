"""Command line: `python -m pipeline run|eval|show|review|gold-draft`. A thin layer: it parses the arguments,
builds the settings, calls the library and prints; the choices come from the registries."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .backends import SEGMENTERS
from .errors import PipelineError
from .runner import ENGINES, FORMATS
from .version import __version__

EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
DEFAULT_GOLD = Path("../shared/gold")


def _add_pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lexicons", metavar="DIR",
                   help="folder of lexicon files (default: the project's lexicons/)")
    p.add_argument("--segmenter", choices=SEGMENTERS.names(), default="jieba",
                   help="word segmenter (default: jieba with lexicons/user_dict.txt)")
    p.add_argument("--hanlp-model", metavar="PATH_OR_ID",
                   help="HanLP tokenizer to load with hanlp.load (with --segmenter hanlp)")


def _add_run(sub) -> None:
    run = sub.add_parser("run", help="process a folder of articles (or one file) into tables",
                         description="Process every file under INPUT_DIR (recursively), or the one "
                                     "file INPUT, and write the tables to OUT_DIR.")
    run.add_argument("input_dir", metavar="INPUT_DIR", help="folder of articles, or one file")
    run.add_argument("-o", "--out", metavar="OUT_DIR", default="out", help="output folder (default: out)")
    run.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    run.add_argument("--engine", choices=ENGINES.names(), default="local",
                     help="local processes, or a Dask cluster (default: local)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address (with --engine dask); without it a local "
                          "cluster is started")
    run.add_argument("--no-incremental", action="store_true",
                     help="re-process every file even when its outputs are up to date")
    run.add_argument("--excel", action="store_true",
                     help="write CSVs with a BOM so that Excel opens Chinese text correctly, and "
                          "cells that start with = + - @ with a leading ' (never a formula)")
    run.add_argument("--format", choices=list(FORMATS), default="csv",
                     help="table format: csv (default), parquet instead, or both")
    run.add_argument("--max-file-mb", type=float, default=20, metavar="MB",
                     help="skip files larger than this, unread (default: 20; 0: no limit)")
    run.add_argument("--follow-symlinks", action="store_true",
                     help="read symbolic links that lead out of INPUT_DIR (default: skipped)")
    run.add_argument("--segmented", action="store_true",
                     help="also write segmented/<doc_id>.txt: one sentence a line, words separated by spaces")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    _add_pipeline_options(run)
    _add_text_column(run)


def _add_text_column(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text-column", metavar="NAME",
                   help="column of article text in CSV, XLSX and JSON Lines tables "
                        "(default: text, content, 正文 or 内容)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract numeric indicators from Chinese work-report articles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run(sub)
    ev = sub.add_parser("eval", help="score indicators.csv against gold JSON Lines",
                        description="Score OUT_DIR/indicators.csv against GOLD_DIR/*.jsonl.")
    ev.add_argument("out_dir", metavar="OUT_DIR", nargs="?", default="out/seeds",
                    help="output folder of a run (default: out/seeds)")
    ev.add_argument("gold_dir", metavar="GOLD_DIR", nargs="?", default=str(DEFAULT_GOLD),
                    help="folder of gold .jsonl files (default: ../shared/gold)")
    ev.add_argument("--show", action="store_true", help="list each miss, extra and wrong field")
    show = sub.add_parser("show", help="print one article with its indicators highlighted")
    show.add_argument("file", metavar="FILE")
    show.add_argument("--no-color", action="store_true", help="mark indicators with [[ ]] instead of colour")
    _add_pipeline_options(show)
    _add_text_column(show)
    _add_review(sub)
    return parser


def _add_review(sub) -> None:
    review = sub.add_parser("review", help="write a site to check a run's indicators in a browser",
                            description="Write OUT_DIR/review/: index.html and one page per report, "
                                        "every indicator highlighted; self-contained, opens from file://.")
    review.add_argument("out_dir", metavar="OUT_DIR", help="output folder of a run")
    review.add_argument("--gold", metavar="GOLD_DIR", help="mark the misses and extras against this gold")
    review.add_argument("--lexicons", metavar="DIR",
                        help="lexicons whose category colours to use (default: the run's)")
    draft = sub.add_parser("gold-draft", help="write a run's indicators as gold JSON Lines to correct",
                           description="Write DEST/<doc>.jsonl per report and DEST/reports.meta.jsonl, "
                                       "in the format eval reads (docs/annotation.md).")
    draft.add_argument("out_dir", metavar="OUT_DIR", help="output folder of a run")
    draft.add_argument("dest", metavar="DEST", help="folder for the drafts")
    draft.add_argument("--force", action="store_true", help="write over gold already in DEST")


def _segmenter_options(args) -> dict:
    return {"model": args.hanlp_model} if args.segmenter == "hanlp" and args.hanlp_model else {}


def cmd_run(args) -> int:
    from .runner import run

    summary = run(args.input_dir, args.out, jobs=max(1, args.jobs), lexicons=args.lexicons,
                  segmenter=args.segmenter, segmenter_options=_segmenter_options(args),
                  engine=args.engine, scheduler=args.scheduler, incremental=not args.no_incremental,
                  excel=args.excel, formats=FORMATS[args.format],
                  progress=False if args.quiet else None, text_column=args.text_column,
                  segmented=args.segmented,
                  max_file_mb=max(0.0, args.max_file_mb), follow_symlinks=args.follow_symlinks)
    if not args.quiet:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(summary.counts.items()))
        print(f"{summary.n_files} files ({counts or 'none'}); {summary.n_indicators} indicators; "
              f"{summary.processed} processed, {summary.reused} up to date -> {args.out}",
              file=sys.stderr)
        for row in summary.errors:
            print(f"error: {row['path']}: {row['error']}", file=sys.stderr)
    return EXIT_FILE_ERRORS if summary.n_errors else EXIT_OK


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_report
    from .tables import run_lists

    out = Path(args.out_dir)
    if not (out / "indicators.csv").exists():
        print(f"error: {out / 'indicators.csv'} not found; run the pipeline first", file=sys.stderr)
        return EXIT_USAGE
    if not Path(args.gold_dir).is_dir():
        print(f"error: gold folder not found: {args.gold_dir}", file=sys.stderr)
        return EXIT_USAGE
    print(format_report(evaluate(out, args.gold_dir), show=args.show,
                        categories=run_lists(out)["categories"]))
    return EXIT_OK


def cmd_show(args) -> int:
    from .show import render

    print(render(args.file, lexicons=args.lexicons, segmenter=args.segmenter,
                 color=not args.no_color and sys.stdout.isatty(), text_column=args.text_column,
                 **_segmenter_options(args)))
    return EXIT_OK


def cmd_review(args) -> int:
    from .review import build_site

    if args.gold and not Path(args.gold).is_dir():
        print(f"error: gold folder not found: {args.gold}", file=sys.stderr)
        return EXIT_USAGE
    index = build_site(args.out_dir, gold_dir=args.gold, lexicons=args.lexicons)
    print(f"{index}  (open file://{index.resolve()})")
    return EXIT_OK


def cmd_gold_draft(args) -> int:
    from .review import write_gold_draft

    written = write_gold_draft(args.out_dir, args.dest, force=args.force)
    print(f"{len(written) - 1} report(s) and {written[-1].name} -> {args.dest}")
    return EXIT_OK


COMMANDS = {"run": cmd_run, "eval": cmd_eval, "show": cmd_show, "review": cmd_review,
            "gold-draft": cmd_gold_draft}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PipelineError as exc:
        prefix = "lexicon: " if exc.code.startswith("E1") else ""
        print(f"error: {prefix}{exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of the output stopped (`| head`): nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as Python's docs advise
        return EXIT_OK
    except Exception as exc:  # a bug: say what it is and where, not a traceback
        last = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"error: unexpected {type(exc).__name__}: {exc} (at {Path(last.filename).name}:"
              f"{last.lineno}); please report it", file=sys.stderr)
        return EXIT_INTERNAL
