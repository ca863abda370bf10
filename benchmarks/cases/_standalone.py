"""Run a case module on its own: ours in this process, peers in the peer venv, one table.

``python benchmarks/cases/kernels.py`` calls :func:`main` with its module. Each function
is run in a fresh process (as ``benchmarks/run.py`` does), peers under the peer
interpreter; results go to ``benchmarks/results/<module>.json`` and ``.md`` with the
rows of ``benchmarks/run.py`` plus each function's own ``extra`` metrics.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
PEERS = os.environ.get("SYMFLUX_PEERS", str(ROOT / ".peers" / "bin" / "python"))
OURS = os.environ.get("SYMFLUX_PYTHON", sys.executable)


def _run(python: str, module: str, func: str, timeout: float) -> dict:
    code = ("import json, time, resource, importlib\n"
            f"m = importlib.import_module('benchmarks.cases.{module}')\n"
            f"t = time.perf_counter(); r = m.{func}() or {{}}; s = time.perf_counter() - t\n"
            "r.update(seconds=s, maxrss_mb=resource.getrusage(resource.RUSAGE_SELF)"
            ".ru_maxrss / 1024)\n"
            "print('@@' + json.dumps(r, default=str))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        out = subprocess.run([python, "-c", code], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": None, "timeout": timeout}
    for line in reversed(out.stdout.splitlines()):
        if line.startswith("@@"):
            return {"status": "ok", **json.loads(line[2:])}
    lines = [s for s in out.stderr.splitlines() if s.strip()]
    return {"status": "error", "seconds": None, "error": lines[-1] if lines else "no output"}


def main(module: str, cases: list[dict], columns: list[tuple[str, str]]) -> list[dict]:
    """Run every case; ``columns`` are (header, key of ``extra``) pairs for the table."""
    rows, cache = [], {}
    for case in cases:
        timeout = case.get("timeout", 120)
        for side, python in (("ours", OURS), ("peer", PEERS)):
            func = case.get(side)
            if func and (python, func) not in cache:
                usable = side == "ours" or Path(python).exists()
                cache[python, func] = (_run(python, module, func, timeout) if usable else
                                       {"status": "error", "error": f"no peer venv {python}"})
        row = {"name": case["name"], "group": case["group"],
               "ours": cache[OURS, case["ours"]]}
        if case.get("peer"):
            row["peer"] = cache[PEERS, case["peer"]]
        rows.append(row)
        print(_line(row, columns), flush=True)
    meta = {"machine": platform.machine(), "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M"), "peers": PEERS,
            "load_average_1min": os.getloadavg()[0]}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{module}.json").write_text(json.dumps({"meta": meta, "rows": rows},
                                                       indent=2, default=str) + "\n")
    head = "| case | " + " | ".join(h for h, _ in columns) + " |"
    lines = [f"# Benchmarks: {module}", "",
             f"{meta['machine']}, Python {meta['python']}, {meta['date']}, load average "
             f"{meta['load_average_1min']:.1f} at the end (a shared 2-core machine: ratios "
             "within one run are the point). Each function in a fresh process.", "",
             head, "|---" * (len(columns) + 1) + "|"]
    lines += [_line(r, columns) for r in rows]
    lines += ["", "## All metrics", ""]
    for r in rows:
        for side in ("ours", "peer"):
            if r.get(side) and r[side]["status"] == "ok":
                extra = ", ".join(f"{k} = {v:.4g}" if isinstance(v, float) else f"{k} = {v}"
                                  for k, v in r[side].get("extra", {}).items())
                lines.append(f"- {r['name']} ({side}, {r[side]['seconds']:.3g} s in all): "
                             f"{extra}")
    (RESULTS / f"{module}.md").write_text("\n".join(lines) + "\n")
    print("wrote", RESULTS / f"{module}.json", "and", RESULTS / f"{module}.md")
    return rows


def _value(result: dict | None, key: str) -> str:
    if result is None:
        return "—"
    if result["status"] != "ok":
        return result["status"] + (": " + result.get("error", "")[:50] if "error" in result
                                   else "")
    name = key.partition(":")[2]
    v = result.get("extra", {}).get(name)
    return "—" if v is None else (f"{v:.3g}" if isinstance(v, float) else str(v))


def _line(row: dict, columns) -> str:
    cells = []
    for _, key in columns:
        side, _, name = key.partition(":")
        if side in ("ratio", "ratio_inv"):  # peer's metric over ours, or ours over peer's
            o, p = row["ours"], row.get("peer")
            ok = o["status"] == "ok" and p and p["status"] == "ok"
            a, b = (o.get("extra", {}).get(name), p.get("extra", {}).get(name)) if ok else (
                None, None)
            x = None if not (a and b) else (b / a if side == "ratio" else a / b)
            cells.append("—" if x is None else f"{x:.3g}")
        else:
            cells.append(_value(row.get(side), key))
    return f"| {row['name']} | " + " | ".join(cells) + " |"
