"""The symflux names of SBML elements, and the annotation that keeps one an id cannot spell.

An SBML id is a plain identifier; a symflux name may carry a subscript in braces
(``k_{-1}``). Reading takes the element's annotation if it has one, else its id if that is
a valid name, else a spelling of the id with one subscript; writing
(:mod:`symflux.interop.sbml_export`) stores the name in the annotation.
"""

from __future__ import annotations

import re

from symflux.errors import ModelError, ParseError

__all__ = ["ANNOTATION_NS", "annotated_name", "sbml_name"]

#: Namespace of the annotation that keeps a symflux name the SBML id cannot spell.
ANNOTATION_NS = "https://symflux.org/ns/sbml-name"


def annotated_name(element) -> str | None:
    """The symflux name kept in the element's annotation, or None."""
    ann = element.getAnnotation()
    if ann is None:
        return None
    for i in range(ann.getNumChildren()):
        child = ann.getChild(i)
        if child.getURI() == ANNOTATION_NS and child.getNumChildren():
            return child.getChild(0).getCharacters().strip() or None
    return None


def _dedupe(name: str, taken: set) -> str:
    from symflux.parsing import canonical_name

    base, n = name, 1
    while name in taken:
        n += 1
        name = canonical_name(f"{base[:-1]}{n}}}" if base.endswith("}") else f"{base}{n}")
    taken.add(name)
    return name


def sbml_name(element, taken: set, owner: str | None = None) -> str:
    """The symflux name of an SBML element: its annotation, its id if valid, or a
    spelling of the id with one subscript (``x_1_2`` → ``x_{12}``). A local parameter
    whose name is taken is renamed after its reaction ``owner`` (``k1`` → ``k1_{R2}``)."""
    from symflux.parsing import canonical_name

    sid = element.getId()
    head, _, tail = sid.partition("_")
    candidates = [annotated_name(element), sid,
                  f"{head}_{{{re.sub(r'[^A-Za-z0-9]', '', tail)}}}" if tail else head]
    for text in candidates:
        if not text:
            continue
        try:
            name = canonical_name(text)
        except ParseError:
            continue
        if name in taken and owner:
            tail = re.sub(r"[^A-Za-z0-9]", "", name.partition("_")[2] + owner)
            name = canonical_name(f"{name.partition('_')[0]}_{{{tail}}}")
        return _dedupe(name, taken)
    raise ModelError(f"the SBML id {sid!r} cannot be turned into a symflux name", element=sid)
