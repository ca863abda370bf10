"""The documentation site builds with ``mkdocs build --strict`` and carries the API reference."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("mkdocs", reason="the docs extra is not installed: pip install -e '.[docs]'")
pytest.importorskip("material", reason="mkdocs-material is not installed")
pytest.importorskip("mkdocstrings_handlers.python", reason="mkdocstrings[python] is missing")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stdout}\n{run.stderr}"
    return out


def test_every_page_is_built(site):
    assert (site / "index.html").is_file()
    for page in ("tutorial", "limits", "kinetics", "checking", "architecture", "api/symflux"):
        assert (site / page / "index.html").is_file(), page


API_PAGES = ("symflux", "kinetics", "reactions", "transport", "numerics", "kernels", "validate",
             "report", "checking", "problems", "parsing", "errors")


@pytest.mark.parametrize("page", API_PAGES)
def test_api_reference_documents_every_public_name(site, page):
    """Every name in the module's ``__all__`` has an entry (an anchor) on its API page; a name
    shadowed by a submodule of the same name (``symflux.checking.check``) is documented from
    that submodule."""
    module = "symflux" if page == "symflux" else f"symflux.{page}"
    html = (site / "api" / page / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    public = importlib.import_module(module).__all__
    missing = [n for n in public if not {f"{module}.{n}", f"{module}.{n}.{n}"} & ids]
    assert not missing, f"api/{page}.md documents none of {missing}"


def test_api_reference_renders_docstrings(site):
    html = (site / "api" / "symflux" / "index.html").read_text(encoding="utf-8")
    assert "steady_state" in html
    # a numpydoc "Parameters" section became a rendered table, not raw text
    assert "Parameters" in html and "-------" not in html
    # Sphinx roles (:func:`check`) are shown as code by docs/hooks.py, not as raw text
    for page in API_PAGES:
        text = (site / "api" / page / "index.html").read_text(encoding="utf-8")
        assert not re.search(r":(func|class|mod|data|meth|math):<code>", text), page


def test_pending_pages_are_the_only_ones_the_nav_may_drop():
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import hooks
    finally:
        sys.path.remove(str(ROOT / "docs"))
    nav = [{"A": "validation.md"}, {"B": "kinetic.md"}, {"C": [{"D": "sweeps.md"}]}]
    assert hooks.prune(nav, exists=lambda page: False) == [{"B": "kinetic.md"}, {"C": []}]
    assert hooks.prune(nav, exists=lambda page: True) == nav
