"""Problem files: ``derivations/*.toml`` → model → Derivation → verdict.

One problem per file, one shape for every kind of model (docs/problem-format.md):

.. code-block:: toml

    title  = "Three-state cycle"
    source = "T. L. Hill, Free Energy Transduction ... (1989), ch. 1"
    kind   = "kinetic"

    [model]
    transitions = ["1 <-> 2 : k_12, k_21", "2 <-> 3 : k_23, k_32", "3 <-> 1 : k_31, k_13"]

    [find]
    J = "flux 1 -> 2"

    [expect]
    J = '\\frac{k_{12} k_{23} k_{31} - k_{13} k_{32} k_{21}}{...}'

    [symbols]
    k_12 = { description = "rate constant of 1 → 2", unit = "1/s" }

Each model kind has a builder, listed in :data:`symflux.problems.loader.KINDS`, that turns
``[model]`` and ``[find]`` into a Derivation whose results carry the ``[find]`` names.
"""


from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from symflux.derivation import Derivation
from symflux.errors import ProblemFileError
from symflux.problems import kinetics, reactions, transport
from symflux.problems.problem import Problem
from symflux.problems.schema import check_types, read_toml

__all__ = ["KINDS", "derive_problem", "load_problem", "problem_files"]

#: The model kinds a problem file may name, each with the builder of its Derivation.
KINDS: Mapping[str, Callable[[Problem], Derivation]] = MappingProxyType({
    "kinetic": kinetics.build_kinetic,
    "reactions": reactions.build_reactions,
    "transport": transport.build_transport,
    "path": transport.build_path,
})

_REQUIRED = ("title", "source", "kind", "model", "find")
_KNOWN = {*_REQUIRED, "expect", "symbols", "validate", "description"}


def load_problem(path: str | Path) -> Problem:
    """Read and check a problem file.

    Raises
    ------
    ProblemFileError
        naming the file and the missing or unknown table.
    """
    path = Path(path)
    data = read_toml(path)
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise ProblemFileError(f"{path}: missing {', '.join(missing)}; a problem file needs "
                               f"{', '.join(_REQUIRED)} (and optionally expect, symbols)")
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise ProblemFileError(f"{path}: unknown key(s) {', '.join(unknown)}; "
                               f"known: {', '.join(sorted(_KNOWN))}")
    check_types(path, data)
    if data["kind"] not in KINDS:
        raise ProblemFileError(f"{path}: kind {data['kind']!r} is not known; "
                               f"use one of {', '.join(sorted(KINDS))}")
    extra = sorted(set(data.get("expect", {})) - set(data["find"]))
    if extra:
        raise ProblemFileError(f"{path}: [expect] names {', '.join(extra)} that [find] does not")
    return Problem(
        title=data["title"], source=data["source"], kind=data["kind"], model=data["model"],
        find=data["find"], expect=data.get("expect", {}), symbols=data.get("symbols", {}),
        validate=data.get("validate", {}), path=path,
    )


def problem_files(path: str | Path) -> list[Path]:
    """The problem files at ``path``: the file itself, or the ``*.toml`` in a folder."""
    path = Path(path)
    if path.is_dir():
        return sorted(path.glob("*.toml"))
    if path.exists() or path.is_symlink():
        return [path]
    raise ProblemFileError(f"{path}: no such file or folder")


def derive_problem(problem: Problem) -> Derivation:
    """The Derivation of a problem, with its results named as in ``[find]``."""
    d = KINDS[problem.kind](problem)
    symbols = dict(d.symbols)
    symbols.update(problem.symbol_table())
    return replace(d, title=problem.title, symbols=symbols)
