r"""The LaTeX tokenizer and recursive-descent parser behind ``parse_latex``.

Nothing here executes text: the tokenizer accepts a fixed set of characters and commands and
the parser builds SymPy objects directly. Its public function is
:func:`parse_latex`.

Grammar (juxtaposition binds like ``\cdot``; ``/`` may not be followed by a juxtaposed
product, since ``a/b c`` is ambiguous)::

    expr     := signed (("+" | "-") signed)*
    signed   := ("+" | "-")* term
    term     := product (("\cdot" | "\times" | "*" | "/" | "\div") ("+" | "-")* product)*
    product  := postfix postfix*
    postfix  := atom ["^" arg]
    atom     := number | name [subscript] | group | \frac arg arg | \sqrt ["[" expr "]"] arg
              | function ["_" base] ["^" arg] (group | product-without-functions)
    group    := ( expr ) | [ expr ] | { expr } | \{ expr \} | \left( expr \right) | ...
    arg      := { expr } | one digit | one letter | \greek

Examples
--------
>>> from symflux.parsing import parse_latex
>>> parse_latex(r"\ln x + \sin^{2}(\theta)")
log(x) + sin(theta)**2
>>> parse_latex(r"K_{\mathrm{eq}} \left[ \mathrm{Na} \right]")
K_{eq}*Na
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from symflux.parsing.latex_tokens import CMDS, PAIRS, display, tokenize
from symflux.parsing.names import resolve_name, symbols_map
from symflux.parsing.rules import (
    FUNCTIONS,
    MAX_NESTING,
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

__all__ = ["parse_latex"]

class _LatexParser:
    def __init__(self, tokens: list[Token], symbols: Mapping[str, sympy.Expr]):
        self.tokens, self.symbols, self.i, self.depth = tokens, symbols, 0, 0

    def peek(self, kind: str | None = None, *texts: str) -> Token | None:
        tok = self.tokens[self.i] if self.i < len(self.tokens) else None
        if tok is None or (kind and tok.kind != kind) or (texts and tok.text not in texts):
            return None
        return tok

    def take(self, what: str) -> Token:
        tok = self.peek()
        if tok is None:
            end = self.tokens[-1].pos if self.tokens else 0
            raise parse_error(f"unexpected end of the LaTeX text: expected {what}", "", end)
        self.i += 1
        return tok

    def enter(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise parse_error(
                f"nested more than {MAX_NESTING} deep at position {tok.pos}", tok.text, tok.pos
            )

    def parse(self) -> sympy.Expr:
        if not self.tokens:
            raise parse_error("empty LaTeX expression", "", 0)
        value = self.expr()
        tok = self.peek()
        if tok is not None:
            raise parse_error(
                f"unexpected {quote(tok.text)} at position {tok.pos}"
                + (": no group is open" if tok.kind == "close" else ""),
                tok.text,
                tok.pos,
            )
        return value

    def signs(self) -> bool:
        negative = False
        while tok := self.peek("op", "+", "-"):
            self.i += 1
            negative ^= tok.text == "-"
        return negative

    def expr(self) -> sympy.Expr:
        value = self.term(self.signs())
        while tok := self.peek("op", "+", "-"):
            self.i += 1
            rhs = self.term(self.signs())
            value = checked(value + rhs if tok.text == "+" else value - rhs, tok.text, tok.pos)
        return value

    def term(self, negative: bool) -> sympy.Expr:
        value, _ = self.product()
        value = -value if negative else value
        while tok := self.peek("op", "*", "/"):
            self.i += 1
            negative = self.signs()
            rhs, count = self.product()
            rhs = -rhs if negative else rhs
            if tok.text == "*":
                value = checked(value * rhs, tok.text, tok.pos)
            elif count > 1:
                raise parse_error(
                    f"ambiguous division at position {tok.pos}: '/' is followed by a "
                    r"product; write \frac{a}{b c} or (a/b) c",
                    "/",
                    tok.pos,
                )
            else:
                value = checked_divide(value, rhs, "/", tok.pos)
        return value

    def starts_atom(self, functions: bool = True) -> bool:
        tok = self.peek()
        return tok is not None and (
            tok.kind in ("num", "name", "open")
            or (tok.kind == "cmd" and tok.text in CMDS)
            or (tok.kind == "func" and functions)
        )

    def product(self, functions: bool = True) -> tuple[sympy.Expr, int]:
        value, kind = self.postfix()
        count = 1
        while self.starts_atom(functions):
            tok = self.peek()
            rhs, rhs_kind = self.postfix()
            if kind == "number" and rhs_kind in ("number", "numfrac"):
                raise parse_error(
                    f"a number follows a number at position {tok.pos}: write \\cdot "
                    "between them (a mixed number 2\\frac{1}{2} is ambiguous too)",
                    tok.text,
                    tok.pos,
                )
            value, kind, count = checked(value * rhs, tok.text, tok.pos), rhs_kind, count + 1
        return value, count

    def postfix(self) -> tuple[sympy.Expr, str]:
        value, kind = self.atom()
        if tok := self.peek("op", "^"):
            self.i += 1
            value, kind = checked_power(value, self.arg("^", tok), "^", tok.pos), "other"
            if nxt := self.peek("op", "^") or self.peek("sub"):
                why = "double superscript" if nxt.kind == "op" else "write the subscript first"
                message = f"{why} at position {nxt.pos}: use x_{{1}}^{{2}}"
                raise parse_error(message, nxt.text, nxt.pos)
        if tok := self.peek("sub"):
            message = f"subscript at position {tok.pos} does not follow a name"
            raise parse_error(message, "_", tok.pos)
        return value, kind

    def atom(self) -> tuple[sympy.Expr, str]:
        tok = self.take("a number, a name, a group or a command")
        if tok.kind == "num":
            return exact_number(tok.text, tok.pos), "number"
        if tok.kind == "name" and tok.text in FUNCTIONS:
            return self.function(tok, tok.text), "other"
        if tok.kind == "name":
            return self.name(tok), "other"
        if tok.kind == "func":
            return self.function(tok, tok.text), "other"
        if tok.kind == "open":
            value = self.group(tok)
            if tok.text == "L|":
                value = checked(sympy.Abs(value), "|", tok.pos)
            return value, "other"
        if tok.kind == "cmd" and tok.text == "sqrt":
            if opening := self.peek("open", "["):
                self.i += 1
                degree = self.group(opening)
                return checked_power(
                    self.arg("\\sqrt", tok),
                    checked_divide(sympy.S.One, degree, "\\sqrt", tok.pos),
                    "\\sqrt",
                    tok.pos,
                ), "other"
            return checked_power(self.arg("\\sqrt", tok), sympy.S.Half, "\\sqrt", tok.pos), "other"
        if tok.kind == "cmd":  # \frac, \dfrac, \tfrac
            num = self.arg("\\" + tok.text, tok, split=True)
            den = self.arg("\\" + tok.text, tok)
            value = checked_divide(num, den, "\\" + tok.text, tok.pos)
            return value, "numfrac" if value.is_Rational else "other"
        what = "a subscript must follow a name" if tok.kind == "sub" else "an operand is missing"
        raise parse_error(
            f"unexpected {quote(tok.text)} at position {tok.pos}: {what}", tok.text, tok.pos
        )

    def name(self, tok: Token) -> sympy.Expr:
        if sub := self.peek("sub"):
            self.i += 1
            return resolve_name(f"{tok.text}_{{{sub.text}}}", self.symbols, tok.pos)
        if tok.text == "e" and "e" not in self.symbols:
            return sympy.E
        return resolve_name(tok.text, self.symbols, tok.pos)

    def group(self, opening: Token) -> sympy.Expr:
        self.enter(opening)
        value = self.expr()
        closing = self.peek("close")
        if closing is None or closing.text != PAIRS[opening.text]:
            found = f"found {display(closing.text)}" if closing else "found nothing"
            pos = closing.pos if closing else opening.pos
            raise parse_error(
                f"{display(opening.text)} opened at position {opening.pos} is not "
                f"closed by {display(PAIRS[opening.text])} ({found} at position "
                f"{pos})",
                opening.text,
                pos,
            )
        self.i += 1
        self.depth -= 1
        return value

    def arg(self, what: str, owner: Token, split: bool = False) -> sympy.Expr:
        """One argument of ``^``, ``\\frac`` or ``\\sqrt``: braces, a digit, a letter."""
        tok = self.peek()
        if tok is not None and tok.kind == "open" and tok.text == "{":
            self.i += 1
            return self.group(tok)
        if tok is not None and tok.kind == "num":
            if len(tok.text) == 1:
                self.i += 1
                return sympy.Integer(tok.text)
            if split and len(tok.text) == 2 and tok.text.isdigit():
                self.tokens[self.i] = Token("num", tok.text[1], tok.pos + 1)
                return sympy.Integer(tok.text[0])
            raise parse_error(
                f"ambiguous argument {tok.text!r} of {what} at position {tok.pos}: "
                f"LaTeX takes one digit; use braces, e.g. {what}{{{tok.text}}}",
                tok.text,
                tok.pos,
            )
        if tok is not None and tok.kind == "name":  # no subscript: x^a_1 is x_1^a in TeX
            self.i += 1
            if tok.text == "e" and "e" not in self.symbols:
                return sympy.E
            return resolve_name(tok.text, self.symbols, tok.pos)
        raise parse_error(
            f"{what} at position {owner.pos} needs an argument in braces, e.g. {what}{{x}}",
            what,
            owner.pos,
        )

    def function(self, tok: Token, name: str) -> sympy.Expr:
        self.enter(tok)
        base = exponent = None
        while True:
            if (sub := self.peek("sub")) and name == "log" and base is None:
                self.i += 1
                base = (
                    exact_number(sub.text, sub.pos)
                    if sub.text.isdigit()
                    else self.name(Token("name", sub.text, sub.pos))
                )
            elif (hat := self.peek("op", "^")) and exponent is None:
                self.i += 1
                exponent = self.arg("^", hat)
                if exponent == -1:
                    raise parse_error(
                        f"\\{name}^{{-1}} at position {tok.pos} is ambiguous: "
                        f"write 1/\\{name}(x) or the inverse function",
                        "^",
                        hat.pos,
                    )
            else:
                break
        opening = self.peek("open")
        if opening is not None and opening.text in ("(", "[", "{", "L(", "L["):
            self.i += 1
            arg = self.group(opening)
        elif self.starts_atom():
            arg, _ = self.product(functions=False)
        else:
            raise parse_error(
                f"\\{name} at position {tok.pos} needs an argument, e.g. \\{name}(x)", name, tok.pos
            )
        value = apply_function(name, arg, name, tok.pos)
        if base is not None:
            value = checked_divide(value, apply_function("log", base, name, tok.pos), name, tok.pos)
        if exponent is not None:
            value = checked_power(value, exponent, "^", tok.pos)
        self.depth -= 1
        return value


def _parse(text: str, symbols: Mapping[str, sympy.Expr]) -> sympy.Expr:
    """Parse LaTeX ``text`` (already length- and character-checked) with ``symbols``."""
    stripped = text.strip()
    for delim in ("$$", "$"):
        size = len(delim)
        if len(stripped) > 2 * size and stripped.startswith(delim) and stripped.endswith(delim):
            start, end = text.index(delim), text.rindex(delim)  # blank them: positions stay
            text = text[:start] + " " * size + text[start + size : end] + " " * size
            break
    return _LatexParser(tokenize(text), symbols).parse()


def parse_latex(
    text: str, *, symbols: Mapping[str, sympy.Basic] | None = None, max_length: int = 5000
) -> sympy.Expr:
    r"""Parse the LaTeX math of physics answers into a SymPy expression, safely.

    A hand-written tokenizer and recursive-descent parser (not :mod:`sympy.parsing.latex`,
    and nothing that executes); :mod:`symflux.parsing.latex` gives the grammar.

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

    Notes
    -----
    A tokenizer and a recursive-descent parser over an allow-list of commands: linear in
    the length of the text, which is capped at ``max_length`` before anything else runs;
    nothing is passed to ``sympify`` or ``eval``, so no text is ever executed.

    Examples
    --------
    >>> from symflux.parsing import parse_expression, parse_latex
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
    prescreen(text, max_length, "the LaTeX text", "({[", ")}]")
    try:
        return _parse(text, symbols_map(symbols))
    except (RecursionError, MemoryError) as exc:
        message = f"the LaTeX text is too deeply nested or too large ({type(exc).__name__})"
        raise parse_error(message, None, 0) from None
