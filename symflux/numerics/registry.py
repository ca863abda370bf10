"""Which numerical routes solve which kind of model: one table, read at a glance.

Each model kind (``"kinetic"``, ``"reactions"``, ``"transport"``, ``"path"``) has one
:class:`ModelRoutes` entry in :data:`MODEL_ROUTES`:

1. ``evaluate(model, quantities, values, route, **options) → {name: (value, scale) | None}``
   computes every quantity it can from the model and the parameter values alone
   (``None`` for a quantity the route cannot compute). A statistical route returns
   ``(value, scale, stderr)`` triples instead and is judged by z-scores; route options
   given to ``validate(route_options=...)`` arrive as keyword arguments.
2. ``defaults``: the routes :func:`symflux.validate` runs when none are asked for.
3. ``routes``: every route the evaluator accepts.
4. ``parameters(model)``: every symbol the model needs a value for, so that validation
   samples them all, including ones a particular result does not use.

A new model kind is added by writing its evaluator in its own module and one row here.

>>> default_routes("kinetic")
('linear', 'ode')
>>> evaluator("kinetic", "sparkle")
Traceback (most recent call last):
...
symflux.errors.ValidationError: route 'sparkle' does not solve kinetic models; use one of ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from symflux.errors import ValidationError
from symflux.numerics import bvp, kinetic_quantities, mass_action, resistor_network
from symflux.numerics import stochastic_quantities as stochastic
from symflux.numerics.modifiers import with_modifiers

__all__ = ["MODEL_ROUTES", "ModelRoutes", "default_routes", "evaluator", "model_parameters"]


@dataclass(frozen=True)
class ModelRoutes:
    """The numerical routes of one model kind (see the module docstring for the contract)."""

    evaluate: Callable
    defaults: tuple[str, ...]
    routes: tuple[str, ...]
    parameters: Callable


MODEL_ROUTES = MappingProxyType({
    # The stochastic route is only run on request: it is slow and judged by z-scores.
    "kinetic": ModelRoutes(stochastic.evaluate_kinetic, ("linear", "ode"),
                           (*kinetic_quantities.ROUTES, "stochastic"),
                           kinetic_quantities.rate_symbols),
    "reactions": ModelRoutes(mass_action.evaluate_reactions, ("ode",), ("ode",),
                             mass_action.model_parameters),
    "transport": ModelRoutes(with_modifiers(resistor_network.evaluate_network, exact=True),
                             ("kirchhoff",), ("kirchhoff", "laplace"),
                             resistor_network.model_parameters),
    "path": ModelRoutes(with_modifiers(bvp.evaluate_path), ("bvp",), ("bvp",),
                        bvp.model_parameters),
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


def default_routes(kind: str) -> tuple[str, ...]:
    """The routes validation runs on ``kind`` models when none are asked for."""
    return _entry(kind).defaults


def model_parameters(kind: str, model) -> set:
    """Every symbol a model of this kind needs a numeric value for."""
    return set(_entry(kind).parameters(model))
