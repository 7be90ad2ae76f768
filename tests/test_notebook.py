"""notebooks/explore_indicators.ipynb runs top to bottom, on the output of the sample corpus
and on a run whose newer columns are filled in; its plots draw Chinese with a real font;
docs/notebook_plots.png is made from today's notebook."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from filled_run import filled_run

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore_indicators.ipynb"
CORPUS = ROOT / "corpus"
MISSING_GLYPH = "missing from font"


def execute(out: Path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # the kernel inherits the environment: it reads the output folder from it
    monkeypatch.setenv("WORK_REPORT_OUT", str(out))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


def streams(outputs, name: str = "stdout") -> str:
    return "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream" and o.name == name)


def plots(outputs) -> int:
    return sum("image/png" in o.get("data", {}) for o in outputs)


def html(outputs) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in outputs)


def test_notebook_is_committed_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)


def test_notebook_runs_on_the_sample_corpus_output(tmp_path, monkeypatch):
    from pipeline import run

    out = tmp_path / "out"
    run(CORPUS, out, progress=False)
    outputs = execute(out, monkeypatch)
    assert plots(outputs) >= 1, "no plot"
    assert "city_union_2023_report" in html(outputs)  # the overview tables
    assert "spans" in html(outputs) and "members" in html(outputs)  # displaCy's sentences with labels
    text = streams(outputs)
    assert f"in {out.resolve()}" in text
    assert "Chinese labels drawn with " in text
    assert MISSING_GLYPH not in streams(outputs, "stderr")  # no empty boxes for Chinese


def test_notebook_plots_the_newer_columns_when_a_run_fills_them(tmp_path, monkeypatch):
    out = filled_run(tmp_path)
    outputs = execute(out, monkeypatch)
    text = streams(outputs)
    assert "is empty in this run" not in text and "no report is a duplicate" not in text
    # the panel by region and year, categories across reports, flows against stocks, the
    # confidences, the duplicates
    assert plots(outputs) == 5
    tables = html(outputs)
    assert "yunxi_copy_2023" in tables and "category_confidence" in tables
    assert MISSING_GLYPH not in streams(outputs, "stderr")


def test_a_cjk_font_is_found_that_draws_chinese():
    pytest.importorskip("matplotlib")
    from pipeline.review.fonts import SAMPLE, draws, find_cjk_font

    family = find_cjk_font()
    assert family is not None, "the analysis extra ships a CJK font (noto-cjk-sans-otc)"
    assert draws(family, SAMPLE) and not draws("DejaVu Sans", SAMPLE)  # a positive and a negative control


def test_without_a_cjk_font_the_notebook_is_warned_not_given_boxes():
    pytest.importorskip("matplotlib")
    import matplotlib

    from pipeline.review.fonts import use_cjk_font

    before = list(matplotlib.rcParams["font.sans-serif"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert use_cjk_font(families=["No Such Font"], extra_files=[]) is None
    assert any("no font that draws Chinese" in str(w.message) and "fonts-noto-cjk" in str(w.message)
               for w in caught)
    assert matplotlib.rcParams["font.sans-serif"] == before


def test_docs_notebook_plots_are_made_from_todays_notebook():
    pytest.importorskip("PIL")
    from pipeline.review.docs_images import recorded_stamp, stamp

    assert recorded_stamp(ROOT / "docs" / "notebook_plots.png") == f"notebook {stamp('notebook')}", \
        "docs/notebook_plots.png is older than the notebook or the pipeline: run `make docs-images`"
