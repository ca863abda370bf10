"""The record of a worked problem as read from its file, and what every kind's builder shares.

>>> split_find("flux 1 -> 2", ("flux", "probability"))
('flux', '1 -> 2')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symflux.derivation import SymbolInfo

__all__ = ["Problem", "split_find"]


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
