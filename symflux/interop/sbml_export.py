"""Writing a mass-action reaction network as SBML Level 3 Version 2.

One compartment ``cell`` (size 1 unless ``volume`` is given) holds every species as a
concentration; constant species are boundary species. Each reaction's kinetic law is
``cell · (k⁺ Π [X]^α − k⁻ Π [Y]^β)``, the amount per time of a mass-action reaction;
every symbol in the rates becomes a global parameter with its value. A symflux name
that is no valid SBML id (``k_{-1}``) is written as an id spelt from it (``k_m1``) and
kept in an annotation, so that :func:`symflux.interop.sbml.read_sbml` gives the same
network back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import sympy

from symflux.errors import ModelError
from symflux.interop.library import libsbml_module
from symflux.interop.sbml_math import NotArithmetic, sympy_to_ast
from symflux.interop.sbml_names import ANNOTATION_NS

__all__ = ["write_sbml"]


def _sid(name: str, taken: dict) -> str:
    """A valid SBML id for a symflux name, unique in ``taken`` (name → id)."""
    if name in taken:
        return taken[name]
    text = name.replace("{-", "m").replace("-", "m").replace(",", "_")
    text = re.sub(r"[^A-Za-z0-9_]", "", text)
    if not re.match(r"[A-Za-z_]", text):
        text = "x" + text
    base, n = text, 1
    while text in taken.values():
        n += 1
        text = f"{base}_{n}"
    taken[name] = text
    return text


def _keep_name(lib, element, name: str, sid: str) -> None:
    element.setId(sid)
    if sid != name:
        element.setAnnotation(f'<symflux:name xmlns:symflux="{ANNOTATION_NS}">{name}'
                              "</symflux:name>")


def _check(code: int, what: str) -> None:
    lib = libsbml_module()
    if code != lib.LIBSBML_OPERATION_SUCCESS:
        raise ModelError(f"libSBML refused {what}: {lib.OperationReturnValue_toString(code)}")


def _values(values: Mapping | None) -> dict[str, float]:
    from symflux.parsing import canonical_name

    return {k.name if isinstance(k, sympy.Symbol) else canonical_name(str(k)): float(v)
            for k, v in (values or {}).items()}


def write_sbml(network: nx.MultiDiGraph, *, values: Mapping | None = None,
               initial: Mapping | None = None, path: str | Path | None = None,
               volume: float = 1.0, model_id: str = "symflux_model",
               rate: str = "rate") -> str:
    """SBML Level 3 Version 2 text of a mass-action network (also written to ``path``).

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A reaction network (:func:`symflux.reaction_network` or :func:`read_sbml`).
    values : mapping, optional
        Parameter values (symbol or name → number); parameters without one are written
        without a value.
    initial : mapping, optional
        Initial concentrations by species name (constant species: their fixed value).
    path : str or Path, optional
        Where to write the file as well.
    volume : float
        Size of the one compartment.

    Returns
    -------
    str
        The SBML document.

    Raises
    ------
    ModelError
        a rate that is no arithmetic of symbols and numbers (``exp(-E/RT)``).

    Notes
    -----
    One pass over the reactions; each rate is written as a mass-action kinetic law in
    MathML, so a file read back by :func:`read_sbml` (or libRoadRunner) gives the same
    network and values.

    Examples
    --------
    >>> import symflux as sf
    >>> text = write_sbml(sf.reaction_network(["A <-> B"]), values={"k_1": 1, "k_{-1}": 2},
    ...                   initial={"A": 1.0, "B": 0.0})
    >>> 'level="3" version="2"' in text, "k_m1" in text
    (True, True)
    """
    from symflux.reactions.network import network_model

    lib = libsbml_module()
    m_net = network_model(network, rate)
    vals, init = _values(values), _values(initial)
    doc = lib.SBMLDocument(3, 2)
    model = doc.createModel()
    _check(model.setId(model_id), f"the model id {model_id!r}")
    c = model.createCompartment()
    for code in (c.setId("cell"), c.setConstant(True), c.setSize(float(volume)),
                 c.setSpatialDimensions(3)):
        _check(code, "the compartment")
    ids: dict[str, str] = {"cell": "cell"}
    for name in m_net.all_species:
        s = model.createSpecies()
        _keep_name(lib, s, name, _sid(name, ids))
        for code in (s.setCompartment("cell"), s.setHasOnlySubstanceUnits(False),
                     s.setBoundaryCondition(name in m_net.constant),
                     s.setConstant(name in m_net.constant)):
            _check(code, f"species {name}")
        if name in init:
            s.setInitialConcentration(init[name])
    symbols = sorted({x for r in m_net.reactions for k in (r.forward_rate, r.backward_rate)
                      if k is not None for x in k.free_symbols}, key=lambda x: x.name)
    for x in symbols:
        if x.name in ids:
            raise ModelError(f"the rate symbol {x.name} is also a species or compartment name")
        p = model.createParameter()
        _keep_name(lib, p, x.name, _sid(x.name, ids))
        _check(p.setConstant(True), f"parameter {x.name}")
        if x.name in vals:
            p.setValue(vals[x.name])
    reaction_ids: dict[str, str] = {}
    for r in m_net.reactions:
        _reaction(lib, model, m_net, r, ids, reaction_ids)
    text = lib.writeSBMLToString(doc)
    if path is not None:
        Path(path).write_text(text)
    return text


def _reaction(lib, model, m_net, r, ids, reaction_ids) -> None:
    rx = model.createReaction()
    _keep_name(lib, rx, str(r.label), _sid("R" + str(r.label)
                                            if str(r.label)[:1].isdigit() else str(r.label),
                                            reaction_ids))
    _check(rx.setReversible(r.reversible), f"reaction {r.label}")
    for node, create in ((r.source, rx.createReactant), (r.target, rx.createProduct)):
        for s, n in m_net.composition[node].items():
            ref = create()
            for code in (ref.setSpecies(ids[s]), ref.setStoichiometry(n),
                         ref.setConstant(True)):
                _check(code, f"a species reference of reaction {r.label}")
    law = m_net.monomial
    v = r.forward_rate * law(r.source)
    if r.reversible:
        v = v - r.backward_rate * law(r.target)
    cell = sympy.Symbol("__cell__")
    try:
        math = sympy_to_ast(lib, sympy.Mul(cell, v, evaluate=False),
                            lambda x: "cell" if x == cell else ids[x.name])
    except NotArithmetic as why:
        raise ModelError(f"reaction {r.label}: the rate law cannot be written as SBML: "
                         f"{why.args[0]}") from None
    kl = rx.createKineticLaw()
    _check(kl.setMath(math), f"the kinetic law of reaction {r.label}")
