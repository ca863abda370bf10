"""The base of every report printer: settings and dispatch by type.

Shaped like SymPy's ``Printer``: a printer is built with a settings dict (unknown
settings are refused, so a typo does not pass silently) and ``doprint(obj)``
calls the ``_print_<Type>`` method of the first class in ``type(obj).__mro__``
that has one. Nothing is installed globally: SymPy's own printing is untouched.

Examples
--------
>>> class Shout(Printer):
...     _default_settings = {"mark": "!"}
...     def _print_str(self, s):
...         return s.upper() + self._settings["mark"]
>>> Shout({"mark": "?"}).doprint("hi")
'HI?'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from symflux.errors import ReportError

__all__ = ["Printer"]


class Printer:
    """Dispatch ``doprint(obj)`` to ``_print_<Type>`` methods; hold the settings."""

    _default_settings: ClassVar[dict[str, Any]] = {}

    def __init__(self, settings: Mapping[str, Any] | None = None):
        settings = dict(settings or {})
        unknown = sorted(set(settings) - set(self._default_settings))
        if unknown:
            raise ReportError(
                f"{type(self).__name__} has no setting {', '.join(map(repr, unknown))}; "
                f"settings are {', '.join(sorted(self._default_settings))}"
            )
        self._settings = {**self._default_settings, **settings}

    def doprint(self, obj: Any) -> str:
        """The printed form of ``obj``."""
        return self._print(obj)

    def _print(self, obj: Any) -> str:
        for cls in type(obj).__mro__:
            method = getattr(self, f"_print_{cls.__name__}", None)
            if method is not None:
                return method(obj)
        raise ReportError(f"{type(self).__name__} cannot print a {type(obj).__name__}; "
                          "it prints Derivation, Step, ValidationReport and SymPy objects")
