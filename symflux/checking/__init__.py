"""Answer checking: is a typed answer equal to the derived result, and if not, why not.

- :mod:`~symflux.checking.check`: :func:`check` and its verdict, :class:`CheckResult`;
- :mod:`~symflux.checking.decide`: the bounded child process that screens, proves or diagnoses;
- :mod:`~symflux.checking.equivalence`: numeric screening at random points of the domain;
- :mod:`~symflux.checking.diagnosis`: the named kinds of wrong answer (sign, factor, swap...);
- :mod:`~symflux.checking.units`: units and dimensions of symbols and answers;
- :mod:`~symflux.checking.dimension`: the dimension record, spelled in named or the problem's units;
- :mod:`~symflux.checking.hints`: "did you mean ..." for names the problem does not define;
- :mod:`~symflux.checking.definitions`: names a model kind always defines (Sigma).
"""

from symflux.checking.check import CODES, CheckResult, check

__all__ = ["CODES", "CheckResult", "check"]
