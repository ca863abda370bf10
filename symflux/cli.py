"""The ``symflux`` command.

``symflux derive PATH`` derives every problem at PATH (a problem file or a folder of
them), compares the results with the expected answers, validates them against
independent numerics, prints it all and exits non-zero if anything failed.
``symflux report PATH -o DIR`` does the same and writes DIR/index.html with one
HTML page, one standalone .tex and one .mathml file per problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import sympy

__all__ = ["main"]


def _print_outcome(outcome, out) -> None:
    p = outcome.problem
    status = "ok" if outcome.passed else "FAILED"
    print(f"== {p.title} [{status}]", file=out)
    if p.path is not None:
        print(f"   file:   {p.path}", file=out)
    if p.source:
        print(f"   source: {p.source}", file=out)
    if outcome.error:
        print(f"   error:  {outcome.error}", file=out)
        return
    d = outcome.derivation
    for name, expr in d.results.items():
        text = sympy.sstr(expr)
        if len(text) > 300:
            text = text[:300] + f" … ({len(sympy.Add.make_args(sympy.numer(expr)))} terms)"
        print(f"   {name} = {text}", file=out)
    for c in outcome.comparisons:
        verdict = "matches the expected answer" if c.equal else f"MISMATCH: {c.note}"
        print(f"   expect {c.name}: {verdict}", file=out)
    if outcome.validation is not None:
        v = outcome.validation
        errors = v.max_rel_error
        worst = max(errors.values()) if errors else float("nan")
        print(f"   validation: {'passed' if v.passed else 'FAILED'}; {len(errors)} results "
              f"against numerics at {v.points} random points, worst relative error "
              f"{worst:.1e}", file=out)
        for check in v.failures():
            print(f"     {check.name} by {check.route}: relative error "
                  f"{check.max_rel_error:.1e} > {check.tolerance:.0e}", file=out)


def _derive(args, out) -> int:
    from symflux.problems import problem_files, run_problem

    failed = 0
    files = [f for path in args.paths for f in problem_files(path)]
    for i, path in enumerate(files, start=1):
        if len(files) > 1:
            print(f"[{i}/{len(files)}]", end=" ", file=out)
        outcome = run_problem(path, validate=not args.no_validate, seed=args.seed)
        _print_outcome(outcome, out)
        failed += not outcome.passed
    print(f"{len(files) - failed} of {len(files)} problems passed", file=out)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``symflux`` command."""
    from symflux.errors import SymfluxError

    parser = argparse.ArgumentParser(prog="symflux", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    derive = sub.add_parser("derive", help="derive, compare and validate problem files")
    derive.add_argument("paths", nargs="+", help="problem files or folders of them")
    derive.add_argument("--no-validate", action="store_true", help="skip numerical validation")
    derive.add_argument("--seed", type=int, default=0, help="seed of the validation points")
    report = sub.add_parser("report", help="write HTML, LaTeX and MathML reports of problem files")
    report.add_argument("paths", nargs="+", help="problem files or folders of them")
    report.add_argument("-o", "--output", required=True, help="folder to write the report in")
    report.add_argument("--no-validate", action="store_true", help="skip numerical validation")
    report.add_argument("--seed", type=int, default=0, help="seed of the validation points")
    args = parser.parse_args(argv)
    try:
        if args.command == "derive":
            return _derive(args, sys.stdout)
        if args.command == "report":
            from symflux.report.site import main_report

            return main_report(args, sys.stderr)
    except SymfluxError as err:
        print(f"symflux: {err}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
