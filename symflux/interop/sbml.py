"""Reading SBML models into mass-action reaction networks.

:func:`read_sbml` turns an SBML file (Level 2 or 3) into the reaction network symflux
analyses (the graph of :func:`symflux.reaction_network`), with the parameter values,
initial concentrations and units found in the file. Each kinetic law is recognised as
mass action from its MathML tree (see :mod:`symflux.interop.sbml_math`): after
expansion it must be one monomial ``k Π [X]^ν`` over the reactants, or a forward
monomial minus a backward one over the products, with integer exponents equal to the
stoichiometry; species that occur in both monomials beyond the stoichiometry
(catalysts, usually declared as modifiers) join both complexes. Local parameters and
compartment volume factors are understood: an SBML law is a rate in amount per time,
so the rate constant on concentrations is the law's coefficient divided by the
volume. Boundary and constant species become constant species. Everything else (a
Michaelis–Menten or Hill formula, rules, events, several compartments) is refused with
a :class:`~symflux.errors.ModelError`; no law is approximated.

libSBML is the optional extra ``symflux[sbml]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx
import sympy

from symflux.errors import ModelError
from symflux.interop.library import libsbml_module
from symflux.interop.sbml_laws import SUPPORTED, complex_node, mass_action
from symflux.interop.sbml_math import NotArithmetic, ast_to_sympy
from symflux.interop.sbml_names import ANNOTATION_NS, annotated_name, sbml_name
from symflux.interop.sbml_units import unit_string

__all__ = ["ANNOTATION_NS", "SUPPORTED", "SbmlModel", "network_from_problem_model",
           "read_sbml"]

@dataclass(frozen=True, repr=False)
class SbmlModel:
    """A model read from SBML.

    ``network`` is the reaction network (graph); ``values`` maps parameter names to
    their numbers (global and local parameters, compartment sizes), ``initial`` species
    names to initial concentrations, ``units`` symbol names to unit strings,
    ``ids`` SBML ids to symflux names and ``reactions`` SBML reaction ids to labels.
    """

    network: nx.MultiDiGraph
    values: Mapping[str, float] = field(default_factory=dict)
    initial: Mapping[str, float] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    ids: Mapping[str, str] = field(default_factory=dict)
    title: str = ""

    def __post_init__(self):
        for name in ("values", "initial", "units", "ids"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def __repr__(self) -> str:
        """One line: title, counts and the species.

        >>> import symflux as sf
        >>> SbmlModel(sf.reaction_network(["0 -> X : k"]), {"k": 1.0}, {"X": 0.0}, title="m")
        <SbmlModel 'm' 1 species, 1 values: X>
        """
        from symflux.report.records import record_repr

        return record_repr("SbmlModel", self.title, f"{len(self.initial)} species, "
                           f"{len(self.values)} values", sorted(self.initial))

    def annotate(self, derivation):
        """``derivation`` with the file's units (and SBML ids) on its symbols.

        >>> import symflux as sf
        >>> m = SbmlModel(sf.reaction_network(["0 -> X : k", "X -> 0 : g"]),
        ...               units={"k": "M/s"}, ids={"k_in": "k"})
        >>> m.annotate(sf.steady_state(m.network)).symbols[sf.symbol("k")].unit
        'M/s'
        """
        from dataclasses import replace

        from symflux.derivation import SymbolInfo
        from symflux.parsing import symbol

        sbml_id = {name: sid for sid, name in self.ids.items()}
        symbols = dict(derivation.symbols)
        for name, unit in self.units.items():
            s = symbol(name)
            old = symbols.get(s)
            text = old.description if old else f"parameter {sbml_id.get(name, name)} (SBML)"
            symbols[s] = SymbolInfo(text, unit)
        return replace(derivation, symbols=symbols)

    def point(self) -> dict[str, float]:
        """Parameter values plus the conserved totals of the initial state, by name.

        The totals are what fixes the steady state in a model with conservation laws:
        ``T = Σ coefficient × initial concentration`` for each law.
        """
        from symflux.reactions.stoichiometry import conservation_laws

        out = dict(self.values)
        out.update({s: v for s, v in self.initial.items()
                    if s in self.network.graph.get("constant", ())})
        for law in conservation_laws(self.network):
            missing = [s for s in law.coefficients if s not in self.initial]
            if missing:
                raise ModelError(f"conservation law {law} needs the initial concentrations "
                                 f"of {', '.join(missing)}, which the model does not give")
            out[law.total.name] = float(sum(n * self.initial[s]
                                            for s, n in law.coefficients.items()))
        return out


def _document(lib, source):
    text = isinstance(source, str) and source.lstrip().startswith("<")
    if isinstance(source, Path) or (isinstance(source, str) and not text):
        path = Path(source)
        if not path.is_file():
            raise ModelError(f"no SBML file at {str(path)!r}; give a path or the XML text")
        doc = lib.readSBMLFromFile(str(path))
    elif isinstance(source, str):
        doc = lib.readSBMLFromString(source)
    else:
        raise ModelError(f"read_sbml takes a path or SBML text, not {type(source).__name__}")
    errors = [doc.getError(i) for i in range(doc.getNumErrors())
              if doc.getError(i).getSeverity() >= lib.LIBSBML_SEV_ERROR]
    if errors or doc.getModel() is None:
        text = "; ".join(f"line {e.getLine()}: {e.getShortMessage()} {e.getMessage().strip()}"
                         for e in errors[:3]) or "the document holds no model"
        raise ModelError(f"the SBML document is not valid: {text}")
    return doc


def _refuse_unsupported(m) -> None:
    for i in range(m.getNumRules()):
        rule = m.getRule(i)
        kind = ("algebraic rule" if rule.isAlgebraic() else
                "rate rule" if rule.isRate() else "assignment rule")
        raise ModelError(f"the model has an {kind} for {rule.getVariable() or '(algebraic)'!r}: "
                         f"{rule.getFormula()}; symflux reads reaction networks only, where "
                         f"every change comes from a kinetic law ({SUPPORTED})",
                         element=rule.getVariable() or None)
    if m.getNumEvents():
        event = m.getEvent(0)
        raise ModelError(f"the model has {m.getNumEvents()} event(s) (first: "
                         f"{event.getId() or 'unnamed'}); a steady state of a network with "
                         "events is not defined; remove them", element=event.getId() or None)
    if m.getNumInitialAssignments():
        ia = m.getInitialAssignment(0)
        raise ModelError(f"initial assignment to {ia.getSymbol()!r} "
                         f"({lib_formula(ia.getMath())}) is not supported; give the value "
                         "directly", element=ia.getSymbol())
    for i in range(m.getNumParameters()):
        p = m.getParameter(i)
        if not p.getConstant():
            raise ModelError(f"parameter {p.getId()!r} is not constant; symflux needs constant "
                             "parameters", element=p.getId())


def lib_formula(math) -> str:
    """An SBML math node as libSBML's L3 formula text, for messages."""
    lib = libsbml_module()
    return lib.formulaToL3String(math) if math is not None else "(no math)"


def _compartment(m, lib) -> tuple[Any, float | None]:
    used = {m.getSpecies(i).getCompartment() for i in range(m.getNumSpecies())}
    if len(used) > 1:
        raise ModelError(f"species live in {len(used)} compartments ({', '.join(sorted(used))});"
                         " symflux reads single-compartment models (one volume for every "
                         "concentration)", element=sorted(used)[1])
    if not used:
        raise ModelError("the model has no species")
    c = m.getCompartment(used.pop())
    return c, (c.getSize() if c.isSetSize() else None)


def _species_table(m, taken):
    """species id → (name, constant?, initial concentration or None, substance-only?)."""
    table = {}
    for i in range(m.getNumSpecies()):
        s = m.getSpecies(i)
        if s.isSetConversionFactor():
            raise ModelError(f"species {s.getId()!r} has a conversion factor; not supported",
                             element=s.getId())
        table[s.getId()] = (sbml_name(s, taken), s.getBoundaryCondition() or s.getConstant(), s)
    return table


def _initial(s, volume) -> float | None:
    if s.isSetInitialConcentration():
        return s.getInitialConcentration()
    if s.isSetInitialAmount():
        if s.getHasOnlySubstanceUnits():
            return s.getInitialAmount()
        return None if volume is None else s.getInitialAmount() / volume
    return None


def read_sbml(source: str | Path, *, rate: str = "rate") -> SbmlModel:
    """Read an SBML model (a path or the XML text) into a mass-action reaction network.

    Parameters
    ----------
    source : str or pathlib.Path
        A file path, or SBML text (anything starting with ``<``).
    rate : str
        The edge attribute that receives the rate constants.

    Returns
    -------
    SbmlModel
        ``network`` (complexes, ``rate`` on edges, ``label`` = the reaction's name, the
        constant species in ``network.graph["constant"]``), ``values``, ``initial``,
        ``units``, ``ids``.

    Raises
    ------
    ModelError
        the file is not valid SBML, or holds something that is not a mass-action
        network (the message names the reaction or rule and says what is supported).
    SymfluxError
        python-libsbml is not installed (``pip install 'symflux[sbml]'``).

    Notes
    -----
    One pass over the document with libSBML; every kinetic law is read by symflux's own
    MathML reader and must be mass action (one product of a constant and the reactant
    concentrations per direction), so nothing in the file is ever evaluated.

    Examples
    --------
    >>> from symflux.interop.sbml_export import write_sbml
    >>> import symflux as sf
    >>> text = write_sbml(sf.reaction_network(["0 -> X : k", "X -> 0 : g"]),
    ...                   values={"k": 2.0, "g": 0.5})
    >>> model = read_sbml(text)
    >>> sf.steady_state(model.network)["c_X"], sorted(model.values.items())
    (k/g, [('g', 0.5), ('k', 2.0)])
    """
    # One pass over the document in SBML's order (compartment, species, parameters,
    # reactions): the name tables it fills are shared by every part, so it stays whole.
    lib = libsbml_module()
    m = _document(lib, source).getModel()
    _refuse_unsupported(m)
    compartment, volume = _compartment(m, lib)
    taken: set = set()
    ids: dict[str, str] = {}
    species = _species_table(m, taken)
    substance_only = {t[2].getHasOnlySubstanceUnits() for t in species.values()}
    if len(substance_only) > 1 and volume != 1:
        raise ModelError("some species are amounts (hasOnlySubstanceUnits) and some "
                         "concentrations in a compartment of size other than 1; make them "
                         "all one or the other")
    names: dict[str, sympy.Expr] = {}
    from symflux.parsing import symbol

    for sid, (name, _, _) in species.items():
        ids[sid] = name
        names[sid] = symbol(name)
    values, units = {}, {}
    c_name = sbml_name(compartment, taken)
    ids[compartment.getId()] = c_name
    vol = symbol(c_name)
    names[compartment.getId()] = sympy.Integer(1) if volume == 1 else vol
    if volume not in (None, 1):
        values[c_name] = float(volume)
    for i in range(m.getNumParameters()):
        p = m.getParameter(i)
        ids[p.getId()] = sbml_name(p, taken)
        names[p.getId()] = symbol(ids[p.getId()])
        if p.isSetValue():
            values[ids[p.getId()]] = float(p.getValue())
        if unit_string(m, p.getUnits()):
            units[ids[p.getId()]] = unit_string(m, p.getUnits())
    # Amounts are the variables when every species is substance-only: no volume factor.
    per_volume = sympy.Integer(1) if substance_only == {True} else 1 / names[compartment.getId()]
    G = nx.MultiDiGraph()
    order, labels = [], set()
    for i in range(m.getNumReactions()):
        r = m.getReaction(i)
        label = annotated_name(r) or sbml_name(r, labels)
        ids[r.getId()] = label
        expr = _law(lib, r, names, taken, ids, values) * per_volume
        if volume == 1:
            expr = expr.xreplace({vol: 1})
        src, dst, kf, kb = mass_action(r, expr, species, lib_formula(r.getKineticLaw().getMath()))
        u, v = complex_node(G, src), complex_node(G, dst)
        G.add_edge(u, v, key=label, **{rate: kf}, label=label)
        if kb is not None:
            G.add_edge(v, u, key=label, **{rate: kb}, label=label)
        order.append((u, v, label))
    G.graph["reaction_order"] = order
    G.graph["constant"] = [name for name, const, _ in species.values()
                           if const and any(name in d["species"] for _, d in G.nodes(data=True))]
    initial = {name: x for name, _, s in species.values()
               if (x := _initial(s, volume)) is not None}
    from symflux.reactions.network import network_model

    network_model(G, rate)
    return SbmlModel(G, values, initial, units, ids, m.getName() or m.getId())


def _law(lib, r, names: dict, taken: set, ids: dict, values: dict) -> sympy.Expr:
    """The SymPy form of reaction ``r``'s kinetic law, its local parameters named."""
    from symflux.parsing import symbol

    law = r.getKineticLaw()
    if law is None or law.getMath() is None:
        raise ModelError(f"reaction {r.getId()!r} has no kinetic law; {SUPPORTED}",
                         element=r.getId())
    local = dict(names)
    for j in range(law.getNumParameters()):
        p = law.getParameter(j)
        pname = sbml_name(p, taken, owner=r.getId())
        ids[f"{r.getId()}.{p.getId()}"] = pname
        local[p.getId()] = symbol(pname)
        if p.isSetValue():
            values[pname] = float(p.getValue())
    try:
        return ast_to_sympy(lib, law.getMath(), local)
    except NotArithmetic as why:
        raise ModelError(f"reaction {r.getId()!r}: kinetic law {lib_formula(law.getMath())} "
                         f"is not mass action: it uses {why.args[0]}; {SUPPORTED}",
                         element=r.getId()) from None


def network_from_problem_model(model_table: Mapping, base_dir: str | Path) -> SbmlModel:
    """The model of a problem file's ``model = { sbml = "file.xml" }`` table.

    The path is relative to the problem file's folder ``base_dir`` and must stay inside
    it. Optional ``constant = [...]`` adds species held constant beyond the file's
    boundary species.

    Raises
    ------
    ModelError
        no ``sbml`` entry, a path outside ``base_dir``, or an unreadable model.
    """
    if not isinstance(model_table, Mapping) or not isinstance(model_table.get("sbml"), str):
        raise ModelError("an SBML problem model is a table { sbml = \"file.xml\" }")
    unknown = set(model_table) - {"sbml", "constant"}
    if unknown:
        raise ModelError(f"unknown keys {sorted(unknown)} in the SBML model table; "
                         "known: sbml, constant")
    base = Path(base_dir).resolve()
    path = (base / model_table["sbml"]).resolve()
    if base not in path.parents:
        raise ModelError(f"the SBML file {model_table['sbml']!r} lies outside the problem's "
                         f"folder {str(base)!r}")
    model = read_sbml(path)
    extra = list(model_table.get("constant", ()))
    if extra:
        from dataclasses import replace

        G = model.network.copy()
        G.graph["constant"] = [*G.graph["constant"], *(s for s in extra
                                                       if s not in G.graph["constant"])]
        from symflux.reactions.network import network_model

        network_model(G)
        model = replace(model, network=G)
    return model
