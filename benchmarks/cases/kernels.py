"""Kernels: points/s of the K4 p_1 kernel against a null-kernel floor and batched
``numpy.linalg.solve``, the K7 kernel build, and accuracy against exact rationals.

K4 is the complete 4-state graph (12 rate constants). The *floor* is a numba kernel
that only reads the 12 input arrays and writes one output (the memory traffic every
kernel of this result must pay); *solve* finds the same p_1 by solving the 10⁶
4x4 stationary systems in one batched ``numpy.linalg.solve``. Every function
measures its own competitors in the same process too (``extra``), best of 7 calls,
because the machine is shared and separate processes see different loads. Run
``python benchmarks/cases/kernels.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

POINTS = 10**6
K4 = [f"{i} <-> {j}" for i in range(1, 5) for j in range(i + 1, 5)]


def _best(fn, repeat=7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _interleaved(fns, repeat=15) -> list[float]:
    """Best time of each function, calls alternated so that load changes hit all alike."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def _inputs(n=POINTS, seed=0) -> list[np.ndarray]:
    """The 12 rate arrays, in the order k_12, k_13, k_14, k_21, …, k_43 (sorted names)."""
    rng = np.random.default_rng(seed)
    return [10.0 ** rng.uniform(-1, 1, n) for _ in range(12)]


def _null_kernel():
    import numba

    @numba.njit(fastmath=True, error_model="numpy")
    def null(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, out):
        for i in range(out.shape[0]):
            out[i] = a0[i] + a1[i] + a2[i] + a3[i] + a4[i] + a5[i] + a6[i] + a7[i] + a8[i] \
                + a9[i] + a10[i] + a11[i]

    def run(arrays):
        out = np.empty(len(arrays[0]))  # allocates its output, as a kernel call does
        null(*arrays, out)
        return out

    run(_inputs(10))
    return run


def _solve_p1(arrays) -> np.ndarray:
    """p_1 from the batched 4x4 linear systems Q^T p = 0, Σ p = 1 (row 0 replaced)."""
    n = len(arrays[0])
    k = dict(zip([(i, j) for i in range(4) for j in range(4) if i != j], arrays, strict=True))
    A = np.zeros((n, 4, 4))
    for (i, j), r in k.items():
        A[:, j, i] += r  # inflow into j from i
        A[:, i, i] -= r
    A[:, 0, :] = 1.0
    b = np.zeros((n, 4))
    b[:, 0] = 1.0
    return np.linalg.solve(A, b[..., None])[:, 0, 0]


def floor_k4() -> dict:
    run, arrays = _null_kernel(), _inputs()
    s = _best(lambda: run(arrays))
    return {"points": POINTS, "extra": {"points_per_s": POINTS / s}}


def solve_k4() -> dict:
    arrays = _inputs()
    s = _best(lambda: _solve_p1(arrays), 3)
    return {"points": POINTS, "extra": {"points_per_s": POINTS / s}}


def _k4_kernel(backend):
    import symflux as sf

    d = sf.steady_state(sf.kinetic_graph(K4))
    t = time.perf_counter()
    f = d.kernel("p_1", backend=backend)
    return d, f, time.perf_counter() - t


def ours_k4_numba() -> dict:
    _, f, build = _k4_kernel("numba")
    arrays = _inputs()
    values = dict(zip(f.python_parameters, arrays, strict=True))
    f(**values)
    run = _null_kernel()
    ours, floor = _interleaved([lambda: f(**values), lambda: run(arrays)])
    solve = _best(lambda: _solve_p1(arrays), 3)
    agree = float(np.max(np.abs(f(**values) / _solve_p1(arrays) - 1)))
    return {"points": POINTS, "extra": {
        "points_per_s": POINTS / ours, "floor_points_per_s": POINTS / floor,
        "time_over_floor": ours / floor, "speedup_over_solve": solve / ours,
        "solve_points_per_s": POINTS / solve, "build_s": build,
        "max_rel_diff_vs_solve": agree}}


def ours_k4_numpy() -> dict:
    _, f, build = _k4_kernel("numpy")
    arrays = _inputs()
    values = dict(zip(f.python_parameters, arrays, strict=True))
    s = _best(lambda: f(**values), 3)
    return {"points": POINTS, "extra": {"points_per_s": POINTS / s, "build_s": build}}


def ours_k7_build() -> dict:
    import itertools

    import symflux as sf

    G = sf.kinetic_graph([f"{i} <-> {j}" for i, j in itertools.combinations(range(1, 8), 2)])
    t = time.perf_counter()
    d = sf.steady_state(G)
    derive = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    f = d.kernel("p_1", backend="numba")
    build, cpu = time.perf_counter() - t, time.process_time() - c
    arrays = [10.0 ** np.random.default_rng(1).uniform(-1, 1, POINTS) for _ in f.parameters]
    values = dict(zip(f.python_parameters, arrays, strict=True))
    s = _best(lambda: f(**values), 3)
    return {"points": POINTS, "extra": {"build_s": build, "build_cpu_s": cpu,
                                        "steady_state_s": derive, "points_per_s": POINTS / s}}


def accuracy() -> dict:
    """Max relative error against exact rational evaluation, per form and backend."""
    import sympy

    import symflux as sf
    from symflux.kernels import Kernel

    extra = {}
    for label, lines in (("K4", K4), ("K5", [f"{i} <-> {j}" for i in range(1, 6)
                                               for j in range(i + 1, 6)])):
        d = sf.steady_state(sf.kinetic_graph(lines))
        rng = np.random.default_rng(2)
        points = [{s: sympy.Rational(int(rng.integers(1, 10**6)), 10**3) ** int(e)
                   for s, e in zip(d.parameters, rng.integers(-1, 2, len(d.parameters)),
                                   strict=True)} for _ in range(5)]
        exact = [d["p_1"].subs(p) for p in points]
        for form, expr in (("results", d["p_1"]), ("compact", d.evaluation_form("p_1"))):
            for backend in ("numpy", "numba"):
                k = Kernel("p_1", expr, d.parameters, backend=backend)
                worst = max(abs(k({s.name: float(v) for s, v in p.items()}) / float(x) - 1)
                            for p, x in zip(points, exact, strict=True))
                extra[f"{label} {form} {backend}"] = float(worst)
    return {"extra": extra}


CASES: list[dict] = [
    {"name": "K4 p_1 numba kernel, 10^6 points, vs null-kernel floor", "group": "kernels",
     "ours": "ours_k4_numba", "peer": "floor_k4"},
    {"name": "K4 p_1 numba kernel, 10^6 points, vs batched numpy.linalg.solve",
     "group": "kernels", "ours": "ours_k4_numba", "peer": "solve_k4"},
    {"name": "K4 p_1 numpy kernel, 10^6 points", "group": "kernels", "ours": "ours_k4_numpy",
     "peer": "floor_k4"},
    {"name": "K7 p_1 numba kernel build", "group": "kernels", "ours": "ours_k7_build",
     "timeout": 400},
    {"name": "p_1 accuracy vs exact rationals", "group": "kernels", "ours": "accuracy",
     "timeout": 300},
]

COLUMNS = [("our points/s", "ours:points_per_s"), ("peer points/s", "peer:points_per_s"),
           ("ours / peer (points/s)", "ratio_inv:points_per_s"),
           ("same-process floor points/s", "ours:floor_points_per_s"),
           ("time / floor (same process)", "ours:time_over_floor"),
           ("× solve (same process)", "ours:speedup_over_solve"),
           ("build s", "ours:build_s"), ("steady_state s", "ours:steady_state_s")]

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _standalone import main

    rows = main("kernels", CASES, COLUMNS)
    for row in rows:
        if row["name"].startswith("p_1 accuracy") and row["ours"]["status"] == "ok":
            for k, v in row["ours"]["extra"].items():
                print(f"  {k:<24} max relative error {v:.2e}")
