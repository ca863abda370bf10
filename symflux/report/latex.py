"""LaTeX rendering of a Derivation: results, steps, symbols, assumptions, validation.

The equations are SymPy's own LaTeX; what this printer adds is the layout a
reader needs: a long sum is broken over lines inside amsmath's ``split``, a
fraction whose numerator or denominator is long is printed as
:math:`\\mathcal{N}/\\mathcal{D}` with both written out below, and free text
(statements, reasons, descriptions) is escaped so that pdflatex with amsmath
alone compiles the standalone document.

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

from symflux.report.escape import latex_math
from symflux.report.printer import Printer
from symflux.report.texts import latex_name, latex_text

__all__ = ["LatexPrinter", "latex_width"]


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


_SILENT = re.compile(r"\\(left|right|mathrm|operatorname|text|quad|,|;|!|\s)")
_COMMAND = re.compile(r"\\[A-Za-z]+")


def latex_width(tex: str, limit: int | None = None) -> int:
    """Rough printed width of LaTeX math, in characters.

    A command counts as one character, braces and scripts as none, an operator
    as three (it has space around it), and a fraction as the wider of its
    numerator and denominator. With ``limit``, counting stops past it.

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
                width += m.group(1) == "quad"
                continue
            m = _COMMAND.match(tex, i)
            if m:
                width, i = width + 1, m.end()
                continue
        # Binary operators and relations carry space on both sides.
        width += 3 if ch in "+-=<>" else ch not in "{}^_ "
        i += 1
    return width


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

    def _chunks(self, expr: sympy.Add, room: int) -> list[str]:
        """The terms of a sum, packed into lines of at most ``room`` characters."""
        lines: list[str] = []
        current = ""
        for term in expr.as_ordered_terms():
            tex = self._tex(term)
            sign, body = ("-", tex[1:].lstrip()) if tex.startswith("-") else ("+", tex)
            piece = (f"- {body}" if sign == "-" else body) if not current and not lines \
                else f" {sign} {body}"
            if current and latex_width(current + piece, room) > room:
                lines.append(current)
                current = piece.lstrip()
            else:
                current += piece
        lines.append(current)
        return [lines[0]] + [r"\quad " + line for line in lines[1:]]

    def _rows(self, lhs: str, expr, depth: int = 0) -> list[tuple[str, list[str]]]:
        """Rows ``(left side, [right-side lines])`` of an equation broken to fit."""
        room = self._settings["max_width"]
        tex = self._tex(expr)
        if latex_width(tex, room) + latex_width(lhs) <= room or depth > 2:
            return [(lhs, [tex])]
        if isinstance(expr, sympy.Add):
            return [(lhs, self._chunks(expr, room - latex_width(lhs)))]
        num, den = sympy.fraction(expr)
        if den != 1:
            parts = []
            names = []
            for part, name in ((num, r"\mathcal{N}"), (den, r"\mathcal{D}")):
                long = latex_width(self._tex(part), room) > room
                names.append(name + (f"_{{{depth}}}" if depth else "") if long
                             else self._tex(part))
                if long:
                    parts.append((names[-1], part))
            if parts:
                rows = [(lhs, [rf"\frac{{{names[0]}}}{{{names[1]}}}"])]
                for name, part in parts:
                    rows.extend(self._rows(name, part, depth + 1))
                return rows
        return [(lhs, [tex])]

    def equation(self, name: str | None, expr) -> str:
        """The body of a display equation ``name = expr`` (a ``split`` when long).

        ``name`` is a result name (free text, see :func:`latex_name`), or None
        when ``expr`` is itself an equation (``sympy.Eq``).
        """
        if isinstance(expr, sympy.Eq):
            lhs, expr = self._tex(expr.lhs), expr.rhs
        elif name is None:
            return self._tex(expr)
        else:
            lhs = latex_name(name)
        rows = self._rows(lhs, expr)
        if len(rows) == 1 and len(rows[0][1]) == 1:
            return f"{lhs} = {rows[0][1][0]}"
        lines = []
        for left, rights in rows:
            lines.append(f"{left} &= {rights[0]}")
            lines.extend(f"&{r}" for r in rights[1:])
        return "\\begin{split}\n" + " \\\\\n".join(lines) + "\n\\end{split}"

    @staticmethod
    def display(body: str) -> str:
        return "\\begin{equation*}\n" + body + "\n\\end{equation*}"

    # -- objects -----------------------------------------------------------------------

    def _print_Basic(self, expr) -> str:
        return self._tex(expr)

    def _print_str(self, text: str) -> str:
        return latex_text(text)

    def _print_Step(self, step) -> str:
        out = [latex_text(step.statement.rstrip(".")) + "."]
        if step.equation is not None:
            out.append(self.display(self.equation(None, step.equation)))
        if step.reason:
            out.append(r"\emph{" + latex_text(step.reason) + "}")
        return "\n".join(out)

    def _print_ValidationReport(self, report) -> str:
        rows = []
        for c in report.checks:
            err = "---" if c.max_rel_error is None else f"{c.max_rel_error:.1e}"
            status = "skipped" if c.passed is None else ("ok" if c.passed else r"\textbf{FAILED}")
            note = f" ({latex_text(c.note)})" if c.note else ""
            tol = "---" if c.max_rel_error is None else f"{c.tolerance:.0e}"
            rows.append(f"${latex_name(c.name)}$ & {latex_text(c.route)} & {err} & "
                        f"{tol} & {status}{note} \\\\")
        verdict = report.status if report.status != "failed" else r"\textbf{FAILED}"
        badges = [f"${latex_name(v.name)}$: "
                  + (r"\textbf{failed}" if v.verdict == "failed" else latex_text(v.verdict))
                  + (f" ({latex_text(v.reason)})" if v.reason else "") + r"\\"
                  for v in report.verdicts]
        return "\n".join([
            f"Each result was evaluated at {report.accepted} random parameter points (seed "
            f"{report.seed}) and compared with an independent numerical solution of the model; "
            f"validated means at least one route agreed at every point. Status: {verdict}.",
            "",
            *badges,
            "",
            r"\begin{tabular}{llllp{0.3\textwidth}}",
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
            out.append(r"\noindent\emph{Source:} " + latex_text(s["source"]) + "\n")
        out.append(r"\subsection*{Results}")
        out.extend(self.display(self.equation(name, expr)) for name, expr in d.results.items())
        if s["expected"]:
            out.append(r"\subsection*{Expected answers}")
            out.append(r"\begin{itemize}")
            for c in s["expected"]:
                verdict = "matches the derived result" if c.equal else \
                    r"\textbf{does not match}: " + latex_text(c.note)
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
            out.extend(r"\item " + latex_text(a) for a in d.assumptions)
            out.append(r"\end{itemize}")
        if s["validation"] is not None:
            out.append(r"\subsection*{Validation}")
            out.append(self._print(s["validation"]))
        body = "\n\n".join(out) + "\n"
        if not s["standalone"]:
            return body
        return ("\\documentclass[a4paper,11pt]{article}\n"
                "\\usepackage{amsmath}\n"
                "\\setlength{\\parindent}{0pt}\n"
                "\\begin{document}\n\n" + body + "\n\\end{document}\n")
