"""The fast paths of the tree sums against reference paths (symbolic equality).

Reference paths: the determinant of the Laplacian minor, expanded by SymPy (directed
matrix-tree theorem); ``sympy.Add``/``sympy.Mul`` for the assembled sums; a
brute-force enumeration of every choice of one exit per state for the in-trees.
"""

import itertools

import networkx as nx
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import symflux as sf
from symflux.kinetics import kinetic_model
from symflux.kinetics.size import tree_counts
from symflux.kinetics.stationary import Channels, flux_name, size_estimate
from symflux.kinetics.tree_polynomial import TreePolynomial, _Products
from symflux.kinetics.trees import in_trees
from symflux.testing.strategies import kinetic_schemes as schemes


def _graph(edges):
    return sf.kinetic_graph([(u, v, sf.symbol(f"k_{{{u},{v}}}")) for u, v in edges])


def _complete(n):
    return [(i, j) for i in range(1, n + 1) for j in range(1, n + 1) if i != j]


def _ring(n):
    return [(i, i % n + 1) for i in range(1, n + 1)] + [(i % n + 1, i) for i in range(1, n + 1)]


def _cube():
    return [(s + 1, (s ^ b) + 1) for s in range(8) for b in (1, 2, 4)]


def _minor_determinants(model):
    """w_i = det of the out-degree Laplacian with row and column i deleted, expanded."""
    n, idx = len(model.states), model.index
    L = sympy.zeros(n, n)
    for (u, v, _), r in model.rates.items():
        L[idx[u], idx[u]] += r
        L[idx[u], idx[v]] -= r
    out = {}
    for s in model.states:
        keep = [i for i in range(n) if i != idx[s]]
        out[s] = sympy.expand(L.extract(keep, keep).det(method="berkowitz"))
    return out


@pytest.mark.parametrize("edges", [
    pytest.param(_complete(3), id="K3"), pytest.param(_complete(4), id="K4"),
    pytest.param(_ring(5), id="ring5"),
    pytest.param(_cube(), id="cube", marks=pytest.mark.slow),  # 65 s of sympy expand
])
def test_expanded_tree_sums_are_the_expanded_laplacian_minors(edges):
    G = _graph(edges)
    d = sf.steady_state(G)
    for s, det in _minor_determinants(kinetic_model(G)).items():
        # Structural ==: same terms in the same canonical order, not just equal values.
        assert d[f"w_{s}"] == det
        assert d[f"p_{s}"] == det / d["Sigma"]


@given(schemes(max_states=5, allow_irreversible=True))
def test_fast_sums_are_the_sympy_constructors_on_random_schemes(G):
    if not nx.is_strongly_connected(G):
        return
    model = kinetic_model(G)
    d = sf.steady_state(G)
    for s, det in _minor_determinants(model).items():
        assert d[f"w_{s}"] == det
        # The nested form is the same polynomial.
        assert sympy.expand(d.compact[f"w_{s}"]) == det
    point = {r: sympy.Rational(i + 2, 3) for i, r in enumerate(model.rates.values())}
    for t in model.transitions:
        name = flux_name(model, t)
        num = sympy.expand(model.rates[t.forward] * d[f"w_{t.u}"]
                           - (model.rates[t.backward] * d[f"w_{t.v}"] if t.reversible else 0))
        assert d[name] == num / d["Sigma"]
        assert d.compact[name].xreplace(point) == d[name].xreplace(point)


@given(st.lists(st.tuples(st.lists(st.integers(0, 7), min_size=3, max_size=3, unique=True),
                          st.sampled_from([1, -1])), min_size=1, max_size=30))
def test_canonical_sum_is_what_add_builds(items):
    rates = {i: sympy.Symbol(f"r_{{{9 - i}}}", positive=True) for i in range(8)}
    terms = {}
    for m, c in items:
        terms[tuple(sorted(m))] = c
    products = _Products(rates)
    fast = products.sum(list(terms.items()))
    slow = sympy.Add(*(c * sympy.Mul(*(rates[ch] for ch in m)) for m, c in terms.items()))
    assert fast == slow
    assert fast.args == slow.args


def test_nested_form_is_built_canonically():
    G = _graph(_complete(4))
    model = kinetic_model(G)
    d = sf.steady_state(G, form="nested")
    e = sf.steady_state(G, form="expanded")
    for s in model.states:
        nested = d[f"w_{s}"]
        # Rebuilding through the ordinary constructors changes nothing.
        assert nested == nested.xreplace({sympy.Symbol("unused"): 0}) == sympy.sympify(
            sympy.srepr(nested), locals={})
        assert sympy.expand(nested) == e[f"w_{s}"]
    assert d.compact == {} and "Nested form" in d.steps[2].statement


def test_in_trees_matches_brute_force_on_a_multigraph():
    out = {0: [(1, "a"), (1, "b"), (2, "c")], 1: [(0, "d"), (2, "e")], 2: [(0, "f"), (1, "g")]}
    for roots in ([0], [1], [0, 2]):
        rest = [s for s in out if s not in roots]
        brute = []
        for picks in itertools.product(*(out[s] for s in rest)):
            succ = {s: t for s, (t, _) in zip(rest, picks, strict=True)}
            ok = True
            for s in rest:
                seen, x = set(), s
                while x in succ and x not in seen:
                    seen.add(x)
                    x = succ[x]
                ok &= x in roots
            if ok:
                brute.append(tuple(sorted(c for _, c in picks)))
        found = sorted(tuple(sorted(t)) for t in in_trees(list(out), out, roots))
        assert found == sorted(brute)
        assert tree_counts(list(out), out, [roots]) == [float(len(brute))]


def test_a_ring_of_ten_thousand_states_is_refused_with_an_estimate_not_a_recursion_error(
        monkeypatch):
    import symflux.limits

    n = 10_000
    G = _graph(_ring(n))
    with pytest.raises(sf.LimitError, match="states"):  # the default limit speaks first
        sf.steady_state(G)
    monkeypatch.setitem(symflux.limits.LIMITS, "states", 20_000)
    with pytest.raises(sf.ModelTooLarge) as info:
        sf.steady_state(G)
    assert info.value.estimate.trees == pytest.approx(n * n, rel=1e-6)
    assert "numeric steady state" in str(info.value)
    # The enumeration itself is an explicit stack: its first trees come at once.
    ch = Channels(kinetic_model(G))
    first = next(in_trees(list(range(1, n + 1)), ch.out, [1]))
    assert len(first) == n - 1


def test_expanded_form_of_the_complete_8_state_graph_is_refused_up_front():
    G = _graph(_complete(8))
    estimate = size_estimate(kinetic_model(G))
    assert estimate.trees == 8 * 8**6 and not estimate.expanded_fits and estimate.nested_fits
    with pytest.raises(sf.ModelTooLarge, match="form='nested'") as info:
        sf.steady_state(G, form="expanded")
    assert info.value.estimate == estimate


def test_unknown_form_is_refused():
    with pytest.raises(ValueError, match="'auto', 'expanded', 'nested'"):
        sf.steady_state(_graph(_ring(3)), form="factored")


def test_tree_polynomial_flux_numerator_cancels_two_cycles():
    w = {s: TreePolynomial.from_monomials(in_trees([1, 2], {1: [(2, 0)], 2: [(1, 1)]}, [s]))
         for s in (1, 2)}
    assert w[1].times_difference(0, w[2], 1).is_zero
