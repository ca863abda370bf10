"""The benchmark runner: every case in its own process, with a timeout, peers side by side.

Case modules live in ``benchmarks/cases/<topic>.py``. Each defines ``CASES``, a list of
dicts with the keys

``name`` (str)
    unique within the module; shown in the table.
``group`` (str)
    what ``--group`` selects (e.g. ``"kinetics"``, ``"reactions"``).
``ours`` (str)
    name of a zero-argument function in the module, run under this interpreter. It
    returns a dict of metrics, all optional: ``terms`` (output terms, for µs/term),
    ``points`` (evaluated points, for points/s) and ``extra`` (a JSON-able dict).
``peer`` (str, optional)
    the same for the peer tool; run under the peer interpreter (``--peers``).
``timeout`` (float, optional)
    seconds per process, default 120.

A module may also define ``PRELOAD``, names of modules the child imports before it
starts the clock (those that fail to import under an interpreter are skipped), so that
a function's own ``import symflux`` or ``import kda`` costs nothing.

A case module must import only the standard library, numpy, sympy and networkx at
the top (the peer venv has no symflux); symflux and the peers are imported inside
the functions. Each function runs as ``python benchmarks/run.py --child MODULE:FUNC``
in a fresh process with ``PYTHONPATH`` set to the repository root. The child times the
function alone (``time.perf_counter`` around the call, imports excluded) and reports,
on its last line of output, the metrics, the seconds and its peak resident memory
(``ru_maxrss``), which includes the interpreter and the imports.

Usage (from the repository root)::

    python benchmarks/run.py                      # every case, peers if the venv exists
    python benchmarks/run.py --group kinetics --case complete
    python benchmarks/run.py --peers .peers/bin/python

Writes ``benchmarks/results/<module>.json`` and ``<module>.md`` for every module it ran;
rows of cases that were not selected are kept from the previous run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "benchmarks" / "cases"
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_PEERS = (str(ROOT / ".peers" / "bin" / "python"),)
MARK = "@@benchmark-result@@ "


def child(spec: str) -> None:
    """Run ``MODULE:FUNC`` once and print its metrics as JSON on the last line."""
    module_name, func_name = spec.split(":")
    module = importlib.import_module(module_name)
    fn = getattr(module, func_name)
    for name in getattr(module, "PRELOAD", ()):   # imports are not part of the time
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    t0 = time.perf_counter()
    metrics = fn() or {}
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    out = {"seconds": seconds, "maxrss_mb": rss / 1024, **metrics}
    sys.stdout.flush()
    print(MARK + json.dumps(out, default=str), flush=True)


def run_child(python: str, spec: str, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [python, str(Path(__file__).resolve()), "--child", spec]
    # A new session, so that a timeout ends the child and anything it started.
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"status": "timeout", "seconds": None, "timeout": timeout}
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARK):
            return {"status": "ok", **json.loads(line[len(MARK):])}
    lines = [s for s in stderr.strip().splitlines() if s.strip()]
    return {"status": "error", "seconds": None,
            "error": lines[-1] if lines else f"exit code {proc.returncode}"}


def discover(only: list[str] | None) -> dict[str, list[dict]]:
    sys.path.insert(0, str(ROOT))
    found = {}
    for path in sorted(CASES_DIR.glob("*.py")):
        if path.stem.startswith("_") or (only and path.stem not in only):
            continue
        module = importlib.import_module(f"benchmarks.cases.{path.stem}")
        found[path.stem] = list(module.CASES)
    return found


def _fmt(x, spec: str) -> str:
    return "—" if x is None else format(x, spec)


def _time(r: dict | None) -> str:
    if r is None:
        return "—"
    if r["status"] == "timeout":
        return f"> {r['timeout']:g} s (timeout)"
    if r["status"] == "error":
        return "error: " + r["error"][:60].replace("|", "/")
    return f"{r['seconds']:.3g} s"


def markdown(module: str, rows: list[dict], meta: dict) -> str:
    lines = [f"# Benchmarks: {module}", "",
             f"One process per case; peer: `{meta.get('peers') or 'none'}`; "
             f"{meta['machine']}, Python {meta['python']}, {meta['date']}. "
             "Peak memory is the child's ru_maxrss (interpreter and imports included).", "",
             "| case | group | peer time | our time | peer / ours | terms | µs/term | "
             "peak MB (ours) | peak MB (peer) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        ours, peer = row["ours"], row.get("peer")
        ratio = None
        if ours["status"] == "ok" and peer and peer["status"] == "ok":
            ratio = f"{peer['seconds'] / max(ours['seconds'], 1e-9):.3g}×"
        elif ours["status"] == "ok" and peer and peer["status"] == "timeout":
            ratio = f"> {peer['timeout'] / max(ours['seconds'], 1e-9):.3g}×"
        terms = ours.get("terms")
        per_term = (ours["seconds"] * 1e6 / terms
                    if terms and ours["status"] == "ok" else None)
        lines.append(
            f"| {row['name']} | {row['group']} | {_time(peer)} | {_time(ours)} | "
            f"{ratio or '—'} | {_fmt(terms, ',')} | {_fmt(per_term, '.3g')} | "
            f"{_fmt(ours.get('maxrss_mb'), '.0f')} | "
            f"{_fmt(peer.get('maxrss_mb') if peer else None, '.0f')} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Run benchmarks/cases/*, one process each.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--group", action="append", help="run only this group (repeatable)")
    parser.add_argument("--case", help="run only cases whose name contains this")
    parser.add_argument("--module", action="append", help="only benchmarks/cases/MODULE.py")
    parser.add_argument("--peers", help="interpreter of the peer venv (default: "
                        + " or ".join(DEFAULT_PEERS) + ", if present)")
    parser.add_argument("--no-peers", action="store_true", help="skip every peer run")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    peers = None if args.no_peers else args.peers or next(
        (p for p in DEFAULT_PEERS if Path(p).exists()), None)
    meta = {"python": platform.python_version(), "machine": platform.machine(),
            "cpus": os.cpu_count(), "peers": peers, "date": time.strftime("%Y-%m-%d %H:%M")}
    RESULTS.mkdir(exist_ok=True)
    for module, cases in discover(args.module).items():
        selected = [c for c in cases if (not args.group or c["group"] in args.group)
                    and (not args.case or args.case in c["name"])]
        if not selected:
            continue
        if args.list:
            print("\n".join(f"{module}: {c['name']} [{c['group']}]" for c in selected))
            continue
        path = RESULTS / f"{module}.json"
        old = json.loads(path.read_text())["rows"] if path.exists() else []
        rows = {r["name"]: r for r in old if "name" in r}  # rows of the old format: dropped
        for case in selected:
            timeout = float(case.get("timeout", 120))
            spec = f"benchmarks.cases.{module}"
            row = {"name": case["name"], "group": case["group"],
                   "ours": run_child(sys.executable, f"{spec}:{case['ours']}", timeout)}
            if case.get("peer") and peers:
                row["peer"] = run_child(peers, f"{spec}:{case['peer']}", timeout)
            rows[case["name"]] = row
            print(f"{module}: {row['name']}: ours {_time(row['ours'])}, "
                  f"peer {_time(row.get('peer'))}", flush=True)
        order = [c["name"] for c in cases]
        ordered = sorted(rows.values(), key=lambda r: (
            order.index(r["name"]) if r["name"] in order else len(order), r["name"]))
        path.write_text(json.dumps({"meta": meta, "rows": ordered}, indent=2) + "\n")
        (RESULTS / f"{module}.md").write_text(markdown(module, ordered, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
