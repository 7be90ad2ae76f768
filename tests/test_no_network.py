"""No network at run time: the pipeline runs with every Internet socket refused.

A `sitecustomize` module put first on PYTHONPATH replaces socket connection, sending and
name lookup in the child Python (and in the pool workers it forks) with a refusal that is
also written to a log, so an attempt that some library catches and hides still shows.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GUARD = '''
import os, socket, traceback

_LOG = os.environ["NETWORK_ATTEMPTS_LOG"]
_INTERNET = {socket.AF_INET, socket.AF_INET6}
_THIS_MACHINE = {None, "localhost", "127.0.0.1", "::1", ""}


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(f"{what} in process {os.getpid()}\\n")
        fh.write("".join(traceback.format_stack(limit=12)) + "\\n")
    raise OSError(f"network access blocked by the test: {what}")


class _GuardedSocket(socket.socket):
    # making a socket is not network access (urllib3 makes one at import to probe IPv6);
    # reaching another machine is
    def connect(self, address):
        if self.family in _INTERNET:
            _refuse(f"connect({address!r})")
        return super().connect(address)

    def connect_ex(self, address):
        if self.family in _INTERNET:
            _refuse(f"connect_ex({address!r})")
        return super().connect_ex(address)

    def sendto(self, *args):
        if self.family in _INTERNET:
            _refuse(f"sendto{args[-1:]!r}")
        return super().sendto(*args)


_real_getaddrinfo = socket.getaddrinfo


def _lookup(host, *args, **kwargs):
    if host not in _THIS_MACHINE:
        _refuse(f"getaddrinfo({host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket = _GuardedSocket
socket.create_connection = lambda address, *a, **k: _refuse(f"create_connection({address!r})")
socket.getaddrinfo = _lookup
socket.gethostbyname = lambda host: _refuse(f"gethostbyname({host!r})")
'''


@pytest.fixture
def offline_env(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "attempts.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(guard), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["NETWORK_ATTEMPTS_LOG"] = str(log)
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(proxy, None)
    return env, log


def test_the_guard_really_blocks(offline_env):
    """Without this the test below could pass with a guard that does nothing."""
    env, log = offline_env
    # 192.0.2.1 is a documentation address: nothing answers there, and nothing is sent
    for probe, attempt in [
        ("import urllib.request; urllib.request.urlopen('http://192.0.2.1/', timeout=1)", "create_connection"),
        ("import socket; socket.socket().connect(('192.0.2.1', 80))", "connect("),
        ("import socket; socket.getaddrinfo('example.org', 80)", "getaddrinfo"),
    ]:
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode != 0
        assert "blocked by the test" in done.stderr
        assert attempt in log.read_text(encoding="utf-8")


def test_pipeline_runs_without_network(offline_env, tmp_path):
    env, log = offline_env
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in (ROOT / "corpus").rglob("*"):
        if sample.is_file():
            target = folder / sample.relative_to(ROOT / "corpus")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(sample.read_bytes())
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out),
                           "--jobs", "2"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert attempts == "", attempts
    assert done.returncode == 0, done.stderr
    reports = (out / "reports.csv").read_text(encoding="utf-8")
    assert reports.count(",ok,") >= 7  # the sample articles, HTML page included
    assert (out / "indicators.csv").stat().st_size > 10_000


def test_library_call_without_network(offline_env, tmp_path):
    """The library entry point, in a fresh interpreter: imports included."""
    env, log = offline_env
    code = ("from pipeline import process_text; "
            "r = process_text('全区新建工会组织12个，发展会员300名。'); "
            "print(len(r.indicators))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert (log.read_text(encoding="utf-8") if log.exists() else "") == ""
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip().splitlines()[-1]) == 2
