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
['.symflux-report', 'index.html', 'two_state_channel.html', 'two_state_channel.mathml',
 'two_state_channel.tex']
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from symflux.errors import ReportError
from symflux.numerics.linear import drawing_fluxes
from symflux.problems.loader import problem_files
from symflux.problems.output import OutputFolder
from symflux.problems.runner import run_problem
from symflux.progress import begin_line, end_line, progress_to, step, task
from symflux.report.escape import html_attr, relative_href, terminal_text
from symflux.report.escape import html_text as escape
from symflux.report.html import HtmlPrinter, page
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


def _write_problem(outcome, folder: OutputFolder, stem: str) -> None:
    d, p = outcome.derivation, outcome.problem
    common = {"validation": outcome.validation, "expected": outcome.comparisons,
              "source": p.source or None}
    # Drawn at the first point the validation used (the problem file's [validate] table)
    fluxes = (drawing_fluxes(d.model, outcome.validation.first_point)
              if outcome.validation is not None and d.kind == "kinetic" else None)
    pages = {
        f"{stem}.html": HtmlPrinter({**common, "fluxes": fluxes}).doprint(d),
        f"{stem}.tex": LatexPrinter({**common, "standalone": True}).doprint(d),
        f"{stem}.mathml": '<?xml version="1.0" encoding="UTF-8"?>\n'
                          + MathMLPrinter().doprint(d) + "\n",
    }
    for name, text in pages.items():  # rendered whole first: a failure writes nothing
        folder.write(name, text)


def page_stems(files: Iterable[Path]) -> list[str]:
    """One distinct, safe page name per problem file: the file stem with characters other
    than letters, digits, ``-`` and ``_`` replaced, ``index`` renamed, clashes numbered.

    >>> page_stems([Path("a/p.toml"), Path("b/p.toml"), Path("index.toml"), Path("x y.toml")])
    ['p', 'p-2', 'index-problem', 'x_y']
    """
    stems, taken = [], {"index"}
    for f in files:
        stem = re.sub(r"[^A-Za-z0-9_-]", "_", Path(f).stem)[:80].strip("-") or "problem"
        if stem.lower() == "index":
            stem = "index-problem"
        base, n = stem, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        stems.append(stem)
    return stems


def write_report(paths: Iterable[str | Path], out: str | Path, validate: bool = True,
                 seed: int = 0, progress: TextIO | None = None, force: bool = False) -> list:
    """Derive, compare, validate and render every problem at ``paths`` into ``out``.

    Parameters
    ----------
    paths : iterable of str or Path
        Problem files or folders of them.
    out : str or Path
        The folder to write (created if missing). Files in it that an earlier report did
        not write (see :class:`OutputFolder`) are never replaced unless ``force``;
        symbolic links are replaced, never followed.
    validate : bool
        Run the numerical validation of each problem.
    seed : int
        Seed of the validation points.
    progress : text stream, optional
        Where to report progress (default: nothing): one line per problem, and a line for
        any step that runs over 2 s (see :mod:`symflux.progress`).
    force : bool
        Replace files of the folder that symflux did not write.

    Returns
    -------
    list of symflux.problems.Outcome
        One per problem file, in order; ``outcome.passed`` says how it went.

    Raises
    ------
    ReportError
        ``out`` is a file or below one, or holds files symflux did not write.
    """
    files = [f for path in paths for f in problem_files(path)]
    stems = page_stems(files)
    folder = OutputFolder(out, force=force)
    folder.claim(["index.html", *(f"{s}{ext}" for s in stems
                                  for ext in (".html", ".tex", ".mathml"))])
    with progress_to(progress):
        outcomes, rows = _run_all(files, stems, folder, validate, seed, progress)
    passed = sum(o.passed for o in outcomes)
    incomplete = sum(_incomplete(o) for o in outcomes)
    body = (f"<h1>symflux report</h1>\n<p>{passed} of {len(outcomes)} problems passed"
            + (f"; {incomplete} validated incompletely (a result no numerical route "
               "computes)" if incomplete else "") + ".</p>\n"
            "<table><thead><tr><th>problem</th><th>kind</th><th>status</th>"
            "<th>expected answers</th><th>validation</th></tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>")
    folder.write("index.html", page("symflux report", body))
    return outcomes


def _run_all(files, stems, folder, validate, seed, progress) -> tuple[list, list]:
    """Run and render each problem in turn: the outcomes and the index rows."""
    outcomes, rows = [], []
    for i, (path, stem) in enumerate(zip(files, stems, strict=True), start=1):
        begin_line(f"[{i}/{len(files)}] {terminal_text(path)}", progress)
        outcome = run_problem(path, validate=validate, seed=seed)
        if outcome.derivation is not None:
            try:
                with task(Path(path).name), step("rendering the pages"):
                    _write_problem(outcome, folder, stem)
            except ReportError:
                raise
            except Exception as err:  # one unrenderable problem must not stop the others
                outcome = replace(outcome, error=f"rendering failed: {type(err).__name__}: "
                                                 f"{err}")
        outcomes.append(outcome)
        end_line({"passed": "ok", "incomplete": "incomplete"}.get(outcome.status, "FAILED"),
                 progress)
        rows.append(_index_row(outcome, stem))
    return outcomes, rows


def _index_row(outcome, stem: str) -> str:
    status, expect, valid = _status_cells(outcome)
    title = escape(str(outcome.problem.title))
    link = (f'<a href="{html_attr(relative_href(stem + ".html"))}">{title}</a> '
            f'<small>(<a href="{html_attr(relative_href(stem + ".tex"))}">tex</a>, '
            f'<a href="{html_attr(relative_href(stem + ".mathml"))}">mathml</a>)</small>'
            if outcome.derivation is not None and not outcome.error else title)
    return (f"<tr><td>{link}</td><td>{escape(str(outcome.problem.kind))}</td>"
            f"<td>{status}</td><td>{expect}</td><td>{valid}</td></tr>")


def main_report(args, err: TextIO = sys.stderr) -> int:
    """The ``symflux report`` command: write the folder; exit 1 if any problem failed
    (an incomplete one, right but not wholly validated, is said, not failed)."""
    outcomes = write_report(args.paths, args.output, validate=not args.no_validate,
                            seed=args.seed, progress=err, force=getattr(args, "force", False))
    counts = {s: sum(o.status == s for o in outcomes) for s in ("passed", "incomplete", "failed")}
    incomplete = (f", {counts['incomplete']} incomplete (right, but some result has no "
                  "independent numerical route)" if counts["incomplete"] else "")
    print(f"{counts['passed']} of {len(outcomes)} problems passed{incomplete}, "
          f"{counts['failed']} failed; report in "
          f"{terminal_text(Path(args.output) / 'index.html')}", file=err)
    return 1 if counts["failed"] else 0
