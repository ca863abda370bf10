"""Options are keyword-only after the model and its attribute-name keywords (issue #13)."""

import inspect

import pytest

import symflux as sf
from symflux.kinetics import thermodynamics as kinetic_thermodynamics

#: function → the parameters that may be passed by position (the model, its data and
#: the names of graph attributes); everything after them must be keyword-only.
POSITIONAL = {
    sf.validate: ("derivation",),
    sf.path_flux: ("D", "ends", "span", "area"),
    sf.path_resistance: ("D", "span", "area"),
    sf.transport_network: ("edges",),
    sf.affinities: ("G", "rate"),
    sf.rate_law: ("N", "rate"),
    sf.is_detailed_balanced: ("G", "values", "rate"),
    kinetic_thermodynamics.is_detailed_balanced: ("G", "values", "rate"),
    sf.simulate: ("G", "values"),
    sf.simulate_ensemble: ("G", "values"),
    sf.check: ("derivation", "name", "answer"),
}


@pytest.mark.parametrize("function", list(POSITIONAL), ids=lambda f: f.__qualname__)
def test_options_are_keyword_only(function):
    params = inspect.signature(function).parameters.values()
    positional = tuple(p.name for p in params if p.kind in (
        p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    assert positional == POSITIONAL[function]


def test_a_positional_option_is_refused():
    G = sf.kinetic_graph(["1 <-> 2"])
    with pytest.raises(TypeError):
        sf.simulate_ensemble(G, {"k_12": 1.0, "k_21": 1.0}, 10.0)
