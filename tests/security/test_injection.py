"""Class 2: labels never become markup, commands or links.

Fast part: the HTML, MathML, Markdown and LaTeX text of a derivation whose state names are
hostile hold no element, command or scheme taken from those names. Slow part: the page in
headless Chromium runs no script, and pdflatex on the .tex neither reads /etc/passwd nor hangs.
"""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import symflux as sf
from symflux.report.escape import relative_href

HOSTILE = [
    r"\mbox{<img src=x onerror=alert(1)>}",
    r"\input{/etc/passwd}",
    r"\loop\iftrue\repeat",
    '<script>document.title="pwned"</script>',
    "\x1b[2J",
    r"\href{javascript:alert(1)}{x}",
]


def _derivation(name):
    """A derivation whose every label is ``name``: a hand-made record (steady_state refuses
    such state labels up front, see test_hostile_state_labels_are_refused), so the escaping
    layer is tested on its own."""
    import sympy

    x = sympy.Symbol(f"p_{name}", positive=True)
    k = sympy.Symbol(name, positive=True)
    f = sympy.Function(name)(sympy.Symbol("t"))
    return sf.Derivation(
        title=name, kind="kinetic", model=None,
        results={f"p_{name}": x / (x + k), name: k ** 2},
        steps=(sf.Step(f"state {name}", sympy.Eq(sympy.Derivative(f, sympy.Symbol("t")), k),
                       f"because {name}"),),
        symbols={k: sf.SymbolInfo(name, name), x: sf.SymbolInfo(name, None)},
        assumptions=(name,),
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_state_labels_are_refused(name):
    with pytest.raises(sf.GraphError, match="rename"):
        sf.steady_state(sf.kinetic_graph([(name, "B", "k1"), ("B", name, "k2")]))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


@pytest.mark.parametrize("name", HOSTILE)
def test_html_has_no_foreign_element(name):
    from symflux.report.html import HtmlPrinter

    html = HtmlPrinter({"full_page": True}).doprint(_derivation(name))
    parser = _Tags()
    parser.feed(html)
    assert not {"img", "script", "iframe", "object", "a"} & set(parser.tags), parser.tags
    assert not [a for a in parser.attrs if a[0].startswith("on")], parser.attrs
    assert "javascript:" not in html.lower() or "javascript:" in name


@pytest.mark.parametrize("name", HOSTILE)
def test_latex_has_no_command_from_a_name(name):
    from symflux.report.latex import LatexPrinter

    tex = LatexPrinter({"standalone": True}).doprint(_derivation(name))
    for command in (r"\input", r"\loop", r"\iftrue", r"\repeat", r"\mbox", r"\href"):
        assert command not in tex.replace(r"\textbackslash{}", "#"), command
    assert "\x1b" not in tex


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_and_mathml_escape_names(name):
    from symflux.report.markdown import MarkdownPrinter
    from symflux.report.mathml import MathMLPrinter

    d = _derivation(name)
    md = MarkdownPrinter().doprint(d)
    assert "<img" not in md and "<script" not in md
    mathml = MathMLPrinter().doprint(d)
    parser = _Tags()
    parser.feed(mathml)
    assert not {"img", "script"} & set(parser.tags)


def test_links_are_relative_paths():
    for name in ("javascript:alert(1).html", "../../etc/passwd", "http://x/y", "a b?c#d"):
        href = relative_href(name)
        assert ":" not in href and "/" not in href and "?" not in href and "#" not in href


def test_report_folder_of_a_hostile_file_name(tmp_path, cli):
    bank = Path(__file__).resolve().parents[2] / "derivations" / "two_state_channel.toml"
    src = tmp_path / "in"
    src.mkdir()
    hostile = src / "javascript:alert(document.domain)<img src=x onerror=alert(1)>.toml"
    hostile.write_text(bank.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("report", str(src), "-o", str(tmp_path / "out"), "--no-validate")
    assert run.returncode == 0, run.stderr
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', index)
    assert hrefs and not any(":" in h or "<" in h for h in hrefs), hrefs


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _report(tmp_path, i, name) -> Path:
    from symflux.report.html import HtmlPrinter

    page = tmp_path / f"page{i}.html"
    page.write_text(HtmlPrinter({"full_page": True}).doprint(_derivation(name)),
                    encoding="utf-8")
    return page


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_no_script_runs_in_chromium(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            for i, name in enumerate(HOSTILE):
                page = browser.new_page()
                dialogs = []
                page.on("dialog", lambda d, out=dialogs: (out.append(d.message), d.dismiss()))
                page.goto(_report(tmp_path, i, name).as_uri())
                page.wait_for_timeout(300)
                assert dialogs == [], (name, dialogs)
                assert page.title() != "pwned"
                assert page.evaluate("document.querySelectorAll('img,script').length") == 0
                page.close()
        finally:
            browser.close()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
@pytest.mark.parametrize("name", HOSTILE)
def test_pdflatex_reads_no_file_and_stops(tmp_path, name):
    from symflux.report.latex import LatexPrinter

    tex = tmp_path / "doc.tex"
    tex.write_text(LatexPrinter({"standalone": True}).doprint(_derivation(name)),
                   encoding="utf-8")
    try:
        done = subprocess.run(["pdflatex", "-no-shell-escape", "-interaction=nonstopmode",
                               "-halt-on-error", tex.name], cwd=tmp_path, capture_output=True,
                              text=True, timeout=60, errors="replace")
    except subprocess.TimeoutExpired:
        pytest.fail(f"pdflatex hangs on a state named {name!r}")
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert "(/etc/passwd" not in log  # TeX logs every file it opens as "(path"
    assert "root:x:" not in log and "root:x:" not in done.stdout
    assert done.returncode == 0, done.stdout[-2000:]
