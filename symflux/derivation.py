"""The records every analysis returns and everything downstream reads.

A :class:`Derivation` holds the results of an analysis (name → SymPy
expression), the ordered :class:`Step` s that led there, the symbols with
their descriptions and units, the assumptions, and the model it was derived
from (the graph, untouched). Kernels, validation, reports and answer checking
read only this record.

Examples
--------
>>> import sympy
>>> k = sympy.Symbol("k", positive=True)
>>> d = Derivation(title="decay", kind="kinetic", model=None,
...                results={"tau": 1 / k},
...                symbols={k: SymbolInfo("decay rate constant", "1/s")})
>>> d["tau"]
1/k
>>> d.parameters
(k,)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any

import sympy

from symflux.errors import SymfluxError, UnknownResult
from symflux.quantities import QUANTITY_KINDS, Quantity

__all__ = ["QUANTITY_KINDS", "Derivation", "Quantity", "Step", "SymbolInfo", "combine"]


@dataclass(frozen=True)
class Step:
    """One step of a derivation: what is done, the equation it gives, and why.

    >>> Step("Normalise", None, "probabilities sum to one").statement
    'Normalise'
    """

    statement: str
    equation: sympy.Basic | None = None
    reason: str = ""


@dataclass(frozen=True)
class SymbolInfo:
    """What a symbol stands for, and its unit (free text such as ``"1/s"``)."""

    description: str
    unit: str | None = None


def _free_symbols(expressions) -> set:
    """The free symbols of many expressions, visiting each shared node once.

    ``Expr.free_symbols`` is not cached and rebuilds a set at every node: 6 s on the
    expanded results of the complete 6-state graph, against well under a second
    here. Nodes that bind variables (an unevaluated ``Integral``) ask SymPy.
    """
    plain = (sympy.Add, sympy.Mul, sympy.Pow, sympy.Function)
    seen: set = set()
    out: set = set()
    stack = [e for e in expressions if isinstance(e, sympy.Basic)]
    while stack:
        e = stack.pop()
        if e.is_Symbol:
            out.add(e)
        elif e.args and e not in seen:
            seen.add(e)
            if isinstance(e, plain):
                # a tree term is a product of rate symbols: take them here, not via the stack
                for a in e.args:
                    if a.is_Symbol:
                        out.add(a)
                    elif a.args:
                        stack.append(a)
            else:
                out |= e.free_symbols
    return out


def _frozen(mapping: Mapping | None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, repr=False)
class Derivation:
    """Results of one analysis, with the steps, symbols and assumptions behind them.

    Parameters
    ----------
    title : str
        What was derived, in words.
    kind : str
        The kind of model: ``"kinetic"``, ``"reactions"``, ``"transport"`` or ``"path"``.
    model : object
        The model the results were derived from (a networkx graph), untouched.
    results : mapping of str to sympy.Expr
        The closed forms, in the form a textbook prints.
    steps : tuple of Step
        The derivation, in order.
    symbols : mapping of sympy.Symbol to SymbolInfo
        Descriptions and units of the symbols.
    assumptions : tuple of str
        What the results assume (e.g. "all rate constants positive").
    quantities : mapping of str to Quantity
        What each result means, for independent numerical validation.
    compact : mapping of str to sympy.Expr
        Equivalent forms that are cheaper and numerically stabler to evaluate;
        kernels use these where present.
    constraints : mapping of sympy.Symbol to sympy.Expr
        Relations the results assume among the parameters, solved for some of them
        (an equilibrium distribution holds only where the Wegscheider conditions
        do); validation samples the other parameters and computes these.
    """

    title: str
    kind: str
    model: Any
    results: Mapping[str, sympy.Expr] = field(default_factory=dict)
    steps: tuple[Step, ...] = ()
    symbols: Mapping[sympy.Symbol, SymbolInfo] = field(default_factory=dict)
    assumptions: tuple[str, ...] = ()
    quantities: Mapping[str, Quantity] = field(default_factory=dict)
    compact: Mapping[str, sympy.Expr] = field(default_factory=dict)
    constraints: Mapping[sympy.Symbol, sympy.Expr] = field(default_factory=dict)

    def __post_init__(self):
        # Frozen means frozen: callers' dicts are copied into read-only views.
        for name in ("results", "symbols", "quantities", "compact", "constraints"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "assumptions", tuple(self.assumptions))
        for name, q in self.quantities.items():
            if not isinstance(q, Quantity) or q.kind not in QUANTITY_KINDS:
                raise SymfluxError(
                    f"result {name!r}: {q!r} is not a Quantity of a known kind; known kinds: "
                    + ", ".join(sorted(QUANTITY_KINDS)))
        unknown = (set(self.quantities) | set(self.compact)) - set(self.results)
        if unknown:
            raise SymfluxError(
                f"quantities/compact name results that do not exist: {sorted(unknown)}; "
                f"results are {sorted(self.results)}"
            )

    def __getitem__(self, name: str) -> sympy.Expr:
        try:
            return self.results[name]
        except KeyError:
            raise UnknownResult(
                f"no result {name!r} in derivation {self.title!r}; "
                f"available: {', '.join(self.results)}"
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self.results

    def __iter__(self):
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    @cached_property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols of all results, sorted by name (computed once per record)."""
        return tuple(sorted(_free_symbols(self.results.values()), key=lambda s: s.name))

    @property
    def independent_parameters(self) -> tuple[sympy.Symbol, ...]:
        """The parameters that can be chosen freely: all but the constrained ones."""
        free: set[sympy.Symbol] = set(self.parameters)
        for expr in self.constraints.values():
            free |= expr.free_symbols
        return tuple(sorted(free - set(self.constraints), key=lambda s: s.name))

    def evaluation_form(self, name: str) -> sympy.Expr:
        """The form of result ``name`` that kernels evaluate (compact if there is one)."""
        return self.compact.get(name, self[name])

    def kernel(self, name: str, *, backend: str = "numpy"):
        """A function evaluating result ``name`` (``backend`` ``"numpy"`` or ``"numba"``);
        see :func:`symflux.kernels.kernel`."""
        from symflux.kernels import kernel

        return kernel(self, name, backend=backend)

    def kernels(self, names: Iterable[str] | None = None):
        """One compiled function for several results; see :func:`symflux.kernels.kernels`."""
        from symflux.kernels import kernels

        return kernels(self, names)

    def validate(self, **options):
        """Compare every result with an independent numerical solution of the model.

        See :func:`symflux.validate.validate` for the options.
        """
        from symflux.validate import validate

        return validate(self, **options)

    def check(self, name: str, answer, **options):
        """Check a typed answer (LaTeX or text) against result ``name``: a CheckResult.

        See :func:`symflux.checking.check.check` for the options.
        """
        from symflux.checking.check import check

        return check(self, name, answer, **options)

    # -- reports (symflux.report) ---------------------------------------------------

    def _report_settings(self, validation, validate: bool, settings: dict) -> dict:
        if validation is None and validate:
            validation = self.validate()
        if validation is not None:
            settings["validation"] = validation
        return settings

    def to_latex(self, standalone: bool = False, validation=None, validate: bool = False,
                 **settings) -> str:
        """LaTeX of this derivation: results, steps, symbols, assumptions, validation.

        ``standalone=True`` gives a complete document that compiles with pdflatex
        (amsmath only). The validation summary comes from ``validation`` (a
        ValidationReport), or from running :meth:`validate` when ``validate=True``.
        See :class:`symflux.report.LatexPrinter` for the other settings.
        """
        from symflux.report import to_latex

        settings["standalone"] = standalone
        return to_latex(self, **self._report_settings(validation, validate, settings))

    def to_mathml(self, **settings) -> str:
        """Presentation MathML of the results; see :class:`symflux.report.MathMLPrinter`."""
        from symflux.report import to_mathml

        return to_mathml(self, **settings)

    def to_html(self, validation=None, validate: bool = False, **settings) -> str:
        """A self-contained HTML page (MathML, SVG, no script); see ``HtmlPrinter``."""
        from symflux.numerics.linear import drawing_fluxes  # report/ never solves
        from symflux.report import to_html

        settings = self._report_settings(validation, validate, settings)
        if self.kind == "kinetic" and "validation" in settings and "fluxes" not in settings:
            settings["fluxes"] = drawing_fluxes(self.model, settings["validation"].first_point)
        return to_html(self, **settings)

    def to_markdown(self, validation=None, validate: bool = False, **settings) -> str:
        """Markdown with ``$…$`` math; see :class:`symflux.report.MarkdownPrinter`."""
        from symflux.report import to_markdown

        return to_markdown(self, **self._report_settings(validation, validate, settings))

    def __repr__(self) -> str:
        """One line: title, kind and result names (the record itself is larger).

        >>> Derivation("decay", "kinetic", None, results={"tau": sympy.Integer(1)})
        <Derivation 'decay' kinetic: tau (1 result)>
        """
        from symflux.report.records import derivation_repr

        return derivation_repr(self)

    def _repr_latex_(self) -> str:
        from symflux.report import latex_display

        return latex_display(self)

    def _repr_html_(self) -> str:
        from symflux.report import HtmlPrinter

        return HtmlPrinter({"full_page": False}).doprint(self)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        from symflux.report import mimebundle

        bundle = mimebundle(self)
        if include:
            bundle = {k: v for k, v in bundle.items() if k in include}
        return {k: v for k, v in bundle.items() if k not in (exclude or ())}

    def select(self, names: Mapping[str, str] | Iterable[str], title: str | None = None):
        """A Derivation with only some results, optionally renamed (``{new: old}``)."""
        mapping = dict(names) if isinstance(names, Mapping) else {n: n for n in names}
        for old in mapping.values():
            self[old]  # raises a KeyError naming what exists
        return replace(
            self,
            title=title or self.title,
            results={new: self.results[old] for new, old in mapping.items()},
            quantities={
                new: self.quantities[old] for new, old in mapping.items() if old in self.quantities
            },
            compact={new: self.compact[old] for new, old in mapping.items() if old in self.compact},
        )


def combine(title: str, *derivations: Derivation) -> Derivation:
    """Join derivations of the same model into one; result names must not clash.

    Parameters
    ----------
    title : str
        The title of the joined record.
    *derivations : Derivation
        At least one, all derived from the same model object (``model is``).

    Returns
    -------
    Derivation
        Every result of every derivation under its own name (``p_<state>``,
        ``J_<u><v>``, ``sigma``...), with their quantities, compact forms, constraints
        and symbols (a later derivation's entry wins), the steps and assumptions in
        order without repeats, and the ``kind`` and ``model`` of the first.

    Raises
    ------
    SymfluxError
        No derivation given, an argument that is not a Derivation, one derived from
        another model, or a name whose results differ between derivations.

    Notes
    -----
    Results of the same name are compared structurally (``!=``): two forms of one
    value, written differently, clash. Dropping repeated steps compares each with
    those kept, so the cost is quadratic in the number of steps; nothing is recomputed.

    Examples
    --------
    >>> a = Derivation("a", "kinetic", None, results={"x": sympy.Integer(1)})
    >>> b = Derivation("b", "kinetic", None, results={"y": sympy.Integer(2)})
    >>> sorted(combine("both", a, b).results)
    ['x', 'y']
    >>> import symflux as sf
    >>> G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> d = combine("cycle", sf.steady_state(G), sf.entropy_production(G))
    >>> "p_1" in d, "sigma" in d, d.model is G
    (True, True, True)
    """
    if not derivations:
        raise SymfluxError("combine() needs at least one Derivation")
    for d in derivations:
        if not isinstance(d, Derivation):
            raise SymfluxError(f"combine() joins Derivations (the results of analyses such "
                               f"as sf.steady_state), not a {type(d).__name__}")
    first = derivations[0]
    results: dict = {}
    quantities: dict = {}
    compact: dict = {}
    constraints: dict = {}
    symbols: dict = {}
    steps: list[Step] = []
    assumptions: list[str] = []
    for d in derivations:
        if d.model is not first.model:
            raise SymfluxError(f"cannot combine {d.title!r}: it was derived from another model")
        clash = set(results) & set(d.results)
        clash = {n for n in clash if results[n] != d.results[n]}
        if clash:
            raise SymfluxError(f"results {sorted(clash)} differ between the derivations combined")
        results.update(d.results)
        quantities.update(d.quantities)
        compact.update(d.compact)
        constraints.update(d.constraints)
        symbols.update(d.symbols)
        steps.extend(s for s in d.steps if s not in steps)
        assumptions.extend(a for a in d.assumptions if a not in assumptions)
    return Derivation(
        title=title,
        kind=first.kind,
        model=first.model,
        results=results,
        steps=tuple(steps),
        symbols=symbols,
        assumptions=tuple(assumptions),
        quantities=quantities,
        compact=compact,
        constraints=constraints,
    )
