"""The SBML bank problems (model = { sbml = ... }, control-analysis [find]) run through the
problem loader: derived, compared with [expect], validated."""

from __future__ import annotations

from pathlib import Path

import pytest

import symflux as sf
from symflux.problems import load_problem, run_problem
from symflux.reactions.control import control_result_name

pytest.importorskip("libsbml")
BANK = Path(__file__).resolve().parents[2] / "derivations"
SBML_PROBLEMS = sorted(p for p in BANK.glob("*.toml") if "sbml =" in p.read_text())


def test_the_bank_has_sbml_problems():
    assert len(SBML_PROBLEMS) >= 2


@pytest.mark.parametrize("path", SBML_PROBLEMS, ids=lambda p: p.stem)
def test_sbml_problem_derives_its_expected_answers_and_validates(path):
    outcome = run_problem(path, validate=True)
    assert outcome.error is None, outcome.error
    assert outcome.comparisons and all(c.equal for c in outcome.comparisons)
    assert outcome.passed, str(outcome.validation)


def test_sbml_path_outside_the_problem_folder_is_refused(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\nsource = "y"\nkind = "reactions"\n'
                   'model = { sbml = "../../etc/passwd" }\n[find]\nC = "elasticity v1 S"\n')
    outcome = run_problem(load_problem(bad), validate=False)
    assert outcome.error and "outside" in outcome.error


def test_unknown_find_phrase_lists_the_known_ones():
    with pytest.raises(sf.GraphError, match="flux control coefficient"):
        control_result_name("control strength of v1")
