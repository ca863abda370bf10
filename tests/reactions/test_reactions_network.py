"""Reaction networks: building, stoichiometry, conservation laws, network structure."""

import networkx as nx
import pytest
import sympy

import symflux as sf
from symflux.errors import GraphError, ParseError, RateError
from symflux.reactions import (
    deficiency,
    is_reversible,
    is_weakly_reversible,
    linkage_classes,
    network_model,
)


def test_complex_graph_follows_the_design_conventions():
    N = sf.reaction_network(["E + S <-> ES", "ES -> E + P", "0 -> S : k_in"],
                            constant=["P"])
    assert isinstance(N, nx.MultiDiGraph)
    assert N.nodes["E + S"]["species"] == {"E": 1, "S": 1}
    assert N.nodes["0"]["species"] == {}
    rates = {(u, v): d["rate"] for u, v, d in N.edges(data=True)}
    assert rates[("E + S", "ES")] == sf.symbol("k_1")
    assert rates[("ES", "E + S")] == sf.symbol("k_{-1}")
    assert rates[("0", "S")] == sf.symbol("k_in")
    assert N.graph["constant"] == ["P"]


def test_coefficients_and_spellings():
    N = sf.reaction_network(["2 A <-> 2 B", "2A + B -> C", "X_1 <- Y"])
    assert N.nodes["2 A"]["species"] == {"A": 2}
    assert N.nodes["2 A + B"]["species"] == {"A": 2, "B": 1}
    assert ("Y", "X_1") in N.edges()


def test_hand_built_graph_gives_the_same_model():
    k1, km1 = sf.symbol("k_1"), sf.symbol("k_{-1}")
    G = nx.MultiDiGraph()
    G.add_node("A", species={"A": 1})
    G.add_node("2 B", species={"B": 2})
    G.add_edge("A", "2 B", key="r", rate=k1)
    G.add_edge("2 B", "A", key="r", rate=km1)
    built = sf.reaction_network(["A <-> 2 B"])
    assert sf.stoichiometric_matrix(G).matrix == sf.stoichiometric_matrix(built).matrix
    assert sf.wegscheider_conditions(G) == sf.wegscheider_conditions(built) == []
    assert [str(r) for r in network_model(G).reactions] == ["A ⇄ 2 B"]


@pytest.mark.parametrize("line, culprit", [
    ("E + S <-> ", "empty"), ("A -> B -> C", "one arrow"), ("A + 2.5 B -> C", "2.5 B"),
    ("A <-> B : k_1", "needs 2"), ("A -> A", "same complex"),
])
def test_bad_lines_name_the_culprit(line, culprit):
    with pytest.raises(ParseError, match="line 1") as err:
        sf.reaction_network([line])
    assert culprit in str(err.value)


def test_bad_rates_and_constants_are_refused():
    with pytest.raises(RateError, match="not positive"):
        sf.reaction_network(["A -> B : -1"])
    with pytest.raises(GraphError, match="Z occur in no complex"):
        sf.reaction_network(["A -> B"], constant=["Z"])
    G = nx.MultiDiGraph()
    G.add_edge("A", "B", rate=sf.symbol("k"))
    with pytest.raises(GraphError, match="no 'species'"):
        network_model(G)


def test_stoichiometric_matrix_species_and_reaction_order():
    N = sf.reaction_network(["E + S <-> ES", "ES -> E + P"], constant=["P"])
    S, species, reactions = sf.stoichiometric_matrix(N)
    assert species == ("E", "S", "ES") and reactions == ("1", "2")
    assert sympy.Matrix([[-1, 1], [-1, 0], [1, -1]]) == S
    full = sf.stoichiometric_matrix(N, include_constant=True)
    assert full.species[-1] == "P" and list(full.matrix.row(3)) == [0, 1]


def test_conservation_laws_of_michaelis_menten():
    laws = sf.conservation_laws(sf.reaction_network(["E + S <-> ES", "ES -> E + P"]))
    E, S, ES, P = (sf.symbol(s) for s in ("E", "S", "ES", "P"))
    assert [law.equation for law in laws] == [
        sympy.Eq(E + ES, sf.symbol("E_T")), sympy.Eq(S + ES + P, sf.symbol("S_T"))]
    assert [law.vector for law in laws] == [(1, 0, 1, 0), (0, 1, 1, 1)]
    # With S and P chemostatted only the enzyme is conserved.
    open_laws = sf.conservation_laws(
        sf.reaction_network(["E + S <-> ES", "ES -> E + P"], constant=["S", "P"]))
    assert [str(law) for law in open_laws] == ["E + ES = E_T"]


def test_conservation_laws_are_exact_integers():
    laws = sf.conservation_laws(sf.reaction_network(["2 A <-> B", "B + C <-> D"]))
    S = sf.stoichiometric_matrix(sf.reaction_network(["2 A <-> B", "B + C <-> D"])).matrix
    for law in laws:
        assert all(isinstance(x, int) for x in law.vector)
        assert sympy.Matrix([law.vector]) * S == sympy.zeros(1, S.cols)
    assert len(laws) == 2


def test_structure_linkage_deficiency_reversibility():
    N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    assert linkage_classes(N) == [["A", "B"], ["2 A", "2 B"]]
    assert deficiency(N) == 1 and is_reversible(N)
    cycle = sf.reaction_network(["A -> B", "B -> C", "C -> A"])
    assert deficiency(cycle) == 0 and not is_reversible(cycle) and is_weakly_reversible(cycle)
    assert not is_weakly_reversible(sf.reaction_network(["A -> B", "B <-> C"]))
