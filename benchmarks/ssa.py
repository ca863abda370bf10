"""Jumps per second of symflux's Gillespie simulation against the alternatives, in one run.

Models: the 3-state cycle of THEORY.md §4 problem 1 and a 20-state ring. Contenders:

* ``symflux.simulate`` (one long trajectory) and ``symflux.simulate_ensemble``;
* a plain Python per-jump loop (the direct method as one writes it by hand);
* gillespy2 (``NumPySSASolver`` and the compiled ``SSACSolver``), if installed. It does
  not report how many jumps it made, so its count is the expected one, the stationary
  activity ``Σ_i p_i r_i`` times the duration (computed here from the generator).

Run from the repository root: ``python benchmarks/ssa.py``. Writes
``benchmarks/results/ssa.json`` and ``benchmarks/results/ssa.md``.
"""

from __future__ import annotations

import json
import os
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import symflux as sf
from symflux.numerics import stationary_distribution
from symflux.numerics.jump_chain import compile_scheme

OUT = Path(__file__).resolve().parent / "results"


def models():
    cycle = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    cycle_rates = {"k_12": 2.0, "k_21": 1.0, "k_23": 3.0, "k_32": 1.0, "k_31": 4.0,
                   "k_13": 0.5}
    n = 20
    ring = sf.kinetic_graph([f"{i} <-> {i % n + 1}" for i in range(1, n + 1)])
    rng = np.random.default_rng(0)
    ring_rates = {d["rate"]: float(rng.uniform(0.5, 2.0)) for *_, d in ring.edges(data=True)}
    return {"3-state cycle": (cycle, cycle_rates), "20-state ring": (ring, ring_rates)}


def activity(G, values) -> float:
    """Mean number of jumps per unit time at stationarity."""
    scheme = compile_scheme(G, values)
    p = stationary_distribution(G, values)
    return float(sum(p[s] * scheme.exit[i] for i, s in enumerate(scheme.states)))


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        jumps = fn()
        times.append(time.perf_counter() - t)
    return jumps, min(times)


def python_loop(G, values, n_jumps, seed=0):
    """The direct method, one Python iteration per jump."""
    scheme = compile_scheme(G, values)
    out = {s: [] for s in range(len(scheme.states))}
    for c in range(len(scheme.channels)):
        out[int(scheme.source[c])].append((float(scheme.rates[c]), int(scheme.target[c])))
    rnd = random.Random(seed)
    state, t = 0, 0.0
    path, times = [], []
    for _ in range(n_jumps):
        channels = out[state]
        total = sum(r for r, _ in channels)
        t += rnd.expovariate(total)
        u = rnd.random() * total
        acc, chosen = 0.0, channels[-1][1]
        for r, target in channels:
            acc += r
            if u < acc:
                chosen = target
                break
        state = chosen
        path.append(state)
        times.append(t)
    return n_jumps


def gillespy2_runner(G, values, solver_name, t_end):
    import gillespy2

    scheme = compile_scheme(G, values)
    model = gillespy2.Model(name="scheme")
    names = {}
    for c in range(len(scheme.channels)):
        names[c] = f"k{c}"
        model.add_parameter(gillespy2.Parameter(name=f"k{c}",
                                                expression=float(scheme.rates[c])))
    species = [gillespy2.Species(name=f"S{i}", initial_value=int(i == 0), mode="discrete")
               for i in range(len(scheme.states))]
    model.add_species(species)
    for c in range(len(scheme.channels)):
        model.add_reaction(gillespy2.Reaction(
            name=f"r{c}", reactants={f"S{scheme.source[c]}": 1},
            products={f"S{scheme.target[c]}": 1}, rate=names[c]))
    # The solver (SSAC compiles C++ here, outside the timing) keeps the timespan it
    # was built with, so set the final one first.
    model.timespan(np.linspace(0.0, t_end, 11))
    solver = (gillespy2.SSACSolver(model=model) if solver_name == "SSACSolver"
              else gillespy2.NumPySSASolver(model=model))

    def run():
        result = model.run(solver=solver, number_of_trajectories=1, seed=1)
        assert abs(result[0]["time"][-1] - t_end) <= 1.0, result[0]["time"][-1]

    return run


def main():
    results = {"python": platform.python_version(), "numpy": np.__version__,
               "machine": platform.machine(), "models": {}}
    try:
        import gillespy2
        results["gillespy2"] = gillespy2.__version__
    except ImportError:
        gillespy2 = None
        results["gillespy2"] = None
    for label, (G, values) in models().items():
        row = {}
        sf.simulate(G, values, n_jumps=1000, seed=0)  # warm up
        n, dt = best_of(lambda G=G, values=values: sf.simulate(
            G, values, n_jumps=2 * 10**6, seed=1).n_jumps)
        row["symflux simulate (1 trajectory)"] = n / dt
        n, dt = best_of(lambda G=G, values=values: sum(t.n_jumps for t in sf.simulate_ensemble(
            G, values, n_jumps=2000, n_trajectories=1000, seed=1)))
        row["symflux simulate_ensemble (1000 trajectories)"] = n / dt
        n, dt = best_of(lambda G=G, values=values: python_loop(G, values, 2 * 10**5), 2)
        row["plain Python per-jump loop"] = n / dt
        if gillespy2 is not None:
            a = activity(G, values)
            for solver, jumps in [("NumPySSASolver", 2 * 10**5), ("SSACSolver", 2 * 10**6)]:
                run = gillespy2_runner(G, values, solver, jumps / a)
                _, dt = best_of(run, 2)
                row[f"gillespy2 {solver} (expected jumps)"] = jumps / dt
        results["models"][label] = row
        print(label)
        for k, v in row.items():
            print(f"  {k:<48} {v:12.3e} jumps/s")
    OUT.mkdir(exist_ok=True)
    # The machine is shared: the load says how much the numbers may be depressed.
    results["load_average_1min"] = os.getloadavg()[0]
    (OUT / "ssa.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = ["# Gillespie simulation speed (jumps per second, one core, best of runs)", "",
             f"Python {results['python']}, NumPy {results['numpy']}, gillespy2 "
             f"{results['gillespy2'] or 'not installed'}; load average "
             f"{results['load_average_1min']:.1f} at the end of the run (a shared machine: "
             "absolute numbers vary, ratios within one run are the point). Ratio: symflux "
             "simulate over each contender.", ""]
    for label, row in results["models"].items():
        ours = row["symflux simulate (1 trajectory)"]
        lines += [f"## {label}", "", "| simulator | jumps/s | symflux simulate / it |",
                  "|---|---:|---:|"]
        for k, v in row.items():
            lines.append(f"| {k} | {v:.3g} | {ours / v:.3g} |")
        lines.append("")
    (OUT / "ssa.md").write_text("\n".join(lines))
    print("wrote", OUT / "ssa.json", "and", OUT / "ssa.md")


if __name__ == "__main__":
    main()
