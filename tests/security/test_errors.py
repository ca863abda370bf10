"""Class 8: every refusal is a SymfluxError subclass exported from symflux.

The walk calls every public function of ``symflux.__all__`` with a wrong model and with
bad option values; whatever it raises must be a SymfluxError.
"""

import inspect

import networkx as nx
import pytest

import symflux as sf
import symflux.errors

FUNCTIONS = sorted(n for n in sf.__all__ if inspect.isfunction(getattr(sf, n)))
BAD_MODELS = [42, None, "1 <-> ", nx.Graph(), [["a"]]]


def test_every_error_class_is_exported():
    for name in symflux.errors.__all__:
        assert getattr(sf, name) is getattr(symflux.errors, name)
        assert issubclass(getattr(sf, name), sf.SymfluxError)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_bad_model_is_a_symflux_error(name):
    f = getattr(sf, name)
    for model in BAD_MODELS:
        try:
            f(model)
        except sf.SymfluxError:
            pass
        except TypeError as err:  # a missing required argument is Python's own error
            assert "required positional argument" in str(err), (name, model, err)


def _derivation():
    return sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))


@pytest.mark.parametrize("call", [
    lambda d: sf.validate(d, points=-1),
    lambda d: sf.validate(d, points=0),
    lambda d: sf.validate(d, points=10**8),
    lambda d: sf.validate(d, points=2.5),
    lambda d: sf.validate(d, seed=-1),
    lambda d: sf.validate(d, low=float("nan")),
    lambda d: sf.validate(d, values={"nonexistent": 1.0}),
    lambda d: sf.validate(d, values={"k_12": "abc"}),
    lambda d: sf.check(d, "p_1", "1", points=0),
    lambda d: sf.check(d, "p_1", "1", points=-3),
    lambda d: sf.check(d, "p_1", "1", time_limit=float("nan")),
    lambda d: sf.check(d, "p_1", "1", time_limit=1e300),
    lambda d: sf.check(d, "p_1", 5 + 3j),
    lambda d: sf.check(d, "nope", "1"),
    lambda d: d["nope"],
    lambda d: sf.kernel(d, "nope"),
    lambda d: sf.simulate(d.model, {"k_12": 1}, t_max=1e300),
    lambda d: sf.simulate(d.model, {"k_12": 1}, n_jumps=10**10),
    lambda d: sf.simulate(d.model, {"k_12": 1}, t_max=float("nan")),
    lambda d: sf.parse_expression(5),
    lambda d: sf.symbol(5),
    lambda d: sf.check(42, "p_1", "1"),
    lambda d: sf.combine("x", d, 42),
    lambda d: sf.effective_resistance(5, "a", "b"),
    lambda d: sf.effective_resistance(d.model, "1", "2"),
    lambda d: sf.grid(k="ab"),
    lambda d: sf.affinities(sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"]), basis="x"),
    lambda d: sf.affinities(d.model, basis="x"),
    lambda d: sf.equilibrium_distribution(sf.kinetic_graph(["1 -> 2", "2 <-> 3", "3 <-> 1"])),
], ids=lambda c: inspect.getsource(c).split("lambda d: ")[1].strip().rstrip(","))
def test_bad_option_is_a_named_error(call):
    with pytest.raises(sf.SymfluxError):
        call(_derivation())


def test_wrong_answer_with_points_zero_is_not_called_equal():
    with pytest.raises(sf.CheckError):
        sf.check(_derivation(), "p_1", "0", points=0)
