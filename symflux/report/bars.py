"""A bar chart of control coefficients (or any signed numbers), as an SVG with no script.

>>> svg = bar_chart_svg([("C_{J,1}", 0.75), ("C_{J,2}", 0.25)])
>>> svg.startswith("<svg") and svg.count("<rect") == 2
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["bar_chart_svg"]


def bar_chart_svg(bars: Sequence[tuple[str, float]], width: int = 420,
                  row: int = 22) -> str:
    """Horizontal bars from a zero line, one per ``(label, value)``; negative ones point
    left. Labels are escaped as text: nothing of a label is interpreted."""
    label_w, pad = 150, 10
    span = max((abs(v) for _, v in bars), default=1.0) or 1.0
    half = (width - label_w - 2 * pad) / 2
    zero = label_w + pad + half
    height = row * len(bars) + 2 * pad
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="bar chart of {len(bars)} coefficients">',
             f'<line x1="{zero:.1f}" y1="{pad}" x2="{zero:.1f}" y2="{height - pad}" '
             'stroke="#555"/>']
    for i, (label, value) in enumerate(bars):
        y = pad + i * row
        length = half * abs(value) / span
        x = zero if value >= 0 else zero - length
        colour = "#3b7dd8" if value >= 0 else "#d8583b"
        parts.append(f'<text x="{label_w:.1f}" y="{y + row * 0.7:.1f}" text-anchor="end" '
                     f'font-size="12">{escape(label)}</text>')
        parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" '
                     f'height="{row - 6}" fill="{colour}"/>')
        parts.append(f'<text x="{zero + (length + 4 if value >= 0 else -length - 4):.1f}" '
                     f'y="{y + row * 0.7:.1f}" font-size="11" '
                     f'text-anchor="{"start" if value >= 0 else "end"}">{value:.3g}</text>')
    parts.append("</svg>")
    return "".join(parts)
