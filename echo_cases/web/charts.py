"""Small server-side SVG charts: no JavaScript, no CDN, readable by screen readers."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR = "#0b5394"
GUTTER = 4


def bar_chart(title: str, rows: Sequence[tuple[str, float]], unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value), each label on its own line above its bar:
    a long label is never cut at the left, and the chart stays readable on a phone."""
    if not rows:
        return Markup("<p>No data yet.</p>")
    width, label_h, bar_h, gap = 400, 18, 14, 10
    row_h = label_h + bar_h + gap
    top = max(value for _l, value in rows) or 1
    height = row_h * len(rows)
    # Escaped once, not per bar: a hub's years of weekly sessions draw a thousand bars.
    shown_unit = escape(unit)
    # The view starts a few units left of the labels: a glyph such as "J" or "W" overhangs
    # its origin, and at x=0 its first pixel fell outside the chart on some fonts.
    parts = [f'<svg role="img" aria-labelledby="t-{_id(title)}" '
             f'viewBox="-{GUTTER} 0 {width + GUTTER} {height}" '
             f'width="100%" class="chart"><title id="t-{_id(title)}">{escape(title)}</title>']
    for index, (label, value) in enumerate(rows):
        y = index * row_h
        bar = (width - 60) * (value / top)
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="14">{escape(_clip(label))}</text>'
            f'<rect x="0" y="{y + label_h}" width="{bar:.1f}" height="{bar_h}" fill="{BAR}"/>'
            f'<text x="{bar + 6:.1f}" y="{y + label_h + 12}" font-size="14">'
            f'{_number(value)}{shown_unit}</text>')
    parts.append("</svg>")
    # Every interpolated text is escaped above; the rest are numbers we formatted.
    return Markup("".join(parts))  # noqa: S704


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _clip(label: str, limit: int = 52) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _id(title: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
