"""Fixtures of the report tests: every problem of derivations/ run once, and a report folder."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DERIVATIONS = ROOT / "derivations"
PROBLEM_FILES = sorted(DERIVATIONS.glob("*.toml"))
# Kept after the run for people to look at (build/ is not committed).
OUTPUT = ROOT / "build" / "test-output" / "report"


@pytest.fixture(scope="session")
def outcomes():
    """Outcome (derivation, comparisons, validation) of every problem file, by stem."""
    from symflux.problems import run_problem

    return {path.stem: run_problem(path, validate=True) for path in PROBLEM_FILES}


@pytest.fixture(scope="session")
def three_state(outcomes):
    return outcomes["three_state_cycle"]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """A report folder of the whole bank, as ``symflux report derivations -o DIR`` writes it."""
    from symflux.problems.site import write_report

    out = tmp_path_factory.mktemp("site")
    write_report([DERIVATIONS], out, validate=True)
    return out
