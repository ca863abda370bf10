"""Markdown rendering of a Derivation, with LaTeX math for docs and notebooks.

Display equations are ``$$ … $$`` blocks holding the LaTeX printer's equations
(long ones as the rows of an ``aligned``), which MathJax and KaTeX render; tables
are GitHub-flavoured Markdown. A result past the size limit (see
:mod:`symflux.report.breaking`) shows its compact form and its term count, the
expanded form folded in a ``<details>`` block; a step equation that large is left
out with a sentence saying so.

Examples
--------
>>> import sympy
>>> from symflux.derivation import Derivation
>>> d = Derivation("decay", "kinetic", None, results={"tau": 1 / sympy.Symbol("k")})
>>> print(MarkdownPrinter({"steps": False}).doprint(d))
# decay
<BLANKLINE>
## Results
<BLANKLINE>
$$
\\tau = \\frac{1}{k}
$$
<BLANKLINE>
## Symbols
<BLANKLINE>
| symbol | meaning | unit |
| --- | --- | --- |
| $k$ |  |  |
"""

from __future__ import annotations

from typing import Any, ClassVar

from symflux.report.breaking import term_count, too_long
from symflux.report.escape import markdown_text
from symflux.report.latex import LatexPrinter
from symflux.report.printer import Printer
from symflux.report.texts import latex_name

__all__ = ["MarkdownPrinter"]


def _cell(text: str) -> str:
    return markdown_text(str(text).replace("\n", " "))


class MarkdownPrinter(Printer):
    """Print a Derivation as Markdown with ``$…$`` math.

    Settings
    --------
    steps : bool
        Include the derivation's steps.
    validation : ValidationReport or None
        A validation report to tabulate.
    max_width : int
        Where long equations break (see the LaTeX printer).
    """

    _default_settings: ClassVar[dict[str, Any]] = {
        "steps": True, "validation": None, "max_width": 60,
    }

    def __init__(self, settings=None):
        super().__init__(settings)
        self._latex = LatexPrinter({"max_width": self._settings["max_width"]})

    def _block(self, body: str) -> str:
        return "$$\n" + body + "\n$$"

    def _print_Basic(self, expr) -> str:
        return "$" + self._latex.doprint(expr) + "$"

    def _print_Step(self, step) -> str:
        out = [markdown_text(step.statement)]
        if step.equation is not None and self._latex.large(step.equation):
            out.append(too_long(term_count(step.equation)))
        elif step.equation is not None:
            out.append(self._block(self._latex.equation(None, step.equation)))
        if step.reason:
            out.append(f"*{markdown_text(step.reason)}*")
        return "\n\n".join(out)

    def _result(self, d, name: str, expr) -> list[str]:
        """One result; past the size limit, its compact form (when there is one) and the
        term count, with the expanded form in a ``<details>`` block."""
        if not self._latex.large(expr):
            return [self._block(self._latex.equation(name, expr))]
        n = term_count(expr)
        folded = [f"<details><summary>expanded form ({n} terms)</summary>",
                  self._block(self._latex.equation(name, expr)), "</details>"]
        if name not in d.compact:
            return folded
        return [f"${latex_name(name)}$ has {n} terms expanded; its compact (nested) form:",
                self._block(self._latex.equation(name, d.compact[name])), *folded]

    def _print_ValidationReport(self, report) -> str:
        status = report.status if report.status != "failed" else "**FAILED**"
        lines = [f"Each result was evaluated at {report.accepted} random parameter points "
                 f"(seed {report.seed}) and compared with an independent numerical solution of "
                 f"the model; validated means at least one route agreed at every point. "
                 f"Status: {status}.", ""]
        lines += [f"- ${latex_name(v.name)}$: "
                  + ("**failed**" if v.verdict == "failed" else v.verdict)
                  + (f" ({_cell(v.reason)})" if v.reason else "") for v in report.verdicts]
        lines += ["",
                 "| result | route | max. rel. error | tolerance | status |",
                 "| --- | --- | --- | --- | --- |"]
        for c in report.checks:
            err = "—" if c.max_rel_error is None else f"{c.max_rel_error:.1e}"
            tol = "—" if c.max_rel_error is None else f"{c.tolerance:.0e}"
            status = "skipped" if c.passed is None else ("ok" if c.passed else "**FAILED**")
            note = f" ({_cell(c.note)})" if c.note else ""
            lines.append(f"| ${latex_name(c.name)}$ | {c.route} | {err} | {tol} | "
                         f"{status}{note} |")
        return "\n".join(lines)

    def _print_Derivation(self, d) -> str:
        out = [f"# {markdown_text(d.title)}", "## Results"]
        for name, expr in d.results.items():
            out.extend(self._result(d, name, expr))
        if self._settings["steps"] and d.steps:
            out.append("## Derivation")
            out.extend(f"{i}. " + self._print_Step(s).replace("\n\n", "\n\n   ")
                       for i, s in enumerate(d.steps, start=1))
        rows = self._latex.symbol_rows(d)
        if rows:
            out.append("## Symbols")
            out.append("\n".join(["| symbol | meaning | unit |", "| --- | --- | --- |"]
                                 + [f"| ${tex}$ | {_cell(desc)} | {_cell(unit)} |"
                                    for tex, desc, unit in rows]))
        if d.assumptions:
            out.append("## Assumptions")
            out.append("\n".join(f"- {markdown_text(a)}" for a in d.assumptions))
        if self._settings["validation"] is not None:
            out.append("## Validation")
            out.append(self._print(self._settings["validation"]))
        return "\n\n".join(out)
