"""The towns and streets of China, each with the code of its county: `lexicons/towns.tsv`.

The division dataset the region is read from (cpca's) stops at counties, yet a report
is as often a town's (烟墩镇工会, 王庆坨镇总工会, 方松街道) or names the towns of its county
(南雁镇, 万全镇) where it never names the county. `make towns` writes the towns of
JioNLP's division table (`jionlp/dictionary/china_location.zip`, Apache-2.0; JioNLP is
installed with the project's bench tools) as one line per town and county:

    烟墩镇<TAB>340223

A town whose name several counties share has a line for each. The file is part of the
lexicon folder: a researcher may add a town, and the pipeline reads the file without
JioNLP (pipeline/lexicon/sections.py `load_towns`).

    python -m pipeline.describe.towns lexicons/towns.tsv
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import sys
import zipfile
from pathlib import Path

HEADER = ("# Towns and streets (镇, 乡, 街道, …) with the 6-digit code of their county, one pair a\n"
          "# line, tab-separated. Written by `make towns` from JioNLP's division table\n"
          "# (jionlp/dictionary/china_location.zip, Apache-2.0); add a town as a line of your own.\n")


def jionlp_table() -> str:
    """The text of JioNLP's division table, found without importing jionlp (slow)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("make towns needs JioNLP: pip install -e '.[bench]'")
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".txt"))
        return io.TextIOWrapper(archive.open(name), encoding="utf-8").read()


def town_lines(table: str) -> list[str]:
    """`town<TAB>county code` of every town of the table, sorted, each pair once. The table
    indents a province by no tab, a city by one, a county by two (name, code, short name)
    and a town by three; villages, by four, are left out."""
    pairs: set[tuple[str, str]] = set()
    county = None
    for raw in table.splitlines():
        line = raw.rstrip("\r")
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip("\t").split("\t")
        if depth == 2:
            county = cells[1] if len(cells) > 1 and cells[1].isdigit() and len(cells[1]) == 6 else None
        elif depth < 2:
            county = None
        elif depth == 3 and county and cells[0]:
            pairs.add((cells[0], county))
    return [f"{name}\t{code}" for name, code in sorted(pairs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.describe.towns", description=__doc__.split("\n")[0])
    parser.add_argument("out", help="the file to write (lexicons/towns.tsv)")
    args = parser.parse_args(argv)
    lines = town_lines(jionlp_table())
    Path(args.out).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(lines)} towns", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
