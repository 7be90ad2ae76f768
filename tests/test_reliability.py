"""Every input accounted for, whatever it is; the same input gives the same bytes.

The fixture folder is made here, file by file, with the status each must end in: empty
and whitespace-only files, binaries and images named .txt, every encoding Chinese text
comes in (short files too, where detection is hardest), a single 2 MB line, deeply
nested and malformed HTML, awkward names, symbolic links (to a file, to a folder outside,
back to a parent, to themselves, to nothing), a named pipe. One run must list them all
in reports.csv with a status and a reason, and the tables must not depend on --jobs or
on the engine.
"""
from __future__ import annotations

import contextlib
import filecmp
import os
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.files import safe_path
from pipeline.ingest import read_report
from pipeline.report import STATUSES
from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS
from pipeline.tables.reports import NAMES as REPORT_COLUMNS
from csv_tables import header, read_csv

SIMPLIFIED = "全区新建工会组织12个，发展会员300名，投入帮扶资金45万元。"
TRADITIONAL = "全區新建工會組織12個，發展會員300名，投入幫扶資金45萬元。"
SHORT_SIMPLIFIED = "会员300名。"
SHORT_TRADITIONAL = "會員300名。"
PROSE = "各级工会组织深入基层开展调查研究，倾听职工群众的意见和建议。"

# doc_id -> (status, words the reason must hold, encoding) for every entry of the folder
EXPECTED: dict[str, tuple[str, str, str | None]] = {}


def _file(folder: Path, name: str, data: bytes | str, status: str, reason: str = "",
          encoding: str | None = None, doc_id: str | None = None) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    EXPECTED[doc_id or _doc_id(name)] = (status, reason, encoding)


def _doc_id(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def make_awkward_folder(folder: Path, outside: Path) -> None:
    EXPECTED.clear()
    folder.mkdir()
    # nothing in them
    _file(folder, "empty.txt", b"", "empty", "empty")
    _file(folder, "whitespace.txt", " \n\t\r\n\u3000\u3000\n", "empty", "whitespace")
    # not text, whatever the name says
    _file(folder, "binary.txt", bytes(range(256)) * 16, "skipped", "binary")
    _file(folder, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "skipped", "PNG")
    _file(folder, "office.txt", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "skipped", "Office")
    _file(folder, "old_office.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "skipped", "Office")
    _file(folder, "scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(100), "skipped", "PDF")
    _file(folder, "notes.docx", SIMPLIFIED, "error", "cannot read Word document")  # not one
    _file(folder, "slides.pptx", SIMPLIFIED, "skipped", "unsupported file type")
    _file(folder, "README", SIMPLIFIED, "skipped", "unsupported file type")
    # every encoding, long and short
    _file(folder, "truncated.txt", SIMPLIFIED.encode("utf-8")[:-2], "ok", "", "utf-8 (truncated)")
    _file(folder, "utf16.txt", SIMPLIFIED.encode("utf-16"), "ok", "", "utf-16")
    _file(folder, "utf16le.txt", SIMPLIFIED.encode("utf-16-le"), "ok", "", "utf-16-le")
    _file(folder, "utf16be.txt", SIMPLIFIED.encode("utf-16-be"), "ok", "", "utf-16-be")
    _file(folder, "gb18030.txt", (SIMPLIFIED + "刘䶮同志获评劳动模范。").encode("gb18030"), "ok", "", "gb18030")
    _file(folder, "gb18030_short.txt", SHORT_SIMPLIFIED.encode("gb18030"), "ok", "", "gb18030")
    _file(folder, "big5.txt", TRADITIONAL.encode("big5"), "ok", "", "big5")
    _file(folder, "big5_short.txt", SHORT_TRADITIONAL.encode("big5"), "ok", "", "big5")
    _file(folder, "gbk_truncated.txt", SIMPLIFIED.encode("gbk")[:-1], "ok", "", "gb18030 (truncated)")
    # size and shape
    line = (PROSE * 9 + SIMPLIFIED) * (2_000_000 // len((PROSE * 9 + SIMPLIFIED).encode()) + 1)
    _file(folder, "one_line_2mb.txt", line.encode("utf-8")[:2_000_000].decode("utf-8", "ignore"), "ok", "", "utf-8")
    _file(folder, "nested.html", "<html><body>" + "<div>" * 5000 + f"<p>{SIMPLIFIED}</p>"
          + "</div>" * 5000 + "</body></html>", "ok", "", "utf-8")
    _file(folder, "malformed.html", f"<html><body><p>{SIMPLIFIED}<div><span></p></b><<>><table><tr><td>"
          f"{PROSE}<!-- unclosed", "ok", "", "utf-8")
    # names
    _file(folder, "name with spaces.txt", SIMPLIFIED, "ok", "", "utf-8")
    _file(folder, "中文名称的报告.txt", SIMPLIFIED, "ok", "", "utf-8")
    _file(folder, ".hidden.txt", SIMPLIFIED, "ok", "", "utf-8")
    _file(folder, "..txt", SIMPLIFIED, "ok", "", "utf-8", doc_id="..txt")
    _file(folder, "...txt", SIMPLIFIED, "ok", "", "utf-8", doc_id="...txt")
    _file(folder, "back\\slash.txt", SIMPLIFIED, "ok", "", "utf-8")
    _file(folder, "-dash.txt", SIMPLIFIED, "ok", "", "utf-8")
    _file(folder, "长" * 83 + ".htm", f"<p>{SIMPLIFIED}</p>", "ok", "", "utf-8")  # 253 bytes
    _file(folder, "sub/deeper/report.txt", SIMPLIFIED, "ok", "", "utf-8")
    _file(folder, "twin.txt", SIMPLIFIED, "ok", "", "utf-8", doc_id="twin.txt")
    _file(folder, "twin.html", f"<p>{SIMPLIFIED}</p>", "ok", "", "utf-8", doc_id="twin.html")
    # links and special files
    os.symlink("gb18030.txt", folder / "link_to_file.txt")
    EXPECTED["link_to_file"] = ("ok", "", "gb18030")
    outside.mkdir()
    (outside / "report.txt").write_text(SIMPLIFIED, encoding="utf-8")
    os.symlink(outside, folder / "external")  # out of the input folder: not followed
    EXPECTED["external"] = ("skipped", "symbolic link out of the input folder", None)
    os.symlink(outside / "report.txt", folder / "external_file.txt")
    EXPECTED["external_file"] = ("skipped", "symbolic link out of the input folder", None)
    (folder / "loop").mkdir()
    os.symlink("..", folder / "loop" / "back")
    EXPECTED["loop/back"] = ("skipped", "loop", None)
    os.symlink("self.txt", folder / "self.txt")
    EXPECTED["self"] = ("error", "symbolic link loop", None)
    os.symlink("missing.txt", folder / "dangling.txt")
    EXPECTED["dangling"] = ("error", "broken symbolic link", None)
    os.mkfifo(folder / "pipe.txt")  # opening it would block the run for ever
    EXPECTED["pipe"] = ("skipped", "named pipe", None)


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("awkward")
    make_awkward_folder(base / "in", base / "elsewhere")
    return base / "in"


def run_cli(folder: Path, out: Path, *extra: str) -> int:
    return main(["run", str(folder), "-o", str(out), "--quiet", *extra])


@pytest.fixture(scope="module")
def first_run(awkward, tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "jobs1"
    code = run_cli(awkward, out, "--jobs", "1")
    return out, code




def tree(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, relative path -> bytes; the incremental state aside (a
    database whose bytes depend on the order the files finished in: see state_rows)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".state" not in p.parts and p.name != "run.json"}


def state_rows(folder: Path) -> list[tuple]:
    import sqlite3

    with contextlib.closing(sqlite3.connect(folder / ".state" / "reports.sqlite")) as db:
        return sorted(db.execute("SELECT file_id, key, record FROM outcomes"))


# ---------------------------------------------------------------- every file accounted for

def test_every_entry_is_in_reports_csv_once(first_run):
    out, _ = first_run
    rows = read_csv(out / "reports.csv")
    ids = [r["doc_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(EXPECTED)


def test_status_and_reason_of_each(first_run):
    out, _ = first_run
    rows = {r["doc_id"]: r for r in read_csv(out / "reports.csv")}
    wrong = []
    for doc_id, (status, reason, encoding) in sorted(EXPECTED.items()):
        row = rows.get(doc_id)
        if row is None:
            wrong.append(f"{doc_id}: not in reports.csv")
            continue
        got = (row["status"], row["error"], row["encoding"])
        if row["status"] != status or row["status"] not in STATUSES:
            wrong.append(f"{doc_id}: status {got}, expected {status}")
        elif status == "ok" and (row["error"] or int(row["n_chars"]) == 0):
            wrong.append(f"{doc_id}: ok without text or with an error {got}")
        elif status != "ok" and reason.lower() not in row["error"].lower():
            wrong.append(f"{doc_id}: reason {row['error']!r} does not say {reason!r}")
        elif encoding and row["encoding"] != encoding:
            wrong.append(f"{doc_id}: encoding {row['encoding']!r}, expected {encoding!r}")
    assert wrong == [], "\n".join(wrong)


def test_exit_status_is_1_when_some_file_ended_in_error(first_run):
    _, code = first_run
    assert code == 1


def test_exit_status_0_without_errors_and_2_for_usage(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # empty is not an error
    assert run_cli(folder, tmp_path / "out") == 0
    assert run_cli(tmp_path / "no such folder", tmp_path / "out2") == 2
    with pytest.raises(SystemExit) as stop:
        main(["run", str(folder), "--jobs", "many"])
    assert stop.value.code == 2


@pytest.mark.parametrize("name, text, encoding", [
    ("gb18030_short.txt", SHORT_SIMPLIFIED, "gb18030"),
    ("big5_short.txt", SHORT_TRADITIONAL, "big5"),
    ("utf16le.txt", SIMPLIFIED, "utf-16-le"),
    ("truncated.txt", SIMPLIFIED[:-1], "utf-8 (truncated)"),
])
def test_awkward_encodings_give_back_the_text(awkward, name, text, encoding):
    report = read_report(awkward / name, awkward)
    assert (report.raw_text, report.encoding) == (text, encoding)


@pytest.mark.parametrize("text", ["工会", "會員", "发展会员", "職工之家", "会员300名。", "慰問困難職工"])
def test_two_character_files_in_gb18030_and_big5(tmp_path, text):
    # the hardest case for encoding detection: a handful of bytes that both encodings read
    for encoding in ("gb18030", "big5"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(data)
        report = read_report(path, tmp_path)
        assert (report.raw_text, report.encoding) == (text, encoding)


def test_deep_html_keeps_its_text(first_run):
    out, _ = first_run
    text = (out / "normalized" / "nested.txt").read_text(encoding="utf-8")
    assert "发展会员300名" in text
    row = {r["doc_id"]: r for r in read_csv(out / "reports.csv")}["nested"]
    assert "nested deeper" in row["warnings"]


def test_unreadable_file_and_folder(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading; the "
                    "unreadable cases that hold for root (a dangling symlink, a symlink "
                    "loop, a named pipe) are in the awkward folder above")
    folder = tmp_path / "in"
    (folder / "locked_folder").mkdir(parents=True)
    (folder / "locked_folder" / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (folder / "locked.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (folder / "fine.txt").write_text(SIMPLIFIED, encoding="utf-8")
    os.chmod(folder / "locked.txt", 0)
    os.chmod(folder / "locked_folder", 0)
    try:
        assert run_cli(folder, tmp_path / "out") == 1
        rows = {r["doc_id"]: r for r in read_csv(tmp_path / "out" / "reports.csv")}
    finally:
        os.chmod(folder / "locked.txt", 0o644)
        os.chmod(folder / "locked_folder", 0o755)
    assert rows["fine"]["status"] == "ok"
    assert rows["locked"]["status"] == "error" and "cannot read" in rows["locked"]["error"]
    assert rows["locked_folder"]["status"] == "error" and "cannot read folder" in rows["locked_folder"]["error"]


# ---------------------------------------------------------------- tables and their order

def test_tables_have_their_header_and_defined_order(first_run):
    out, _ = first_run
    assert header(out / "reports.csv")[:len(REPORT_COLUMNS)] == REPORT_COLUMNS
    assert header(out / "indicators.csv")[:len(INDICATOR_COLUMNS)] == INDICATOR_COLUMNS
    reports = [r["doc_id"] for r in read_csv(out / "reports.csv")]
    assert reports == sorted(reports)
    rows = read_csv(out / "indicators.csv")
    keys = [(r["doc_id"], int(r["start"])) for r in rows]
    assert keys == sorted(keys)
    ok = {r["doc_id"] for r in read_csv(out / "reports.csv") if r["status"] == "ok"}
    assert {r["doc_id"] for r in rows} <= ok


def test_one_table_per_file_and_none_shared(first_run):
    out, _ = first_run
    rows = read_csv(out / "reports.csv")
    tables = [p for p in (out / "reports").rglob("*.csv")]
    assert len(tables) == len(rows)
    for row in rows:
        table = safe_path(out / "reports", row["doc_id"], ".csv")
        assert all(r["doc_id"] == row["doc_id"] for r in read_csv(table))
        assert len(read_csv(table)) == int(row["n_indicators"])


def test_outputs_are_readable_by_others_like_any_file(first_run):
    # temporary files used to be created 0600 and renamed as they were
    out, _ = first_run
    umask = os.umask(0)
    os.umask(umask)
    for path in [out / "reports.csv", out / "indicators.csv", out / "reports" / "big5.csv"]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# ---------------------------------------------------------------- determinism

def test_same_bytes_whatever_the_number_of_jobs(first_run, awkward, tmp_path):
    out1, _ = first_run
    out2 = tmp_path / "jobs2"
    assert run_cli(awkward, out2, "--jobs", "2") == 1
    one, two = tree(out1), tree(out2)
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name] != two[name]]
    assert different == []
    assert state_rows(out1) == state_rows(out2) != []


def test_same_bytes_when_run_again(first_run, awkward, tmp_path):
    from pipeline import run

    out, _ = first_run
    before = tree(out)
    summary = run(awkward, out, jobs=1, progress=False)
    # only what ended in error is tried again (a named pipe, a link out of the folder or
    # back into it are known to be skipped without being opened)
    again = {d for d, (status, _, _) in EXPECTED.items() if status == "error"}
    assert summary.processed == len(again)
    assert tree(out) == before


def test_same_bytes_with_the_dask_engine(first_run, awkward, tmp_path):
    pytest.importorskip("dask.distributed", reason="the Dask engine is an optional extra")
    out1, _ = first_run
    out_dask = tmp_path / "dask"
    assert run_cli(awkward, out_dask, "--engine", "dask", "--jobs", "2") == 1
    match, mismatch, errors = filecmp.cmpfiles(out1, out_dask, ["reports.csv", "indicators.csv",
                                                                 "summary.csv", "panel.csv"], shallow=False)
    assert (mismatch, errors) == ([], [])
    assert tree(out1 / "reports") == tree(out_dask / "reports")
    assert tree(out1 / "normalized") == tree(out_dask / "normalized")


# ---------------------------------------------------------------- names stay inside

def test_no_output_lands_outside_the_output_folder(first_run):
    out, _ = first_run
    base = out.resolve()
    for path in out.rglob("*"):
        assert base in path.resolve().parents
    assert sorted(p.name for p in out.parent.iterdir()) == ["jobs1"]


@pytest.mark.parametrize("doc_id", [
    "../../etc/passwd", "/etc/passwd", "a/../../b", "..\\..\\x", "....//x", "./.", "..", "",
    "~/x", "a/./b", "..txt", "x" * 300, "长" * 100,
])
def test_hostile_doc_ids_map_inside_with_a_usable_name(tmp_path, doc_id):
    out = tmp_path / "out"
    out.mkdir()
    path = safe_path(out, doc_id, ".json")
    assert out.resolve() in path.resolve().parents
    assert all(len(part.encode()) <= 255 for part in path.relative_to(out).parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}", encoding="utf-8")  # the file system accepts the name


def test_links_inside_the_output_folder_do_not_lead_out(tmp_path):
    from pipeline.files import atomic_write, open_output

    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "sub").symlink_to(outside)  # a folder link placed in the output folder
    with pytest.raises(ValueError, match="escapes the output folder"):
        safe_path(out, "sub/a", ".csv")
    (out / "normalized").mkdir()
    (outside / "b.txt").write_text("theirs", encoding="utf-8")
    (out / "normalized" / "b.txt").symlink_to(outside / "b.txt")  # a file link
    path = safe_path(out, "normalized/b", ".txt")
    assert open_output(path) is None  # never read through
    atomic_write(path, "ours")  # the link is replaced, never written through
    assert (outside / "b.txt").read_text(encoding="utf-8") == "theirs"
    assert not path.is_symlink() and path.read_text(encoding="utf-8") == "ours"
    assert safe_path(out, "normalized/c", ".txt") == out / "normalized" / "c.txt"


def test_long_names_stay_apart():
    # two names that differ only past the cut still get two files
    a, b = "长" * 100 + "甲", "长" * 100 + "乙"
    assert safe_path(Path("/o"), a, ".csv") != safe_path(Path("/o"), b, ".csv")
    assert safe_path(Path("/o"), "a\\b", ".csv") != safe_path(Path("/o"), "a/b", ".csv")


def test_output_folder_inside_the_input_is_not_read_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    out = folder / "out"
    assert run_cli(folder, out) == 0
    first = (out / "reports.csv").read_bytes()
    assert run_cli(folder, out) == 0  # its normalized/*.txt would otherwise become inputs
    assert (out / "reports.csv").read_bytes() == first
    assert [r["doc_id"] for r in read_csv(out / "reports.csv")] == ["a"]
