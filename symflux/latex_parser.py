r"""The LaTeX tokenizer and recursive-descent parser behind ``parse_latex``.

Nothing here executes text: the tokenizer accepts a fixed set of characters and commands and
the parser builds SymPy objects directly. Use :func:`symflux.expressions.parse_latex`; this
module's names are private to symflux.

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
>>> from symflux.expressions import parse_latex
>>> parse_latex(r"\ln x + \sin^{2}(\theta)")
log(x) + sin(theta)**2
>>> parse_latex(r"K_{\mathrm{eq}} \left[ \mathrm{Na} \right]")
K_{eq}*Na
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import sympy

from symflux.expressions import (
    _FUNCTIONS,
    MAX_NESTING,
    _apply,
    _checked,
    _divide,
    _fail,
    _number,
    _power,
    _resolve,
    _show,
    _Token,
    _words,
)

__all__: list[str] = []

_GREEK = frozenset(
    _words(
        "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
        "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma "
        "Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell hbar"
    )
)
_SUB_CMDS = _GREEK | {"infty", "max", "min"}  # allowed in subscripts: c_{\infty}, V_{\max}
_ACCENTS = frozenset(_words("bar hat tilde dot ddot vec"))  # \bar{c} is the name cbar, as in SymPy
_FUNC_CMDS = {name: name for name in _words("exp ln log sin cos tan cot sinh cosh tanh coth")}
_FUNC_CMDS |= {"arcsin": "asin", "arccos": "acos", "arctan": "atan"}
_OPS = {"cdot": "*", "times": "*", "div": "/"}
_CMDS = frozenset(_words("frac dfrac tfrac sqrt"))
_NAME_CMDS = frozenset(_words("mathrm text textrm mathit operatorname"))
_SPACES = frozenset(
    [",", ";", ":", "!", " "]
    + [f"{size}{side}" for size in _words("big Big bigg Bigg") for side in ("", "l", "r")]
    + list(_words("quad qquad displaystyle textstyle"))
)
_PAIRS = dict(zip(["(", "[", "{", r"\{", "L(", "L[", r"L\{", "L|"],
                  [")", "]", "}", r"\}", "R)", "R]", r"R\}", "R|"], strict=True))  # fmt: skip
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_HELP = (
    r"allowed: numbers, letters, Greek letters (\alpha ... \Omega), subscripts, ^, \frac, "
    r"\dfrac, \tfrac, \sqrt, \cdot, \times, \div, + - * /, \exp, \ln, \log, "
    r"\sin ... \arctan, \left( \right), \left| \right|, ( ) [ ] { } \{ \}, \mathrm{...}, "
    r"\text{...}, \operatorname{...}, accents \bar{c} \hat{x} and the spaces \, \; \! \quad ~"
)
_RELATION = "relations (=, <, >) are not allowed: give only the expression"
_BAD_CHARS = {
    "=": _RELATION,
    "<": _RELATION,
    ">": _RELATION,
    "%": "comments (%) are not allowed",
    "|": r"write an absolute value as \left| x \right|",
    ",": "',' is allowed only inside subscripts such as k_{1,11}",
    "'": "primes (derivatives) are not allowed",
    "!": "factorials are not allowed",
    "&": "alignment (&) is not allowed",
    "$": "'$' is allowed only as one pair around the whole expression",
}


def _display(delim: str) -> str:
    """Show a group token as typed: ``L(`` is ``\\left(``."""
    prefix = {"L": "\\left", "R": "\\right"}.get(delim[0], "") if len(delim) > 1 else ""
    return "'" + (prefix + delim[1:] if prefix else delim) + "'"


def _read_command(s: str, i: int) -> tuple[str, int]:
    """Read the command name after the backslash at ``s[i]``; return (name, end)."""
    if i + 1 >= len(s):
        raise _fail(f"lone backslash at position {i}", "\\", i)
    end = i + 1
    while end < len(s) and s[end].isalpha():
        end += 1
    return (s[i + 1 : end], end) if end > i + 1 else (s[i + 1], i + 2)


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\r\n":
        i += 1
    return i


def _read_braced_word(s: str, i: int, cmd: str, start: int) -> tuple[str, int]:
    """Read ``{name}`` after ``\\mathrm`` and friends."""
    i = _skip_spaces(s, i)
    end = s.find("}", i)
    word = s[i + 1 : end].strip() if i < len(s) and s[i] == "{" and end > 0 else None
    if word is None or not _WORD.fullmatch(word):
        raise _fail(
            f"\\{cmd} at position {start} must be followed by a name in braces made of letters "
            rf"and digits, e.g. \{cmd}{{eq}}",
            "\\" + cmd,
            start,
        )
    return word, end + 1


def _read_accented(s: str, i: int, accent: str, start: int) -> tuple[str, int]:
    """Read the letter after ``\\bar`` and friends: ``\\bar{c}`` or ``\\bar c`` gives ``cbar``."""
    i = _skip_spaces(s, i)
    braced = s.startswith("{", i)
    j = _skip_spaces(s, i + 1) if braced else i
    inner, j = _read_command(s, j) if s.startswith("\\", j) else (s[j : j + 1], j + 1)
    j = _skip_spaces(s, j) if braced else j
    if not (inner in _GREEK or (len(inner) == 1 and inner.isalpha())) or (
        braced and not s.startswith("}", j)
    ):
        message = f"\\{accent} at position {start} must be followed by a letter: \\{accent}{{c}}"
        raise _fail(message, "\\" + accent, start)
    return inner + accent, j + braced


def _read_subscript(s: str, i: int, start: int) -> tuple[str, int]:
    """Read what follows ``_`` at ``s[start]``; return (subscript text, end)."""
    i = _skip_spaces(s, i)
    char = s[i] if i < len(s) else ""
    if char == "{":
        depth, end = 0, i
        while end < len(s):
            depth += {"{": 1, "}": -1}.get(s[end], 0)
            if depth == 0:
                return _clean_subscript(s, i + 1, end), end + 1
            end += 1
        raise _fail(f"the subscript opened at position {i} is not closed", "{", i)
    if char.isdigit() and s[i + 1 : i + 2].isdigit():
        digits = _NUMBER.match(s, i).group()
        raise _fail(
            f"ambiguous subscript '_{digits}' at position {start}: in LaTeX it means "
            f"_{digits[0]} times {digits[1:]}; write _{{{digits}}}",
            "_" + digits,
            start,
        )
    if char.isalnum():
        return char, i + 1
    if char == "\\":
        name, end = _read_command(s, i)
        if name in _SUB_CMDS:
            return name, end
        if name in _NAME_CMDS:
            return _read_braced_word(s, end, name, i)
    raise _fail(
        f"'_' at position {start} must be followed by a subscript: a letter, a digit "
        r"or braces, e.g. c_1, k_{12}, k_{-1}, K_{\mathrm{eq}}",
        "_",
        start,
    )


def _clean_subscript(s: str, i: int, end: int) -> str:
    """The text of a braced subscript ``s[i:end]``: letters, digits, + - , and names."""
    parts = []
    while i < end:
        char = s[i]
        if char in " \t\r\n~{}":
            i += 1
        elif char.isalnum() or char in "+-,":
            parts.append(char)
            i += 1
        elif char == "\\" and (cmd := _read_command(s, i))[0] in _SPACES | _SUB_CMDS | _NAME_CMDS:
            name, i = cmd
            if name in _NAME_CMDS:
                name, i = _read_braced_word(s, i, name, i)
            parts.append("" if name in _SPACES else name)
        else:
            token = _read_command(s, i)[0] if char == "\\" else char
            raise _fail(
                f"{_show(token)} at position {i} is not allowed in a subscript: use "
                r"letters, digits, + - , Greek letters and \mathrm{...}",
                token,
                i,
            )
    if not parts:
        raise _fail(f"empty subscript at position {i}", "_", i)
    return "".join(parts)


def _tokenize(s: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(s):
        char = s[i]
        if char in " \t\r\n~":
            i += 1
        elif char == "\\":
            name, end = _read_command(s, i)
            kind, text = "cmd", name
            if name in _SPACES:
                kind = ""
            elif name in "{}":
                kind, text = ("open" if name == "{" else "close"), "\\" + name
            elif name in ("left", "right"):
                j = _skip_spaces(s, end)
                delim = s[j : j + 2] if s.startswith(("\\{", "\\}"), j) else s[j : j + 1]
                allowed = ("(", "[", "\\{", "|") if name == "left" else (")", "]", "\\}", "|")
                if delim not in allowed:
                    raise _fail(
                        f"\\{name} at position {i} must be followed by one of {' '.join(allowed)}",
                        "\\" + name,
                        i,
                    )
                kind = "open" if name == "left" else "close"
                text, end = name[0].upper() + delim, j + len(delim)
            elif name in _NAME_CMDS:
                kind, (text, end) = "name", _read_braced_word(s, end, name, i)
            elif name in _GREEK:
                kind = "name"
            elif name in _ACCENTS:
                kind, (text, end) = "name", _read_accented(s, end, name, i)
            elif name in _FUNC_CMDS:
                kind, text = "func", _FUNC_CMDS[name]
            elif name in _OPS:
                kind, text = "op", _OPS[name]
            elif name not in _CMDS:
                raise _fail(
                    f"unknown or disallowed LaTeX command '\\{name}' at position {i}; " + _HELP,
                    "\\" + name,
                    i,
                )
            if kind:
                tokens.append(_Token(kind, text, i))
            i = end
        elif char == "_":
            text, i_end = _read_subscript(s, i + 1, i)
            tokens.append(_Token("sub", text, i))
            i = i_end
        elif char.isdigit():
            text = _NUMBER.match(s, i).group()
            tokens.append(_Token("num", text, i))
            i += len(text)
        elif char.isalpha():
            tokens.append(_Token("name", char, i))
            i += 1
        elif char in "+-*/^([{)]}":
            kind = "op" if char in "+-*/^" else "open" if char in "([{" else "close"
            tokens.append(_Token(kind, char, i))
            i += 1
        else:
            why = _BAD_CHARS.get(char, "this character is not allowed")
            raise _fail(f"{char!r} at position {i}: {why}; {_HELP}", char, i)
    return tokens


class _LatexParser:
    def __init__(self, tokens: list[_Token], symbols: Mapping[str, sympy.Expr]):
        self.tokens, self.symbols, self.i, self.depth = tokens, symbols, 0, 0

    def peek(self, kind: str | None = None, *texts: str) -> _Token | None:
        tok = self.tokens[self.i] if self.i < len(self.tokens) else None
        if tok is None or (kind and tok.kind != kind) or (texts and tok.text not in texts):
            return None
        return tok

    def take(self, what: str) -> _Token:
        tok = self.peek()
        if tok is None:
            end = self.tokens[-1].pos if self.tokens else 0
            raise _fail(f"unexpected end of the LaTeX text: expected {what}", "", end)
        self.i += 1
        return tok

    def enter(self, tok: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _fail(
                f"nested more than {MAX_NESTING} deep at position {tok.pos}", tok.text, tok.pos
            )

    def parse(self) -> sympy.Expr:
        if not self.tokens:
            raise _fail("empty LaTeX expression", "", 0)
        value = self.expr()
        tok = self.peek()
        if tok is not None:
            raise _fail(
                f"unexpected {_show(tok.text)} at position {tok.pos}"
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
            value = _checked(value + rhs if tok.text == "+" else value - rhs, tok.text, tok.pos)
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
                value = _checked(value * rhs, tok.text, tok.pos)
            elif count > 1:
                raise _fail(
                    f"ambiguous division at position {tok.pos}: '/' is followed by a "
                    r"product; write \frac{a}{b c} or (a/b) c",
                    "/",
                    tok.pos,
                )
            else:
                value = _divide(value, rhs, "/", tok.pos)
        return value

    def starts_atom(self, functions: bool = True) -> bool:
        tok = self.peek()
        return tok is not None and (
            tok.kind in ("num", "name", "open")
            or (tok.kind == "cmd" and tok.text in _CMDS)
            or (tok.kind == "func" and functions)
        )

    def product(self, functions: bool = True) -> tuple[sympy.Expr, int]:
        value, kind = self.postfix()
        count = 1
        while self.starts_atom(functions):
            tok = self.peek()
            rhs, rhs_kind = self.postfix()
            if kind == "number" and rhs_kind in ("number", "numfrac"):
                raise _fail(
                    f"a number follows a number at position {tok.pos}: write \\cdot "
                    "between them (a mixed number 2\\frac{1}{2} is ambiguous too)",
                    tok.text,
                    tok.pos,
                )
            value, kind, count = _checked(value * rhs, tok.text, tok.pos), rhs_kind, count + 1
        return value, count

    def postfix(self) -> tuple[sympy.Expr, str]:
        value, kind = self.atom()
        if tok := self.peek("op", "^"):
            self.i += 1
            value, kind = _power(value, self.arg("^", tok), "^", tok.pos), "other"
            if nxt := self.peek("op", "^") or self.peek("sub"):
                why = "double superscript" if nxt.kind == "op" else "write the subscript first"
                raise _fail(f"{why} at position {nxt.pos}: use x_{{1}}^{{2}}", nxt.text, nxt.pos)
        if tok := self.peek("sub"):
            raise _fail(f"subscript at position {tok.pos} does not follow a name", "_", tok.pos)
        return value, kind

    def atom(self) -> tuple[sympy.Expr, str]:
        tok = self.take("a number, a name, a group or a command")
        if tok.kind == "num":
            return _number(tok.text, tok.pos), "number"
        if tok.kind == "name" and tok.text in _FUNCTIONS:
            return self.function(tok, tok.text), "other"
        if tok.kind == "name":
            return self.name(tok), "other"
        if tok.kind == "func":
            return self.function(tok, tok.text), "other"
        if tok.kind == "open":
            value = self.group(tok)
            if tok.text == "L|":
                value = _checked(sympy.Abs(value), "|", tok.pos)
            return value, "other"
        if tok.kind == "cmd" and tok.text == "sqrt":
            if opening := self.peek("open", "["):
                self.i += 1
                degree = self.group(opening)
                return _power(
                    self.arg("\\sqrt", tok),
                    _divide(sympy.S.One, degree, "\\sqrt", tok.pos),
                    "\\sqrt",
                    tok.pos,
                ), "other"
            return _power(self.arg("\\sqrt", tok), sympy.S.Half, "\\sqrt", tok.pos), "other"
        if tok.kind == "cmd":  # \frac, \dfrac, \tfrac
            num = self.arg("\\" + tok.text, tok, split=True)
            den = self.arg("\\" + tok.text, tok)
            value = _divide(num, den, "\\" + tok.text, tok.pos)
            return value, "numfrac" if value.is_Rational else "other"
        what = "a subscript must follow a name" if tok.kind == "sub" else "an operand is missing"
        raise _fail(
            f"unexpected {_show(tok.text)} at position {tok.pos}: {what}", tok.text, tok.pos
        )

    def name(self, tok: _Token) -> sympy.Expr:
        if sub := self.peek("sub"):
            self.i += 1
            return _resolve(f"{tok.text}_{{{sub.text}}}", self.symbols, tok.pos)
        if tok.text == "e" and "e" not in self.symbols:
            return sympy.E
        return _resolve(tok.text, self.symbols, tok.pos)

    def group(self, opening: _Token) -> sympy.Expr:
        self.enter(opening)
        value = self.expr()
        closing = self.peek("close")
        if closing is None or closing.text != _PAIRS[opening.text]:
            found = f"found {_display(closing.text)}" if closing else "found nothing"
            pos = closing.pos if closing else opening.pos
            raise _fail(
                f"{_display(opening.text)} opened at position {opening.pos} is not "
                f"closed by {_display(_PAIRS[opening.text])} ({found} at position "
                f"{pos})",
                opening.text,
                pos,
            )
        self.i += 1
        self.depth -= 1
        return value

    def arg(self, what: str, owner: _Token, split: bool = False) -> sympy.Expr:
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
                self.tokens[self.i] = _Token("num", tok.text[1], tok.pos + 1)
                return sympy.Integer(tok.text[0])
            raise _fail(
                f"ambiguous argument {tok.text!r} of {what} at position {tok.pos}: "
                f"LaTeX takes one digit; use braces, e.g. {what}{{{tok.text}}}",
                tok.text,
                tok.pos,
            )
        if tok is not None and tok.kind == "name":  # no subscript: x^a_1 is x_1^a in TeX
            self.i += 1
            if tok.text == "e" and "e" not in self.symbols:
                return sympy.E
            return _resolve(tok.text, self.symbols, tok.pos)
        raise _fail(
            f"{what} at position {owner.pos} needs an argument in braces, e.g. {what}{{x}}",
            what,
            owner.pos,
        )

    def function(self, tok: _Token, name: str) -> sympy.Expr:
        self.enter(tok)
        base = exponent = None
        while True:
            if (sub := self.peek("sub")) and name == "log" and base is None:
                self.i += 1
                base = (
                    _number(sub.text, sub.pos)
                    if sub.text.isdigit()
                    else self.name(_Token("name", sub.text, sub.pos))
                )
            elif (hat := self.peek("op", "^")) and exponent is None:
                self.i += 1
                exponent = self.arg("^", hat)
                if exponent == -1:
                    raise _fail(
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
            raise _fail(
                f"\\{name} at position {tok.pos} needs an argument, e.g. \\{name}(x)", name, tok.pos
            )
        value = _apply(name, arg, name, tok.pos)
        if base is not None:
            value = _divide(value, _apply("log", base, name, tok.pos), name, tok.pos)
        if exponent is not None:
            value = _power(value, exponent, "^", tok.pos)
        self.depth -= 1
        return value


def parse(text: str, symbols: Mapping[str, sympy.Expr]) -> sympy.Expr:
    """Parse LaTeX ``text`` (already length- and character-checked) with ``symbols``."""
    stripped = text.strip()
    for delim in ("$$", "$"):
        size = len(delim)
        if len(stripped) > 2 * size and stripped.startswith(delim) and stripped.endswith(delim):
            start, end = text.index(delim), text.rindex(delim)  # blank them: positions stay
            text = text[:start] + " " * size + text[start + size : end] + " " * size
            break
    return _LatexParser(_tokenize(text), symbols).parse()
