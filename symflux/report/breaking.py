r"""Long equations laid out over rows that fit the page, shared by every report format.

An equation ``lhs = expr`` whose printed form is wider than a line becomes rows:
a sum is broken before a ``+`` or ``−`` at any depth (a row never starts inside a
term), a factor of a product that is itself a long sum is opened with ``\bigl(``
so that its terms can go on the next rows, and a fraction whose numerator or
denominator is too long is written :math:`\mathcal{N}/\mathcal{D}` with each part
spelled out on rows of its own (a part met twice gets one name). Widths are
estimates in characters of the printed form (:func:`latex_width`), not measured.

Past :data:`LARGE_TERMS` terms or :data:`LARGE_WIDTH` characters, a result is
*large* (:func:`is_large`): the printers then show its compact form first and fold
the expanded one away. This module only lays out: it never changes an expression.

Examples
--------
>>> import sympy
>>> a, b, c, d, e, k = sympy.symbols("a b c d e k")
>>> for left, right in Layout(sympy.latex, 12).rows("y", k * (a + b + c + d + e) + a):
...     print(f"{left:>2} | {right}")
 y | = a + k \bigl(a
   | \quad\quad + b
   | \quad\quad + c
   | \quad\quad + d
   | \quad\quad + e\bigr)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy

__all__ = ["LARGE_TERMS", "LARGE_WIDTH", "Layout", "is_large", "latex_width", "pack",
           "term_count", "too_long"]

#: A result with more terms than this (see :func:`term_count`) is large.
LARGE_TERMS = 100
#: A result whose printed form is wider than this many characters is large.
LARGE_WIDTH = 3000


def _braced(tex: str, start: int) -> int:
    """Index just past the brace group opening at ``tex[start]``."""
    depth = 0
    for i in range(start, len(tex)):
        if tex[i] == "{" and (i == 0 or tex[i - 1] != "\\"):
            depth += 1
        elif tex[i] == "}" and tex[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(tex)


_SILENT = re.compile(r"\\(left|right|[bB]igg?[lr]?|mathrm|mathcal|operatorname|text|quad"
                     r"|qquad|,|;|!|\s)")
_COMMAND = re.compile(r"\\[A-Za-z]+")


def latex_width(tex: str, limit: int | None = None) -> int:
    """Rough printed width of LaTeX math, in characters.

    A command counts as one character, braces and scripts as none, an operator
    as three (it has space around it), a ``\\quad`` as two and a fraction as the
    wider of its numerator and denominator. With ``limit``, counting stops past it.

    >>> latex_width(r"\\frac{k_{12} k_{23}}{k_{1}} + \\alpha")
    10
    """
    width, i, n = 0, 0, len(tex)
    while i < n and (limit is None or width <= limit):
        ch = tex[i]
        if ch == "\\":
            if tex.startswith(r"\frac{", i):
                end_num = _braced(tex, i + 5)
                end_den = _braced(tex, end_num)
                width += max(latex_width(tex[i + 6:end_num - 1], limit),
                             latex_width(tex[end_num + 1:end_den - 1], limit))
                i = end_den
                continue
            m = _SILENT.match(tex, i)
            if m:
                i = m.end()
                width += {"quad": 2, "qquad": 4}.get(m.group(1), 0)
                continue
            m = _COMMAND.match(tex, i)
            if m:
                width, i = width + 1, m.end()
                continue
        # Binary operators and relations carry space on both sides.
        width += 3 if ch in "+-=<>" else ch not in "{}^_ "
        i += 1
    return width


def term_count(expr) -> int:
    """How many terms the printed form has: those of each sum at the top of the expression.

    A fraction counts the terms of its numerator and of its denominator; a matrix
    or an equation, those of its entries or sides.

    >>> a, b, c = sympy.symbols("a b c")
    >>> term_count((a + b) / (a * b + b * c + c)), term_count(a * b), term_count(a + b)
    (5, 1, 2)
    """
    if isinstance(expr, sympy.MatrixBase):
        return sum(term_count(e) for e in expr)
    if isinstance(expr, sympy.Eq):
        return term_count(expr.lhs) + term_count(expr.rhs)
    if isinstance(expr, sympy.Add):
        return len(expr.args)
    if isinstance(expr, sympy.Pow):
        return term_count(expr.base)
    if isinstance(expr, sympy.Mul):
        return max(sum(term_count(f) for f in expr.args
                       if isinstance(f, sympy.Add | sympy.Pow)), 1)
    return 1


def is_large(expr, tex: str) -> bool:
    """Whether ``expr`` (printed as ``tex``) is past the size where reports fold it away.

    >>> a, b = sympy.symbols("a b")
    >>> is_large(a + b, "a + b"), is_large(sympy.Add(*sympy.symbols("x:120")), "...")
    (False, True)
    """
    return term_count(expr) > LARGE_TERMS or latex_width(tex, LARGE_WIDTH) > LARGE_WIDTH


def too_long(terms: int) -> str:
    """The sentence a report prints instead of a large step equation (plain text).

    >>> too_long(336)
    'This equation has 336 terms and is too long to print here.'
    """
    return f"This equation has {terms} terms and is too long to print here."


@dataclass(frozen=True)
class _Piece:
    """A run of LaTeX that stays on one row; a row may start at a ``breakable`` one."""

    text: str
    width: int
    breakable: bool = False
    depth: int = 0


def pack(pieces, first_room: int, room: int) -> list[tuple[int, str]]:
    """Rows ``(depth, text)``: the pieces in order, a new row at a breakable piece that
    would pass the room (``first_room`` on the first row); depth is that piece's.

    >>> pack([_Piece("a", 1), _Piece(" + b", 4, True), _Piece(" + c", 4, True)], 5, 9)
    [(0, 'a + b'), (0, '+ c')]
    """
    rows: list[tuple[int, list[str]]] = [(0, [])]
    used = 0
    for p in pieces:
        limit = first_room if len(rows) == 1 else room - 2 * (1 + min(rows[-1][0], _DEEPEST))
        if rows[-1][1] and p.breakable and used + p.width > limit:
            rows.append((p.depth, []))
            used = 0
        rows[-1][1].append(p.text.lstrip() if not rows[-1][1] else p.text)
        used += p.width
    return [(depth, "".join(texts)) for depth, texts in rows]


_OPEN = (r"\bigl(", r"\Bigl(", r"\biggl(", r"\Biggl(")
_DEEPEST = 3  # continuation rows are indented by one \quad per level, up to this many


class Layout:
    """Rows of ``lhs = expr`` at most ``room`` characters wide, by the printer ``tex``.

    :meth:`rows` gives ``(left, right)`` cells: the first row's right cell starts
    with ``=``, a continuation row's with ``\\quad`` (one more ``\\quad`` per level
    of parentheses it is inside) and then ``+`` or ``−``; the parts named by a
    fraction follow as rows of their own.
    """

    def __init__(self, tex: Callable[[sympy.Basic], str], room: int):
        self.tex, self.room = tex, room
        self._names: dict[sympy.Basic, str] = {}
        self._parts: list[tuple[str, sympy.Basic]] = []

    def _fits(self, expr, room: int | None = None) -> bool:
        room = self.room if room is None else room
        return latex_width(self.tex(expr), room) <= room

    def rows(self, lhs: str, expr) -> list[tuple[str, str]]:
        """``lhs = expr`` as ``(left, right)`` LaTeX rows that each fit the room."""
        out: list[tuple[str, str]] = []
        todo = [(lhs, expr)]
        while todo:
            left, part = todo.pop(0)
            start = len(self._parts)
            indent = latex_width(left)  # the left column is as wide on every row
            lines = pack(self.pieces(part, 0, indent + 3), self.room - indent - 3,
                         self.room - indent)
            out.append((left, "= " + lines[0][1]))
            out.extend(("", r"\quad" * (1 + min(depth, _DEEPEST)) + " " + text)
                       for depth, text in lines[1:])
            todo.extend(self._parts[start:])
        counts = {letter: sum(n.startswith(rf"\mathcal{{{letter}}}") for n in self._names.values())
                  for letter in "ND"}
        for letter, count in counts.items():  # a single N or D needs no number
            if count == 1:
                out = [(left.replace(rf"\mathcal{{{letter}}}_{{1}}", rf"\mathcal{{{letter}}}"),
                        right.replace(rf"\mathcal{{{letter}}}_{{1}}", rf"\mathcal{{{letter}}}"))
                       for left, right in out]
        return out

    def pieces(self, expr, depth: int = 0, used: int = 0) -> list[_Piece]:
        """The pieces of ``expr``, which starts ``used`` characters into a row at ``depth``
        levels of parentheses; a row may start at a sign of a sum at any depth."""
        tex = self.tex(expr)
        room = max(self.room - 2 * (1 + min(depth, _DEEPEST)) - used, self.room // 3)
        width = latex_width(tex, room)
        if width <= room:
            return [_Piece(tex, width, depth=depth)]
        if isinstance(expr, sympy.Add):
            return self._sum(expr, depth, used)
        num, den = sympy.fraction(expr)
        if den != 1:
            frac = rf"\frac{{{self._part(num, 'N', room)}}}{{{self._part(den, 'D', room)}}}"
            return [_Piece(frac, latex_width(frac), depth=depth)]
        if isinstance(expr, sympy.Mul):
            return self._product(expr, depth, used, room)
        if isinstance(expr, sympy.Pow) and isinstance(expr.base, sympy.Add):
            return self._parenthesised(expr.base, depth, used, "", expr.exp)
        return [_Piece(tex, width, depth=depth)]  # a function of a long argument: whole

    def _sum(self, expr, depth: int, used: int) -> list[_Piece]:
        out: list[_Piece] = []
        for i, term in enumerate(expr.as_ordered_terms()):
            negative = self.tex(term).startswith("-")
            op = ("- " if negative else "") if i == 0 else (" - " if negative else " + ")
            start = latex_width(op) + (used if i == 0 else 0)  # a later term may start a row
            inner = self.pieces(-term if negative else term, depth, start)
            head = inner[0]
            out.append(_Piece(op + head.text, head.width + latex_width(op), i > 0, depth))
            out.extend(inner[1:])
        return out

    def _product(self, expr, depth: int, used: int, room: int) -> list[_Piece]:
        factors = expr.as_ordered_factors()
        sums = [f for f in factors if isinstance(f, sympy.Add)
                or (isinstance(f, sympy.Pow) and isinstance(f.base, sympy.Add))]
        wide = [f for f in sums if not self._fits(f, room)] or sorted(
            sums, key=lambda f: -latex_width(self.tex(f)))[:1]
        if not wide:
            tex = self.tex(expr)
            return [_Piece(tex, latex_width(tex), depth=depth)]
        rest = [f for f in factors if f not in wide]
        head = self.tex(sympy.Mul(*rest)) + " " if rest else ""
        head = "- " if head == "-1 " else head
        out: list[_Piece] = []
        for f in wide:
            base, exp = (f.base, f.exp) if isinstance(f, sympy.Pow) else (f, 1)
            lead = head if not out else " "
            out.extend(self._parenthesised(base, depth, used if not out else 0, lead, exp))
        return out

    def _parenthesised(self, base, depth: int, used: int, head: str, exp) -> list[_Piece]:
        inner = self._sum(base, depth + 1, used + latex_width(head) + 1)
        size = min(max(p.depth for p in inner) - depth - 1, len(_OPEN) - 1)
        opening = head + _OPEN[size]
        closing = _OPEN[size].replace("l(", "r)") + ("" if exp == 1 else f"^{{{self.tex(exp)}}}")
        first, last = inner[0], inner[-1]
        inner[0] = _Piece(opening + first.text, first.width + latex_width(opening),
                          first.breakable, depth)
        last = inner[-1]
        inner[-1] = _Piece(last.text + closing, last.width + 1, last.breakable, last.depth)
        return inner

    def _part(self, part, letter: str, room: int) -> str:
        """``part`` printed, or named when too long (``E_T \\mathcal{N}``: short factors stay)."""
        if self._fits(part, room):
            return self.tex(part)
        if isinstance(part, sympy.Mul):
            wide = [f for f in part.args if not self._fits(f, self.room // 2)]
            rest = sympy.Mul(*[f for f in part.args if f not in wide])
            if len(wide) == 1 and rest != 1 and self._fits(rest, self.room // 2):
                sign = "-" if rest == -1 else self.tex(rest)
                return f"{sign} {self._name(wide[0], letter)}"
        return self._name(part, letter)

    def _name(self, part, letter: str) -> str:
        if part not in self._names:
            count = sum(n.startswith(rf"\mathcal{{{letter}}}") for n in self._names.values())
            self._names[part] = rf"\mathcal{{{letter}}}_{{{count + 1}}}"
            self._parts.append((self._names[part], part))
        return self._names[part]
