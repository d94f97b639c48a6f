"""Small server-side SVG charts: no JavaScript, no CDN, readable by screen readers."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR = "#0b5394"


def bar_chart(title: str, rows: Sequence[tuple[str, float]], unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value); the numbers are printed beside them."""
    if not rows:
        return Markup("<p>No data yet.</p>")
    width, label_w, row_h = 640, 260, 26
    top = max(value for _l, value in rows) or 1
    height = row_h * len(rows) + 10
    parts = [f'<svg role="img" aria-labelledby="t-{_id(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%" class="chart"><title id="t-{_id(title)}">{escape(title)}</title>']
    for index, (label, value) in enumerate(rows):
        y = index * row_h + 5
        bar = (width - label_w - 70) * (value / top)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f'{escape(_clip(label))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar:.1f}" height="{row_h - 10}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_w + bar + 6:.1f}" y="{y + 15}" font-size="12">'
            f'{escape(_number(value))}{escape(unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every interpolated value is escaped above


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _clip(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _id(title: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
