r"""Why a typed answer differs from the expected one: the diagnoses behind check()'s codes.

Every diagnosis is numerical, at the same kind of random points of the physical domain
that decided the answer is not equal, so it works for any closed form, however large:

- ``sign``: the ratio answer/expected is −1 everywhere;
- ``factor``: the ratio is another constant, named when it is simple (2, π, 1/2, √2);
- ``reciprocal``: the answer times the expected is 1 (a ratio taken the other way round);
- ``power``: the ratio is a monomial ∏ x^p in symbols that both forms contain — the
  exponents are the scaling exponents d ln(ratio)/d ln x;
- ``swapped``: exchanging two symbols (``k_{12}`` and ``k_{21}``), or writing one where
  another belongs, turns the answer into the expected;
- ``dropped_term``: the answer is the expected with one term of its numerator or
  denominator left out;
- ``dimension`` (decided by the caller from units), then ``missing_dependence`` /
  ``extra_dependence``: a symbol the expected depends on is absent, or an extra one
  appears.

>>> from symflux.parsing import parse_expression as p
>>> diagnose(p("2*pi*D*R**2/L"), p("pi*D*R**2/L"))[0]
'factor'
>>> diagnose(p("k_12/(k_12 + k_21)"), p("k_21/(k_12 + k_21)"))[0]
'swapped'
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import mpmath
import sympy

from symflux.checking.equivalence import DIGITS, NumericForm, differ, sample_points

__all__ = ["diagnose", "name_constant"]

_POINTS = 5
_RTOL = 1e-10
_MAX_PAIRS = 600  # symbol pairs tried for swaps: n ≤ ~35 symbols
_MAX_TERMS = 400  # terms tried for a dropped term


def name_constant(value) -> sympy.Expr | None:
    """A simple closed form of a number (``2``, ``pi``, ``1/2``, ``sqrt(2)``...), or None.

    >>> name_constant(mpmath.pi / 2), name_constant(mpmath.sqrt(2)), name_constant(0.123456789)
    (pi/2, sqrt(2), None)
    """
    with mpmath.workdps(DIGITS):
        value = mpmath.mpmathify(value)
        if isinstance(value, mpmath.mpc):
            if abs(value.imag) > 1e-12 * abs(value):
                return None
            value = value.real
        if value == 0:
            return sympy.Integer(0)
        for k, root in itertools.product((0, 1, -1, 2, -2), (1, 2)):
            v = (value / mpmath.pi ** k) ** root
            frac = Fraction(str(mpmath.nstr(v, 30))).limit_denominator(64)
            if frac.numerator != 0 and abs(v - mpmath.mpf(frac.numerator) / frac.denominator) \
                    <= 1e-12 * abs(v) and abs(frac.numerator) <= 1000:
                exact = sympy.Rational(frac.numerator, frac.denominator)
                if root == 2:
                    exact = sympy.sqrt(exact) * (1 if value > 0 else -1)
                return exact * sympy.pi ** k
    return None


class _Case:
    """The two forms compiled over the union of their symbols, and the sample points."""

    def __init__(self, expected, answer, constraints, seed):
        self.expected, self.answer = expected, answer
        self.symbols = sorted(expected.free_symbols | answer.free_symbols, key=lambda s: s.name)
        self.fe = NumericForm(expected, self.symbols)
        self.fa = NumericForm(answer, self.symbols)
        self.points = sample_points(self.symbols, _POINTS, seed + 1, constraints)
        self.ve = [self.fe(p) for p in self.points]
        self.va = [self.fa(p) for p in self.points]
        self.usable = all(v is not None and v != 0 for v in self.ve + self.va)

    def ratios(self):
        with mpmath.workdps(DIGITS):
            return [a / e for a, e in zip(self.va, self.ve, strict=True)]

    def answer_at(self, point):
        return self.fa(point)


def _constant(values) -> bool:
    return all(not differ(v, values[0], _RTOL) for v in values[1:])


def _monomial(case: _Case) -> dict | None:
    """Exponents p with answer/expected = C ∏ x^p, or None if the ratio is no monomial."""
    exps = {}
    with mpmath.workdps(DIGITS):
        base = case.points[0]
        r0 = case.va[0] / case.ve[0]
        for s in case.symbols:
            scaled = dict(base)
            scaled[s] = base[s] * 2
            va, ve = case.fa(scaled), case.fe(scaled)
            if va is None or ve is None or ve == 0 or va == 0:
                return None
            p = mpmath.log((va / ve) / r0) / mpmath.log(2)
            if isinstance(p, mpmath.mpc):
                if abs(p.imag) > 1e-15:
                    return None
                p = p.real
            frac = Fraction(str(mpmath.nstr(p, 25))).limit_denominator(12)
            if abs(p - mpmath.mpf(frac.numerator) / frac.denominator) > 1e-12:
                return None
            if frac:
                exps[s] = sympy.Rational(frac.numerator, frac.denominator)
        # The ratio divided by the monomial must be constant at every point.
        rest = []
        for point, va, ve in zip(case.points, case.va, case.ve, strict=True):
            mono = mpmath.mpf(1)
            for s, p in exps.items():
                mono *= point[s] ** (mpmath.mpf(p.p) / p.q)
            rest.append(va / ve / mono)
    return exps if exps and _constant(rest) else None


def _scaling(case: _Case, s) -> sympy.Rational | None:
    """The scaling exponent d ln f/d ln s of the expected form, if it is a constant."""
    found = set()
    with mpmath.workdps(DIGITS):
        for point, ve in zip(case.points[:3], case.ve, strict=False):
            scaled = dict(point)
            scaled[s] = point[s] * 2
            v2 = case.fe(scaled)
            if v2 is None or v2 == 0:
                return None
            q = mpmath.log(v2 / ve) / mpmath.log(2)
            if isinstance(q, mpmath.mpc):
                return None
            frac = Fraction(str(mpmath.nstr(q, 25))).limit_denominator(12)
            if abs(q - mpmath.mpf(frac.numerator) / frac.denominator) > 1e-12:
                return None
            found.add(sympy.Rational(frac.numerator, frac.denominator))
    return found.pop() if len(found) == 1 else None


def _swap(case: _Case):
    """(x, y, kind): the answer with x and y exchanged (or y written for x) is expected."""
    present = case.answer.free_symbols
    pairs = [(x, y) for x, y in itertools.permutations(case.symbols, 2)]
    for x, y in pairs[:2 * _MAX_PAIRS]:
        # y written where x belongs: put x's value in y's slot of the answer.
        for kind in ("swap", "for"):
            if kind == "swap" and x.name > y.name:
                continue
            if kind == "for" and (y not in present or x in present):
                continue
            ok = True
            for point, ve in zip(case.points, case.ve, strict=True):
                moved = dict(point)
                if kind == "swap":
                    moved[x], moved[y] = point[y], point[x]
                else:
                    moved[y] = point[x]
                if differ(case.answer_at(moved), ve, _RTOL):
                    ok = False
                    break
            if ok:
                return x, y, kind
    return None


def _dropped_term(case: _Case):
    """(term, 'numerator'|'denominator') such that leaving it out of expected gives answer."""
    num, den = sympy.fraction(case.expected)
    for part, where in ((num, "numerator"), (den, "denominator")):
        terms = sympy.Add.make_args(sympy.expand(part) if part.is_polynomial() else part)
        if len(terms) < 2 or len(terms) > _MAX_TERMS:
            continue
        fn, fd = NumericForm(num, case.symbols), NumericForm(den, case.symbols)
        forms = [NumericForm(t, case.symbols) for t in terms]
        values = [(fn(p), fd(p), [f(p) for f in forms]) for p in case.points]
        for i, term in enumerate(terms):
            ok = True
            for (n, d, tv), va in zip(values, case.va, strict=True):
                if n is None or d is None or tv[i] is None:
                    ok = False
                    break
                with mpmath.workdps(DIGITS):
                    guess = (n - tv[i]) / d if where == "numerator" else (
                        n / (d - tv[i]) if d != tv[i] else None)
                if differ(guess, va, _RTOL):
                    ok = False
                    break
            if ok:
                return term, where
    return None


def _term_swap(expected, answer):
    """(term, y, x): one term of a numerator or denominator has y where x belongs.

    Structural: only tried when the other part (denominator or numerator) is the same and
    the expressions are small enough to expand.
    """
    if sympy.count_ops(expected) > 400 or sympy.count_ops(answer) > 400:
        return None
    (en, ed), (an, ad) = (sympy.fraction(sympy.together(e)) for e in (expected, answer))
    en, ed, an, ad = (sympy.expand(x) for x in (en, ed, an, ad))
    for mine, theirs, other_same in ((an, en, sympy.expand(ad - ed) == 0),
                                     (ad, ed, sympy.expand(an - en) == 0)):
        if not other_same:
            continue
        extra = set(sympy.Add.make_args(mine)) - set(sympy.Add.make_args(theirs))
        missing = set(sympy.Add.make_args(theirs)) - set(sympy.Add.make_args(mine))
        if len(extra) != 1 or len(missing) != 1:
            continue
        (a,), (e,) = extra, missing
        ys, xs = a.free_symbols - e.free_symbols, e.free_symbols - a.free_symbols
        if len(ys) == 1 and len(xs) == 1:
            (y,), (x,) = ys, xs
            if a.xreplace({y: x}) == e:
                return e, y, x
    return None


# What a swap of two symbols usually is, in the words of each kind of model.
# A resistor has no reverse step: transport and path models get the plain statement.
_SWAP_HINT = {"kinetic": " (e.g. the rate of the reverse step)",
              "reactions": " (e.g. the rate constant of the reverse reaction)"}


def _swapped(x, y, kind, model_kind: str = "") -> tuple[str, str]:
    if kind == "swap":
        return "swapped", f"{x} and {y} are swapped{_SWAP_HINT.get(model_kind, '')}"
    return "swapped", f"{y} is written where {x} belongs"


def _power_text(s, p) -> str:
    return f"{s}^{p}" if p != 1 else str(s)


def diagnose(expected: sympy.Expr, answer: sympy.Expr, *, constraints=None, seed: int = 0,
             convention: str = "", model_kind: str = "") -> tuple[str, str]:
    """The code and a reason for why ``answer`` differs from ``expected`` (not dimension).

    ``convention`` names the sign convention of the result (flux direction, cycle
    orientation) for the ``sign`` message, and ``model_kind`` (``"kinetic"``,
    ``"transport"``...) the words of the ``swapped`` one. Returns ``("not_equal", reason)`` when no
    specific diagnosis applies.
    """
    case = _Case(expected, answer, constraints, seed)
    if case.usable:
        ratios = case.ratios()
        if _constant(ratios):
            c = ratios[0]
            if not differ(c, -1, _RTOL):
                why = f" ({convention})" if convention else " (check the sign convention)"
                return "sign", "your answer has the opposite sign" + why
            named = name_constant(c)
            text = sympy.sstr(named) if named is not None else mpmath.nstr(c, 6)
            return "factor", (f"your answer is {text} times the expected one: a constant "
                              f"factor {text} is wrong" + ("" if named is not None else
                                                           " (not a simple number)"))
        with mpmath.workdps(DIGITS):
            products = [a * e for a, e in zip(case.va, case.ve, strict=True)]
        if _constant(products) and not differ(products[0], 1, _RTOL):
            return "reciprocal", ("your answer is the reciprocal of the expected one (a ratio "
                                  "taken the other way round)" + (
                                      f"; {convention}" if convention else ""))
        swap = _swap(case)
        if swap is not None:
            return _swapped(*swap, model_kind)
        exps = _monomial(case)
        both = expected.free_symbols & answer.free_symbols
        if exps and set(exps) <= both and len(exps) <= 2:
            parts = []
            for s, p in sorted(exps.items(), key=lambda kv: kv[0].name):
                q = _scaling(case, s)
                if q is not None:
                    parts.append(f"{s} should appear to the power {q}, your answer has it to "
                                 f"the power {q + p}")
                else:
                    parts.append(f"the power of {s} is off by {_signed(p)} (your answer is "
                                 f"{_power_text(s, p)} times the expected one)")
            return "power", "wrong power: " + "; ".join(parts)
    else:
        swap = _swap(case)
        if swap is not None:
            return _swapped(*swap, model_kind)
    in_term = _term_swap(expected, answer)
    if in_term is not None:
        term, y, x = in_term
        return "swapped", f"in the term {sympy.sstr(term)}, {y} is written where {x} belongs"
    if case.usable:
        dropped = _dropped_term(case)
        if dropped is not None:
            term, where = dropped
            return "dropped_term", f"the term {sympy.sstr(term)} of the {where} is missing"
    return dependence(expected, answer, case)


def _matters(form: NumericForm, points, s) -> bool:
    """Whether the value of ``form`` changes when ``s`` is scaled (a real dependence)."""
    for point in points[:3]:
        moved = dict(point)
        moved[s] = point[s] * 3
        if differ(form(point), form(moved), _RTOL):
            return True
    return False


def _signed(p) -> str:
    return f"+{p}" if p > 0 else str(p)


def dependence(expected: sympy.Expr, answer: sympy.Expr, case: _Case | None = None
               ) -> tuple[str, str]:
    """``missing_dependence``/``extra_dependence`` from the symbols, else ``not_equal``.

    With ``case``, a symbol counts only if the value really depends on it (θ in
    ln(e^{-θx}/e^{(1-θ)x}) does not).
    """
    missing = sorted(expected.free_symbols - answer.free_symbols, key=lambda s: s.name)
    extra = sorted(answer.free_symbols - expected.free_symbols, key=lambda s: s.name)
    if case is not None:
        missing = [s for s in missing if _matters(case.fe, case.points, s)]
        extra = [s for s in extra if _matters(case.fa, case.points, s)]
    if missing:
        text = f"the answer does not depend on {', '.join(map(str, missing))}, the expected does"
        if extra:
            text += f"; it depends on {', '.join(map(str, extra))}, which it should not"
        return "missing_dependence", text
    if extra:
        return "extra_dependence", (f"the answer depends on {', '.join(map(str, extra))}, "
                                    "which the expected result does not")
    return "not_equal", "the answer is a different function of the same symbols"
