"""Incremental runs: a second run with nothing changed does no work, a changed article is
processed again alone, a changed lexicon makes every article be processed again."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.inputs import assign_doc_ids, with_doc_ids
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("indicators.csv", "reports.csv", "summary.csv", "panel.csv")
# A sentence with a figure, written for this test: appended to one article.
ADDED = "\n另悉，该市去年新建职工书屋37家。\n"


@pytest.fixture
def corpus(tmp_path, seeds_dir):
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    for path in folder.iterdir():
        path.chmod(0o644)  # the seeds are read-only; the tests edit their copies
    return folder


@pytest.fixture
def lexicons(tmp_path):
    folder = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", folder)
    return folder


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every output file (state files aside) with its content and modification time."""
    return {str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file() and ".state" not in p.parts and p.name != "run.json"}


def test_second_run_processes_nothing_and_rewrites_nothing(corpus, lexicons, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run(corpus, out, lexicons=lexicons, progress=False)
    assert (first.processed, first.reused) == (5, 0)
    before = snapshot(out)

    # nothing to do: the pipeline (segmenter, dictionaries) must not even be built
    def no_pipeline(settings):
        raise AssertionError("a run with nothing changed built the pipeline")

    monkeypatch.setattr(runner, "get_pipeline", no_pipeline)
    second = run(corpus, out, lexicons=lexicons, progress=False)
    assert (second.processed, second.reused) == (0, 5)
    assert second.counts == first.counts and second.n_indicators == first.n_indicators
    assert snapshot(out) == before  # same bytes, and not even rewritten


def test_touched_file_with_same_content_is_not_processed(corpus, lexicons, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, lexicons=lexicons, progress=False)
    article = sorted(corpus.iterdir())[0]
    article.touch()  # a new modification time; the state is keyed by the content
    again = run(corpus, out, lexicons=lexicons, progress=False)
    assert (again.processed, again.reused) == (0, 5)


def test_changed_article_is_the_only_one_processed(corpus, lexicons, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, lexicons=lexicons, progress=False)
    before = snapshot(out)
    article = sorted(corpus.iterdir())[1]
    with open(article, "a", encoding="utf-8") as fh:
        fh.write(ADDED)

    again = run(corpus, out, lexicons=lexicons, progress=False)
    assert (again.processed, again.reused) == (1, 4)
    after = snapshot(out)
    changed = {name for name in after if after[name] != before.get(name)}
    doc_id = article.stem
    assert changed == {f"reports/{doc_id}.csv", f"normalized/{doc_id}.txt", *TABLES}
    added = [row for row in again.rows if row["doc_id"] == doc_id]
    fresh = tmp_path / "fresh"
    assert int(added[0]["n_indicators"]) == int(
        next(r for r in run(corpus, fresh, lexicons=lexicons, progress=False).rows
             if r["doc_id"] == doc_id)["n_indicators"])
    # the tables of four reused reports and one new are those of a run from scratch (the
    # summary rows of reused reports come from their state files)
    for name in TABLES:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    indicators = (out / "indicators.csv").read_text(encoding="utf-8")
    assert f"{doc_id}," in indicators and "37家" in indicators


def test_removed_article_leaves_the_tables(corpus, lexicons, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, lexicons=lexicons, progress=False)
    gone = sorted(corpus.iterdir())[2]
    gone.unlink()
    again = run(corpus, out, lexicons=lexicons, progress=False)
    assert (again.processed, again.reused) == (0, 4)
    assert gone.stem not in (out / "reports.csv").read_text(encoding="utf-8")
    assert f"\n{gone.stem}," not in (out / "indicators.csv").read_text(encoding="utf-8")
    assert gone.stem not in (out / "summary.csv").read_text(encoding="utf-8")


def test_lexicons_count_by_content_and_a_change_processes_everything(corpus, lexicons, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, lexicons=lexicons, progress=False)

    same = tmp_path / "same_lexicons"  # another folder, the same files
    shutil.copytree(lexicons, same)
    again = run(corpus, out, lexicons=same, progress=False)
    assert (again.processed, again.reused) == (0, 5)

    changed = tmp_path / "changed_lexicons"
    shutil.copytree(lexicons, changed)
    with open(changed / "user_dict.txt", "a", encoding="utf-8") as fh:
        fh.write("\n户外劳动者爱心驿站 800 n\n")
    redone = run(corpus, out, lexicons=changed, progress=False)
    assert (redone.processed, redone.reused) == (5, 0)


def test_no_incremental_processes_everything(corpus, lexicons, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, lexicons=lexicons, progress=False)
    again = run(corpus, out, lexicons=lexicons, incremental=False, progress=False)
    assert (again.processed, again.reused) == (5, 0)


def test_doc_ids_assigned_a_folder_at_a_time_match_the_whole_list(tmp_path):
    """The runner streams the files and assigns ids a folder at a time; the ids must be
    those of assign_doc_ids over the whole list."""
    from pipeline.inputs import iter_input_files

    for name in ["a.txt", "a.html", "b.txt", "sub/a.txt", "sub/a.htm", "sub/c.txt",
                 "sub/deeper/a.txt", "z/b.txt", "z/b"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    files = list(iter_input_files(tmp_path))
    streamed = list(with_doc_ids(iter(files), tmp_path))
    assert streamed == list(zip(files, assign_doc_ids(files, tmp_path)))
    assert "a.txt" in dict((d, p) for p, d in streamed)  # a collision keeps the extension


def test_state_is_one_database_and_a_damaged_one_only_costs_a_rerun(corpus, lexicons, tmp_path):
    out = tmp_path / "out"
    first = run(corpus, out, lexicons=lexicons, progress=False)
    assert sorted(p.name for p in (out / ".state").iterdir()) == ["lock", "reports.sqlite"]
    tables = {name: (out / name).read_bytes() for name in TABLES}

    (out / ".state" / "reports.sqlite").write_bytes(b"not a database" * 100)
    again = run(corpus, out, lexicons=lexicons, progress=False)
    assert (again.processed, again.reused) == (first.processed, 0)  # all redone
    assert {name: (out / name).read_bytes() for name in TABLES} == tables
    third = run(corpus, out, lexicons=lexicons, progress=False)  # and the state is back
    assert (third.processed, third.reused) == (0, first.processed)
