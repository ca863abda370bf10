"""Markdown, and the symbol and result names people write, in every format."""

import xml.etree.ElementTree as ET

import sympy

from symflux.derivation import Derivation, SymbolInfo
from symflux.report.mathml import MATHML_NS, untranslated

M = f"{{{MATHML_NS}}}"


def _named() -> Derivation:
    km1, k111, keq, sigma, alpha = (sympy.Symbol(n, positive=True) for n in
                                     ("k_{-1}", "k_{1,11}", "K_{eq}", "Sigma", "alpha"))
    return Derivation(
        "names", "kinetic", None,
        results={"J+_c1": km1 * k111 / (keq + sigma), "v_per_enzyme": alpha * sigma},
        symbols={km1: SymbolInfo("backward rate constant", "1/s"),
                 keq: SymbolInfo("equilibrium constant")},
    )


def test_names_in_latex():
    tex = _named().to_latex()
    assert r"J^{+}_{c1} = \frac{k_{-1} k_{1,11}}{K_{eq} + \Sigma}" in tex
    assert r"v_{\text{per\_enzyme}} = \Sigma \alpha" in tex
    assert r"$k_{-1}$ & backward rate constant & 1/s \\" in tex


def test_names_in_mathml():
    mathml = _named().to_mathml()
    assert untranslated(mathml) == []
    root = ET.fromstring(mathml)
    subs = {("".join(e[0].itertext()), "".join(e[1].itertext())) for e in root.iter(M + "msub")}
    assert {("k", "−1"), ("k", "1,11"), ("K", "eq"), ("v", "per_enzyme")} <= subs
    (plus,) = root.iter(M + "msubsup")
    assert ["".join(c.itertext()) for c in plus] == ["J", "c1", "+"]
    assert {"Σ", "α"} <= {e.text for e in root.iter(M + "mi")}


def test_names_in_html():
    page = _named().to_html()
    assert "<mtext>per_enzyme</mtext>" in page
    assert "backward rate constant</td><td>1/s" in page


def test_markdown(three_state):
    md = three_state.derivation.to_markdown(validation=three_state.validation)
    assert md.startswith("# Three-state cycle")
    blocks = md.split("$$")
    assert len(blocks) % 2 == 1 and len(blocks) // 2 >= 7 + 14
    assert "\\Sigma &= k_{12} k_{23} + " in md
    assert "| $k_{12}$ | rate constant of the transition 1 → 2 | 1/s |" in md
    assert "| $\\Sigma$ | linear |" in md and "(seed 0)" in md
    steps = [line for line in md.splitlines() if line.split(". ", 1)[0].isdigit()]
    assert len(steps) == len(three_state.derivation.steps)
