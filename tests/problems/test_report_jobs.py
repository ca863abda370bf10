"""``symflux report --jobs N``: worker processes write the same folder as one process."""

import io
import os
import shutil
import time
from pathlib import Path

import pytest

from symflux.cli import main
from symflux.errors import ReportError
from symflux.problems import site
from symflux.problems.parallel import MAX_JOBS, run_in_processes
from symflux.problems.site import ReportEntry, write_report

BANK = Path(__file__).resolve().parents[2] / "derivations"
SMALL = ["two_state_channel", "three_state_cycle", "composite_wall"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _bank(tmp_path: Path, names) -> Path:
    folder = tmp_path / "problems"
    folder.mkdir()
    for name in names:
        shutil.copy(BANK / f"{name}.toml", folder)
    return folder


def _same_both_ways(tmp_path, paths, validate):
    serial, parallel = io.StringIO(), io.StringIO()
    one = write_report(paths, tmp_path / "one", validate=validate, progress=serial)
    two = write_report(paths, tmp_path / "two", validate=validate, progress=parallel, jobs=2)
    assert one == two  # the entries, in problem order
    assert _files(tmp_path / "one") == _files(tmp_path / "two")  # every file, manifest too
    # one line per problem, each naming it, whatever order they completed in
    lines = [s for s in parallel.getvalue().splitlines() if s.startswith("[")]
    assert sorted(lines) == sorted(s for s in serial.getvalue().splitlines()
                                   if s.startswith("["))
    assert len(lines) == len(one)
    return one


def test_two_jobs_write_the_same_folder_byte_for_byte(tmp_path):
    entries = _same_both_ways(tmp_path, [_bank(tmp_path, SMALL)], validate=False)
    assert [e.status for e in entries] == ["passed"] * 3
    assert len(_files(tmp_path / "two")) == 3 * 3 + 2  # 3 pages each, index, manifest


def test_two_jobs_with_validation_write_the_same_folder(tmp_path):
    entries = _same_both_ways(tmp_path, [BANK / "two_state_channel.toml",
                                         BANK / "three_state_cycle.toml"], validate=True)
    assert all(e.validation == "passed" and e.worst is not None for e in entries)


BAD = "title = 'broken'\nsource = 's'\nkind = 'kinetic'\n[model]\ntransitions = [\n"


def test_a_bad_problem_is_failed_and_the_others_written(tmp_path):
    folder = _bank(tmp_path, SMALL[:1])
    (folder / "a_bad.toml").write_text(BAD)
    out = io.StringIO()
    entries = write_report([folder], tmp_path / "r", validate=False, progress=out, jobs=2)
    assert [e.stem for e in entries] == ["a_bad", "two_state_channel"]
    assert [e.status for e in entries] == ["failed", "passed"]
    assert "not valid TOML" in entries[0].error and not entries[0].linked
    written = _files(tmp_path / "r")
    assert "a_bad.html" not in written and "two_state_channel.tex" in written
    assert "not valid TOML" in written["index.html"].decode()
    assert any(s.endswith("a_bad.toml ... FAILED") for s in out.getvalue().splitlines())
    assert main(["report", str(folder), "-o", str(tmp_path / "c"), "--no-validate",
                 "--jobs", "2"]) == 1


def test_a_problem_whose_worker_failed_is_listed_failed(tmp_path, monkeypatch):
    """What the pool reports for a dead worker (see the tests of run_in_processes) lands in
    the index as that problem's error; the others are written."""

    def pool(work, tasks, *, jobs, on_done, progress):
        for i, args in enumerate(tasks):
            on_done(i, *((None, "internal error (the worker died)") if i == 0
                         else (work(*args), None)))

    monkeypatch.setattr(site, "run_in_processes", pool)
    entries = write_report([_bank(tmp_path, SMALL[:2])], tmp_path / "r", validate=False,
                           jobs=2)
    path = entries[0].path
    assert path.endswith("three_state_cycle.toml")
    assert entries[0] == ReportEntry(path, "three_state_cycle", path, "?", "failed",
                                     "internal error (the worker died)")
    assert entries[1].passed
    written = _files(tmp_path / "r")
    assert "three_state_cycle.html" not in written and "two_state_channel.html" in written
    assert "the worker died" in written["index.html"].decode()


def _double_or_die(n: int) -> int:
    if n == 1:
        os._exit(3)  # a crash: no exception, no result
    return 2 * n


def test_a_dead_worker_fails_its_task_alone():
    done = {}
    run_in_processes(_double_or_die, [(n,) for n in range(5)], jobs=2,
                     on_done=lambda i, result, error: done.update({i: (result, error)}))
    assert {i: r for i, (r, _) in done.items()} == {0: 0, 1: None, 2: 4, 3: 6, 4: 8}
    assert "died" in done[1][1] and all(done[i][1] is None for i in (0, 2, 3, 4))


def _sleep_then_say(pid_file: str, seconds: float) -> float:
    Path(pid_file).write_text(str(os.getpid()))
    time.sleep(seconds)
    return seconds


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"  # a zombie has ended
    except OSError:  # gone before the open (FileNotFoundError) or between open and read
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_an_interrupt_stops_the_workers(tmp_path):
    slow = tmp_path / "slow.pid"

    def on_done(i, result, error):
        # on a loaded machine the slow task may start after the quick one has ended
        for _ in range(300):
            if slow.exists() and slow.read_text():
                break
            time.sleep(0.1)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_in_processes(_sleep_then_say, [(str(tmp_path / "quick.pid"), 0.5),
                                           (str(slow), 120.0)], jobs=2, on_done=on_done)
    pid = int(slow.read_text())
    for _ in range(100):  # terminated at once; without that it would sleep two minutes
        if not _alive(pid):
            break
        time.sleep(0.1)
    assert not _alive(pid)


@pytest.mark.parametrize("jobs", [0, -1, MAX_JOBS + 1, 1.5, True, "2"])
def test_write_report_refuses_a_bad_number_of_jobs(tmp_path, jobs):
    with pytest.raises(ReportError, match="from 1 to 64"):
        write_report([BANK / "two_state_channel.toml"], tmp_path, jobs=jobs)
    assert not list(tmp_path.iterdir())  # refused before anything is written


@pytest.mark.parametrize("value, message", [
    ("0", "'0': give a number of worker processes from 1 to 64"),
    ("-1", "'-1': give a number of worker processes from 1 to 64"),
    ("65", "'65': give a number of worker processes from 1 to 64"),
    ("x", "'x' is not an integer"),
    ("2.5", "'2.5' is not an integer"),
])
def test_the_command_refuses_a_bad_number_of_jobs(tmp_path, capsys, value, message):
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(BANK / "two_state_channel.toml"), "-o", str(tmp_path / "r"),
              "--jobs", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --jobs: {message}" in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_the_help_states_the_maximum(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert f"1 to {MAX_JOBS}" in capsys.readouterr().out
