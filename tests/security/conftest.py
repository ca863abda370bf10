"""The hostile-input battery: every entry point run in a child process with a time limit
and a memory cap, and a canary file that appears only if injected code ran.

``isolated(code)`` runs ``code`` (Python source) in a fresh interpreter with the worktree's
symflux, ``RLIMIT_AS`` set to ``MEMORY_MB`` and a wall-clock timeout; the child prints
``RAISED <ExceptionClass>: <message>`` or ``RETURNED <repr>``. The placeholder ``CANARY`` in
a payload is replaced by the canary path.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEMORY_MB = 1536
TIMEOUT = 60.0

PRELUDE = """
import sys, traceback
import symflux as sf
def run(f):
    try:
        value = f()
    except sf.SymfluxError as err:
        print("RAISED", type(err).__name__ + ":", str(err)[:400])
    except BaseException as err:
        print("FOREIGN", type(err).__name__ + ":", str(err)[:400])
        traceback.print_exc()
    else:
        print("RETURNED", repr(value)[:400])
"""


def _limit_memory():  # runs in the child before exec
    cap = MEMORY_MB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


@dataclass
class Run:
    stdout: str
    stderr: str
    returncode: int | None
    timed_out: bool
    canary: bool

    @property
    def raised(self) -> str | None:
        for line in self.stdout.splitlines():
            if line.startswith("RAISED "):
                return line.split()[1].rstrip(":")
        return None


@pytest.fixture
def canary(tmp_path) -> Path:
    return tmp_path / "canary-code-ran"


def run_child(argv: list[str], canary: Path, cwd: Path, timeout: float = TIMEOUT,
              stdin: str | None = None) -> Run:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout, preexec_fn=_limit_memory, input=stdin,
                              errors="replace")
        return Run(done.stdout, done.stderr, done.returncode, False, canary.exists())
    except subprocess.TimeoutExpired as err:
        out = err.stdout.decode(errors="replace") if isinstance(err.stdout, bytes) else ""
        return Run(out or "", "", None, True, canary.exists())


@pytest.fixture
def isolated(canary, tmp_path):
    def go(code: str, timeout: float = TIMEOUT) -> Run:
        source = PRELUDE + code.replace("CANARY", repr(str(canary)))
        return run_child([sys.executable, "-c", source], canary, tmp_path, timeout)
    return go


@pytest.fixture
def cli(canary, tmp_path):
    def go(*args: str, timeout: float = TIMEOUT) -> Run:
        return run_child([sys.executable, "-m", "symflux.cli", *args], canary, tmp_path,
                         timeout)
    return go
