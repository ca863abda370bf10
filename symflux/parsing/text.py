"""The plain-text tokenizer and recursive-descent parser behind :func:`parse_expression`."""

from __future__ import annotations

import re
from collections.abc import Mapping

import sympy

from symflux.parsing.names import canonical_name, reserved_error, resolve_name, symbols_map
from symflux.parsing.rules import (
    FUNCTIONS,
    KEYWORDS,
    MAX_NESTING,
    RESERVED,
    Token,
    apply_function,
    checked,
    checked_divide,
    checked_power,
    exact_number,
    parse_error,
    prescreen,
    quote,
)

__all__ = ["parse_expression", "split_top_level"]

_PLAIN_HELP = (
    "plain text allows numbers, names such as k1, alpha, k_1 or k_{-1}, the operators "
    "+ - * / ** ^, parentheses, the constant pi and the functions " + ", ".join(FUNCTIONS)
)



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


def _tokenize_plain(text: str) -> list[Token]:
    tokens: list[Token] = []
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
            raise parse_error(f"{quote(token)} at position {pos}: {why}; {_PLAIN_HELP}", token, pos)
        kind, value, end = match.lastgroup, match.group(), match.end()
        if kind == "number" and end < len(text) and (text[end].isalpha() or text[end] == "_"):
            juxtaposed = value + text[end]
            message = (
                f"{quote(juxtaposed)} at position {pos}: implicit multiplication is not allowed "
                f"in plain text; write {value}*{text[end]}"
            )
            raise parse_error(message, juxtaposed, pos)
        if kind == "name" and value in KEYWORDS:
            raise reserved_error(value, pos)
        if kind == "op" and value == "/" and text.startswith("/", end):
            raise parse_error(f"'//' at position {pos}: floor division is not allowed", "//", pos)
        if kind != "space":
            tokens.append(Token(kind, value, pos))
        pos = end
    return tokens


class _PlainParser:
    """Recursive descent with Python's precedence: ``-x**2 == -(x**2)``, ``**`` right-assoc."""

    def __init__(self, tokens: list[Token], symbols: Mapping[str, sympy.Expr]):
        self.tokens, self.symbols, self.i = tokens, symbols, 0

    def peek(self, *ops: str) -> Token | None:
        tok = self.tokens[self.i] if self.i < len(self.tokens) else None
        if ops and (tok is None or tok.kind != "op" or tok.text not in ops):
            return None
        return tok

    def take(self, what: str) -> Token:
        if (tok := self.peek()) is None:
            position = self.tokens[-1].pos if self.tokens else 0
            raise parse_error(f"unexpected end of the expression: expected {what}", None, position)
        self.i += 1
        return tok

    def parse(self) -> sympy.Expr:
        if not self.tokens:
            raise parse_error(f"empty expression: {_PLAIN_HELP}", None, 0)
        value = self.sum()
        if (tok := self.peek()) is not None:
            if tok.text == ")":
                raise parse_error(f"unbalanced ')' at position {tok.pos}", ")", tok.pos)
            prev = self.tokens[self.i - 1].text
            message = (
                f"missing operator between {quote(prev)} and {quote(tok.text)} at position "
                f"{tok.pos}: implicit multiplication is not allowed in plain text; write "
                f"{prev}*{tok.text} (or + - / **)"
            )
            raise parse_error(message, tok.text, tok.pos)
        return value

    def sum(self) -> sympy.Expr:
        value = self.product()
        while tok := self.peek("+", "-"):
            self.i += 1
            rhs = self.product()
            value = checked(value + rhs if tok.text == "+" else value - rhs, tok.text, tok.pos)
        return value

    def product(self) -> sympy.Expr:
        value = self.unary()
        while tok := self.peek("*", "/"):
            self.i += 1
            rhs = self.unary()
            if tok.text == "*":
                value = checked(value * rhs, "*", tok.pos)
            else:
                value = checked_divide(value, rhs, "/", tok.pos)
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
            raise parse_error(message, ops[0].text, ops[0].pos)
        value = operands[-1]
        for k in reversed(range(len(ops))):
            exponent = -value if negatives[k] else value
            value = checked_power(operands[k], exponent, ops[k].text, ops[k].pos)
        return value

    def primary(self) -> sympy.Expr:
        tok = self.take("a number, a name or '('")
        if tok.kind == "number":
            return exact_number(tok.text, tok.pos)
        if tok.kind == "name" and self.peek("("):
            return self.call(tok)
        if tok.kind == "name" and tok.text in FUNCTIONS and tok.text not in self.symbols:
            message = f"{tok.text!r} at position {tok.pos} is a function: write {tok.text}(...)"
            raise parse_error(message, tok.text, tok.pos)
        if tok.kind == "name":
            return resolve_name(tok.text, self.symbols, tok.pos)
        if tok.text == "(":
            return self.group(tok)
        message = (
            f"unexpected {tok.text!r} at position {tok.pos}: expected a number, a name or '('; "
            + _PLAIN_HELP
        )
        raise parse_error(message, tok.text, tok.pos)

    def group(self, opening: Token) -> sympy.Expr:
        value = self.sum()
        closing = self.peek(")", ",")
        if closing is None or closing.text == ",":
            why = "a function takes one argument" if closing else "expected ')'"
            pos = (closing or self.peek() or opening).pos
            message = f"'(' at position {opening.pos} is not closed: {why} (at position {pos})"
            raise parse_error(message, "(", pos)
        self.i += 1
        return value

    def call(self, tok: Token) -> sympy.Expr:
        if tok.text not in FUNCTIONS:
            if canonical_name(tok.text) in RESERVED:
                raise reserved_error(tok.text, tok.pos)
            message = (
                f"'{tok.text}(' at position {tok.pos}: calling {tok.text!r} is not allowed; the "
                f"allowed functions are {', '.join(FUNCTIONS)}; for a product write "
                f"{tok.text}*(...)"
            )
            raise parse_error(message, tok.text, tok.pos)
        opening = self.take("'('")
        return apply_function(tok.text, self.group(opening), tok.text, tok.pos)


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
    >>> from symflux.parsing import parse_expression, symbol
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
    prescreen(text, max_length, "the expression", "(", ")")
    tokens = _tokenize_plain(text)
    try:
        return _PlainParser(tokens, symbols_map(symbols)).parse()
    except (RecursionError, MemoryError) as exc:
        message = f"the expression is too deeply nested or too large ({type(exc).__name__})"
        raise parse_error(message, None, 0) from None


def split_top_level(text: str) -> list[str]:
    """Split at the commas outside brackets, stripped.

    >>> split_top_level("k_1*S, f(a, b), {x, y}")
    ['k_1*S', 'f(a, b)', '{x, y}']
    """
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]
