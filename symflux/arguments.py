"""Checks of the option values that public functions share, so a bad value gives one
named error everywhere (a :class:`~symflux.errors.UsageError` or the function's own error
class), never a plain ``ValueError`` from deep inside, nor silent acceptance.

>>> whole_number("points", 5, low=1)
5
>>> whole_number("points", -1, low=1)
Traceback (most recent call last):
...
symflux.errors.UsageError: points must be an integer >= 1, not -1
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import sympy

from symflux.errors import CheckError, UsageError, ValidationError
from symflux.limits import require

__all__ = [
    "a_derivation", "check_check_options", "check_validate_options", "finite_number", "items",
    "whole_number",
]


def a_derivation(value, function: str, *, error: type = UsageError):
    """``value`` if it is a :class:`~symflux.derivation.Derivation`, else a named error.

    >>> a_derivation(42, "control_coefficients")
    Traceback (most recent call last):
    ...
    symflux.errors.UsageError: control_coefficients() takes a Derivation (the result of an \
analysis such as sf.steady_state), not int
    """
    from symflux.derivation import Derivation

    if not isinstance(value, Derivation):
        raise error(f"{function}() takes a Derivation (the result of an analysis such as "
                    f"sf.steady_state), not {type(value).__name__}")
    return value


def items(value, what: str, *, error: type = UsageError) -> list:
    """The elements of ``value`` as a list; text, numbers and other non-sequences refused.

    >>> items(5, "lines")
    Traceback (most recent call last):
    ...
    symflux.errors.UsageError: lines must be a list (or other iterable), not int
    """
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
        raise error(f"{what} must be a list (or other iterable), not {type(value).__name__}")
    return list(value)


def whole_number(key: str, value, *, low: int = 0, error: type = UsageError) -> int:
    """``value`` if it is an int (not a bool) of at least ``low``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise error(f"{key} must be an integer >= {low}, not {value!r}")
    return value


def finite_number(key: str, value, *, positive: bool = True, error: type = UsageError) -> float:
    """``value`` if it is a finite real number (and > 0 when ``positive``)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
            value) or (positive and value <= 0):
        raise error(f"{key} must be a finite number{' > 0' if positive else ''}, not {value!r}")
    return float(value)


def check_validate_options(derivation, *, points, seed, low, high, values) -> None:
    """The options of :func:`symflux.validate`: counts, range, and names of ``values``."""
    if not hasattr(derivation, "results") or not hasattr(derivation, "kind"):
        raise ValidationError(f"validate() takes a Derivation, not {type(derivation).__name__}")
    whole_number("points", points, low=1, error=ValidationError)
    require("validate_points", points, what="points", keyword="points")
    whole_number("seed", seed, low=0, error=ValidationError)
    lo = finite_number("low", low, error=ValidationError)
    hi = finite_number("high", high, error=ValidationError)
    if lo > hi:
        raise ValidationError(f"low = {low} is above high = {high}; give low <= high")
    if values is None:
        return
    if not isinstance(values, Mapping):
        raise ValidationError(f"values must be a mapping of parameter → number, not "
                              f"{type(values).__name__}")
    known = {s.name for s in derivation.parameters} | {s.name for s in derivation.symbols}
    from symflux.parsing import python_name

    known |= {python_name(n) for n in known}
    for key, value in values.items():
        name = getattr(key, "name", key)
        if not isinstance(name, str) or name not in known:
            raise ValidationError(f"values names {name!r}, which is not a parameter of the "
                                  f"model; parameters are "
                                  f"{', '.join(sorted(s.name for s in derivation.parameters))}")
        if not hasattr(value, "free_symbols"):
            finite_number(f"values[{name!r}]", value, positive=False, error=ValidationError)


def check_check_options(*, points, seed, rtol, time_limit, memory_mb, max_length, answer) -> None:
    """The options of :func:`symflux.check` (counts, budgets, the answer's type)."""
    for key, value, low in (("points", points, 1), ("seed", seed, 0),
                            ("memory_mb", memory_mb, 1), ("max_length", max_length, 1)):
        whole_number(key, value, low=low, error=CheckError)
    require("check_points", points, what="points", keyword="points")
    finite_number("rtol", rtol, error=CheckError)
    finite_number("time_limit", time_limit, error=CheckError)
    require("time_budget", time_limit, what="time_limit", keyword="time_limit")
    if isinstance(answer, str):
        require("answer_length", max_length, what="max_length", keyword="max_length")
    elif not isinstance(answer, sympy.Basic):
        raise CheckError(f"an answer must be text or a SymPy expression, not "
                         f"{type(answer).__name__}")
