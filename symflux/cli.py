"""The ``symflux`` command.

``symflux derive PATH`` derives every problem at PATH (a problem file or a folder of
them), compares the results with the expected answers, validates them against
independent numerics, prints it all and exits non-zero if anything failed.
``symflux report PATH -o DIR`` does the same and writes DIR/index.html with one
HTML page, one standalone .tex and one .mathml file per problem.

``symflux check PATH`` does the same through the answer checker (every expected answer
gets a verdict code, and equality is confirmed symbolically where it can be);
``symflux check FILE --answer NAME='LATEX'`` checks typed answers and says why one is wrong.

Exit codes: 0 everything right (or passed); 1 a wrong answer or a failed problem; 2 a usage
or input error (bad arguments, a problem file that does not load); 3 a typed answer that
does not parse; 4 an internal error (a bug: rerun with --debug and report it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from symflux.progress import progress_to

__all__ = ["main"]


class _Terminal:
    """A text stream that shows control characters escaped: text from problem files (a
    title with a terminal escape sequence) never reaches the terminal raw."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        from symflux.report.escape import terminal_text

        return self._stream.write(terminal_text(text))

    def flush(self) -> None:
        self._stream.flush()


def _seconds(text: str) -> float:
    from symflux.limits import limit

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= limit("time_budget"):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a number of seconds > 0 and at most the limit time_budget = "
            f"{limit('time_budget'):g}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"{text!r}: a seed is an integer from 0 to 2**32 - 1")
    return value


def _jobs(text: str) -> int:
    from symflux.problems.parallel import MAX_JOBS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if not 1 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a number of worker processes from 1 to {MAX_JOBS}")
    return value


def _print_outcome(outcome, out, full: bool = False) -> None:
    from symflux.report.cut import cut_expression

    p = outcome.problem
    v = outcome.validation
    status = ("FAILED" if _failed(outcome) else
              "incomplete" if v is not None and v.status == "incomplete" else "ok")
    print(f"== {p.title} [{status}]", file=out)
    if p.path is not None:
        print(f"   file:   {p.path}", file=out)
    if p.source:
        print(f"   source: {p.source}", file=out)
    if outcome.error:
        print(f"   error:  {outcome.error}", file=out)
        return
    for name, expr in outcome.derivation.results.items():
        print(f"   {name} = {expr if full else cut_expression(expr)}", file=out)
    for c in outcome.comparisons:
        verdict = "matches the expected answer" if c.equal else f"MISMATCH: {c.note}"
        print(f"   expect {c.name}: {verdict}", file=out)
    if outcome.validation is not None:
        _print_validation(outcome.validation, out)


def _print_validation(v, out) -> None:
    errors = v.max_rel_error
    worst = max(errors.values()) if errors else float("nan")
    status = {"passed": "passed", "failed": "FAILED",
              "incomplete": "INCOMPLETE (some results could not be checked)"}[v.status]
    print(f"   validation: {status}; {v.accepted} random points ({v.rejected} draws rejected "
          f"by recorded conditions), worst relative error {worst:.1e}", file=out)
    for verdict in v.verdicts:
        how = f" by {', '.join(verdict.routes)}" if verdict.routes else ""
        word = verdict.verdict.upper() if verdict.verdict == "failed" else verdict.verdict
        print(f"     {verdict.name}: {word}{how}"
              + (f" — {verdict.reason}" if verdict.reason else ""), file=out)


def _failed(outcome) -> bool:
    """Failed: an error, a mismatched answer or a failed validation (incomplete is not)."""
    v = outcome.validation
    return bool(outcome.error or not all(c.equal for c in outcome.comparisons)
                or (v is not None and v.status == "failed"))


def _derive(args, out) -> int:
    from symflux.problems import problem_files, run_problem

    failed = incomplete = 0
    files = [f for path in args.paths for f in problem_files(path)]
    for i, path in enumerate(files, start=1):
        if len(files) > 1:
            print(f"[{i}/{len(files)}]", end=" ", file=out)
        outcome = run_problem(path, validate=not args.no_validate, seed=args.seed)
        _print_outcome(outcome, out, full=args.full)
        failed += _failed(outcome)
        v = outcome.validation
        incomplete += v is not None and v.status == "incomplete"
    print(f"{len(files) - failed} of {len(files)} problems passed"
          + (f"; validation incomplete for {incomplete} (results no route computes)"
             if incomplete else ""), file=out)
    return 1 if failed else 0


def _format_example(example) -> str:
    point = ", ".join(f"{k}={_short(v)}" for k, v in example["point"].items())
    return (f"at {point}: expected {_short(example['expected'])}, "
            f"yours {_short(example['answer'])}")


def _short(value) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _check_answers(args, out) -> int:
    import json

    from symflux.errors import CheckError
    from symflux.problems import derive_problem, load_problem, problem_files

    files = [f for path in args.paths for f in problem_files(path)]
    if len(files) != 1:
        raise CheckError(f"--answer needs exactly one problem file, got {len(files)}")
    problem = load_problem(files[0])
    d = derive_problem(problem)
    results = []
    for item in args.answer:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise CheckError(f"--answer {item!r}: write NAME=ANSWER, e.g. J='\\frac{{a}}{{b}}'")
        results.append(d.check(name.strip(), text, symbols=problem.declared(),
                               time_limit=args.time_limit))
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=2), file=out)
    else:
        for r in results:
            verdict = "right" if r.equal else f"WRONG [{r.code}]"
            if r.code == "parse_error":
                verdict = "NOT READ [parse_error]"
            print(f"{r.name}: {verdict}: {r.message}", file=out)
            if r.counterexample:
                print(f"   counterexample {_format_example(r.counterexample)}", file=out)
    if any(r.code == "parse_error" for r in results):
        return 3
    return 0 if all(r.equal for r in results) else 1


def _check_bank(args, out) -> int:
    import json

    from symflux.checking.check import dimension_problems
    from symflux.problems import problem_files, run_problem

    failed, records = 0, []
    files = [f for path in args.paths for f in problem_files(path)]
    for path in files:
        outcome = run_problem(path, validate=not args.no_validate, prove=True)
        units = {} if outcome.derivation is None else dimension_problems(outcome.derivation)
        passed = not _failed(outcome) and not units
        failed += not passed
        v = outcome.validation
        records.append({
            "file": str(path), "title": outcome.problem.title, "passed": passed,
            "error": outcome.error, "dimension_problems": units,
            "answers": [c.result.to_dict() if c.result is not None else
                        {"name": c.name, "equal": c.equal, "message": c.note}
                        for c in outcome.comparisons],
            "validation": None if v is None else {
                "passed": v.passed, "status": v.status, "max_rel_error": v.max_rel_error,
                "verdicts": {x.name: x.verdict for x in v.verdicts}},
        })
        if args.json:
            continue
        print(f"== {outcome.problem.title} [{'ok' if passed else 'FAILED'}] ({path})", file=out)
        for name, why in units.items():
            print(f"   units of {name}: INCONSISTENT: {why}", file=out)
        if outcome.error:
            print(f"   error: {outcome.error}", file=out)
        for c in outcome.comparisons:
            r = c.result
            text = f"[{r.code}, {r.method or '-'}] {r.message}" if r is not None else c.note
            print(f"   expect {c.name}: {text}", file=out)
            if r is not None and r.counterexample:
                print(f"      counterexample {_format_example(r.counterexample)}", file=out)
        if v is not None:
            _print_validation(v, out)
    if args.json:
        print(json.dumps(records, indent=2), file=out)
    else:
        print(f"{len(files) - failed} of {len(files)} problems passed", file=out)
    return 1 if failed else 0


def _run(args, out, err) -> int:
    if args.command == "derive":
        return _derive(args, out)
    if args.command == "report":
        from symflux.problems.site import main_report

        return main_report(args, err)
    if args.command == "check" and args.answer:
        return _check_answers(args, out)
    if args.command == "check":
        return _check_bank(args, out)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``symflux`` command."""
    from symflux import __version__
    from symflux.errors import SymfluxError

    parser = argparse.ArgumentParser(prog="symflux", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"symflux {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    derive = sub.add_parser("derive", help="derive, compare and validate problem files")
    derive.add_argument("paths", nargs="+", help="problem files or folders of them")
    derive.add_argument("--no-validate", action="store_true", help="skip numerical validation")
    derive.add_argument("--seed", type=_seed, default=0, help="seed of the validation points")
    derive.add_argument("--full", action="store_true",
                        help="print every result whole (long ones are cut to about 300 "
                        "characters at a term boundary by default)")
    report = sub.add_parser("report", help="write HTML, LaTeX and MathML reports of problem files")
    report.add_argument("paths", nargs="+", help="problem files or folders of them")
    report.add_argument("-o", "--output", required=True, help="folder to write the report in")
    report.add_argument("--no-validate", action="store_true", help="skip numerical validation")
    report.add_argument("--seed", type=_seed, default=0, help="seed of the validation points")
    report.add_argument("--force", action="store_true",
                        help="replace files in the folder that symflux did not write")
    report.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                        help="worker processes, 1 to 64 (default 1); the report is the same")
    checker = sub.add_parser("check", help="check expected or typed answers of problem files")
    checker.add_argument("paths", nargs="+", help="problem files or folders of them")
    checker.add_argument("--answer", action="append", default=[], metavar="NAME=ANSWER",
                         help="a typed answer (LaTeX or text) to check; repeatable")
    checker.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    checker.add_argument("--no-validate", action="store_true",
                         help="skip numerical validation")
    checker.add_argument("--time-limit", type=_seconds, default=10.0,
                         help="seconds allowed per answer (default 10)")
    for command in (derive, report, checker):
        command.add_argument("--debug", action="store_true",
                             help="show the Python traceback of an error")
    args = parser.parse_args(argv)
    out, err = _Terminal(sys.stdout), _Terminal(sys.stderr)
    try:
        with progress_to(err):  # a line on stderr for any step that runs over 2 s
            return _run(args, out, err)
    except SymfluxError as error:
        if args.debug:
            raise
        print(f"symflux: {error}", file=err)
        return 2
    except Exception as error:  # never a raw traceback, unless asked for
        if args.debug:
            raise
        print(f"symflux: internal error ({type(error).__name__}: {error}); rerun with --debug "
              "for the traceback and please report it", file=err)
        return 4


if __name__ == "__main__":
    sys.exit(main())
