"""Run policygen in a child process under constraints: bounded memory and CPU, or a slow disk.

Nothing here changes product code: the limits are set in the child before it starts, and the slow
disk is a ``sitecustomize`` module put first on the child's ``PYTHONPATH``, so every Python process
of the run (worker processes too, however they are started) writes through it.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

#: Address space and CPU time a child may use on hostile input (a normal build needs about 60 MB).
MEMORY_LIMIT = 1 << 30
CPU_SECONDS = 60


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_bounded(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` with at most ``MEMORY_LIMIT`` bytes of address space and
    ``CPU_SECONDS`` of CPU. Running out of either fails the test with the reason, not a hang."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            preexec_fn=_limits,
            timeout=CPU_SECONDS * 5,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {CPU_SECONDS * 5} s (waiting, not computing: a hang)")
    if result.returncode < 0:
        name = signal.Signals(-result.returncode).name
        pytest.fail(f"killed by {name} (SIGXCPU: over {CPU_SECONDS} s of CPU; SIGKILL: out of memory)")
    assert "MemoryError" not in result.stderr, f"ran out of {MEMORY_LIMIT >> 20} MB:\n{result.stderr[-2000:]}"
    return result


SLOW_DISK = '''\
"""Slow disk: every file opened for writing is written in small chunks, each flushed to the
file and followed by a pause, so a half-written file stays visible for a while."""
import builtins, io, os, time

_CHUNK = int(os.environ.get("SLOW_DISK_CHUNK", "4096"))
_PAUSE = float(os.environ.get("SLOW_DISK_PAUSE", "0.01"))
_open = io.open


class _Slow:
    def __init__(self, fh):
        self._fh = fh

    def write(self, data):
        for start in range(0, len(data), _CHUNK):
            self._fh.write(data[start : start + _CHUNK])
            self._fh.flush()
            time.sleep(_PAUSE)
        return len(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._fh.__exit__(*exc)

    def __iter__(self):
        return iter(self._fh)

    def __getattr__(self, name):
        return getattr(self._fh, name)


def _slow_open(file, mode="r", *args, **kwargs):
    fh = _open(file, mode, *args, **kwargs)
    return _Slow(fh) if any(flag in mode for flag in "wax+") else fh


# os.fdopen, pathlib and open() all go through io.open (the import system uses _io directly).
io.open = builtins.open = _slow_open
'''


def slow_disk_env(folder: Path, chunk: int = 4096, pause: float = 0.01) -> dict[str, str]:
    """Environment for a child whose writes go through ``SLOW_DISK`` (written into ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SLOW_DISK, encoding="utf-8")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
        "LANG": "C.UTF-8",
        "SLOW_DISK_CHUNK": str(chunk),
        "SLOW_DISK_PAUSE": str(pause),
    }
