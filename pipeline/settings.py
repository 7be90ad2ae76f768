"""The options of a run, in one object built once and passed down.

As trafilatura's `Extractor`: the command line and the library (`run(..., jobs=2)`)
both build a `Settings`, and every part of the pipeline reads its options from it;
nothing deep inside reads the environment or the command line.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace


@dataclass(frozen=True)
class Settings:
    lexicons: str | None = None          # a lexicon folder; None: the project's
    segmenter: str = "jieba"              # a name of pipeline.backends.SEGMENTERS
    segmenter_options: tuple = ()         # (name, value) pairs: (("model", "…"),)
    jobs: int = 1
    engine: str = "local"                 # local | dask
    scheduler: str | None = None          # a Dask scheduler's address
    incremental: bool = True              # skip files whose outputs are up to date
    excel: bool = False                   # CSVs with a BOM (and cells neutralised)
    formats: tuple[str, ...] = ("csv",)   # output formats of the corpus tables
    progress: bool | None = None          # None: a bar on a terminal for more than 5 files
    text_column: str | None = None        # the column of article text in CSV/XLSX/JSONL
    segmented: bool = False               # also write segmented/<doc_id>.txt (words by spaces)
    max_file_mb: float | None = 20        # larger files are skipped unread (0 or None: no limit)
    follow_symlinks: bool = False         # read links that lead out of the input folder
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_options(cls, **options) -> "Settings":
        """Settings from keyword options; unknown names are refused, not ignored."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        if isinstance(options.get("segmenter_options"), dict):
            options["segmenter_options"] = tuple(sorted(options["segmenter_options"].items()))
        if isinstance(options.get("formats"), str):
            options["formats"] = (options["formats"],)
        return cls(**options)

    def but(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def segmenter_kwargs(self) -> dict:
        return dict(self.segmenter_options)

    @property
    def pipeline_key(self) -> tuple:
        """What a pipeline is built from: equal keys, the same pipeline. The text column
        too: the ingest stage reads it from the pipeline's settings."""
        return (self.lexicons, self.segmenter, self.segmenter_options, self.text_column)
