"""The comparisons every closed form goes through in tests.

- :func:`assert_matches_numerics`: a result, compiled, equals numbers computed by an
  independent route at the same points;
- :func:`assert_validation_catches`: ``validate()`` fails a deliberately wrong form of a
  result, so that the route that passed the right one is shown able to fail.

>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
>>> assert_matches_numerics(d, "p_1", [{"k_12": 1.0, "k_21": 3.0}], [0.75])
>>> assert_validation_catches(d, "p_1", d["p_2"])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

import numpy as np
import sympy

__all__ = ["assert_matches_numerics", "assert_validation_catches"]


def assert_matches_numerics(derivation, name: str, points: Iterable[Mapping],
                            expected: Iterable[float], *, rtol: float = 1e-9,
                            atol: float = 0.0) -> None:
    """Result ``name`` evaluated at each point equals the independent number given for it."""
    kernel = derivation.kernel(name)
    for point, value in zip(points, expected, strict=True):
        got = float(kernel(point))
        if not np.isclose(got, value, rtol=rtol, atol=atol):
            raise AssertionError(f"{name} = {got!r} at {dict(point)}, but the independent "
                                 f"route gives {value!r} (rtol {rtol:g})")


def assert_validation_catches(derivation, name: str, wrong: sympy.Expr,
                              **options) -> None:
    """``validate()`` must fail when result ``name`` is replaced by ``wrong`` (its compact
    form dropped, so that nothing else can stand in for it)."""
    tampered = dataclasses.replace(
        derivation, results={**derivation.results, name: wrong},
        compact={k: v for k, v in derivation.compact.items() if k != name})
    report = tampered.validate(**options)
    if report.passed:
        raise AssertionError(f"validate() passed a wrong {name} = {wrong}:\n{report}")
