"""Kinetic-scheme problems: ``transitions`` in ``[model]`` and the kinetic ``[find]`` phrases.

The find phrases are documented in docs/kinetics.md.
"""

from __future__ import annotations

import sympy

from symflux.derivation import Derivation, Quantity
from symflux.errors import ProblemFileError
from symflux.problems.problem import Found, Problem, find_phrase, split_find

__all__ = ["build_kinetic"]

_KINETIC_FINDS = ("entropy production", "cycle flux", "probability", "weight", "stall",
                  "normalization", "flux", "affinity", "wegscheider")


def _states(text: str) -> tuple[list[str], list[str] | None]:
    keys = None
    if " via " in text:
        text, via = text.split(" via ", 1)
        keys = [k.strip() for k in via.split(",")]
    return [s.strip() for s in text.split("->")], keys


def _find_cycle(cycles, spec: str, where: str):
    states, keys = _states(spec)
    if states[0] != states[-1]:
        raise ProblemFileError(f"{where}: a cycle must end where it starts: {spec!r}")
    states = states[:-1]
    for c in cycles:
        for candidate, sign in ((c, 1), (c.reversed(), -1)):
            seq = [str(s) for s in candidate.states]
            n = len(seq)
            for shift in range(n):
                rotated = seq[shift:] + seq[:shift]
                edge_keys = [str(e[2]) for e in candidate.forward_edges]
                edge_keys = edge_keys[shift:] + edge_keys[:shift]
                if rotated == states and (keys is None or edge_keys == keys):
                    return c, sign
    raise ProblemFileError(f"{where}: no cycle {spec!r}; cycles are "
                           + "; ".join(str(c) for c in cycles))


class _Scheme:
    """The scheme of one problem, its steady state, and each further derivation the
    [find] phrases ask for, built once."""

    def __init__(self, G, where: str):
        import symflux as sf
        from symflux.kinetics.graph import kinetic_model

        self.G, self.where = G, where
        self.model = kinetic_model(G)
        self.ss = sf.steady_state(G)
        self._parts: dict = {}

    def part(self, key: str, build):
        if key not in self._parts:
            self._parts[key] = build()
        return self._parts[key]


def build_kinetic(problem: Problem) -> Derivation:
    """The Derivation a kinetic problem file asks for: its scheme's steady state and the
    ``[find]`` results under the problem's names."""
    import symflux as sf

    where = str(problem.path or problem.title)
    transitions = problem.model.get("transitions")
    if not transitions:
        raise ProblemFileError(f"{where}: [model] of a kinetic problem needs "
                               "transitions = [\"1 <-> 2 : k_12, k_21\", ...]")
    scheme = _Scheme(sf.kinetic_graph(transitions), where)
    ss = scheme.ss
    found = Found(steps=list(ss.steps))
    for name, spec in problem.find.items():
        with find_phrase(where, name, spec):
            _find_one(scheme, found, f"{where}: [find] {name}", name, spec)
    # the steady state's symbol table covers every derivation taken from (all of one scheme)
    return Derivation(
        title=problem.title, kind="kinetic", model=scheme.G, results=found.results,
        steps=tuple(found.steps), symbols=ss.symbols, assumptions=ss.assumptions,
        quantities=found.quantities, compact=found.compact,
    )


def _find_one(scheme: _Scheme, found: Found, where: str, name: str, spec: str) -> None:
    what, args = split_find(spec, _KINETIC_FINDS)
    taken = _taken(scheme, where, what, args)
    if taken is not None:  # a result of a derivation, under the problem's name
        found.take(*taken, name)
        return
    if what not in _BUILT:
        raise ProblemFileError(
            f"{where} = {spec!r} is not understood; for kinetic schemes "
            "write 'probability S', 'weight S', 'normalization', 'flux U -> V' "
            "(optionally 'via KEY'), 'cycle flux 1 -> 2 -> 3 -> 1', 'affinity ...', "
            "'wegscheider ...', 'stall F of cycle ...' or 'entropy production'"
        )
    found.put(name, *_BUILT[what](scheme, where, what, args))


def _state(scheme: _Scheme, where: str, text: str):
    """The state a phrase names, by its printed label; refused with the scheme's states."""
    for s in scheme.model.states:
        if str(s) == text:
            return s
    raise ProblemFileError(f"{where}: no state {text!r}; the states are "
                           + ", ".join(str(s) for s in scheme.model.states))


def _taken(scheme: _Scheme, where: str, what: str, args: str):
    """(derivation, result name) for the phrases that name a derived result, else None."""
    import symflux as sf

    if what in ("probability", "weight"):
        _state(scheme, where, args)
        return scheme.ss, f"{what[0]}_{args}"
    if what == "normalization":
        return scheme.ss, "Sigma"
    if what == "entropy production":
        return scheme.part("sigma", lambda: sf.entropy_production(scheme.G)), "sigma"
    return None


def _flux(scheme: _Scheme, where: str, what: str, args: str):
    """'flux U -> V [via KEYS]': the net flux summed over the parallel transitions."""
    from symflux.kinetics.stationary import flux_name

    ss, model = scheme.ss, scheme.model
    states, keys = _states(args)
    if len(states) != 2 or not all(states):
        raise ProblemFileError(f"{where}: write 'flux U -> V' (two states joined by '->', "
                               f"optionally 'via KEY'), not {args!r}")
    u, v = (_state(scheme, where, s) for s in states)
    ts = [t for t in model.parallel(u, v) if keys is None or str(t.key) in keys]
    if not ts:
        raise ProblemFileError(f"{where}: no transition {args!r}")
    result = sympy.Add(*((1 if t.u == u else -1) * ss[flux_name(model, t)] for t in ts))
    short = sympy.Add(*((1 if t.u == u else -1) * ss.compact[flux_name(model, t)]
                        for t in ts))
    return result, short, Quantity("flux", (u, v, ts[0].key if keys else None))


def _of_cycle(scheme: _Scheme, where: str, what: str, args: str):
    """'cycle flux', 'affinity' or 'wegscheider' of the named (or only) cycle."""
    import symflux as sf

    found = scheme.part("cycles", lambda: sf.cycles(scheme.G))
    if args:
        c, sign = _find_cycle(found, args, where)
    elif len(found) == 1:
        c, sign = found[0], 1
    else:
        raise ProblemFileError(f"{where}: the scheme has {len(found)} cycles; name one, e.g. "
                               f"'{what} {' -> '.join(map(str, found[0].states))} -> "
                               f"{found[0].states[0]}'")
    plus, minus = c.products(scheme.model)
    if sign < 0:
        plus, minus = minus, plus
    edges = c.forward_edges if sign > 0 else c.reversed().forward_edges
    if what == "affinity":
        return (sympy.log(plus / minus) if minus != 0 else sympy.oo, None,
                Quantity("affinity", (edges,)))
    if what == "wegscheider":
        return (plus / minus if minus != 0 else sympy.oo, None,
                Quantity("wegscheider_ratio", (edges,)))
    hill = scheme.part("hill", lambda: sf.cycle_fluxes(scheme.G))
    i = found.index(c) + 1
    q = hill.quantities.get(f"J_c{i}")
    return (sign * hill[f"J_c{i}"], sign * hill.compact[f"J_c{i}"],
            None if q is None else _signed(q, sign))


def _stall_find(scheme: _Scheme, where: str, what: str, args: str):
    result, quantity = _stall(scheme.G, scheme.model, args, where)
    return result, None, quantity


_BUILT = {"flux": _flux, "cycle flux": _of_cycle, "affinity": _of_cycle,
          "wegscheider": _of_cycle, "stall": _stall_find}


def _stall(G, model, args: str, where: str):
    """'stall F of cycle 1 -> 2 -> 1 [via ...]': the F at which the cycle's affinity vanishes.

    In a single-cycle scheme the net flux vanishes exactly there (a motor's stall force);
    numerics validate it as the root in F of the numerically solved flux.
    """
    import symflux as sf

    head, sep, spec = args.partition(" of cycle ")
    if not sep or not head.strip():
        raise ProblemFileError(f"{where}: write 'stall F of cycle 1 -> 2 -> 1', with F the "
                               f"parameter to solve for, not {args!r}")
    found = sf.cycles(G)
    if len(found) != 1:
        raise ProblemFileError(f"{where}: 'stall' needs a scheme with exactly one cycle "
                               f"(this one has {len(found)}): only then does the flux vanish "
                               "where the affinity does")
    c, sign = _find_cycle(found, spec.strip(), where)
    F = next((s for s in G.graph.get("symbols", ()) if s.name == head.strip()), None)
    plus, minus = c.products(model)
    if F is None:
        F = next((s for s in (plus / minus).free_symbols if s.name == head.strip()), None)
    if F is None or minus == 0:
        raise ProblemFileError(f"{where}: the affinity of {spec.strip()!r} does not depend on "
                               f"{head.strip()!r} (or is infinite)")
    roots = sympy.solve(sympy.expand_log(sympy.log(plus) - sympy.log(minus), force=True), F)
    if len(roots) != 1:
        raise ProblemFileError(f"{where}: the affinity has {len(roots)} roots in {F}, not one")
    # Write the root as (prefactor) * ln(ratio), not ln(ratio**prefactor) as solve may.
    root = sympy.factor_terms(sympy.expand_log(roots[0], force=True))
    root = root.replace(lambda e: e.is_Add and e.has(sympy.log),
                        lambda e: sympy.logcombine(e, force=True))
    edge = c.forward_edges[0] if sign > 0 else c.reversed().forward_edges[0]
    return root, Quantity("stall", (edge, F.name))


def _signed(q: Quantity, sign: int) -> Quantity:
    if sign > 0 or q.kind != "flux":
        return q
    a, b, key = q.args
    return Quantity("flux", (b, a, key))
