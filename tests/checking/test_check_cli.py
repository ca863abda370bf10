"""`symflux check`: the bank passes; typed answers get a verdict, a reason and JSON."""

import json
from pathlib import Path

import pytest

from symflux.cli import main
from symflux.problems import problem_files

BANK = Path(__file__).resolve().parents[2] / "derivations"
CYCLE = str(BANK / "three_state_cycle.toml")


def test_the_bank_is_large_enough_for_the_kinetic_part():
    assert len(problem_files(BANK)) >= 11


@pytest.mark.slow  # every answer of the bank, proven
def test_check_bank_passes_without_validation(capsys):
    assert main(["check", str(BANK), "--no-validate"]) == 0
    out = capsys.readouterr().out
    n = len(problem_files(BANK))
    assert f"{n} of {n} problems passed" in out
    assert "[equal, symbolic]" in out


def test_typed_right_and_wrong_answers(capsys):
    code = main(["check", CYCLE,
                 "--answer", r"J=\frac{k_{12} k_{23} k_{31} - k_{13} k_{32} k_{21}}{\Sigma}",
                 "--answer", r"A=\ln\frac{k_{21} k_{32} k_{13}}{k_{12} k_{23} k_{31}}"])
    out = capsys.readouterr().out
    assert code == 1
    assert "J: right: equal to the derived result" in out
    assert "A: WRONG [sign]:" in out and "cycle orientation" in out
    assert "counterexample at k_{12}=" in out


def test_json_output_has_the_verdict_and_counterexample(capsys):
    code = main(["check", CYCLE, "--json", "--answer", "p_1=(k_21*k_31 + k_21*k_32)/Sigma"])
    assert code == 1
    (record,) = json.loads(capsys.readouterr().out)
    assert record["name"] == "p_1" and record["equal"] is False
    assert record["code"] == "dropped_term"
    example = record["counterexample"]
    assert set(example) == {"point", "expected", "answer"}
    assert example["expected"] != example["answer"]


def test_check_of_the_whole_bank_as_json(capsys):
    assert main(["check", CYCLE, "--json", "--no-validate"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["passed"] and all(a["equal"] for a in record["answers"])
    assert record["dimension_problems"] == {}


def test_wrong_expected_answer_fails_the_check(tmp_path, capsys):
    f = tmp_path / "wrong.toml"
    f.write_text("title='w'\nsource='s'\nkind='kinetic'\n[model]\n"
                 "transitions=['C <-> O : k_o, k_c']\n[find]\nP='probability O'\n"
                 "[expect]\nP='\\frac{k_c}{k_o + k_c}'\n")
    assert main(["check", str(f), "--no-validate"]) == 1
    assert "[swapped, numeric]" in capsys.readouterr().out


def test_inconsistent_units_in_a_problem_file_fail_the_check(tmp_path, capsys):
    f = tmp_path / "units.toml"
    f.write_text("title='u'\nsource='s'\nkind='kinetic'\n[model]\n"
                 "transitions=['C <-> O : k_o*exp(-V), k_c']\n[find]\nP='probability O'\n"
                 "[symbols]\nV={unit='V'}\nk_o={unit='1/s'}\nk_c={unit='1/s'}\n")
    assert main(["check", str(f), "--no-validate"]) == 1
    assert "units of P: INCONSISTENT" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["check", CYCLE, "--answer", "nothing"], "write NAME=ANSWER"),
    (["check", CYCLE, "--answer", "Q=1"], "no result 'Q'"),
    (["check", str(BANK), "--answer", "J=1"], "exactly one problem file"),
])
def test_bad_answer_arguments(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
