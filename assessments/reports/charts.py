"""Server-rendered SVG charts: no JavaScript, NHS colours, role="img" with a title and a
description. Every chart is shown beside a table of the same figures.

Charts scale down with the page (a 640-unit-wide chart is about 340 px wide on a 375 px
phone), so every label is sized to fit inside the chart: labels wrap onto at most two or
three lines and, if still too long, end in "…". The full text is always in the table beside
the chart (and in each label's <title>, shown as a tooltip).
"""

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


# Average advance of a character in the sans-serif fonts charts use, as a share of the font
# size: wide enough for capitals and digits, so estimates err towards too much room.
CHARACTER_WIDTH = 0.58


def _chars_in(width: float, font_size: int) -> int:
    """How many characters of ``font_size`` fit in ``width`` units (at least 4)."""
    return max(4, int(width / (font_size * CHARACTER_WIDTH)))


def _wrap(label: str, width: int = 18, max_lines: int = 3) -> list[str]:
    """``label`` in lines of at most ``width`` characters, at most ``max_lines`` of them.

    Words longer than a line are split; text that does not fit ends in "…"."""
    words, lines, line = [], [], ""
    for word in label.split():
        while len(word) > width:
            words.append(word[:width])
            word = word[width:]
        words.append(word)
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _text(lines: Sequence[str], *, x: float, y: float, size: int, anchor: str, full: str) -> str:
    """A <text> of ``lines`` (one <tspan> each, first baseline at ``y``), with the full
    label as its <title> when the lines abbreviate it."""
    line_height = round(size * 1.25)
    tspans = "".join(
        f'<tspan x="{x:.1f}" y="{y + n * line_height:.1f}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    tooltip = f"<title>{escape(full)}</title>" if " ".join(lines) != full else ""
    return (
        f'<text font-size="{size}" fill="#212b32" text-anchor="{anchor}">{tooltip}{tspans}</text>'
    )


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
        # Room between the label's anchor and the chart's edge (both edges when centred).
        room = {"start": size - lx, "end": lx, "middle": 2 * min(lx, size - lx)}[anchor]
        lines = _wrap(label, width=min(18, _chars_in(room - 4, 14)))
        start_y = ly - (len(lines) - 1) * 8 + 4
        parts.append(_text(lines, x=lx, y=start_y, size=14, anchor=anchor, full=label))
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
    """Lines of 0–100 scores over time, one point per x label.

    The x labels (round titles) wrap onto two lines within their share of the width; the
    first and last are aligned to the chart's edges so they are never cut off. The legend
    has one series a line, its name wrapped onto at most two lines."""
    width, left, right, top = 640, 52, 24, 20
    plot_w, plot_h = width - left - right, 240
    label_size, legend_size = 20, 20
    line_height = round(label_size * 1.25)
    if len(x_labels) > 1:
        spacing = plot_w / (len(x_labels) - 1)
        # Edge labels start or end at their point, so two of them may each take most of the
        # gap; between them, centred labels must leave room for their neighbours.
        label_room = spacing * (0.9 if len(x_labels) == 2 else 0.6)
    else:
        label_room = plot_w
    x_lines = [_wrap(label, _chars_in(label_room, label_size), 2) for label in x_labels]
    label_height = max((len(lines) for lines in x_lines), default=1) * line_height
    legend_top = top + plot_h + 24 + label_height + 16
    legend_lines = [_wrap(s.name, _chars_in(plot_w - 36, legend_size), 2) for s in series]
    height = legend_top + sum(len(lines) * line_height + 10 for lines in legend_lines)
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
            f'<text x="{left - 8}" y="{y + 6:.1f}" font-size="18" text-anchor="end" '
            f'fill="{NHS_GREY}">{tick}</text>'
        )
    last = len(x_labels) - 1
    for index, (label, lines) in enumerate(zip(x_labels, x_lines, strict=True)):
        anchor = "middle" if last == 0 or 0 < index < last else ("start" if index == 0 else "end")
        parts.append(
            _text(
                lines,
                x=x_of(index),
                y=top + plot_h + 24,
                size=label_size,
                anchor=anchor,
                full=label,
            )
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
    y = legend_top
    for s, lines in zip(series, legend_lines, strict=True):
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(
            f'<line x1="{left}" y1="{y - 7}" x2="{left + 28}" y2="{y - 7}" '
            f'stroke="{s.colour}" stroke-width="3"{dash}/>'
            + _text(lines, x=left + 36, y=y, size=legend_size, anchor="start", full=s.name)
        )
        y += len(lines) * line_height + 10
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
            sample
            + _text(
                _wrap(s.name, _chars_in(column_width - 40, 13), 1),
                x=cx + 36,
                y=cy,
                size=13,
                anchor="start",
                full=s.name,
            )
        )
    return "".join(items)
