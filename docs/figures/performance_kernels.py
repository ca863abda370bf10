"""Figures of docs/performance.md: K4 p_1 points/s against the floor, SSA µs/jump.

Run from the repository root after ``python benchmarks/cases/ssa.py``:
``python docs/figures/performance_kernels.py``. The kernel curve is measured here (one
process, the competitors' calls interleaved); the SSA curve is read from
``benchmarks/results/ssa.json``. Writes ``kernels_points_per_s.svg``,
``ssa_us_per_jump.svg`` and ``benchmarks/results/kernels_scaling.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent

from benchmarks.cases import kernels as K  # noqa: E402


def kernel_curve():
    import symflux as sf

    d = sf.steady_state(sf.kinetic_graph(K.K4))
    fast, slow = d.kernel("p_1", backend="numba"), d.kernel("p_1")
    null = K._null_kernel()
    rows = []
    for n in (10**3, 10**4, 10**5, 10**6, 4 * 10**6):
        arrays = K._inputs(n)
        values = dict(zip(fast.python_parameters, arrays, strict=True))
        repeat = max(3, min(50, 10**7 // n))
        fns = [lambda v=values: fast(**v), lambda a=arrays: null(a),
               lambda v=values: slow(**v)]
        if n <= 10**6:
            fns.append(lambda a=arrays: K._solve_p1(a))
        times = K._interleaved(fns, repeat)
        row = {"points": n, "numba": n / times[0], "floor": n / times[1], "numpy": n / times[2]}
        if n <= 10**6:
            row["solve"] = n / times[3]
        rows.append(row)
        print(row, flush=True)
    return rows


def plot_kernels(rows):
    fig, ax = plt.subplots(figsize=(6, 4))
    labels = {"floor": "null kernel (reads 12, writes 1): the floor",
              "numba": "symflux kernel, backend='numba'", "numpy": "symflux kernel, numpy",
              "solve": "batched numpy.linalg.solve"}
    for key, style in (("floor", "k--"), ("numba", "o-"), ("numpy", "s-"), ("solve", "^-")):
        pts = [(r["points"], r[key]) for r in rows if key in r]
        ax.loglog(*zip(*pts, strict=True), style, label=labels[key])
    ax.set_xlabel("points per call")
    ax.set_ylabel("points / s")
    ax.set_title("K4 p_1 (12 rate constants), one core")
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(HERE / "kernels_points_per_s.svg")


def plot_ssa():
    data = json.loads((ROOT / "benchmarks" / "results" / "ssa.json").read_text())
    series: dict[str, dict[int, float]] = {"symflux simulate": {}}
    for row in data["rows"]:
        n = 3 if "3-state" in row["name"] else int(row["name"].split("-state")[0].split()[-1])
        peer = "minimal numba loop" if "numba loop" in row["name"] else "GillesPy2 SSACSolver"
        for label, side in (("symflux simulate", row["ours"]), (peer, row.get("peer"))):
            if side and side["status"] == "ok":
                series.setdefault(label, {})[n] = side["extra"]["us_per_jump"]
    fig, ax = plt.subplots(figsize=(6, 4))
    for label, style in (("symflux simulate", "o-"), ("minimal numba loop", "k--"),
                         ("GillesPy2 SSACSolver", "^-")):
        pts = sorted(series.get(label, {}).items())
        if pts:
            ax.loglog(*zip(*pts, strict=True), style, label=label)
    ax.set_xlabel("states (3-state cycle, then rings)")
    ax.set_ylabel("µs per jump")
    ax.set_title("Gillespie direct method, one trajectory, 2·10⁶ jumps\n"
                 "(SSACSolver at 1,000 states: 2·10⁵)", fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(HERE / "ssa_us_per_jump.svg")


if __name__ == "__main__":
    rows = kernel_curve()
    (ROOT / "benchmarks" / "results" / "kernels_scaling.json").write_text(
        json.dumps(rows, indent=2) + "\n")
    plot_kernels(rows)
    plot_ssa()
    print("wrote", HERE / "kernels_points_per_s.svg", "and", HERE / "ssa_us_per_jump.svg")
