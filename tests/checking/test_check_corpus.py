"""The answer-checking corpus: every (problem, answer) gets the expected verdict code."""

import tomllib
from functools import cache
from pathlib import Path

import pytest

from symflux.checking.check import CODES, check
from symflux.derivation import Derivation, SymbolInfo
from symflux.parsing import parse_latex, symbol
from symflux.problems import derive_problem, load_problem

HERE = Path(__file__).resolve().parent
BANK = HERE.parent.parent / "derivations"
CORPUS = tomllib.loads((HERE / "corpus.toml").read_text(encoding="utf-8"))


@cache
def problem(key: str):
    """The Derivation and declared symbols of a corpus problem."""
    spec = CORPUS["problems"][key]
    if "file" in spec:
        p = load_problem(BANK / spec["file"])
        return derive_problem(p), p.declared()
    symbols = {symbol(n): SymbolInfo(n, u) for n, u in spec["units"].items()}
    declared = {s.name: s for s in symbols}
    results = {n: parse_latex(t, symbols=declared) for n, t in spec["results"].items()}
    return Derivation(key, "inline", None, results=results, symbols=symbols), declared


CASES = CORPUS["cases"]


def test_the_corpus_is_large_and_covers_every_diagnosis():
    assert len(CASES) >= 150
    codes = {c["v"] for c in CASES}
    assert codes <= set(CODES)
    assert codes >= {"equal", "sign", "factor", "power", "swapped", "dropped_term", "dimension",
                     "missing_dependence", "extra_dependence", "unknown_symbol", "parse_error",
                     "reciprocal", "not_equal"}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['p']}-{c['n']}-{i}" for i, c in
                                             enumerate(CASES)])
def test_corpus_verdict(case):
    d, declared = problem(case["p"])
    r = check(d, case["n"], case["a"], symbols=declared, prove=False)
    assert r.code == case["v"], (case["a"], r.code, r.message)
    assert r.equal == (case["v"] == "equal")
    assert r.message
    if r.code not in ("equal", "unknown_symbol", "parse_error"):
        # Every "not equal" comes with a point where the two differ.
        ex = r.counterexample
        assert ex is not None and ex["expected"] != ex["answer"]
