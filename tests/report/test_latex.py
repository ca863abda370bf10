"""The LaTeX printer: golden checks on the three-state cycle, names, and line breaking."""

import re

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.errors import ReportError
from symflux.parsing import parse_latex
from symflux.report import LatexPrinter, to_latex
from symflux.report.latex import latex_width
from symflux.report.texts import latex_name, latex_text, plain_text

NINE_TERMS = ["k_{12} k_{23}", "k_{12} k_{31}", "k_{12} k_{32}", "k_{13} k_{21}",
              "k_{13} k_{23}", "k_{13} k_{32}", "k_{21} k_{31}", "k_{21} k_{32}",
              "k_{23} k_{31}"]


def _block(tex: str, lhs: str) -> str:
    """The display equation whose left side is ``lhs``."""
    for m in re.finditer(r"\\begin\{(equation|align)\*\}\n(.*?)\n\\end\{\1\*\}", tex, re.S):
        if m.group(2).startswith((lhs + " =", lhs + " &=")):
            return m.group(2)
    raise AssertionError(f"no equation for {lhs} in the LaTeX")


def test_three_state_sigma_has_its_nine_terms(three_state):
    tex = three_state.derivation.to_latex(validation=three_state.validation)
    sigma = _block(tex, r"\Sigma")
    assert [t for t in NINE_TERMS if t in sigma] == NINE_TERMS
    # the nine terms and nothing else: eight plus signs, no minus
    assert sigma.count("+") == 8 and "-" not in sigma
    # long: broken over two rows of an align*
    assert sigma.startswith("\\Sigma &= ") and sigma.count("\\\\") == 1


def test_three_state_wegscheider_condition(three_state):
    tex = three_state.derivation.to_latex()
    assert r"K = \frac{k_{12} k_{23} k_{31}}{k_{13} k_{21} k_{32}}" in tex
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    (condition,) = sf.wegscheider_conditions(G)
    assert LatexPrinter().doprint(condition) == "k_{12} k_{23} k_{31} = k_{13} k_{21} k_{32}"


def test_three_state_document_sections(three_state):
    tex = three_state.derivation.to_latex(standalone=True, validation=three_state.validation)
    assert tex.startswith("\\documentclass") and tex.rstrip().endswith("\\end{document}")
    assert re.findall(r"\\usepackage(?:\[.*?\])?\{(\w+)\}", tex) == ["amsmath"]
    for section in ("Results", "Derivation", "Symbols", "Assumptions", "Validation"):
        assert f"\\subsection*{{{section}}}" in tex
    assert "rate constant of the transition 1 $\\to$ 2 & 1/s" in tex
    assert "every rate is positive" in tex
    assert "(seed 0)" in tex


def test_validation_only_when_given_or_asked(three_state):
    d = three_state.derivation
    assert "Validation" not in d.to_latex()
    assert "\\subsection*{Validation}" in d.to_latex(validate=True)


@pytest.mark.parametrize(("name", "tex"), [
    ("J+_c1", "J^{+}_{c1}"), ("J-_c1", "J^{-}_{c1}"), ("k_{-1}", "k_{-1}"),
    ("k_{1,11}", "k_{1,11}"), ("K_{eq}", "K_{eq}"), ("Sigma", "\\Sigma"),
    ("alpha", "\\alpha"), ("p_ES", "p_{ES}"), ("k_12", "k_{12}"),
    ("v_per_enzyme", "v_{\\text{per\\_enzyme}}"), ("Vmax", "\\mathrm{Vmax}"),
    ("net flux (1→2)", "\\text{net flux (1$\\to$2)}"),
])
def test_result_names(name, tex):
    assert latex_name(name) == tex


@given(st.text(min_size=0, max_size=30))
@settings(max_examples=60)
def test_free_text_escapes_and_comes_back(text):
    tex = latex_text(text)
    # nothing pdflatex would take as markup is left bare
    bare = re.sub(r"\\(textbackslash|\^|~)\{\}|\\[{}$&%#_]|\$[^$]*\$", "", tex)
    assert not set(bare) & set("\\{}$&%#_^~")
    assert all(ord(c) < 128 or c in "–—‘’“”…éèêëàâäôöüùçñÉÈÀÖÜß°" for c in tex)
    if "[U+" not in tex:
        assert plain_text(tex).replace("⇌", "⇄") == text.replace("⇌", "⇄")


_SYMBOLS = sympy.symbols("a b c d e f g h", positive=True)


@given(st.lists(st.tuples(st.integers(-3, 3).filter(bool),
                          st.lists(st.sampled_from(_SYMBOLS), min_size=1, max_size=3)),
                min_size=2, max_size=25))
@settings(max_examples=40, deadline=None)
def test_long_sums_are_broken_and_lose_nothing(terms):
    expr = sympy.Add(*(c * sympy.Mul(*syms) for c, syms in terms))
    printer = LatexPrinter({"max_width": 30})
    body = printer.equation("y", expr)
    lines = body.removeprefix("\\begin{aligned}\n").removesuffix("\n\\end{aligned}").split(
        " \\\\\n")
    if isinstance(expr, sympy.Add) and len(lines) > 1:
        assert all(latex_width(line.replace("&=", "=")) <= 30 + 12 for line in lines)
    # the lines put together are the expression again
    rhs = " ".join(line.split("&=", 1)[-1].split(" = ", 1)[-1].lstrip("&")
                   .replace("\\quad", "") for line in lines)
    names = {s.name: s for s in _SYMBOLS}
    assert sympy.simplify(parse_latex(rhs, symbols=names) - expr) == 0


def test_long_fraction_names_numerator_and_denominator():
    syms = sympy.symbols("k_{1:13}", positive=True)
    den = sum(syms[i] * syms[j] for i in range(12) for j in range(i + 1, 12, 3))
    body = LatexPrinter().equation("p", syms[0] / den)
    assert body.startswith("\\begin{aligned}\np &= \\frac{k_{1}}{\\mathcal{D}}")
    assert "\n\\mathcal{D} &= " in body


def test_unknown_setting_and_type_are_refused():
    with pytest.raises(ReportError, match="no setting 'standalon'"):
        to_latex(sf.steady_state(sf.kinetic_graph(["1 <-> 2"])), standalon=True)
    with pytest.raises(ReportError, match="cannot print a object"):
        LatexPrinter().doprint(object())
