"""Problem files (``derivations/*.toml``) → model → Derivation → outcome, and the batch runs.

- :mod:`~symflux.problems.problem`: the :class:`Problem` record;
- :mod:`~symflux.problems.loader`: reading and checking a file;
  :data:`~symflux.problems.loader.KINDS`, the model kinds with their builders
  (:mod:`~symflux.problems.kinetics`, :mod:`~symflux.problems.reactions`,
  :mod:`~symflux.problems.transport`);
- :mod:`~symflux.problems.runner`: derive, compare with ``[expect]``, validate;
- :mod:`~symflux.problems.site`: the report folder behind ``symflux report``.
"""

from symflux.problems.loader import KINDS, derive_problem, load_problem, problem_files
from symflux.problems.problem import Problem
from symflux.problems.runner import Comparison, Outcome, compare, run_problem

__all__ = [
    "KINDS",
    "Comparison",
    "Outcome",
    "Problem",
    "compare",
    "derive_problem",
    "load_problem",
    "problem_files",
    "run_problem",
]
