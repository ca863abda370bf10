"""Property tests on random resistor networks: closed forms against a numeric linear solve."""

import itertools

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.numerics.resistor_network import solve_network
from symflux.testing.strategies import resistor_networks

networks = resistor_networks  # the shared strategy (symflux.testing.strategies)


def _numeric_resistances(T, numbers):
    return {(u, v, k): float(d["resistance"].xreplace(numbers))
            for u, v, k, d in T.edges(keys=True, data=True)}


@settings(max_examples=30)
@given(networks(), st.floats(-5, 5), st.floats(-5, 5))
def test_closed_form_potentials_equal_a_numeric_solve_and_conserve_flux(net, p1, p2):
    spec, numbers, n = net
    T = sf.transport_network(spec, potentials={"n0": "phi_a", f"n{n - 1}": "phi_b"},
                             symbols={"phi_a": sf.symbol("phi_a", real=True),
                                      "phi_b": sf.symbol("phi_b", real=True)})
    d = sf.nodal_analysis(T)
    values = dict(numbers)
    values[sf.symbol("phi_a", real=True)] = p1
    values[sf.symbol("phi_b", real=True)] = p2
    phi = solve_network(T, _numeric_resistances(T, numbers), {"n0": p1, f"n{n - 1}": p2}, {})
    scale = max(abs(p1), abs(p2), 1e-12)
    for node in T.nodes:
        if f"phi_{node}" in d:
            assert abs(float(d[f"phi_{node}"].xreplace(values)) - phi[node]) <= 1e-9 * scale
    # Kirchhoff's current law with the closed-form edge fluxes at every free node
    flows = {}
    for name, q in d.quantities.items():
        if q.kind == "edge_flux":
            u, v, _ = q.args
            j = float(d[name].xreplace(values))
            flows[u] = flows.get(u, 0.0) + j
            flows[v] = flows.get(v, 0.0) - j
    for node in T.nodes:
        if node not in ("n0", f"n{n - 1}"):
            assert abs(flows.get(node, 0.0)) <= 1e-9 * (1 + sum(abs(x) for x in flows.values()))


def _reff(T, a, b, numbers):
    return float(sf.effective_resistance(T, a, b)["R_eff"].xreplace(numbers))


def _numeric_reff(T, numbers, a, b):
    phi = solve_network(T, _numeric_resistances(T, numbers), {b: 0.0}, {a: 1.0})
    return phi[a]


@settings(max_examples=30)
@given(networks())
def test_effective_resistance_equals_unit_current_solve(net):
    spec, numbers, n = net
    T = sf.transport_network(spec)
    expected = _numeric_reff(T, numbers, "n0", f"n{n - 1}")
    assert np.isclose(_reff(T, "n0", f"n{n - 1}", numbers), expected, rtol=1e-10)


@settings(max_examples=10)
@given(networks(max_nodes=4), networks(max_nodes=4))
def test_series_and_parallel_rules(net1, net2):
    spec1, num1, n1 = net1
    spec2, num2, n2 = net2
    # rename the second network's resistances and nodes
    spec2 = [(u.replace("n", "m"), v.replace("n", "m"), r.replace("R_", "S_"))
             for u, v, r in spec2]
    num2 = {sf.symbol(s.name.replace("R_", "S_")): x for s, x in num2.items()}
    numbers = {**num1, **num2}
    r1 = _reff(sf.transport_network(spec1), "n0", f"n{n1 - 1}", num1)
    r2 = _reff(sf.transport_network(spec2), "m0", f"m{n2 - 1}", num2)
    # series: the end of the first is the start of the second
    glue = [(u, v if v != "m0" else f"n{n1 - 1}", r) for u, v, r in spec2]
    glue = [(u if u != "m0" else f"n{n1 - 1}", v, r) for u, v, r in glue]
    series = sf.transport_network(spec1 + glue)
    assert np.isclose(_reff(series, "n0", f"m{n2 - 1}", numbers), r1 + r2, rtol=1e-10)
    # parallel: both start at n0 and end at the first's end
    par = [(u.replace("m0", "n0").replace(f"m{n2 - 1}", f"n{n1 - 1}"),
            v.replace("m0", "n0").replace(f"m{n2 - 1}", f"n{n1 - 1}"), r) for u, v, r in spec2]
    parallel = sf.transport_network(spec1 + par)
    assert np.isclose(_reff(parallel, "n0", f"n{n1 - 1}", numbers), r1 * r2 / (r1 + r2),
                      rtol=1e-10)


@settings(max_examples=30)
@given(networks(), st.data())
def test_rayleigh_monotonicity(net, data):
    spec, numbers, n = net
    T = sf.transport_network(spec)
    formula = sf.effective_resistance(T, "n0", f"n{n - 1}")["R_eff"]
    which = data.draw(st.sampled_from(sorted(numbers, key=lambda s: s.name)))
    factor = data.draw(st.floats(1.0, 100.0))
    before = float(formula.xreplace(numbers))
    bigger = dict(numbers)
    bigger[which] = numbers[which] * factor
    after = float(formula.xreplace(bigger))
    assert after >= before * (1 - 1e-12)
    # and the effective resistance never exceeds the resistance of any one path
    path = nx.shortest_path(nx.Graph(T), "n0", f"n{n - 1}")
    along = sum(min(float(d["resistance"].xreplace(numbers))
                    for d in T.get_edge_data(u, v).values()) for u, v in itertools.pairwise(path))
    assert before <= along * (1 + 1e-12)
