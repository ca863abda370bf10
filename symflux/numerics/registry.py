"""Which numerical routes solve which kind of model.

Each model kind (``"kinetic"``, ``"reactions"``, ``"transport"``, ``"path"``)
registers a function ``evaluate(model, quantities, values, route) → {name: (value,
scale) | None}`` and its default routes; validation looks them up here. A statistical
route returns ``(value, scale, stderr)`` triples instead and is judged by z-scores;
route options given to ``validate(route_options=...)`` arrive as keyword arguments.
"""

from __future__ import annotations

from collections.abc import Callable

from symflux.errors import ValidationError

__all__ = ["default_routes", "evaluator", "model_parameters", "register"]

_EVALUATORS: dict[str, tuple[Callable, tuple[str, ...], tuple[str, ...], Callable]] = {}


def register(kind: str, function: Callable, defaults: tuple[str, ...],
             routes: tuple[str, ...], parameters: Callable) -> None:
    """Register the numerical evaluator of a model kind.

    ``parameters(model)`` returns every symbol the model needs a value for, so that
    validation samples them all, including ones a particular result does not use.
    """
    _EVALUATORS[kind] = (function, tuple(defaults), tuple(routes), parameters)


def _entry(kind: str):
    if kind not in _EVALUATORS:
        raise ValidationError(
            f"no numerical route for models of kind {kind!r}; known kinds: "
            + ", ".join(sorted(_EVALUATORS))
        )
    return _EVALUATORS[kind]


def evaluator(kind: str, route: str) -> Callable:
    function, _, routes, _ = _entry(kind)
    if route not in routes:
        raise ValidationError(
            f"route {route!r} does not solve {kind} models; use one of {', '.join(routes)}"
        )
    return function


def default_routes(kind: str) -> tuple[str, ...]:
    return _entry(kind)[1]


def model_parameters(kind: str, model) -> set:
    """Every symbol a model of this kind needs a numeric value for."""
    return set(_entry(kind)[3](model))
