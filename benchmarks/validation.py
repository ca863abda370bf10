"""validate() time against steady_state() time: complete graphs K4–K7, rings of 10/50/150.

Each case runs in its own process (so caches do not carry over). A 2-state scheme with
other names is derived and validated first, so that first-use imports (timed in their
own column) fall in neither timing. Then the case's steady state is derived and
validated at 20 points with the default routes, and both times and their ratio are
recorded. Writes benchmarks/results/validation.json and a Markdown table.

    PYTHONPATH=. python benchmarks/validation.py [--cases K4 K5 ring10 ...] [--timeout 300]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

CASES = ["K4", "K5", "K6", "K7", "ring10", "ring50", "ring150"]
OUT = Path(__file__).parent / "results"


def transitions(case: str) -> list[str]:
    if case.startswith("K"):
        n = int(case[1:])
        return [f"{i} <-> {j}" for i, j in combinations(range(1, n + 1), 2)]
    n = int(case[4:])
    return [f"{i} <-> {i % n + 1}" for i in range(1, n + 1)]


def _warm_up(sf) -> float:
    """Derive and validate a 2-state scheme whose names no case uses: the first call of
    each step imports its modules (SciPy's integrators and sparse solvers take 0.5-1.3 s
    on this machine), a cost paid once per process, not per derivation. It is timed and
    reported in its own column; the case's timings then measure the work alone."""
    t = time.perf_counter()
    sf.steady_state(sf.kinetic_graph(["warma <-> warmb"])).validate(points=2)
    return time.perf_counter() - t


def run_case(case: str) -> dict:
    import symflux as sf

    first_use = _warm_up(sf)
    G = sf.kinetic_graph(transitions(case))
    t = time.perf_counter()
    d = sf.steady_state(G)
    derive = time.perf_counter() - t
    t = time.perf_counter()
    report = d.validate(points=20)
    check = time.perf_counter() - t
    return {"case": case, "first_use_s": first_use, "steady_state_s": derive,
            "validate_s": check, "ratio": check / derive, "status": report.status,
            "results": len(d.results)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", nargs="*", default=CASES)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one)))
        return
    rows = []
    for case in args.cases:
        try:
            done = subprocess.run([sys.executable, __file__, "--one", case], capture_output=True,
                                  text=True, timeout=args.timeout, check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        except subprocess.TimeoutExpired:
            rows.append({"case": case, "status": f"did not finish in {args.timeout:g} s"})
        except subprocess.CalledProcessError as err:
            last = (err.stderr.strip().splitlines() or ["?"])[-1]
            rows.append({"case": case, "status": f"error: {last[:120]}"})
        print(rows[-1], flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "validation.json").write_text(json.dumps(rows, indent=2))
    lines = ["| case | first use: imports, 2-state warm-up (s) | steady_state (s) | "
             "validate, 20 points (s) | ratio | status |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        if "ratio" in r:
            lines.append(f"| {r['case']} | {r['first_use_s']:.2f} | {r['steady_state_s']:.3f} | "
                         f"{r['validate_s']:.3f} | {r['ratio']:.2f} | {r['status']} |")
        else:
            lines.append(f"| {r['case']} | — | — | — | — | {r['status']} |")
    (OUT / "validation.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
