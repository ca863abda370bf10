"""The standalone .tex of every problem compiles with pdflatex (amsmath only)."""

import shutil
import subprocess

import pytest

PDFLATEX = shutil.which("pdflatex")
pytestmark = [pytest.mark.skipif(
    PDFLATEX is None,
    reason="pdflatex is not installed (Debian: apt-get install -y texlive-latex-base)"),
    pytest.mark.slow]  # the whole bank's report folder, every .tex through pdflatex


def test_every_problem_compiles(site, tmp_path):
    texs = sorted(site.glob("*.tex"))
    assert texs
    for tex in texs:
        run = subprocess.run(
            [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
             f"-output-directory={tmp_path}", str(tex)],
            capture_output=True, text=True, timeout=120, check=False)
        log = run.stdout
        assert run.returncode == 0, f"{tex.name} does not compile:\n{log[-3000:]}"
        assert (tmp_path / f"{tex.stem}.pdf").stat().st_size > 1000
        # no character pdflatex had to drop
        assert "Missing character" not in (tmp_path / f"{tex.stem}.log").read_text(
            encoding="latin-1")
