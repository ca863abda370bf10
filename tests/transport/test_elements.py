"""Geometry resistances: textbook values, numerical quadrature, and paths without a steady state."""

import pytest
import sympy

import symflux as sf
from symflux.errors import GraphError, NoSteadyState
from symflux.numerics.laplace import disk_current
from symflux.transport.elements import ELEMENTS

D, A, L, R, a, b, h, P = sympy.symbols("D A L R a b h P", positive=True)
pi = sympy.pi


@pytest.mark.parametrize("name, expected", [
    ("slab", L / (D * A)),
    ("pore", L / (pi * R**2 * D)),
    ("cylindrical_shell", sympy.log(b / a) / (2 * pi * D * L)),
    ("spherical_shell", (1 / a - 1 / b) / (4 * pi * D)),
    ("sphere_to_infinity", 1 / (4 * pi * D * a)),
    ("hemisphere_to_infinity", 1 / (2 * pi * D * a)),
    ("film", 1 / (h * A)),
    ("membrane", 1 / (P * A)),
    ("microdisk", 1 / (4 * D * a)),
    ("access", 1 / (4 * D * a)),
])
def test_textbook_resistances(name, expected):
    d = sf.element(name)
    assert sympy.simplify(d["R"] - expected) == 0
    assert d.kind == "transport" and d.steps


@pytest.mark.parametrize("name", ["slab", "pore", "cylindrical_shell", "spherical_shell",
                                  "sphere_to_infinity", "hemisphere_to_infinity"])
def test_geometric_resistances_match_quadrature(name):
    report = sf.element(name).validate(points=4, seed=3)
    assert report.passed
    assert report.max_rel_error["R"] < 1e-9


def test_the_integral_is_recorded_in_the_steps():
    d = sf.element("pore")
    assert any(isinstance(s.equation, sympy.Eq) and s.equation.rhs.has(sympy.Integral)
               for s in d.steps)


def test_variable_coefficient_and_area_path():
    x = sf.symbol("x")
    d = sf.path_resistance("D_0*(1 + x/L)", (0, "L"), "A_0*(1 + x/L)")
    D0, A0 = sf.symbol("D_0"), sf.symbol("A_0")
    assert sympy.simplify(d["R"] - L / (2 * D0 * A0)) == 0
    assert d.validate(points=3).passed
    assert x not in d["R"].free_symbols


@pytest.mark.parametrize("name, words", [
    ("planar", ["planar", "Cottrell", "t**(-1/2)"]),
    ("cylinder_to_infinity", ["logarithm", "d = 3"]),
])
def test_paths_to_infinity_in_one_and_two_dimensions_have_no_steady_state(name, words):
    with pytest.raises(NoSteadyState) as err:
        sf.element(name)
    for w in words:
        assert w in str(err.value)


def test_radial_paths_finite_only_in_three_dimensions():
    r = sf.symbol("r")
    for _d_dim, area in ((1, "A"), (2, "2*pi*r*L")):
        with pytest.raises(NoSteadyState):
            sf.path_resistance("D", ("a", "oo"), area, position=r)
    sphere = sf.path_resistance("D", ("a", "oo"), "4*pi*r**2", position=r)
    assert sphere["R"] == 1 / (4 * pi * D * a)


def test_bad_elements_are_refused_with_the_valid_choices():
    with pytest.raises(GraphError, match="known: slab"):
        sf.element("tube")
    with pytest.raises(GraphError, match="parameters are D, R, L"):
        sf.element("pore", radius="R")


def test_every_element_documents_its_parameters():
    for spec in ELEMENTS.values():
        assert all(len(v) == 2 and v[0] for v in spec.parameters.values())


def test_microdisk_finite_difference_reproduces_saito_within_two_percent():
    assert abs(disk_current() / 4 - 1) < 0.02


def test_microdisk_validation_by_the_laplace_route():
    report = sf.element("microdisk").validate(routes=["laplace"], points=2,
                                              tolerance={"laplace": 0.02})
    assert report.passed and report.max_rel_error["R"] < 0.02


def test_a_wrong_disk_constant_would_fail_the_laplace_route():
    # pi D a instead of 4 D a is off by 27 %: the route sees it.
    assert abs(disk_current() / float(pi) - 1) > 0.1
