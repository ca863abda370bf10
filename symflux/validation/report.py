"""The records of a validation: a check per result and route, a verdict per result.

A result ends *validated* (at least one independent route agreed at every point
drawn, and its compact twin, if any, is identical to it), *failed* (a route
disagreed, or the compact twin differs), or *not validated* (no route computes it,
or none converged everywhere; the reason says which). A report's ``status`` is
``"passed"`` only when every result is validated, ``"failed"`` when any failed,
``"incomplete"`` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["VERDICTS", "ResultCheck", "ResultVerdict", "ValidationReport"]

VALIDATED, FAILED, NOT_VALIDATED = "validated", "failed", "not validated"
VERDICTS = (VALIDATED, FAILED, NOT_VALIDATED)


@dataclass(frozen=True)
class ResultCheck:
    """How one result fared on one route (or on ``"identity"``: results ≡ compact).

    ``max_rel_error`` is the largest relative error over the points the route
    computed; for a statistical route ``max_z_score`` is the largest
    ``|closed − estimate| / stderr`` and ``tolerance`` the largest accepted z-score.
    ``unconverged`` counts points where the solver gave up; ``precision`` says what
    decided (``"double"``, or ``"mpmath 50 digits"`` when a disagreement in double
    precision was re-evaluated).
    """

    name: str
    route: str
    max_rel_error: float | None
    points: int
    tolerance: float
    note: str = ""
    max_z_score: float | None = None
    unconverged: int = 0
    precision: str = "double"

    @property
    def passed(self) -> bool | None:
        """True or False; None when the route could not compute this quantity."""
        if self.max_z_score is not None:
            return self.max_z_score <= self.tolerance
        if self.max_rel_error is None:
            return None
        return self.max_rel_error <= self.tolerance


@dataclass(frozen=True)
class ResultVerdict:
    """The verdict on one result, with the reason and the routes that agreed."""

    name: str
    verdict: str
    reason: str = ""
    routes: tuple[str, ...] = ()


@dataclass(frozen=True, repr=False)
class ValidationReport:
    """The outcome of :func:`symflux.validate`: checks, one verdict per result, sampling.

    ``points`` is the number of points asked for, ``accepted`` how many were used,
    ``rejected`` how many draws violated a condition the Derivation records. Its
    ``repr`` is one line; a notebook shows it as a table (``_repr_html_``,
    ``_repr_markdown_``), ``str`` gives the full text.

    >>> r = ValidationReport("decay", (), seed=0, points=3, accepted=3,
    ...                      verdicts=(ResultVerdict("tau", VALIDATED, routes=("linear",)),))
    >>> r
    <ValidationReport 'decay' passed: 1 validated, 0 failed, 0 not validated; 3 points: tau>
    >>> "<table>" in r._repr_html_(), r._repr_markdown_().count("| tau |")
    (True, 1)
    """

    title: str
    checks: tuple[ResultCheck, ...]
    seed: int
    points: int
    verdicts: tuple[ResultVerdict, ...] = ()
    accepted: int = 0
    rejected: int = 0
    first_point: Mapping = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "first_point", MappingProxyType(dict(self.first_point)))
        bad = [v.verdict for v in self.verdicts if v.verdict not in VERDICTS]
        if bad:
            raise ValueError(f"unknown verdicts {bad}; use one of {VERDICTS}")

    @property
    def status(self) -> str:
        """``"passed"``, ``"failed"`` or ``"incomplete"``."""
        kinds = {v.verdict for v in self.verdicts}
        if FAILED in kinds:
            return "failed"
        if kinds == {VALIDATED}:
            return "passed"
        return "incomplete"

    @property
    def passed(self) -> bool:
        """Every result validated: ``status == "passed"``."""
        return self.status == "passed"

    def verdict(self, name: str) -> ResultVerdict:
        """The verdict on result ``name``."""
        for v in self.verdicts:
            if v.name == name:
                return v
        raise KeyError(f"no result {name!r} in this report; results: "
                       + ", ".join(v.name for v in self.verdicts))

    @property
    def max_rel_error(self) -> dict[str, float]:
        """Largest relative error per result over all routes that ran."""
        out: dict[str, float] = {}
        for c in self.checks:
            if c.max_rel_error is not None and c.route != "identity":
                out[c.name] = max(out.get(c.name, 0.0), c.max_rel_error)
        return out

    @property
    def max_z_score(self) -> dict[str, float]:
        """Largest z-score per result over the statistical routes that ran."""
        out: dict[str, float] = {}
        for c in self.checks:
            if c.max_z_score is not None:
                out[c.name] = max(out.get(c.name, 0.0), c.max_z_score)
        return out

    def failures(self) -> list[ResultCheck]:
        """The checks that failed."""
        return [c for c in self.checks if c.passed is False]

    def __repr__(self) -> str:
        from symflux.report.records import validation_repr  # report/ renders

        return validation_repr(self)

    def _repr_html_(self) -> str:
        from symflux.report.records import validation_html

        return validation_html(self)

    def _repr_markdown_(self) -> str:
        from symflux.report.records import validation_markdown

        return validation_markdown(self)

    def __str__(self) -> str:
        lines = [f"Validation of {self.title!r}: {self.accepted} of {self.points} random points"
                 f" used ({self.rejected} draws rejected by recorded conditions), seed "
                 f"{self.seed}"]
        for c in self.checks:
            if c.max_rel_error is None:
                status, err = "—", "—"
            else:
                status, err = ("ok" if c.passed else "FAILED"), f"{c.max_rel_error:.1e}"
            z = (f"  max |z| {c.max_z_score:.2f} (≤ {c.tolerance:g})"
                 if c.max_z_score is not None else "")
            extra = [c.note] if c.note else []
            if c.precision != "double":
                extra.append(f"decided in {c.precision}")
            lines.append(f"  {c.name:<16} {c.route:<10} max rel. error {err:>8}{z}  {status}"
                         + (f"  ({'; '.join(extra)})" if extra else ""))
        for v in self.verdicts:
            how = f" by {', '.join(v.routes)}" if v.routes else ""
            lines.append(f"  {v.name}: {v.verdict.upper() if v.verdict == FAILED else v.verdict}"
                         f"{how}" + (f" — {v.reason}" if v.reason else ""))
        lines.append(f"  {self.status.upper() if self.status == 'failed' else self.status}")
        return "\n".join(lines)
