"""Interchange with other tools: SBML in and out (the optional extra ``symflux[sbml]``)."""

from symflux.interop.sbml import SbmlModel, network_from_problem_model, read_sbml
from symflux.interop.sbml_export import write_sbml

__all__ = ["SbmlModel", "network_from_problem_model", "read_sbml", "write_sbml"]
