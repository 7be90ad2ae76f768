"""notebooks/explore_indicators.ipynb runs top to bottom on the output of the sample corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore_indicators.ipynb"
CORPUS = ROOT / "corpus"


def test_notebook_is_committed_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)


def test_notebook_runs_on_the_sample_corpus_output(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    pytest.importorskip("ipykernel")
    from pipeline import run

    out = tmp_path / "out"
    run(CORPUS, out, progress=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # the kernel inherits the environment: it reads the output folder from it
    monkeypatch.setenv("WORK_REPORT_OUT", str(out))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    data = [o.get("data", {}) for o in outputs]
    assert any("image/png" in d for d in data), "no plot"
    html = "\n".join(d.get("text/html", "") for d in data)
    assert "city_union_2023_report" in html  # the overview tables
    assert "spans" in html and "members" in html  # displaCy's sentences with labels
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert f"in {out.resolve()}" in text
