"""The standalone .tex of every problem compiles with pdflatex (amsmath only) and fits
the page: no overfull box past 10 pt, so no formula runs into the margin and no text
over the footer."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PDFLATEX = shutil.which("pdflatex")
pytestmark = [pytest.mark.skipif(
    PDFLATEX is None,
    reason="pdflatex is not installed (Debian: apt-get install -y texlive-latex-base)"),
    pytest.mark.slow]  # the whole bank's report folder, every .tex through pdflatex


#: An overfull box narrower than this is invisible; a wider one runs into the margin
#: (\hbox) or over the page number (\vbox).
TOLERANCE_PT = 10.0
_OVERFULL = re.compile(r"Overfull \\([hv])box \((\d+(?:\.\d+)?)pt too (?:wide|high)\)(.*)")


def overfull_boxes(log: str, tolerance: float = TOLERANCE_PT) -> list[str]:
    """The overfull boxes of a pdflatex log past ``tolerance`` points, one line each."""
    return [m.group(0) for m in _OVERFULL.finditer(log) if float(m.group(2)) > tolerance]


def compile_tex(tex: Path, out: Path) -> str:
    """Run pdflatex on ``tex`` into ``out``; assert it compiled; return its log."""
    run = subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
         f"-output-directory={out}", str(tex)],
        capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, f"{tex.name} does not compile:\n{run.stdout[-3000:]}"
    assert (out / f"{tex.stem}.pdf").stat().st_size > 1000
    return (out / f"{tex.stem}.log").read_text(encoding="latin-1")


def test_overfull_boxes_are_read_from_the_log():
    log = ("Overfull \\hbox (3949.56018pt too wide) detected at line 244\n"
           "Overfull \\hbox (0.52917pt too wide) in paragraph at lines 270--272\n"
           "Overfull \\vbox (3030.92918pt too high) has occurred while \\output is active")
    assert [line[:14] for line in overfull_boxes(log)] == ["Overfull \\hbox", "Overfull \\vbox"]


def test_every_problem_compiles_and_fits_the_page(site, tmp_path):
    texs = sorted(site.glob("*.tex"))
    assert texs
    too_wide = {}
    for tex in texs:
        log = compile_tex(tex, tmp_path)
        # no character pdflatex had to drop
        assert "Missing character" not in log, tex.name
        if overfull_boxes(log):
            too_wide[tex.name] = overfull_boxes(log)
    assert not too_wide, f"boxes past {TOLERANCE_PT} pt: {too_wide}"
