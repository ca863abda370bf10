"""Property tests: rates built to satisfy the Wegscheider conditions give zero net flux in
every reaction at the ODE steady state; breaking one condition gives a nonzero one."""


import numpy as np
import sympy
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.numerics.mass_action import mass_action_steady_state
from symflux.reactions import network_model, reaction_cycles
from symflux.testing.strategies import reaction_network_lines

SPECIES = ("A", "B", "C")


@st.composite
def networks(draw):
    lines = draw(reaction_network_lines())
    mu = {s: draw(st.floats(-1.5, 1.5)) for s in SPECIES}
    forward = [draw(st.floats(0.2, 5.0)) for _ in lines]
    return lines, mu, forward


def _values(N, mu, forward):
    """k⁻ = k⁺ c*^α / c*^β with c* = e^μ: detailed balance at c*, so every condition holds."""
    m = network_model(N)
    values = {}
    for r, kf in zip(m.reactions, forward, strict=True):
        def log_c(node):
            return sum(n * mu[s] for s, n in m.composition[node].items())
        values[r.forward_rate.name] = kf
        values[r.backward_rate.name] = kf * np.exp(log_c(r.source) - log_c(r.target))
    return m, values


def _net_fluxes(m, values, seed):
    laws = sf.conservation_laws(m)
    # Totals of a random positive state, so that the class is never empty.
    start = np.random.default_rng(seed).uniform(0.5, 2.0, len(m.species))
    totals = {law.total.name: float(np.dot(law.vector, start)) for law in laws}
    c = mass_action_steady_state(
        m.graph, {**values, **totals},
        laws=tuple((law.total.name, tuple(law.coefficients.items())) for law in laws), seed=seed)
    out = []
    for r in m.reactions:
        def mono(node):
            return np.prod([c[s] ** n for s, n in m.composition[node].items()])
        fwd = values[r.forward_rate.name] * mono(r.source)
        bwd = values[r.backward_rate.name] * mono(r.target)
        # A reaction whose reactant and product complexes both ran out (a species at 0 on
        # the boundary) carries no flow at all: its net flux is 0, not 0/0.
        out.append((fwd - bwd) / (fwd + bwd) if fwd + bwd > 0 else 0.0)
    return np.array(out), min(c[s] for s in m.species)


@settings(max_examples=12)
@given(networks(), st.integers(0, 1000))
def test_conditions_hold_means_zero_net_flux_in_every_reaction(net, seed):
    lines, mu, forward = net
    N = sf.reaction_network(lines)
    m, values = _values(N, mu, forward)
    subs = {sf.symbol(k): v for k, v in values.items()}
    for cond in sf.wegscheider_conditions(N):
        lhs, rhs = float(cond.lhs.xreplace(subs)), float(cond.rhs.xreplace(subs))
        assert abs(lhs - rhs) <= 1e-9 * max(lhs, rhs)
    assert np.max(np.abs(_net_fluxes(m, values, seed)[0])) < 1e-7


@settings(max_examples=12)
@given(networks(), st.integers(0, 1000), st.sampled_from((0.2, 3.0, 10.0)))
@example((["A + C <-> 2 C", "A <-> B", "B <-> A"], {"A": 0.0, "B": 0.0, "C": 0.0},
          [1.0, 1.0, 1.0]), 366, 0.2)  # C dies out: reaction 1 carries no flow at all
@example((["A <-> B", "B <-> C", "C <-> A"], {"A": 0.0, "B": 0.5, "C": -0.5},
          [1.0, 2.0, 0.5]), 1, 3.0)  # a positive steady state: the broken cycle must flow
def test_breaking_one_condition_gives_a_nonzero_net_flux(net, seed, factor):
    lines, mu, forward = net
    N = sf.reaction_network(lines)
    cycles = reaction_cycles(N)
    assume(cycles)
    m, values = _values(N, mu, forward)
    label, _ = cycles[0].vector[0]
    r = next(r for r in m.reactions if r.label == label)
    values[r.backward_rate.name] *= factor
    subs = {sf.symbol(k): v for k, v in values.items()}
    broken = cycles[0].condition
    lhs, rhs = float(broken.lhs.xreplace(subs)), float(broken.rhs.xreplace(subs))
    assert abs(lhs - rhs) > 1e-3 * max(lhs, rhs)
    fluxes, lowest = _net_fluxes(m, values, seed)
    # Wegscheider's conditions are about positive steady states: an autocatalyst that dies
    # out (A + C <-> 2 C) leaves a boundary state where every flux vanishes whatever the rates.
    assume(lowest > 1e-9)
    assert np.max(np.abs(fluxes)) > 1e-6


def test_condition_count_is_reactions_minus_rank():
    N = sf.reaction_network(["A <-> B", "2 A <-> A + B", "A + B <-> 2 B", "B <-> C"])
    S = sf.stoichiometric_matrix(N).matrix
    assert len(sf.wegscheider_conditions(N)) == S.cols - S.rank() == 2
    assert all(isinstance(c, sympy.Eq) for c in sf.wegscheider_conditions(N))
