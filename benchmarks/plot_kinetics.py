"""Scaling curves of the kinetic closed forms from benchmarks/results/kinetics.json.

    python benchmarks/plot_kinetics.py     # writes docs/img/kinetics-scaling.png
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[1]


def series(rows, prefix, who):
    points = []
    for r in rows:
        m = re.fullmatch(prefix + r"-(\d+)", r["name"])
        run = r.get(who)
        if m and run and run["status"] == "ok":
            points.append((int(m.group(1)), run["seconds"]))
    return sorted(points)


def main():
    rows = json.loads((ROOT / "benchmarks/results/kinetics.json").read_text())["rows"]
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    for ax, prefix, title in ((axes[0], "complete", "complete graphs"),
                              (axes[1], "ring", "rings")):
        for who, style in (("ours", "o-"), ("peer", "s--")):
            pts = series(rows, prefix, who)
            if pts:
                ax.plot(*zip(*pts, strict=True), style,
                        label="symflux" if who == "ours" else "kda 0.3.0")
        ax.set_yscale("log")
        ax.set_xlabel("states")
        ax.set_ylabel("seconds (one process per case)")
        ax.set_title(f"steady state, {title}")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    out = ROOT / "docs/img/kinetics-scaling.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    print(out)


if __name__ == "__main__":
    main()
