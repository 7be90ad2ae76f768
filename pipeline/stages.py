"""What a stage is: a named function over a report that declares what it reads and adds.

As Stanza's processors: each stage says which fields of the `Report` it requires and
which it provides, and a list of stages is checked once, when a `Pipeline` is built,
so that a stage placed before the one that feeds it fails at construction, not on the
thousandth file. The list itself is `pipeline.pipeline.STAGES`.

A stage's function takes the report and the resources it `needs`, by name (`lexicon`,
`segmenter`, `settings`), and returns the report. It runs only on reports whose status
is still `ok`; to stop a report it calls `report.fail(status, reason)`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .errors import StageOrderError
from .report import Report

# What a report holds before any stage: made by whoever creates it (a reader, a call).
GIVEN = ("doc_id", "path")


@dataclass(frozen=True)
class Stage:
    name: str
    function: Callable[..., Report]
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # resources: lexicon, segmenter, settings

    def __call__(self, report: Report, resources) -> Report:
        return self.function(report, **{name: getattr(resources, name) for name in self.needs})


def check_order(stages: list[Stage], given: tuple[str, ...] = GIVEN) -> None:
    """Every stage's requirements are provided by the stages before it (or given)."""
    provided = set(given)
    for stage in stages:
        missing = [field for field in stage.requires if field not in provided]
        if missing:
            raise StageOrderError(f"stage {stage.name!r} needs {', '.join(missing)}, which no "
                                  f"stage before it provides (order: {', '.join(s.name for s in stages)})")
        provided.update(stage.provides)


def run_stages(stages: list[Stage], report: Report, resources) -> Report:
    """The stages in order over one report, each once; a report that stops being `ok`
    goes no further."""
    for stage in stages:
        if report.status != "ok":
            break
        if stage.name in report.done:
            continue
        report = stage(report, resources)
        report.done.append(stage.name)
    return report
