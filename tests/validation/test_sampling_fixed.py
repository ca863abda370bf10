"""validate(values=...) on a Derivation whose K_eq holds only on a Wegscheider manifold."""

import pytest
import sympy

import symflux as sf
from symflux.errors import ValidationError
from symflux.problems import derive_problem, load_problem
from symflux.validation.sampling import manifold_groups, respect_fixed, sample_points
from tests.problems.test_problems import BANK


@pytest.fixture(scope="module")
def bi_uni():
    return derive_problem(load_problem(BANK / "random_bi_uni.toml"))


def test_a_fixed_constant_the_manifold_would_compute_is_kept(bi_uni):
    group = manifold_groups(bi_uni)[-1]
    (solved,) = group.constraints  # k_1, from the Wegscheider condition
    points = sample_points(group, 4, 0, 0.1, 10.0, fixed={solved.name: 2.5})
    assert all(p[solved] == 2.5 for p in points)
    relation = sympy.Eq(solved, group.constraints[solved])
    for p in points:  # another constant was solved for instead: the points stay on it
        lhs, rhs = (float(side.xreplace(p)) for side in (relation.lhs, relation.rhs))
        assert rhs == pytest.approx(lhs, rel=1e-12)


def test_validation_with_that_constant_fixed_passes_and_a_wrong_k_eq_fails(bi_uni):
    import dataclasses

    solved = next(iter(manifold_groups(bi_uni)[-1].constraints))
    assert bi_uni.validate(points=3, values={solved.name: 2.5}).status != "failed"
    wrong = dataclasses.replace(bi_uni, results={**bi_uni.results,
                                                 "K_eq": 2 * bi_uni["K_eq"]},
                                compact={k: v for k, v in bi_uni.compact.items()
                                         if k != "K_eq"})
    report = wrong.validate(points=3, values={solved.name: 2.5})
    assert [v.name for v in report.verdicts if v.verdict == "failed"] == ["K_eq"]


def test_a_relation_with_every_parameter_fixed_is_refused():
    a, b = sympy.symbols("a b", positive=True)
    with pytest.raises(ValidationError, match=r"a is fixed by values=.*leave a or one of b"):
        respect_fixed({a: 2 * b}, {a: 1.0, b: 3.0})


def test_the_points_limit_is_the_one_in_force(monkeypatch):
    from symflux.limits import LIMITS

    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    with pytest.raises(sf.ValidationError, match=r"from 1 to 10000 .*LIMITS\['validate_points'\]"):
        d.validate(points=10_001)
    monkeypatch.setitem(LIMITS, "validate_points", 3)
    with pytest.raises(sf.ValidationError, match="points must be from 1 to 3"):
        d.validate(points=4)
    assert d.validate(points=3).passed
