"""Draw docs/figures/sigma_convergence.svg: entropy-production estimates against T.

One trajectory of the 3-state cycle (rates of docs/fluctuations.md) is observed for
longer and longer times T; at each T the plug-in and KLD (Δt = 0.05) estimates are
plotted with ±2 standard errors, against the closed-form σ and the exact KLD rate
of the Δt-sampled chain. Plain SVG written here, so no plotting library is needed.

Run from the repository root: ``python docs/figures/sigma_convergence.py``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import scipy.linalg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import symflux as sf
from symflux.numerics import generator_matrix, stationary_distribution

RATES = {"k_12": 2.0, "k_21": 1.0, "k_23": 3.0, "k_32": 1.0, "k_31": 4.0, "k_13": 0.5}
DT = 0.05
W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 400, 70, 20, 30, 60


def closed_form_sigma(G) -> float:
    d = sf.entropy_production(G)
    k = d.kernel("sigma")
    by_name = {sf.symbol(n).name: v for n, v in RATES.items()}
    return float(k({p: by_name[p] for p in k.parameters}))


def exact_kld_rate(G) -> float:
    Q, states = generator_matrix(G, RATES)
    p = stationary_distribution(G, RATES)
    flow = np.array([p[s] for s in states])[:, None] * scipy.linalg.expm(Q * DT)
    return 0.5 * float(np.sum((flow - flow.T) * np.log(flow / flow.T))) / DT


def series():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    tr = sf.simulate(G, RATES, t_max=1e4, seed=2024)
    Ts = np.logspace(1, 4, 13)
    rows = []
    for T in Ts:
        part = tr.window(0.0, float(T))
        plug = sf.estimate_entropy_production(part)
        kld = sf.estimate_entropy_production(part, "kld", dt=DT)
        rows.append((float(T), plug.value, plug.stderr, kld.value, kld.stderr))
    return closed_form_sigma(G), exact_kld_rate(G), rows


def svg(sigma, kld_exact, rows) -> str:
    tmin, tmax = 10 ** 0.8, 10 ** 4.2
    ymax = 5.0

    def x(t):
        return LEFT + (math.log10(t) - math.log10(tmin)) / (
            math.log10(tmax) - math.log10(tmin)) * (W - LEFT - RIGHT)

    def y(v):
        v = min(max(v, 0.0), ymax)
        return H - BOTTOM - v / ymax * (H - TOP - BOTTOM)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<line x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}" '
           'stroke="black"/>',
           f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}" stroke="black"/>']
    for e in range(1, 5):
        out.append(f'<line x1="{x(10**e):.1f}" y1="{H - BOTTOM}" x2="{x(10**e):.1f}" '
                   f'y2="{H - BOTTOM + 5}" stroke="black"/>')
        out.append(f'<text x="{x(10**e):.1f}" y="{H - BOTTOM + 18}" '
                   f'text-anchor="middle">10^{e}</text>')
    for v in range(0, int(ymax) + 1):
        out.append(f'<line x1="{LEFT - 5}" y1="{y(v):.1f}" x2="{LEFT}" y2="{y(v):.1f}" '
                   'stroke="black"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>')
    out.append(f'<text x="{(W + LEFT) / 2}" y="{H - 20}" text-anchor="middle">'
               'observation time T</text>')
    out.append(f'<text x="18" y="{(H - BOTTOM + TOP) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 18 {(H - BOTTOM + TOP) / 2})">'
               'entropy production rate (k_B per unit time)</text>')
    for level, colour, label in [(sigma, "black", f"σ closed form = {sigma:.3f}"),
                                 (kld_exact, "#d95f02", f"exact d(Δt)/Δt = {kld_exact:.3f}")]:
        out.append(f'<line x1="{LEFT}" y1="{y(level):.1f}" x2="{W - RIGHT}" '
                   f'y2="{y(level):.1f}" stroke="{colour}" stroke-dasharray="6 4"/>')
        out.append(f'<text x="{W - RIGHT - 4}" y="{y(level) - 6:.1f}" text-anchor="end" '
                   f'fill="{colour}">{label}</text>')
    for offset, col, (colour, label) in [(-3, (1, 2), ("#1b9e77", "plug-in σ̂")),
                                         (3, (3, 4), ("#d95f02", "KLD, Δt = 0.05"))]:
        pts = []
        for row in rows:
            t, v, se = row[0], row[col[0]], row[col[1]]
            cx = x(t) + offset
            if math.isfinite(se):
                out.append(f'<line x1="{cx:.1f}" y1="{y(v - 2 * se):.1f}" x2="{cx:.1f}" '
                           f'y2="{y(v + 2 * se):.1f}" stroke="{colour}"/>')
            # an open circle: no finite error bar (a transition seen in one batch only)
            fill = colour if math.isfinite(se) else "white"
            out.append(f'<circle cx="{cx:.1f}" cy="{y(v):.1f}" r="3" fill="{fill}" '
                       f'stroke="{colour}"/>')
            pts.append(f"{cx:.1f},{y(v):.1f}")
        out.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" '
                   'stroke-width="1"/>')
        legend_y = TOP + (10 if offset < 0 else 28)
        out.append(f'<circle cx="{LEFT + 20}" cy="{legend_y - 4}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{LEFT + 30}" y="{legend_y}" fill="{colour}">{label} '
                   '(±2 s.e.)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    sigma, kld_exact, rows = series()
    path = Path(__file__).resolve().parent / "sigma_convergence.svg"
    path.write_text(svg(sigma, kld_exact, rows))
    for row in rows:
        print("T = {:8.1f}  plug-in {:.3f} ± {:.3f}   KLD {:.3f} ± {:.3f}".format(*row))
    print("wrote", path)


if __name__ == "__main__":
    main()
