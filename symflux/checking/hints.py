r"""Did-you-mean hints for names an answer uses that the problem does not define.

>>> import sympy
>>> declared = {"k_o": sympy.Symbol("k_o"), "k_c": sympy.Symbol("k_c")}
>>> unknown_names_message({sympy.Symbol("k_0")}, declared)
'the answer uses k_0, which the problem does not define; did you mean k_o or k_c?'
>>> k, T = sympy.symbols("k T")
>>> unknown_names_message({k}, {"kT": sympy.Symbol("kT")}, present={k, T})[-17:]
'write \\mathrm{kT}'

A result (None) is shown with what it means; ``fits`` vetoes one of the wrong dimension:

>>> unknown_names_message({sympy.Symbol("sigm")}, {"Sigma": None, "sigma": None},
...                       about={"Sigma": "Σ"}, fits=lambda s, n: n == "Sigma")
'the answer uses sigm, which the problem does not define; did you mean Sigma (Σ)?'
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Mapping

import sympy

__all__ = ["unknown_names_message", "unknown_symbol_message"]

_MAX_NODES = 20_000  # larger results are not walked for their dimension (a hint is kept)

_GREEK_NAMES = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi "
                "rho sigma tau upsilon phi chi psi omega")
_GREEK = frozenset(_GREEK_NAMES.split())


def _juxtaposed(unknown, present, declared) -> list[str]:
    """Declared multi-letter names spelled by one-letter symbols LaTeX multiplied (kT)."""
    letters = {s.name for s in present if len(s.name) == 1}
    if not any(len(s.name) == 1 for s in unknown):
        return []
    return [n for n in sorted(declared) if n.isalpha() and len(n) > 1 and set(n) <= letters]


def unknown_names_message(unknown, declared: Mapping[str, sympy.Symbol | None], present=(), *,
                          about: Mapping[str, str] | None = None, fits=None) -> str:
    """What to write instead of the ``unknown`` symbols.

    ``declared`` holds the names an answer may use (a Symbol, or None for a result or a
    defined name such as Sigma, whose meaning ``about`` gives), ``present`` the symbols of
    the answer (a LaTeX product of letters spelling a name). A name is suggested when it
    differs only in case or braces, when its description mentions the unknown name (its
    Greek letter: Σ for Sigma), or when it is spelled alike, in that order of preference;
    ``fits(symbol, name)`` may veto it (False: in its place the answer would have the
    wrong dimension, so following the hint would only trade one wrong answer for another).
    """
    about = about or {}
    names = sorted(declared)
    glued = _juxtaposed(unknown, present, declared)
    if glued:
        name = glued[0]
        spelled = f"\\{name}" if name.lower() in _GREEK else f"\\mathrm{{{name}}}"
        return (f"the answer uses {', '.join(sorted(s.name for s in unknown))}, which the "
                f"problem does not define: LaTeX reads {name} as a product of letters; "
                f"for the symbol {name} write {spelled}")
    parts, unhinted = [], []
    for s in sorted(unknown, key=lambda s: s.name):
        close = _suggestions(s, names, about, fits)
        if close:
            shown = " or ".join(f"{n} ({about[n]})" if declared[n] is None and about.get(n)
                                else n for n in close)
            parts.append(f"{s.name}, which the problem does not define; did you mean {shown}?")
        else:
            unhinted.append(s.name)
    if unhinted:
        listed = ", ".join(names[:20]) + ("..." if len(names) > 20 else "")
        parts.append(f"{', '.join(unhinted)}, which the problem does not define (its "
                     f"symbols: {listed})")
    return "the answer uses " + "; ".join(parts)


def _bare(name: str) -> str:
    return name.replace("_", "").replace("{", "").replace("}", "")


def _mentions(description: str, name: str) -> bool:
    """Whether a description names ``name``: as a word, or by its Greek letter."""
    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", description):
        return True
    if name.lower() not in _GREEK:
        return False
    case = "CAPITAL" if name[0].isupper() else "SMALL"
    try:
        spelled = name.upper().replace("LAMBDA", "LAMDA")  # Unicode's spelling
        letter = unicodedata.lookup(f"GREEK {case} LETTER {spelled}")
    except KeyError:
        return False
    return letter in description


def _suggestions(s, names, about, fits) -> list[str]:
    def fitting(pool):
        return [n for n in dict.fromkeys(pool) if n != s.name
                and (fits is None or fits(s, n) is not False)]

    same = fitting([n for n in names if n.lower() == s.name.lower()]
                   + [n for n in names if _bare(n) == _bare(s.name)])
    if same:
        return same[:3]
    described = [n for n in names if _mentions(about.get(n, ""), s.name)]
    alike = difflib.get_close_matches(s.name, names, n=6, cutoff=0.5)
    return fitting(described + alike)[:3]


def unknown_symbol_message(derivation, name: str, answer, unknown, declared, dims,
                           defined: Mapping[str, sympy.Expr]) -> str:
    """:func:`unknown_names_message` for an answer to result ``name`` of ``derivation``.

    The names offered are the problem's symbols (``declared``), its other results and the
    names its kind defines (``defined``, see :mod:`symflux.checking.definitions`), each
    with its description; one whose dimension (from the units ``dims``) would give the
    answer another dimension than the result's is never offered.
    """
    from symflux.checking.definitions import DEFINED_NAMES
    from symflux.quantities import QUANTITY_KINDS

    info = {s.name: i for s, i in derivation.symbols.items()}
    known = {n: s for n, s in declared.items() if n not in derivation.results}
    about = {n: info[n].description for n in known if n in info and info[n].description}
    forms = {}
    for n, expr in [*derivation.results.items(), *defined.items()]:
        if n != name and n not in known:
            known[n], forms[n] = None, expr
            q = derivation.quantities.get(n)
            about[n] = (DEFINED_NAMES.get(derivation.kind, {}).get(n) if n in defined else
                        info[n].description if n in info and info[n].description else
                        QUANTITY_KINDS[q.kind].split("): ", 1)[-1] if q is not None else "")
    want = _dimension(derivation.results[name], dims)

    @functools.cache
    def dimension(n):
        return dims.get(known[n]) if known[n] is not None else _dimension(forms[n], dims)

    def fits(s, n):
        d = None if want is None else dimension(n)
        if d is None:
            return None
        got = _dimension(answer, {**dims, s: d}, wrong=False)
        return got if got in (None, False) else got == want

    return unknown_names_message(unknown, known, answer.free_symbols, about=about, fits=fits)


def _dimension(expr, dims, wrong=None):
    """The dimension of ``expr``; None when unknown or too large to walk, ``wrong`` when
    inconsistent."""
    from symflux.checking.units import dimension_of
    from symflux.errors import DimensionError

    if not dims or not isinstance(expr, sympy.Expr):
        return None
    for i, _ in enumerate(sympy.preorder_traversal(expr)):
        if i > _MAX_NODES:
            return None
    try:
        return dimension_of(expr, dims)
    except DimensionError:
        return wrong
