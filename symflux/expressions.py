r"""Safe parsing of user text into SymPy, and symflux's symbol-name conventions.

Users type rates (``k1*S``, ``k_{-1}``), answers (``pi*D*R**2*(c_1 - c_2)/L``) and LaTeX
(``\frac{\pi D R^{2} (c_1 - c_2)}{L}``). This module turns such text into SymPy expressions
without ever handing it to :func:`eval`, :func:`exec`, :func:`compile` or :func:`sympy.sympify`:
both parsers are hand-written tokenizers and recursive-descent parsers over a whitelist that
build SymPy objects directly (the LaTeX one lives in :mod:`symflux.latex_parser`). Anything
outside the whitelist raises :class:`~symflux.errors.ParseError` naming the token, its
position and what would be valid.

Conventions
-----------
- A name is a letter followed by letters or digits, with at most one subscript. Its one
  spelling (:func:`canonical_name`) is ``base_x`` for a one-character subscript and
  ``base_{xyz}`` otherwise: ``k_{1}`` -> ``k_1``, ``k_12`` -> ``k_{12}``. ``k12`` has no
  subscript and stays ``k12``.
- Every symbol is positive unless declared otherwise, so one name always gives one
  (equal) :class:`sympy.Symbol`, whichever parser or builder made it.
- Plain text (:func:`parse_expression`): ``e``, ``E``, ``I``, ``S``, ``P``... are ordinary
  symbols (E is an enzyme, S a substrate); only ``pi`` is a constant; write ``exp(x)`` for
  the exponential. Implicit multiplication is refused (``2x``: write ``2*x``); ``^`` means
  power, like ``**``.
- LaTeX (:func:`parse_latex`): a bare ``e`` (or ``\mathrm{e}``) is Euler's number, so
  ``e^{x}`` is ``exp(x)``; ``\pi`` is the constant. Juxtaposition multiplies, and a run of
  letters is a product of one-letter symbols (``kT`` is ``k*T``); write ``\mathrm{kT}`` for
  one name.
- ``symbols=`` maps names to other SymPy objects (real symbols, numbers, or ``e`` as the
  elementary charge); ``pi`` and ``e`` can be overridden that way.

Limits (against input that would hang or exhaust memory): text length (``max_length``),
nesting depth 100, number literals of at most 300 digits, numeric exponents of magnitude at
most 1000, and no intermediate number larger than 10,000 bits.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

import sympy

from symflux.errors import ParseError

__all__ = [
    "ALLOWED_FUNCTIONS",
    "canonical_name",
    "parse_expression",
    "parse_latex",
    "python_name",
    "symbol",
]

MAX_DIGITS = 300
MAX_EXPONENT = 1000
MAX_BITS = 10_000
MAX_NESTING = 100


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FUNCTIONS = {"exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt}
_FUNCTIONS |= {"abs": sympy.Abs, "Abs": sympy.Abs}  # Abs: as sympy's str() writes it
_FUNCTIONS |= {f: getattr(sympy, f) for f in _words("sin cos tan cot sinh cosh tanh coth")}
_FUNCTIONS |= {f: getattr(sympy, f) for f in _words("asin acos atan asinh acosh atanh")}
#: Names that may be called in plain text (``ln`` is the natural log like ``log``; ``Abs`` is
#: ``abs``, so that ``str()`` of a SymPy expression reads back).
ALLOWED_FUNCTIONS: tuple[str, ...] = tuple(_FUNCTIONS)

_KEYWORDS = frozenset(keyword.kwlist) - {"lambda"}  # ``lambda`` is a Greek letter here
_MODULES = _words(
    "os sys subprocess builtins importlib shutil socket pickle marshal ctypes numpy np scipy "
    "sympy math cmath mpmath"
)
_RESERVED = _KEYWORDS | frozenset(dir(builtins)) | frozenset(_MODULES)
_SUB = r"[+-]?[A-Za-z0-9]+"
_NAME_RE = re.compile(rf"([A-Za-z][A-Za-z0-9]*)(?:_(?:([A-Za-z0-9]+)|\{{({_SUB}(?:,{_SUB})*)\}}))?")
_PLAIN_HELP = (
    "plain text allows numbers, names such as k1, alpha, k_1 or k_{-1}, the operators "
    "+ - * / ** ^, parentheses, the constant pi and the functions " + ", ".join(_FUNCTIONS)
)


def _show(text: str, limit: int = 40) -> str:
    """Quote ``text`` for a message, shortened so a huge input never floods it."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _fail(message: str, token: str | None, position: int | None) -> ParseError:
    return ParseError(message, token=token, position=position)


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
        raise TypeError(f"a name must be a str, not {type(name).__name__}")
    match = _NAME_RE.fullmatch(name)
    if match is None:
        raise _fail(
            f"{_show(name)} is not a valid name: use a letter followed by letters or digits, "
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


def _reserved_error(name: str, position: int | None = None) -> ParseError:
    where = "" if position is None else f" at position {position}"
    why = (
        "is a Python keyword: conditionals, boolean logic, comparisons and statements are "
        "not allowed, only arithmetic"
        if name in _KEYWORDS
        else "is a reserved Python name (a builtin or module) and cannot be a symbol"
    )
    return _fail(f"{name!r}{where} {why}", name, position)


def symbol(name: str, **assumptions: bool) -> sympy.Symbol:
    """Return the symflux symbol for ``name``: positive unless ``assumptions`` are given.

    Parameters
    ----------
    name : str
        Any spelling accepted by :func:`canonical_name`.
    **assumptions
        SymPy assumptions replacing the default ``positive=True`` (e.g. ``real=True`` for
        a potential that may be negative).

    Raises
    ------
    ParseError
        If the name is invalid or a reserved Python name (``eval``, ``os``, ``if``...).

    Examples
    --------
    >>> symbol("k_{1}") == symbol("k_1"), symbol("k_1").is_positive
    (True, True)
    >>> symbol("V", real=True).is_positive is None
    True
    """
    canon = canonical_name(name)
    if canon in _RESERVED:
        raise _reserved_error(canon)
    return sympy.Symbol(canon, **(assumptions or {"positive": True}))


# Building blocks shared by both parsers: every SymPy object they make goes through these.


def _prepare(text: str, max_length: int, what: str, openers: str, closers: str) -> None:
    """Refuse non-str, over-long, non-ASCII or too deeply nested text before parsing."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a str, not {type(text).__name__}")
    if len(text) > max_length:
        message = f"{what} is {len(text)} characters long; the limit is max_length={max_length}"
        raise _fail(message, None, max_length)
    depth = 0
    for pos, char in enumerate(text):
        if not (" " <= char <= "~" or char in "\t\r\n"):
            label = f"U+{ord(char):04X} {unicodedata.name(char, 'a control character')}"
            raise _fail(
                f"character {char!r} ({label}) at position {pos} is not allowed: write plain "
                "ASCII, e.g. alpha for the Greek letter, - for a minus sign, * for a product",
                char,
                pos,
            )
        if char in openers:
            depth += 1
            if depth > MAX_NESTING:
                message = f"brackets nested more than {MAX_NESTING} deep at position {pos}"
                raise _fail(message, char, pos)
        elif char in closers:
            depth = max(depth - 1, 0)


def _symbols_map(symbols: Mapping[str, object] | None) -> dict[str, sympy.Expr]:
    """Canonicalise the keys of a caller's ``symbols`` mapping and check its values."""
    result: dict[str, sympy.Expr] = {}
    for key, value in (symbols or {}).items():
        if isinstance(value, str) or not isinstance(value, sympy.Basic | int | float):
            kind = type(value).__name__
            raise TypeError(f"symbols[{key!r}] must be a SymPy expression or number, not {kind}")
        value = sympy.sympify(value, strict=True)  # a number: strings were refused above
        if not isinstance(value, sympy.Expr):
            raise TypeError(f"symbols[{key!r}] must be an expression, not {value!r}")
        result[canonical_name(key)] = value
    return result


def _resolve(name: str, symbols: Mapping[str, sympy.Expr], position: int) -> sympy.Expr:
    """The SymPy object a name in the text stands for."""
    try:
        canon = canonical_name(name)
    except ParseError as exc:
        raise _fail(f"{exc} (at position {position})", name, position) from None
    if canon in _RESERVED:
        raise _reserved_error(canon, position)
    if canon in symbols:
        return symbols[canon]
    return sympy.pi if canon == "pi" else sympy.Symbol(canon, positive=True)


def _number(literal: str, position: int) -> sympy.Rational:
    """An exact Rational for a decimal literal such as ``12``, ``0.5`` or ``1.5e-3``."""
    mantissa, _, exponent = literal.lower().partition("e")
    if len(mantissa) > MAX_DIGITS + 1 or len(exponent) > 4 or abs(int(exponent or 0)) > MAX_DIGITS:
        message = (
            f"number {_show(literal)} at position {position} is too large: at most "
            f"{MAX_DIGITS} digits and a decimal exponent of at most {MAX_DIGITS}"
        )
        raise _fail(message, literal, position)
    whole, _, fraction = mantissa.partition(".")
    value = sympy.Rational(int(whole + fraction or "0"), 10 ** len(fraction))
    return value * sympy.Rational(10) ** int(exponent or 0)


def _bits(expr: sympy.Basic) -> int:
    sizes = (max(abs(r.p).bit_length(), r.q.bit_length()) for r in expr.atoms(sympy.Rational))
    return max(sizes, default=0)


def _checked(expr: sympy.Expr, token: str, position: int) -> sympy.Expr:
    """Refuse undefined values (1/0, log(0)) and numbers too large to handle."""
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        why = "makes the expression undefined (a division by zero or a singular function)"
        raise _fail(f"{_show(token)} at position {position} {why}", token, position)
    if _bits(expr) > MAX_BITS:
        why = f"creates a number larger than {MAX_BITS} bits; such numbers are not accepted"
        raise _fail(f"{_show(token)} at position {position} {why}", token, position)
    return expr


def _short(value: sympy.Expr) -> str:
    try:
        text = sympy.sstr(value)
    except ValueError:  # an integer beyond Python's str() digit limit
        return "a huge number"
    return text if len(text) <= 30 else f"{text[:12]}...{text[-6:]} ({len(text)} characters)"


def _guard_size(base: sympy.Expr, exponent: sympy.Expr, token: str, position: int) -> None:
    size = abs(exponent)
    where = f"exponent too large: {_show(token)} at position {position}"
    if size > MAX_EXPONENT or (exponent.is_Rational and exponent.q > MAX_EXPONENT):
        message = (
            f"{where} has the exponent {_short(exponent)}; numeric exponents must lie within "
            f"±{MAX_EXPONENT} (denominators up to {MAX_EXPONENT})"
        )
        raise _fail(message, token, position)
    if _bits(base) * size > MAX_BITS:
        raise _fail(f"{where} would create a number larger than {MAX_BITS} bits", token, position)


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


def _power(base: sympy.Expr, exponent: sympy.Expr, token: str, position: int) -> sympy.Expr:
    _guard_power(base, exponent, token, position)
    return _checked(sympy.Pow(base, exponent), token, position)


def _divide(num: sympy.Expr, den: sympy.Expr, token: str, position: int) -> sympy.Expr:
    if den == 0:
        raise _fail(f"division by zero at position {position}", token, position)
    return _checked(num * _power(den, sympy.Integer(-1), token, position), token, position)


def _apply(name: str, arg: sympy.Expr, token: str, position: int) -> sympy.Expr:
    """Apply a whitelisted function (``sqrt`` and ``exp`` through the power guards)."""
    if name == "sqrt":
        return _power(arg, sympy.S.Half, token, position)
    if name == "exp":
        _guard_power(sympy.E, arg, token, position)
    return _checked(_FUNCTIONS[name](arg), token, position)


class _Token(NamedTuple):
    kind: str
    text: str
    pos: int


# The plain-text tokenizer and parser.

_PLAIN_TOKEN = re.compile(
    r"(?P<space>[ \t\r\n]+)"
    r"|(?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z][A-Za-z0-9]*(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))?)"
    r"|(?P<op>\*\*|[-+*/^(),])",
    re.ASCII,
)
_BRACKETS = "brackets (indexing, lists) are not allowed; group with ( )"
_BRACES = "braces are allowed only in subscripts such as k_{12}"
_COMPARE = "assignments and comparisons are not allowed; give only the expression"
_BAD_CHARS = {"[": _BRACKETS, "]": _BRACKETS, "{": _BRACES, "}": _BRACES, "=": _COMPARE,
              "<": _COMPARE, ">": _COMPARE, "!": _COMPARE, "'": "strings are not allowed",
              '"': "strings are not allowed", ".": "attribute access is not allowed",
              ":": "':' is not allowed (no lambdas, slices or annotations)",
              ";": "statements are not allowed",
              "\\": "backslashes are not allowed in plain text; use parse_latex for LaTeX",
              "_": "names must start with a letter (no _private or __dunder__ names)"}  # fmt: skip


def _tokenize_plain(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _PLAIN_TOKEN.match(text, pos)
        if match is None:
            char = text[pos]
            word = re.match(r"[_A-Za-z0-9]+", text[pos:]) if char == "_" else None
            token = word.group() if word else char
            why = _BAD_CHARS.get(char, "this character is not allowed")
            if char == "_" and tokens and tokens[-1].kind == "name":
                why = "a subscript is written k_1 or k_{12}, at most one subscript per name"
            raise _fail(f"{_show(token)} at position {pos}: {why}; {_PLAIN_HELP}", token, pos)
        kind, value, end = match.lastgroup, match.group(), match.end()
        if kind == "number" and end < len(text) and (text[end].isalpha() or text[end] == "_"):
            juxtaposed = value + text[end]
            message = (
                f"{_show(juxtaposed)} at position {pos}: implicit multiplication is not allowed "
                f"in plain text; write {value}*{text[end]}"
            )
            raise _fail(message, juxtaposed, pos)
        if kind == "name" and value in _KEYWORDS:
            raise _reserved_error(value, pos)
        if kind == "op" and value == "/" and text.startswith("/", end):
            raise _fail(f"'//' at position {pos}: floor division is not allowed", "//", pos)
        if kind != "space":
            tokens.append(_Token(kind, value, pos))
        pos = end
    return tokens


class _PlainParser:
    """Recursive descent with Python's precedence: ``-x**2 == -(x**2)``, ``**`` right-assoc."""

    def __init__(self, tokens: list[_Token], symbols: Mapping[str, sympy.Expr]):
        self.tokens, self.symbols, self.i = tokens, symbols, 0

    def peek(self, *ops: str) -> _Token | None:
        tok = self.tokens[self.i] if self.i < len(self.tokens) else None
        if ops and (tok is None or tok.kind != "op" or tok.text not in ops):
            return None
        return tok

    def take(self, what: str) -> _Token:
        if (tok := self.peek()) is None:
            position = self.tokens[-1].pos if self.tokens else 0
            raise _fail(f"unexpected end of the expression: expected {what}", None, position)
        self.i += 1
        return tok

    def parse(self) -> sympy.Expr:
        if not self.tokens:
            raise _fail(f"empty expression: {_PLAIN_HELP}", None, 0)
        value = self.sum()
        if (tok := self.peek()) is not None:
            if tok.text == ")":
                raise _fail(f"unbalanced ')' at position {tok.pos}", ")", tok.pos)
            prev = self.tokens[self.i - 1].text
            message = (
                f"missing operator between {_show(prev)} and {_show(tok.text)} at position "
                f"{tok.pos}: implicit multiplication is not allowed in plain text; write "
                f"{prev}*{tok.text} (or + - / **)"
            )
            raise _fail(message, tok.text, tok.pos)
        return value

    def sum(self) -> sympy.Expr:
        value = self.product()
        while tok := self.peek("+", "-"):
            self.i += 1
            rhs = self.product()
            value = _checked(value + rhs if tok.text == "+" else value - rhs, tok.text, tok.pos)
        return value

    def product(self) -> sympy.Expr:
        value = self.unary()
        while tok := self.peek("*", "/"):
            self.i += 1
            rhs = self.unary()
            if tok.text == "*":
                value = _checked(value * rhs, "*", tok.pos)
            else:
                value = _divide(value, rhs, "/", tok.pos)
        return value

    def signs(self) -> bool:
        negative = False
        while tok := self.peek("+", "-"):
            self.i += 1
            negative ^= tok.text == "-"
        return negative

    def unary(self) -> sympy.Expr:
        negative = self.signs()
        value = self.power()
        return -value if negative else value

    def power(self) -> sympy.Expr:
        operands, ops, negatives = [self.primary()], [], []
        while tok := self.peek("**", "^"):
            self.i += 1
            ops.append(tok)
            negatives.append(self.signs())
            operands.append(self.primary())
        if len(ops) > MAX_NESTING:
            message = f"power tower of more than {MAX_NESTING} levels at position {ops[0].pos}"
            raise _fail(message, ops[0].text, ops[0].pos)
        value = operands[-1]
        for k in reversed(range(len(ops))):
            value = _power(operands[k], -value if negatives[k] else value, ops[k].text, ops[k].pos)
        return value

    def primary(self) -> sympy.Expr:
        tok = self.take("a number, a name or '('")
        if tok.kind == "number":
            return _number(tok.text, tok.pos)
        if tok.kind == "name" and self.peek("("):
            return self.call(tok)
        if tok.kind == "name" and tok.text in _FUNCTIONS and tok.text not in self.symbols:
            message = f"{tok.text!r} at position {tok.pos} is a function: write {tok.text}(...)"
            raise _fail(message, tok.text, tok.pos)
        if tok.kind == "name":
            return _resolve(tok.text, self.symbols, tok.pos)
        if tok.text == "(":
            return self.group(tok)
        message = (
            f"unexpected {tok.text!r} at position {tok.pos}: expected a number, a name or '('; "
            + _PLAIN_HELP
        )
        raise _fail(message, tok.text, tok.pos)

    def group(self, opening: _Token) -> sympy.Expr:
        value = self.sum()
        closing = self.peek(")", ",")
        if closing is None or closing.text == ",":
            why = "a function takes one argument" if closing else "expected ')'"
            pos = (closing or self.peek() or opening).pos
            message = f"'(' at position {opening.pos} is not closed: {why} (at position {pos})"
            raise _fail(message, "(", pos)
        self.i += 1
        return value

    def call(self, tok: _Token) -> sympy.Expr:
        if tok.text not in _FUNCTIONS:
            if canonical_name(tok.text) in _RESERVED:
                raise _reserved_error(tok.text, tok.pos)
            message = (
                f"'{tok.text}(' at position {tok.pos}: calling {tok.text!r} is not allowed; the "
                f"allowed functions are {', '.join(_FUNCTIONS)}; for a product write "
                f"{tok.text}*(...)"
            )
            raise _fail(message, tok.text, tok.pos)
        opening = self.take("'('")
        return _apply(tok.text, self.group(opening), tok.text, tok.pos)


def parse_expression(
    text: str, *, symbols: Mapping[str, sympy.Basic] | None = None, max_length: int = 2000
) -> sympy.Expr:
    """Parse plain math text (Python-like syntax) into a SymPy expression, safely.

    Parameters
    ----------
    text : str
        Numbers (exact: ``0.5`` is 1/2), names (:func:`canonical_name`), ``+ - * / **``
        (``^`` is a synonym of ``**``), unary signs, parentheses, the constant ``pi`` and
        calls of :data:`ALLOWED_FUNCTIONS` with one argument.
    symbols : mapping, optional
        Name -> SymPy object (or number) used instead of the default positive symbol.
    max_length : int
        Longer text is refused before anything else is done.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ParseError
        For anything else (attribute access, strings, calls of other names, keywords,
        implicit multiplication, huge numbers or exponents, deep nesting, 1/0), with the
        offending token and its position.

    Notes
    -----
    Nothing is evaluated as Python: the text is tokenized by regular expressions and parsed
    by recursive descent; nesting is capped, so recursion is bounded.

    Examples
    --------
    >>> parse_expression("alpha*exp(-F*d/(kB*T))")
    alpha*exp(-F*d/(T*kB))
    >>> parse_expression("k_{1}*E*S - k_{-1}*ES") == symbol("k_1")*symbol("E")*symbol("S") - (
    ...     symbol("k_{-1}")*symbol("ES"))
    True
    >>> parse_expression("0.5*x^2")
    x**2/2
    >>> parse_expression("2x")
    Traceback (most recent call last):
    ...
    symflux.errors.ParseError: '2x' at position 0: implicit multiplication is not allowed \
in plain text; write 2*x
    """
    _prepare(text, max_length, "the expression", "(", ")")
    tokens = _tokenize_plain(text)
    try:
        return _PlainParser(tokens, _symbols_map(symbols)).parse()
    except (RecursionError, MemoryError) as exc:
        message = f"the expression is too deeply nested or too large ({type(exc).__name__})"
        raise _fail(message, None, 0) from None


def parse_latex(
    text: str, *, symbols: Mapping[str, sympy.Basic] | None = None, max_length: int = 5000
) -> sympy.Expr:
    r"""Parse the LaTeX math of physics answers into a SymPy expression, safely.

    A hand-written tokenizer and recursive-descent parser (not :mod:`sympy.parsing.latex`,
    and nothing that executes); :mod:`symflux.latex_parser` gives the grammar.

    Parameters
    ----------
    text : str
        Numbers, letters, Greek letters (``\alpha`` -> ``alpha``), subscripts (``c_1``,
        ``k_{-1}``, ``K_{\mathrm{eq}}``), ``\mathrm{..}``/``\text{..}``/``\operatorname{..}``
        names, ``^``, ``\frac``/``\dfrac``/``\tfrac``, ``\sqrt``, ``\sqrt[n]``, ``\exp``,
        ``\ln``, ``\log``, ``\log_{b}``, trigonometric and hyperbolic functions, ``\left(
        \right)``, ``\left| \right|`` (absolute value), ``( ) [ ] \{ \} { }``, ``\cdot``,
        ``\times``, ``\div``, ``+ - * /`` and juxtaposition (a product). Spacing commands
        (``\, \; \! \quad``, ``~``) are ignored; one surrounding pair of ``$`` is allowed.
    symbols : mapping, optional
        Name -> SymPy object; a key ``"e"`` or ``"pi"`` overrides the constant.
    max_length : int
        Longer text is refused before anything else is done.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ParseError
        For any other command (``\input``, ``\def``, ``\begin``...), ambiguous input
        (``x^23``, ``a/b c``), relations, huge numbers, deep nesting, with position.

    Examples
    --------
    >>> parse_latex(r"\frac{\pi D R^{2} (c_1 - c_2)}{L}")
    pi*D*R**2*(c_1 - c_2)/L
    >>> parse_latex(r"k_{12} c_{1}") == parse_expression("k_12*c_1")
    True
    >>> parse_latex(r"e^{-\frac{E_a}{R T}}")
    exp(-E_a/(R*T))
    >>> parse_latex(r"\input{/etc/passwd}")
    Traceback (most recent call last):
    ...
    symflux.errors.ParseError: unknown or disallowed LaTeX command '\input' at position 0; ...
    """
    from symflux.latex_parser import parse

    _prepare(text, max_length, "the LaTeX text", "({[", ")}]")
    try:
        return parse(text, _symbols_map(symbols))
    except (RecursionError, MemoryError) as exc:
        message = f"the LaTeX text is too deeply nested or too large ({type(exc).__name__})"
        raise _fail(message, None, 0) from None
