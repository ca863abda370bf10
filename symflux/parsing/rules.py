"""The limits and checks every parser applies, and the building blocks they share.

Every SymPy object the parsers make goes through :func:`checked_power`,
:func:`checked_divide`, :func:`apply_function` or :func:`checked`, which refuse undefined
values and numbers too large to handle before SymPy computes them.

>>> exact_number("1.5e-3", 0)
3/2000
>>> checked_divide(sympy.Integer(1), sympy.Integer(0), "/", 3)
Traceback (most recent call last):
...
symflux.errors.ParseError: division by zero at position 3
"""

from __future__ import annotations

import builtins
import keyword
import unicodedata
from typing import NamedTuple

import sympy

from symflux.errors import ParseError, ParseTypeError

__all__ = [
    "ALLOWED_FUNCTIONS",
    "FUNCTIONS",
    "KEYWORDS",
    "MAX_BITS",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_NESTING",
    "RESERVED",
    "Token",
    "apply_function",
    "checked",
    "checked_divide",
    "checked_power",
    "exact_number",
    "parse_error",
    "prescreen",
    "quote",
    "words",
]

MAX_DIGITS = 300
MAX_EXPONENT = 1000
MAX_BITS = 10_000
MAX_NESTING = 100


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text``."""
    return tuple(text.split())


FUNCTIONS = {"exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt}
FUNCTIONS |= {"abs": sympy.Abs, "Abs": sympy.Abs}  # Abs: as sympy's str() writes it
FUNCTIONS |= {f: getattr(sympy, f) for f in words("sin cos tan cot sinh cosh tanh coth")}
FUNCTIONS |= {f: getattr(sympy, f) for f in words("asin acos atan asinh acosh atanh")}
#: Names that may be called in plain text (``ln`` is the natural log like ``log``; ``Abs`` is
#: ``abs``, so that ``str()`` of a SymPy expression reads back).
ALLOWED_FUNCTIONS: tuple[str, ...] = tuple(FUNCTIONS)

KEYWORDS = frozenset(keyword.kwlist) - {"lambda"}  # ``lambda`` is a Greek letter here
_MODULES = words(
    "os sys subprocess builtins importlib shutil socket pickle marshal ctypes numpy np scipy "
    "sympy math cmath mpmath"
)
RESERVED = KEYWORDS | frozenset(dir(builtins)) | frozenset(_MODULES)

def quote(text: str, limit: int = 40) -> str:
    """Quote ``text`` for a message, shortened so a huge input never floods it."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def parse_error(message: str, token: str | None, position: int | None) -> ParseError:
    """A ParseError with the offending ``token`` and its ``position``."""
    return ParseError(message, token=token, position=position)


def prescreen(text: str, max_length: int, what: str, openers: str, closers: str) -> None:
    """Refuse non-str, over-long, non-ASCII or too deeply nested text before parsing."""
    if not isinstance(text, str):
        raise ParseTypeError(f"{what} must be a str, not {type(text).__name__}")
    if len(text) > max_length:
        message = f"{what} is {len(text)} characters long; the limit is max_length={max_length}"
        raise parse_error(message, None, max_length)
    depth = 0
    for pos, char in enumerate(text):
        if not (" " <= char <= "~" or char in "\t\r\n"):
            label = f"U+{ord(char):04X} {unicodedata.name(char, 'a control character')}"
            raise parse_error(
                f"character {char!r} ({label}) at position {pos} is not allowed: write plain "
                "ASCII, e.g. alpha for the Greek letter, - for a minus sign, * for a product",
                char,
                pos,
            )
        if char in openers:
            depth += 1
            if depth > MAX_NESTING:
                message = f"brackets nested more than {MAX_NESTING} deep at position {pos}"
                raise parse_error(message, char, pos)
        elif char in closers:
            depth = max(depth - 1, 0)


def exact_number(literal: str, position: int) -> sympy.Rational:
    """An exact Rational for a decimal literal such as ``12``, ``0.5`` or ``1.5e-3``."""
    mantissa, _, exponent = literal.lower().partition("e")
    if len(mantissa) > MAX_DIGITS + 1 or len(exponent) > 4 or abs(int(exponent or 0)) > MAX_DIGITS:
        message = (
            f"number {quote(literal)} at position {position} is too large: at most "
            f"{MAX_DIGITS} digits and a decimal exponent of at most {MAX_DIGITS}"
        )
        raise parse_error(message, literal, position)
    whole, _, fraction = mantissa.partition(".")
    value = sympy.Rational(int(whole + fraction or "0"), 10 ** len(fraction))
    return value * sympy.Rational(10) ** int(exponent or 0)


def _bits(expr: sympy.Basic) -> int:
    sizes = (max(abs(r.p).bit_length(), r.q.bit_length()) for r in expr.atoms(sympy.Rational))
    return max(sizes, default=0)


def checked(expr: sympy.Expr, token: str, position: int) -> sympy.Expr:
    """Refuse undefined values (1/0, log(0)) and numbers too large to handle."""
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        why = "makes the expression undefined (a division by zero or a singular function)"
        raise parse_error(f"{quote(token)} at position {position} {why}", token, position)
    if _bits(expr) > MAX_BITS:
        why = f"creates a number larger than {MAX_BITS} bits; such numbers are not accepted"
        raise parse_error(f"{quote(token)} at position {position} {why}", token, position)
    return expr


def _short(value: sympy.Expr) -> str:
    try:
        text = sympy.sstr(value)
    except ValueError:  # an integer beyond Python's str() digit limit
        return "a huge number"
    return text if len(text) <= 30 else f"{text[:12]}...{text[-6:]} ({len(text)} characters)"


def _guard_size(base: sympy.Expr, exponent: sympy.Expr, token: str, position: int) -> None:
    size = abs(exponent)
    where = f"exponent too large: {quote(token)} at position {position}"
    if size > MAX_EXPONENT or (exponent.is_Rational and exponent.q > MAX_EXPONENT):
        message = (
            f"{where} has the exponent {_short(exponent)}; numeric exponents must lie within "
            f"±{MAX_EXPONENT} (denominators up to {MAX_EXPONENT})"
        )
        raise parse_error(message, token, position)
    if _bits(base) * size > MAX_BITS:
        message = f"{where} would create a number larger than {MAX_BITS} bits"
        raise parse_error(message, token, position)


def _guard_power(base: sympy.Expr, exponent: sympy.Expr, token: str, position: int) -> None:
    """Refuse a power that would be huge to compute, before SymPy computes it.

    Besides numeric exponents, SymPy evaluates ``exp(c*log(b))`` to ``b**c`` for a rational
    ``c``, so the coefficient of a logarithm in an exponent is bounded the same way.
    """
    if base == sympy.E or exponent.has(sympy.log):
        for term in sympy.Add.make_args(exponent):
            coeff, rest = term.as_coeff_Mul()
            if rest.has(sympy.log):
                _guard_size(rest, coeff, token, position)
    if exponent.is_Number and base != sympy.E:  # exp(2000) stays symbolic: harmless
        _guard_size(base, exponent, token, position)


def checked_power(base: sympy.Expr, exponent: sympy.Expr, token: str, position: int) -> sympy.Expr:
    """``base ** exponent``, refused when it would be huge to compute or undefined."""
    _guard_power(base, exponent, token, position)
    return checked(sympy.Pow(base, exponent), token, position)


def checked_divide(num: sympy.Expr, den: sympy.Expr, token: str, position: int) -> sympy.Expr:
    """``num / den``, refused for a zero divisor, a huge power or an undefined result."""
    if den == 0:
        raise parse_error(f"division by zero at position {position}", token, position)
    return checked(num * checked_power(den, sympy.Integer(-1), token, position), token, position)


def apply_function(name: str, arg: sympy.Expr, token: str, position: int) -> sympy.Expr:
    """Apply a whitelisted function (``sqrt`` and ``exp`` through the power guards)."""
    if name == "sqrt":
        return checked_power(arg, sympy.S.Half, token, position)
    if name == "exp":
        _guard_power(sympy.E, arg, token, position)
    return checked(FUNCTIONS[name](arg), token, position)


class Token(NamedTuple):
    """One token of user text: its kind, its text and its offset."""

    kind: str
    text: str
    pos: int


