"""LaTeX rendering of a Derivation: results, steps, symbols, assumptions, validation.

The equations are SymPy's own LaTeX; what this printer adds is the layout a
reader needs (:mod:`symflux.report.breaking`): a long equation is broken
before a ``+`` or ``−`` over the rows of an ``align*``, which may go on over a
page break (``\\allowdisplaybreaks``; a ``split`` or ``aligned`` cannot), a
fraction whose numerator or denominator is long is printed as
:math:`\\mathcal{N}/\\mathcal{D}` with both written out below, and a result past
the size limit is printed in its compact form with its term count (the expanded
form is left to ``symflux derive --full``). Free text (statements, reasons,
descriptions) is escaped, and may break inside a long formula, so that pdflatex
with amsmath alone compiles the standalone document and nothing runs past the
margin.

Examples
--------
>>> import sympy
>>> from symflux.derivation import Derivation
>>> k = sympy.Symbol("k_{12}", positive=True)
>>> d = Derivation("decay", "kinetic", None, results={"tau": 1 / k})
>>> print(LatexPrinter().equation("tau", d["tau"]))
\\tau = \\frac{1}{k_{12}}
>>> "\\\\documentclass" in LatexPrinter({"standalone": True}).doprint(d)
True
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import sympy

from symflux.report.breaking import (
    LARGE_TERMS,
    Layout,
    is_large,
    latex_width,
    term_count,
    too_long,
)
from symflux.report.escape import latex_math
from symflux.report.printer import Printer
from symflux.report.texts import latex_name, latex_text

__all__ = ["LatexPrinter", "latex_width", "prose"]


_BREAK_AFTER = re.compile(r"([*+,=(/])(?=[^\s}])")


def prose(text: str) -> str:
    """Free text for LaTeX (:func:`latex_text`), with a break allowed after each ``*``,
    ``+``, ``,``, ``=``, ``(`` or ``/`` of a word too long for a line (a formula in plain
    text, as in a step's reason), so that it never runs past the margin.

    >>> prose("x = a*b")
    'x = a*b'
    >>> print(prose("C_i=(a*b+c*d+e*f+g*h+i*j)"))
    C\\_i=\\allowbreak{}(\\allowbreak{}a*\\allowbreak{}b+\\allowbreak{}c*\\allowbreak{}d+\\allowbreak{}e*\\allowbreak{}f+\\allowbreak{}g*\\allowbreak{}h+\\allowbreak{}i*\\allowbreak{}j)
    """
    return " ".join(_BREAK_AFTER.sub(r"\1\\allowbreak{}", word) if len(word) > 25 else word
                    for word in latex_text(text).split(" "))


class LatexPrinter(Printer):
    """Print a Derivation (and its Steps, a ValidationReport, SymPy objects) as LaTeX.

    Settings
    --------
    standalone : bool
        A complete document (``\\documentclass`` ... amsmath only) instead of a fragment.
    steps : bool
        Include the derivation's steps.
    validation : ValidationReport or None
        A validation report to summarise (rendering never runs numerics itself).
    expected : sequence of symflux.problems.Comparison
        Expected answers and whether they matched, from a problem file.
    source : str or None
        Where the problem comes from (a reference), printed under the title.
    max_width : int
        Width, in characters, past which an equation is broken over lines.
    """

    _default_settings: ClassVar[dict[str, Any]] = {
        "standalone": False,
        "steps": True,
        "validation": None,
        "expected": (),
        "source": None,
        "max_width": 60,
    }

    # -- equations -------------------------------------------------------------------

    def _tex(self, expr) -> str:
        # Long results are printed whole and in parts while breaking them: print each once.
        cache = self.__dict__.setdefault("_tex_cache", {})
        if expr not in cache:
            cache[expr] = latex_math(expr, ln_notation=True)
        return cache[expr]

    def large(self, expr) -> bool:
        """Whether ``expr`` is past the size where reports fold it away (see breaking)."""
        # Counting terms is cheap; printing a result of thousands of terms is not.
        return term_count(expr) > LARGE_TERMS or is_large(expr, self._tex(expr))

    def equation_rows(self, name: str | None, expr) -> list[tuple[str, str]]:
        """``(left, right)`` cells of ``name = expr`` broken to fit the width (one row
        when it fits); the right cell starts with ``=`` or, continuing, ``\\quad``.

        ``name`` is a result name (free text, see :func:`latex_name`), or None
        when ``expr`` is itself an equation (``sympy.Eq``) or a bare expression.
        """
        room = self._settings["max_width"]
        if isinstance(expr, sympy.Eq):
            lhs, rhs = expr.lhs, expr.rhs
            if isinstance(rhs, sympy.MatrixBase) and latex_width(self._tex(expr), room) > room:
                return self._matrix_rows(lhs, rhs)
            return Layout(self._tex, room).rows(self._tex(lhs), rhs)
        if name is None:
            return [("", self._tex(expr))]
        return Layout(self._tex, room).rows(latex_name(name), expr)

    def _matrix_rows(self, lhs, rhs) -> list[tuple[str, str]]:
        """A wide matrix equation entry by entry: row by row for two vectors, else the
        non-zero entries ``{L}_{ij}`` of the right side, then the rest are zero."""
        room = self._settings["max_width"]
        if isinstance(lhs, sympy.MatrixBase) and lhs.shape == rhs.shape:
            pairs = [(self._tex(a), b) for a, b in zip(lhs, rhs, strict=True)]
            rest = None
        else:
            name, sep = self._tex(lhs), "," if max(rhs.shape) > 9 else ""
            pairs = [(f"{{{name}}}_{{{i + 1}{sep}{j + 1}}}", rhs[i, j])
                     for i in range(rhs.rows) for j in range(rhs.cols) if rhs[i, j] != 0]
            rest = (f"{{{name}}}_{{ij}}", r"= 0 \quad \text{otherwise}")
        rows = [row for left, right in pairs for row in Layout(self._tex, room).rows(left, right)]
        return rows + ([rest] if rest and len(pairs) < rhs.rows * rhs.cols else [])

    def equation(self, name: str | None, expr) -> str:
        """The body of a display equation ``name = expr`` (``aligned`` rows when long).

        ``name`` is a result name (free text, see :func:`latex_name`), or None
        when ``expr`` is itself an equation (``sympy.Eq``).
        """
        rows = self.equation_rows(name, expr)
        if len(rows) == 1:
            return " ".join(cell for cell in rows[0] if cell)
        return "\\begin{aligned}\n" + self._join(rows) + "\n\\end{aligned}"

    @staticmethod
    def _join(rows) -> str:
        return " \\\\\n".join(f"{left} &{right}" if left else f"&{right}" for left, right in rows)

    def display_equation(self, name: str | None, expr) -> str:
        """``name = expr`` as a display: ``equation*``, or ``align*`` rows when long, which
        (with ``\\allowdisplaybreaks``) may go on over a page break."""
        rows = self.equation_rows(name, expr)
        if len(rows) == 1:
            return self.display(" ".join(cell for cell in rows[0] if cell))
        return "\\begin{align*}\n" + self._join(rows) + "\n\\end{align*}"

    @staticmethod
    def display(body: str) -> str:
        """``body`` as an unnumbered display equation."""
        return "\\begin{equation*}\n" + body + "\n\\end{equation*}"

    def result(self, d, name: str, expr) -> list[str]:
        """Paragraphs of one result: past the size limit, its compact form and term count
        (the expanded form is left to ``symflux derive --full``) or the term count and the
        expanded form broken over rows."""
        if not self.large(expr):
            return [self.display_equation(name, expr)]
        n = term_count(expr)
        if name in d.compact:
            return [rf"${latex_name(name)}$ has {n} terms expanded; its compact (nested) form:",
                    self.display_equation(name, d.compact[name]),
                    r"The expanded form is left out; \texttt{symflux derive -{}-full} prints it."]
        return [rf"${latex_name(name)}$ has {n} terms:", self.display_equation(name, expr)]

    # -- objects -----------------------------------------------------------------------

    def _print_Basic(self, expr) -> str:
        return self._tex(expr)

    def _print_str(self, text: str) -> str:
        return latex_text(text)

    def _print_Step(self, step) -> str:
        out = [prose(step.statement.rstrip(".")) + "."]
        if step.equation is not None:
            if self.large(step.equation):
                out.append(too_long(term_count(step.equation)))
            else:
                out.append(self.display_equation(None, step.equation))
        if step.reason:
            out.append(r"\emph{" + prose(step.reason) + "}")
        return "\n".join(out)

    def _print_ValidationReport(self, report) -> str:
        rows = []
        for c in report.checks:
            err = "---" if c.max_rel_error is None else f"{c.max_rel_error:.1e}"
            status = "skipped" if c.passed is None else ("ok" if c.passed else r"\textbf{FAILED}")
            note = f" ({prose(c.note)})" if c.note else ""
            tol = "---" if c.max_rel_error is None else f"{c.tolerance:.0e}"
            rows.append(f"${latex_name(c.name)}$ & {latex_text(c.route)} & {err} & "
                        f"{tol} & {status}{note} \\\\")
        verdict = report.status if report.status != "failed" else r"\textbf{FAILED}"
        badges = [f"${latex_name(v.name)}$: "
                  + (r"\textbf{failed}" if v.verdict == "failed" else latex_text(v.verdict))
                  + (f" ({prose(v.reason)})" if v.reason else "") + r"\\"
                  for v in report.verdicts]
        return "\n".join([
            f"Each result was evaluated at {report.accepted} random parameter points (seed "
            f"{report.seed}) and compared with an independent numerical solution of the model; "
            f"validated means at least one route agreed at every point. Status: {verdict}.",
            "",
            *badges,
            "",
            r"\begin{tabular}{@{}llllp{0.22\textwidth}@{}}",
            r"result & route & max.\ rel.\ error & tolerance & status \\ \hline",
            *rows,
            r"\end{tabular}",
        ])

    def symbol_rows(self, d) -> list[tuple[str, str, str]]:
        """``(symbol LaTeX, description, unit)`` for every described or free symbol."""
        seen = dict(d.symbols)
        for s in d.parameters:
            seen.setdefault(s, None)
        rows = []
        for s in sorted(seen, key=lambda s: s.name):
            info = seen[s]
            rows.append((self._tex(s), info.description if info else "",
                         (info.unit or "") if info else ""))
        return rows

    def _print_Derivation(self, d) -> str:
        s = self._settings
        out = [r"\section*{" + latex_text(d.title) + "}"]
        if s["source"]:
            out.append(r"\noindent\emph{Source:} " + prose(s["source"]) + "\n")
        out.append(r"\subsection*{Results}")
        for name, expr in d.results.items():
            out.extend(self.result(d, name, expr))
        if s["expected"]:
            out.append(r"\subsection*{Expected answers}")
            out.append(r"\begin{itemize}")
            for c in s["expected"]:
                verdict = "matches the derived result" if c.equal else \
                    r"\textbf{does not match}: " + prose(c.note)
                out.append(rf"\item ${latex_name(c.name)}$: {verdict}.")
            out.append(r"\end{itemize}")
        if s["steps"] and d.steps:
            out.append(r"\subsection*{Derivation}")
            out.append(r"\begin{enumerate}")
            out.extend(r"\item " + self._print_Step(step) for step in d.steps)
            out.append(r"\end{enumerate}")
        rows = self.symbol_rows(d)
        if rows:
            out.append(r"\subsection*{Symbols}")
            out.append(r"\begin{tabular}{lp{0.6\textwidth}l}")
            out.append(r"symbol & meaning & unit \\ \hline")
            out.extend(f"${tex}$ & {latex_text(desc)} & {latex_text(unit)} \\\\"
                       for tex, desc, unit in rows)
            out.append(r"\end{tabular}")
        if d.assumptions:
            out.append(r"\subsection*{Assumptions}")
            out.append(r"\begin{itemize}")
            out.extend(r"\item " + prose(a) for a in d.assumptions)
            out.append(r"\end{itemize}")
        if s["validation"] is not None:
            out.append(r"\subsection*{Validation}")
            out.append(self._print(s["validation"]))
        body = "\n\n".join(out) + "\n"
        if not s["standalone"]:
            return body
        return ("\\documentclass[a4paper,11pt]{article}\n"
                "\\usepackage{amsmath}\n"
                "\\allowdisplaybreaks\n"
                "\\sloppy\n"
                "\\setlength{\\parindent}{0pt}\n"
                "\\begin{document}\n\n" + body + "\n\\end{document}\n")
