"""Every kind of bad kinetic input gets a SymfluxError that names the culprit."""

import networkx as nx
import pytest
import sympy

import symflux as sf
from symflux import symbol
from symflux.kinetics.graph import kinetic_model


def test_not_strongly_connected_names_terminal_components():
    G = sf.kinetic_graph(["1 <-> 2", "2 -> 3", "3 <-> 4", "1 -> 5", "5 <-> 6"])
    with pytest.raises(sf.NotUnique) as err:
        sf.steady_state(G)
    assert "{3, 4}" in str(err.value) and "{5, 6}" in str(err.value)
    assert sorted(map(sorted, err.value.terminal_components)) == [["3", "4"], ["5", "6"]]


def test_single_terminal_component_names_transient_states():
    from symflux.kinetics.graph import kinetic_model

    G = sf.kinetic_graph(["1 -> 2", "2 <-> 3"])
    with pytest.raises(sf.NotUnique, match="states 1 are transient"):
        kinetic_model(G)
    # steady_state reduces to the closed class instead (issue 12): state 1 at 0
    d = sf.steady_state(G)
    assert d["p_1"] == 0 and "states 1 are transient" in d.steps[0].statement


def test_irreversible_edge_on_cycle_gives_infinite_affinity_not_nan():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 -> 1"])
    d = sf.steady_state(G)  # the steady state itself is fine
    assert sympy.cancel(sum(d[f"p_{s}"] for s in "123") - 1) == 0
    (A,) = sf.affinities(G).values()
    assert sympy.oo == A
    ep = sf.entropy_production(G)
    assert ep["sigma"] == sympy.oo
    assert any("3 → 1" in step.statement for step in ep.steps)
    assert not any(r.has(sympy.nan, sympy.zoo) for r in d.results.values())
    (cond,) = sf.wegscheider_conditions(G)
    assert cond.rhs == 0
    assert not sf.is_detailed_balanced(G, {f"k_{a}": 1.0 for a in ("12", "21", "23", "32", "31")})
    with pytest.raises(sf.SymfluxError, match="irreversible"):
        sf.equilibrium_distribution(G)


def test_self_loop():
    G = nx.MultiDiGraph()
    G.add_edge("A", "A", rate=symbol("k"))
    G.add_edge("A", "B", rate=symbol("k"))
    G.add_edge("B", "A", rate=symbol("k"))
    with pytest.raises(sf.GraphError, match="self-loop at state A"):
        sf.steady_state(G)


def test_missing_rate():
    G = nx.MultiDiGraph()
    G.add_edge(1, 2, rate=symbol("a"))
    G.add_edge(2, 1)
    with pytest.raises(sf.RateError, match="2 → 1 has no rate"):
        sf.steady_state(G)


@pytest.mark.parametrize("bad", [0, -1, -2.5, sympy.Integer(0), -symbol("k")])
def test_zero_or_negative_rate(bad):
    G = nx.MultiDiGraph()
    G.add_edge(1, 2, rate=symbol("a"))
    G.add_edge(2, 1, rate=bad)
    with pytest.raises(sf.RateError, match="2 → 1"):
        sf.steady_state(G)


def test_rate_of_undetermined_sign():
    G = nx.MultiDiGraph()
    G.add_edge(1, 2, rate=symbol("a") - symbol("b"))
    G.add_edge(2, 1, rate=symbol("c"))
    with pytest.raises(sf.RateError, match="cannot tell"):
        sf.steady_state(G)


def test_empty_graph():
    with pytest.raises(sf.GraphError, match="empty"):
        sf.steady_state(nx.MultiDiGraph())
    with pytest.raises(sf.GraphError, match="no transitions"):
        sf.kinetic_graph([])


def test_undirected_graph_refused():
    # An undirected graph is a transport network: the answer names the verb for it.
    with pytest.raises(sf.WrongModelKind, match="nodal_analysis"):
        sf.steady_state(nx.Graph([(1, 2)]))
    with pytest.raises(sf.GraphError, match="MultiDiGraph"):
        kinetic_model(nx.Graph([(1, 2)]))


def test_bad_transition_lines():
    with pytest.raises(sf.ParseError, match="line 2"):
        sf.kinetic_graph(["1 <-> 2", "2 <=> 3"])
    with pytest.raises(sf.ParseError, match="needs 2"):
        sf.kinetic_graph(["1 <-> 2 : k_a"])
    with pytest.raises(sf.RateError, match="second transition"):
        sf.kinetic_graph(["1 <-> 2", "1 <-> 2"])


def test_hostile_rate_text_is_refused():
    with pytest.raises(sf.ParseError):
        sf.kinetic_graph(["1 -> 2 : __import__('os').system('echo pwned')", "2 -> 1"])


def test_generator_matrix_with_bad_diagonal():
    with pytest.raises(sf.GraphError, match="diagonal"):
        sf.kinetic_graph([[5, 1], [1, 0]])


def test_matrix_text_entries_are_parsed_safely_and_positive():
    G = sf.kinetic_graph([["0", "k_a"], ["k_b", "0"]], states=["C", "O"])
    assert G.edges["C", "O", 0]["rate"] == symbol("k_a")
    with pytest.raises(sf.ParseError):
        sf.kinetic_graph([["0", "__import__('os')"], ["1", "0"]])


def test_generator_matrix_is_accepted():
    Q = [[-3, 1, 2], [4, -4, 0], [5, 6, -11]]
    G = sf.kinetic_graph(Q)
    assert G.number_of_edges() == 5
    # trees into 1: {2→1, 3→1} = 20, {2→1, 3→2} = 24; into 2: 5 + 6 + 12; into 3: 8
    d = sf.steady_state(G)
    assert [d[f"w_{s}"] for s in (1, 2, 3)] == [44, 23, 8]
    assert d["p_1"] == sympy.Rational(44, 75)


@pytest.mark.parametrize("line", ["warm_a <-> warm_b", "a -> b_1"])
def test_a_state_label_no_result_name_can_hold_is_named_by_kinetic_graph(line):
    # it used to surface as a ParseError about the generated rate name k_{warm_a,warm_b}
    with pytest.raises(sf.GraphError, match=r"state '\w+' contains '_'.*rename"):
        sf.kinetic_graph([line])
    rates = sf.kinetic_graph(["warma <-> warmb"])
    assert sf.steady_state(rates).validate(points=2).passed


def test_the_cycle_questions_need_no_strong_connectivity():
    # cycles, their basis, Wegscheider conditions and cycle affinities are properties of
    # the graph and its rate constants; they were refused as NotUnique (a steady-state
    # concern) for a scheme with a transient part or two separate parts
    drained = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1", "3 -> 4", "4 <-> 5"])
    apart = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1", "4 <-> 5", "5 <-> 6",
                              "6 <-> 4"])
    assert [str(c) for c in sf.cycles(drained)] == ["1 → 2 → 3 → 1"]
    assert [str(c) for c in sf.fundamental_cycles(apart)] == ["2 → 3 → 1 → 2", "5 → 6 → 4 → 5"]
    conditions = sf.wegscheider_conditions(apart)
    assert [str(c) for c in conditions] == [
        "Eq(k_{12}*k_{23}*k_{31}, k_{13}*k_{21}*k_{32})",
        "Eq(k_{45}*k_{56}*k_{64}, k_{46}*k_{54}*k_{65})"]
    assert len(sf.affinities(apart)) == 2
    ones = {f"k_{{{u}{v}}}": 1.0 for u, v in ["12", "21", "23", "32", "31", "13", "34",
                                              "45", "54"]}
    # every cycle balanced, yet 3 -> 4 is one-way: p_3 k_34 = p_4 · 0 has no solution
    assert sf.is_detailed_balanced(drained, ones) is False
    assert sf.is_detailed_balanced(apart, dict.fromkeys(
        ["k_{12}", "k_{21}", "k_{23}", "k_{32}", "k_{31}", "k_{13}", "k_{45}", "k_{54}",
         "k_{56}", "k_{65}", "k_{64}", "k_{46}"], 2.0))
    with pytest.raises(sf.NotUnique):            # a steady state is still unique or refused
        sf.cycle_fluxes(drained)
