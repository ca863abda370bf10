"""Closed-form steady states of kinetic schemes: symflux against kda 0.3.0.

Each case derives the symbolic state probabilities of one scheme. ``terms`` is the
number of directional diagrams (Σ over states of the in-trees), counted by the
matrix-tree theorem independently of the derivation, and checked equal to the
number of terms of the derived Σ where it is expanded. The peer, kda, is run on the
same graph under the peer interpreter (``calc_state_probs``, string output).

Only the standard library, numpy, networkx and sympy are imported at the top; the
functions import symflux or kda themselves.
"""

from __future__ import annotations

import numpy as np

PRELOAD = ["symflux", "symflux.dispatch", "symflux.kinetics", "symflux.numerics",
           "sympy.tensor.tensor", "kda", "kda.calculations",
           "kda.graph_utils"]  # sympy.tensor.tensor: imported by the first Add of a process


def ring(n):
    return [(i, i % n + 1) for i in range(1, n + 1)] + [(i % n + 1, i) for i in range(1, n + 1)]


def complete(n):
    return [(i, j) for i in range(1, n + 1) for j in range(1, n + 1) if i != j]


def cube():
    """The 8-state EmrE-style cube: states are 3-bit words, transitions flip one bit."""
    return [(s + 1, (s ^ b) + 1) for s in range(8) for b in (1, 2, 4)]


def ring_with_chords(n=12, chords=((1, 7), (3, 10), (5, 11))):
    return ring(n) + [e for a, b in chords for e in ((a, b), (b, a))]


SCHEMES = {f"complete-{n}": (n, complete(n)) for n in (4, 5, 6, 7, 8)}
SCHEMES.update({f"ring-{n}": (n, ring(n)) for n in (3, 6, 9, 11, 20, 50, 100, 150)})
SCHEMES["cube-8 (EmrE)"] = (8, cube())
SCHEMES["ring-12 + 3 chords"] = (12, ring_with_chords())


def _diagrams(n, edges) -> int:
    """Σ_i det L^(i) of the unit-weight Laplacian: the number of directional diagrams."""
    L = np.zeros((n, n))
    for u, v in edges:
        L[u - 1, u - 1] += 1
        L[u - 1, v - 1] -= 1
    total = 0.0
    for i in range(n):
        keep = [j for j in range(n) if j != i]
        total += np.linalg.det(L[np.ix_(keep, keep)])
    return round(float(total))


def ours(name):
    import symflux as sf

    n, edges = SCHEMES[name]
    G = sf.kinetic_graph([(u, v, sf.symbol(f"k_{{{u},{v}}}")) for u, v in edges])
    d = sf.steady_state(G)
    Sigma = d["Sigma"]
    diagrams = _diagrams(n, edges)
    nested = bool(d.steps[2].statement.startswith("Nested form"))
    if not nested:
        derived = len(Sigma.args) if Sigma.is_Add else 1
        assert derived == diagrams, (derived, diagrams)
    return {"terms": diagrams, "extra": {"states": n, "form": "nested" if nested else
                                         "expanded", "results": len(d.results)}}


def peer(name):
    import networkx as nx
    from kda import calculations, graph_utils

    n, edges = SCHEMES[name]
    names = np.full((n, n), "0", dtype=object)
    vals = np.zeros((n, n))
    for u, v in edges:
        names[u - 1, v - 1] = f"k{u}_{v}"
        vals[u - 1, v - 1] = 1.0
    G = nx.MultiDiGraph()
    graph_utils.generate_edges(G, vals, names)
    calculations.calc_state_probs(G, key="name", output_strings=True)
    return {"terms": _diagrams(n, edges)}


def _make(name):
    def run_ours():
        return ours(name)

    def run_peer():
        return peer(name)

    return run_ours, run_peer


CASES = []
for _i, _name in enumerate(SCHEMES):
    _o, _p = _make(_name)
    globals()[f"ours_{_i}"] = _o
    globals()[f"peer_{_i}"] = _p
    _case = {"name": _name, "group": "kinetics", "ours": f"ours_{_i}",
             "timeout": 150 if _name == "complete-8" else 90}
    if _name not in ("complete-7", "complete-8", "ring-50", "ring-100", "ring-150"):
        _case["peer"] = f"peer_{_i}"          # kda: RecursionError or hours beyond these
    CASES.append(_case)
