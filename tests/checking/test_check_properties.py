"""Property: random algebraic rewrites of the bank's results are judged equal."""

from functools import cache
from pathlib import Path

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from symflux.checking.check import check
from symflux.problems import derive_problem, load_problem, problem_files

BANK = Path(__file__).resolve().parents[2] / "derivations"


@cache
def _targets():
    out = []
    for path in problem_files(BANK):
        p = load_problem(path)
        d = derive_problem(p)
        for name, expr in d.results.items():
            if expr.is_finite is not False and sympy.count_ops(expr) < 400:
                out.append((d, p.declared(), name))
    return out


def _scale(expr, draw_symbol):
    # Multiply numerator and denominator by the same positive factor.
    num, den = sympy.fraction(sympy.together(expr))
    f = draw_symbol + 1
    return sympy.Mul(sympy.expand(num * f), sympy.Pow(sympy.expand(den * f), -1),
                     evaluate=False)


def _own(expr):
    return min(expr.free_symbols, key=lambda s: s.name, default=sympy.Integer(1))


REWRITES = {
    "expand": sympy.expand,
    "factor": sympy.factor,
    "together": sympy.together,
    "cancel": sympy.cancel,
    "expand_log": lambda e: sympy.expand_log(e, force=True),
    "logcombine": lambda e: sympy.logcombine(e, force=True),
    # x - x with a symbol of the result itself: the answer names nothing the problem lacks
    "add_zero": lambda e: sympy.Add(e, _own(e), -_own(e), evaluate=False),
    "times_one": lambda e: sympy.Mul(sympy.Rational(2, 3), e, sympy.Rational(3, 2),
                                     evaluate=False),
}


@pytest.mark.slow  # every bank answer rewritten and proven: over 10 s
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_rewritten_bank_answers_are_equal(data):
    d, declared, name = data.draw(st.sampled_from(_targets()), label="result")
    expr = d[name]
    ops = data.draw(st.lists(st.sampled_from([*REWRITES, "scale"]), min_size=1, max_size=3),
                    label="rewrites")
    for op in ops:
        if op == "scale":
            symbols = sorted(expr.free_symbols, key=lambda s: s.name) or [sympy.Integer(1)]
            expr = _scale(expr, data.draw(st.sampled_from(symbols), label="factor"))
        else:
            expr = REWRITES[op](expr)
    printer = data.draw(st.sampled_from(["latex", "text"]), label="printer")
    text = sympy.latex(expr) if printer == "latex" else sympy.sstr(expr)
    assume(len(text) <= 20_000)  # check() refuses longer answers unread
    r = check(d, name, text, symbols=declared, format=printer, time_limit=20.0)
    assert r.equal, (name, ops, text, r.code, r.message)
