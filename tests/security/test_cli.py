"""Class 5: every malformed problem file or option is a named error, never a traceback; in a
batch the bad problem is listed as failed and the others still run and render."""

from pathlib import Path

import pytest

BANK = Path(__file__).resolve().parents[2] / "derivations"
GOOD = (BANK / "two_state_channel.toml").read_text(encoding="utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _title_line(text):
    return next(line for line in text.splitlines() if line.startswith("title"))


BROKEN = {
    "title = 5": (lambda t: _edit(t, _title_line(t), "title = 5"), "title"),
    "kind = [kinetic]": (lambda t: _edit(t, 'kind = "kinetic"', 'kind = ["kinetic"]'), "kind"),
    "model = text": (lambda t: t.replace("[model]", "model = 'x'\n[model_]", 1), "model"),
    "[symbols] k = 5": (lambda t: t + "\n[symbols]\nk = 5\n" if "[symbols]" not in t
                        else _edit(t, "[symbols]", "[symbols]\nzz = 5"), "[symbols]"),
    "[validate] points text": (lambda t: t + '\n[validate]\npoints = "5"\n', "points"),
    "[validate] unknown": (lambda t: t + "\n[validate]\nbogus = 1\n", "bogus"),
    "[validate] values text": (lambda t: t + '\n[validate]\nvalues = { k = "abc" }\n', "values"),
    "invalid utf-8": (None, "UTF-8"),
    "nested 10^5": (lambda t: t + "\nx = " + "{a = " * 100_000 + "1" + "}" * 100_000, "nest"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_a_named_error(tmp_path, cli, case):
    make, word = BROKEN[case]
    path = tmp_path / "p.toml"
    if make is None:
        path.write_bytes(GOOD.encode() + b"\n# \xff\xfe\n")
    else:
        path.write_text(make(GOOD), encoding="utf-8")
    run = cli("derive", str(path), "--no-validate")
    assert not run.timed_out
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stdout + run.stderr
    assert "internal error" not in run.stdout, run.stdout
    assert str(path) in run.stdout and word.lower() in run.stdout.lower(), run.stdout


@pytest.mark.parametrize("option", [["--time-limit", "nan"], ["--time-limit", "1e300"],
                                    ["--time-limit", "-1"], ["--seed", "-1"]])
def test_bad_option_is_a_usage_error(tmp_path, cli, option):
    path = tmp_path / "p.toml"
    path.write_text(GOOD, encoding="utf-8")
    command = "check" if option[0] == "--time-limit" else "derive"
    run = cli(command, str(path), *option)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert option[0] in run.stderr


def test_batch_goes_on_and_index_is_written(tmp_path, cli):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.toml").write_text(GOOD, encoding="utf-8")
    (src / "b_bad.toml").write_text(_edit(GOOD, _title_line(GOOD), "title = 5"),
                                    encoding="utf-8")
    find = GOOD[GOOD.index("[find]"):].splitlines()[1]
    (src / "c_bad_find.toml").write_text(_edit(GOOD, find, find.split("=")[0] + '= "flux 9 -> 8"'),
                                         encoding="utf-8")
    (src / "d_good.toml").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    run = cli("report", str(src), "-o", str(out), "--no-validate")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2 of 4 problems passed" in index
    assert (out / "a_good.html").exists() and (out / "d_good.html").exists()
    run = cli("derive", str(src), "--no-validate")
    assert "2 of 4 problems passed" in run.stdout and "Traceback" not in run.stdout


def test_control_characters_are_shown_escaped(tmp_path, cli):
    path = tmp_path / "p.toml"
    path.write_text(_edit(GOOD, _title_line(GOOD), 'title = "evil\\u001b[2J\\u0007"'),
                    encoding="utf-8")
    run = cli("derive", str(path), "--no-validate")
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\\x1b[2J" in run.stdout


def test_debug_shows_the_traceback(tmp_path, cli):
    run = cli("derive", str(tmp_path / "missing.toml"), "--debug")
    assert "Traceback" in run.stderr
