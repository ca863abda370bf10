"""Free text and result names made safe for LaTeX.

Result names, step statements and symbol descriptions are free text: ``J+_c1``,
``pᵀL = 0``, ``k_ij``. pdflatex with amsmath alone knows neither ``σ`` nor
``⇄`` nor an unescaped ``_``, so text is escaped and the usual mathematical
characters are spelt as LaTeX commands; a result name becomes a math symbol
(``J+_c1`` → ``J^{+}_{c1}``), or upright text when it is not shaped like one.

Examples
--------
>>> latex_name("J+_c1")
'J^{+}_{c1}'
>>> latex_name("K_{eq}")
'K_{eq}'
>>> latex_name("v_per_enzyme")
'v_{\\\\text{per\\\\_enzyme}}'
>>> latex_name("alpha")
'\\\\alpha'
>>> latex_text("J_ij = p_i k_ij − p_j k_ji ≥ 0")
'J\\\\_ij = p\\\\_i k\\\\_ij $-$ p\\\\_j k\\\\_ji $\\\\geq$ 0'
"""

from __future__ import annotations

import re
import unicodedata

import sympy

__all__ = ["latex_name", "latex_text", "plain_text"]

_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "<": r"$<$", ">": r"$>$", "|": r"$|$",
}

_CAPITALS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
             "Psi", "Omega"}
# Characters pdflatex's utf8 input does not know, spelt in math mode.
_MATH_CHARS = {
    "→": r"\to", "←": r"\leftarrow", "⇄": r"\rightleftharpoons", "⇌": r"\rightleftharpoons",
    "↔": r"\leftrightarrow", "−": "-", "≥": r"\geq", "≤": r"\leq", "≠": r"\neq",
    "≈": r"\approx", "×": r"\times", "·": r"\cdot", "∞": r"\infty", "∑": r"\sum",
    "∏": r"\prod", "∂": r"\partial", "∈": r"\in", "±": r"\pm", "∝": r"\propto",
    "ᵀ": r"^{\mathrm{T}}", "′": r"'", "√": r"\surd", "∫": r"\int", "∇": r"\nabla",
    "⁺": "^{+}", "⁻": "^{-}", "Δ": r"\Delta", "Ω": r"\Omega",
}
for _code in range(0x391, 0x3CA):
    # Greek letters by their Unicode names: GREEK SMALL LETTER ALPHA → \alpha.
    _uname = unicodedata.name(chr(_code), "")
    _letter = _uname.rsplit(" ", 1)[-1].lower().replace("lamda", "lambda")
    if _uname.startswith("GREEK SMALL LETTER") and _letter != "omicron":
        _MATH_CHARS.setdefault(chr(_code), "\\" + _letter)
    elif _uname.startswith("GREEK CAPITAL LETTER") and _letter.capitalize() in _CAPITALS:
        _MATH_CHARS.setdefault(chr(_code), "\\" + _letter.capitalize())
_MATH_CHARS["ς"] = r"\varsigma"
for _i in range(10):
    _MATH_CHARS[chr(0x2080 + _i)] = f"_{{{_i}}}"
    _MATH_CHARS["⁰¹²³⁴⁵⁶⁷⁸⁹"[_i]] = f"^{{{_i}}}"
# Typography pdflatex's utf8 handles itself.
_TEXT_OK = set("–—‘’“”…éèêëàâäôöüùçñÉÈÀÖÜß°")


def latex_text(text: str) -> str:
    """Escape free text for LaTeX text mode; mathematical characters become math."""
    out = []
    for ch in str(text):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch in _MATH_CHARS:
            out.append(f"${_MATH_CHARS[ch]}$")
        elif (" " <= ch < "\x7f") or ch in "\n\t" or ch in _TEXT_OK:
            out.append(ch)
        else:
            # Never leave pdflatex a character it cannot typeset: name it.
            out.append(f"[U+{ord(ch):04X}]")
    return "".join(out)


_INVERSE = {tex: ch for ch, tex in _ESCAPES.items() if not tex.startswith("$")}
_INVERSE.update({f"${tex}$": ch for ch, tex in {**_MATH_CHARS, **_ESCAPES}.items()
                 if tex.startswith("$") is False and ch not in _ESCAPES})
_INVERSE.update({tex: ch for ch, tex in _ESCAPES.items() if tex.startswith("$")})
_INVERSE_RE = re.compile("|".join(re.escape(t) for t in sorted(_INVERSE, key=len, reverse=True))
                         + r"|\[U\+([0-9A-F]{4,6})\]")


def plain_text(tex: str) -> str:
    """Undo :func:`latex_text`: the free text back from its LaTeX.

    >>> plain_text(latex_text("v_per_enzyme ≥ 0 {a} <b>"))
    'v_per_enzyme ≥ 0 {a} <b>'
    """
    def back(m):
        return chr(int(m.group(1), 16)) if m.group(1) else _INVERSE[m.group(0)]

    return _INVERSE_RE.sub(back, tex)


_SYMBOLIC = re.compile(r"^[A-Za-z][A-Za-z0-9]*[+\-]?(_(\{[^{}]*\}|[A-Za-z0-9,+\-]+|[^{}]+))?$")


def latex_name(name: str) -> str:
    """A result name as a LaTeX math symbol (``J+_c1`` → ``J^{+}_{c1}``).

    Names shaped like ``base[±][_sub]`` print as symbols, Greek names as Greek
    letters; anything else prints as upright text.
    """
    if not _SYMBOLIC.match(name):
        return r"\text{" + latex_text(name) + "}"
    base, _, sub = name.partition("_")
    sup = ""
    if base[-1] in "+-":
        base, sup = base[:-1], base[-1]
    base_tex = sympy.latex(sympy.Symbol(base)) if len(base) > 1 else base
    if len(base) > 1 and not base_tex.startswith("\\"):
        base_tex = r"\mathrm{" + base + "}"
    out = base_tex
    if sup:
        out += "^{" + sup + "}"
    if sub:
        sub = sub[1:-1] if sub.startswith("{") else sub
        if not re.fullmatch(r"[A-Za-z0-9,+\-]*", sub):
            sub = r"\text{" + latex_text(sub) + "}"
        out += "_{" + sub + "}"
    return out
