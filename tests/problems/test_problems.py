"""Problem files and the `symflux derive` command."""

from pathlib import Path

import pytest

from symflux.cli import main
from symflux.errors import ProblemFileError
from symflux.problems import load_problem, problem_files, run_problem

BANK = Path(__file__).resolve().parents[2] / "derivations"


@pytest.mark.parametrize("path", problem_files(BANK), ids=lambda p: p.stem)
def test_every_problem_in_the_bank_passes(path):
    outcome = run_problem(path)
    assert outcome.error is None, outcome.error
    assert outcome.comparisons, "a problem in the bank must state expected answers"
    assert all(c.equal for c in outcome.comparisons), [c.name for c in outcome.comparisons
                                                       if not c.equal]
    v = outcome.validation
    assert v is not None and v.status != "failed", str(v)
    d = outcome.derivation
    broken_any = False
    for verdict in v.verdicts:
        # a result with a Quantity must be validated; one without (a conservation law,
        # the deficiency) is honestly not validated, and so is K_eq where random rates
        # break a Wegscheider condition (its velocity then vanishes away from equilibrium)
        broken = "detailed balance" in verdict.reason
        broken_any |= broken
        assert verdict.verdict == ("validated" if verdict.name in d.quantities and not broken
                                   else "not validated"), str(v)
        assert not broken or any(n == "W" or n.startswith("W_") for n in d.results), str(v)
    assert v.passed == (all(n in d.quantities for n in d.results) and not broken_any)


WRONG = """
title = "Two-state channel with a wrong answer"
source = "test"
kind = "kinetic"
[model]
transitions = ["C <-> O : k_o, k_c"]
[find]
P_open = "probability O"
[expect]
P_open = '\\frac{k_c}{k_o + k_c}'
"""


def test_wrong_expected_answer_fails_and_exits_nonzero(tmp_path, capsys):
    f = tmp_path / "wrong.toml"
    f.write_text(WRONG)
    outcome = run_problem(f)
    assert not outcome.passed
    assert main(["derive", str(f)]) == 1
    assert "MISMATCH" in capsys.readouterr().out


@pytest.mark.slow  # the whole bank through the CLI; each problem is also tested on its own
def test_bank_run_exits_zero(capsys):
    assert main(["derive", str(BANK), "--no-validate"]) == 0
    assert f"{len(problem_files(BANK))} of {len(problem_files(BANK))} problems passed" in (
        capsys.readouterr().out)


@pytest.mark.parametrize("text, message", [
    ("title = 'x'", "missing source, kind, model, find"),
    ("title='x'\nsource='s'\nkind='magic'\n[model]\n[find]", "kind 'magic' is not known"),
    ("title='x'\nsource='s'\nkind='kinetic'\nbogus=1\n[model]\n[find]", "unknown key"),
    ("title='x'\nsource='s'\nkind='kinetic'\n[model]\n[find]\n[expect]\nJ='1'",
     "names J that [find] does not"),
    ("title = ", "not valid TOML"),
])
def test_malformed_files(tmp_path, text, message):
    f = tmp_path / "bad.toml"
    f.write_text(text)
    with pytest.raises(ProblemFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_problem(f)


@pytest.mark.parametrize("phrase, message", [
    ("probability Z", "bad.toml: [find] q: no state 'Z'; the states are 1, 2"),
    ("weight 3", "bad.toml: [find] q: no state '3'; the states are 1, 2"),
    ("flux 1 2", "bad.toml: [find] q: write 'flux U -> V' (two states joined by '->'"),
    ("flux 1 -> 2 -> 1", "write 'flux U -> V'"),
    ("flux 1 -> Z", "no state 'Z'"),
])
def test_a_find_phrase_naming_what_is_not_there_names_the_file_table_and_key(
        tmp_path, phrase, message):
    f = tmp_path / "bad.toml"
    f.write_text("title='x'\nsource='s'\nkind='kinetic'\n[model]\ntransitions=['1 <-> 2']\n"
                 f"[find]\nq='{phrase}'\n")
    outcome = run_problem(f)
    assert outcome.error.startswith("ProblemFileError: ") and message in outcome.error, \
        outcome.error
    assert "internal error" not in outcome.error


def test_a_missing_species_in_a_network_find_names_the_key(tmp_path):
    f = tmp_path / "net.toml"
    f.write_text("title='x'\nsource='s'\nkind='reactions'\n[model]\nreactions=['0 <-> X']\n"
                 "[find]\nc='concentration Y'\n")
    outcome = run_problem(f)
    assert outcome.error.startswith("ProblemFileError: ") and "[find] c = 'concentration Y'" \
        in outcome.error, outcome.error


def test_unknown_find_is_reported_with_the_valid_forms(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text("title='x'\nsource='s'\nkind='kinetic'\n[model]\ntransitions=['1 <-> 2']\n"
                 "[find]\nq='temperature'\n")
    outcome = run_problem(f)
    assert "not understood" in outcome.error and "entropy production" in outcome.error
