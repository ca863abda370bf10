"""Continued-fraction forms of series–parallel networks (issue 15): ladders and long chains.

Every fast form is compared symbolically with the reference route on small inputs: the
textbook reduction for effective resistances, the expanded spanning-forest sums of
``nodal_analysis`` for potentials and fluxes.
"""

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.limits import LIMITS
from symflux.transport.continued import (
    FLAT_PREFIX_MAX,
    decompose,
    divider_solution,
    nested_resistance,
    prefix_sums,
)
from symflux.transport.elimination import dag_size, tree_size
from symflux.transport.network import transport_model
from symflux.transport.nodal import edge_flux_name, potential_name
from symflux.transport.reductions import TEXTBOOK_MAX_SIZE, _textbook, series_parallel


def _ladder(rungs):
    edges = []
    for i in range(1, rungs + 1):
        edges.append((f"t{i - 1}", f"t{i}", f"R_{i}"))
        edges.append((f"t{i}", "g", f"S_{i}"))
    return edges


def _symbolic(edges):
    return [(u, v, sf.symbol(r)) for u, v, r in edges]


def _zero(expr) -> bool:
    return sympy.cancel(sympy.together(expr)) == 0


def _against_nodal(edges, a, b, phi_a, phi_b):
    """The divider solution of ``edges`` against nodal_analysis (expanded forest sums)."""
    T = sf.transport_network(edges, potentials={a: phi_a, b: phi_b})
    reference = sf.nodal_analysis(T)
    model = transport_model(T)
    tree = decompose([(u, v, r) for u, v, _, r in model.edges], (a, b))
    assert tree is not None
    phi, flux = divider_solution(tree, model.fixed[a], model.fixed[b])
    for n in model.free:
        assert _zero(phi[n] - reference[potential_name(n)]), n
    for i, (u, v, k, _) in enumerate(model.edges):
        assert _zero(flux[i] - reference[edge_flux_name(model, u, v, k)]), (u, v, k)


@pytest.mark.parametrize("rungs", range(1, 7))
def test_nested_ladder_resistance_equals_the_textbook_form(rungs):
    edges = _symbolic(_ladder(rungs))
    nested = nested_resistance(decompose(edges, ("t0", "g")))
    assert _zero(nested - _textbook(edges, ("t0", "g"), ()))


# 1–4 rungs: cancel on the expanded forest sums of 5 rungs takes 16 s, of 6 rungs 2 min
@pytest.mark.parametrize("rungs", range(1, 5))
def test_divider_potentials_of_a_ladder_equal_the_forest_sums(rungs):
    _against_nodal(_ladder(rungs), "t0", "g", "V", "0")
    _against_nodal(_ladder(rungs), "t0", "g", "phi_1", "phi_2")


def test_small_networks_keep_the_textbook_form_and_large_ones_get_the_nested_one():
    for rungs in (1, 4, 8):
        edges = _symbolic(_ladder(rungs))
        assert series_parallel(edges, ("t0", "g")) == _textbook(edges, ("t0", "g"), ())
    nine = _symbolic(_ladder(9))
    assert tree_size(_textbook(nine, ("t0", "g"), ())) > TEXTBOOK_MAX_SIZE
    got = series_parallel(nine, ("t0", "g"))
    assert got == nested_resistance(decompose(nine, ("t0", "g")))
    assert _zero(got - _textbook(nine, ("t0", "g"), ()))
    R1 = sf.symbol("R_1")
    assert str(got).startswith(f"{R1} + 1/(1/(")


def test_a_bridge_is_not_series_parallel():
    edges = [("a", "m", 1), ("m", "b", 2), ("a", "n", 3), ("n", "b", 4), ("m", "n", 5)]
    assert decompose(edges, ("a", "b")) is None
    assert series_parallel(edges, ("a", "b")) is None


@pytest.mark.parametrize("length", [3, FLAT_PREFIX_MAX, FLAT_PREFIX_MAX + 7, 200])
def test_prefix_sums_are_the_partial_sums(length):
    terms = sympy.symbols(f"x0:{length}")
    sums = prefix_sums(terms)
    assert len(sums) == length
    for j in {0, 1, length // 2, length - 2, length - 1}:
        assert sympy.expand(sums[j] - sympy.Add(*terms[:j + 1])) == 0


@pytest.mark.parametrize("length", [5, FLAT_PREFIX_MAX + 9])
def test_chain_potentials_equal_the_partial_sum_formula(length):
    edges = [(f"n{i - 1}", f"n{i}", f"R_{i}") for i in range(1, length + 1)]
    d = sf.nodal_analysis(sf.transport_network(edges, potentials={"n0": "V",
                                                                  f"n{length}": "0"}))
    R = [sf.symbol(f"R_{i}") for i in range(1, length + 1)]
    V, total = sf.symbol("V"), sympy.Add(*R)
    for j in range(1, length):
        assert _zero(d[f"phi_n{j}"] - (V - V * sympy.Add(*R[:j]) / total)), j
    assert _zero(d["J_n0,n1"] - V / total)
    assert d.validate(points=2).passed


_SP = st.recursive(st.just("edge"),
                   lambda kids: st.tuples(st.sampled_from("sp"), st.lists(kids, min_size=2,
                                                                          max_size=3)),
                   max_leaves=7)


def _realise(spec, a, b, edges, nodes):
    """Edges of the series–parallel ``spec`` between ``a`` and ``b``; nodes are fresh."""
    if spec == "edge":
        edges.append((a, b, f"R_{len(edges) + 1}"))
        return
    kind, children = spec
    if kind == "p":
        for c in children:
            _realise(c, a, b, edges, nodes)
        return
    ends = [a, *(f"m{next(nodes)}" for _ in children[1:]), b]
    for c, x, y in zip(children, ends, ends[1:], strict=False):
        _realise(c, x, y, edges, nodes)


@settings(max_examples=25, deadline=None)
@given(_SP, st.lists(st.integers(0, 30), max_size=2))
def test_random_series_parallel_networks_match_the_reference(spec, hangs):
    import itertools

    edges: list = []
    _realise(spec, "a", "b", edges, itertools.count())
    nodes = sorted({n for u, v, _ in edges for n in (u, v)})
    for k, h in enumerate(hangs):  # branches that lead nowhere
        edges.append((nodes[h % len(nodes)], f"d{k}", f"R_{len(edges) + 1}"))
    symbolic = _symbolic(edges)
    tree = decompose(symbolic, ("a", "b"))
    assert tree is not None
    assert _zero(nested_resistance(tree) - _textbook(symbolic, ("a", "b"), ()))
    _against_nodal(edges, "a", "b", "phi_1", "phi_2")


def test_the_64_rung_ladder_grows_linearly():
    sizes = {}
    for rungs in (32, 64):
        T = sf.transport_network(_ladder(rungs))
        r = sf.effective_resistance(T, "t0", "g")["R_eff"]
        T = sf.transport_network(_ladder(rungs), potentials={"t0": "V", "g": "0"})
        d = sf.nodal_analysis(T)
        sizes[rungs] = (tree_size(r), dag_size(r), dag_size(*d.results.values()))
    for small, large in zip(sizes[32], sizes[64], strict=True):
        assert large < 2.5 * small


def test_the_64_rung_ladder_validates_and_its_kernel_matches_a_linear_solve():
    T = sf.transport_network(_ladder(64))
    d = sf.effective_resistance(T, "t0", "g")
    assert d.validate(points=3).passed
    T = sf.transport_network(_ladder(64), potentials={"t0": "V", "g": "0"})
    p = sf.nodal_analysis(T)
    assert "voltage divider" in p.assumptions[-1]
    assert p.validate(points=3).passed
    # 190 levels deep: the kernel source names every 40th level (DEPTH_CUT), so neither
    # the printer nor Python's parser recurses past its limit
    rungs = 64
    d = sf.effective_resistance(sf.transport_network(_ladder(rungs)), "t0", "g")
    f = d.kernel("R_eff")
    rng = np.random.default_rng(1)
    values = {name: rng.uniform(0.5, 2.0) for name in f.parameters}
    nodes = [f"t{i}" for i in range(rungs + 1)]
    L = np.zeros((rungs + 1, rungs + 1))
    for u, v, r in _ladder(rungs):
        g = 1 / values[str(sf.symbol(r))]
        for x in {u, v} - {"g"}:
            L[nodes.index(x), nodes.index(x)] += g
        if "g" not in (u, v):
            i, j = nodes.index(u), nodes.index(v)
            L[i, j] -= g
            L[j, i] -= g
    unit = np.linalg.solve(L, np.eye(rungs + 1)[0])
    assert f(values) == pytest.approx(unit[0], rel=1e-12)


def test_a_chain_of_ten_thousand_resistors(monkeypatch):
    monkeypatch.setitem(LIMITS, "states", 20_000)
    n = 10_000
    edges = [(f"n{i - 1}", f"n{i}", f"R_{i}") for i in range(1, n + 1)]
    r = sf.effective_resistance(sf.transport_network(edges), "n0", f"n{n}")["R_eff"]
    R = [sf.symbol(f"R_{i}") for i in range(1, n + 1)]
    assert r == sympy.Add(*R)
    # printed without sorting the terms (the default order sorts 10⁴ monomials in 10⁴
    # variables: seconds, though it works too)
    assert len(sympy.sstr(r, order="none")) > 5 * n and hash(r) == hash(sympy.Add(*R))
    d = sf.nodal_analysis(sf.transport_network(edges, potentials={"n0": "V", f"n{n}": "0"}))
    assert len(d.results) == 2 * n - 1
    middle = d[f"phi_n{n // 2}"]
    assert sympy.sstr(middle, order="none") and sympy.latex(middle, order="none")
    values = {s: 1.0 + (k % 7) / 10 for k, s in enumerate(R)}
    values[sf.symbol("V")] = 3.0
    expected = 3.0 * (1 - sum(values[s] for s in R[:n // 2]) / sum(values[s] for s in R))
    from symflux.kernels import evaluate_expressions

    (got,) = evaluate_expressions([middle], values)
    assert got == pytest.approx(expected, rel=1e-12)
