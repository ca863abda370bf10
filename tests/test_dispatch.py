"""One verb per question: every public analysis answers for its kinds or says which to use."""

import pytest
import sympy

import symflux as sf
from symflux.kinetics.graph import kinetic_model

SCHEME = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
NETWORK = sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"])
TRANSPORT = sf.transport_network([("a", "b", {"resistance": "R"})], potentials={"a": "c_1",
                                                                                 "b": "c_2"})


def test_model_kind():
    assert [sf.model_kind(G) for G in (SCHEME, NETWORK, TRANSPORT)] == [
        "kinetic", "reactions", "transport"]
    with pytest.raises(sf.WrongModelKind, match="networkx graph"):
        sf.model_kind("1 <-> 2")


@pytest.mark.parametrize("function", [
    sf.steady_state, sf.wegscheider_conditions, sf.entropy_production, sf.affinities,
    sf.cycles, sf.fundamental_cycles, sf.is_detailed_balanced])
def test_scheme_and_network_both_answered(function):
    for G in (SCHEME, NETWORK):
        function(G)


@pytest.mark.parametrize(("function", "advice"), [
    (sf.cycle_fluxes, "steady_state"), (sf.equilibrium_distribution, "steady_state")])
def test_kinetic_only_verbs_refuse_networks_with_advice(function, advice):
    with pytest.raises(sf.WrongModelKind, match=advice) as err:
        function(NETWORK)
    assert err.value.kind == "reactions" and err.value.accepted == ("kinetic",)
    assert isinstance(err.value, sf.SymfluxError)


@pytest.mark.parametrize("function", [
    sf.steady_state, sf.wegscheider_conditions, sf.entropy_production, sf.affinities,
    sf.cycles, sf.fundamental_cycles, sf.cycle_fluxes, sf.equilibrium_distribution,
    sf.is_detailed_balanced])
def test_transport_networks_refused_by_kinetic_verbs(function):
    with pytest.raises(sf.WrongModelKind, match="transport network"):
        function(TRANSPORT)


def test_kinetic_model_refuses_a_reaction_network():
    with pytest.raises(sf.WrongModelKind, match="reaction network"):
        kinetic_model(NETWORK)


def test_transport_verbs_refuse_directed_models():
    with pytest.raises(sf.GraphError):
        sf.flux(SCHEME, "1", "2")


def test_rate_attribute_is_honoured_by_network_verbs():
    N = sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"])
    for _, _, d in N.edges(data=True):
        d["k"] = d.pop("rate") ** 2
    expected = [sympy.Eq(c.lhs ** 2, c.rhs ** 2, evaluate=False)
                for c in sf.wegscheider_conditions(NETWORK)]
    assert [c.condition for c in sf.cycles(N, rate="k")] == expected
    with pytest.raises(sf.RateError):
        sf.cycles(N)  # the default attribute is no longer there
