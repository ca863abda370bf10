"""Transport networks solved with numbers: Kirchhoff's current law as a linear system.

Computed from: the network's nodes (held potentials, sources) and each edge's
geometry, never from a resistance formula stored beside it: an edge built from a
1-D path, or a layer (film, membrane), is solved as steady conduction by finite
volumes (:mod:`symflux.numerics.conduction`); a disk (microdisk, pore mouth) as the
axisymmetric Laplace problem on a stretched finite-volume grid
(:mod:`symflux.numerics.laplace`); only an edge with no geometry has its
``resistance`` (or ``conductance``) as the model's input. The free potentials then
solve the conductance Laplacian with NumPy. Each quantity comes back as
``(value, scale)``; an edge resistance that is the model's input is not computed.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import sympy
from scipy.integrate import quad

from symflux.errors import ValidationError
from symflux.numerics.outcomes import NotComputed
from symflux.parsing.values import to_expr

__all__ = ["edge_resistances", "evaluate_network", "path_integral", "solve_network"]


def _floats(values: Mapping) -> dict:
    from symflux.parsing import symbol

    return {(k if isinstance(k, sympy.Symbol) else symbol(str(k))): sympy.Float(v)
            for k, v in values.items()}


def _number(expr, floats: Mapping, what: str) -> float:
    """``expr`` as a number, given ``floats`` from :func:`_floats` (built once per call:
    rebuilding it per edge made a 10⁴-resistor chain quadratic)."""
    value = to_expr(expr).xreplace(floats)
    if value.free_symbols:
        raise ValidationError(f"no value for {', '.join(sorted(map(str, value.free_symbols)))} "
                              f"in {what}")
    return float(value)


def path_integral(path: Mapping, values: Mapping) -> float:
    """``∫_a^b dx / (D(x) A(x))`` by adaptive quadrature, with numbers for the parameters.

    >>> x = sympy.Symbol("x", positive=True)
    >>> round(path_integral({"D": 2, "area": 1 + x, "x": x, "a": 0, "b": 1}, {}), 12)
    0.34657359028
    """
    x = path["x"]
    integrand = (1 / (to_expr(path["D"]) * to_expr(path["area"]))).xreplace(
        {k: v for k, v in _floats(values).items() if k != x})
    if integrand.free_symbols - {x}:
        missing = ", ".join(sorted(map(str, integrand.free_symbols - {x})))
        raise ValidationError(f"no value for {missing} in the path integrand")
    f = sympy.lambdify(x, integrand, modules="numpy")
    floats = _floats(values)
    a = _number(path["a"], floats, "the start of the path")
    b = np.inf if path["b"] is sympy.oo else _number(path["b"], floats, "the end of the path")
    value, _ = quad(f, a, b, epsabs=0.0, epsrel=1e-12, limit=200)
    return float(value)


def edge_resistances(T: nx.MultiGraph, values: Mapping, route: str = "kirchhoff") -> dict:
    """Each edge's resistance as a number, ``(u, v, key) → R``, and how it was obtained."""
    from symflux.numerics.conduction import layer_resistance, path_resistance_fv

    out, floats = {}, _floats(values)
    for u, v, key, data in T.edges(keys=True, data=True):
        if "path" in data:
            out[(u, v, key)] = (path_resistance_fv(data["path"], values), "finite volumes")
        elif "layer" in data:
            out[(u, v, key)] = (layer_resistance(data["layer"], values), "finite volumes")
        elif "disk" in data and route != "laplace":
            out[(u, v, key)] = (np.nan, "needs laplace")
        elif "disk" in data:
            from symflux.numerics.laplace import disk_resistance

            disk = data["disk"]
            out[(u, v, key)] = (disk_resistance(_number(disk["D"], floats, "D"),
                                                _number(disk["a"], floats, "a")), "laplace")
        elif "resistance" in data:
            out[(u, v, key)] = (_number(data["resistance"], floats, f"edge {u}—{v}"), "input")
        else:
            out[(u, v, key)] = (1 / _number(data["conductance"], floats, f"edge {u}—{v}"),
                                "input")
    return out


def _shorted(nodes, resistances: Mapping) -> dict:
    """Each node's representative once zero-resistance edges are contracted (union-find)."""
    parent = {n: n for n in nodes}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for (u, v, _), r in resistances.items():
        if r == 0.0:
            parent[find(u)] = find(v)
    return {n: find(n) for n in nodes}


def solve_network(T: nx.MultiGraph, resistances: Mapping, potentials: Mapping,
                  sources: Mapping) -> dict:
    """Node potentials from Kirchhoff's current law with numbers (``numpy.linalg.solve``).

    A zero resistance shorts its two nodes (they are merged before the solve); an
    infinite one carries nothing. This is how the limits of a parameter (a film
    coefficient to infinity, a thickness to zero) are solved exactly.

    >>> T = nx.MultiGraph([("a", "m", 0), ("m", "b", 0)])
    >>> phi = solve_network(T, {("a", "m", 0): 1.0, ("m", "b", 0): 3.0}, {"a": 4.0, "b": 0.0}, {})
    >>> phi["m"]
    3.0
    """
    rep = _shorted(T.nodes, resistances)
    nodes = sorted(set(rep.values()), key=list(T.nodes).index)
    index = {n: i for i, n in enumerate(nodes)}
    L = np.zeros((len(nodes), len(nodes)))
    for (u, v, _), r in resistances.items():
        if r == 0.0 or np.isinf(r) or rep[u] == rep[v]:
            continue
        g = 1.0 / r
        i, j = index[rep[u]], index[rep[v]]
        L[i, i] += g
        L[j, j] += g
        L[i, j] -= g
        L[j, i] -= g
    held: dict = {}
    for n, value in potentials.items():
        if rep[n] in held and held[rep[n]] != value:
            raise ValidationError(f"a zero resistance joins two nodes held at different "
                                  f"potentials ({n!r})")
        held[rep[n]] = value
    pooled: dict = {}
    for n, value in sources.items():
        pooled[rep[n]] = pooled.get(rep[n], 0.0) + value
    free = [index[n] for n in nodes if n not in held]
    fixed = [index[n] for n in nodes if n in held]
    phi = np.zeros(len(nodes))
    for n, value in held.items():
        phi[index[n]] = value
    if free:
        rhs = np.array([pooled.get(nodes[i], 0.0) for i in free]) - L[np.ix_(free, fixed)] @ (
            phi[fixed])
        phi[free] = np.linalg.solve(L[np.ix_(free, free)], rhs)
    return {n: float(phi[index[rep[n]]]) for n in T.nodes}


def solve_nonlinear_network(T: nx.MultiGraph, resistances: Mapping, potentials: Mapping,
                            values: Mapping) -> dict:
    """Potentials when sources depend on them: Kirchhoff's current law by Newton's method.

    Started from several points spanning six decades of the fixed potentials, it
    keeps the converged solutions with every potential positive; exactly one must
    remain (the physical root), otherwise validation refuses.
    """
    from scipy.optimize import root

    nodes = list(T.nodes)
    free = [n for n in nodes if n not in potentials]
    unknowns = {n: T.nodes[n]["unknown"] if "unknown" in T.nodes[n]
                else sympy.Dummy(f"phi_{n}") for n in free}
    fixed_values = _floats(values)
    order = [unknowns[n] for n in free]
    source = [sympy.lambdify(order, to_expr(T.nodes[n].get("source", 0)).xreplace(
        {k: v for k, v in fixed_values.items() if k not in order}), "numpy") for n in free]
    edges = [(u, v, r) for (u, v, _), r in resistances.items()]

    def residual(x):
        phi = {**potentials, **dict(zip(free, x, strict=True))}
        out = {n: 0.0 for n in free}
        for u, v, r in edges:
            j = (phi[u] - phi[v]) / r
            if u in out:
                out[u] += j
            if v in out:
                out[v] -= j
        return [out[n] - float(f(*x)) for n, f in zip(free, source, strict=True)]

    scale = max([abs(p) for p in potentials.values()] + [1.0])
    found: list = []
    for start in np.logspace(-4, 2, 13):
        sol = root(residual, np.full(len(free), start * scale), method="hybr", tol=1e-14)
        x = sol.x
        size = max(abs(r) for r in residual(x)) if sol.success else np.inf
        new = not any(np.allclose(x, y, rtol=1e-7) for y in found)
        if size < 1e-9 * scale and np.all(x > 0) and new:
            found.append(x)
    if len(found) != 1:
        raise ValidationError(f"{len(found)} positive solutions of the nonlinear balance "
                              "found numerically; expected exactly one")
    return {**potentials, **dict(zip(free, found[0].tolist(), strict=True))}


def _group_outflow(T, resistances, phi, sources, a) -> float:
    """Net flux leaving node ``a``: out of its shorted group, less the group's other sources."""
    rep = _shorted(T.nodes, resistances)
    group = {n for n in T.nodes if rep[n] == rep[a]}
    total = 0.0
    for (u, v, _), r in resistances.items():
        if np.isinf(r) or r == 0.0 or (u in group) == (v in group):
            continue
        j = (phi[u] - phi[v]) / r
        total += j if u in group else -j
    return total - sum(sources.get(n, 0.0) for n in group if n != a)


def _edge_flux(resistances, phi, u, v, key):
    total, scale = 0.0, 0.0
    for (a, b, k), r in resistances.items():
        if {a, b} != {u, v} or (key is not None and k != key):
            continue
        j = (phi[a] - phi[b]) / r
        total += j if a == u else -j
        scale += abs(j)
    return total, scale


def evaluate_network(T: nx.MultiGraph, quantities: Mapping, values: Mapping,
                     route: str = "kirchhoff") -> dict:
    """Compute each named quantity of a transport network: name → ``(value, scale)``."""
    if not T.is_multigraph():
        T = nx.MultiGraph(T)
    rs = edge_resistances(T, values, route)
    if any(how == "needs laplace" for _, how in rs.values()):
        return {name: NotComputed("a disk's resistance needs the axisymmetric Laplace solve: "
                                  "route 'laplace'") for name in quantities}
    resistances = {e: r for e, (r, _) in rs.items()}
    floats = _floats(values)
    potentials = {n: _number(d["potential"], floats, f"potential of {n}")
                  for n, d in T.nodes(data=True) if "potential" in d}
    unknowns = {n: d["unknown"] for n, d in T.nodes(data=True)
                if "unknown" in d and "potential" not in d}
    nonlinear = {n: d["source"] for n, d in T.nodes(data=True) if "source" in d
                 and to_expr(d["source"]).free_symbols & set(unknowns.values())}
    if nonlinear:
        phi_nl = solve_nonlinear_network(T, resistances, potentials, values)
        at = {**_floats(values), **{s: sympy.Float(phi_nl[n]) for n, s in unknowns.items()}}
        sources = {n: float(to_expr(d["source"]).xreplace(at))
                   for n, d in T.nodes(data=True) if "source" in d}
    else:
        sources = {n: _number(d["source"], floats, f"source at {n}")
                   for n, d in T.nodes(data=True) if "source" in d}
    phi = None
    flux_scale = None
    out = {}
    for name, q in quantities.items():
        if q.kind == "resistance":
            r, how = rs[q.args]
            out[name] = (r, abs(r)) if how != "input" else NotComputed(
                "this edge's resistance is the model's input (it has no geometry)")
            continue
        if q.kind == "effective_resistance":
            a, b = q.args
            part = nx.node_connected_component(T, a)
            sub = {e: r for e, r in resistances.items() if e[0] in part}
            unit = solve_network(T.subgraph(part), sub, {b: 0.0}, {a: 1.0})
            out[name] = (unit[a], abs(unit[a]))
            continue
        if phi is None:
            phi = phi_nl if nonlinear else solve_network(T, resistances, potentials, sources)
            flux_scale = max((abs(phi[u] - phi[v]) / r for (u, v, _), r in resistances.items()
                              if r != 0.0), default=1.0)
        if q.kind == "potential":
            scale = max([abs(p) for p in potentials.values()] + [abs(phi[q.args[0]])])
            out[name] = (phi[q.args[0]], scale)
        elif q.kind == "edge_flux":
            value, _ = _edge_flux(resistances, phi, *q.args)
            out[name] = (value, flux_scale)
        elif q.kind == "terminal_flux":
            out[name] = (_group_outflow(T, resistances, phi, sources, q.args[0]), flux_scale)
        else:
            out[name] = None
    return out


def model_parameters(T: nx.MultiGraph) -> set:
    """The symbols of a transport network's resistances, paths, potentials and sources."""
    found: set = set()
    for _, _, data in T.edges(data=True):
        if "path" in data:
            p = data["path"]
            for k in ("D", "area", "a", "b"):
                found |= to_expr(p[k]).free_symbols
            found.discard(p["x"])
        for k in ("resistance", "conductance"):
            if k in data:
                found |= to_expr(data[k]).free_symbols
        for k in ("disk", "layer"):
            if k in data:
                found |= {s for v in data[k].values() for s in to_expr(v).free_symbols}
    for _, data in T.nodes(data=True):
        for k in ("potential", "source"):
            if k in data:
                found |= to_expr(data[k]).free_symbols
    return found - {d["unknown"] for _, d in T.nodes(data=True) if "unknown" in d}

