"""Class 3: ``symflux report -o DIR`` writes only its own files, only inside DIR, and
problem files are read only when they are regular files."""

import os
from pathlib import Path

BANK = Path(__file__).resolve().parents[2] / "derivations"
GOOD = (BANK / "two_state_channel.toml").read_text(encoding="utf-8")


def _bank(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(GOOD, encoding="utf-8")
    return folder


def _clean_error(run):
    assert not run.timed_out
    assert run.returncode not in (0, None), run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("symflux:") or "error:" in run.stderr, run.stderr


def test_symlink_in_output_is_not_followed(tmp_path, cli):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    # An earlier report "owns" p.tex, and someone replaced it by a link out of the folder.
    (out / ".symflux-report").write_text("p.html\np.tex\np.mathml\nindex.html\n")
    os.symlink(victim, out / "p.tex")
    run = cli("report", str(_bank(tmp_path / "in", "p.toml")), "-o", str(out), "--no-validate")
    assert run.returncode == 0, run.stderr
    assert victim.read_text() == "precious"
    assert not (out / "p.tex").is_symlink() and (out / "p.tex").stat().st_size > 0


def test_foreign_symlink_refused_without_force(tmp_path, cli):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(victim, out / "p.tex")
    run = cli("report", str(_bank(tmp_path / "in", "p.toml")), "-o", str(out), "--no-validate")
    _clean_error(run)
    assert "not written by symflux" in run.stderr
    assert victim.read_text() == "precious"


def test_users_index_is_kept_unless_force(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("my own page")
    src = _bank(tmp_path / "in", "p.toml")
    _clean_error(cli("report", str(src), "-o", str(out), "--no-validate"))
    assert (out / "index.html").read_text() == "my own page"
    run = cli("report", str(src), "-o", str(out), "--no-validate", "--force")
    assert run.returncode == 0, run.stderr
    assert "symflux report" in (out / "index.html").read_text()
    # A second report into the same folder replaces only its own files, without --force.
    assert cli("report", str(src), "-o", str(out), "--no-validate").returncode == 0


def test_unique_page_names(tmp_path, cli):
    src = _bank(tmp_path / "in", "index.toml")
    other = _bank(tmp_path / "in2", "index.toml")
    out = tmp_path / "out"
    run = cli("report", str(src), str(other), "-o", str(out), "--no-validate")
    assert run.returncode == 0, run.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "index-problem.html" in names and "index-problem-2.html" in names, names
    assert "symflux report" in (out / "index.html").read_text()


def test_output_onto_a_file_or_below_one(tmp_path, cli):
    src = _bank(tmp_path / "in", "p.toml")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _clean_error(cli("report", str(src), "-o", str(blocker), "--no-validate"))
    _clean_error(cli("report", str(src), "-o", str(blocker / "sub"), "--no-validate"))
    assert blocker.read_text() == "x"


def test_fifo_problem_file_does_not_hang(tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "a.toml")
    run = cli("derive", str(folder / "a.toml"), "--no-validate", timeout=30)
    assert not run.timed_out, "reading a FIFO hangs"
    assert run.returncode != 0 and "not a regular file" in (run.stdout + run.stderr)
    run = cli("derive", str(folder), "--no-validate", timeout=30)
    assert not run.timed_out and "not a regular file" in run.stdout
