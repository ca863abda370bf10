"""Reading and writing SBML: what is recognised, what is refused and why, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf

libsbml = pytest.importorskip("libsbml")
MODELS = Path(__file__).parent / "models"


def _signature(G):
    """The network up to edge keys: (source, target, rate, label) of every edge."""
    return (sorted((str(sorted(G.nodes[u]["species"].items())),
                    str(sorted(G.nodes[v]["species"].items())),
                    sympy.srepr(sympy.factor(d["rate"])), str(d.get("label")))
                   for u, v, d in G.edges(data=True)),
            sorted(G.graph.get("constant", ())))


def _with(base: str, edit) -> str:
    doc = libsbml.readSBMLFromFile(str(MODELS / f"{base}.xml"))
    edit(doc.getModel())
    return libsbml.writeSBMLToString(doc)


def test_local_parameters_renamed_after_their_reaction_and_volume_folded_in():
    m = sf.read_sbml(MODELS / "local_parameters.xml")
    rates = {(u, v): d["rate"] for u, v, d in m.network.edges(data=True)}
    k, kR2, kr, kR3 = (sf.symbol(n) for n in ("k", "k_{R2}", "kr", "k_{R3}"))
    assert rates[("0", "A")] == k                       # global k, law cell*k
    assert rates[("A", "B")] == kR2 and rates[("B", "A")] == kr   # renamed only on a clash
    # 'k*E*B' has no volume factor: on concentrations the rate constant is k/V.
    assert rates[("B + E", "C + E")] == kR3 / sf.symbol("compartment")
    assert m.values["k"] == 7.0 and m.values["k_{R2}"] == 2.0 and m.values["compartment"] == 0.5
    assert m.ids["R2.k"] == "k_{R2}"


def test_boundary_species_are_constant_and_amounts_become_concentrations():
    m = sf.read_sbml(MODELS / "boundary_species.xml")
    assert m.network.graph["constant"] == ["X0", "X1"]
    assert m.initial["S2"] == pytest.approx(0.5)       # amount 1 in volume 2
    assert m.point()["X0"] == pytest.approx(3.0)


def test_catalyst_declared_as_modifier_joins_both_complexes():
    m = sf.read_sbml(MODELS / "local_parameters.xml")
    assert ("B + E", "C + E") in {(u, v) for u, v in m.network.edges()}
    assert [law.total.name for law in sf.conservation_laws(m.network)] == ["E_T"]


@pytest.mark.parametrize(("edit", "reason"), [
    (lambda m: _rule(m, "assignment"), "assignment rule"),
    (lambda m: _rule(m, "rate"), "rate rule"),
    (lambda m: _rule(m, "algebraic"), "algebraic rule"),
    (lambda m: _event(m), "event"),
    (lambda m: _second_compartment(m), "2 compartments"),
])
def test_refusals_say_what_and_why(edit, reason):
    with pytest.raises(sf.ModelError, match=reason):
        sf.read_sbml(_with("reversible_mm", edit))


def _rule(m, kind):
    p = m.createParameter()
    p.setId("aux")
    p.setConstant(False)
    p.setValue(1.0)
    rule = {"assignment": m.createAssignmentRule, "rate": m.createRateRule,
            "algebraic": m.createAlgebraicRule}[kind]()
    if kind != "algebraic":
        rule.setVariable("aux")
    rule.setMath(libsbml.parseL3Formula("2*k1" if kind != "algebraic" else "aux - k1"))


def _event(m):
    event = m.createEvent()
    event.setId("pulse")
    event.setUseValuesFromTriggerTime(True)
    trigger = event.createTrigger()
    trigger.setMath(libsbml.parseL3Formula("time > 1"))
    trigger.setPersistent(True)
    trigger.setInitialValue(False)


def _second_compartment(m):
    c = m.createCompartment()
    c.setId("mito")
    c.setSize(1.0)
    c.setConstant(True)
    m.getSpecies("P").setCompartment("mito")


@pytest.mark.parametrize(("law", "reason"), [
    ("cell*k1*E - cell*km*ES", "do not match the reactants"),
    ("cell*k1*E*S*S - cell*km*ES", "backward term"),
    ("cell*(k1*E*S - km*E*S*ES)", "backward term"),
    ("cell*(k1 - k2)*E*S", "one positive monomial"),
    ("cell*exp(k1)*E*S", "function or operator 'exp'"),
    ("cell*k1*E*S*time", "function or operator"),
])
def test_non_mass_action_laws_are_refused_with_the_law(law, reason):
    def edit(m):
        if law.count("k2"):
            p = m.createParameter()
            p.setId("k2")
            p.setValue(1.0)
            p.setConstant(True)
        if "km" in law and m.getParameter("km") is None:
            p = m.createParameter()
            p.setId("km")
            p.setValue(1.0)
            p.setConstant(True)
        m.getReaction("bind").getKineticLaw().setMath(libsbml.parseL3Formula(law))

    with pytest.raises(sf.ModelError, match=reason) as err:
        sf.read_sbml(_with("reversible_mm", edit))
    assert "reaction 'bind'" in str(err.value)


def test_mass_action_written_as_k_times_distance_from_equilibrium():
    m = sf.read_sbml(MODELS / "reversible_mm.xml")
    rates = {(u, v): d["rate"] for u, v, d in m.network.edges(data=True)}
    assert rates[("ES", "E + S")] == sf.symbol("k1") / sf.symbol("K1")


def test_units_are_read_where_they_map():
    def edit(m):
        ud = m.createUnitDefinition()
        ud.setId("per_second")
        u = ud.createUnit()
        u.setKind(libsbml.UNIT_KIND_SECOND)
        u.setExponent(-1)
        u.setScale(0)
        u.setMultiplier(1)
        m.getParameter("k2").setUnits("per_second")
        ud = m.createUnitDefinition()
        ud.setId("per_minute")
        u = ud.createUnit()
        u.setKind(libsbml.UNIT_KIND_SECOND)
        u.setExponent(-1)
        u.setScale(0)
        u.setMultiplier(60)
        m.getParameter("km2").setUnits("per_minute")

    m = sf.read_sbml(_with("reversible_mm", edit))
    assert m.units == {"k2": "1/s"}        # a minute does not map: no unit, not a wrong one


def test_missing_library_and_bad_input_are_symflux_errors():
    with pytest.raises(sf.ModelError, match="no SBML file"):
        sf.read_sbml("no/such/file.xml")
    with pytest.raises(sf.ModelError, match="not valid"):
        sf.read_sbml("<sbml>broken")


def test_problem_model_table(tmp_path):
    from symflux.interop.sbml import network_from_problem_model

    (tmp_path / "m.xml").write_text((MODELS / "branched.xml").read_text())
    m = network_from_problem_model({"sbml": "m.xml"}, tmp_path)
    assert sorted(m.network.graph["constant"]) == ["X0", "X1", "X2"]
    with pytest.raises(sf.ModelError, match="outside"):
        network_from_problem_model({"sbml": "../m.xml"}, tmp_path / "sub")
    with pytest.raises(sf.ModelError, match="unknown keys"):
        network_from_problem_model({"sbml": "m.xml", "colour": 1}, tmp_path)


def test_round_trip_of_a_textbook_network():
    N = sf.reaction_network(["E + S <-> ES", "ES -> E + P : k_{cat}", "2 A <-> B",
                             "0 -> S : k_{in}", "P -> 0"], constant=["A", "B"])
    assert _signature(sf.read_sbml(sf.write_sbml(N)).network) == _signature(N)


_species = st.sampled_from(["A", "B", "C", "X_1", "S_{ext}"])
_complex = st.dictionaries(_species, st.integers(1, 2), max_size=2)


@st.composite
def networks(draw):
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        left, right = draw(_complex), draw(_complex)
        if left == right:
            continue
        side = lambda c: " + ".join(f"{n} {s}" for s, n in c.items()) or "0"  # noqa: E731
        lines.append(f"{side(left)} {draw(st.sampled_from(['->', '<->']))} {side(right)}")
    if not lines:
        lines = ["A -> B"]
    N = sf.reaction_network(lines)
    present = sorted({s for _, d in N.nodes(data=True) for s in d["species"]})
    N.graph["constant"] = draw(st.lists(st.sampled_from(present), unique=True, max_size=1)) \
        if present else []
    return N


@settings(max_examples=40, deadline=None)
@given(networks())
def test_round_trip_of_random_networks(N):
    text = sf.write_sbml(N, values={s: 1.5 for _, _, d in N.edges(data=True)
                                    for s in d["rate"].free_symbols})
    back = sf.read_sbml(text)
    assert _signature(back.network) == _signature(N)
    assert set(back.values.values()) <= {1.5}


def test_units_reach_the_derivation_symbols():
    def edit(m):
        ud = m.createUnitDefinition()
        ud.setId("per_second")
        u = ud.createUnit()
        u.setKind(libsbml.UNIT_KIND_SECOND)
        u.setExponent(-1)
        u.setScale(0)
        u.setMultiplier(1)
        m.getParameter("k2").setUnits("per_second")

    m = sf.read_sbml(_with("reversible_mm", edit))
    d = m.annotate(sf.steady_state(m.network))
    assert d.symbols[sf.symbol("k2")].unit == "1/s"
