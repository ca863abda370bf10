"""Class 1: code in a model or a record is never executed (the canary file never appears).

Every payload writes the canary file if Python evaluates it; the entry point must refuse
it with a SymfluxError instead.
"""

import re

import pytest

CASES = {
    "transport resistance text": """
import networkx as nx
T = nx.MultiGraph()
T.add_edge("a", "b", resistance=PAY)
T.nodes["a"]["potential"] = 1; T.nodes["b"]["potential"] = 0
run(lambda: sf.effective_resistance(T, "a", "b"))
run(lambda: sf.nodal_analysis(T))
""",
    "transport potential and source text": """
import networkx as nx
T = nx.MultiGraph()
T.add_edge("a", "b", resistance=1); T.add_edge("b", "c", resistance=2)
T.nodes["a"]["potential"] = PAY; T.nodes["c"]["source"] = PAY
run(lambda: sf.nodal_analysis(T))
""",
    "kinetic rate text": """
import networkx as nx
G = nx.MultiDiGraph(); G.add_edge(1, 2, rate=PAY); G.add_edge(2, 1, rate=1)
run(lambda: sf.steady_state(G))
""",
    "rate matrix text": """
run(lambda: sf.kinetic_graph([[0, PAY], [1, 0]]))
""",
    "reaction rate text": """
run(lambda: sf.reaction_network(["A <-> B : " + PAY + ", k"]))
""",
    "sympy Function named with code, in a kernel": """
import sympy
f = sympy.Function(PAY)
G = sf.kinetic_graph(["1 <-> 2"])
d = sf.steady_state(G)
import dataclasses
d2 = dataclasses.replace(d, compact={}, quantities={},
                         results={**d.results, "p_1": f(sympy.Symbol("k_{12}", positive=True))})
run(lambda: sf.kernel(d2, "p_1")(k_12=1.0, k_21=1.0))
""",
    "sympy Function named with code, in kernels()": """
import sympy, dataclasses
f = sympy.Function(PAY)
d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
d2 = dataclasses.replace(d, compact={}, quantities={},
                         results={**d.results, "p_1": f(sympy.Symbol("k_{12}", positive=True))})
run(lambda: d2.kernels(["p_1"])(k_12=1.0, k_21=1.0))
""",
    "symbol named with code, not a parameter, in a kernel": """
import sympy, dataclasses
s = sympy.Symbol(PAY)
d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
d2 = dataclasses.replace(d, compact={}, quantities={}, results={**d.results, "p_1": s + 1})
run(lambda: sf.kernel(d2, "p_1")(k_12=1.0, k_21=1.0))
run(lambda: d2.kernels(["p_1"])(k_12=1.0, k_21=1.0))
from symflux.kernels import MultiKernel
run(lambda: MultiKernel(["x"], [s + 1], ())({}))
""",
    "sympy Function named with code, as a rate": """
import sympy, networkx as nx
G = nx.MultiDiGraph(); G.add_edge(1, 2, rate=sympy.Function(PAY)(sympy.Integer(1)))
G.add_edge(2, 1, rate=1)
run(lambda: sf.steady_state(G))
""",
    "str result checked": """
import sympy
d = sf.Derivation("x", "kinetic", None, results={"J": PAY})
run(lambda: sf.check(d, "J", "1"))
""",
    "sympy Function named with code, as an answer": """
import sympy
d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
run(lambda: sf.check(d, "p_1", sympy.Function(PAY)(sympy.Integer(1))))
""",
    "answer text": """
d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
run(lambda: sf.check(d, "p_1", PAY))
""",
    "element geometry text": """
run(lambda: sf.element("cylinder", length=PAY, radius="R", D="D"))
""",
}


SETUP = "PAY = \"__import__('builtins').open(\" + repr(CANARY) + \", 'w').write('ran')\"\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_payload_never_runs(isolated, name):
    run = isolated(SETUP + CASES[name])
    assert not run.timed_out, name
    assert not run.canary, f"{name}: the payload ran\n{run.stdout}\n{run.stderr}"
    assert "FOREIGN" not in run.stdout, f"{name}: {run.stdout}\n{run.stderr}"
    for line in run.stdout.splitlines():  # every call refused, or a check verdict "not equal"
        assert line.startswith("RAISED") or re.match(
            r"RETURNED <CheckResult '[^']*' (wrong|not read|undecided): ", line), f"{name}: {line}"
    assert run.stdout.strip(), run.stderr
