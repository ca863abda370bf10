"""``import symflux`` is light: public names load from their modules on first use."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import symflux
import symflux.errors

INIT = Path(symflux.__file__)


def _type_checking_imports() -> dict[str, list[str]]:
    tree = ast.parse(INIT.read_text())
    block = next(n for n in tree.body if isinstance(n, ast.If)
                 and getattr(n.test, "id", "") == "TYPE_CHECKING")
    return {n.module: [a.name for a in n.names] for n in block.body}


def test_the_type_checking_block_and_the_lazy_table_agree():
    assert _type_checking_imports() == {m: list(v) for m, v in symflux._EXPORTS.items()}


def test_all_lists_the_errors_and_every_lazy_name_once():
    expected = set(symflux.errors.__all__) | set(symflux._MODULE_OF)
    assert sorted(symflux.__all__) == sorted(expected)
    assert len(symflux.__all__) == len(set(symflux.__all__))


@pytest.mark.parametrize("name", sorted(symflux._MODULE_OF))
def test_every_public_name_resolves_to_its_module_object(name):
    import importlib

    module = importlib.import_module(symflux._MODULE_OF[name])
    assert getattr(symflux, name) is getattr(module, name)


def test_subpackages_resolve_and_unknown_names_raise_attribute_error():
    assert symflux.report.__name__ == "symflux.report"
    with pytest.raises(AttributeError, match="no attribute 'stedy_state'"):
        symflux.stedy_state  # noqa: B018
    assert "steady_state" in dir(symflux)


def test_import_symflux_loads_no_heavy_library():
    code = ("import sys, symflux; heavy = {'sympy', 'scipy', 'networkx', 'numba', 'numpy'}; "
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_the_version_is_the_package_version():
    import tomllib

    pyproject = tomllib.loads((INIT.parents[1] / "pyproject.toml").read_text())
    assert symflux.__version__ == pyproject["project"]["version"]


@pytest.mark.parametrize("name", ["grid", "sweep", "validate"])
def test_a_submodule_of_the_same_name_never_shadows_the_function(name):
    import importlib

    importlib.import_module(f"symflux.{name}")
    assert callable(getattr(symflux, name))
    assert getattr(symflux, name) is getattr(sys.modules[f"symflux.{name}"], name)


def test_the_numerics_package_lists_and_resolves_its_lazy_names():
    import importlib

    import symflux.numerics as numerics

    assert sorted(numerics.__all__) == sorted(numerics._WHERE)
    tree = ast.parse(Path(numerics.__file__).read_text())
    block = next(n for n in tree.body if isinstance(n, ast.If)
                 and getattr(n.test, "id", "") == "TYPE_CHECKING")
    typed = {a.name: n.module for n in block.body for a in n.names}
    assert typed == {k: f"symflux.numerics.{v}" for k, v in numerics._WHERE.items()}
    for name, module in numerics._WHERE.items():
        target = importlib.import_module(f"symflux.numerics.{module}")
        assert getattr(numerics, name) is getattr(target, name)


def test_validating_does_not_import_the_simulator():
    code = ("import symflux as sf, sys; "
            "sf.steady_state(sf.kinetic_graph(['1 <-> 2'])).validate(points=2); "
            "print('numba' in sys.modules, 'symflux.numerics.gillespie' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]
