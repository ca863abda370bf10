"""Which numerical routes solve which kind of model: one table, read at a glance.

Each model kind (``"kinetic"``, ``"reactions"``, ``"transport"``, ``"path"``) has one
:class:`ModelRoutes` entry in :data:`MODEL_ROUTES`. The contract of an entry:

1. ``evaluate(model, quantities, values, route, **options) → {name: RouteValue |
   NotComputed}`` computes every quantity it can, at every sample point at once, from
   the model and the parameter values alone. ``values`` maps symbols to arrays of
   shape ``(P,)``; a :class:`~symflux.numerics.outcomes.RouteValue` holds arrays of
   the same shape (value, scale, and for a statistical route a standard error), with
   the points where the solver did not converge flagged. A quantity the route cannot
   compute is a :class:`~symflux.numerics.outcomes.NotComputed` with the reason.
   Route options given to ``validate(route_options=...)`` arrive as keywords.
2. ``defaults``: the routes :func:`symflux.validate` runs when none are asked for.
3. ``routes``: every route the evaluator accepts, each with a one-line description of
   what it computes from (the validation table of docs/validation.md).
4. ``parameters(model)``: every symbol the model needs a value for, so that validation
   samples them all, including ones a particular result does not use.
5. ``initial(model)``: the species that need a random initial amount (mass-action
   models: the time route starts there, and conservation totals follow from it), or
   an empty list.
6. ``only``: routes that compute just some quantity kinds, ``{route: kinds}``. When such
   a route runs, it is handed only those kinds and the other routes are not handed
   them, so no row says a route was not asked what it never computes.

A new model kind is added by writing its evaluator in its own module and one row here.

>>> default_routes("kinetic")
('linear', 'ode')
>>> evaluator("kinetic", "sparkle")
Traceback (most recent call last):
...
symflux.errors.ValidationError: route 'sparkle' does not solve kinetic models; use one of ...
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from symflux.errors import ValidationError
from symflux.numerics import (
    bvp,
    kinetic_quantities,
    mass_action,
    network_structure,
    rate_law_coefficients,
    reaction_quantities,
    resistor_network,
)
from symflux.numerics.modifiers import with_modifiers
from symflux.numerics.outcomes import NotComputed, per_point

__all__ = ["MODEL_ROUTES", "ModelRoutes", "default_routes", "evaluator", "initial_species",
           "model_parameters", "route_options", "routed"]


@dataclass(frozen=True)
class ModelRoutes:
    """The numerical routes of one model kind (see the module docstring for the contract)."""

    evaluate: Callable
    defaults: tuple[str, ...]
    routes: Mapping[str, str]
    parameters: Callable
    initial: Callable
    only: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    #: route → the ``route_options`` keys it reads (a route not listed reads none)
    options: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({}))


def _kinetic(G, quantities, values, route, **options):
    if route == "stochastic":
        return _STOCHASTIC(G, quantities, values, route, **options)
    return kinetic_quantities.evaluate_kinetic_points(G, quantities, values, route, **options)


def _stochastic_one(G, quantities, values, route, **options):
    from symflux.numerics import stochastic_quantities  # simulation only when asked

    return stochastic_quantities.evaluate_stochastic(G, quantities, values, **options)


_STOCHASTIC = per_point(_stochastic_one)


def _network_species(G) -> list:
    return mass_action.network_species(G, ())


def _kinetic_species(G) -> list:
    return _network_species(G) if kinetic_quantities.is_reaction_network(G) else []


def _reactions(G, quantities, values, route, rate="rate", **options):
    if route == "structure":
        return network_structure.evaluate_structure(G, quantities, values, rate, **options)
    if route == "ode":
        summed = {n: q for n, q in quantities.items() if q.kind == "conserved_sum"}
        out = reaction_quantities.evaluate_reactions_points(
            G, {n: q for n, q in quantities.items() if n not in summed}, values, route,
            rate, **options)
        out.update(network_structure.evaluate_structure(G, summed, values, rate, **options))
        return out
    mine = {n: q for n, q in quantities.items() if q.kind in rate_law_coefficients.KINDS}
    out = {n: NotComputed(f"the {route} route computes only an enzyme rate law's "
                          "coefficients") for n in quantities if n not in mine}
    out.update(rate_law_coefficients.evaluate_rate_law_coefficients(
        G, mine, values, rate, options.get("initial")))
    return out


def _none(_model) -> list:
    return []


MODEL_ROUTES = MappingProxyType({
    # The stochastic route is only run on request: it is slow and judged by z-scores.
    "kinetic": ModelRoutes(
        _kinetic, ("linear", "ode"),
        MappingProxyType({
            "linear": "generator from the edge rates; stacked GTH state reduction",
            "svd": "generator; stacked SVD null space, LU determinants for tree sums",
            "ode": "master equation integrated (LSODA or Radau) from a random distribution",
            "stochastic": "Gillespie trajectories; estimates with jackknife errors",
        }),
        kinetic_quantities.rate_symbols, _kinetic_species,
        options=MappingProxyType({
            "ode": ("budget", "seed", "decades"),
            "stochastic": ("n_jumps", "n_trajectories", "burn_in", "seed", "min_events"),
        })),
    "reactions": ModelRoutes(
        _reactions, ("ode", "minors", "structure"),
        MappingProxyType({
            "ode": "mass-action ODEs integrated (Radau) from random amounts; Newton polish "
                   "in the class of SVD conservation laws",
            "minors": "an enzyme rate law's coefficients (V, K, K_eq) by exact "
                      "Laplacian-minor determinants on a grid of ligand concentrations",
            "structure": "Feinberg's deficiency as rank B − rank(Y B) of the numerical "
                         "composition and incidence matrices",
        }),
        mass_action.model_parameters, _network_species,
        MappingProxyType({"minors": rate_law_coefficients.KINDS,
                          "structure": ("deficiency",)}),
        MappingProxyType({"ode": ("budget",), "structure": ("budget",)})),
    "transport": ModelRoutes(
        per_point(with_modifiers(resistor_network.evaluate_network, exact=True)),
        ("kirchhoff", "laplace"),
        MappingProxyType({
            "kirchhoff": "edge resistances from 1-D geometry by finite volumes (no disks); "
                         "Kirchhoff's law solved with numpy",
            "laplace": "as kirchhoff, and disks by the axisymmetric Laplace solve "
                       "(accurate to about 2e-4)",
        }),
        resistor_network.model_parameters, _none),
    "path": ModelRoutes(
        per_point(with_modifiers(bvp.evaluate_path)), ("bvp",),
        MappingProxyType({"bvp": "the 1-D transport BVP solved with scipy solve_bvp"}),
        bvp.model_parameters, _none),
})


def _entry(kind: str) -> ModelRoutes:
    if kind not in MODEL_ROUTES:
        raise ValidationError(
            f"no numerical route for models of kind {kind!r}; known kinds: "
            + ", ".join(sorted(MODEL_ROUTES))
        )
    return MODEL_ROUTES[kind]


def evaluator(kind: str, route: str) -> Callable:
    """The evaluator of ``kind`` models, after checking that it knows ``route``."""
    entry = _entry(kind)
    if route not in entry.routes:
        raise ValidationError(
            f"route {route!r} does not solve {kind} models; use one of {', '.join(entry.routes)}"
        )
    return entry.evaluate


def route_options(kind: str, route: str) -> tuple[str, ...]:
    """The ``validate(route_options=...)`` keys that ``route`` reads on ``kind`` models.

    >>> route_options("kinetic", "ode"), route_options("kinetic", "linear")
    (('budget', 'seed', 'decades'), ())
    """
    return tuple(_entry(kind).options.get(route, ()))


def default_routes(kind: str) -> tuple[str, ...]:
    """The routes validation runs on ``kind`` models when none are asked for."""
    return _entry(kind).defaults


def model_parameters(kind: str, model) -> set:
    """Every symbol a model of this kind needs a numeric value for."""
    return set(_entry(kind).parameters(model))


def routed(kind: str, routes, quantities: Mapping) -> dict:
    """``{route: the quantities it is handed}`` (see ``only`` in the module docstring).

    >>> from symflux.derivation import Quantity
    >>> qs = {"v": Quantity("production_rate", ("P", ())),
    ...       "K_S": Quantity("rate_law_ratio", ("P", None, None, ()))}
    >>> {r: sorted(q) for r, q in routed("reactions", ("ode", "minors"), qs).items()}
    {'ode': ['v'], 'minors': ['K_S']}
    >>> sorted(routed("reactions", ("ode",), qs)["ode"])
    ['K_S', 'v']
    """
    only = _entry(kind).only
    claimed = {k for r in routes for k in only.get(r, ())}
    return {r: {n: q for n, q in quantities.items()
                if (q.kind in only[r] if r in only else q.kind not in claimed)}
            for r in routes}


def initial_species(kind: str, model) -> list:
    """The species that need a random initial amount (empty for most kinds)."""
    return list(_entry(kind).initial(model))
