"""Validation: closed forms against independent numerical solutions, a verdict per result.

See :func:`validate` and docs/validation.md (what "validated" means, and the table
of result kinds, routes and what each route computes from).
"""

from symflux.validation.core import IDENTITY_TOLERANCE, TOLERANCE, validate
from symflux.validation.report import VERDICTS, ResultCheck, ResultVerdict, ValidationReport
from symflux.validation.sampling import MAX_POINTS, sample_points

__all__ = ["IDENTITY_TOLERANCE", "MAX_POINTS", "TOLERANCE", "VERDICTS", "ResultCheck",
           "ResultVerdict", "ValidationReport", "sample_points", "validate"]
