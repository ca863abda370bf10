"""The record of a worked problem as read from its file, and what every kind's builder shares.

>>> split_find("flux 1 -> 2", ("flux", "probability"))
('flux', '1 -> 2')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symflux.derivation import SymbolInfo
from symflux.errors import ProblemFileError, SymfluxError

__all__ = ["Found", "Problem", "find_phrase", "split_find"]


@dataclass(frozen=True, repr=False)
class Problem:
    """A worked problem as read from its file.

    >>> Problem("decay", "a textbook", "kinetic", {}, {"tau": "relaxation time"})
    <Problem 'decay' kinetic: tau>
    """

    title: str
    source: str
    kind: str
    model: Mapping[str, Any]
    find: Mapping[str, str]
    expect: Mapping[str, str] = field(default_factory=dict)
    symbols: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    validate: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def __repr__(self) -> str:
        from symflux.report.records import record_repr

        where = f", {Path(self.path).name}" if self.path is not None else ""
        return record_repr("Problem", self.title, f"{self.kind}{where}", list(self.find))

    def symbol_table(self) -> dict:
        """Name → symbol for the parser, from the problem's ``[symbols]`` table."""
        from symflux.parsing import symbol

        out = {}
        for name, info in self.symbols.items():
            if isinstance(info, str):
                info = {"description": info}
            assumptions = {"real": True} if info.get("sign") == "real" else {}
            out[symbol(name, **assumptions)] = SymbolInfo(
                info.get("description", ""), info.get("unit"))
        return out

    def declared(self) -> dict:
        """Declared symbols by name, for the parsers (so that real symbols stay real)."""
        return {s.name: s for s in self.symbol_table()}


def split_find(spec: str, keywords) -> tuple[str, str]:
    """The keyword a ``[find]`` phrase starts with (the first of ``keywords`` that fits) and
    the rest of the phrase; the whole phrase and ``""`` when none fits."""
    text = " ".join(spec.split())
    for word in keywords:
        if text == word or text.startswith(word + " "):
            return word, text[len(word):].strip()
    return text, ""


@contextmanager
def find_phrase(where: str, name: str, spec: str) -> Iterator[None]:
    """Name the file, table and key in any refusal raised while one ``[find]`` phrase is
    worked out: a missing result becomes a :class:`ProblemFileError`, any other
    :class:`SymfluxError` keeps its type with the place in front.

    >>> with find_phrase("p.toml", "P", "probability Z"):
    ...     {}["p_Z"]
    Traceback (most recent call last):
    symflux.errors.ProblemFileError: p.toml: [find] P = 'probability Z': p_Z
    """
    try:
        yield
    except ProblemFileError:
        raise
    except KeyError as err:  # UnknownResult included: the phrase names what is not there
        detail = str(err.args[0]) if err.args else str(err)
        raise ProblemFileError(f"{where}: [find] {name} = {spec!r}: {detail}") from None
    except SymfluxError as err:
        raise type(err)(f"{where}: [find] {name}: {err}") from None


@dataclass
class Found:
    """What a problem's ``[find]`` phrases gather, result by result, for its Derivation.

    >>> import sympy
    >>> from symflux.derivation import Derivation
    >>> d = Derivation("d", "kinetic", None, results={"p_1": sympy.Integer(1)})
    >>> found = Found()
    >>> found.take(d, "p_1", "p")
    >>> found.results
    {'p': 1}
    """

    results: dict = field(default_factory=dict)
    compact: dict = field(default_factory=dict)
    quantities: dict = field(default_factory=dict)
    steps: list = field(default_factory=list)
    symbols: dict = field(default_factory=dict)

    def take(self, source, old: str, name: str) -> None:
        """Result ``old`` of the Derivation ``source`` under the problem's ``name``, with
        its compact form and Quantity, and the steps and symbols it came with."""
        self.results[name] = source[old]
        if old in source.compact:
            self.compact[name] = source.compact[old]
        if old in source.quantities:
            self.quantities[name] = source.quantities[old]
        self.steps.extend(s for s in source.steps if s not in self.steps)
        self.symbols.update(source.symbols)

    def put(self, name: str, result, compact=None, quantity=None) -> None:
        """A result built here, with its compact form and Quantity where there are any."""
        self.results[name] = result
        if compact is not None:
            self.compact[name] = compact
        if quantity is not None:
            self.quantities[name] = quantity
