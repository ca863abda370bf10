r"""Is a typed answer right, and if not, why not: :func:`check` and :class:`CheckResult`.

An answer (LaTeX or plain math text, or a SymPy expression) is compared with a result of a
:class:`~symflux.derivation.Derivation`:

1. It is parsed by symflux's own safe parsers (:mod:`symflux.parsing`); names are
   matched to the problem's declared symbols (``c_{1}`` is ``c_1``, case is kept) and an
   unknown name gets "did you mean ...".
2. Numeric screening: both forms are evaluated with 40 digits at random points of the
   physical domain and compared with a relative tolerance.
3. Equal: symbolic confirmation — ``cancel(together(a - b))`` for rational functions (it
   decides them completely), ``simplify`` with the symbols' assumptions otherwise. The
   verdict says whether it was proven (``method="symbolic"``) or only screened
   (``"numeric"``).
4. Not equal: a counterexample point with both values, and a diagnosis with a stable
   code (:data:`CODES`): dimensionally inconsistent, up to sign, a constant factor, a
   wrong power, swapped symbols, a dropped term, missing or extra dependence.

Everything after parsing runs in a child process with a hard time limit and a memory
cap, so no simplification or evaluation can hang the checker (no SIGALRM).

Examples
--------
>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["C <-> O : k_o, k_c"]))
>>> r = check(d, "p_O", r"\frac{k_o}{k_o + k_c}")
>>> r.equal, r.code, r.method
(True, 'equal', 'symbolic')
>>> r = check(d, "p_O", "k_c/(k_o + k_c)")
>>> r.code, r.message
('swapped', 'k_c and k_o are swapped (e.g. the rate of the reverse step)')
>>> check(d, "p_O", "k_0/(k_o + k_c)").message
'the answer uses k_0, which the problem does not define; did you mean k_o or k_c?'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sympy

from symflux.arguments import a_derivation, check_check_options
from symflux.checking.decide import decide
from symflux.checking.definitions import defined_names
from symflux.checking.hints import unknown_symbol_message
from symflux.checking.verdict import _decided
from symflux.errors import CheckError, DimensionError, ParseError
from symflux.parsing.values import compilable

if TYPE_CHECKING:
    from symflux.derivation import Derivation

__all__ = ["CODES", "CheckResult", "check", "dimension_problems", "parse_answer"]

#: The verdict codes and what they mean (docs/checking.md has examples).
CODES = {
    "equal": "the answer is right",
    "sign": "right up to sign (a flux-direction or cycle-orientation convention)",
    "factor": "off by a constant factor",
    "reciprocal": "the reciprocal of the right answer",
    "power": "a symbol appears to a wrong power",
    "swapped": "two symbols are swapped, or one is written for another",
    "dropped_term": "a term of the numerator or denominator is missing",
    "dimension": "dimensionally inconsistent, or of the wrong dimension",
    "missing_dependence": "a symbol the result depends on is missing",
    "extra_dependence": "the answer depends on a symbol the result does not",
    "not_equal": "a different function (no simpler diagnosis found)",
    "unknown_symbol": "the answer uses a name the problem does not define",
    "parse_error": "the answer does not parse",
    "undecided": "could not be decided within the time limit",
}


@dataclass(frozen=True, repr=False)
class CheckResult:
    """The verdict on one answer; its ``repr`` is one line, a notebook shows a table.

    Attributes
    ----------
    name : str
        The result checked.
    equal : bool
        Whether the answer is right. ``bool(result)`` is the same.
    code : str
        One of :data:`CODES`.
    message : str
        The reason, in words a student can act on.
    counterexample : dict or None
        For a wrong answer, a point where the two differ: ``{"point": {name: value},
        "expected": value, "answer": value}`` (values as floats, None if undefined).
    expected, answer : sympy.Expr or None
        The two forms compared.
    method : str
        ``"symbolic"`` (proven), ``"numeric"`` (random-point screening only) or ``""``.
    """

    name: str
    equal: bool
    code: str
    message: str
    counterexample: Mapping | None = None
    expected: sympy.Expr | None = None
    answer: sympy.Expr | None = None
    method: str = ""
    details: Mapping = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.equal

    def __repr__(self) -> str:
        """One line: the result checked, the verdict and its code.

        >>> CheckResult("p_O", False, "sign", "right up to sign")
        <CheckResult 'p_O' wrong: sign>
        """
        from symflux.report.records import check_repr  # report/ renders

        return check_repr(self)

    def _repr_html_(self) -> str:
        from symflux.report.records import check_html

        return check_html(self)

    def _repr_markdown_(self) -> str:
        from symflux.report.records import check_markdown

        return check_markdown(self)

    def to_dict(self) -> dict:
        """A JSON-serialisable dict."""
        return {
            "name": self.name, "equal": self.equal, "code": self.code, "message": self.message,
            "counterexample": self.counterexample, "method": self.method,
            "expected": None if self.expected is None else sympy.sstr(self.expected),
            "answer": None if self.answer is None else sympy.sstr(self.answer),
        }


# -- parsing --------------------------------------------------------------------------

def _looks_like_latex(text: str) -> bool:
    return any(c in text for c in "\\{}")


def parse_answer(text: str, declared: Mapping[str, sympy.Symbol], format: str = "auto",
                 max_length: int = 20_000):
    r"""Parse an answer: an expression, or an equation ``lhs = rhs`` as ``(lhs, rhs)``.

    Answers longer than ``max_length`` characters are refused (a King–Altman result
    written out can take a few thousand). ``format`` is ``"latex"``, ``"text"`` or
    ``"auto"``: in auto mode both parsers are tried, and the reading whose names are all
    declared wins (``kT`` is one name in text, ``k*T`` in LaTeX); text wins a tie unless
    the answer contains ``\``, ``{`` or ``}``.

    >>> from symflux.parsing import symbol
    >>> parse_answer(r"\frac{k_{12}}{2}", {"k_12": symbol("k_12")})
    k_{12}/2
    >>> parse_answer("a = b", {})
    (a, b)
    """
    from symflux.parsing import parse_expression, parse_latex

    if not isinstance(text, str):
        raise CheckError(f"an answer must be text or a SymPy expression, not "
                         f"{type(text).__name__}")
    if format not in ("auto", "latex", "text"):
        raise CheckError(f"format must be 'auto', 'latex' or 'text', not {format!r}")
    if text.count("=") == 1 and len(text) <= max_length:
        lhs, rhs = text.split("=")
        return (parse_answer(lhs, declared, format, max_length),
                parse_answer(rhs, declared, format, max_length))
    parsers = {"latex": parse_latex, "text": parse_expression}
    order = (["latex", "text"] if _looks_like_latex(text) else ["text", "latex"]) \
        if format == "auto" else [format]
    readings, errors = [], []
    for kind in order:
        try:
            readings.append(parsers[kind](text, symbols=declared, max_length=max_length))
        except ParseError as err:
            errors.append((kind, err))
    if not readings:
        kind, err = errors[0]
        raise ParseError(f"the answer does not parse as {'LaTeX' if kind == 'latex' else 'text'}"
                         f": {err}", token=err.token, position=err.position)
    names = set(declared.values())
    for expr in readings:
        if expr.free_symbols <= names:
            return expr
    return readings[0]


# -- check ------------------------------------------------------------------------------

def _convention(derivation, name: str) -> str:
    q = derivation.quantities.get(name)
    if q is None:
        return ""
    if q.kind == "flux" and len(q.args) >= 2:
        return (f"the flux direction: the question asks for the net flux {q.args[0]} → "
                f"{q.args[1]}, positive when the flow goes that way; yours is {q.args[1]} → "
                f"{q.args[0]}")
    if q.kind in ("affinity", "one_way_cycle_flux"):
        return "the cycle orientation: yours runs the cycle the other way round"
    if q.kind == "entropy_production":
        return "the entropy production is never negative"
    return ""


def _units(derivation, units, declared) -> dict:
    from symflux.checking.units import parse_unit

    table = {s.name: info.unit for s, info in derivation.symbols.items() if info.unit}
    table.update(units or {})
    dims = {}
    for name, unit in table.items():
        s = declared.get(name)
        if s is not None:
            dims[s] = parse_unit(unit)
    return dims


def _result(derivation, name: str) -> sympy.Basic:
    """A result as a SymPy object, checked before anything evaluates it (a str is refused:
    turning it into an expression would be the one place text bypassed the safe parser)."""
    value = derivation.results[name]
    if not isinstance(value, sympy.Basic):
        raise CheckError(f"result {name!r} of the derivation is a {type(value).__name__}, not "
                         "a SymPy expression; build results with symflux.parse_expression")
    try:
        return compilable(value, what=f"result {name!r}")
    except ParseError as err:
        raise CheckError(str(err)) from None


def check(derivation: Derivation, name: str, answer: str | sympy.Expr, *,
          symbols: Mapping[str, sympy.Symbol] | None = None,
          units: Mapping[str, str] | None = None, format: str = "auto", points: int = 8,
          seed: int = 0, rtol: float = 1e-12, prove: bool = True, time_limit: float = 10.0,
          memory_mb: int = 1024, max_length: int = 20_000) -> CheckResult:
    r"""Check a typed answer against result ``name`` of ``derivation``.

    Parameters
    ----------
    derivation : Derivation
        Holds the result, its symbols (with units) and what it means (for the sign
        convention).
    name : str
        The result to compare with.
    answer : str or sympy.Expr
        LaTeX or plain text (``pi*D*R**2*(c1-c2)/L``); an equation ``lhs = rhs`` for a
        condition (a Wegscheider relation, either orientation), or ``J = ...`` with the
        result's name on the left.
    symbols : mapping of str to Symbol, optional
        Extra declared symbols (by default the derivation's symbols and parameters).
    units : mapping of str to str, optional
        Units by symbol name, added to those of the derivation's symbols.
    format : {"auto", "latex", "text"}
        How a text answer is read (:func:`parse_answer`).
    points, seed, rtol : int, int, float
        Numeric screening: number of random points, their seed, the relative tolerance.
    prove : bool
        Try to confirm an equal verdict symbolically.
    time_limit : float
        Seconds for screening, diagnosis and proof together (in a child process).
    memory_mb : int
        Memory the child may allocate beyond what it starts with.
    max_length : int
        Longer answers are refused unread.

    Returns
    -------
    CheckResult
        ``equal``, a ``code`` of :data:`CODES`, the ``message``, a ``counterexample``
        for a wrong answer and ``method`` (``"symbolic"`` or ``"numeric"``). An answer
        that does not parse, or uses an unknown name, is a verdict, not an error.

    Raises
    ------
    CheckError
        If ``name`` is not a result of the derivation or not a SymPy expression, the
        answer is neither text nor SymPy, or an option is out of range (``format``
        for a text answer).
    LimitError
        ``points``, ``time_limit`` or ``max_length`` over the limits ``check_points``,
        ``time_budget`` or ``answer_length``.
    UnitError
        If a unit string of the problem cannot be read.

    Notes
    -----
    Parsing is bounded by ``max_length``; the rest runs in a forked child killed after
    ``time_limit`` seconds: both forms evaluated with 40 digits at ``points`` points,
    then the proof (``cancel(together(a − b))`` for rational functions, ``simplify``
    otherwise) or, for a wrong answer, the diagnosis. The proof's cost grows with the
    size of the result; whatever has not arrived in time is left out of the verdict.

    Examples
    --------
    >>> import symflux as sf
    >>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    >>> r = sf.check(d, "p_1", "k_{21}/(k_{12} + k_{21})", prove=False)
    >>> r.equal, r.code, r.method
    (True, 'equal', 'numeric')
    """
    a_derivation(derivation, "check", error=CheckError)
    if name not in derivation.results:
        raise CheckError(f"no result {name!r} to check; results: "
                         f"{', '.join(derivation.results)}")
    check_check_options(points=points, seed=seed, rtol=rtol, time_limit=time_limit,
                   memory_mb=memory_mb, max_length=max_length, answer=answer)
    expected = _result(derivation, name)
    declared = {s.name: s for s in derivation.symbols}
    declared.update({s.name: s for s in derivation.parameters})
    for s in derivation.constraints:
        declared.setdefault(s.name, s)
    declared.update(symbols or {})
    dims = _units(derivation, units, declared)

    def verdict(equal, code, message, **kw):
        return CheckResult(name, equal, code, message, expected=expected, **kw)

    try:
        parsed = (compilable(answer, what="the answer") if isinstance(answer, sympy.Basic)
                  else parse_answer(answer, declared, format, max_length))
    except ParseError as err:
        return verdict(False, "parse_error", str(err), details={
            "token": err.token, "position": err.position})
    orientation_free = False
    if isinstance(parsed, tuple):
        lhs, rhs = parsed
        if isinstance(lhs, sympy.Symbol) and lhs.name == name:
            parsed = rhs
        elif rhs == 0:
            return verdict(False, "not_equal", "write the condition as 'lhs = rhs' with "
                           "both sides nonzero (a product of forward rates = a product "
                           "of backward rates)", answer=lhs)
        else:  # a condition: only the ratio of its sides is defined, in either orientation
            parsed, orientation_free = lhs / rhs, True
    unknown = parsed.free_symbols - set(declared.values())
    # Other results, and names its kind always defines (Sigma), stand for their closed form.
    defined = defined_names(derivation) if unknown else {}
    named = {s: defined[s.name] if s.name in defined else _result(derivation, s.name)
             for s in unknown if s.name != name and s.name in {*derivation.results, *defined}}
    if named:
        parsed = parsed.xreplace(named)
        unknown = parsed.free_symbols - set(declared.values())
    if unknown:
        return verdict(False, "unknown_symbol", unknown_symbol_message(
            derivation, name, parsed, unknown, declared, dims, defined), answer=parsed)
    job = dict(expected=expected, answer=parsed, orientation_free=orientation_free, dims=dims,
               convention=_convention(derivation, name), constraints=dict(derivation.constraints),
               points=points, seed=seed, rtol=rtol, prove=prove, model_kind=derivation.kind,
               units=[*(i.unit for i in derivation.symbols.values()), *(units or {}).values()])
    return _decided(verdict, decide(job, time_limit, memory_mb), parsed, job, time_limit)


def dimension_problems(derivation, names=None, units: Mapping[str, str] | None = None) -> dict:
    """Results of ``derivation`` that are dimensionally inconsistent: name → reason.

    Uses the units of the derivation's symbols; a problem file whose symbols carry units
    should give an empty dict. Results with symbols of unknown unit are skipped.

    >>> import symflux as sf
    >>> from symflux.derivation import Derivation, SymbolInfo
    >>> k, t = sf.symbol("k"), sf.symbol("t")
    >>> d = Derivation("decay", "inline", None, results={"x": sympy.exp(-k), "y": sympy.exp(-k*t)},
    ...                symbols={k: SymbolInfo("rate", "1/s"), t: SymbolInfo("time", "s")})
    >>> dimension_problems(d)
    {'x': 'the argument of exp must be dimensionless, but -k is 1/s (a rate (per time))'}
    """
    from symflux.checking.units import dimension_of

    declared = {s.name: s for s in derivation.symbols}
    dims = _units(derivation, units, declared)
    out = {}
    for name in names if names is not None else derivation.results:
        expr = _result(derivation, name)
        if not dims or not expr.free_symbols or expr.has(sympy.oo, sympy.zoo):
            continue
        try:
            dimension_of(expr, dims)
        except DimensionError as err:
            out[name] = str(err)
    return out
