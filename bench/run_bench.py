"""Benchmark of the pipeline against segmentation alone and against peer libraries.

    make bench                                  # = python bench/run_bench.py
    python bench/run_bench.py --memory          # also peak memory on a ~100 MB corpus
    python bench/run_bench.py --repeat 5        # best of 5 rounds (default 3)

Builds bench/corpus/main from ../shared/corpus/seeds (each seed copied --copies times, in
folders copy0000/, copy0001/, ...), then times, each as its own process (start-up
included), in rounds (--repeat, the best of each kept): jieba's `lcut` alone over the
same files, the pipeline with --jobs 1 and --jobs 2, two --jobs 1 runs over the two
halves of the corpus started together (the most two cores can give this work here), and
a pure-Python loop alone and two at once (the machine's own two-core ceiling). Then a
second run with nothing changed, a run after one article changed, a --jobs 1 run over
the project's own articles (corpus/ and tests/data/, each once: short pages, no sentence
repeated), and peak memory in runs of its own. It also measures, in process, OpenCC's Traditional -> Simplified
conversion, jieba-rs (the pipeline's segmenter), the HanLP segmenter (one copy of the
seeds; $HANLP_MODEL, or a model of ELECTRA-small's shape with random weights), JioNLP's
money extractor and Recognizers-Text's currency recognizer (the last two over
--peer-copies copies, they are slow). It prints MB/s and the ratios the targets are
stated in (among them the pipeline's seconds per MB over JioNLP's), and appends them to
bench/results.csv with the date and machine.

Wall-clock times on a shared machine move with the load of other processes: CPU times
(user + system, of the process and its workers) are given beside them, and the load
average at the start of each measurement.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
RESULTS = BENCH / "results.csv"
RESULT_COLUMNS = ["date", "machine", "measure", "mb", "wall_s", "cpu_s", "mb_per_s",
                  "ratio", "target", "load_avg", "note"]
MB = 1e6

# Targets of issues 4 and 19, as (measure, bound, direction).
TARGETS = {
    "pipeline_jobs1/jieba_lcut": (1.2, "<="),
    "pipeline_jobs1/jionlp_extract_money": (1.0, "<="),
    "pipeline_jobs1/pipeline_jobs2": (1.8, ">="),
    "second_run/first_run": (0.05, "<"),
    "peak_memory_mb_100MB_corpus": (400, "<"),
}


# ------------------------------------------------------------------ the corpus

def build_corpus(target: Path, copies: int, seeds: Path = SEEDS) -> int:
    """Copy every seed `copies` times into target/copyNNNN/; returns the corpus's bytes.
    A corpus already there with the same files is kept."""
    seed_files = sorted(p for p in seeds.iterdir() if p.is_file())
    size = copies * sum(p.stat().st_size for p in seed_files)
    folders = [target / f"copy{i:04d}" for i in range(copies)]
    wanted = {(f.name, p.name, p.stat().st_size) for f in folders for p in seed_files}
    there = {(p.parent.name, p.name, p.stat().st_size) for p in target.glob("*/*") if p.is_file()}
    if there == wanted:
        return size
    shutil.rmtree(target, ignore_errors=True)
    for folder in folders:
        folder.mkdir(parents=True)
        for p in seed_files:
            shutil.copyfile(p, folder / p.name)
    return size


def build_own_articles(target: Path) -> tuple[int, int]:
    """The project's own articles (corpus/ and tests/data/), each once, into target/:
    (files, bytes). Unlike the seeds copied a hundred times, no sentence repeats, so no
    cache helps, and most are short pages, so what each file costs shows; a rule that is
    slow only on some text (a pattern that backtracks) shows here first."""
    sources = sorted(p for p in [*(ROOT / "corpus").rglob("*"), *(ROOT / "tests" / "data").rglob("*.txt")]
                     if p.is_file() and p.suffix in (".txt", ".html", ".htm"))
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for i, p in enumerate(sources):
        shutil.copyfile(p, target / f"{i:04d}_{p.name}")
    return len(sources), sum(p.stat().st_size for p in sources)


def corpus_texts(corpus: Path):
    for path in sorted(corpus.rglob("*.txt")):
        yield path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ measuring

def load_avg() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


class TreeMemory:
    """Peak memory of a process and all its descendants, summed, sampled: proportional set
    size where the system tells it (pages that forked workers share count once), else
    resident set size."""

    def __init__(self, pid: int, interval: float = 0.1):
        import psutil

        self._proc = psutil.Process(pid)
        self._interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self):
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self._proc, *self._proc.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        info = p.memory_full_info()
                        total += getattr(info, "pss", info.rss)
                    except psutil.AccessDenied:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._stop.wait(self._interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str], memory: bool = False) -> dict:
    """Run a command; its wall time, CPU time (with its children) and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = load_avg()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeMemory(proc.pid) if memory else None
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    peak = sampler.stop() if sampler else None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1: some file failed, which is a result, not a crash
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mem": peak, "stdout": out, "stderr": err, "load": load}


# A pure-Python loop of about a second: what one core does alone and two cores side by side.
BURN = "x = 0\nfor i in range(20_000_000):\n    x += i * i\n"


def two_core_ceiling() -> float:
    """How much more two CPU-bound processes get done than one, on this machine now: one
    loop alone, then two at once (2.0 on two free cores; less when the cores are shared
    with other virtual machines or are siblings of one physical core)."""
    cmd = [sys.executable, "-c", BURN]

    def wall(n: int) -> float:
        start = time.perf_counter()
        for proc in [subprocess.Popen(cmd) for _ in range(n)]:
            proc.wait()
        return time.perf_counter() - start

    # alone before and after the pair: the machine's speed drifts from minute to minute
    alone, pair, again = wall(1), wall(2), wall(1)
    return (alone + again) / pair


def two_halves_at_once(halves: list[Path]) -> float:
    """Wall time of two --jobs 1 runs, one over each half of the corpus, started together:
    two independent processes, the most that two cores can give this work here."""
    start = time.perf_counter()
    procs = []
    for i, half in enumerate(halves):
        out = BENCH / f"out-half{i + 1}"
        shutil.rmtree(out, ignore_errors=True)
        procs.append(subprocess.Popen(pipeline_cmd(half, out, 1), cwd=ROOT,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for proc in procs:
        if proc.wait() not in (0, 1):
            raise SystemExit(f"a run over {halves} failed")
    return time.perf_counter() - start


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["wall"])


def pipeline_cmd(corpus: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", str(corpus), "-o", str(out),
            "--jobs", str(jobs), *extra]


def time_pipeline(corpus: Path, out: Path, jobs: int, memory: bool = True) -> dict:
    """A first run (nothing to reuse) into `out`."""
    shutil.rmtree(out, ignore_errors=True)
    return timed(pipeline_cmd(corpus, out, jobs), memory=memory)


# ------------------------------------------------------------------ peers (in a process of their own)

def peer_jieba(corpus: Path) -> dict:
    """jieba.lcut over every file: the baseline the pipeline's time is compared with."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    n_words = n_bytes = 0
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        n_bytes += len(text.encode("utf-8"))
        n_words += len(jieba.lcut(text))
    return {"bytes": n_bytes, "words": n_words}


def _in_process(corpus: Path, make, apply, unit: str = "line") -> dict:
    """Time `apply` over the corpus (each line, or each whole text), after `make()`."""
    t0 = time.perf_counter()
    tool = make()
    t1 = time.perf_counter()
    texts = list(corpus_texts(corpus))
    pieces = [line for t in texts for line in t.splitlines() if line.strip()] if unit == "line" else texts
    n_bytes = sum(len(p.encode("utf-8")) for p in pieces)
    c0 = time.process_time()
    t2 = time.perf_counter()
    found = sum(len(apply(tool, p) or ()) for p in pieces)
    wall = time.perf_counter() - t2
    return {"bytes": n_bytes, "seconds": wall, "cpu": time.process_time() - c0,
            "setup": t1 - t0, "found": found}


def peer_opencc(corpus: Path) -> dict:
    from pipeline.chinese import t2s as _t2s

    return _in_process(corpus, _t2s, lambda cc, text: [cc.convert(text)], unit="text")


def peer_rjieba(corpus: Path) -> dict:
    from pipeline.lexicon import load
    from pipeline.backends.jieba_rs import JiebaSegmenter

    return _in_process(corpus, lambda: JiebaSegmenter(load(None)), lambda s, text: s.cut(text),
                       unit="text")


def peer_jionlp(corpus: Path) -> dict:
    def make():
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):  # its banner
            import jionlp
        return jionlp.ner.MoneyExtractor()

    return _in_process(corpus, make, lambda ex, line: ex(line))


def peer_recognizers(corpus: Path) -> dict:
    def make():
        from recognizers_number_with_unit import recognize_currency
        from recognizers_text import Culture

        return lambda line: recognize_currency(line, Culture.Chinese)

    return _in_process(corpus, make, lambda rec, line: rec(line))


def electra_small_shaped_model() -> str:
    """A HanLP tokenizer of COARSE_ELECTRA_SMALL_ZH's shape (12 layers of width 256) with
    random weights, built in a temporary folder: its speed, none of its quality."""
    import contextlib
    import io
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    from test_hanlp_backend import ELECTRA_SMALL, build_tiny_model

    with contextlib.redirect_stdout(io.StringIO()):  # HanLP's training log
        return str(build_tiny_model(Path(tempfile.mkdtemp()), shape=ELECTRA_SMALL, epochs=1))


def peer_hanlp(corpus: Path) -> dict:
    """The HanLP segmenter, one sentence at a time as the pipeline calls it, on $HANLP_MODEL
    (a folder or an identifier already downloaded) or else on a model of
    COARSE_ELECTRA_SMALL_ZH's shape built here (its building is not timed)."""
    from pipeline.backends.hanlp import HanLPSegmenter
    from pipeline.lexicon import load
    from pipeline.segment import split_sentences

    model = os.environ.get("HANLP_MODEL") or electra_small_shaped_model()

    def cut_sentences(seg, text):
        return [w for s, e, _ in split_sentences(text) for w in seg.cut(text[s:e])]

    return _in_process(corpus, lambda: HanLPSegmenter(load(None), model=model), cut_sentences,
                       unit="text")


PEERS = {"jieba": peer_jieba, "opencc": peer_opencc, "rjieba": peer_rjieba,
         "hanlp": peer_hanlp, "jionlp": peer_jionlp, "recognizers": peer_recognizers}


def run_peer(name: str, corpus: Path) -> dict:
    """A peer in its own process (start-up included in `wall`); None if not installed."""
    result = timed([sys.executable, str(Path(__file__).resolve()), "--peer", name, str(corpus)])
    try:
        inner = json.loads(result["stdout"].strip().splitlines()[-1])
    except (ValueError, IndexError):
        inner = {"error": result["stderr"].strip().splitlines()[-1:] or ["no output"]}
    return {**result, **inner}


# ------------------------------------------------------------------ the report

def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()}; {cpu}; {os.cpu_count()} cores; Python {platform.python_version()}"


class Report:
    def __init__(self):
        self.rows: list[dict] = []
        self.date = dt.datetime.now().isoformat(timespec="seconds")
        self.machine = machine()

    def add(self, measure: str, mb=None, wall=None, cpu=None, ratio=None, load=None, note=""):
        target = ""
        if measure in TARGETS and ratio is not None:
            bound, op = TARGETS[measure]
            ok = {"<=": ratio <= bound, ">=": ratio >= bound, "<": ratio < bound}[op]
            target = f"{op} {bound}: {'met' if ok else 'MISSED'}"
        row = {"date": self.date, "machine": self.machine, "measure": measure,
               "mb": _fmt(mb), "wall_s": _fmt(wall), "cpu_s": _fmt(cpu),
               "mb_per_s": _fmt(mb / wall if mb and wall else None),
               "ratio": _fmt(ratio, 3), "target": target, "load_avg": _fmt(load), "note": note}
        self.rows.append(row)
        shown = [f"{measure:32s}"]
        if wall is not None:
            shown.append(f"{wall:8.2f} s wall")
        if cpu is not None:
            shown.append(f"{cpu:8.2f} s cpu")
        if mb and wall:
            shown.append(f"{mb / wall:7.3g} MB/s")  # 3 digits: a HanLP rate is 0.005
        if ratio is not None:
            shown.append(f"ratio {ratio:.3f}")
        if target:
            shown.append(f"[{target}]")
        if note:
            shown.append(f"({note})")
        print("  ".join(shown), flush=True)

    def save(self, path: Path = RESULTS) -> None:
        new = not path.exists()
        with open(path, "a", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=RESULT_COLUMNS, lineterminator="\n")
            if new:
                writer.writeheader()
            writer.writerows(self.rows)


def _fmt(value, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def processed_of(stderr: str) -> str:
    """The run's own summary line ('500 files (...); ... N processed, M up to date')."""
    lines = [line for line in stderr.splitlines() if "processed" in line]
    return lines[-1].split("; ")[-1].split(" -> ")[0] if lines else ""


# ------------------------------------------------------------------ main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the seeds (default 100)")
    parser.add_argument("--peer-copies", type=int, default=10,
                        help="copies for JioNLP and Recognizers-Text, which are slow (default 10)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of jieba, --jobs 1 and --jobs 2; the best of each (default 3)")
    parser.add_argument("--memory", action="store_true",
                        help="also the peak memory of a run over a ~100 MB corpus (minutes)")
    parser.add_argument("--memory-mb", type=float, default=100.0, help="size of that corpus")
    parser.add_argument("--no-save", action="store_true", help="do not append to bench/results.csv")
    parser.add_argument("--peer", nargs=2, metavar=("NAME", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.peer:  # inside the subprocess of one peer
        name, corpus = args.peer
        print(json.dumps(PEERS[name](Path(corpus))))
        return 0

    if not SEEDS.is_dir():
        raise SystemExit(f"seeds not found: {SEEDS}")
    corpus = BENCH / "corpus" / "main"  # bench/corpus/ and bench/out*/ are git-ignored
    size = build_corpus(corpus, args.copies) / MB
    peer_corpus = BENCH / "corpus" / "peers"
    peer_size = build_corpus(peer_corpus, args.peer_copies) / MB
    hanlp_corpus = BENCH / "corpus" / "hanlp"  # one copy: a transformer is slow on a CPU
    hanlp_size = build_corpus(hanlp_corpus, 1) / MB
    halves = [BENCH / "corpus" / f"half{i}" for i in (1, 2)]  # the same articles, in two
    for half in halves:
        build_corpus(half, args.copies // 2)
    print(f"corpus: {size:.2f} MB ({args.copies} copies of the seeds) in {corpus.relative_to(ROOT)}; "
          f"{machine()}; load average {load_avg():.2f}\n", flush=True)
    report = Report()

    # Rounds of jieba alone, --jobs 1 and --jobs 2, one after the other, so that the three
    # see the same load of a shared machine; the best of each, as timeit does. These runs
    # are timed without sampling memory: reading /proc of each process ten times a second
    # takes CPU, from the workers of --jobs 2 more than from one process.
    rounds = {"jieba": [], 1: [], 2: [], "halves": [], "ceiling": []}
    out = {1: BENCH / "out-jobs1", 2: BENCH / "out-jobs2"}
    for _ in range(args.repeat):
        rounds["jieba"].append(run_peer("jieba", corpus))
        for jobs in (1, 2):
            rounds[jobs].append(time_pipeline(corpus, out[jobs], jobs, memory=False))
        rounds["halves"].append(two_halves_at_once(halves))
        rounds["ceiling"].append(two_core_ceiling())
    base, one, two = best(rounds["jieba"]), best(rounds[1]), best(rounds[2])
    out1 = out[1]
    report.add("jieba_lcut", size, base["wall"], base["cpu"], load=base["load"],
               note=f"jieba.lcut on each file, start-up included; best of {args.repeat}")
    # peak memory: runs of their own, sampled
    mem1 = time_pipeline(corpus, out[1], 1)["peak_mem"]
    mem2 = time_pipeline(corpus, out[2], 2)["peak_mem"]
    report.add("pipeline_jobs1", size, one["wall"], one["cpu"], load=one["load"],
               note=f"best of {args.repeat}; peak memory {mem1 / 2**20:.0f} MB")
    report.add("pipeline_jobs2", size, two["wall"], two["cpu"], load=two["load"],
               note=f"best of {args.repeat}; peak memory, all processes {mem2 / 2**20:.0f} MB")
    # The ratios are taken within each round (runs a minute apart, on a machine whose speed
    # drifts over minutes), and the median of the rounds counts: the best --jobs 1 of one
    # minute over the best --jobs 2 of another would measure the drift as much as the code.
    def paired(top, bottom) -> tuple[float, str]:
        ratios = [a / b for a, b in zip(top, bottom)]
        return median(ratios), ", ".join(f"{r:.2f}" for r in ratios)

    walls = {key: [r["wall"] if isinstance(r, dict) else r for r in runs]
             for key, runs in rounds.items()}
    ratio, each = paired(walls[1], walls["jieba"])
    report.add("pipeline_jobs1/jieba_lcut", ratio=ratio,
               note=f"median of rounds: {each}; cpu ratio of the best {one['cpu'] / base['cpu']:.3f}")
    ratio, each = paired(walls[1], walls[2])
    report.add("pipeline_jobs1/pipeline_jobs2", ratio=ratio,
               note=f"median of rounds: {each}; of the best runs {one['wall'] / two['wall']:.2f}; "
                    f"load average {two['load']:.2f} on {os.cpu_count()} cores")
    ratio, each = paired(walls[1], walls["halves"])
    report.add("pipeline_jobs1/two_halves", ratio=ratio,
               note="what --jobs 2 could reach at best here: two --jobs 1 runs, each over half "
                    f"of the corpus, started together; median of rounds: {each}")
    report.add("two_processes/one_process", ratio=median(rounds["ceiling"]),
               note="the machine's own two-core ceiling: a pure-Python loop alone and two at "
                    "once; median of rounds: " + ", ".join(f"{c:.2f}" for c in rounds["ceiling"]))

    again = best([timed(pipeline_cmd(corpus, out1, 1)) for _ in range(args.repeat)])
    report.add("second_run", size, again["wall"], again["cpu"], load=again["load"],
               note=processed_of(again["stderr"]))
    report.add("second_run/first_run", ratio=again["wall"] / one["wall"])

    changed = corpus / "copy0000" / sorted(p.name for p in SEEDS.iterdir())[0]
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + "\n另悉，该市去年新建职工书屋37家。\n".encode("utf-8"))
        edit = timed(pipeline_cmd(corpus, out1, 1))
    finally:
        changed.write_bytes(original)
    report.add("one_article_changed", size, edit["wall"], edit["cpu"], load=edit["load"],
               note=processed_of(edit["stderr"]))

    own = BENCH / "corpus" / "own"
    own_files, own_bytes = build_own_articles(own)
    own_run = best([time_pipeline(own, BENCH / "out-own", 1, memory=False) for _ in range(args.repeat)])
    report.add("pipeline_jobs1_own_articles", own_bytes / MB, own_run["wall"], own_run["cpu"],
               load=own_run["load"], note=f"{own_files} files of corpus/ and tests/data/, each once; "
                                          f"best of {args.repeat}")

    peers = {}
    for name, what, on, mb in [("opencc", "opencc_t2s", corpus, size),
                               ("rjieba", "jieba_rs_segmenter", corpus, size),
                               ("hanlp", "hanlp_segmenter", hanlp_corpus, hanlp_size),
                               ("jionlp", "jionlp_extract_money", peer_corpus, peer_size),
                               ("recognizers", "recognizers_currency", peer_corpus, peer_size)]:
        peer = run_peer(name, on)
        if "error" in peer:
            report.add(what, note=f"not run: {peer['error']}")
            continue
        report.add(what, peer["bytes"] / MB, peer["seconds"], peer["cpu"], load=peer["load"],
                   note=f"in process, {peer['setup']:.2f} s to load, {peer['found']} found; "
                        f"{peer['wall']:.2f} s with start-up")
        peers[what] = peer
    if "jionlp_extract_money" in peers:
        # seconds per MB of the whole pipeline (start-up included, --jobs 1) over those of
        # JioNLP's money extraction alone, in process; with its start-up in the note
        money = peers["jionlp_extract_money"]
        per_mb = one["wall"] / size
        report.add("pipeline_jobs1/jionlp_extract_money", ratio=per_mb / (money["seconds"] * MB / money["bytes"]),
                   note=f"pipeline {size / one['wall']:.2f} MB/s, JioNLP {money['bytes'] / MB / money['seconds']:.2f} "
                        f"MB/s in process; against JioNLP with its start-up "
                        f"{per_mb / (money['wall'] * MB / money['bytes']):.3f}")

    if args.memory:
        big = BENCH / "corpus" / "big"
        copies = max(1, round(args.memory_mb * MB / (size * MB / args.copies)))
        big_size = build_corpus(big, copies) / MB
        shutil.rmtree(BENCH / "out-big", ignore_errors=True)
        run_big = timed(pipeline_cmd(big, BENCH / "out-big", 1), memory=True)
        report.add("pipeline_jobs1_big", big_size, run_big["wall"], run_big["cpu"],
                   load=run_big["load"], note=f"peak memory {run_big['peak_mem'] / 2**20:.0f} MB")
        report.add("peak_memory_mb_100MB_corpus", ratio=run_big["peak_mem"] / 2**20,
                   note=f"{big_size:.0f} MB corpus; {size:.1f} MB corpus: "
                        f"{mem1 / 2**20:.0f} MB")
    if not args.no_save:
        report.save()
        print(f"\nappended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
