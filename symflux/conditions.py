"""Whether symbolic conditions (equations among parameters) hold at given numbers.

Wegscheider conditions, complex-balance conditions and the like are lists of
``sympy.Eq``; this checks them at numeric parameter values with a relative
tolerance, naming any parameter that has no value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy

from symflux.errors import UsageError

__all__ = ["hold_at"]


def hold_at(conditions: Sequence[sympy.Eq], values: Mapping, rtol: float = 1e-9,
            caller: str = "the check") -> bool:
    """True when every ``lhs = rhs`` holds at ``values`` to relative tolerance ``rtol``.

    ``values`` maps symbols, or their names, to numbers.

    >>> from symflux import symbol
    >>> a, b = symbol("a"), symbol("b")
    >>> hold_at([sympy.Eq(a * b, 2, evaluate=False)], {"a": 1, "b": 2.0})
    True
    >>> hold_at([sympy.Eq(a, b, evaluate=False)], {"a": 1})
    Traceback (most recent call last):
      ...
    symflux.errors.UsageError: no values for b in the check
    """
    from symflux.parsing import symbol

    subs = {(k if isinstance(k, sympy.Symbol) else symbol(str(k))): v for k, v in values.items()}
    for c in conditions:
        lhs, rhs = (sympy.N(side.xreplace(subs)) for side in (c.lhs, c.rhs))
        if not (lhs.is_number and rhs.is_number):
            missing = sorted(str(s) for s in (c.lhs - c.rhs).free_symbols - set(subs))
            raise UsageError(f"no values for {', '.join(missing)} in {caller}")
        if abs(lhs - rhs) > rtol * max(abs(lhs), abs(rhs)):
            return False
    return True
