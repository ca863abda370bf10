"""Reports people read: LaTeX, MathML, HTML and Markdown renderings of a Derivation.

One printer class per format (:class:`LatexPrinter`, :class:`MathMLPrinter`,
:class:`HtmlPrinter`, :class:`MarkdownPrinter`), each with a settings dict and
``_print_<Type>`` methods; the functions below build one and print. Nothing is
installed globally: SymPy's own printing is left as it is.

Examples
--------
>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
>>> to_latex(d).startswith("\\\\section*")
True
>>> sorted(mimebundle(d))
['text/html', 'text/latex', 'text/plain']
"""

from __future__ import annotations

from symflux.report.html import HtmlPrinter
from symflux.report.latex import LatexPrinter
from symflux.report.markdown import MarkdownPrinter
from symflux.report.mathml import MathMLPrinter

__all__ = [
    "HtmlPrinter",
    "LatexPrinter",
    "MarkdownPrinter",
    "MathMLPrinter",
    "latex_display",
    "mimebundle",
    "to_html",
    "to_latex",
    "to_markdown",
    "to_mathml",
]


def to_latex(obj, **settings) -> str:
    """LaTeX of a Derivation (``standalone=True`` for a whole document); see LatexPrinter."""
    return LatexPrinter(settings).doprint(obj)


def to_mathml(obj, **settings) -> str:
    """Presentation MathML of a Derivation's results; see MathMLPrinter."""
    return MathMLPrinter(settings).doprint(obj)


def to_html(obj, **settings) -> str:
    """A self-contained HTML page of a Derivation; see HtmlPrinter."""
    return HtmlPrinter(settings).doprint(obj)


def to_markdown(obj, **settings) -> str:
    """Markdown (with ``$…$`` math) of a Derivation; see MarkdownPrinter."""
    return MarkdownPrinter(settings).doprint(obj)


def latex_display(d) -> str:
    """The results as ``$$…$$`` display math, which Jupyter's text/latex renders."""
    printer = LatexPrinter()
    return "\n".join(f"$${printer.equation(name, expr)}$$" for name, expr in d.results.items())


def mimebundle(d) -> dict[str, str]:
    """What Jupyter shows for a Derivation: plain text, LaTeX math and an HTML fragment."""
    return {
        "text/plain": repr(d),  # one short line, however many results
        "text/latex": latex_display(d),
        "text/html": HtmlPrinter({"full_page": False}).doprint(d),
    }
