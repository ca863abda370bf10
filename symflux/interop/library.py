"""The optional python-libsbml module, loaded on first use with advice when missing."""

from __future__ import annotations

from symflux.errors import SymfluxError

__all__ = ["libsbml_module"]


def libsbml_module():
    """The ``libsbml`` module, or a SymfluxError that names the extra to install."""
    try:
        import libsbml
    except ImportError:  # pragma: no cover - the extra is installed where tests run
        raise SymfluxError("reading or writing SBML needs python-libsbml: "
                           "pip install 'symflux[sbml]'") from None
    return libsbml
