"""The progress bar: shown on a terminal for more than a few files, never with --quiet
or when stderr is not a terminal (a log file, CI)."""
from __future__ import annotations

import io
import sys

import pytest

from pipeline import run
from pipeline.cli import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _corpus(tmp_path, n: int):
    folder = tmp_path / f"in{n}"
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i}.txt").write_text(f"第{i}份报告\n全年新建工会组织{i + 2}个，发展会员{i + 100}名。\n",
                                          encoding="utf-8")
    return folder


def _bar(text: str) -> bool:
    return "reports:" in text and ("file/s" in text or "s/file" in text)


def test_bar_on_a_terminal_for_many_files(tmp_path, monkeypatch):
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["run", str(_corpus(tmp_path, 7)), "-o", str(tmp_path / "out")]) == 0
    text = err.getvalue()
    assert _bar(text) and "7/7" in text
    assert "7 files (7 ok)" in text  # the summary line after it


def test_quiet_prints_nothing_even_on_a_terminal(tmp_path, monkeypatch):
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["run", str(_corpus(tmp_path, 7)), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    assert err.getvalue() == ""


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["run", str(_corpus(tmp_path, 7)), "-o", str(tmp_path / "out")]) == 0
    assert not _bar(err.getvalue())
    assert "7 files (7 ok)" in err.getvalue()


def test_no_bar_for_a_few_files(tmp_path, monkeypatch):
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["run", str(_corpus(tmp_path, 3)), "-o", str(tmp_path / "out")]) == 0
    assert not _bar(err.getvalue())


@pytest.mark.parametrize("progress", [True, False])
def test_library_call_follows_its_progress_argument(tmp_path, monkeypatch, progress):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    summary = run(_corpus(tmp_path, 2), tmp_path / "out", progress=progress)
    assert len(summary.rows) == 2
    assert _bar(err.getvalue()) is progress
