"""Stationary distributions to full relative accuracy: the Grassmann–Taksar–Heyman algorithm.

Gaussian elimination on a rate matrix loses the small entries of the answer when the
rates span many decades: a 40-species pathway with rate constants between 10⁻³ and 10³
has concentrations 13 decades apart, and LU then leaves relative errors of 10⁻⁶ in the
small ones; a least-squares solve loses them entirely. GTH eliminates states one by
one but forms every pivot as the *sum of the remaining exit rates* rather than from the
diagonal, so no subtraction occurs and every entry of the result has a relative error
of a few ulps times the number of states, however the rates are spread (O'Cinneide,
Numer. Math. 65, 1993).

It reads only numbers (the off-diagonal rates), so it is an independent numerical
route to what the symbolic engine writes as ratios of spanning-tree sums.

>>> import numpy as np
>>> Q = np.array([[0.0, 2.0], [1.0, 0.0]])   # 0 -> 1 at rate 2, 1 -> 0 at rate 1
>>> gth_stationary(Q).tolist()
[0.3333333333333333, 0.6666666666666666]
"""

from __future__ import annotations

import numpy as np

from symflux.errors import NotUnique

__all__ = ["gth_stationary"]


def gth_stationary(Q: np.ndarray) -> np.ndarray:
    """The stationary distribution of an irreducible chain with off-diagonal rates ``Q``
    (``Q[i, j]`` the rate from ``i`` to ``j``; the diagonal is ignored).

    Raises
    ------
    NotUnique
        if a state has no exit rate to the states eliminated after it (the chain is not
        irreducible, so the distribution is not unique).

    >>> import numpy as np
    >>> Q = np.array([[0, 1e-9, 0], [1e9, 0, 1.0], [0, 1.0, 0]])
    >>> p = gth_stationary(Q)
    >>> float(p[1] / p[0]), float(p[2] / p[1])
    (1e-18, 1.0)
    """
    A = np.array(Q, dtype=float)
    n = A.shape[0]
    np.fill_diagonal(A, 0.0)
    for k in range(n - 1, 0, -1):
        exit_rate = A[k, :k].sum()
        if not exit_rate > 0.0:
            raise NotUnique(f"state {k} cannot reach states 0..{k - 1}: the chain is not "
                            "irreducible, so its stationary distribution is not unique")
        A[:k, k] /= exit_rate
        A[:k, :k] += np.outer(A[:k, k], A[k, :k])
    pi = np.zeros(n)
    pi[0] = 1.0
    for k in range(1, n):
        pi[k] = pi[:k] @ A[:k, k]
    return pi / pi.sum()
