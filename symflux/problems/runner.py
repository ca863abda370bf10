"""Run a problem: derive it, compare with the expected answers, validate, and say how it went."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy

from symflux.derivation import Derivation
from symflux.errors import SymfluxError
from symflux.problems.loader import derive_problem, load_problem
from symflux.problems.problem import Problem
from symflux.progress import step, task

__all__ = ["Comparison", "Outcome", "compare", "run_problem"]


@dataclass(frozen=True, repr=False)
class Comparison:
    """An expected answer against the derived one (``result``: the CheckResult)."""

    name: str
    expected_text: str
    expected: sympy.Expr | None
    derived: sympy.Expr
    equal: bool
    note: str = ""
    result: Any = None

    def __repr__(self) -> str:
        from symflux.report.records import record_repr

        return record_repr("Comparison", self.name, "matches" if self.equal
                           else f"differs: {self.note}")


@dataclass(frozen=True, repr=False)
class Outcome:
    """What became of one problem: derivation, comparisons, validation, or the error."""

    problem: Problem
    derivation: Derivation | None = None
    comparisons: tuple[Comparison, ...] = ()
    validation: Any = None
    error: str | None = None

    def __repr__(self) -> str:
        from symflux.report.records import record_repr

        names = list(self.derivation.results) if self.derivation is not None else ()
        return record_repr("Outcome", self.problem.title, self.status, names)

    @property
    def passed(self) -> bool:
        """Whether the problem derived, every comparison was equal and validation passed."""
        return (
            self.error is None
            and all(c.equal for c in self.comparisons)
            and (self.validation is None or self.validation.passed)
        )

    @property
    def status(self) -> str:
        """``"passed"``; ``"incomplete"`` (answers right, some result has no independent
        route); ``"failed"`` (an error, a wrong expected answer or a failed validation)."""
        if self.passed:
            return "passed"
        if (self.error is None and all(c.equal for c in self.comparisons)
                and self.validation is not None and self.validation.status == "incomplete"):
            return "incomplete"
        return "failed"


def compare(problem: Problem, d: Derivation, prove: bool = False) -> tuple[Comparison, ...]:
    """Each ``[expect]`` answer (LaTeX) checked against the derived result by check()."""
    from symflux.checking.check import check

    out = []
    declared = problem.declared()
    for name, text in problem.expect.items():
        # An equation (a Wegscheider condition) matches the derived ratio Π+/Π−
        # in either orientation; check() knows.
        r = check(d, name, text, symbols=declared, format="latex", prove=prove)
        out.append(Comparison(name, text, r.answer, d[name], r.equal,
                              "" if r.equal else f"{r.code}: {r.message}", r))
    return tuple(out)


def run_problem(problem: Problem | str | Path, validate: bool = True, seed: int = 0,
                prove: bool = False) -> Outcome:
    """Derive, compare with the expected answers and validate one problem.

    Errors in the problem become the Outcome's ``error``; nothing is raised, so one
    bad problem does not stop a run over a whole folder.
    """
    label = problem.path.name if isinstance(problem, Problem) and problem.path \
        else Path(str(problem)).name
    try:
        with task(label):
            return _run(problem, validate, seed, prove)
    except Exception as err:  # reported as the outcome's error, never lost
        if not isinstance(problem, Problem):
            problem = Problem(str(problem), "", "?", {}, {}, path=Path(str(problem)))
        kind = type(err).__name__ if isinstance(err, SymfluxError) else \
            f"internal error ({type(err).__name__}; please report it)"
        return Outcome(problem, error=f"{kind}: {err}")


def _run(problem, validate: bool, seed: int, prove: bool) -> Outcome:
    if not isinstance(problem, Problem):
        problem = load_problem(problem)
    with step("deriving"):
        d = derive_problem(problem)
    with step("checking the expected answers"):
        comparisons = compare(problem, d, prove=prove)
    report = None
    if validate and d.quantities:
        options = {"points": 5, "seed": seed}
        options.update(problem.validate)
        with step(f"validating at {options['points']} points"):
            report = d.validate(**options)
    return Outcome(problem, d, comparisons, report)
