"""Start-up: ``import symflux``, ``symflux --help`` and ``--version`` in fresh processes.

Each case runs its command REPEAT times, each in a new interpreter, and reports the median
wall time as its time. The import case measures ``import sympy`` alone the same way, in the
same run and interpreter, and records the ratio (the target is at most 1.3×).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

REPEAT = 9


def _median_seconds(code: str) -> float:
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def import_symflux():
    ours = _median_seconds("import symflux")
    sympy_alone = _median_seconds("import sympy")
    bare = _median_seconds("pass")
    return {"seconds": ours, "extra": {
        "import_sympy_s": round(sympy_alone, 4), "python_alone_s": round(bare, 4),
        "symflux_over_sympy": round(ours / sympy_alone, 3)}}


def first_steady_state():
    code = ("import symflux as sf; "
            "sf.steady_state(sf.kinetic_graph(['1 <-> 2', '2 <-> 3', '3 <-> 1']))")
    return {"seconds": _median_seconds(code)}


def _cli(*argv: str) -> float:
    return _median_seconds(f"import sys; from symflux.cli import main; sys.argv[0] = 'symflux'\n"
                           f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass")


def help_text():
    return {"seconds": _cli("--help")}


def version():
    return {"seconds": _cli("--version")}


CASES = [
    {"name": "import symflux (median of 9 fresh processes)", "group": "startup",
     "ours": "import_symflux", "timeout": 120},
    {"name": "import symflux and derive a 3-state cycle", "group": "startup",
     "ours": "first_steady_state", "timeout": 120},
    {"name": "symflux --help", "group": "startup", "ours": "help_text", "timeout": 60},
    {"name": "symflux --version", "group": "startup", "ours": "version", "timeout": 60},
]
