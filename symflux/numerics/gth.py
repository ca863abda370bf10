"""Stationary distributions to full relative accuracy: Grassmann–Taksar–Heyman state reduction.

Gaussian elimination on a rate matrix loses the small entries of the answer when the
rates span many decades: a 40-species pathway with rate constants between 10⁻³ and 10³
has concentrations 13 decades apart, and LU then leaves relative errors of 10⁻⁶ in the
small ones. GTH eliminates states one by one but forms every pivot as the *sum of the
remaining exit rates* rather than from the diagonal, so no subtraction occurs and every
entry of the result has a relative error of a few ulps times the number of states,
however the rates are spread (O'Cinneide, Numer. Math. 65, 1993). It reads only numbers
(the off-diagonal rates), so it is a route independent of the symbolic engine's
spanning-tree sums; the pivot product is the determinant those sums equal.

>>> import numpy as np
>>> Q = np.array([[[0.0, 2.0], [1.0, 0.0]]])   # one point: 0 -> 1 at rate 2, 1 -> 0 at 1
>>> p, det = gth_points(Q)
>>> p.tolist(), det.tolist()
([[0.3333333333333333, 0.6666666666666666]], [1.0])
"""

from __future__ import annotations

import numpy as np

from symflux.errors import GraphError

__all__ = ["gth_points"]


def gth_points(Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stacked GTH state reduction: stationary vectors ``(P, n)`` and pivot products ``(P,)``.

    ``Q[p, i, j]`` is the rate i → j at point p (the diagonal is ignored). The pivot
    product is the determinant of the Laplacian minor without the first state.

    >>> Q = np.array([[[0, 1e-9, 0], [1e9, 0, 1.0], [0, 1.0, 0]]])
    >>> p, _ = gth_points(Q)
    >>> float(p[0, 1] / p[0, 0]), float(p[0, 2] / p[0, 1])
    (1e-18, 1.0)
    """
    A = np.array(Q, dtype=float)
    P, n, _ = A.shape
    A[:, np.arange(n), np.arange(n)] = 0.0
    det = np.ones(P)
    for k in range(n - 1, 0, -1):
        s = A[:, k, :k].sum(axis=1)
        if np.any(s <= 0):
            raise GraphError("the scheme is not irreducible: a state cannot be left")
        det *= s
        A[:, :k, :k] += A[:, :k, k][:, :, None] * A[:, k, :k][:, None, :] / s[:, None, None]
        A[:, :k, k] /= s[:, None]
    p = np.zeros((P, n))
    p[:, 0] = 1.0
    for k in range(1, n):
        p[:, k] = np.einsum("pi,pi->p", p[:, :k], A[:, :k, k])
    return p / p.sum(axis=1, keepdims=True), det
