"""Closed forms against independent numerical solutions (the public home of ``validate``).

The implementation lives in :mod:`symflux.validation`; this module keeps the names
``symflux.validate.validate``, ``ValidationReport``, ``ResultCheck`` and
``sample_points`` where they have always been.
"""

from symflux.validation import (
    TOLERANCE,
    ResultCheck,
    ResultVerdict,
    ValidationReport,
    sample_points,
    validate,
)

__all__ = ["TOLERANCE", "ResultCheck", "ResultVerdict", "ValidationReport", "sample_points",
           "validate"]
