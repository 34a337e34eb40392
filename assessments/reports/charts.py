"""Server-rendered SVG charts: no JavaScript, NHS colours, role="img" with a title and a
description. Every chart is shown beside a table of the same figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

NHS_BLUE = "#005eb8"
NHS_DARK_BLUE = "#003087"
NHS_GREY = "#4c6272"
NHS_PALE_GREY = "#d8dde0"
NHS_WARM_YELLOW = "#ffb81c"
NHS_DARK_PINK = "#7c2855"
NHS_GREEN = "#007f3b"
NHS_PURPLE = "#330072"
SERIES_COLOURS = [NHS_BLUE, NHS_DARK_PINK, NHS_GREEN, NHS_PURPLE, NHS_GREY, NHS_WARM_YELLOW]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # 0–100, one per axis or point; None where there is none
    colour: str = NHS_BLUE
    dashed: bool = False
    markers_only: bool = False  # points without a line, such as targets


def _svg(width: int, height: int, title: str, description: str, body: str, chart_id: str):
    return mark_safe(
        f'<svg class="app-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _wrap(label: str, width: int = 18) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3]


def radar_chart(
    labels: Sequence[str], series: Sequence[Series], *, title: str, description: str, chart_id: str
) -> SafeString:
    """A radar (spider) chart of 0–100 scores, one axis per label. Needs three or more axes."""
    if len(labels) < 3:
        raise ValueError("A radar chart needs at least three axes")
    size, centre, radius = 640, 320, 170
    parts = []

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / len(labels)
        r = radius * value / 100
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    for ring in (25, 50, 75, 100):
        ring_points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(len(labels)))
        )
        parts.append(
            f'<polygon points="{ring_points}" fill="none" '
            f'stroke="{NHS_PALE_GREY}" stroke-width="1"/>'
        )
        x, y = point(0, ring)
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="12" fill="{NHS_GREY}">{ring}</text>'
        )
    for index, label in enumerate(labels):
        x, y = point(index, 100)
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{NHS_PALE_GREY}" stroke-width="1"/>'
        )
        lx, ly = point(index, 118)
        anchor = "middle" if abs(lx - centre) < 20 else ("start" if lx > centre else "end")
        lines = _wrap(label)
        start_y = ly - (len(lines) - 1) * 8 + 4
        tspans = "".join(
            f'<tspan x="{lx:.1f}" y="{start_y + n * 16:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(f'<text font-size="14" fill="#212b32" text-anchor="{anchor}">{tspans}</text>')
    for s in series:
        if all(v is None for v in s.values):
            continue
        if s.markers_only:
            for i, value in enumerate(s.values):
                if value is not None:
                    x, y = point(i, value)
                    parts.append(
                        f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" '
                        f'fill="#ffffff" stroke="{s.colour}" stroke-width="3"/>'
                    )
            continue
        coords = [point(i, v if v is not None else 0) for i, v in enumerate(s.values)]
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        fill_opacity = "0" if s.dashed else "0.15"
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            f'<polygon points="{pts}" fill="{s.colour}" fill-opacity="{fill_opacity}" '
            f'stroke="{s.colour}" stroke-width="3"{dash}/>'
        )
        for (x, y), value in zip(coords, s.values, strict=True):
            if value is not None:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{s.colour}"/>')
    parts.append(_legend(series, x=20, y=size - 24))
    return _svg(size, size, title, description, "".join(parts), chart_id)


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    chart_id: str,
) -> SafeString:
    """Lines of 0–100 scores over time, one point per x label."""
    legend_rows = (len(series) + 1) // 2
    width, height = 640, 300 + legend_rows * 22
    left, right, top, bottom = 48, 20, 20, 60 + legend_rows * 22
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = []

    def x_of(index: int) -> float:
        return left + (plot_w / 2 if len(x_labels) == 1 else plot_w * index / (len(x_labels) - 1))

    def y_of(value: float) -> float:
        return top + plot_h * (1 - value / 100)

    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{NHS_PALE_GREY}" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="{NHS_GREY}">{tick}</text>'
        )
    for index, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x_of(index):.1f}" y="{height - bottom + 20}" font-size="13" '
            f'text-anchor="middle" fill="#212b32">{escape(label)}</text>'
        )
    for s in series:
        points = [(x_of(i), y_of(v)) for i, v in enumerate(s.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            parts.append(
                f'<polyline points="{path}" fill="none" '
                f'stroke="{s.colour}" stroke-width="3"{dash}/>'
            )
        for x, y in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{s.colour}"/>')
    parts.append(_legend(series, x=left, y=height - bottom + 50, columns=2, width=plot_w))
    return _svg(width, height, title, description, "".join(parts), chart_id)


def _legend(series: Sequence[Series], *, x: int, y: int, columns: int = 2, width: int = 520):
    items = []
    column_width = width / columns
    for index, s in enumerate(series):
        cx = x + (index % columns) * column_width
        cy = y + (index // columns) * 22
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        sample = (
            f'<rect x="{cx + 8:.1f}" y="{cy - 10}" width="12" height="12" fill="#ffffff" '
            f'stroke="{s.colour}" stroke-width="3"/>'
            if s.markers_only
            else f'<line x1="{cx:.1f}" y1="{cy - 4}" x2="{cx + 28:.1f}" y2="{cy - 4}" '
            f'stroke="{s.colour}" stroke-width="3"{dash}/>'
        )
        items.append(
            sample + f'<text x="{cx + 36:.1f}" y="{cy}" font-size="13" fill="#212b32">'
            f"{escape(s.name[:40])}</text>"
        )
    return "".join(items)
