r"""The LaTeX tokenizer behind :func:`symflux.parsing.parse_latex`.

A fixed set of characters and commands is accepted; everything else is refused with the
position and what would be valid.

>>> [t.text for t in tokenize(r"\frac{a}{b}")]
['frac', '{', 'a', '}', '{', 'b', '}']
"""

from __future__ import annotations

import re

from symflux.parsing.rules import Token, parse_error, quote, words

__all__ = ["CMDS", "PAIRS", "display", "tokenize"]

_GREEK = frozenset(
    words(
        "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
        "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma "
        "Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell hbar"
    )
)
_SUB_CMDS = _GREEK | {"infty", "max", "min"}  # allowed in subscripts: c_{\infty}, V_{\max}
_ACCENTS = frozenset(words("bar hat tilde dot ddot vec"))  # \bar{c} is the name cbar, as in SymPy
_FUNC_CMDS = {name: name for name in words("exp ln log sin cos tan cot sinh cosh tanh coth")}
_FUNC_CMDS |= {"arcsin": "asin", "arccos": "acos", "arctan": "atan"}
_OPS = {"cdot": "*", "times": "*", "div": "/"}
CMDS = frozenset(words("frac dfrac tfrac sqrt"))
_NAME_CMDS = frozenset(words("mathrm text textrm mathit operatorname"))
_SPACES = frozenset(
    [",", ";", ":", "!", " "]
    + [f"{size}{side}" for size in words("big Big bigg Bigg") for side in ("", "l", "r")]
    + list(words("quad qquad displaystyle textstyle"))
)
PAIRS = dict(zip(["(", "[", "{", r"\{", "L(", "L[", r"L\{", "L|"],
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


def display(delim: str) -> str:
    """Show a group token as typed: ``L(`` is ``\\left(``."""
    prefix = {"L": "\\left", "R": "\\right"}.get(delim[0], "") if len(delim) > 1 else ""
    return "'" + (prefix + delim[1:] if prefix else delim) + "'"


def _read_command(s: str, i: int) -> tuple[str, int]:
    """Read the command name after the backslash at ``s[i]``; return (name, end)."""
    if i + 1 >= len(s):
        raise parse_error(f"lone backslash at position {i}", "\\", i)
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
        raise parse_error(
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
        raise parse_error(message, "\\" + accent, start)
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
        raise parse_error(f"the subscript opened at position {i} is not closed", "{", i)
    if char.isdigit() and s[i + 1 : i + 2].isdigit():
        digits = _NUMBER.match(s, i).group()
        raise parse_error(
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
    raise parse_error(
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
            raise parse_error(
                f"{quote(token)} at position {i} is not allowed in a subscript: use "
                r"letters, digits, + - , Greek letters and \mathrm{...}",
                token,
                i,
            )
    if not parts:
        raise parse_error(f"empty subscript at position {i}", "_", i)
    return "".join(parts)


def tokenize(s: str) -> list[Token]:
    """The tokens of a LaTeX answer; a command outside the allowed set is a ParseError."""
    tokens: list[Token] = []
    i = 0
    while i < len(s):
        char = s[i]
        if char in " \t\r\n~":
            i += 1
        elif char == "\\":
            token, i = _command_token(s, i)
            if token is not None:
                tokens.append(token)
        elif char == "_":
            text, i_end = _read_subscript(s, i + 1, i)
            tokens.append(Token("sub", text, i))
            i = i_end
        elif char.isdigit():
            text = _NUMBER.match(s, i).group()
            tokens.append(Token("num", text, i))
            i += len(text)
        elif char.isalpha():
            tokens.append(Token("name", char, i))
            i += 1
        elif char in "+-*/^([{)]}":
            kind = "op" if char in "+-*/^" else "open" if char in "([{" else "close"
            tokens.append(Token(kind, char, i))
            i += 1
        else:
            why = _BAD_CHARS.get(char, "this character is not allowed")
            raise parse_error(f"{char!r} at position {i}: {why}; {_HELP}", char, i)
    return tokens

def _command_token(s: str, i: int) -> tuple[Token | None, int]:
    """The token of the command at ``s[i]`` (a backslash; None for a spacing command)
    and where the text after it starts."""
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
            raise parse_error(
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
    elif name not in CMDS:
        raise parse_error(
            f"unknown or disallowed LaTeX command '\\{name}' at position {i}; " + _HELP,
            "\\" + name,
            i,
        )
    return (Token(kind, text, i) if kind else None), end
