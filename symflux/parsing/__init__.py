r"""Safe parsing of user text into SymPy, and symflux's symbol-name conventions.

Users type rates (``k1*S``, ``k_{-1}``), answers (``pi*D*R**2*(c_1 - c_2)/L``) and LaTeX
(``\frac{\pi D R^{2} (c_1 - c_2)}{L}``). This module turns such text into SymPy expressions
without ever handing it to :func:`eval`, :func:`exec`, :func:`compile` or :func:`sympy.sympify`:
both parsers are hand-written tokenizers and recursive-descent parsers over a whitelist that
build SymPy objects directly (:mod:`symflux.parsing.text` and :mod:`symflux.parsing.latex`).
Anything outside the whitelist raises :class:`~symflux.errors.ParseError` naming the token, its
position and what would be valid.

Conventions
-----------
- A name is a letter followed by letters or digits, with at most one subscript. Its one
  spelling (:func:`canonical_name`) is ``base_x`` for a one-character subscript and
  ``base_{xyz}`` otherwise: ``k_{1}`` -> ``k_1``, ``k_12`` -> ``k_{12}``. ``k12`` has no
  subscript and stays ``k12``.
- Every symbol is positive unless declared otherwise, so one name always gives one
  (equal) :class:`sympy.Symbol`, whichever parser or builder made it.
- Plain text (:func:`parse_expression`): ``e``, ``E``, ``I``, ``S``, ``P``... are ordinary
  symbols (E is an enzyme, S a substrate); only ``pi`` is a constant; write ``exp(x)`` for
  the exponential. Implicit multiplication is refused (``2x``: write ``2*x``); ``^`` means
  power, like ``**``.
- LaTeX (:func:`parse_latex`): a bare ``e`` (or ``\mathrm{e}``) is Euler's number, so
  ``e^{x}`` is ``exp(x)``; ``\pi`` is the constant. Juxtaposition multiplies, and a run of
  letters is a product of one-letter symbols (``kT`` is ``k*T``); write ``\mathrm{kT}`` for
  one name.
- ``symbols=`` maps names to other SymPy objects (real symbols, numbers, or ``e`` as the
  elementary charge); ``pi`` and ``e`` can be overridden that way.

Limits (against input that would hang or exhaust memory): text length (``max_length``),
nesting depth 100, number literals of at most 300 digits, numeric exponents of magnitude at
most 1000, and no intermediate number larger than 10,000 bits.
"""


from symflux.parsing.latex import parse_latex
from symflux.parsing.names import canonical_name, python_name, symbol
from symflux.parsing.rules import ALLOWED_FUNCTIONS
from symflux.parsing.text import parse_expression
from symflux.parsing.values import to_expr

__all__ = [
    "ALLOWED_FUNCTIONS",
    "canonical_name",
    "parse_expression",
    "parse_latex",
    "python_name",
    "symbol",
    "to_expr",
]
