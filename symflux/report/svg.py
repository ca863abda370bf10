"""SVG drawings for reports: the network, and a result plotted along a path.

Written out by hand (no graphviz, no plotting library, no script) so that a
report page is one self-contained file. A kinetic scheme (``nx.MultiDiGraph``
with ``rate`` on its edges) is drawn as states on a circle, one arrow each way
per transition labelled with its rate; given a parameter point, the net
steady-state flux of each transition sets the width of the arrow in its net
direction. Any other graph (a transport ``MultiGraph``, a network of complexes)
is drawn with whatever labelling attribute its edges carry.

Examples
--------
>>> import symflux as sf
>>> svg = network_svg(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
>>> svg.startswith("<svg") and svg.count("<ellipse") == 3
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from html import escape

import networkx as nx
import numpy as np
import sympy
from sympy.printing.str import StrPrinter

__all__ = ["network_svg", "path_svg", "profile_svg", "svg_label"]

_LABEL_ATTRIBUTES = ("rate", "resistance", "conductance", "label", "element")
_GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5),
    ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC), ("nu", 0x3BD), ("pi", 0x3C0),
    ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4), ("phi", 0x3C6), ("omega", 0x3C9),
    ("Delta", 0x394), ("Sigma", 0x3A3), ("Omega", 0x3A9), ("Phi", 0x3A6))}


def _symbol_markup(name: str) -> str:
    base, _, sub = name.partition("_")
    base = _GREEK.get(base, base)
    out = escape(base)
    if sub:
        sub = sub[1:-1] if sub.startswith("{") and sub.endswith("}") else sub
        sub = escape(sub).replace("-", "−")
        out += f'<tspan baseline-shift="sub" font-size="75%">{sub}</tspan>'
        # Return to the baseline for what follows the subscript.
        out += '<tspan baseline-shift="0"></tspan>'
    return out


class _SvgTextPrinter(StrPrinter):
    """SymPy's str form with subscripted symbols as SVG tspans (used only here)."""

    def _print_Symbol(self, expr):
        return _symbol_markup(expr.name)

    def _print_Mul(self, expr):
        return super()._print_Mul(expr).replace("*", "·")

    def _print_Pow(self, expr, rational=False):
        return super()._print_Pow(expr, rational).replace("**", "^")


def svg_label(value) -> str:
    """SVG text markup of an edge attribute (a SymPy expression, a number or text).

    >>> svg_label(sympy.Symbol("k_{12}"))
    'k<tspan baseline-shift="sub" font-size="75%">12</tspan><tspan baseline-shift="0"></tspan>'
    """
    if isinstance(value, sympy.Basic):
        return _SvgTextPrinter().doprint(value)
    return escape(str(value))


def _edge_label(data: Mapping) -> str:
    for key in _LABEL_ATTRIBUTES:
        if key in data:
            return svg_label(data[key])
    return ""


def _layout(G) -> dict:
    nodes = list(G.nodes)
    if len(nodes) <= 10:
        return nx.circular_layout(nodes) if len(nodes) > 1 else {nodes[0]: np.zeros(2)}
    return nx.spring_layout(G, seed=0)


def _arrow(x1, y1, x2, y2, width, colour, marker) -> str:
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="{width:.2f}" marker-end="url(#{marker})"/>')


def _text(x, y, label, **attributes) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attributes.items())
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" stroke="white" '
            f'stroke-width="3" paint-order="stroke"{extra}>{label}</text>')


def network_svg(G, fluxes: Mapping | None = None, size: int = 380) -> str:
    """The network as an SVG drawing; with ``fluxes``, net fluxes as arrow widths.

    Parameters
    ----------
    G : networkx graph
        A kinetic scheme (MultiDiGraph with ``rate``) or any other graph; edges
        are labelled with the first of ``rate``, ``resistance``, ``conductance``,
        ``label``, ``element`` they carry.
    fluxes : mapping, optional
        Net flux of each channel ``(u, v, key)`` of a directed graph, computed
        upstream (e.g. :func:`symflux.numerics.linear.channel_fluxes` at the first
        validation point): drawn as the width of a red arrow in its net direction and
        printed beside it. The drawing never solves the model itself.
    size : int
        Width of the drawing in pixels.
    """
    canvas = _Canvas(G, size)
    directed = G.is_directed()
    fluxes = dict(fluxes) if (directed and fluxes) else {}
    biggest = max((abs(j) for j in fluxes.values()), default=0.0)
    parts = [_SVG_HEAD.format(width=canvas.width, height=canvas.height)]
    for (a, b), channels in _lanes(G).items():
        for lane, (key, members) in enumerate(channels.items()):
            shift = (lane - (len(channels) - 1) / 2) * 34
            ends, normal = canvas.ends(a, b, shift)
            parts.extend(_channel(ends, normal, members, (a, b), directed))
            j = fluxes.get((a, b, key), fluxes.get((b, a, key)))
            if j is not None and biggest != 0:
                parts.extend(_flux_arrow(ends, normal, -j if (b, a, key) in fluxes else j,
                                         biggest))
    for n in G.nodes:
        x, y = canvas.xy(n)
        parts.append(f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{canvas.rx[n]:.1f}" '
                     f'ry="{canvas.ry}" fill="#eef3fb" stroke="#2c3e50" stroke-width="1.5"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle" '
                     f'font-weight="bold">{escape(str(n))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


_SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
    'viewBox="0 0 {width} {height}" role="img" aria-label="network diagram" '
    'font-family="serif" font-size="13">\n'
    '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
    'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
    'fill="#555"/></marker><marker id="headflux" viewBox="0 0 10 10" refX="7" refY="5" '
    'markerWidth="3" markerHeight="3" orient="auto-start-reverse">'
    '<path d="M0,0 L10,5 L0,10 z" fill="#c0392b"/></marker></defs>')


class _Canvas:
    """Where the layout puts each node on the page, and how wide its ellipse is."""

    def __init__(self, G, size: int):
        self.pos = _layout(G)
        self.ry = 20
        # Nodes are ellipses wide enough for their names (complexes such as "E + S").
        self.rx = {n: max(self.ry, 4.5 * len(str(n)) + 10) for n in G.nodes}
        self.margin = max(70.0, max(self.rx.values()) + 15)
        xs = [float(p[0]) for p in self.pos.values()]
        ys = [float(p[1]) for p in self.pos.values()]
        extent = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        self.scale = max(size - 2 * self.margin, 120) / extent
        self.low_x, self.high_y = min(xs), max(ys)
        self.width = (int(2 * self.margin + (max(xs) - min(xs)) * self.scale)
                      if len(xs) > 1 else size)
        self.height = int(2 * self.margin + (max(ys) - min(ys)) * self.scale)

    def xy(self, n) -> tuple[float, float]:
        return (self.margin + (float(self.pos[n][0]) - self.low_x) * self.scale,
                self.margin + (self.high_y - float(self.pos[n][1])) * self.scale)

    def reach(self, n, ux: float, uy: float) -> float:
        """Distance from the centre of node n to its outline along (ux, uy)."""
        return self.rx[n] * self.ry / math.hypot(self.ry * ux, self.rx[n] * uy)

    def ends(self, a, b, shift: float) -> tuple[tuple, tuple]:
        """Start and end ``(sx, sy, ex, ey)`` of a lane from a to b, and its unit normal."""
        (xa, ya), (xb, yb) = self.xy(a), self.xy(b)
        length = math.hypot(xb - xa, yb - ya) or 1.0
        ux, uy = (xb - xa) / length, (yb - ya) / length
        nx_, ny_ = -uy, ux
        ra, rb = self.reach(a, ux, uy), self.reach(b, ux, uy)
        return ((xa + ux * ra + nx_ * shift, ya + uy * ra + ny_ * shift,
                 xb - ux * rb + nx_ * shift, yb - uy * rb + ny_ * shift), (nx_, ny_))


def _lanes(G) -> dict:
    """Channels between each pair of nodes: the two directions of one transition share
    a key, and each channel gets its own lane so that parallel transitions stay apart."""
    lanes: dict = {}
    edges = (G.edges(keys=True, data=True) if G.is_multigraph()
             else ((u, v, 0, d) for u, v, d in G.edges(data=True)))
    for u, v, key, data in edges:
        pair = (u, v) if (v, u) not in lanes else (v, u)
        lanes.setdefault(pair, {}).setdefault(key, []).append((u, v, data))
    return lanes


def _channel(ends, normal, members, pair, directed: bool) -> list[str]:
    """The arrows (or line) of one channel, each with its label."""
    (sx, sy, ex, ey), (nx_, ny_) = ends, normal
    parts = []
    for u, v, data in members:
        forward = (u, v) == pair
        side = 4 if forward else -4
        x1, y1, x2, y2 = (sx, sy, ex, ey) if forward else (ex, ey, sx, sy)
        x1, y1 = x1 + nx_ * side, y1 + ny_ * side
        x2, y2 = x2 + nx_ * side, y2 + ny_ * side
        if directed:
            parts.append(_arrow(x1, y1, x2, y2, 1.2, "#555", "head"))
        else:
            parts.append(f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" '
                         f'y2="{ey:.1f}" stroke="#555" stroke-width="1.5"/>')
        label = _edge_label(data)
        if label:
            t = 0.5 if not directed else 0.3
            off = side * 3.5 if directed else 12
            parts.append(_text(x1 + (x2 - x1) * t + nx_ * off,
                               y1 + (y2 - y1) * t + ny_ * off + 4, label, fill="#222"))
    return parts


def _flux_arrow(ends, normal, j: float, biggest: float) -> list[str]:
    """A red arrow in the net direction, as wide as the flux, and its value."""
    (sx, sy, ex, ey), (nx_, ny_) = ends, normal
    x1, y1, x2, y2 = (sx, sy, ex, ey) if j >= 0 else (ex, ey, sx, sy)
    dx, dy = (x2 - x1) * 0.3, (y2 - y1) * 0.3
    width = 1.0 + 9.0 * abs(j) / biggest
    return ['<g class="flux" opacity="0.55">'
            + _arrow(x1 + dx, y1 + dy, x2 - dx, y2 - dy, width, "#c0392b", "headflux")
            + "</g>",
            _text((sx + ex) / 2 - nx_ * 18, (sy + ey) / 2 - ny_ * 18 + 4,
                  f"J={abs(j):.2g}", font_size="10", fill="#c0392b")]


def profile_svg(expr: sympy.Expr, x: sympy.Symbol, low: float, high: float,
                values: Mapping | None = None, label: str = "c", points: int = 101,
                width: int = 420, height: int = 260) -> str:
    """``expr`` plotted against ``x`` over ``[low, high]``, other symbols at ``values``.

    >>> x = sympy.Symbol("x")
    >>> svg = profile_svg(1 - x, x, 0.0, 1.0)
    >>> "<polyline" in svg
    True
    """
    subs = {s: float(v) for s, v in (values or {}).items()
            if isinstance(s, sympy.Symbol) and s != x}
    by_name = {str(s): float(v) for s, v in (values or {}).items() if str(s) != x.name}
    for s in expr.free_symbols - {x}:
        if s not in subs:
            subs[s] = by_name.get(s.name, 1.0)
    f = sympy.lambdify(x, expr.subs(subs), "numpy")
    xs = np.linspace(low, high, points)
    with np.errstate(all="ignore"):  # a radial 1/r profile at r = 0; dropped below
        ys = np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape)
    finite = np.isfinite(ys)
    y_lo, y_hi = (float(ys[finite].min()), float(ys[finite].max())) if finite.any() else (0, 1)
    if y_hi - y_lo < 1e-12 * max(1.0, abs(y_hi)):
        y_lo, y_hi = y_lo - 0.5, y_hi + 0.5
    left, right, top, bottom = 60, width - 20, 20, height - 45

    def px(xv, yv):
        return (left + (xv - low) / (high - low) * (right - left),
                bottom - (yv - y_lo) / (y_hi - y_lo) * (bottom - top))

    points_text = " ".join(f"{a:.1f},{b:.1f}" for a, b in
                           (px(xv, yv) for xv, yv in zip(xs[finite], ys[finite], strict=True)))
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="profile of {escape(label)}" '
        'font-family="serif" font-size="12">',
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#333"/>',
        f'<polyline points="{points_text}" fill="none" stroke="#1f5fa8" stroke-width="2"/>',
        f'<text x="{left}" y="{bottom + 16}" text-anchor="middle">{low:.3g}</text>',
        f'<text x="{right}" y="{bottom + 16}" text-anchor="middle">{high:.3g}</text>',
        f'<text x="{(left + right) / 2}" y="{bottom + 34}" text-anchor="middle" '
        f'font-style="italic">{_symbol_markup(x.name)}</text>',
        f'<text x="{left - 6}" y="{bottom}" text-anchor="end">{y_lo:.3g}</text>',
        f'<text x="{left - 6}" y="{top + 8}" text-anchor="end">{y_hi:.3g}</text>',
        f'<text x="{left - 40}" y="{(top + bottom) / 2}" text-anchor="middle" '
        f'font-style="italic">{svg_label(sympy.Symbol(label))}</text>',
        "</svg>",
    ])


def path_svg(position, span, end_values, label: str = "c", width: int = 420,
             height: int = 110) -> str:
    """A 1-D transport path: a bar from ``span[0]`` to ``span[1]`` with the values held
    at its ends (``None`` for a closed end), for pages of path models.

    >>> svg = path_svg(sympy.Symbol("x"), (0, sympy.Symbol("L")), (sympy.Symbol("c_1"), None))
    >>> "<rect" in svg and "closed" in svg
    True
    """
    left, right, y = 70, width - 70, 50

    def end_text(value):
        if value is None:
            return "closed"
        return f"{svg_label(sympy.Symbol(label))} = {svg_label(value)}"

    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="the transport path" '
        'font-family="serif" font-size="13">',
        f'<rect x="{left}" y="{y - 12}" width="{right - left}" height="24" fill="#eef3fb" '
        'stroke="#2c3e50" stroke-width="1.5"/>',
        f'<line x1="{left}" y1="{y + 22}" x2="{right}" y2="{y + 22}" stroke="#333" '
        'marker-end="url(#arrowhead)"/>',
        '<defs><marker id="arrowhead" markerWidth="8" markerHeight="6" refX="8" refY="3" '
        'orient="auto"><path d="M0,0 L8,3 L0,6 z" fill="#333"/></marker></defs>',
        f'<text x="{left}" y="{y + 40}" text-anchor="middle">{svg_label(span[0])}</text>',
        f'<text x="{right}" y="{y + 40}" text-anchor="middle">{svg_label(span[1])}</text>',
        f'<text x="{(left + right) / 2}" y="{y + 40}" text-anchor="middle" '
        f'font-style="italic">{_symbol_markup(str(position))}</text>',
        f'<text x="{left}" y="{y - 20}" text-anchor="middle">{end_text(end_values[0])}</text>',
        f'<text x="{right}" y="{y - 20}" text-anchor="middle">{end_text(end_values[1])}</text>',
        "</svg>",
    ])
