"""Symbol names: their one canonical spelling, Python identifiers, and name look-up.

>>> canonical_name("k_12"), python_name("k_{-1}")
('k_{12}', 'k_m1')
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping

import sympy

from symflux.errors import ParseError, ParseTypeError
from symflux.parsing.rules import KEYWORDS, RESERVED, parse_error, quote

__all__ = [
    "canonical_name",
    "python_name",
    "reserved_error",
    "resolve_name",
    "symbol",
    "symbols_map",
]

_SUB = r"[+-]?[A-Za-z0-9]+"
_NAME_RE = re.compile(rf"([A-Za-z][A-Za-z0-9]*)(?:_(?:([A-Za-z0-9]+)|\{{({_SUB}(?:,{_SUB})*)\}}))?")

def canonical_name(name: str) -> str:
    """Return the one spelling of a (possibly subscripted) name.

    Parameters
    ----------
    name : str
        ``base`` or ``base_sub``: a letter followed by letters or digits, optionally one
        subscript, either a run of letters/digits (``k_1``, ``k_12``) or braced
        (``k_{12}``, ``k_{-1}``, ``k_{1,11}``: comma-separated parts, each optionally signed).

    Returns
    -------
    str
        ``base_x`` when the subscript is one character, ``base_{xyz}`` otherwise; ``base``
        unchanged when there is no subscript (``k12`` is not rewritten).

    Raises
    ------
    ParseError
        If ``name`` has another shape (two subscripts, spaces, symbols, a leading ``_``...).

    Examples
    --------
    >>> [canonical_name(n) for n in ["k_{1}", "k_12", "k_{12}", "k_{-1}", "K_{S}", "k12"]]
    ['k_1', 'k_{12}', 'k_{12}', 'k_{-1}', 'K_S', 'k12']
    >>> canonical_name("k_{1,11}")
    'k_{1,11}'
    """
    if not isinstance(name, str):
        raise ParseTypeError(f"a name must be a str, not {type(name).__name__}")
    match = _NAME_RE.fullmatch(name)
    if match is None:
        raise parse_error(
            f"{quote(name)} is not a valid name: use a letter followed by letters or digits, "
            "with at most one subscript, e.g. k1, alpha, k_1, k_{12}, k_{-1}, K_{eq}, k_{1,11}",
            name,
            None,
        )
    base, plain, braced = match.groups()
    sub = plain or braced
    if sub is None:
        return base
    return f"{base}_{sub}" if len(sub) == 1 else f"{base}_{{{sub}}}"


def python_name(name: str) -> str:
    """Return an identifier form of ``name``, usable as a keyword argument.

    The subscript braces are dropped, ``-`` becomes ``m``, ``+`` becomes ``p`` and ``,``
    becomes ``_``; a Python keyword (``lambda``) gets a trailing ``_``. Distinct names can
    collide (``k_{-1}`` and ``k_{m1}`` both give ``k_m1``); kernels should refuse such pairs.

    Examples
    --------
    >>> [python_name(n) for n in ["k_{12}", "k_{-1}", "k_{1,11}", "K_S", "alpha", "lambda"]]
    ['k_12', 'k_m1', 'k_1_11', 'K_S', 'alpha', 'lambda_']
    """
    base, _, sub = canonical_name(name).partition("_")
    sub = sub.strip("{}").replace("-", "m").replace("+", "p").replace(",", "_")
    result = f"{base}_{sub}" if sub else base
    return result + "_" if keyword.iskeyword(result) else result


def reserved_error(name: str, position: int | None = None) -> ParseError:
    where = "" if position is None else f" at position {position}"
    why = (
        "is a Python keyword: conditionals, boolean logic, comparisons and statements are "
        "not allowed, only arithmetic"
        if name in KEYWORDS
        else "is a reserved Python name (a builtin or module) and cannot be a symbol"
    )
    return parse_error(f"{name!r}{where} {why}", name, position)


def symbol(name: str, **assumptions: bool) -> sympy.Symbol:
    """Return the symflux symbol for ``name``: positive unless ``assumptions`` are given.

    Parameters
    ----------
    name : str
        Any spelling accepted by :func:`canonical_name`.
    **assumptions
        SymPy assumptions replacing the default ``positive=True`` (e.g. ``real=True`` for
        a potential that may be negative).

    Returns
    -------
    sympy.Symbol
        ``Symbol(canonical_name(name), positive=True)``, or with exactly
        ``assumptions`` in place of ``positive=True``.

    Raises
    ------
    ParseError
        If the name is invalid or a reserved Python name (``eval``, ``os``, ``if``...);
        :class:`~symflux.errors.ParseTypeError` if it is not a str.

    Notes
    -----
    SymPy symbols are equal when their names and assumptions are, so every spelling of
    a name gives the symbol the parsers read it as (``k_{1}``, ``k_1``), while
    ``symbol("V", real=True)`` differs from the parsed ``V``, and
    ``symbol("pi")`` a plain symbol where the parsers read the constant. Cost: one
    regular-expression match, linear in ``len(name)``; no limit of
    :mod:`symflux.limits` applies.

    Examples
    --------
    >>> symbol("k_{1}") == symbol("k_1"), symbol("k_1").is_positive
    (True, True)
    >>> symbol("V", real=True).is_positive is None
    True
    """
    canon = canonical_name(name)
    if canon in RESERVED:
        raise reserved_error(canon)
    return sympy.Symbol(canon, **(assumptions or {"positive": True}))


def symbols_map(symbols: Mapping[str, object] | None) -> dict[str, sympy.Expr]:
    """Canonicalise the keys of a caller's ``symbols`` mapping and check its values."""
    result: dict[str, sympy.Expr] = {}
    for key, value in (symbols or {}).items():
        if isinstance(value, str) or not isinstance(value, sympy.Basic | int | float):
            kind = type(value).__name__
            raise ParseTypeError(
                f"symbols[{key!r}] must be a SymPy expression or number, not {kind}")
        value = sympy.sympify(value, strict=True)  # a number: strings were refused above
        if not isinstance(value, sympy.Expr):
            raise ParseTypeError(f"symbols[{key!r}] must be an expression, not {value!r}")
        result[canonical_name(key)] = value
    return result


def resolve_name(name: str, symbols: Mapping[str, sympy.Expr], position: int) -> sympy.Expr:
    """The SymPy object a name in the text stands for."""
    try:
        canon = canonical_name(name)
    except ParseError as exc:
        raise parse_error(f"{exc} (at position {position})", name, position) from None
    if canon in RESERVED:
        raise reserved_error(canon, position)
    if canon in symbols:
        return symbols[canon]
    return sympy.pi if canon == "pi" else sympy.Symbol(canon, positive=True)


