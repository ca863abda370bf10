r"""Rich displays of the records: a ValidationReport or a CheckResult as an HTML or a
Markdown table, and the one-line ``repr`` of a Derivation, a ValidationReport and a
CheckResult.

The records call these lazily from ``_repr_html_``, ``_repr_markdown_`` and ``__repr__``
(Jupyter shows the first it can). Titles, names, reasons and messages are free text: each
is escaped for its format (:mod:`symflux.report.escape`), and a Markdown table cell is
kept on one line. An HTML table comes in the same scoped ``<div class="symflux-report">``
as a Derivation's fragment (:func:`symflux.report.html.fragment`).

Examples
--------
>>> from symflux.validation.report import ResultVerdict, ValidationReport
>>> r = ValidationReport("a|b", (), seed=0, points=3, accepted=3, verdicts=(
...     ResultVerdict("x_1", "validated", routes=("linear",)),))
>>> print(validation_markdown(r))
**Validation of a\|b**: passed; 3 points accepted, 0 rejected; seed 0
<BLANKLINE>
| result | verdict | routes | max. rel. error | reason |
| --- | --- | --- | --- | --- |
| x\_1 | validated | linear | — |  |
>>> validation_repr(r)
"<ValidationReport 'a|b' passed: 1 validated, 0 failed, 0 not validated; 3 points: x_1>"
"""

from __future__ import annotations

from symflux.report.escape import html_text, markdown_text
from symflux.report.html import fragment, verdict_badge

__all__ = [
    "check_html",
    "check_markdown",
    "check_repr",
    "check_verdict",
    "derivation_repr",
    "record_repr",
    "validation_html",
    "validation_markdown",
    "validation_repr",
]

_TITLE, _SUMMARY, _NAME, _TAIL, _SHOWN, _WIDTH = 48, 72, 24, 24, 4, 196


def _cut(text, width: int) -> str:
    """``text`` on one line (control characters escaped, as ``repr`` does), at most
    ``width`` characters."""
    line = repr(str(text))[1:-1]
    return line if len(line) <= width else line[:width - 1] + "…"


def _quoted(text, width: int) -> str:
    """``repr(text)``, cut to ``width`` characters within its quotes."""
    line = repr(str(text))
    return line if len(line) <= width + 2 else line[:width] + "…" + line[-1]


def _elided(names: list[str]):
    """Shorter and shorter selections of ``names``: the first three and the last, the first
    and the last, an ellipsis, nothing."""
    yield names if len(names) <= _SHOWN else [*names[:_SHOWN - 1], "…", names[-1]]
    if len(names) > 2:
        yield [names[0], "…", names[-1]]
    if names:
        yield ["…"]


def record_repr(kind: str, title, summary: str = "", names=(), tail: str = "") -> str:
    r"""``<kind 'title' summary: a, b, c, …, z tail>`` on one line of at most 196 characters:
    the title is cut to 48 characters, the summary to 72, each name to 24, and names are
    left out (first three and last, then first and last) until the line fits.

    >>> record_repr("Problem", "two\nlines", "kinetic", [f"w_{i}" for i in range(9)])
    "<Problem 'two\\nlines' kinetic: w_0, w_1, w_2, …, w_8>"
    >>> len(record_repr("Problem", "t" * 500, "s" * 500, ["n" * 500] * 500, "x" * 500)) < 200
    True
    """
    head = f"<{kind} {_quoted(title, _TITLE)}" + (f" {_cut(summary, _SUMMARY)}" if summary
                                                  else "")
    tail = _cut(tail, _TAIL) if tail else ""
    line = head + (f": {tail}>" if tail else ">")
    for shown in _elided([_cut(n, _NAME) for n in names]):
        rest = " ".join(part for part in (", ".join(shown), tail) if part)
        if rest and len(head) + len(rest) + 3 <= _WIDTH:
            return f"{head}: {rest}>"
    return line


def derivation_repr(d) -> str:
    r"""One line: title, kind, result names (elided) and their number.

    >>> from symflux.derivation import Derivation
    >>> derivation_repr(Derivation("decay\nrate", "kinetic", None))
    "<Derivation 'decay\\nrate' kinetic: (0 results)>"
    """
    n = len(d.results)
    return record_repr("Derivation", d.title, _cut(d.kind, _NAME), list(d.results),
                       f"({n} result{'' if n == 1 else 's'})")


def validation_repr(report) -> str:
    """One line: title, status, verdict counts, points used and the result names."""
    counts = [sum(v.verdict == kind for v in report.verdicts)
              for kind in ("validated", "failed", "not validated")]
    return record_repr("ValidationReport", report.title,
                       f"{report.status}: {counts[0]} validated, {counts[1]} failed, "
                       f"{counts[2]} not validated; {report.accepted} points",
                       [v.name for v in report.verdicts])


def check_verdict(result) -> str:
    """``"right"``, ``"wrong"``, ``"not read"`` (the answer did not parse, or uses a name
    the problem does not define) or ``"undecided"`` (not decided within the time limit)."""
    if result.equal:
        return "right"
    if result.code in ("parse_error", "unknown_symbol"):
        return "not read"
    return "undecided" if result.code == "undecided" else "wrong"


def check_repr(result) -> str:
    """One line: the result checked, the verdict and its code."""
    return record_repr("CheckResult", result.name, check_verdict(result), tail=result.code)


# -- tables ------------------------------------------------------------------------------

def _md(text) -> str:
    """Text for a Markdown table cell: escaped, on one line."""
    return markdown_text(" ".join(str(text).splitlines()))


def _error(name: str, rel: dict, z: dict) -> str:
    out = "—" if name not in rel else f"{rel[name]:.1e}"
    return out + (f" (max |z| {z[name]:.2f})" if name in z else "")


def _validation_rows(report):
    """``(name, verdict, routes, error, reason)`` per result, as plain text."""
    rel, z = report.max_rel_error, report.max_z_score
    for v in report.verdicts:
        yield (v.name, v.verdict, ", ".join(v.routes), _error(v.name, rel, z),
               "" if v.verdict == "validated" else v.reason)


def _header(report) -> tuple[str, str]:
    return (f"Validation of {report.title}", f"{report.accepted} points accepted, "
            f"{report.rejected} rejected; seed {report.seed}")


_VALIDATION_COLUMNS = ("result", "verdict", "routes", "max. rel. error", "reason")


def validation_html(report) -> str:
    """A ValidationReport as a header line and a table, one row per result."""
    title, counts = _header(report)
    rows = "".join(
        f"<tr><td>{html_text(name)}</td><td>{verdict_badge(verdict)}</td>"
        f"<td>{html_text(routes)}</td><td>{html_text(error)}</td>"
        f'<td class="reason">{html_text(reason)}</td></tr>\n'
        for name, verdict, routes, error, reason in _validation_rows(report))
    head = "".join(f"<th>{c}</th>" for c in _VALIDATION_COLUMNS)
    return fragment(f"<p><strong>{html_text(title)}</strong>: {verdict_badge(report.status)};"
                    f" {html_text(counts)}.</p>\n<table><thead><tr>{head}</tr></thead><tbody>\n"
                    f"{rows}</tbody></table>")


def validation_markdown(report) -> str:
    """A ValidationReport as a header line and a GitHub-flavoured Markdown table."""
    title, counts = _header(report)
    bold = {"failed": "**failed**"}
    lines = [f"**{_md(title)}**: {bold.get(report.status, report.status)}; {counts}", "",
             "| " + " | ".join(_VALIDATION_COLUMNS) + " |",
             "| " + " | ".join("---" for _ in _VALIDATION_COLUMNS) + " |"]
    lines += [f"| {_md(name)} | {bold.get(verdict, verdict)} | {_md(routes)} | {_md(error)} | "
              f"{_md(reason)} |" for name, verdict, routes, error, reason
              in _validation_rows(report)]
    return "\n".join(lines)


def _number(value) -> str:
    return "undefined" if value is None else f"{value:.6g}"


def _counterexample(result) -> str | None:
    """The point where a wrong answer differs, in words (plain text), or None."""
    c = result.counterexample
    if not c:
        return None
    point = ", ".join(f"{name} = {_number(v)}" for name, v in dict(c.get("point", {})).items())
    return (f"Counterexample: at {point or 'any point'}: the result is "
            f"{_number(c.get('expected'))}, the answer {_number(c.get('answer'))}.")


_CHECK_COLUMNS = ("result", "verdict", "code", "message")
_CHECK_CSS = {"right": "ok", "wrong": "failed"}


def check_html(result) -> str:
    """A CheckResult as a one-row table (verdict, code, message) and its counterexample.

    >>> from symflux.checking.check import CheckResult
    >>> html = check_html(CheckResult("<b>J</b>", False, "sign", "right up to sign"))
    >>> "&lt;b&gt;J&lt;/b&gt;" in html and '<span class="failed">wrong</span>' in html
    True
    """
    verdict = check_verdict(result)
    head = "".join(f"<th>{c}</th>" for c in _CHECK_COLUMNS)
    extra = _counterexample(result)
    return fragment(
        f"<table><thead><tr>{head}</tr></thead><tbody>\n<tr><td>{html_text(result.name)}</td>"
        f'<td><span class="{_CHECK_CSS.get(verdict, "skipped")}">{verdict}</span></td>'
        f"<td>{html_text(result.code)}</td><td>{html_text(result.message)}</td></tr>\n"
        "</tbody></table>" + (f'\n<p class="reason">{html_text(extra)}</p>' if extra else ""))


def check_markdown(result) -> str:
    r"""A CheckResult as a one-row Markdown table and its counterexample.

    >>> from symflux.checking.check import CheckResult
    >>> print(check_markdown(CheckResult("p_1", True, "equal", "equal (identical)")))
    | result | verdict | code | message |
    | --- | --- | --- | --- |
    | p\_1 | right | equal | equal (identical) |
    """
    verdict = check_verdict(result)
    lines = ["| " + " | ".join(_CHECK_COLUMNS) + " |",
             "| " + " | ".join("---" for _ in _CHECK_COLUMNS) + " |",
             f"| {_md(result.name)} | {'**wrong**' if verdict == 'wrong' else verdict} | "
             f"{_md(result.code)} | {_md(result.message)} |"]
    extra = _counterexample(result)
    return "\n".join(lines + (["", _md(extra)] if extra else []))
