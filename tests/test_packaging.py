"""The package works outside the clone: a wheel built from the project holds every
subpackage and the lexicons, and once installed into a fresh virtual environment,
`process_text` and `python -m pipeline run` work from another folder.

The wheel is built from a copy of the project's files (so the clone is left as it is),
without build isolation (the test install carries setuptools and wheel: no download).
The fresh environment gets the wheel alone; the packages it depends on are those of
this environment, reached through a .pth file (installing them again from the index
would take minutes and the network), which does not bring the clone's editable copy:
the test checks that `pipeline` is imported from the fresh environment."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["pipeline", "lexicons", "pyproject.toml", "README.md"]


def _run(*command, cwd=None, env=None, timeout=600):
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools", reason="the test install carries setuptools")
    tmp = tmp_path_factory.mktemp("build")
    source = tmp / "src"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", tmp / "dist", source)
    [built] = (tmp / "dist").glob("work_report_indicators-*.whl")
    return built


def test_the_wheel_holds_every_subpackage_and_the_lexicons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for init in (ROOT / "pipeline").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names, f"{init.parent.name} is not in the wheel"
    for path in (ROOT / "pipeline").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in names
    for lexicon in (ROOT / "lexicons").iterdir():
        assert f"pipeline/lexicons/{lexicon.name}" in names, f"{lexicon.name} is not in the wheel"


@pytest.fixture(scope="module")
def fresh(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel installed; its python."""
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--quiet", wheel)
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORK_REPORT_LEXICONS")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def test_process_text_works_from_another_folder(fresh, tmp_path):
    code = ("import json, pipeline\n"
            "from pipeline import process_text\n"
            "from pipeline.lexicon import load\n"
            "r = process_text('全县新建工会组织52个，发展会员3600名，投入帮扶资金近400万元。')\n"
            "print(json.dumps({'module': pipeline.__file__, 'lexicons': str(load().directory),\n"
            "                  'found': [(i.mention, i.category) for i in r.indicators]}))\n")
    done = _run(fresh, "-c", code, cwd=tmp_path, env=_env())
    result = json.loads(done.stdout.strip().splitlines()[-1])
    venv = fresh.parent.parent
    assert Path(result["module"]).is_relative_to(venv), result["module"]  # not the clone
    assert Path(result["lexicons"]).is_relative_to(venv) and result["lexicons"].endswith("pipeline/lexicons")
    assert result["found"] == [["52个", "union_orgs"], ["3600名", "members"], ["近400万元", "funds"]]


def test_python_m_pipeline_run_works_from_another_folder(fresh, tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("凌江县总工会工作总结\n全县新建工会组织52个，发展会员3600名。",
                                                 encoding="utf-8")
    done = _run(fresh, "-m", "pipeline", "run", "articles", "-o", "out", cwd=tmp_path, env=_env())
    assert "2 indicators" in done.stderr
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert Path(info["lexicons"]).is_relative_to(fresh.parent.parent)
    assert info["command"][:4] == ["python", "-m", "pipeline", "run"]
    rows = (tmp_path / "out" / "indicators.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3
    version = _run(fresh, "-m", "pipeline", "--version", cwd=tmp_path, env=_env()).stdout
    from pipeline.version import __version__

    assert __version__ in version
