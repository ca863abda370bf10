"""Forest-sum closed forms against the reference path (Berkowitz minors) and numerics."""

import networkx as nx
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.transport import closed_form
from symflux.transport.forests import spanning_tree_count, spanning_trees
from symflux.transport.tree_sums import _Writer


def _reference_reff(T, a, b):
    """The old path: ratio of Laplacian minors by Berkowitz, in the resistances."""
    nodes = list(T.nodes)
    L = sympy.zeros(len(nodes), len(nodes))
    for u, v, d in T.edges(data=True):
        i, j, g = nodes.index(u), nodes.index(v), 1 / d["resistance"]
        L[i, i] += g
        L[j, j] += g
        L[i, j] -= g
        L[j, i] -= g
    ia, ib = nodes.index(a), nodes.index(b)
    keep_a = [i for i in range(len(nodes)) if i != ia]
    keep_ab = [i for i in keep_a if i != ib]
    return L.extract(keep_ab, keep_ab).det(method="berkowitz") / L.extract(
        keep_a, keep_a).det(method="berkowitz")


@st.composite
def networks(draw):
    n = draw(st.integers(3, 6))
    edges = [(draw(st.integers(0, i - 1)), i) for i in range(1, n)]
    for _ in range(draw(st.integers(1, 5))):
        u, v = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if u != v:
            edges.append((u, v))
    return n, edges


@settings(max_examples=25)
@given(networks())
def test_tree_enumeration_matches_the_matrix_tree_count(net):
    n, edges = net
    trees = spanning_trees(n, edges)
    assert len(set(trees)) == len(trees) == round(spanning_tree_count(n, edges))
    G = nx.MultiGraph(edges)
    assert len(trees) == round(nx.number_of_spanning_trees(G))


@pytest.mark.slow  # sympy.cancel of 12-edge networks: 10-70 s
@settings(max_examples=20)
@given(networks(), st.lists(st.floats(0.1, 10), min_size=12, max_size=12))
def test_effective_resistance_equals_reference_and_kirchhoff_solve(net, values):
    n, edges = net
    spec = [(f"n{u}", f"n{v}", f"R_{i}") for i, (u, v) in enumerate(edges)]
    T = sf.transport_network(spec)
    d = sf.effective_resistance(T, "n0", f"n{n - 1}")
    ref = _reference_reff(T, "n0", f"n{n - 1}")
    assert sympy.cancel(d["R_eff"] - ref) == 0
    numbers = {sf.symbol(f"R_{i}"): values[i] for i in range(len(edges))}
    # numerical Kirchhoff solve: unit current in at n0, out at the last node
    L = np.zeros((n, n))
    for i, (u, v) in enumerate(edges):
        g = 1 / values[i]
        L[u, u] += g
        L[v, v] += g
        L[u, v] -= g
        L[v, u] -= g
    rhs = np.zeros(n - 1)
    rhs[0] = 1.0
    phi = np.linalg.solve(L[:-1, :-1], rhs)
    assert np.isclose(float(d["R_eff"].xreplace(numbers)), phi[0], rtol=1e-9)


def test_fast_writer_builds_the_canonical_sum():
    R = sympy.symbols("R_0:9", positive=True)
    terms = {0b000000111: 1, 0b100100001: -1, 0b011000100: 1, 0b000110010: -1,
             0b110000001: 1}
    fast = _Writer(list(R)).poly(terms)
    slow = sympy.Add(*(c * sympy.Mul(*(R[e] for e in range(9) if m >> e & 1))
                       for m, c in terms.items()))
    assert fast == slow and fast.args == slow.args


def test_wheatstone_bridge_textbook_and_validation():
    T = sf.transport_network([("a", "c", "R_1"), ("a", "d", "R_2"), ("c", "d", "R_5"),
                              ("c", "b", "R_3"), ("d", "b", "R_4")],
                             potentials={"a": "V", "b": "0"})
    R1, R2, R3, R4, R5 = sympy.symbols("R_1:6", positive=True)
    V = sf.symbol("V")
    d = sf.nodal_analysis(T)
    expected = V * (R2 * R3 - R1 * R4) / (R1 * R2 * (R3 + R4) + R3 * R4 * (R1 + R2)
                                         + R5 * (R1 + R3) * (R2 + R4))
    assert sympy.simplify(d["J_cd"] - expected) == 0
    assert d.validate(points=3).passed


def test_3x3_grid_potentials_expanded_equal_nested_and_validate():
    edges, k = [], 0
    for i in range(3):
        for j in range(3):
            for di, dj in ((0, 1), (1, 0)):
                if i + di < 3 and j + dj < 3:
                    edges.append((f"n{i}{j}", f"n{i + di}{j + dj}", f"R_{k}"))
                    k += 1
    T = sf.transport_network(edges, potentials={"n00": "V", "n22": "0"})
    d = sf.nodal_analysis(T)
    assert d.validate(points=2).passed
    model = sf.transport.network.transport_model(T)
    old = closed_form.EXPANDED_MAX_TERMS
    try:
        closed_form.EXPANDED_MAX_TERMS = 0
        nested, _, note = closed_form.potentials_form(model, [sf.symbol("V")])
    finally:
        closed_form.EXPANDED_MAX_TERMS = old
    assert note is not None
    rng = np.random.default_rng(1)
    values = {s: float(rng.uniform(0.5, 2)) for s in d.parameters}
    for n, expr in nested.items():
        assert np.isclose(float(expr.xreplace(values)),
                          float(d[f"phi_{n}"].xreplace(values)), rtol=1e-10)


def test_a_wrong_forest_form_fails_validation():
    from dataclasses import replace

    T = sf.transport_network([("a", "c", "R_1"), ("a", "d", "R_2"), ("c", "d", "R_5"),
                              ("c", "b", "R_3"), ("d", "b", "R_4")])
    d = sf.effective_resistance(T, "a", "b")
    wrong = replace(d, results={"R_eff": d["R_eff"] * 1.01})
    assert d.validate(points=3).passed and not wrong.validate(points=3).passed


@pytest.mark.parametrize("n", [2, 3])
def test_square_grid_counts(n):
    G = nx.grid_2d_graph(n, n)
    idx = {v: i for i, v in enumerate(G)}
    assert len(spanning_trees(len(idx), [(idx[u], idx[v]) for u, v in G.edges])) == {
        2: 4, 3: 192}[n]
