"""The ``symflux`` command: version, a start that needs no SymPy, whole or cut results,
and exit codes that tell a wrong answer from an unreadable one."""

import subprocess
import sys
from pathlib import Path

import pytest

import symflux
from symflux.cli import main

BANK = Path(__file__).resolve().parents[1] / "derivations"
CYCLE = str(BANK / "three_state_cycle.toml")
BIG = str(BANK / "random_bi_bi.toml")  # a numerator of hundreds of terms


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"symflux {symflux.__version__}"


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["check", "--help"]])
def test_help_and_version_load_no_sympy(argv):
    heavy = "{'sympy', 'scipy', 'networkx', 'numpy'}"
    code = (f"import sys\nfrom symflux.cli import main\ntry:\n    main({argv!r})\n"
            f"except SystemExit:\n    pass\nprint(sorted({heavy} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


def _result_lines(out: str) -> dict[str, str]:
    lines = (line.strip() for line in out.splitlines())
    return dict(line.split(" = ", 1) for line in lines if " = " in line and ":" not in line[:4])


def test_derive_cuts_long_results_at_a_term_and_full_prints_them_whole(capsys):
    import sympy

    from symflux.problems import derive_problem, load_problem

    d = derive_problem(load_problem(BIG))
    main(["derive", BIG, "--no-validate"])
    cut = _result_lines(capsys.readouterr().out)
    main(["derive", BIG, "--no-validate", "--full"])
    whole = _result_lines(capsys.readouterr().out)
    assert set(cut) == set(whole) == set(d.results)
    long_ones = [name for name, expr in d.results.items() if len(str(expr)) > 300]
    assert long_ones
    for name in long_ones:
        assert "more term" in cut[name] and len(cut[name]) < 400
        assert whole[name] == str(d.results[name])
        n = len(sympy.Add.make_args(sympy.expand(sympy.numer(d.results[name]))))
        shown = cut[name].split(")/(")[0]
        left = int(shown.rsplit("(+", 1)[1].split(" ")[0])
        assert 0 < left < n


def test_a_right_answer_reads_right_equal_to_the_derived_result(capsys):
    code = main(["check", CYCLE, "--answer",
                 r"J=\frac{k_{12} k_{23} k_{31} - k_{13} k_{32} k_{21}}{\Sigma}"])
    assert code == 0
    assert capsys.readouterr().out.strip() == "J: right: equal to the derived result (identical)"


@pytest.mark.parametrize("answers, code", [
    ([r"J=\frac{k_{12}}{"], 3),                          # does not parse
    ([r"J=\frac{k_{12}}{", "J=k_12"], 3),                # unreadable beats wrong
    (["J=k_12"], 1),                                     # wrong
])
def test_exit_codes_tell_unreadable_from_wrong(answers, code, capsys):
    argv = ["check", CYCLE]
    for a in answers:
        argv += ["--answer", a]
    assert main(argv) == code
    out = capsys.readouterr().out
    if code == 3:
        assert "J: NOT READ [parse_error]:" in out


def test_an_internal_error_exits_4_without_a_traceback(monkeypatch, capsys):
    import symflux.problems

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(symflux.problems, "run_problem", broken)
    assert main(["derive", CYCLE]) == 4
    err = capsys.readouterr().err
    assert "internal error (ZeroDivisionError: boom)" in err and "Traceback" not in err
