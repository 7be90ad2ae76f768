"""The errors the pipeline raises on purpose, each with a code and one clear sentence.

As in spaCy's `errors.py`: every error a user can meet is a class here, its message
says what happened and what to do, and its code (`E101`) can be searched for. The
command line prints `error: [CODE] message` and exits with the class's exit status;
anything else that escapes is reported as what it is (its type and place), never
relabelled as one of these.
"""
from __future__ import annotations


class PipelineError(Exception):
    """Base of the errors that stop a run before or instead of its work (exit status 2)."""

    code = "E000"
    exit_status = 2

    def __str__(self) -> str:
        return super().__str__()

    @property
    def message(self) -> str:
        return f"[{self.code}] {self}"


class UsageError(PipelineError, ValueError):
    """A command or call that cannot be carried out as given: a missing input folder, an
    output path that is a file, an unknown format or segmenter."""

    code = "E001"


class InputNotFound(UsageError, FileNotFoundError):
    code = "E002"


class OutputNotWritable(UsageError):
    """The output folder cannot be written: read-only, full, not a folder. Raised before
    any work, or when it happens midway (every table left is whole)."""

    code = "E003"


class OutputInUse(UsageError):
    """Another run is writing to the same output folder (it holds the folder's lock)."""

    code = "E006"


class MissingDependency(UsageError):
    """An optional feature asked for whose package is not installed (pyarrow, dask, …)."""

    code = "E004"


class UnknownName(UsageError, KeyError):
    """A name looked up in a registry that has no such entry."""

    code = "E005"

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class LexiconError(PipelineError, ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""

    code = "E101"


class StageOrderError(PipelineError):
    """A list of stages in which a stage needs what no stage before it provides."""

    code = "E201"


class SegmenterUnavailable(PipelineError, FileNotFoundError):
    """A segmenter backend, or a model it needs, is not on this machine."""

    code = "E301"


class GoldError(UsageError):
    """Gold annotations that cannot be read or match no document."""

    code = "E401"
