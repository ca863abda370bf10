"""A report folder for a set of problem files: what ``symflux report PATH -o DIR`` writes.

For each problem file: ``<stem>.html`` (the page), ``<stem>.tex`` (a standalone
document) and ``<stem>.mathml`` (the results); and ``index.html`` listing every
problem with its status: expected answers matched, worst validation error, or
the error that stopped it. A problem that fails is reported, never skipped, and
does not stop the others. With ``jobs`` above 1 the problems run in worker processes
(:mod:`symflux.problems.parallel`) and the folder is the same, byte for byte.

Examples
--------
>>> import tempfile, pathlib, symflux
>>> bank = pathlib.Path(symflux.__file__).parents[1] / "derivations"
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> entries = write_report([bank / "two_state_channel.toml"], out, validate=False)
>>> sorted(p.name for p in out.iterdir())
['.symflux-report', 'index.html', 'two_state_channel.html', 'two_state_channel.mathml',
 'two_state_channel.tex']
>>> entries[0].status, entries[0].title
('passed', 'Two-state ion channel: open probability')
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from symflux.errors import ReportError
from symflux.numerics.linear import drawing_fluxes
from symflux.problems.loader import problem_files
from symflux.problems.output import OutputFolder
from symflux.problems.parallel import MAX_JOBS, run_in_processes
from symflux.problems.runner import Outcome, run_problem
from symflux.progress import begin_line, end_line, progress_to, step, task
from symflux.report.escape import html_attr, relative_href, terminal_text
from symflux.report.escape import html_text as escape
from symflux.report.html import HtmlPrinter, page
from symflux.report.latex import LatexPrinter
from symflux.report.mathml import MathMLPrinter

__all__ = ["ReportEntry", "render_problem", "write_report"]

_VERDICTS = ("validated", "failed", "not validated")


@dataclass(frozen=True)
class ReportEntry:
    """What the index and the command say of one problem: plain data, so that a worker
    process can send it (an Outcome's SymPy objects do not survive pickling unchanged).

    ``status`` is :attr:`Outcome.status`; ``validation`` the validation's status (None:
    not run) with ``verdicts`` (count per verdict) and ``worst`` (worst relative error);
    ``linked``: the problem's pages were written.

    >>> ReportEntry("p.toml", "p", "A problem", "kinetic", "incomplete").passed
    False
    """

    path: str
    stem: str
    title: str
    kind: str
    status: str
    error: str | None = None
    matched: int = 0
    compared: int = 0
    validation: str | None = None
    verdicts: tuple[tuple[str, int], ...] = ()
    worst: float | None = None
    linked: bool = False

    @property
    def passed(self) -> bool:
        """Whether the problem's status is ``"passed"``."""
        return self.status == "passed"

    @classmethod
    def from_outcome(cls, outcome: Outcome, path: str | Path, stem: str) -> ReportEntry:
        """The entry of a problem that ran (or failed to load)."""
        v, p = outcome.validation, outcome.problem
        errors = v.max_rel_error if v is not None else {}
        return cls(
            str(path), stem, str(p.title), str(p.kind), outcome.status, outcome.error,
            matched=sum(c.equal for c in outcome.comparisons),
            compared=len(outcome.comparisons),
            validation=None if v is None else v.status,
            verdicts=() if v is None else tuple(
                (k, sum(x.verdict == k for x in v.verdicts)) for k in _VERDICTS),
            worst=max(errors.values()) if errors else None,
            linked=outcome.derivation is not None and not outcome.error)


def _status_cells(entry: ReportEntry) -> tuple[str, str, str]:
    if entry.error:
        return ('<span class="failed">error</span>', "—", escape(entry.error))
    expect = (f"{entry.matched} of {entry.compared} match" if entry.compared
              else "none given")
    if entry.matched < entry.compared:
        expect = f'<span class="failed">{expect}</span>'
    if entry.validation is None:
        valid = "not run"
    else:
        worst = f"{entry.worst:.1e}" if entry.worst is not None else "—"
        css = {"passed": "ok", "failed": "failed"}.get(entry.validation, "skipped")
        valid = (f'<span class="{css}">{entry.validation}</span> ('
                 + ", ".join(f"{n} {k}" for k, n in entry.verdicts if n)
                 + f"), worst rel. error {worst}")
    status = {"passed": '<span class="ok">ok</span>',
              "incomplete": '<span class="skipped">incomplete</span>'}.get(
        entry.status, '<span class="failed">FAILED</span>')
    return status, expect, valid


def _pages(outcome: Outcome, stem: str) -> dict[str, str]:
    d, p = outcome.derivation, outcome.problem
    common = {"validation": outcome.validation, "expected": outcome.comparisons,
              "source": p.source or None}
    # Drawn at the first point the validation used (the problem file's [validate] table)
    fluxes = (drawing_fluxes(d.model, outcome.validation.first_point)
              if outcome.validation is not None and d.kind == "kinetic" else None)
    return {
        f"{stem}.html": HtmlPrinter({**common, "fluxes": fluxes}).doprint(d),
        f"{stem}.tex": LatexPrinter({**common, "standalone": True}).doprint(d),
        f"{stem}.mathml": '<?xml version="1.0" encoding="UTF-8"?>\n'
                          + MathMLPrinter().doprint(d) + "\n",
    }


def render_problem(path: str | Path, stem: str, validate: bool = True,
                   seed: int = 0) -> tuple[dict[str, str], ReportEntry]:
    """Run one problem and render its pages: ``({file name: text}, entry)``.

    Nothing is written and nothing is raised: an error in the problem or its rendering
    is the entry's ``error`` (and there are no pages). Plain data only, so that a worker
    process can return it.

    >>> import symflux, pathlib
    >>> bank = pathlib.Path(symflux.__file__).parents[1] / "derivations"
    >>> pages, entry = render_problem(bank / "two_state_channel.toml", "p", validate=False)
    >>> sorted(pages), entry.status
    (['p.html', 'p.mathml', 'p.tex'], 'passed')
    """
    outcome, pages = run_problem(path, validate=validate, seed=seed), {}
    if outcome.derivation is not None:
        try:
            with task(Path(path).name), step("rendering the pages"):
                pages = _pages(outcome, stem)  # whole, or not at all
        except Exception as err:  # one unrenderable problem must not stop the others
            outcome = replace(outcome, error=f"rendering failed: {type(err).__name__}: "
                                             f"{err}")
    return pages, ReportEntry.from_outcome(outcome, path, stem)


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
                 seed: int = 0, progress: TextIO | None = None, force: bool = False, *,
                 jobs: int = 1) -> list[ReportEntry]:
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
        Seed of the validation points (the same for every problem).
    progress : text stream, optional
        Where to report progress (default: nothing): one line per problem, and a line for
        any step that runs over 2 s (see :mod:`symflux.progress`).
    force : bool
        Replace files of the folder that symflux did not write.
    jobs : int
        Worker processes, 1 (the default: all in this process) to ``MAX_JOBS`` (64).
        Above 1, each worker derives, validates and renders whole problems and this
        process writes the files: the folder is byte for byte the one ``jobs=1`` writes,
        and a problem's line is printed when it completes (so not in order). As with any
        use of :mod:`multiprocessing`, a script that passes ``jobs`` above 1 must call
        this under ``if __name__ == "__main__":`` (workers import the main module).

    Returns
    -------
    list of ReportEntry
        One per problem file, in order; ``entry.status`` (``"passed"``, ``"incomplete"``
        or ``"failed"``) and ``entry.error`` say how it went.

    Raises
    ------
    ReportError
        ``out`` is a file or below one, or holds files symflux did not write; ``jobs``
        is not an integer from 1 to 64.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise ReportError(f"jobs={jobs!r}: give a number of worker processes from 1 to "
                          f"{MAX_JOBS}")
    files = [f for path in paths for f in problem_files(path)]
    stems = page_stems(files)
    folder = OutputFolder(out, force=force)
    folder.claim(["index.html", *(f"{s}{ext}" for s in stems
                                  for ext in (".html", ".tex", ".mathml"))])
    with progress_to(progress):
        entries = _run_all(files, stems, folder, validate, seed, progress, jobs)
    passed = sum(e.passed for e in entries)
    incomplete = sum(e.status == "incomplete" for e in entries)
    body = (f"<h1>symflux report</h1>\n<p>{passed} of {len(entries)} problems passed"
            + (f"; {incomplete} validated incompletely (a result no numerical route "
               "computes)" if incomplete else "") + ".</p>\n"
            "<table><thead><tr><th>problem</th><th>kind</th><th>status</th>"
            "<th>expected answers</th><th>validation</th></tr></thead><tbody>\n"
            + "\n".join(_index_row(e) for e in entries) + "\n</tbody></table>")
    folder.write("index.html", page("symflux report", body))
    return entries


_LINE_END = {"passed": "ok", "incomplete": "incomplete"}


def _run_all(files, stems, folder, validate, seed, progress, jobs) -> list[ReportEntry]:
    """Run, render and write each problem: the entries, in order."""
    entries: list[ReportEntry | None] = [None] * len(files)
    label = [f"[{i}/{len(files)}] {terminal_text(path)}" for i, path in enumerate(files, 1)]

    def done(i: int, pages: dict[str, str], entry: ReportEntry) -> None:
        for name, text in pages.items():
            folder.write(name, text)
        entries[i] = entry
        end_line(_LINE_END.get(entry.status, "FAILED"), progress)

    if jobs == 1 or len(files) < 2:
        for i, (path, stem) in enumerate(zip(files, stems, strict=True)):
            begin_line(label[i], progress)  # before: a long step's lines come under it
            done(i, *render_problem(path, stem, validate, seed))
        return entries

    def finished(i: int, result, error: str | None) -> None:
        begin_line(label[i], progress)  # the whole line at once: the workers interleave
        if error is not None:  # the worker died, or render_problem raised after all
            result = {}, ReportEntry(str(files[i]), stems[i], str(files[i]), "?", "failed",
                                     error)
        done(i, *result)

    tasks = [(f, s, validate, seed) for f, s in zip(files, stems, strict=True)]
    run_in_processes(render_problem, tasks, jobs=jobs, on_done=finished, progress=progress)
    return entries


def _index_row(entry: ReportEntry) -> str:
    status, expect, valid = _status_cells(entry)
    title, stem = escape(entry.title), entry.stem
    link = (f'<a href="{html_attr(relative_href(stem + ".html"))}">{title}</a> '
            f'<small>(<a href="{html_attr(relative_href(stem + ".tex"))}">tex</a>, '
            f'<a href="{html_attr(relative_href(stem + ".mathml"))}">mathml</a>)</small>'
            if entry.linked else title)
    return (f"<tr><td>{link}</td><td>{escape(entry.kind)}</td>"
            f"<td>{status}</td><td>{expect}</td><td>{valid}</td></tr>")


def main_report(args, err: TextIO = sys.stderr) -> int:
    """The ``symflux report`` command: write the folder; exit 1 if any problem failed
    (an incomplete one, right but not wholly validated, is said, not failed)."""
    entries = write_report(args.paths, args.output, validate=not args.no_validate,
                           seed=args.seed, progress=err, force=getattr(args, "force", False),
                           jobs=getattr(args, "jobs", 1))
    counts = {s: sum(e.status == s for e in entries) for s in ("passed", "incomplete", "failed")}
    incomplete = (f", {counts['incomplete']} incomplete (right, but some result has no "
                  "independent numerical route)" if counts["incomplete"] else "")
    print(f"{counts['passed']} of {len(entries)} problems passed{incomplete}, "
          f"{counts['failed']} failed; report in "
          f"{terminal_text(Path(args.output) / 'index.html')}", file=err)
    return 1 if counts["failed"] else 0
