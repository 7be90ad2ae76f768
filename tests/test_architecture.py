"""The shape of the package: no import cycles, short functions, one list of stages, and
registries that take a new reader, segmenter, table or category without other changes."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline import Pipeline, process_text
from pipeline.errors import StageOrderError
from pipeline.stages import Stage, check_order

PACKAGE = Path(pipeline.__file__).resolve().parent
ROOT = PACKAGE.parent
MAX_FUNCTION_LINES = 80


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path) -> set[str]:
    """The pipeline modules `name` imports, at any depth of its code (functions included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "pipeline")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "pipeline":
                continue
            for alias in node.names:  # `from . import sections`: a module, not a name
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


def test_no_import_cycles_among_the_packages_modules():
    graph = {name: imported(name, path) for name, path in MODULES.items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the stack, 2: done

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
    # a positive control: the graph sees imports inside functions too
    assert "pipeline.backends.jieba_rs" not in graph["pipeline.backends"]
    assert "pipeline.ingest.html" in graph["pipeline.ingest.text"]


def test_no_function_is_longer_than_80_lines():
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {lines} lines")
    assert long == []


# ------------------------------------------------------------------------- stages

def test_one_list_of_stages_in_order():
    assert [s.name for s in pipeline.STAGES] == ["ingest", "normalize", "segment", "describe", "extract"]
    check_order(pipeline.STAGES)


def test_a_stage_before_what_feeds_it_is_refused_when_the_pipeline_is_built():
    stages = list(pipeline.STAGES)
    stages[2], stages[4] = stages[4], stages[2]  # extract before segment
    with pytest.raises(StageOrderError, match="stage 'extract' needs sentences"):
        Pipeline(stages=stages)


def test_an_added_stage_runs_in_the_list(nlp):
    def count_chars(report):
        report.warn(f"{len(report.text)} characters")
        return report

    stage = Stage("count", count_chars, requires=("text",), provides=())
    mine = Pipeline(stages=[*pipeline.STAGES, stage])
    report = mine("全区新建工会组织12个。")
    assert report.done[-1] == "count" and "12 characters" in report.warnings


def test_pipeline_takes_a_text_or_a_report(nlp):
    from pipeline.report import Report

    assert [i.mention for i in nlp("全区新建工会组织12个。").indicators] == ["12个"]
    report = Report(doc_id="r", raw_text="发展会员300名。", done=["ingest"])
    assert [i.mention for i in nlp(report).indicators] == ["300名"]


# --------------------------------------------------------------------- registries

def test_a_new_input_format_is_one_reader(tmp_path, monkeypatch):
    """A reader for `.memo` files (one article after a line `---`): one function and one
    registry entry; the run then reads such files instead of skipping them."""
    from pipeline.ingest import READERS, Document, Reader

    def read_memo(data: bytes, context) -> Document:
        head, _, body = data.decode("utf-8").partition("\n---\n")
        return Document(body, fields={"title": head.strip()})

    monkeypatch.setitem(READERS._entries, "memo", Reader("memo", (".memo",), read_memo))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.memo").write_text("全区工作简报\n---\n全区新建工会组织12个。", encoding="utf-8")
    out = tmp_path / "out"
    summary = pipeline.run(folder, out, progress=False)
    assert summary.counts == {"ok": 1} and summary.n_indicators == 1
    from csv_tables import read_csv

    (row,) = read_csv(out / "reports.csv")
    assert (row["title"], row["status"]) == ("全区工作简报", "ok")


def test_a_new_segmenter_is_one_backend(monkeypatch):
    """A backend that cuts every character apart: one class and one registry entry."""
    from pipeline.backends import SEGMENTERS, Segmenter

    class CharSegmenter(Segmenter):
        name = "chars"

        def __init__(self, lexicon):
            pass

        def cut(self, text):
            return list(text)

    monkeypatch.setitem(SEGMENTERS._entries, "chars", CharSegmenter)
    report = Pipeline(segmenter="chars")("全区新建工会组织12个。")
    assert [t.text for t in report.sentences[0].tokens][:3] == ["全", "区", "新"]
    assert [i.mention for i in report.indicators] == ["12个"]
    from pipeline.cli import build_parser

    assert "chars" in build_parser()._subparsers._group_actions[0].choices["run"]._option_string_actions[
        "--segmenter"].choices


def test_a_new_table_is_one_module(tmp_path, monkeypatch):
    """A table of the units used, with a part computed per report: one class, one entry."""
    from pipeline.tables import TABLES, Column, Table, write_rows

    class UnitsTable(Table):
        name = "units"
        COLUMNS = [Column("doc_id"), Column("unit"), Column("n", "int")]

        def per_report(self, report, rows, lexicon):
            counts = {}
            for row in rows:
                counts[row["unit"]] = counts.get(row["unit"], 0) + 1
            return counts

        def write(self, corpus):
            def rows():
                for report in corpus.each():
                    for unit, n in sorted((report["parts"].get("units") or {}).items()):
                        yield {"doc_id": report["doc_id"], "unit": unit, "n": n}
            return write_rows(self.name, self.COLUMNS, rows, corpus)

    monkeypatch.setitem(TABLES._entries, "units", UnitsTable)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("全区新建工会组织12个、驿站3个，发展会员300名。", encoding="utf-8")
    out = tmp_path / "out"
    pipeline.run(folder, out, progress=False)
    assert (out / "units.csv").read_text(encoding="utf-8").splitlines() == ["doc_id,unit,n", "a,个,2", "a,名,1"]
    assert list(pipeline.load(out).units["n"]) == [2, 1]


def test_a_new_category_is_data_only(tmp_path):
    """A category added to a copy of categories.yaml, with its trigger word, comes out of
    the pipeline, the tables and load() with no Python changed."""
    lex = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", lex)
    path = lex / "categories.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\n  other:\n", "\n  volunteers:\n    color: \"#123456\"\n    nouns: [志愿者队伍, 志愿者]\n  other:\n", 1)
    text = text.replace("学历提升, 志愿者, ", "学历提升, ", 1)  # one category per word
    path.write_text(text, encoding="utf-8")
    report = process_text("全区招募志愿者1200名。", lexicons=lex)
    assert [(i.mention, i.category) for i in report.indicators] == [("1200名", "volunteers")]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("全区招募志愿者1200名，新建工会组织12个。", encoding="utf-8")
    out = tmp_path / "out"
    pipeline.run(folder, out, lexicons=lex, progress=False)
    tables = pipeline.load(out)
    assert "volunteers" in list(tables.indicators["category"].cat.categories)
    assert "volunteers_persons" in tables.summary.columns
    from pipeline.lexicon import load

    assert load(lex).categories.palette()["volunteers"] == "#123456"
