"""The tree route for first-order networks agrees with the general polynomial route."""

import dataclasses
from unittest import mock

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.errors import SymfluxError
from symflux.reactions import steady_state as general_module
from symflux.reactions.linear_steady_state import tree_steady_state
from symflux.reactions.network import network_model
from symflux.reactions.stoichiometry import conservation_laws


def pathway(n):
    return (["0 -> X1 : k_0"] + [f"X{i} <-> X{i + 1}" for i in range(1, n)]
            + [f"X{n} -> 0 : k_out"])


def general(N):
    """The general route: the tree route switched off."""
    with mock.patch.object(general_module, "tree_steady_state", return_value=None):
        return sf.steady_state(N)


def took_tree_route(d) -> bool:
    return any("tree route" in s.statement for s in d.steps)


def assert_same(tree, reference):
    assert took_tree_route(tree) and not took_tree_route(reference)
    assert list(tree.results) == list(reference.results)
    assert tree.quantities == reference.quantities
    assert tree.symbols == reference.symbols
    assert tree.assumptions == reference.assumptions
    for name, value in reference.results.items():
        assert sympy.cancel(tree[name] - value) == 0, name


NETWORKS = {
    **{f"pathway {n}": (pathway(n), ()) for n in range(1, 6)},
    "irreversible pathway": (["0 -> X", "X -> Y", "Y -> Z", "Z -> 0"], ()),
    "reversible ends": (["0 <-> X", "X <-> Y", "Y <-> 0"], ()),
    "branched": (["0 -> A", "A <-> B", "A -> C", "B -> 0", "C <-> 0", "C -> B"], ()),
    "two inflows, two outflows": (["0 -> A : a", "0 -> B : b", "A <-> B", "A -> 0",
                                   "B -> 0"], ()),
    "parallel reactions": (["0 -> X : a", "0 -> X : b", "X -> 0 : g", "X -> 0 : h"], ()),
    "side branch": (["0 -> X", "X <-> Y", "X -> 0"], ()),
    "closed triangle": (["A <-> B", "B <-> C", "C <-> A"], ()),
    "closed ring": (["A -> B", "B -> C", "C -> A"], ()),
    "open and closed classes": (["0 -> X", "X -> 0", "A <-> B"], ()),
    "two closed classes": (["A <-> B", "C -> D", "D -> C"], ()),
    "constant species folded": (["E + S <-> ES", "ES -> E + P"], ("S", "P")),
    "boundary species as inflow": (["X0 <-> S", "S -> X1"], ("X0", "X1")),
    "chemostat with coefficient": (["2 S -> X", "X -> 0"], ("S",)),
    "one rate constant shared": (["0 -> X : k", "X <-> Y : k, k", "Y -> 0 : k"], ()),
    "reaction among constants only": (["0 -> X", "X -> 0", "S <-> P"], ("S", "P")),
    "catalyst that never changes": (["E + S -> E + P", "0 -> X", "X <-> E", "E -> 0"], ("S", "P")),
    "conserved catalyst": (["E + S -> E + P", "0 -> X", "X -> 0"], ("S", "P")),
}


@pytest.mark.parametrize("name", list(NETWORKS))
def test_tree_route_equals_general_route(name):
    lines, constant = NETWORKS[name]
    N = sf.reaction_network(lines, constant=constant)
    assert_same(sf.steady_state(N), general(N))


@pytest.mark.parametrize("name", ["pathway 1", "pathway 3", "closed triangle",
                                  "two inflows, two outflows", "constant species folded"])
def test_small_networks_print_as_the_general_route(name):
    # Small results go through the same final simplification: identical expressions.
    lines, constant = NETWORKS[name]
    N = sf.reaction_network(lines, constant=constant)
    assert sf.steady_state(N).results == general(N).results


def test_pathway_fluxes_cancel_to_the_inflow():
    d = sf.steady_state(sf.reaction_network(pathway(12)))
    assert took_tree_route(d)
    assert all(d[f"J_{i}"] == sf.symbol("k_0") for i in range(1, 13))
    assert d["c_X12"] == sf.symbol("k_0") / sf.symbol("k_out")


@pytest.mark.parametrize("lines", [["2 X -> 0", "0 -> X"], ["0 -> X", "X + Y -> Y", "0 <-> Y"],
                                   ["A + B <-> C"]])
def test_nonlinear_networks_do_not_take_the_tree_route(lines):
    N = sf.reaction_network(lines)
    m = network_model(N)
    assert tree_steady_state(m, conservation_laws(m)) is None
    assert not took_tree_route(sf.steady_state(N))


@pytest.mark.parametrize("lines", [["0 -> X", "X -> 0", "0 -> Y"], ["A -> B"],
                                   ["0 -> X", "X -> Y", "Y <-> Z"]])
def test_not_strongly_connected_falls_back_and_raises_as_before(lines):
    N = sf.reaction_network(lines)
    m = network_model(N)
    assert tree_steady_state(m, conservation_laws(m)) is None
    with pytest.raises(SymfluxError) as tree_error:
        sf.steady_state(N)
    with pytest.raises(SymfluxError) as general_error:
        general(N)
    assert type(tree_error.value) is type(general_error.value)
    assert str(tree_error.value) == str(general_error.value)


@pytest.mark.slow
def test_validation_passes_on_a_ten_species_pathway():
    d = sf.steady_state(sf.reaction_network(pathway(10)))
    assert took_tree_route(d)
    assert d.validate(points=3).passed


@pytest.mark.slow
def test_a_wrong_closed_form_fails_validation():
    d = sf.steady_state(sf.reaction_network(pathway(10)))
    wrong = dataclasses.replace(d, results={**d.results, "c_X4": d["c_X4"] * 1.001})
    assert wrong.validate(points=3).verdict("c_X4").verdict == "failed"
    swapped = {n: e.xreplace({sf.symbol("k_2"): sf.symbol("k_{-2}"),
                              sf.symbol("k_{-2}"): sf.symbol("k_2")})
               for n, e in d.results.items()}
    assert dataclasses.replace(d, results=swapped).validate(points=3).status == "failed"


NODES = ["0", "A", "B", "C"]


@st.composite
def first_order_networks(draw):
    """Random reactions between ∅ and up to three species, either direction."""
    n = draw(st.integers(1, 3))
    nodes = NODES[:n + 1]
    pairs = st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)).filter(
        lambda p: p[0] != p[1])
    reactions = draw(st.lists(st.tuples(pairs, st.booleans()), min_size=1, max_size=6))
    lines = [f"{u} {'<->' if rev else '->'} {v}" for (u, v), rev in reactions]
    species = {s for (u, v), _ in reactions for s in (u, v) if s != "0"}
    if not species:
        lines.append("0 -> A")
    return lines


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first_order_networks())
def test_random_first_order_networks_agree(lines):
    N = sf.reaction_network(lines)
    m = network_model(N)
    if tree_steady_state(m, conservation_laws(m)) is None:
        return   # not strongly connected: the general route decides alone
    assert_same(sf.steady_state(N), general(N))
