"""The HTML page: self-contained, every part present, drawings from the model."""

import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import sympy

import symflux as sf
from symflux.derivation import Derivation, SymbolInfo
from symflux.numerics.linear import channel_fluxes
from symflux.report import HtmlPrinter, mimebundle
from symflux.report.svg import network_svg


def _self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    # no address but the XML namespaces: nothing is fetched
    addresses = set(re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page))
    assert all(not a.startswith(("http:", "https:", "//")) for a in addresses)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/1998/Math/MathML", "http://www.w3.org/2000/svg"}


def test_three_state_page(three_state):
    page = three_state.derivation.to_html(
        validation=three_state.validation, expected=three_state.comparisons)
    _self_contained(page)
    for heading in ("Results", "Expected answers", "Model", "Derivation", "Symbols",
                    "Assumptions", "Validation"):
        assert f"<h2>{heading}</h2>" in page
    assert page.count("<math ") >= 7 + 14
    assert "rate constant of the transition 1 → 2</td><td>1/s" in page
    assert page.count('<span class="failed">') == 0
    # every SVG is well-formed XML
    for svg in re.findall(r"<svg.*?</svg>", page, re.S):
        ET.fromstring(svg)


def test_failures_are_shown(three_state):
    from dataclasses import replace

    v = three_state.validation
    first = v.checks[0]
    bad = replace(v, checks=(replace(first, max_rel_error=1.0), *v.checks[1:]),
                  verdicts=tuple(replace(x, verdict="failed") if x.name == first.name else x
                                 for x in v.verdicts))
    page = three_state.derivation.to_html(validation=bad)
    assert page.count('<span class="failed">FAILED</span>') == 1  # the check
    assert page.count('<span class="failed">failed</span>') == 2  # its badge and the status


def test_flux_widths_follow_the_numerical_fluxes():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    values = {"k_12": 5.0, "k_23": 5.0, "k_31": 5.0, "k_21": 1.0, "k_32": 1.0, "k_13": 1.0}
    J = channel_fluxes(G, values)
    # a single cycle driven forward: the same positive flux 1 → 2 → 3 → 1 on every edge
    around = [J[("1", "2", 0)], J[("2", "3", 0)], -J[("1", "3", 0)]]
    assert all(j == pytest.approx(around[0]) for j in around) and around[0] > 0
    p = 1 / 3  # uniform by symmetry
    assert around[0] == pytest.approx(p * (5 - 1))
    svg = network_svg(G, J)
    widths = re.findall(r'<g class="flux".*?stroke-width="([\d.]+)"', svg)
    assert widths == ["10.00"] * 3
    assert svg.count("J=1.3") == 3


def test_parallel_channels_are_drawn_apart():
    G = nx.MultiDiGraph()
    k1, k2, k3, k4 = sympy.symbols("k_1 k_2 k_3 k_4", positive=True)
    G.add_edge("E", "ES", key="S", rate=k1)
    G.add_edge("ES", "E", key="S", rate=k2)
    G.add_edge("E", "ES", key="P", rate=k3)
    G.add_edge("ES", "E", key="P", rate=k4)
    J = channel_fluxes(G, {"k_1": 3.0, "k_2": 1.0, "k_3": 1.0, "k_4": 3.0})
    svg = network_svg(G, J)
    ys = {round(float(y), 1) for y in re.findall(r'<line x1="[\d.]+" y1="([\d.]+)"', svg)}
    assert len(ys) >= 4  # two channels, two directions each, none on top of another
    # a cycle through the two channels: equal and opposite net fluxes
    assert J[("E", "ES", "S")] == pytest.approx(-J[("E", "ES", "P")]) != 0


def test_other_graphs_are_drawn_with_their_labels():
    T = nx.MultiGraph()
    T.add_edge("in", "out", resistance=sympy.Symbol("R_1"))
    T.add_edge("out", "ground", resistance=sympy.Symbol("R_2"))
    d = Derivation("two resistors", "transport", T,
                   results={"R": sympy.Symbol("R_1") + sympy.Symbol("R_2")})
    page = d.to_html()
    assert page.count("<ellipse") == 3
    assert ">R<tspan" in page and ">1</tspan>" in page and ">2</tspan>" in page


def test_a_path_profile_is_plotted():
    x, L, c1, c2 = sympy.symbols("x L c_1 c_2", positive=True)
    d = Derivation("linear profile", "path", None,
                   results={"c": c1 + (c2 - c1) * x / L},
                   symbols={x: SymbolInfo("position", "m")})
    page = d.to_html(values={"c_1": 2.0, "c_2": 1.0, "L": 3.0})
    (svg,) = re.findall(r"<svg.*?</svg>", page, re.S)
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    first, last = (tuple(map(float, p.split(","))) for p in (points[0], points[-1]))
    assert first[1] < last[1]  # c falls from 2 to 1: the curve goes down the picture
    assert ">3</text>" in svg and ">2</text>" in svg and ">1</text>" in svg


def test_mimebundle_and_reprs(three_state):
    d = three_state.derivation
    bundle = d._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/latex", "text/html"}
    assert bundle["text/latex"].startswith("$$") and r"\Sigma" in bundle["text/latex"]
    assert bundle["text/html"].startswith('<div class="symflux-report">')
    assert "<html" not in bundle["text/html"]
    assert d._repr_latex_() == bundle["text/latex"]
    assert d._repr_html_() == bundle["text/html"]
    assert set(d._repr_mimebundle_(include={"text/latex"})) == {"text/latex"}
    assert mimebundle(d)["text/plain"].startswith("<Derivation 'Three-state cycle")


def test_printing_installs_nothing_globally():
    before = sympy.latex(sympy.Symbol("k_{12}") ** 2), str(sympy.Symbol("x") * 2)
    HtmlPrinter().doprint(sf.steady_state(sf.kinetic_graph(["1 <-> 2"])))
    after = sympy.latex(sympy.Symbol("k_{12}") ** 2), str(sympy.Symbol("x") * 2)
    assert before == after == ("k_{12}^{2}", "2*x")


def test_report_package_imports_no_analysis_and_no_numerics():
    # report/ renders what it is handed: nothing in it may solve, sample or analyse
    import ast
    import pathlib

    forbidden = ("symflux.numerics", "symflux.validation", "symflux.validate",
                 "symflux.kinetics", "symflux.reactions", "symflux.transport",
                 "symflux.dispatch", "symflux.problems")
    folder = pathlib.Path(sf.__file__).parent / "report"
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not [n for n in names if n.startswith(forbidden)], (path.name, names)


def test_page_draws_the_fluxes_it_is_handed_and_solves_nothing():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    d = sf.steady_state(G)
    report = d.validate(points=2)
    with_fluxes = d.to_html(validation=report)   # Derivation solves the point upstream
    assert 'class="flux"' in with_fluxes
    bare = sf.report.HtmlPrinter({"validation": report}).doprint(d)   # no fluxes handed
    assert 'class="flux"' not in bare and "<ellipse" in bare
