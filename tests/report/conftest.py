"""Fixtures of the report tests: every problem of derivations/ run once, and a report folder.

Each problem is run when a test first asks for it, so xdist workers share the work.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DERIVATIONS = ROOT / "derivations"
PROBLEM_FILES = sorted(DERIVATIONS.glob("*.toml"))
# Kept after the run for people to look at (build/ is not committed).
OUTPUT = ROOT / "build" / "test-output" / "report"


class _Outcomes(dict):
    """Each problem's Outcome, run the first time it is asked for: a test worker runs only
    the problems its tests read, so the bank is not run once per xdist worker."""

    def __missing__(self, stem):
        from symflux.problems import run_problem

        self[stem] = run_problem(DERIVATIONS / f"{stem}.toml", validate=True)
        return self[stem]


@pytest.fixture(scope="session")
def outcomes():
    """Outcome (derivation, comparisons, validation) of every problem file, by stem."""
    return _Outcomes()


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
