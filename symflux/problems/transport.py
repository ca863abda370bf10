"""Problem files of kinds ``transport`` (networks) and ``path`` (1-D continuum paths).

A transport problem's ``[model]`` holds ``nodes`` (name → ``{potential = ...}`` or
``{source = ...}``) and ``edges`` (``{between = [u, v], resistance = ...}``,
``conductance = ...``, or ``element = "pore"`` with the element's parameters). A
path problem's holds ``D``, the span under the position's name (``x = [0, "L"]``),
the end values under the variable's name (``c = ["c_1", "c_2"]``, or
``["c_0", "closed"]``), and optionally ``area``, ``energy`` (potential energy over
``k_B T``), ``position`` and ``variable``.

``[find]`` in both: ``flux a -> b`` (networks) or ``flux`` (paths), ``effective
resistance a b``, ``potential N``, ``resistance`` (the only edge, or ``resistance
a b``; the path's resistance), ``profile``; any of them followed by ``where s -> 0``
or ``where s -> oo`` (a limit; several joined by commas) and ``times EXPR`` (a
factor, e.g. ``times n*F`` to turn a molar flux into a current). docs/transport.md
describes the format.
"""

from __future__ import annotations

import sympy

from symflux.derivation import Derivation, Quantity
from symflux.errors import ProblemFileError
from symflux.problems.problem import Problem
from symflux.transport.network import transport_model, transport_network
from symflux.transport.nodal import (
    effective_resistance,
    flux,
    nodal_analysis,
    potential_name,
)
from symflux.transport.paths import path_flux

__all__ = ["build_path", "build_transport", "parse_find"]

_NETWORK_HELP = ("for transport networks write 'flux A -> B', 'effective resistance A B', "
                 "'potential N', 'resistance' or 'resistance A B', optionally followed by "
                 "'where s -> 0' (or '-> oo') and 'times EXPR'")
_PATH_HELP = ("for paths write 'flux', 'profile' or 'resistance', optionally followed by "
              "'where s -> 0' (or '-> oo') and 'times EXPR'")


def parse_find(spec: str, declared: dict, where: str):
    """Split a find spec into ``(base, limits, factor)``.

    >>> parse_find("flux a -> b where x -> 0 times n*F", {}, "test")
    ('flux a -> b', ((x, 0),), F*n)
    """
    from symflux.parsing import parse_expression

    text = " ".join(spec.split())
    factor = None
    if " times " in text:
        text, factor_text = text.split(" times ", 1)
        factor = parse_expression(factor_text, symbols=declared)
    limits = ()
    if " where " in text:
        text, limit_text = text.split(" where ", 1)
        out = []
        for part in limit_text.split(","):
            if "->" not in part:
                raise ProblemFileError(f"{where}: limit {part.strip()!r} must read 's -> 0' or "
                                       "'s -> oo'")
            name, target = (t.strip() for t in part.split("->", 1))
            if target not in ("0", "oo"):
                raise ProblemFileError(f"{where}: a limit goes to 0 or oo, not {target!r}")
            s = parse_expression(name, symbols=declared)
            if not isinstance(s, sympy.Symbol):
                raise ProblemFileError(f"{where}: a limit is taken in one symbol, not {name!r}")
            out.append((s, sympy.Integer(0) if target == "0" else sympy.oo))
        limits = tuple(out)
    return text, limits, factor


def _modify(expr, quantity, limits, factor):
    for s, target in limits:
        expr = sympy.limit(expr, s, target)
        quantity = Quantity("limit", (((s, target),), quantity)) if quantity else None
    expr = sympy.factor(expr) if limits else expr
    if factor is not None:
        expr = factor * expr
        quantity = Quantity("times", (factor, quantity)) if quantity else None
    return expr, quantity


def _network(problem: Problem, where: str):
    model = problem.model
    declared = problem.declared()
    unknown = sorted(set(model) - {"nodes", "edges", "analogy"})
    if unknown:
        raise ProblemFileError(f"{where}: [model] has unknown key(s) {', '.join(unknown)}; a "
                               "transport network has nodes, edges and optionally analogy "
                               "(diffusion, heat or charge)")
    nodes = model.get("nodes", {})
    edges = model.get("edges")
    if not edges:
        raise ProblemFileError(f"{where}: [model] of a transport problem needs edges = "
                               "[{between = [\"a\", \"b\"], resistance = \"R\"}, ...]")
    items = []
    for i, e in enumerate(edges):
        spec = dict(e)
        between = spec.pop("between", None)
        if not (isinstance(between, list) and len(between) == 2):
            raise ProblemFileError(f"{where}: edge {i + 1} needs between = [\"u\", \"v\"]")
        items.append((between[0], between[1], spec))
    potentials, sources, unknowns = {}, {}, {}
    for name, attrs in nodes.items():
        unknown = set(attrs) - {"potential", "source", "unknown"}
        if unknown:
            raise ProblemFileError(f"{where}: node {name!r} has {sorted(unknown)}; a node may "
                                   "have potential = ... or source = ... (and unknown = the "
                                   "name of its potential in a source that depends on it)")
        if "unknown" in attrs:
            unknowns[name] = attrs["unknown"]
        if "potential" in attrs:
            potentials[name] = attrs["potential"]
        if "source" in attrs:
            sources[name] = attrs["source"]
    return transport_network(items, potentials=potentials, sources=sources, symbols=declared,
                             analogy=model.get("analogy", "diffusion"), unknowns=unknowns)


def _names(args: str) -> list[str]:
    text = args.replace(" and ", " ").replace(",", " ").replace(" - ", " ").replace("->", " ")
    return [t for t in text.replace("between ", "").split() if t]


def build_transport(problem: Problem) -> Derivation:
    """Derive a ``kind = "transport"`` problem."""
    where = str(problem.path or problem.title)
    T = _network(problem, where)
    declared = problem.declared()
    results, quantities, steps, symbols = {}, {}, [], {}
    assumptions = ["steady state", "every resistance positive"]
    nodal = None
    for name, spec in problem.find.items():
        base, limits, factor = parse_find(spec, declared, f"{where}: [find] {name}")
        if base.startswith("flux "):
            ends = [t.strip() for t in base[5:].split("->")]
            if len(ends) != 2:
                raise ProblemFileError(f"{where}: [find] {name}: write 'flux A -> B'")
            d = flux(T, *ends)
            expr, q = d["J"], d.quantities["J"]
        elif base.startswith("effective resistance"):
            ends = _names(base[len("effective resistance"):])
            if len(ends) != 2:
                raise ProblemFileError(f"{where}: [find] {name}: name two nodes: "
                                       "'effective resistance A B'")
            d = effective_resistance(T, *ends)
            expr, q = d["R_eff"], d.quantities["R_eff"]
        elif base.startswith("potential "):
            node = base[len("potential "):].strip()
            nodal = nodal or nodal_analysis(T)
            d = nodal
            if node in transport_model(T).fixed:
                raise ProblemFileError(f"{where}: [find] {name}: node {node!r} is held at a "
                                       "fixed potential; ask for a free node")
            expr, q = nodal[potential_name(node)], nodal.quantities[potential_name(node)]
        elif base == "resistance" or base.startswith("resistance "):
            ends = _names(base[len("resistance"):])
            model = transport_model(T, solvable=False)
            chosen = [e for e in model.edges if not ends or {e[0], e[1]} == set(ends)]
            if len(chosen) != 1:
                raise ProblemFileError(f"{where}: [find] {name}: {len(chosen)} edges match; "
                                       "name the edge's nodes: 'resistance A B'")
            u, v, key, expr = chosen[0]
            data = T.edges[u, v, key]
            q = (Quantity("resistance", (u, v, key)) if "path" in data or "disk" in data
                 else None)
            d = None
        else:
            raise ProblemFileError(f"{where}: [find] {name} = {spec!r} is not understood; "
                                   + _NETWORK_HELP)
        expr, q = _modify(expr, q, limits, factor)
        results[name] = expr
        if q is not None:
            quantities[name] = q
        if d is not None:
            steps.extend(s for s in d.steps if s not in steps)
            symbols.update(d.symbols)
            assumptions.extend(a for a in d.assumptions if a not in assumptions)
    return Derivation(title=problem.title, kind="transport", model=T, results=results,
                      steps=tuple(steps), symbols=symbols, assumptions=tuple(assumptions),
                      quantities=quantities)


def build_path(problem: Problem) -> Derivation:
    """Derive a ``kind = "path"`` problem."""
    where = str(problem.path or problem.title)
    m = dict(problem.model)
    position = m.pop("position", "x")
    variable = m.pop("variable", "c")
    try:
        D = m.pop("D")
        span = m.pop(position)
        ends = m.pop(variable)
    except KeyError as err:
        raise ProblemFileError(f"{where}: [model] of a path problem needs D, {position} = "
                               f"[start, end] and {variable} = [value at start, value at end "
                               f"or \"closed\"]; {err.args[0]} is missing") from None
    area, energy = m.pop("area", 1), m.pop("energy", 0)
    if m:
        raise ProblemFileError(f"{where}: [model] has unknown key(s) {', '.join(sorted(m))}; "
                               "a path has D, area, energy, position, variable and the span "
                               "and end values")
    if len(span) != 2 or len(ends) != 2:
        raise ProblemFileError(f"{where}: the span and the end values are two-element lists")
    d = path_flux(D, ends, span, area=area, energy=energy, position=position,
                  variable=variable, symbols=problem.declared())
    results, quantities = {}, {}
    for name, spec in problem.find.items():
        base, limits, factor = parse_find(spec, problem.declared(), f"{where}: [find] {name}")
        if base == "flux":
            key = "J"
        elif base == "profile":
            key = variable if variable in d else position
        elif base == "resistance" and "R" in d:
            key = "R"
        else:
            raise ProblemFileError(f"{where}: [find] {name} = {spec!r} is not understood; "
                                   + _PATH_HELP)
        expr, q = _modify(d[key], d.quantities.get(key), limits, factor)
        results[name] = expr
        if q is not None:
            quantities[name] = q
    # keep only the sampling constraints of results that were asked for
    constraints = {s: e for s, e in d.constraints.items()
                   if any(r.has(s) for r in results.values())}
    return Derivation(title=problem.title, kind="path", model=d.model, results=results,
                      steps=d.steps, symbols=d.symbols, assumptions=d.assumptions,
                      quantities=quantities, constraints=constraints)

