"""Reaction problems whose model is an SBML file: ``model = { sbml = "file.xml" }``.

The file is read by :func:`symflux.read_sbml` (mass-action laws only; anything else is
refused with the reaction and the law named), relative to the problem file's folder and
never outside it. ``[find]`` takes the control-analysis phrases of
:func:`symflux.reactions.control.control_result_name`:

.. code-block:: toml

    kind = "reactions"
    model = { sbml = "two_step_pathway.xml" }

    [find]
    C_1 = "flux control coefficient J_E2 E1"
    CS_1 = "concentration control coefficient S E1"
    eps_2 = "elasticity E2 S"
    R = "response coefficient J_E2 X_0"
"""

from __future__ import annotations

from pathlib import Path

from symflux.derivation import Derivation
from symflux.errors import ProblemFileError, SymfluxError
from symflux.problems.problem import Problem

__all__ = ["build_sbml"]


def build_sbml(problem: Problem) -> Derivation:
    """The control coefficients ``[find]`` asks for, of the steady state of the SBML model."""
    from symflux.dispatch import steady_state
    from symflux.interop.sbml import network_from_problem_model
    from symflux.reactions.control import control_coefficients, control_result_name

    where = str(problem.path or problem.title)
    base = Path(problem.path).parent if problem.path is not None else Path.cwd()
    try:
        model = network_from_problem_model(problem.model, base)
        wanted = {name: control_result_name(" ".join(str(spec).split()))
                  for name, spec in problem.find.items()}
    except SymfluxError as err:
        raise ProblemFileError(f"{where}: {err}") from None
    parameters = [p for _, p in wanted.values() if p]
    cc = control_coefficients(steady_state(model.network), parameters=parameters)
    return model.annotate(cc.select({name: result for name, (result, _) in wanted.items()}))
