"""State labels: checked once, up front, because every result name is built from them.

Result names are ``p_<label>``, ``w_<label>``, ``J_<u><v>`` or ``J_<u>,<v>``, and rate
names ``k_{<u>,<v>}``. Two labels that print the same (``1`` and ``"1"``), or a label with
a comma, space, bracket or other punctuation (``"a,b"`` and ``"a"``/``"b,c"`` would make
one flux name), would make two results share a name or give a name no parser reads back.
Such labels are refused with a message saying how to rename; labels of ASCII letters and
digits, with ``+``, ``-``, ``'`` or ``*``, are accepted (write ``alpha`` for ``α``: the
parsers that read result names back, for kernels and answers, read ASCII only).

>>> check_labels([1, 2, "ES"])
>>> check_labels([1, "1"])
Traceback (most recent call last):
...
symflux.errors.GraphError: states 1 (int) and '1' (str) print the same, ...
"""

from __future__ import annotations

from collections.abc import Iterable

from symflux.errors import GraphError

__all__ = ["check_labels"]

_EXTRA = frozenset("+-'*")


def _bad_character(text: str) -> str | None:
    for ch in text:
        if not ((ch.isascii() and ch.isalnum()) or ch in _EXTRA):
            return ch
    return None


def _suggest(text: str) -> str:
    import unicodedata

    out = []
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch.isalpha():  # GREEK SMALL LETTER ALPHA -> alpha
            out.append(unicodedata.name(ch, "x").rsplit(" ", 1)[-1].lower())
    return "".join(out) or "s1"


def check_labels(states: Iterable) -> None:
    """Refuse labels that collide or cannot be part of a result name (see the module)."""
    seen: dict[str, object] = {}
    for s in states:
        text = str(s)
        if text in seen:
            other = seen[text]
            raise GraphError(
                f"states {other!r} ({type(other).__name__}) and {s!r} ({type(s).__name__}) "
                f"print the same, so their results (p_{text}) would share a name; relabel "
                "one, e.g. nx.relabel_nodes(G, {" + f"{s!r}: '{text}b'" + "})")
        seen[text] = s
        ch = _bad_character(text) if text else ""
        if ch is not None:
            shown = repr(ch) if ch else "an empty label"
            raise GraphError(
                f"state {s!r} contains {shown}: result names are built from state labels "
                "(p_<state>, J_<u>,<v>), so a label may hold only letters, digits and + - ' *;"
                " rename it with nx.relabel_nodes, e.g. "
                "{" + f"{s!r}: {_suggest(text)!r}" + "}")
