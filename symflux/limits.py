"""The limits on work that input can demand: one table every check reads.

Every input whose size scales the work symflux does (text lengths, term counts,
coefficients, sample counts, simulation lengths, time budgets) is checked up front against
a named limit in :data:`LIMITS`. Exceeding one raises :class:`~symflux.errors.LimitError`
naming the limit, the value found and how to raise it: ``symflux.limits.LIMITS[name] = ...``
(for the whole process) or the keyword of the function concerned, where it has one.
docs/security.md lists them with their defaults.

>>> require("stoichiometric_coefficient", 3, what="coefficient of S")
>>> require("stoichiometric_coefficient", 10**9, what="coefficient of S")
Traceback (most recent call last):
...
symflux.errors.LimitError: coefficient of S is 1000000000, over the limit ...
"""

from __future__ import annotations

from symflux.errors import LimitError

__all__ = ["DEFAULTS", "LIMITS", "limit", "require"]

#: Named defaults, with what they bound. Change :data:`LIMITS`, never this table.
DEFAULTS: dict[str, tuple[float, str]] = {
    "line_length": (2_000, "characters in one transition or reaction line"),
    "expression_length": (2_000, "characters in one rate or expression text"),
    "answer_length": (20_000, "characters in an answer given to check()"),
    "sum_terms": (2_000, "terms of one sum or product in an expression"),
    "expression_nodes": (200_000, "nodes of one SymPy expression given as input"),
    "stoichiometric_coefficient": (1_000, "stoichiometric coefficient of one species"),
    "complex_species": (100, "species in one complex"),
    "states": (5_000, "states of a kinetic scheme / nodes of a network"),
    "transitions": (50_000, "edges of a kinetic scheme, reaction or transport network"),
    "validate_points": (10_000, "sample points of validate(points=...)"),
    "cycles": (100_000, "cycles of one kinetic scheme listed by cycles() and cycle_fluxes() "
                        "(a complete graph of 9 states has 62,814, of 10 states 556,014; "
                        "fundamental_cycles() lists a basis, E - N + 1 of them)"),
    "check_points": (1_000, "sample points of check(points=...)"),
    "simulate_jumps": (100_000_000, "jumps of one simulated trajectory (n_jumps)"),
    "simulate_t_max": (1e12, "simulated duration t_max (jumps are bounded by max_jumps)"),
    "simulate_trajectories": (1_000_000, "trajectories of one simulate_ensemble call"),
    "time_budget": (60.0, "seconds a symbolic step (solve, simplify) may take"),
    "simplify_budget": (10.0, "seconds one simplification may take; past it the plainer "
                               "form is kept"),
    "problem_file_bytes": (1_000_000, "bytes of one problem file"),
    "problem_nesting": (50, "nesting depth of tables and arrays in a problem file"),
}

#: The limits in force, by name; start from :data:`DEFAULTS`.
LIMITS: dict[str, float] = {name: value for name, (value, _) in DEFAULTS.items()}


def limit(name: str) -> float:
    """The limit ``name`` in force (a :class:`LimitError` for an unknown name)."""
    try:
        return LIMITS[name]
    except KeyError:
        raise LimitError(f"no limit named {name!r}; limits are {', '.join(sorted(LIMITS))}",
                         name=name) from None


def require(name: str, value: float, *, what: str, keyword: str | None = None) -> None:
    """Refuse ``value`` when it exceeds the limit ``name``; the message says how to raise it."""
    bound = limit(name)
    if value > bound:
        how = f"pass {keyword}=... or " if keyword else ""
        shown = f"{bound:g}" if isinstance(bound, float) else str(bound)
        raise LimitError(
            f"{what} is {value}, over the limit {name} = {shown} ({DEFAULTS[name][1]}); to "
            f"allow it, {how}set symflux.limits.LIMITS[{name!r}] to a larger value",
            name=name, value=value,
        )
