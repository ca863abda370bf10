"""Progress lines: said only for steps that run long, named by problem and step."""

import io
import threading
import time
from pathlib import Path

import pytest

from symflux import progress
from symflux.progress import begin_line, end_line, progress_to, step, task

BANK = Path(__file__).resolve().parents[1] / "derivations"


def lines(out: io.StringIO) -> list[str]:
    return out.getvalue().splitlines()


def test_a_short_step_says_nothing():
    out = io.StringIO()
    with progress_to(out, after=0.5), task("p.toml"), step("deriving"):
        pass
    assert out.getvalue() == ""


def test_a_long_step_says_what_it_is_when_it_falls_due_and_when_it_ends():
    out = io.StringIO()
    with progress_to(out, after=0.05), task("p.toml"), step("deriving", estimate=4.0):
        time.sleep(0.25)
    running, done = lines(out)
    assert running.startswith("p.toml: deriving (0.") and running.endswith("of about 4.0 s)")
    assert done.startswith("p.toml: deriving: done in 0.")


def test_nested_steps_falling_due_together_give_one_line_naming_both():
    out = io.StringIO()
    with progress_to(out, after=0.05), step("validating"), step("the ode route"):
        time.sleep(0.2)
    said = lines(out)
    assert len([s for s in said if "running" in s or "(" in s]) == 1
    assert said[0].startswith("validating (") and " › the ode route (" in said[0]


def test_nothing_is_said_outside_progress_to_or_from_another_thread():
    out = io.StringIO()
    with step("deriving"):
        time.sleep(0.05)

    def elsewhere():
        with step("in a worker thread"):
            time.sleep(0.2)

    with progress_to(out, after=0.02):
        worker = threading.Thread(target=elsewhere)
        worker.start()
        worker.join()
    assert out.getvalue() == ""


def test_an_open_line_is_ended_on_a_line_of_its_own_after_progress_lines():
    out = io.StringIO()
    with progress_to(out, after=0.05):
        begin_line("[1/2] a.toml", out)
        end_line("ok", out)
        begin_line("[2/2] b.toml", out)
        with step("deriving"):
            time.sleep(0.2)
        end_line("ok", out)
    said = lines(out)
    assert said[0] == "[1/2] a.toml ... ok"
    assert said[1] == "[2/2] b.toml ... "
    assert said[2].startswith("deriving (") and said[3].startswith("deriving: done in")
    assert said[4] == "[2/2] b.toml: ok"


def test_a_report_says_which_problem_and_step_runs_long(tmp_path, monkeypatch):
    from symflux.problems.site import write_report

    monkeypatch.setattr(progress, "AFTER", 0.0)  # every step is "long"
    out = io.StringIO()
    write_report([BANK / "three_state_cycle.toml"], tmp_path / "r", progress=out)
    text = out.getvalue()
    assert text.startswith("[1/1] ")
    for said in ("three_state_cycle.toml: deriving", "directional diagrams",
                 "validating at", "the linear route", "rendering the pages"):
        assert said in text, text
    assert text.rstrip().endswith("three_state_cycle.toml: ok")


@pytest.mark.parametrize("command", ["derive", "check"])
def test_the_command_line_prints_progress_on_stderr(command, monkeypatch, capsys):
    from symflux.cli import main

    monkeypatch.setattr(progress, "AFTER", 0.0)
    assert main([command, str(BANK / "two_state_channel.toml")]) == 0
    captured = capsys.readouterr()
    assert "two_state_channel.toml: deriving" in captured.err
    assert "deriving" not in captured.out  # the results stay clean on stdout
