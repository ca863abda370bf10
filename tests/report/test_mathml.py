"""MathML: well-formed XML for every equation of the bank, nothing left untranslated."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symflux.report import MathMLPrinter
from symflux.report.mathml import MATHML_NS, latex_to_mathml, sanitize, untranslated

PROBLEM_FILES = sorted((Path(__file__).resolve().parents[2] / "derivations").glob("*.toml"))

M = f"{{{MATHML_NS}}}"


def _check(mathml: str) -> ET.Element:
    root = ET.fromstring(mathml)  # well-formed XML, or this raises
    assert root.tag == M + "math"
    assert untranslated(mathml) == [], mathml
    # latex2mathml's sign of a construct it half-understood: an empty operator
    assert all(el.text or len(el) for el in root.iter(M + "mo")
               if el.get("fence") != "true"), mathml
    return root


@pytest.mark.parametrize("path", PROBLEM_FILES, ids=lambda p: p.stem)
def test_every_equation_of_the_bank(outcomes, path):
    d = outcomes[path.stem].derivation
    assert d is not None, outcomes[path.stem].error
    printer = MathMLPrinter()
    for name, expr in d.results.items():
        _check(printer.equation(name, expr))
    for step in d.steps:
        if step.equation is not None:
            _check(printer.equation(None, step.equation))
    _check(d.to_mathml(steps=True))


def _subscripted(root) -> set[tuple[str, str]]:
    out = set()
    for el in root.iter(M + "msub"):
        base, sub = el[0], el[1]
        out.add(("".join(base.itertext()), "".join(sub.itertext())))
    return out


def test_three_state_round_trips_its_symbols(three_state):
    root = _check(three_state.derivation.to_mathml())
    subs = _subscripted(root)
    for rate in ("12", "21", "23", "32", "31", "13"):
        assert ("k", rate) in subs
    assert ("p", "1") in subs
    names = {"".join(el.itertext()) for el in root.iter(M + "mi")}
    assert {"Σ", "σ", "ln", "K", "A", "J"} <= names
    # one row per result, in order
    rows = root.find(M + "mtable").findall(M + "mtr")
    assert len(rows) == len(three_state.derivation.results)
    first = "".join(rows[1].itertext())
    assert first.startswith("Σ=k12k23+k12k31")


@pytest.mark.parametrize(("tex", "wanted"), [
    (r"\operatorname{atan_{2}}{\left(y,x \right)}", ("atan", "2")),
    (r"k_{-1}", ("k", "−1")),
    (r"k_{1,11}", ("k", "1,11")),
    (r"K_{\mathrm{eq}}", ("K", "eq")),
    (r"J^{+}_{c1}", None),
])
def test_constructs_latex2mathml_mistranslates(tex, wanted):
    root = _check(latex_to_mathml(tex))
    if wanted:
        assert wanted in _subscripted(root)


def test_upright_letters_stay_upright():
    assert sanitize(r"\mathrm{d}x") == r"\text{d}x"
    root = _check(latex_to_mathml(r"\mathrm{d}x"))
    assert [el.text for el in root.iter(M + "mtext")] == ["d"]
    _check(latex_to_mathml(r"\left( x \middle| y \right)"))


_NAMES = ["k_{12}", "k_{-1}", "k_{1,11}", "K_{eq}", "Sigma", "alpha", "x", "D", "c_1", "L"]
_FUNCS = [sympy.log, sympy.exp, sympy.sqrt, sympy.sinh, sympy.tanh, sympy.Abs,
          sympy.erf, sympy.Heaviside, lambda a: sympy.atan2(a, 2), sympy.cosh]


@st.composite
def expressions(draw, depth=3):
    sym = sympy.Symbol(draw(st.sampled_from(_NAMES)), positive=True)
    if depth == 0 or draw(st.booleans()):
        return sym
    a = draw(expressions(depth=depth - 1))
    b = draw(expressions(depth=depth - 1))
    how = draw(st.integers(0, 4))
    if how == 0:
        return a + b
    if how == 1:
        return a * b - b
    if how == 2:
        return a / (b + 1)
    if how == 3:
        return a ** draw(st.integers(-2, 3))
    return draw(st.sampled_from(_FUNCS))(a)


@given(expressions(), st.sampled_from(["J+_c1", "k_{-1}", "v_per_enzyme", "x < y & z"]))
@settings(max_examples=60, deadline=None)
def test_random_expressions_translate(expr, name):
    _check(MathMLPrinter().equation(name, expr))
    _check(MathMLPrinter().doprint(sympy.Eq(sympy.Symbol("y"), expr)))
