"""``symflux report PATH -o DIR``: index, pages, .tex and .mathml; failures reported."""

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from symflux.cli import main

DERIVATIONS = Path(__file__).resolve().parents[2] / "derivations"


@pytest.mark.slow  # the whole bank's report folder
def test_whole_bank(site):
    stems = sorted(p.stem for p in DERIVATIONS.glob("*.toml"))
    for stem in stems:
        for ext in ("html", "tex", "mathml"):
            assert (site / f"{stem}.{ext}").stat().st_size > 0
        ET.fromstring((site / f"{stem}.mathml").read_text(encoding="utf-8"))
    index = (site / "index.html").read_text(encoding="utf-8")
    passed = index.count('<span class="ok">ok</span>')
    incomplete = index.count('<span class="skipped">incomplete</span></td>')
    # incomplete: every answer right, but a result (K_eq, a Wegscheider ratio...) carries
    # no Quantity, so no numerical route computes it
    assert passed + incomplete == len(stems) and passed > 0
    assert f"{passed} of {len(stems)} problems passed" in index
    assert 'href="three_state_cycle.html"' in index
    assert "7 of 7 match" in index


def test_a_failing_problem_is_reported_and_does_not_stop_the_others(tmp_path, capsys):
    bank = tmp_path / "bank"
    bank.mkdir()
    shutil.copy(DERIVATIONS / "two_state_channel.toml", bank / "a_good.toml")
    (bank / "b_broken.toml").write_text('title = "broken"\nsource = ""\nkind = "kinetic"\n'
                                        '[model]\n[find]\nJ = "flux 1 -> 2"\n')
    wrong = (DERIVATIONS / "two_state_channel.toml").read_text()
    (bank / "c_wrong.toml").write_text(
        wrong.replace(r"\frac{k_o}{k_o + k_c}", r"\frac{k_c}{k_o + k_c}"))
    out = tmp_path / "out"
    code = main(["report", str(bank), "-o", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "[1/3]" in err and "[3/3]" in err and "b_broken.toml ... FAILED" in err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "ProblemFileError" in index and "1 of 3 problems passed" in index
    assert "1 of 2 match" in index
    assert (out / "a_good.html").exists() and (out / "c_wrong.html").exists()
    assert not (out / "b_broken.html").exists()


def test_one_file_without_validation(tmp_path):
    code = main(["report", str(DERIVATIONS / "two_state_channel.toml"), "-o", str(tmp_path),
                 "--no-validate"])
    assert code == 0
    assert "not run" in (tmp_path / "index.html").read_text(encoding="utf-8")
