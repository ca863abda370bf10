"""Closed-form steady states: symflux against kda 0.3.0, side by side in one process.

For each scheme both tools derive the symbolic state probabilities; the time is the
best of ``--repeat`` runs. Each tool's p_1 is then evaluated at random rates and
compared with the GTH stationary distribution (symflux.numerics), so the table also
says whether the answer was right. Writes benchmarks/results/kinetics.json and .md.

    pip install kda        # the peer; not a symflux dependency
    python benchmarks/kinetics.py
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import networkx as nx
import numpy as np
import sympy

import symflux as sf
from symflux.numerics import stationary_distribution

RESULTS = Path(__file__).resolve().parent / "results"


def ring(n):
    return [(i, i % n + 1) for i in range(1, n + 1)] + [(i % n + 1, i) for i in range(1, n + 1)]


def complete(n):
    return [(i, j) for i in range(1, n + 1) for j in range(1, n + 1) if i != j]


CASES = {"ring-3": (3, ring(3)), "ring-6": (6, ring(6)), "ring-9": (9, ring(9)),
         "ring-11": (11, ring(11)), "complete-4": (4, complete(4)),
         "complete-5": (5, complete(5))}


def best_of(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def symflux_case(n, edges, repeat):
    G = sf.kinetic_graph([(u, v, sf.symbol(f"k_{{{u},{v}}}")) for u, v in edges])
    seconds, d = best_of(lambda: sf.steady_state(G), repeat)
    return seconds, G, d


def kda_case(n, edges, repeat):
    from kda import calculations, graph_utils

    names = np.full((n, n), "0", dtype=object)
    vals = np.zeros((n, n))
    for u, v in edges:
        names[u - 1, v - 1] = f"k{u}{v}"      # kda's own naming: k111 is 1→11 and 11→1
        vals[u - 1, v - 1] = 1.0
    G = nx.MultiDiGraph()
    graph_utils.generate_edges(G, vals, names)

    def run():
        return calculations.calc_state_probs(G, key="name", output_strings=True)

    return best_of(run, repeat)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        import kda  # noqa: F401
        have_kda = True
    except ImportError:
        have_kda = False
    rng = np.random.default_rng(0)
    rows = []
    for name, (n, edges) in CASES.items():
        t_sf, G, d = symflux_case(n, edges, args.repeat)
        values = {data["rate"]: float(10 ** rng.uniform(-2, 2)) for _, _, data in
                  G.edges(data=True)}
        exact = stationary_distribution(G, values)
        p1 = d.kernel("p_1")(values)
        row = {"case": name, "states": n, "edges": len(edges),
               "symflux_s": t_sf, "symflux_p1_rel_error": abs(p1 - exact[1]) / exact[1]}
        if have_kda:
            t_kda, exprs = kda_case(n, edges, args.repeat)
            by_name = {sympy.Symbol(f"k{u}{v}"): values[sf.symbol(f"k_{{{u},{v}}}")]
                       for u, v in edges}
            p1_kda = float(exprs[0].xreplace(by_name))
            row.update(kda_s=t_kda, kda_p1_rel_error=abs(p1_kda - exact[1]) / exact[1],
                       speedup=t_kda / t_sf)
        rows.append(row)
        print(row, flush=True)
    RESULTS.mkdir(exist_ok=True)
    meta = {"python": platform.python_version(), "machine": platform.machine(),
            "sympy": sympy.__version__, "repeat": args.repeat}
    (RESULTS / "kinetics.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    lines = ["| scheme | states | symflux (s) | kda (s) | kda / symflux | p_1 error symflux |"
             " p_1 error kda |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['case']} | {r['states']} | {r['symflux_s']:.3f} | "
            + (f"{r['kda_s']:.3f} | {r['speedup']:.1f}× | " if "kda_s" in r else "— | — | ")
            + f"{r['symflux_p1_rel_error']:.1e} | "
            + (f"{r['kda_p1_rel_error']:.1e} |" if "kda_s" in r else "— |"))
    (RESULTS / "kinetics.md").write_text(
        "# Symbolic steady state: symflux vs kda 0.3.0\n\n"
        f"Best of {args.repeat} runs, one process; p_1 errors are relative to the GTH "
        "stationary distribution at random rates (log-uniform over 4 decades).\n\n"
        + "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
