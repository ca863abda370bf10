"""A report folder for a set of problem files: what ``symflux report PATH -o DIR`` writes.

For each problem file: ``<stem>.html`` (the page), ``<stem>.tex`` (a standalone
document) and ``<stem>.mathml`` (the results); and ``index.html`` listing every
problem with its status: expected answers matched, worst validation error, or
the error that stopped it. A problem that fails is reported, never skipped, and
does not stop the others.

Examples
--------
>>> import tempfile, pathlib, symflux
>>> bank = pathlib.Path(symflux.__file__).parents[1] / "derivations"
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> outcomes = write_report([bank / "two_state_channel.toml"], out, validate=False)
>>> sorted(p.name for p in out.iterdir())
['index.html', 'two_state_channel.html', 'two_state_channel.mathml', 'two_state_channel.tex']
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TextIO

from symflux.report.html import HtmlPrinter, page, validation_point
from symflux.report.latex import LatexPrinter
from symflux.report.mathml import MathMLPrinter

__all__ = ["write_report"]


def _status_cells(outcome) -> tuple[str, str, str]:
    if outcome.error:
        return ('<span class="failed">error</span>', "—", escape(outcome.error))
    matched = sum(c.equal for c in outcome.comparisons)
    expect = (f"{matched} of {len(outcome.comparisons)} match" if outcome.comparisons
              else "none given")
    if outcome.comparisons and matched < len(outcome.comparisons):
        expect = f'<span class="failed">{expect}</span>'
    v = outcome.validation
    if v is None:
        valid = "not run"
    else:
        errors = v.max_rel_error
        worst = f"{max(errors.values()):.1e}" if errors else "—"
        counts = {k: sum(x.verdict == k for x in v.verdicts)
                  for k in ("validated", "failed", "not validated")}
        css = {"passed": "ok", "failed": "failed"}.get(v.status, "skipped")
        valid = (f'<span class="{css}">{v.status}</span> ('
                 + ", ".join(f"{n} {k}" for k, n in counts.items() if n)
                 + f"), worst rel. error {worst}")
    status = '<span class="ok">ok</span>' if outcome.passed else \
        '<span class="failed">FAILED</span>'
    if _incomplete(outcome):
        status = '<span class="skipped">incomplete</span>'
    return status, expect, valid


def _incomplete(outcome) -> bool:
    """Right so far, but some result could not be validated (no route computes it)."""
    v = outcome.validation
    return (outcome.error is None and all(c.equal for c in outcome.comparisons)
            and v is not None and v.status == "incomplete")


def _write_problem(outcome, out: Path, stem: str) -> None:
    d, p = outcome.derivation, outcome.problem
    common = {"validation": outcome.validation, "expected": outcome.comparisons,
              "source": p.source or None}
    values = None
    if outcome.validation is not None:
        # Draw the network at the first point the validation used: its options are the
        # problem file's [validate] table.
        options = dict(p.validate)
        values = validation_point(d, outcome.validation, options.get("low", 1e-2),
                                  options.get("high", 1e2), options.get("values"))
    (out / f"{stem}.html").write_text(HtmlPrinter({**common, "values": values}).doprint(d),
                                      encoding="utf-8")
    (out / f"{stem}.tex").write_text(
        LatexPrinter({**common, "standalone": True}).doprint(d), encoding="utf-8")
    (out / f"{stem}.mathml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + MathMLPrinter().doprint(d) + "\n",
        encoding="utf-8")


def write_report(paths: Iterable[str | Path], out: str | Path, validate: bool = True,
                 seed: int = 0, progress: TextIO | None = None) -> list:
    """Derive, compare, validate and render every problem at ``paths`` into ``out``.

    Parameters
    ----------
    paths : iterable of str or Path
        Problem files or folders of them.
    out : str or Path
        The folder to write (created if missing).
    validate : bool
        Run the numerical validation of each problem.
    seed : int
        Seed of the validation points.
    progress : text stream, optional
        Where to report progress, one line per problem (default: nothing).

    Returns
    -------
    list of symflux.problems.Outcome
        One per problem file, in order; ``outcome.passed`` says how it went.
    """
    from symflux.problems import problem_files, run_problem

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = [f for path in paths for f in problem_files(path)]
    outcomes, rows = [], []
    for i, path in enumerate(files, start=1):
        if progress is not None:
            print(f"[{i}/{len(files)}] {path}", end=" ... ", file=progress, flush=True)
        outcome = run_problem(path, validate=validate, seed=seed)
        stem = Path(path).stem
        if outcome.derivation is not None:
            try:
                _write_problem(outcome, out, stem)
            except Exception as err:  # one unrenderable problem must not stop the others
                from dataclasses import replace

                outcome = replace(outcome, error=f"rendering failed: {type(err).__name__}: "
                                                 f"{err}")
        outcomes.append(outcome)
        if progress is not None:
            print("ok" if outcome.passed else "FAILED", file=progress, flush=True)
        status, expect, valid = _status_cells(outcome)
        title = escape(outcome.problem.title)
        link = (f'<a href="{escape(stem)}.html">{title}</a> '
                f'<small>(<a href="{escape(stem)}.tex">tex</a>, '
                f'<a href="{escape(stem)}.mathml">mathml</a>)</small>'
                if outcome.derivation is not None and not outcome.error else title)
        rows.append(f"<tr><td>{link}</td><td>{escape(outcome.problem.kind)}</td>"
                    f"<td>{status}</td><td>{expect}</td><td>{valid}</td></tr>")
    passed = sum(o.passed for o in outcomes)
    incomplete = sum(_incomplete(o) for o in outcomes)
    body = (f"<h1>symflux report</h1>\n<p>{passed} of {len(outcomes)} problems passed"
            + (f"; {incomplete} validated incompletely (a result no numerical route "
               "computes)" if incomplete else "") + ".</p>\n"
            "<table><thead><tr><th>problem</th><th>kind</th><th>status</th>"
            "<th>expected answers</th><th>validation</th></tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>")
    (out / "index.html").write_text(page("symflux report", body), encoding="utf-8")
    return outcomes


def main_report(args, err: TextIO = sys.stderr) -> int:
    """The ``symflux report`` command: write the folder, exit 1 if any problem failed."""
    outcomes = write_report(args.paths, args.output, validate=not args.no_validate,
                            seed=args.seed, progress=err)
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes) - failed} of {len(outcomes)} problems passed; "
          f"report in {Path(args.output) / 'index.html'}", file=err)
    return 1 if failed else 0
