"""Problem files: ``derivations/*.toml`` → model → Derivation → verdict.

One problem per file, one shape for every kind of model (docs/problem-format.md):

.. code-block:: toml

    title  = "Three-state cycle"
    source = "T. L. Hill, Free Energy Transduction ... (1989), ch. 1"
    kind   = "kinetic"

    [model]
    transitions = ["1 <-> 2 : k_12, k_21", "2 <-> 3 : k_23, k_32", "3 <-> 1 : k_31, k_13"]

    [find]
    J = "flux 1 -> 2"

    [expect]
    J = '\\frac{k_{12} k_{23} k_{31} - k_{13} k_{32} k_{21}}{...}'

    [symbols]
    k_12 = { description = "rate constant of 1 → 2", unit = "1/s" }

Each model kind registers a builder that turns ``[model]`` and ``[find]`` into a
Derivation whose results carry the ``[find]`` names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import sympy

from symflux.derivation import Derivation, Quantity, SymbolInfo
from symflux.errors import ProblemFileError, SymfluxError

__all__ = [
    "Comparison",
    "Outcome",
    "Problem",
    "derive_problem",
    "load_problem",
    "problem_files",
    "register_kind",
    "run_problem",
]

_BUILDERS: dict[str, Callable[[Problem], Derivation]] = {}


def register_kind(kind: str, builder: Callable[[Problem], Derivation]) -> None:
    """Register how problems of a model kind are derived."""
    _BUILDERS[kind] = builder


@dataclass(frozen=True)
class Problem:
    """A worked problem as read from its file."""

    title: str
    source: str
    kind: str
    model: Mapping[str, Any]
    find: Mapping[str, str]
    expect: Mapping[str, str] = field(default_factory=dict)
    symbols: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    validate: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

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


_REQUIRED = ("title", "source", "kind", "model", "find")
_KNOWN = {*_REQUIRED, "expect", "symbols", "validate", "description"}


def load_problem(path: str | Path) -> Problem:
    """Read and check a problem file.

    Raises
    ------
    ProblemFileError
        naming the file and the missing or unknown table.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ProblemFileError(f"{path}: not valid TOML: {err}") from None
    except OSError as err:
        raise ProblemFileError(f"{path}: cannot read: {err}") from None
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise ProblemFileError(f"{path}: missing {', '.join(missing)}; a problem file needs "
                               f"{', '.join(_REQUIRED)} (and optionally expect, symbols)")
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise ProblemFileError(f"{path}: unknown key(s) {', '.join(unknown)}; "
                               f"known: {', '.join(sorted(_KNOWN))}")
    if data["kind"] not in _BUILDERS:
        raise ProblemFileError(f"{path}: kind {data['kind']!r} is not known; "
                               f"use one of {', '.join(sorted(_BUILDERS))}")
    extra = sorted(set(data.get("expect", {})) - set(data["find"]))
    if extra:
        raise ProblemFileError(f"{path}: [expect] names {', '.join(extra)} that [find] does not")
    return Problem(
        title=data["title"], source=data["source"], kind=data["kind"], model=data["model"],
        find=data["find"], expect=data.get("expect", {}), symbols=data.get("symbols", {}),
        validate=data.get("validate", {}), path=path,
    )


def problem_files(path: str | Path) -> list[Path]:
    """The problem files at ``path``: the file itself, or the ``*.toml`` in a folder."""
    path = Path(path)
    if path.is_dir():
        return sorted(path.glob("*.toml"))
    if path.exists():
        return [path]
    raise ProblemFileError(f"{path}: no such file or folder")


def derive_problem(problem: Problem) -> Derivation:
    """The Derivation of a problem, with its results named as in ``[find]``."""
    d = _BUILDERS[problem.kind](problem)
    symbols = dict(d.symbols)
    symbols.update(problem.symbol_table())
    return replace(d, title=problem.title, symbols=symbols)


@dataclass(frozen=True)
class Comparison:
    """An expected answer against the derived one (``result``: the CheckResult)."""

    name: str
    expected_text: str
    expected: sympy.Expr | None
    derived: sympy.Expr
    equal: bool
    note: str = ""
    result: Any = None


@dataclass(frozen=True)
class Outcome:
    """What became of one problem: derivation, comparisons, validation, or the error."""

    problem: Problem
    derivation: Derivation | None = None
    comparisons: tuple[Comparison, ...] = ()
    validation: Any = None
    error: str | None = None

    @property
    def passed(self) -> bool:
        return (
            self.error is None
            and all(c.equal for c in self.comparisons)
            and (self.validation is None or self.validation.passed)
        )


def compare(problem: Problem, d: Derivation, prove: bool = False) -> tuple[Comparison, ...]:
    """Each ``[expect]`` answer (LaTeX) checked against the derived result by check()."""
    from symflux.checking.check import check

    out = []
    declared = problem.declared()
    for name, text in problem.expect.items():
        # An equation (a Wegscheider condition) matches the derived ratio Π+/Π−
        # in either orientation; check() knows.
        r = check(d, name, text, symbols=declared, format="latex", prove=prove)
        out.append(Comparison(name, text, r.answer, d[name], r.equal,
                              "" if r.equal else f"{r.code}: {r.message}", r))
    return tuple(out)


def run_problem(problem: Problem | str | Path, validate: bool = True, seed: int = 0,
                prove: bool = False) -> Outcome:
    """Derive, compare with the expected answers and validate one problem.

    Errors in the problem become the Outcome's ``error``; nothing is raised, so one
    bad problem does not stop a run over a whole folder.
    """
    try:
        if not isinstance(problem, Problem):
            problem = load_problem(problem)
        d = derive_problem(problem)
        comparisons = compare(problem, d, prove=prove)
        report = None
        if validate and d.quantities:
            options = {"points": 5, "seed": seed}
            options.update(problem.validate)
            report = d.validate(**options)
        return Outcome(problem, d, comparisons, report)
    except SymfluxError as err:
        if not isinstance(problem, Problem):
            problem = Problem(str(problem), "", "?", {}, {}, path=Path(str(problem)))
        return Outcome(problem, error=f"{type(err).__name__}: {err}")


# -- kinetic schemes ----------------------------------------------------------------

_KINETIC_FINDS = ("entropy production", "cycle flux", "probability", "weight", "stall",
                  "normalization", "flux", "affinity", "wegscheider")


def _split_find(spec: str, keywords) -> tuple[str, str]:
    text = " ".join(spec.split())
    for word in keywords:
        if text == word or text.startswith(word + " "):
            return word, text[len(word):].strip()
    return text, ""


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


def _build_kinetic(problem: Problem) -> Derivation:
    import symflux as sf
    from symflux.kinetics.graph import kinetic_model
    from symflux.kinetics.stationary import flux_name

    where = str(problem.path or problem.title)
    transitions = problem.model.get("transitions")
    if not transitions:
        raise ProblemFileError(f"{where}: [model] of a kinetic problem needs "
                               "transitions = [\"1 <-> 2 : k_12, k_21\", ...]")
    G = sf.kinetic_graph(transitions)
    model = kinetic_model(G)
    ss = sf.steady_state(G)
    parts: dict = {}

    def part(key, build):
        if key not in parts:
            parts[key] = build()
        return parts[key]

    results, quantities, compact, steps = {}, {}, {}, list(ss.steps)
    for name, spec in problem.find.items():
        what, args = _split_find(spec, _KINETIC_FINDS)
        if what == "probability":
            source, old = ss, f"p_{args}"
        elif what == "weight":
            source, old = ss, f"w_{args}"
        elif what == "normalization":
            source, old = ss, "Sigma"
        elif what == "flux":
            (u, v), keys = _states(args)
            ts = [t for t in model.parallel(u, v) if keys is None or str(t.key) in keys]
            if not ts:
                raise ProblemFileError(f"{where}: [find] {name}: no transition {args!r}")
            results[name] = sympy.Add(*(
                (1 if t.u == u else -1) * ss[flux_name(model, t)] for t in ts))
            compact[name] = sympy.Add(*(
                (1 if t.u == u else -1) * ss.compact[flux_name(model, t)] for t in ts))
            quantities[name] = Quantity("flux", (u, v, ts[0].key if keys else None))
            continue
        elif what in ("cycle flux", "affinity", "wegscheider"):
            hill = part("hill", lambda: sf.cycle_fluxes(G))
            found = part("cycles", lambda: sf.cycles(G))
            if args:
                c, sign = _find_cycle(found, args, f"{where}: [find] {name}")
            elif len(found) == 1:
                c, sign = found[0], 1
            else:
                raise ProblemFileError(f"{where}: [find] {name}: the scheme has "
                                       f"{len(found)} cycles; name one, e.g. '{what} "
                                       f"{' -> '.join(map(str, found[0].states))} -> "
                                       f"{found[0].states[0]}'")
            plus, minus = c.products(model)
            if sign < 0:
                plus, minus = minus, plus
            if what == "cycle flux":
                i = found.index(c) + 1
                results[name] = sign * hill[f"J_c{i}"]
                compact[name] = sign * hill.compact[f"J_c{i}"]
                if f"J_c{i}" in hill.quantities:
                    quantities[name] = _signed(hill.quantities[f"J_c{i}"], sign)
            elif what == "affinity":
                results[name] = sympy.log(plus / minus) if minus != 0 else sympy.oo
                edges = c.forward_edges if sign > 0 else c.reversed().forward_edges
                quantities[name] = Quantity("affinity", (edges,))
            else:
                results[name] = plus / minus if minus != 0 else sympy.oo
            continue
        elif what == "stall":
            results[name], quantities[name] = _stall(G, model, args, f"{where}: [find] {name}")
            continue
        elif what == "entropy production":
            source, old = part("sigma", lambda: sf.entropy_production(G)), "sigma"
        else:
            raise ProblemFileError(
                f"{where}: [find] {name} = {spec!r} is not understood; for kinetic schemes "
                "write 'probability S', 'weight S', 'normalization', 'flux U -> V' "
                "(optionally 'via KEY'), 'cycle flux 1 -> 2 -> 3 -> 1', 'affinity ...', "
                "'wegscheider ...', 'stall F of cycle ...' or 'entropy production'"
            )
        results[name] = source[old]
        if old in source.compact:
            compact[name] = source.compact[old]
        if old in source.quantities:
            quantities[name] = source.quantities[old]
        steps.extend(s for s in source.steps if s not in steps)
    return Derivation(
        title=problem.title, kind="kinetic", model=G, results=results, steps=tuple(steps),
        symbols=ss.symbols, assumptions=ss.assumptions, quantities=quantities, compact=compact,
    )


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


register_kind("kinetic", _build_kinetic)

import symflux.reactions.problem_kind  # noqa: E402  (registers kind "reactions")
import symflux.transport.problem_kinds  # noqa: E402, F401  (registers transport and path)
