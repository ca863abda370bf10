"""One self-contained HTML page per Derivation: MathML, steps, tables, SVG drawings.

The page needs neither network access nor JavaScript: the equations are inline
presentation MathML (from :class:`~symflux.report.mathml.MathMLPrinter`), the
drawings inline SVG, the style an inline sheet. Browsers with MathML Core
(Chromium 109+, Firefox, Safari) lay the equations out natively.

Examples
--------
>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
>>> page = HtmlPrinter().doprint(d)
>>> page.startswith("<!DOCTYPE html>") and "<script" not in page and "<svg" in page
True
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any, ClassVar

import networkx as nx
import sympy

from symflux.report.bars import bar_chart_svg
from symflux.report.breaking import term_count, too_long
from symflux.report.mathml import MathMLPrinter
from symflux.report.printer import Printer
from symflux.report.svg import network_svg, path_svg, profile_svg

__all__ = ["PAGE_STYLE", "STYLE", "HtmlPrinter", "fragment", "page", "validation_point",
           "verdict_badge"]

#: The report's style sheet. Every rule is scoped to the wrapper class ``symflux-report``,
#: so a fragment embedded in a notebook (``Derivation._repr_html_``) restyles nothing of
#: the page around it; the full page (:func:`page`) adds :data:`PAGE_STYLE` for its body.
STYLE = """
.symflux-report h1 { font-size: 1.6rem; }
.symflux-report h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; }
.symflux-report .symflux-eq { overflow-x: auto; overflow-y: hidden; margin: 0.6rem 0;
  padding: 0.2rem 0; }
.symflux-report .symflux-eq math { font-size: 1.1rem; }
.symflux-report mtd[columnalign="right"] { text-align: right; }
.symflux-report mtd[columnalign="left"] { text-align: left; }
.symflux-report table { border-collapse: collapse; margin: 0.5rem 0; }
.symflux-report th, .symflux-report td { border-bottom: 1px solid #ddd;
  padding: 0.25rem 0.7rem; text-align: left; vertical-align: top; }
.symflux-report .ok { color: #1e7b34; }
.symflux-report .failed { color: #b00020; font-weight: bold; }
.symflux-report .skipped { color: #777; }
.symflux-report .reason { color: #555; font-style: italic; }
.symflux-report .source { color: #555; }
.symflux-report figure { margin: 0.5rem 0; }
.symflux-report figcaption { color: #555; font-size: 0.9rem; }
.symflux-report ol.steps > li { margin-bottom: 0.8rem; }
"""

#: Page-level rules of the full page only (never in a fragment): font, width, margins.
PAGE_STYLE = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.45; }
"""


def validation_point(report) -> dict | None:
    """The first parameter point the validation used (recorded in the report), or None."""
    return dict(report.first_point) or None


def verdict_badge(verdict: str) -> str:
    """A coloured badge for a verdict or a report status."""
    css = {"validated": "ok", "passed": "ok", "failed": "failed"}.get(verdict, "skipped")
    return f'<span class="{css}">{escape(verdict)}</span>'


def _status(passed: bool | None) -> str:
    if passed is None:
        return '<span class="skipped">skipped</span>'
    return '<span class="ok">ok</span>' if passed else '<span class="failed">FAILED</span>'


class HtmlPrinter(Printer):
    """Print a Derivation as an HTML page (or, with ``full_page=False``, a fragment).

    Settings
    --------
    full_page : bool
        A complete document; False gives a ``<div>`` for embedding (Jupyter).
    steps : bool
        Include the derivation's steps.
    validation : ValidationReport or None
        A validation report to tabulate; its first parameter point is where profiles
        and control tables are evaluated unless ``values`` is given.
    expected : sequence of symflux.problems.Comparison
        Expected answers from a problem file and whether they matched.
    source : str or None
        The problem's reference.
    values : mapping or None
        A parameter point for the profiles and control tables.
    fluxes : mapping or None
        Net flux of each channel ``(u, v, key)`` at that point, computed upstream
        (``Derivation.to_html`` and ``symflux report`` pass the numerical fluxes at the
        first validation point): drawn as red arrows on a kinetic scheme. The printer
        never solves the model.
    profiles : mapping or None
        ``{result name: (x symbol, low, high)}`` to plot; by default, for models
        of kind "path" or "transport", every result depending on a symbol named
        ``x`` over ``[0, L]`` (``L`` when the results have it, else 1).
    max_width : int
        Where long equations break (see the LaTeX printer).
    """

    _default_settings: ClassVar[dict[str, Any]] = {
        "full_page": True,
        "steps": True,
        "validation": None,
        "expected": (),
        "source": None,
        "values": None,
        "fluxes": None,
        "profiles": None,
        "max_width": 60,
    }

    def __init__(self, settings=None):
        super().__init__(settings)
        self._mathml = MathMLPrinter({"max_width": self._settings["max_width"]})
        self._latex = self._mathml.latex  # one LaTeX cache for the page

    def _print_Basic(self, expr) -> str:
        return self._mathml.doprint(expr)

    def _print_Step(self, step) -> str:
        out = [f"<p>{escape(step.statement)}</p>"]
        if step.equation is not None and self._latex.large(step.equation):
            out.append(f"<p>{escape(too_long(term_count(step.equation)))}</p>")
        elif step.equation is not None:
            out.append(f'<div class="symflux-eq">{self._mathml.equation(None, step.equation)}'
                       "</div>")
        if step.reason:
            out.append(f'<p class="reason">{escape(step.reason)}</p>')
        return "\n".join(out)

    def _result(self, d, name: str, expr) -> list[str]:
        """One result; past the size limit, its compact form (when the derivation has one)
        and the term count, with the expanded form folded in a ``<details>``."""
        def shown(e) -> str:
            return f'<div class="symflux-eq">{self._mathml.equation(name, e)}</div>'

        if not self._latex.large(expr):
            return [shown(expr)]
        n = term_count(expr)
        folded = (f"<details><summary>expanded form ({n} terms)</summary>\n{shown(expr)}\n"
                  "</details>")
        if name not in d.compact:
            return [folded]
        return [f"<p>{self._mathml.doprint(name)} has {n} terms expanded; its compact "
                "(nested) form:</p>", shown(d.compact[name]), folded]

    def _print_ValidationReport(self, report) -> str:
        verdict = verdict_badge(report.status)
        badges = "".join(f"<li>{self._mathml.doprint(v.name)} {verdict_badge(v.verdict)}"
                         + (f" by {escape(', '.join(v.routes))}" if v.routes else "")
                         + (f' <span class="reason">{escape(v.reason)}</span>' if v.reason
                            else "") + "</li>" for v in report.verdicts)
        rows = []
        for c in report.checks:
            err = "—" if c.max_rel_error is None else f"{c.max_rel_error:.1e}"
            tol = "—" if c.max_rel_error is None else f"{c.tolerance:.0e}"
            rows.append(f"<tr><td>{self._mathml.doprint(c.name)}</td><td>{escape(c.route)}</td>"
                        f"<td>{err}</td><td>{tol}</td><td>{_status(c.passed)}"
                        f"{' — ' + escape(c.note) if c.note else ''}</td></tr>")
        return (f"<p>Each result printed here was evaluated at {report.accepted} random "
                f"parameter points (seed {report.seed}; {report.rejected} draws rejected by "
                "recorded conditions) and compared with an independent numerical solution of "
                "the model: <em>validated</em> means at least one route agreed at every point "
                f"within its tolerance. Status: {verdict}.</p>\n<ul class=\"verdicts\">"
                f"{badges}</ul>\n"
                "<table><thead><tr><th>result</th><th>route</th><th>max. rel. error</th>"
                "<th>tolerance</th><th>status</th></tr></thead><tbody>\n"
                + "\n".join(rows) + "\n</tbody></table>")

    def _values(self, d) -> Mapping | None:
        s = self._settings
        if s["values"] is not None:
            return s["values"]
        if s["validation"] is not None:
            return validation_point(s["validation"])
        return None

    def _control_section(self, d, values) -> list[str]:
        """A table and a bar chart of the control analysis results at the drawing point."""
        names = [n for n, q in d.quantities.items()
                 if q.kind in ("control_coefficient", "response_coefficient", "elasticity")]
        if not names:
            return []
        at = {}
        if values is not None:
            subs = {sympy.Symbol(str(k), positive=True) if not isinstance(k, sympy.Symbol)
                    else k: v for k, v in values.items()}
            for n in names:
                number = sympy.sympify(d[n]).xreplace(subs)
                at[n] = float(number) if number.is_number and number.is_real else None
        where = ("at the first validation point" if values is not None
                 else "(no point to evaluate at: validate to see the values)")
        out = [f"<h2>Control analysis</h2><p>The coefficients {escape(where)}.</p>",
               "<table><thead><tr><th>coefficient</th><th>closed form</th><th>value</th>"
               "</tr></thead><tbody>"]
        out.extend(f"<tr><td>{self._mathml.doprint(n)}</td><td>"
                   f"{self._mathml.doprint(d[n])}</td><td>"
                   f"{'' if at.get(n) is None else format(at[n], '.4g')}</td></tr>"
                   for n in names)
        out.append("</tbody></table>")
        bars = [(n, v) for n, v in at.items() if v is not None]
        if bars:
            out.append(f'<figure class="symflux-figure">{bar_chart_svg(bars)}'
                       "<figcaption>Control coefficients at the first validation point"
                       "</figcaption></figure>")
        return out

    def _drawings(self, d, values) -> list[str]:
        out = []
        if isinstance(d.model, nx.Graph) and d.model.number_of_nodes():
            caption = "The network" + (", with rate labels" if d.kind == "kinetic" else "")
            if self._settings["fluxes"] and d.kind == "kinetic":
                caption += ("; red arrows: net steady-state fluxes at the first validation "
                            "point, width proportional to the flux")
            try:
                svg = network_svg(d.model, self._settings["fluxes"] if d.kind == "kinetic"
                                  else None)
            except Exception as err:  # a drawing must not cost the rest of the report
                svg = f"<p>(network not drawn: {escape(str(err))})</p>"
            out.append(f"<figure>{svg}<figcaption>{escape(caption)}.</figcaption></figure>")
        model = d.model
        if d.kind == "path" and hasattr(model, "span") and hasattr(model, "position"):
            svg = path_svg(model.position, model.span, model.end_values,
                           label=str(getattr(model, "variable", "c")))
            out.append(f"<figure>{svg}<figcaption>The path and the values held at its "
                       "ends.</figcaption></figure>")
        for name, (x, low, high) in self._profiles(d).items():
            svg = profile_svg(d[name], x, float(low), float(high), values, label=name)
            out.append(f"<figure>{svg}<figcaption>{escape(name)} along the path.</figcaption>"
                       "</figure>")
        return out

    def _profiles(self, d) -> dict:
        if self._settings["profiles"] is not None:
            return dict(self._settings["profiles"])
        if d.kind not in ("path", "transport"):
            return {}
        out = {}
        # A path model knows its position variable and span; otherwise guess x on [0, L].
        position = getattr(d.model, "position", None)
        span = getattr(d.model, "span", None)
        for name, expr in d.results.items():
            if isinstance(expr, sympy.Expr):
                xs = [s for s in expr.free_symbols
                      if (s == position if position is not None else s.name == "x")]
                if xs and span is not None:
                    out[name] = (xs[0], span[0], span[1])
                elif xs:
                    length = next((s for s in d.parameters if s.name == "L"), None)
                    out[name] = (xs[0], 0.0, length if length is not None else 1.0)
        # A symbolic upper end (L) takes its value at the drawing's point, or 1.
        values = {str(k): v for k, v in (self._values(d) or {}).items()}
        def end(value):
            if isinstance(value, sympy.Symbol):
                return float(values.get(str(value), 1.0))
            if isinstance(value, sympy.Basic) and value.free_symbols:
                return float(value.subs({s: values.get(str(s), 1.0) for s in value.free_symbols}))
            return float(value)

        return {n: (x, end(lo), end(hi)) for n, (x, lo, hi) in out.items()}

    def _print_Derivation(self, d) -> str:
        s = self._settings
        values = self._values(d)
        out = [f"<h1>{escape(d.title)}</h1>"]
        if s["source"]:
            out.append(f'<p class="source">Source: {escape(s["source"])}</p>')
        out.append("<h2>Results</h2>")
        for name, expr in d.results.items():
            out.extend(self._result(d, name, expr))
        if s["expected"]:
            out.append("<h2>Expected answers</h2><table><thead><tr><th>result</th>"
                       "<th>verdict</th></tr></thead><tbody>")
            out.extend(f"<tr><td>{self._mathml.doprint(c.name)}</td><td>"
                       + (_status(True).replace("ok", "matches the derived result") if c.equal
                          else _status(False).replace("FAILED", "MISMATCH: " + escape(c.note)))
                       + "</td></tr>" for c in s["expected"])
            out.append("</tbody></table>")
        out.extend(self._control_section(d, values))
        drawings = self._drawings(d, values)
        if drawings:
            out.append("<h2>Model</h2>")
            out.extend(drawings)
        if s["steps"] and d.steps:
            out.append('<h2>Derivation</h2><ol class="steps">')
            out.extend(f"<li>{self._print_Step(step)}</li>" for step in d.steps)
            out.append("</ol>")
        rows = self._latex.symbol_rows(d)
        if rows:
            out.append("<h2>Symbols</h2><table><thead><tr><th>symbol</th><th>meaning</th>"
                       "<th>unit</th></tr></thead><tbody>")
            symbols = {self._latex._tex(sym): sym for sym in {*d.symbols, *d.parameters}}
            out.extend(f"<tr><td>{self._mathml.doprint(symbols.get(tex, sympy.Symbol(tex)))}"
                       f"</td><td>{escape(desc)}</td><td>{escape(unit)}</td></tr>"
                       for tex, desc, unit in rows)
            out.append("</tbody></table>")
        if d.assumptions:
            out.append("<h2>Assumptions</h2><ul>")
            out.extend(f"<li>{escape(a)}</li>" for a in d.assumptions)
            out.append("</ul>")
        if s["validation"] is not None:
            out.append("<h2>Validation</h2>")
            out.append(self._print(s["validation"]))
        body = "\n".join(out)
        if not s["full_page"]:
            return fragment(body)
        return page(d.title, body)


def fragment(body: str) -> str:
    """``body`` in a ``<div class="symflux-report">`` with the scoped style sheet, for
    embedding in another page (a Jupyter cell).

    >>> fragment("<p>x</p>").startswith('<div class="symflux-report"><style>')
    True
    """
    return f'<div class="symflux-report"><style>{STYLE}</style>\n{body}\n</div>'


def page(title: str, body: str) -> str:
    """A complete HTML document around ``body``: the body rules, then the report style
    sheet, which applies because the body carries the class ``symflux-report``."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n<style>{PAGE_STYLE}{STYLE}</style>\n</head>\n"
            f"<body class=\"symflux-report\">\n{body}\n"
            "<footer><p class=\"source\">Rendered by symflux.</p></footer>\n</body>\n</html>\n")
