"""Transport-network benchmark cases: grids and ladders, symflux against lcapy.

Interface for benchmarks/run.py: ``CASES`` lists dicts with ``name``, ``group``,
``ours`` (a zero-argument function here returning metrics) and optionally ``peer``
(run under the peers' venv; it imports lcapy, never symflux) and ``timeout``.
Run standalone with ``python benchmarks/cases/transport.py`` (ours only) to print a table.
"""

import time

# imported by the child before the clock starts (symflux's public names load lazily, so
# the first derivation would otherwise pay for importing the transport package, ~0.45 s)
PRELOAD = ["symflux", "symflux.dispatch", "symflux.transport", "symflux.transport.nodal",
           "symflux.transport.paths", "symflux.transport.continued", "lcapy"]

LCAPY_TIMEOUT = 300
#: lcapy did not finish the 8-rung ladder in 120 s in issue 15
LADDER_TIMEOUT = 180


def _grid_edges(n):
    edges, k = [], 0
    for i in range(n):
        for j in range(n):
            for di, dj in ((0, 1), (1, 0)):
                if i + di < n and j + dj < n:
                    edges.append((f"n{i}_{j}", f"n{i + di}_{j + dj}", f"R_{k}"))
                    k += 1
    return edges


def _ladder_edges(rungs):
    edges = []
    for i in range(1, rungs + 1):
        edges.append((f"t{i - 1}", f"t{i}", f"R_{i}"))
        edges.append((f"t{i}", "g", f"S_{i}"))
    return edges


def _terms(expr):
    import sympy

    top, bottom = sympy.fraction(expr)
    return len(sympy.Add.make_args(top)) + len(sympy.Add.make_args(bottom))


def _ours_grid_reff(n):
    import symflux as sf

    t = time.perf_counter()
    d = sf.effective_resistance(sf.transport_network(_grid_edges(n)), "n0_0",
                                f"n{n - 1}_{n - 1}")
    return {"time": time.perf_counter() - t, "terms": _terms(d["R_eff"])}


def _ours_grid_potentials(n):
    import symflux as sf

    t = time.perf_counter()
    T = sf.transport_network(_grid_edges(n), potentials={"n0_0": "V", f"n{n - 1}_{n - 1}": "0"})
    d = sf.nodal_analysis(T)
    return {"time": time.perf_counter() - t, "extra": {"results": len(d.results)}}


def _ours_ladder_reff(rungs):
    import symflux as sf

    t = time.perf_counter()
    d = sf.effective_resistance(sf.transport_network(_ladder_edges(rungs)), "t0", "g")
    elapsed = time.perf_counter() - t
    from symflux.transport.elimination import dag_size, tree_size

    return {"time": elapsed, "extra": {"tree_size": tree_size(d["R_eff"]),
                                       "dag_size": dag_size(d["R_eff"])}}


def _ours_ladder_potentials(rungs):
    import symflux as sf

    t = time.perf_counter()
    T = sf.transport_network(_ladder_edges(rungs), potentials={"t0": "V", "g": "0"})
    d = sf.nodal_analysis(T)
    return {"time": time.perf_counter() - t, "extra": {"results": len(d.results)}}


def _chain_edges(n):
    return [(f"n{i - 1}", f"n{i}", f"R_{i}") for i in range(1, n + 1)]


def _ours_chain(n, potentials):
    import symflux as sf
    from symflux.limits import LIMITS

    saved = LIMITS["states"]
    LIMITS["states"] = max(saved, n + 1)   # a chain of 10⁴ resistors has 10⁴ + 1 nodes
    try:
        t = time.perf_counter()
        if potentials:
            T = sf.transport_network(_chain_edges(n), potentials={"n0": "V", f"n{n}": "0"})
            built = time.perf_counter()
            d = sf.nodal_analysis(T)
        else:
            T = sf.transport_network(_chain_edges(n))
            built = time.perf_counter()
            d = sf.effective_resistance(T, "n0", f"n{n}")
        done = time.perf_counter()
    finally:
        LIMITS["states"] = saved
    return {"time": done - t, "extra": {"network": built - t, "solve": done - built,
                                        "results": len(d.results)}}


def _peer_grid(n, potentials):
    import lcapy

    lines, k = [], 0
    for i in range(n):
        for j in range(n):
            for di, dj in ((0, 1), (1, 0)):
                if i + di < n and j + dj < n:
                    a, b = i * n + j + 1, (i + di) * n + j + dj + 1
                    last = n * n   # the far corner is lcapy's ground, node 0
                    lines.append(f"R{k} {a % last} {b % last} R_{k}")
                    k += 1
    t = time.perf_counter()
    if potentials:
        lines.append("V1 1 0 V")
        cct = lcapy.Circuit("\n".join(lines))
        voltages = [cct[node].V for node in range(2, n * n)]
        del voltages
    else:
        cct = lcapy.Circuit("\n".join(lines))
        cct.impedance(1, 0)
    return {"time": time.perf_counter() - t}


def _peer_ladder(rungs, potentials):
    import lcapy

    # series R_i from node i-1 to i, rung S_i from node i to ground (lcapy's node 0);
    # the input is node 1 (t0), so t_i is node i + 1
    lines = []
    for i in range(1, rungs + 1):
        lines.append(f"R{i} {i} {i + 1} R_{i}")
        lines.append(f"Rs{i} {i + 1} 0 S_{i}")
    t = time.perf_counter()
    if potentials:
        lines.append("V1 1 0 V")
        cct = lcapy.Circuit("\n".join(lines))
        voltages = [cct[node].V for node in range(2, rungs + 2)]
        del voltages
    else:
        cct = lcapy.Circuit("\n".join(lines))
        cct.impedance(1, 0)
    return {"time": time.perf_counter() - t}


def peer_ladder8_reff():
    return _peer_ladder(8, False)


def peer_ladder8_potentials():
    return _peer_ladder(8, True)


def ours_grid3_reff():
    return _ours_grid_reff(3)


def ours_grid4_reff():
    return _ours_grid_reff(4)


def ours_grid3_potentials():
    return _ours_grid_potentials(3)


def ours_ladder8():
    return _ours_ladder_reff(8)


def ours_ladder16():
    return _ours_ladder_reff(16)


def ours_ladder32():
    return _ours_ladder_reff(32)


def ours_ladder64():
    return _ours_ladder_reff(64)


def ours_ladder8_potentials():
    return _ours_ladder_potentials(8)


def ours_ladder16_potentials():
    return _ours_ladder_potentials(16)


def ours_ladder32_potentials():
    return _ours_ladder_potentials(32)


def ours_ladder64_potentials():
    return _ours_ladder_potentials(64)


def ours_chain10000_reff():
    return _ours_chain(10_000, False)


def ours_chain10000_potentials():
    return _ours_chain(10_000, True)


def peer_grid3_reff():
    return _peer_grid(3, False)


def peer_grid3_potentials():
    return _peer_grid(3, True)


def peer_grid4_reff():
    return _peer_grid(4, False)


CASES = [
    {"name": "3x3 grid R_eff", "group": "transport", "ours": "ours_grid3_reff",
     "peer": "peer_grid3_reff", "timeout": LCAPY_TIMEOUT},
    {"name": "3x3 grid potentials", "group": "transport", "ours": "ours_grid3_potentials",
     "peer": "peer_grid3_potentials", "timeout": LCAPY_TIMEOUT},
    {"name": "4x4 grid R_eff", "group": "transport", "ours": "ours_grid4_reff",
     "peer": "peer_grid4_reff", "timeout": LCAPY_TIMEOUT},
    {"name": "ladder 8 rungs R_eff", "group": "transport", "ours": "ours_ladder8",
     "peer": "peer_ladder8_reff", "timeout": LADDER_TIMEOUT},
    {"name": "ladder 16 rungs R_eff", "group": "transport", "ours": "ours_ladder16"},
    {"name": "ladder 32 rungs R_eff", "group": "transport", "ours": "ours_ladder32"},
    {"name": "ladder 64 rungs R_eff", "group": "transport", "ours": "ours_ladder64"},
    {"name": "ladder 8 rungs potentials", "group": "transport",
     "ours": "ours_ladder8_potentials", "peer": "peer_ladder8_potentials",
     "timeout": LADDER_TIMEOUT},
    {"name": "ladder 16 rungs potentials", "group": "transport",
     "ours": "ours_ladder16_potentials"},
    {"name": "ladder 32 rungs potentials", "group": "transport",
     "ours": "ours_ladder32_potentials"},
    {"name": "ladder 64 rungs potentials", "group": "transport",
     "ours": "ours_ladder64_potentials"},
    {"name": "chain of 10000 resistors R_eff", "group": "transport",
     "ours": "ours_chain10000_reff"},
    {"name": "chain of 10000 resistors potentials", "group": "transport",
     "ours": "ours_chain10000_potentials"},
]


if __name__ == "__main__":  # ours only, printed; benchmarks/run.py writes the results
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
    for case in CASES:
        metrics = globals()[case["ours"]]()
        print(f"| {case['name']} | {metrics['time']:.3f} s | {metrics.get('terms', '')} |",
              flush=True)
