"""1-D continuum paths: Kirchhoff transformation, drift, equilibrium; against solve_bvp."""

import pytest
import sympy

import symflux as sf
from symflux.checking.equivalence import equivalent
from symflux.errors import GraphError

D, D0, L, a, beta, c1, c2, x = sympy.symbols("D D_0 L a beta c_1 c_2 x", positive=True)


def test_constant_D_gives_a_linear_profile_and_fick_s_flux():
    d = sf.path_flux("D", ("c_1", "c_2"), (0, "L"))
    assert d["J"] == D * (c1 - c2) / L
    assert sympy.simplify(d["c"] - (c1 - (c1 - c2) * x / L)) == 0
    assert d["R"] == L / D


def test_linear_D_of_c_crank():
    d = sf.path_flux("D_0*(1 + a*c)", ("c_1", "c_2"), (0, "L"))
    assert sympy.simplify(d["J"] - D0 / L * (c1 - c2 + a * (c1**2 - c2**2) / 2)) == 0
    # the profile meets both ends and is curved (not linear in x)
    assert equivalent(d["c"].subs(x, 0), c1)
    assert equivalent(d["c"].subs(x, L), c2)
    assert sympy.diff(d["c"], x, 2) != 0
    report = d.validate(points=4, low=0.1, high=10)
    assert report.passed and report.max_rel_error["J"] < 1e-8


def test_exponential_D_of_c():
    d = sf.path_flux("D_0*exp(beta*c)", ("c_1", "c_2"), (0, "L"))
    expected = D0 * (sympy.exp(beta * c1) - sympy.exp(beta * c2)) / (beta * L)
    assert sympy.simplify(d["J"] - expected) == 0
    assert d.validate(points=3, low=0.3, high=3).passed


def test_profile_that_does_not_invert_readably_is_given_as_x_of_c():
    d = sf.path_flux("D_0*c**2 + D_1", ("c_1", "c_2"), (0, "L"))
    assert "x" in d and "c" not in d
    assert d.validate(points=3, low=0.3, high=3).passed


def test_sedimentation_equilibrium_is_boltzmann_with_zero_flux():
    d = sf.path_flux("D", ("c_0", "closed"), (0, "h"), energy="m_b*g*z/(k_B*T)",
                     position="z")
    z, mb, g, kB, T, c0 = sympy.symbols("z m_b g k_B T c_0", positive=True)
    assert d["J"] == 0
    assert d["c"] == c0 * sympy.exp(-mb * g * z / (kB * T))
    assert d.validate(points=3, low=0.3, high=3).passed


def test_ghk_flux_and_its_zero_field_limit():
    u = sf.symbol("u", real=True)
    d = sf.path_flux("D", ("c_i", "c_o"), (0, "L"), energy="-u*x/L", symbols={"u": u})
    ci, co = sympy.symbols("c_i c_o", positive=True)
    ghk = D / L * u * (ci - co * sympy.exp(-u)) / (1 - sympy.exp(-u))
    assert sympy.simplify(d["J"] - ghk) == 0
    assert sympy.limit(d["J"], u, 0) == D * (ci - co) / L
    assert d.validate(points=4, low=0.3, high=3).passed


def test_variable_area_heat_conduction_through_a_cylindrical_shell():
    d = sf.path_flux("k", ("T_1", "T_2"), ("a", "b"), area="2*pi*x*H", variable="T")
    k, H, b, T1, T2 = sympy.symbols("k H b T_1 T_2", positive=True)
    assert sympy.simplify(d["J"] - 2 * sympy.pi * k * H * (T1 - T2) / sympy.log(b / a)) == 0
    assert d.validate(points=3).passed


def test_drift_with_a_concentration_dependent_D_is_refused():
    with pytest.raises(GraphError, match="not separable"):
        sf.path_flux("D_0*(1 + a*c)", ("c_1", "c_2"), (0, "L"), energy="u*x")


def test_area_may_not_depend_on_the_variable():
    with pytest.raises(GraphError, match="position"):
        sf.path_flux("D", ("c_1", "c_2"), (0, "L"), area="1 + c")


def test_a_wrong_flux_would_fail_validation():
    # the BVP solve is independent: a closed form with the factor 1/2 dropped is caught
    d = sf.path_flux("D_0*(1 + a*c)", ("c_1", "c_2"), (0, "L"))
    from dataclasses import replace

    wrong = replace(d, results={**d.results, "J": D0 / L * (c1 - c2 + a * (c1**2 - c2**2))})
    assert not wrong.validate(points=2).passed
