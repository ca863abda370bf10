"""Gillespie simulation: µs per jump of symflux.simulate against a minimal numba loop and
GillesPy2's compiled SSACSolver, on a 3-state cycle and rings of 20, 100 and 1,000 states.

Every function builds its model, warms up (numba compiles, SSACSolver builds its C++
program) and then times the simulation alone, best of a few runs; ``extra["us_per_jump"]``
is that figure (the runner's ``seconds`` also contains the set-up). GillesPy2 does not
report how many jumps it made, so its count is the expected one: the stationary
activity ``Σ_i p_i r_i`` times the duration. Run ``python benchmarks/cases/ssa.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

JUMPS = 2 * 10**6
SIZES = (3, 20, 100, 1000)


def scheme(n: int) -> list[tuple[int, int, float]]:
    """Edges (i, j, rate): the 3-state cycle of THEORY.md §4, or a ring with random rates."""
    if n == 3:
        return [(0, 1, 2.0), (1, 0, 1.0), (1, 2, 3.0), (2, 1, 1.0), (2, 0, 4.0), (0, 2, 0.5)]
    rng = np.random.default_rng(n)
    edges = []
    for i in range(n):
        edges += [(i, (i + 1) % n, float(rng.uniform(0.5, 2.0))),
                  ((i + 1) % n, i, float(rng.uniform(0.5, 2.0)))]
    return edges


def activity(n: int) -> float:
    """Mean jumps per unit time at stationarity (null space of the generator, NumPy)."""
    Q = np.zeros((n, n))
    for i, j, r in scheme(n):
        Q[i, j] += r
        Q[i, i] -= r
    A = np.vstack([Q.T, np.ones(n)])
    p = np.linalg.lstsq(A, np.r_[np.zeros(n), 1.0], rcond=None)[0]
    return float(p @ -np.diag(Q))


def _best(fn, repeat=3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _metrics(seconds: float, jumps: int, **extra) -> dict:
    return {"points": jumps, "extra": {"us_per_jump": seconds * 1e6 / jumps,
                                       "jumps_per_s": jumps / seconds, **extra}}


def ours(n: int) -> dict:
    import networkx as nx

    import symflux as sf
    from symflux.numerics import ssa_kernel

    G = nx.MultiDiGraph()
    for i, j, r in scheme(n):
        G.add_edge(i, j, rate=r)
    sf.simulate(G, n_jumps=1000, seed=0)  # compiles the loop (or loads numba's cache)
    seconds = _best(lambda: sf.simulate(G, n_jumps=JUMPS, seed=1))
    # The call includes compiling the scheme from the graph (O(edges)); the loop of the
    # numba reference gets its arrays for free, so report the per-jump part too.
    setup = _best(lambda: sf.simulate(G, n_jumps=10, seed=1))
    return _metrics(seconds, JUMPS, compiled=ssa_kernel.COMPILED, setup_s=setup,
                    us_per_jump_after_setup=(seconds - setup) * 1e6 / JUMPS)


def numba_loop(n: int) -> dict:
    """The direct method as one writes it in numba: CSR out-channels, linear scan."""
    import numba

    edges = scheme(n)
    source = np.array([e[0] for e in edges])
    order = np.argsort(source, kind="stable")
    target = np.array([e[1] for e in edges])[order]
    rates = np.array([e[2] for e in edges])[order]
    offsets = np.r_[0, np.cumsum(np.bincount(source, minlength=n))]
    exit_rate = np.add.reduceat(rates, offsets[:-1])

    @numba.njit
    def run(jumps, seed):
        np.random.seed(seed)
        states = np.empty(jumps + 1, dtype=np.int64)
        times = np.empty(jumps)
        s, t = 0, 0.0
        states[0] = 0
        for k in range(jumps):
            r = exit_rate[s]
            t += -np.log(1.0 - np.random.random()) / r
            u = np.random.random() * r
            j = offsets[s]
            acc = rates[j]
            while u >= acc and j < offsets[s + 1] - 1:
                j += 1
                acc += rates[j]
            s = target[j]
            states[k + 1] = s
            times[k] = t
        return states, times

    run(1000, 0)
    return _metrics(_best(lambda: run(JUMPS, 1)), JUMPS)


def ssac_solver(n: int) -> dict:
    import os

    import gillespy2
    import SCons

    # GillesPy2 builds by running SCons under the *resolved* interpreter, outside this
    # venv; let that interpreter find the venv's SCons.
    site = str(Path(SCons.__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [site, os.environ.get(
        "PYTHONPATH")]))

    model = gillespy2.Model(name="scheme")
    model.add_species([gillespy2.Species(name=f"S{i}", initial_value=int(i == 0),
                                         mode="discrete") for i in range(n)])
    for c, (i, j, r) in enumerate(scheme(n)):
        model.add_parameter(gillespy2.Parameter(name=f"k{c}", expression=r))
        model.add_reaction(gillespy2.Reaction(name=f"r{c}", reactants={f"S{i}": 1},
                                              products={f"S{j}": 1}, rate=f"k{c}"))
    # Its cost per jump grows with the number of reactions: fewer jumps at 1,000 states
    # (µs/jump is still per jump) keep the case within its timeout.
    jumps = JUMPS if n < 1000 else JUMPS // 10
    t_end = jumps / activity(n)
    model.timespan(np.linspace(0.0, t_end, 11))
    t = time.perf_counter()
    solver = gillespy2.SSACSolver(model=model)  # builds the C++ program here
    build = time.perf_counter() - t
    seconds = _best(lambda: model.run(solver=solver, number_of_trajectories=1, seed=1), 2)
    return _metrics(seconds, jumps, build_s=build, jump_count="expected (activity × duration)")


def _size_functions():
    table = {}
    for n in SIZES:
        for prefix, fn in (("ours", ours), ("numba_loop", numba_loop), ("ssac", ssac_solver)):
            table[f"{prefix}_{n}"] = (lambda fn=fn, n=n: fn(n))
    return table


globals().update(_size_functions())

CASES: list[dict] = []
for _n in SIZES:
    _label = "3-state cycle" if _n == 3 else f"{_n}-state ring"
    CASES.append({"name": f"SSA {_label}, vs minimal numba loop", "group": "ssa",
                  "ours": f"ours_{_n}", "peer": f"numba_loop_{_n}", "timeout": 180})
    CASES.append({"name": f"SSA {_label}, vs GillesPy2 SSACSolver", "group": "ssa",
                  "ours": f"ours_{_n}", "peer": f"ssac_{_n}", "timeout": 600})

COLUMNS = [("our µs/jump", "ours:us_per_jump"), ("peer µs/jump", "peer:us_per_jump"),
           ("peer / ours (µs/jump)", "ratio:us_per_jump"),
           ("our µs/jump after set-up", "ours:us_per_jump_after_setup"),
           ("our set-up s", "ours:setup_s"), ("peer build s", "peer:build_s")]

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _standalone import main

    main("ssa", CASES, COLUMNS)
