"""The numba kernel backend: the NumPy kernel's numbers, no user text compiled, clear errors."""

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.compile import loop_source, numba_backend, numba_function

pytest.importorskip("numba")

K4 = [f"{i} <-> {j}" for i in range(1, 5) for j in range(i + 1, 5)]


@pytest.fixture(scope="module")
def k4():
    return sf.steady_state(sf.kinetic_graph(K4))


@pytest.fixture(scope="module")
def k4_kernels(k4):
    names = ["p_1", "J_12", "Sigma"]
    return {n: (k4.kernel(n), k4.kernel(n, backend="numba")) for n in names}


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(1, 300),
       name=st.sampled_from(["p_1", "J_12", "Sigma"]))
def test_numba_kernel_equals_numpy_kernel_on_random_points(k4_kernels, seed, size, name):
    numpy_kernel, numba_kernel = k4_kernels[name]
    rng = np.random.default_rng(seed)
    values = {p: 10.0 ** rng.uniform(-3, 3, size) for p in numpy_kernel.python_parameters}
    expected, got = numpy_kernel(**values), numba_kernel(**values)
    assert got.shape == expected.shape == (size,)
    # fastmath reassociates sums: equal to rounding, scaled by the terms' magnitude
    assert np.allclose(got, expected, rtol=1e-9, atol=0.0)


def test_numba_kernel_broadcasts_scalars_and_grids_like_numpy(k4_kernels):
    numpy_kernel, numba_kernel = k4_kernels["J_12"]
    values = dict.fromkeys(numpy_kernel.python_parameters, 1.0)
    k = np.linspace(0.5, 5.0, 7)
    values.update(k_12=k[:, None], k_21=k[None, :])  # a 7x7 grid: the strided loop
    assert np.allclose(numba_kernel(**values), numpy_kernel(**values), rtol=1e-12, atol=1e-15)
    scalar = numba_kernel(**dict.fromkeys(numpy_kernel.python_parameters, 2.0))
    assert isinstance(scalar, float) and scalar == pytest.approx(0.0, abs=1e-15)


def test_numba_kernel_matches_exact_rational_evaluation(k4):
    numba_kernel = k4.kernel("p_1", backend="numba")
    point = {s: sympy.Rational(i + 2, 3) for i, s in enumerate(k4.parameters)}
    exact = k4["p_1"].subs(point)
    got = numba_kernel({s.name: float(v) for s, v in point.items()})
    assert got == pytest.approx(float(exact), rel=1e-14)


def test_multi_output_shares_subexpressions_and_returns_one_array_per_expression():
    a, b = sympy.symbols("a b", positive=True)
    source = loop_source([a / (a + b), b / (a + b)], [a, b])
    assert source.count("(a0 + a1)") == 1  # computed once, used by both outputs
    p, q = numba_function([a / (a + b), b / (a + b)], [a, b])(np.array([1.0, 3.0]), 1.0)
    assert p.tolist() == [0.5, 0.75] and q.tolist() == [0.5, 0.25]


def test_out_arrays_receive_the_results_in_place():
    a, b = sympy.symbols("a b")
    f = numba_function([a * b], [a, b])
    out = np.zeros(4)
    (result,) = f(np.arange(4.0), 2.0, out=(out,))
    assert result is out and out.tolist() == [0.0, 2.0, 4.0, 6.0]
    with pytest.raises(sf.KernelError, match="C-contiguous float64"):
        f(np.arange(4.0), 2.0, out=(np.zeros(3),))


def test_user_symbol_names_never_reach_the_generated_source():
    evil = sympy.Symbol("__import__('os').system('echo pwned')")
    other = sympy.Symbol("k_{12}")
    source = loop_source([evil * other + sympy.exp(evil)], [evil, other])
    assert "import" not in source and "os" not in source and "k_" not in source
    assert numba_function([evil * other], [evil, other])(2.0, 3.0)[0] == 6.0


def test_functions_and_powers_compile_to_the_same_numbers_as_numpy():
    x, y = sympy.symbols("x y", positive=True)
    expr = (sympy.exp(-x) * sympy.log(y) + sympy.sqrt(x) / y**3 + x ** sympy.Rational(3, 2)
            + y**-2 + sympy.Abs(x - y) + sympy.Rational(2, 7) * x**7)
    xs, ys = np.linspace(0.1, 3, 11), np.linspace(0.2, 5, 11)
    expected = sympy.lambdify([x, y], expr, "numpy")(xs, ys)
    assert np.allclose(numba_function([expr], [x, y])(xs, ys)[0], expected, rtol=1e-12)


def test_unsupported_nodes_and_stray_symbols_are_refused():
    x, y = sympy.symbols("x y")
    with pytest.raises(sf.KernelError, match="not inputs"):
        numba_function([x + y], [x])
    with pytest.raises(sf.KernelError, match="cannot compile"):
        numba_function([sympy.gamma(x)], [x])
    with pytest.raises(sf.KernelError, match="cannot compile"):
        numba_function([sympy.Piecewise((x, x > 0), (0, True))], [x])
    with pytest.raises(sf.KernelError, match="no expression"):
        numba_function([], [x])


def test_unknown_backend_lists_the_valid_ones(k4):
    with pytest.raises(sf.KernelError, match="valid backends are 'numpy', 'numba'"):
        k4.kernel("p_1", backend="fortran")
    with pytest.raises(sf.KernelError, match="unknown kernel backend"):
        sf.kernel(k4, "p_1", backend="numbaa")


def test_missing_numba_says_how_to_install_it(k4, monkeypatch):
    monkeypatch.setattr(numba_backend, "HAVE_NUMBA", False)
    with pytest.raises(sf.KernelError, match=r"pip install symflux\[fast\]"):
        k4.kernel("p_1", backend="numba")


def test_numba_kernel_checks_parameters_like_the_numpy_kernel(k4):
    f = k4.kernel("p_1", backend="numba")
    assert f.backend == "numba"
    with pytest.raises(sf.KernelError, match=r"missing value\(s\) for k_\{43\}"):
        f(**{p: 1.0 for p in f.python_parameters if p != "k_43"})


def test_a_kernel_without_inputs_broadcasts_its_constant():
    (value,) = numba_function([sympy.Rational(3, 4)], [])()
    assert value.shape == () and float(value) == 0.75
