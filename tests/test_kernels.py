"""Kernels: keyword names, aliases, broadcasting, and clear errors."""

import numpy as np
import pytest

import symflux as sf


@pytest.fixture(scope="module")
def triangle():
    return sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))


def test_parameters_and_aliases(triangle):
    f = triangle.kernel("p_1")
    assert f.parameters == ("k_{12}", "k_{13}", "k_{21}", "k_{23}", "k_{31}", "k_{32}")
    assert f.python_parameters[0] == "k_12"
    values = dict.fromkeys(f.python_parameters, 1.0)
    assert f(**values) == pytest.approx(1 / 3)
    assert f({"k_{12}": 1, "k_{13}": 1, "k_{21}": 1, "k_{23}": 1, "k_{31}": 1,
              "k_{32}": 1}) == pytest.approx(1 / 3)


def test_broadcasting(triangle):
    f = triangle.kernel("J_12")
    k = np.linspace(0.5, 5.0, 7)
    out = f(k_12=k, k_21=1.0, k_23=1.0, k_32=1.0, k_31=1.0, k_13=1.0)
    assert out.shape == (7,)
    assert out[0] < 0 < out[-1]  # the cycle current reverses as k_12 crosses k_21
    grid = f(k_12=k[:, None], k_21=k[None, :], k_23=1, k_32=1, k_31=1, k_13=1)
    assert grid.shape == (7, 7)
    assert np.allclose(np.diag(grid), 0.0)


def test_missing_and_unknown_parameters(triangle):
    f = triangle.kernel("p_1")
    with pytest.raises(sf.KernelError, match=r"missing value\(s\) for k_\{13\}"):
        f(k_12=1, k_21=1, k_23=1, k_32=1, k_31=1)
    with pytest.raises(sf.KernelError, match=r"unknown parameter.*k_99"):
        f(k_12=1, k_21=1, k_23=1, k_32=1, k_31=1, k_13=1, k_99=2)


def test_unknown_result_lists_the_available_ones(triangle):
    with pytest.raises(KeyError, match="available: w_1"):
        triangle.kernel("p_9")


def test_kernel_matches_textbook_form_not_just_compact_form(triangle):
    # the compact nested form a kernel evaluates equals the expanded textbook form
    import sympy
    for name in triangle.compact:
        assert sympy.cancel(triangle.compact[name] - triangle[name]) == 0, name
