"""symflux's closed forms against libRoadRunner on SBML models written for the suite.

Each model in models/ is read by symflux, solved in closed form, and the steady-state
concentrations, fluxes and scaled flux and concentration control coefficients are
compared with roadrunner's ``steadyState()``,
``getScaledFluxControlCoefficientMatrix()`` and
``getScaledConcentrationControlCoefficientMatrix()`` at the model's own parameter
values.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import symflux as sf
from symflux.reactions.control import control_name

roadrunner = pytest.importorskip("roadrunner")
pytest.importorskip("libsbml")

MODELS = Path(__file__).parent / "models"
ACCEPTED = ["linear_moiety", "reversible_mm", "futile_cycle", "ordered_bibi", "branched",
            "two_conservation", "boundary_species", "local_parameters"]
REL = 1e-6


def _close(ours: float, theirs: float, floor: float = 1e-9) -> bool:
    return abs(ours - theirs) <= REL * max(abs(theirs), floor)


@pytest.fixture(scope="module", params=ACCEPTED)
def case(request):
    path = MODELS / f"{request.param}.xml"
    model = sf.read_sbml(path)
    d = sf.steady_state(model.network)
    cc = sf.control_coefficients(d)
    point = {sf.symbol(k): v for k, v in model.point().items()}
    rr = roadrunner.RoadRunner(str(path))
    rr.conservedMoietyAnalysis = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rr.steadyState()
    return model, d, cc, point, rr


def test_steady_state_concentrations(case):
    model, d, _, point, rr = case
    conc = rr.getFloatingSpeciesConcentrationsNamedArray()
    assert len(conc.colnames) == len([n for n in d if n.startswith("c_")])
    for sid, theirs in zip(conc.colnames, conc[0], strict=True):
        ours = float(d[f"c_{model.ids[sid]}"].xreplace(point))
        assert _close(ours, theirs), (sid, ours, theirs)


def test_steady_state_fluxes(case):
    model, d, _, point, rr = case
    volume = float(rr.model.getCompartmentVolumes()[0])
    for rid, theirs in zip(rr.model.getReactionIds(), rr.getReactionRates(), strict=True):
        # roadrunner's rates are amounts per time; symflux's fluxes are per volume.
        ours = float(d[f"J_{model.ids[rid]}"].xreplace(point))
        assert _close(ours * volume, theirs), (rid, ours * volume, theirs)


def test_scaled_flux_control_coefficients(case):
    model, _, cc, point, rr = case
    matrix = rr.getScaledFluxControlCoefficientMatrix()
    for i, flux in enumerate(matrix.rownames):
        for j, reaction in enumerate(matrix.colnames):
            name = control_name(f"J_{model.ids[flux]}", model.ids[reaction])
            ours = float(cc[name].xreplace(point))
            assert _close(ours, matrix[i, j], floor=1.0), (name, ours, matrix[i, j])


def test_scaled_concentration_control_coefficients(case):
    model, _, cc, point, rr = case
    matrix = rr.getScaledConcentrationControlCoefficientMatrix()
    assert matrix.shape[0] >= 1
    for i, species in enumerate(matrix.rownames):
        for j, reaction in enumerate(matrix.colnames):
            name = control_name(f"c_{model.ids[species]}", model.ids[reaction])
            ours = float(cc[name].xreplace(point))
            assert _close(ours, matrix[i, j], floor=1.0), (name, ours, matrix[i, j])


def test_exported_network_simulates_like_the_original(case):
    """write_sbml → roadrunner reaches the steady state symflux derived."""
    model, d, _, point, _ = case
    text = sf.write_sbml(model.network, values=model.values, initial=model.initial)
    rr = roadrunner.RoadRunner(text)
    rr.conservedMoietyAnalysis = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rr.steadyState()
    back = sf.read_sbml(text)
    conc = rr.getFloatingSpeciesConcentrationsNamedArray()
    for sid, theirs in zip(conc.colnames, conc[0], strict=True):
        ours = float(d[f"c_{back.ids[sid]}"].xreplace(point))
        assert _close(ours, theirs), (sid, ours, theirs)


REFUSED = {
    "refused_michaelis_menten": "not a positive integer power of a species",
    "refused_hill": "integer exponents",
    "refused_function": "function or operator 'MA'",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_models_name_reaction_and_reason(name):
    with pytest.raises(sf.ModelError, match=REFUSED[name]) as err:
        sf.read_sbml(MODELS / f"{name}.xml")
    assert "reaction 'v'" in str(err.value) and "supported are mass-action laws" in str(err.value)
    assert err.value.element == "v"
    # roadrunner simulates them: they are valid SBML, only not mass action.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        roadrunner.RoadRunner(str(MODELS / f"{name}.xml")).simulate(0, 1, 5)
