"""Closed-form steady states of mass-action networks: a linear pathway of n species.

``0 → X1 ⇄ X2 ⇄ … ⇄ Xn → 0``: a first-order network whose steady state is a ratio of
tree sums (symflux.reactions.linear_steady_state, the tree route: n(n+1)/2 + 1 trees).
No peer derives it symbolically; the case records our time only.
"""

from __future__ import annotations

PRELOAD = ["symflux", "symflux.dispatch", "symflux.reactions", "symflux.numerics", "kda",
           "kda.calculations", "kda.graph_utils"]

SIZES = (5, 10, 20, 40, 80)


def pathway(n):
    return (["0 -> X1 : k_0"] + [f"X{i} <-> X{i + 1}" for i in range(1, n)]
            + [f"X{n} -> 0 : k_out"])


def _ours(n):
    import symflux as sf

    d = sf.steady_state(sf.reaction_network(pathway(n)))
    return {"extra": {"species": n, "results": len(d.results)}}


def _make(n):
    return lambda: _ours(n)


CASES = []
for _n in SIZES:
    globals()[f"pathway_{_n}"] = _make(_n)
    CASES.append({"name": f"linear pathway, {_n} species", "group": "reactions",
                  "ours": f"pathway_{_n}", "timeout": 60})
