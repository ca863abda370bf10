"""Wegscheider conditions from ker S: circuits, spanning-forest conditions, emergent cycles."""

import sympy

import symflux as sf
from symflux.checking.equivalence import equivalent
from symflux.reactions import reaction_cycles

k = sf.symbol


def test_deficiency_one_network_has_exactly_one_condition():
    N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    [condition] = sf.wegscheider_conditions(N)
    # (k1+/k1-)^2 = k2+/k2-
    assert equivalent(condition.lhs / condition.rhs,
                      (k("k_1") / k("k_{-1}")) ** 2 / (k("k_2") / k("k_{-2}")))
    [cycle] = reaction_cycles(N)
    assert cycle.kind == "spanning-forest" and cycle.vector == (("1", 2), ("2", -1))


def test_triangle_gives_one_circuit_condition():
    [c] = reaction_cycles(sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"]))
    assert c.kind == "circuit"
    assert sympy.simplify(c.condition.lhs - k("k_1") * k("k_2") * k("k_3")) == 0
    assert sympy.simplify(c.condition.rhs - k("k_{-1}") * k("k_{-2}") * k("k_{-3}")) == 0


def test_monomolecular_network_agrees_with_kolmogorov_on_the_kinetic_scheme():
    lines = ["A <-> B", "B <-> C", "C <-> A", "C <-> D", "D <-> A"]
    N = sf.reaction_network(lines)
    conditions = sf.wegscheider_conditions(N)
    assert len(conditions) == 2  # R − m + ℓ = 5 − 4 + 1; δ = 0
    rates = {r: 0.5 + i for i, r in enumerate(
        sorted({d["rate"] for _, _, d in N.edges(data=True)}, key=str))}
    # Rates from a potential (k⁻ = k⁺ e^{μ_v − μ_u}) satisfy every condition.
    mu = {"A": 0.3, "B": -1.2, "C": 0.7, "D": 2.0}
    values = {}
    for u, v, d in N.edges(data=True):
        if str(d["rate"]).startswith("k_{-"):
            continue
        values[d["rate"]] = rates[d["rate"]]
        values[N.edges[v, u, next(iter(N[v][u]))]["rate"]] = rates[d["rate"]] * sympy.exp(
            mu[v] - mu[u])
    assert all(abs(sympy.N(c.lhs.subs(values) - c.rhs.subs(values))) < 1e-12 for c in conditions)


def test_dimension_count_circuits_plus_deficiency_plus_emergent():
    N = sf.reaction_network(["E + A <-> EA", "EA + B <-> EAB", "E + B <-> EB", "EB + A <-> EAB",
                             "EAB <-> E + P"], constant=["A", "B", "P"])
    cycles = reaction_cycles(N)
    S_full = sf.stoichiometric_matrix(N, include_constant=True).matrix
    S_X = sf.stoichiometric_matrix(N).matrix
    kinds = [c.kind for c in cycles]
    assert kinds.count("circuit") + kinds.count("spanning-forest") == 5 - S_full.rank()
    assert kinds.count("emergent") == S_full.rank() - S_X.rank() == 1
    for c in cycles:
        gamma = sympy.Matrix([dict(c.vector).get(str(i), 0) for i in range(1, 6)])
        assert S_X * gamma == sympy.zeros(S_X.rows, 1)
        if c.kind != "emergent":
            assert S_full * gamma == sympy.zeros(S_full.rows, 1)


def test_open_michaelis_menten_reports_the_affinity_not_a_bare_verdict():
    N = sf.reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    [c] = reaction_cycles(N)
    assert c.kind == "emergent" and dict(c.overall) == {"S": -1, "P": 1}
    expected = sympy.log(k("k_1") * k("k_2") * k("S") / (k("k_{-1}") * k("k_{-2}") * k("P")))
    assert equivalent(c.affinity, expected)
    # The same condition the kinetic scheme of the enzyme gives.
    G = sf.kinetic_graph(["E <-> ES : k_1*S, k_{-1} [S]", "ES <-> E : k_2, k_{-2}*P [P]"])
    [kin] = sf.wegscheider_conditions(G)
    assert equivalent(kin.lhs / kin.rhs, c.ratio)


def test_irreversible_reaction_on_a_cycle_cannot_balance():
    [c] = reaction_cycles(sf.reaction_network(["A -> B", "B <-> C", "C <-> A"]))
    assert c.minus == 0 and c.affinity == sympy.oo
