"""The exceptions symflux raises for bad input.

Every error names the node, edge, line or token at fault and says what would be
valid. All derive from :class:`SymfluxError`, so ``except sf.SymfluxError``
catches everything symflux raises on purpose.
"""

from __future__ import annotations

__all__ = [
    "CheckError",
    "DimensionError",
    "EstimationError",
    "GraphError",
    "InfiniteAffinity",
    "KernelError",
    "LimitError",
    "ModelError",
    "ModelTooLarge",
    "NoClosedForm",
    "NoSteadyState",
    "NotUnique",
    "ParseError",
    "ParseTypeError",
    "ProblemFileError",
    "RateError",
    "ReportError",
    "SimulationError",
    "SweepError",
    "SymfluxError",
    "UnitError",
    "UnknownResult",
    "UsageError",
    "ValidationError",
    "WrongModelKind",
]


class SymfluxError(Exception):
    """Base class of every error symflux raises on purpose."""


class ParseError(SymfluxError, ValueError):
    """User text (a rate, an answer, LaTeX, a reaction line) could not be parsed safely.

    ``token`` is the offending piece of text and ``position`` its offset, where known.
    """

    def __init__(self, message: str, *, token: str | None = None, position: int | None = None):
        super().__init__(message)
        self.token = token
        self.position = position


class GraphError(SymfluxError, ValueError):
    """The graph does not follow symflux's conventions (empty, self-loop, wrong type...)."""


class RateError(GraphError):
    """A rate is missing, zero, negative or not an expression."""


class WrongModelKind(GraphError, TypeError):
    """An analysis was handed a kind of model it does not answer for.

    ``kind`` is the kind given (``"kinetic"``, ``"reactions"``, ``"transport"``...),
    ``accepted`` the kinds the function takes, and ``instead`` the function to use for
    this kind, where there is one.
    """

    def __init__(self, message: str, *, kind: str = "", accepted=(), instead: str = ""):
        super().__init__(message)
        self.kind = kind
        self.accepted = tuple(accepted)
        self.instead = instead


class NoSteadyState(SymfluxError):
    """The model has no steady state (e.g. a planar electrode, an unbounded path)."""


class NotUnique(SymfluxError):
    """The steady state is not unique: the graph has more than one terminal component,
    or is not strongly connected."""

    def __init__(self, message: str, *, terminal_components=()):
        super().__init__(message)
        self.terminal_components = tuple(terminal_components)


class InfiniteAffinity(SymfluxError):
    """A quantity is infinite because a transition on a cycle is irreversible."""


class ModelError(SymfluxError, ValueError):
    """A model file (SBML) holds something symflux cannot represent faithfully: a kinetic
    law that is not mass action, a rule, an event, a species in a second compartment.

    ``element`` is the SBML id at fault (a reaction, rule or species) where known.
    """

    def __init__(self, message: str, *, element: str | None = None):
        super().__init__(message)
        self.element = element


class ModelTooLarge(SymfluxError):
    """The requested closed form would be too large to build.

    ``estimate`` holds the up-front estimate of its size, time and memory, where known.
    """

    def __init__(self, message: str, *, estimate=None):
        super().__init__(message)
        self.estimate = estimate


class KernelError(SymfluxError, TypeError):
    """A compiled kernel was called with missing or unknown parameters."""


class ValidationError(SymfluxError):
    """Validation could not be carried out (e.g. a parameter has no value to sample)."""


class ProblemFileError(SymfluxError, ValueError):
    """A problem file (derivations/*.toml) is malformed."""


class CheckError(SymfluxError, ValueError):
    """An answer could not be checked (unknown result name, unparsable answer...)."""


class NoClosedForm(SymfluxError):
    """The steady-state equations have no closed-form solution that SymPy can find.

    ``system`` holds the reduced equations (after eliminating conservation laws) and
    ``unknowns`` the concentrations they determine, so the caller can inspect them or
    solve them numerically.
    """

    def __init__(self, message: str, *, system=(), unknowns=()):
        super().__init__(message)
        self.system = tuple(system)
        self.unknowns = tuple(unknowns)


class SimulationError(SymfluxError, ValueError):
    """A stochastic simulation was asked for something it cannot do (no duration,
    a bad start distribution, a runaway number of jumps...)."""


class SweepError(SymfluxError, ValueError):
    """A parameter sweep cannot run as asked (a parameter without values, too many
    points, a chunk size out of bounds, an unusable output array...)."""


class EstimationError(SymfluxError, ValueError):
    """An estimate cannot be formed from the trajectories given (too short, absorbed
    and so not stationary, a sampling interval longer than the data...)."""


class ReportError(SymfluxError, ValueError):
    """A report cannot be rendered: an unknown printer setting or an object no printer knows."""


class UnitError(SymfluxError, ValueError):
    """A unit string (a problem symbol's ``unit``) could not be read."""


class DimensionError(SymfluxError, ValueError):
    """An expression is dimensionally inconsistent; ``term`` is the culprit."""

    def __init__(self, message: str, *, term=None):
        super().__init__(message)
        self.term = term


class LimitError(SymfluxError, ValueError):
    """An input would demand more work than a limit of :mod:`symflux.limits` allows.

    ``name`` is the limit (a key of ``symflux.limits.LIMITS``) and ``value`` what was found.
    """

    def __init__(self, message: str, *, name: str | None = None, value=None):
        super().__init__(message)
        self.name = name
        self.value = value


class UsageError(SymfluxError, ValueError):
    """A function or command was called with an option value it does not accept."""


class ParseTypeError(ParseError, TypeError):
    """A parser was given something that is not text (a number, a list...) where it reads text."""


class UnknownResult(SymfluxError, KeyError):
    """A Derivation has no result of that name; the message lists the results it has."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""
