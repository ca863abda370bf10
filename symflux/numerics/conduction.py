"""Steady conduction through the geometry of a transport element, by finite volumes.

Computed from: the element's geometry as the model graph records it — the
coefficient ``D(x)``, the cross-section ``A(x)`` and the ends of a 1-D path (slab,
pore, shells, sphere or hemisphere to infinity), or the coefficient and area of a
layer (film, membrane) — and the parameter values; never from the resistance stored
beside it. The steady problem ``d/dx (D A dφ/dx) = 0`` with ``φ = 1`` at the start
and ``φ = 0`` at the end is discretised on a grid (uniform, geometric for shells
spanning decades, or mapped ``x = a + ℓ s/(1 − s)`` for an infinite end), the
tridiagonal system for the cell potentials is solved, and the current through the
first face gives ``R = 1/I``. Two grids (N and 2N cells) are combined by Richardson
extrapolation. In one dimension this is the physics itself; in more (the microdisk)
see :mod:`symflux.numerics.laplace`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import scipy.linalg
import sympy

from symflux.errors import ValidationError
from symflux.parsing.values import to_expr

__all__ = ["layer_resistance", "path_resistance_fv"]


def _number(expr, names: Mapping, what: str) -> float:
    value = to_expr(expr).xreplace(names)
    if value.free_symbols:
        raise ValidationError(f"no value for {', '.join(sorted(map(str, value.free_symbols)))} "
                              f"in {what}")
    return float(value)


def _grid(a: float, b: float, cells: int, infinite: bool):
    """Faces ``x``, and ``dx/ds`` at cell centres, of a grid over ``s ∈ [0, 1]``."""
    s = np.linspace(0.0, 1.0, cells + 1)
    mid = 0.5 * (s[1:] + s[:-1])
    if infinite:
        ell = max(abs(a), 1e-300)
        return a + ell * mid / (1 - mid), ell / (1 - mid) ** 2, np.diff(s)
    if a > 0 and b / a > 10:
        x = a * (b / a) ** mid
        return x, x * np.log(b / a), np.diff(s)
    return a + (b - a) * mid, np.full(cells, b - a), np.diff(s)


def _current(conductance: np.ndarray) -> float:
    """Solve the potentials of cells in series (φ = 1 before the first, 0 after the last)."""
    # Cell potentials sit at face nodes 0..N; nodes 0 and N are held, the others solve
    # g_{i-1} (φ_{i-1} − φ_i) = g_i (φ_i − φ_{i+1}).
    g = conductance
    n = len(g) - 1
    if n == 0:
        return float(g[0])
    ab = np.zeros((3, n))
    ab[1] = g[:-1] + g[1:]
    ab[0, 1:] = -g[1:-1]
    ab[2, :-1] = -g[1:-1]
    rhs = np.zeros(n)
    rhs[0] = g[0]
    phi = scipy.linalg.solve_banded((1, 1), ab, rhs)
    return float(g[0] * (1.0 - phi[0]))


def path_resistance_fv(path: Mapping, values: Mapping, cells: int = 400) -> float:
    """``R = Δφ / I`` of a 1-D path ``{D, area, x, a, b}`` by finite volumes.

    >>> x = sympy.Symbol("x", positive=True)
    >>> R = path_resistance_fv({"D": 2, "area": 1 + x, "x": x, "a": 0, "b": 1}, {})
    >>> bool(abs(R / (np.log(2) / 2) - 1) < 1e-9)
    True
    """
    from symflux.parsing import symbol

    names = {(k if isinstance(k, sympy.Symbol) else symbol(str(k))): sympy.Float(float(v))
             for k, v in values.items()}
    x = path["x"]
    # the ends are evaluated with every value (an end may be named like the position)
    a = _number(path["a"], names, "the start of the path")
    infinite = path["b"] is sympy.oo
    b = np.inf if infinite else _number(path["b"], names, "the end of the path")
    names.pop(x, None)
    local = to_expr(path["D"]) * to_expr(path["area"])
    local = local.xreplace(names)
    if local.free_symbols - {x}:
        missing = ", ".join(sorted(map(str, local.free_symbols - {x})))
        raise ValidationError(f"no value for {missing} in the path's D·A")
    DA = sympy.lambdify(x, local, modules="numpy")

    def resistance(n):
        xc, dxds, ds = _grid(a, b, n, infinite)
        with np.errstate(all="ignore"):
            g = np.broadcast_to(np.asarray(DA(xc), dtype=float), xc.shape) / (dxds * ds)
        if np.all(np.isposinf(g)):
            return 0.0  # an infinite coefficient (a limit h → ∞): the layer shorts
        if not np.all(np.isfinite(g)) or np.any(g <= 0):
            raise ValidationError("D·A is not positive and finite along the path")
        return 1.0 / _current(g)

    if a == b:
        return 0.0  # a path of zero length (a limit x → 0)
    sign = 1.0
    if not infinite and b < a:  # ends given in reverse: the drop runs the other way
        a, b, sign = b, a, -1.0
    # 400 and 800 cells: Richardson leaves ~1e-11; more cells would not help, the
    # tridiagonal system's condition number grows like N² (4000 cells: ~1e-9 rounding)
    coarse, fine = resistance(cells), resistance(2 * cells)
    return sign * (fine + (fine - coarse) / 3.0)  # midpoint faces: error ∝ h², Richardson


def layer_resistance(layer: Mapping, values: Mapping) -> float:
    """A layer (film, membrane) whose flux per area is ``coefficient × Δφ``, over area A.

    Solved as a 1-D slab of unit thickness with that conductivity, by the same
    finite volumes: this checks the algebra from coefficient to resistance, no more
    (the coefficient *defines* the layer).

    >>> h, A = sympy.symbols("h A", positive=True)
    >>> round(layer_resistance({"coefficient": h, "area": A}, {h: 2.0, A: 0.5}), 12)
    1.0
    """
    x = sympy.Dummy("x", positive=True)
    return path_resistance_fv({"D": layer["coefficient"], "area": layer["area"], "x": x,
                               "a": 0, "b": 1}, values, cells=8)
