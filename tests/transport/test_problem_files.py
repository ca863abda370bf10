"""Transport and path problem files: the find language and malformed models."""

import pytest

from symflux.problems import run_problem

PORE = """
title = "pore"
source = "test"
kind = "transport"
[model]
nodes = {{ in = {{ potential = "c_1" }}, out = {{ potential = "c_2" }} }}
edges = [ {{ between = ["in", "out"], element = "pore" }} ]
[find]
J = "{find}"
"""


@pytest.mark.parametrize("find, message", [
    ("flow in -> out", "is not understood"),
    ("flux in", "write 'flux A -> B'"),
    ("flux in -> out where L -> 5", "goes to 0 or oo"),
    ("effective resistance in", "name two nodes"),
    ("potential in", "fixed potential"),
])
def test_bad_find_specs_are_explained(tmp_path, find, message):
    f = tmp_path / "p.toml"
    f.write_text(PORE.format(find=find))
    outcome = run_problem(f, validate=False)
    assert outcome.error is not None and message in outcome.error


def test_find_modifiers(tmp_path):
    f = tmp_path / "p.toml"
    f.write_text(PORE.format(find="flux in -> out where c_2 -> 0 times n*F"))
    outcome = run_problem(f)
    assert outcome.error is None
    assert str(outcome.derivation["J"]) == "pi*D*F*R**2*c_1*n/L"
    assert outcome.validation.passed


@pytest.mark.parametrize("model, message", [
    ('edges = []', "needs edges"),
    ('edges = [ { between = ["a"], resistance = "R" } ]', "between"),
    ('nodes = { a = { temperature = "T" } }\n'
     'edges = [ { between = ["a", "b"], resistance = "R" } ]', "may have potential"),
])
def test_malformed_transport_models(tmp_path, model, message):
    f = tmp_path / "p.toml"
    f.write_text(f'title = "t"\nsource = "s"\nkind = "transport"\n[model]\n{model}\n'
                 '[find]\nR = "resistance"\n')
    outcome = run_problem(f, validate=False)
    assert outcome.error is not None and message in outcome.error


@pytest.mark.parametrize("model, message", [
    ('D = "D"\nc = ["c_1", "c_2"]', "x is missing"),
    ('D = "D"\nx = [0, "L"]\nc = ["c_1", "c_2"]\nwidth = "w"', "unknown key"),
])
def test_malformed_path_models(tmp_path, model, message):
    f = tmp_path / "p.toml"
    f.write_text(f'title = "t"\nsource = "s"\nkind = "path"\n[model]\n{model}\n'
                 '[find]\nJ = "flux"\n')
    outcome = run_problem(f, validate=False)
    assert outcome.error is not None and message in outcome.error
