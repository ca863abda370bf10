"""Sweeps: chunking changes nothing, grids mean what they say, dask gives the same numbers."""

import numpy as np
import pytest

import symflux as sf

TRIANGLE = ["1 <-> 2", "2 <-> 3", "3 <-> 1"]
FIXED = {"k_13": 0.5, "k_23": 3.0, "k_32": 1.0, "k_31": 4.0}


@pytest.fixture(scope="module")
def triangle():
    return sf.steady_state(sf.kinetic_graph(TRIANGLE))


def reference(d, names, values):
    return {n: d.kernel(n)(values) for n in names}


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@pytest.mark.parametrize("chunk", [1, 7, 64, 10**6])
def test_outer_product_grid_in_chunks_equals_one_kernel_call(triangle, backend, chunk):
    if backend == "numba":
        pytest.importorskip("numba")
    a, b = np.linspace(0.1, 5.0, 13), np.geomspace(0.01, 100.0, 9)
    g = sf.grid(k_12=a, k_21=b, **{k: [v] for k, v in FIXED.items()})
    got = sf.sweep(triangle, g, ["p_1", "J_12"], chunk=chunk, backend=backend)
    want = reference(triangle, ["p_1", "J_12"], {"k_12": a[:, None], "k_21": b[None, :],
                                                 **FIXED})
    for n in want:
        assert got[n].shape == (13, 9, 1, 1, 1, 1)
        assert np.allclose(got[n][..., 0, 0, 0, 0], want[n], rtol=1e-12, atol=1e-15)


def test_a_mapping_broadcasts_like_a_kernel_call(triangle):
    rng = np.random.default_rng(3)
    values = {"k_12": rng.uniform(0.1, 5, (4, 1)), "k_{21}": rng.uniform(0.1, 5, (1, 6)),
              **FIXED}
    got = sf.sweep(triangle, values, chunk=5)
    assert set(got) == set(triangle.results)
    for n, v in reference(triangle, list(triangle.results), values).items():
        assert got[n].shape == (4, 6)
        assert np.allclose(got[n], v, rtol=1e-12, atol=1e-15), n


def test_results_go_into_a_memmap(triangle, tmp_path):
    a = np.linspace(0.5, 2.0, 50)
    out = {"p_2": np.lib.format.open_memmap(tmp_path / "p2.npy", mode="w+", shape=(50, 3))}
    values = {"k_12": a[:, None], "k_21": np.array([1.0, 2.0, 3.0]), **FIXED}
    result = sf.sweep(triangle, values, "p_2", chunk=16, out=out)
    assert result["p_2"] is out["p_2"]
    out["p_2"].flush()
    assert np.allclose(np.load(tmp_path / "p2.npy"), reference(triangle, ["p_2"], values)["p_2"])


def test_a_strided_out_array_is_filled_too(triangle):
    buffer = np.zeros((6, 8))
    values = {"k_12": np.linspace(1, 2, 6)[:, None], "k_21": np.linspace(1, 2, 4), **FIXED}
    sf.sweep(triangle, values, "p_3", chunk=5, out={"p_3": buffer[:, ::2]})
    assert np.allclose(buffer[:, ::2], reference(triangle, ["p_3"], values)["p_3"])
    assert (buffer[:, 1::2] == 0).all()


def test_progress_line_on_request(triangle, capsys):
    sf.sweep(triangle, sf.grid(k_12=np.ones(100), k_21=[1.0], **{k: [v] for k, v in
                                                                  FIXED.items()}),
             "p_1", chunk=10, progress=True)
    err = capsys.readouterr().err
    assert "sweep: 100/100 points (100 %)" in err and err.count("\n") == 10


def test_bad_sweeps_are_named(triangle):
    fixed = {k: [v] for k, v in FIXED.items()}
    with pytest.raises(sf.SweepError, match=r"no values for k_\{21\}"):
        sf.sweep(triangle, sf.grid(k_12=[1.0], **fixed))
    with pytest.raises(sf.SweepError, match=r"unknown parameter.*k_99"):
        sf.sweep(triangle, sf.grid(k_12=[1.0], k_21=[1.0], k_99=[1.0], **fixed))
    with pytest.raises(sf.SweepError, match=r"chunk must be an integer.*\[1, 16777216\]"):
        sf.sweep(triangle, sf.grid(k_12=[1.0], k_21=[1.0], **fixed), chunk=0)
    big = sf.grid(k_12=np.ones(10**5), k_21=np.ones(10**5), **fixed)  # 10¹⁰ points, lazy
    with pytest.raises(sf.SweepError, match="more than MAX_POINTS"):
        sf.sweep(triangle, big)
    with pytest.raises(sf.SweepError, match="valid backends are 'numpy', 'numba'"):
        sf.sweep(triangle, sf.grid(k_12=[1.0], k_21=[1.0], **fixed), backend="c")
    with pytest.raises(sf.SweepError, match=r"out\['p_1'\] must be a writeable float64"):
        sf.sweep(triangle, sf.grid(k_12=[1.0], k_21=[1.0], **fixed), "p_1",
                 out={"p_1": np.zeros(3)})
    with pytest.raises(KeyError, match="available"):
        sf.sweep(triangle, sf.grid(k_12=[1.0], k_21=[1.0], **fixed), "p_9")
    with pytest.raises(sf.SweepError, match="non-empty 1-D"):
        sf.grid(k_12=[[1.0, 2.0]])


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_dask_inputs_give_a_lazy_sweep_with_the_same_numbers(triangle, backend):
    da = pytest.importorskip("dask.array")
    if backend == "numba":
        pytest.importorskip("numba")
    a, b = np.linspace(0.1, 5.0, 40), np.geomspace(0.01, 100.0, 30)
    lazy = sf.sweep(triangle, {"k_12": da.from_array(a, chunks=7)[:, None],
                               "k_21": da.from_array(b, chunks=11)[None, :], **FIXED},
                    ["p_1", "J_12"], backend=backend)
    assert all(isinstance(v, da.Array) for v in lazy.values())
    assert lazy["p_1"].chunks == ((7, 7, 7, 7, 7, 5), (11, 11, 8))
    eager = sf.sweep(triangle, {"k_12": a[:, None], "k_21": b[None, :], **FIXED},
                     ["p_1", "J_12"])
    import dask

    p, j = dask.compute(lazy["p_1"], lazy["J_12"], scheduler="threads")
    assert np.allclose(p, eager["p_1"], rtol=1e-12) and np.allclose(j, eager["J_12"],
                                                                   rtol=1e-12, atol=1e-15)


def test_grid_to_dask_runs_on_a_local_cluster_of_two_worker_processes(triangle):
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("dask.array")
    g = sf.grid(k_12=np.linspace(0.1, 5.0, 200), k_21=np.geomspace(0.01, 100.0, 150),
                **{k: [v] for k, v in FIXED.items()})
    eager = sf.sweep(triangle, g, ["p_1", "J_12"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        lazy = sf.sweep(triangle, g.to_dask(chunks=50), ["p_1", "J_12"])
        p, j = client.compute([lazy["p_1"], lazy["J_12"]], sync=True)
        workers = client.run(lambda: 1)
    assert len(workers) == 2
    assert np.allclose(p, eager["p_1"], rtol=1e-12)
    assert np.allclose(j, eager["J_12"], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("shape", [(7,), (3, 5), (4, 1, 6), (2, 3, 2, 5)])
@pytest.mark.parametrize("start,n", [(0, 1), (0, 60), (5, 17), (11, 9)])
def test_chunk_coordinates_are_those_of_unravel_index(shape, start, n):
    from symflux.grid import axis_coordinate

    size = int(np.prod(shape))
    start, n = start % size, min(n, size - start % size)
    expected = np.unravel_index(np.arange(start, start + n), shape)
    for d in range(len(shape)):
        stride = int(np.prod(shape[d + 1:]))
        assert np.array_equal(axis_coordinate(start, n, stride, shape[d]), expected[d]), d
