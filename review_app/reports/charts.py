"""Charts for the report, drawn with matplotlib's Agg canvas (no display, no pyplot state,
so safe in a worker thread) and returned as PNG bytes."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

# NHS identity colours, chosen to stay apart for the common colour-vision deficiencies.
OUTCOME_COLOURS = {"accepted": "#007f3b", "accepted_amended": "#78be20",
                   "rejected": "#d5281b", "deferred": "#ffb81c", "withdrawn": "#768692",
                   "open": "#005eb8"}
BAR = "#005eb8"
TEXT = "#212b32"
DPI = 200


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _tidy(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=TEXT, labelsize=9)
    # Counts of people and proposals: whole-number ticks, with thousands separators.
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.xaxis.grid(True, color="#d8dde0", linewidth=0.8)
    axes.set_axisbelow(True)


def stacked_bars(labels: Sequence[str], series: dict[str, Sequence[int]],
                 colours: dict[str, str], names: dict[str, str], xlabel: str) -> bytes:
    """Horizontal bars, one per label, stacked by series, with each segment's count on it
    and the total at the end of the bar."""
    figure = _figure(9.0, 1.5 + 0.55 * len(labels))
    axes = figure.add_subplot()
    lefts = [0] * len(labels)
    for key, values in series.items():
        bars = axes.barh(labels, values, left=lefts, color=colours[key], label=names[key],
                         height=0.6, edgecolor="white", linewidth=0.6)
        shown = [str(v) if v and v >= max(1, 0.04 * max(_totals(series))) else ""
                 for v in values]
        dark = key in ("accepted_amended", "deferred")
        axes.bar_label(bars, labels=shown, label_type="center", fontsize=8,
                       color=TEXT if dark else "white")
        lefts = [a + b for a, b in zip(lefts, values, strict=True)]
    for y, total in enumerate(lefts):
        axes.text(total, y, f"  {total:,}", va="center", fontsize=9, color=TEXT)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel, color=TEXT, fontsize=9)
    axes.set_xlim(0, max(lefts or [1]) * 1.1 + 1)
    _tidy(axes)
    figure.legend(loc="outside lower center", ncols=len(series), frameon=False, fontsize=8)
    return _png(figure)


def _totals(series: dict[str, Sequence[int]]) -> list[int]:
    columns = list(zip(*series.values(), strict=True))
    return [sum(c) for c in columns] or [0]


def bars(labels: Sequence[str], values: Sequence[int], xlabel: str) -> bytes:
    """Horizontal bars, largest first, each labelled with its value."""
    figure = _figure(9.0, 0.9 + 0.38 * len(labels))
    axes = figure.add_subplot()
    drawn = axes.barh(labels, values, color=BAR, height=0.6)
    axes.bar_label(drawn, padding=3, fontsize=9, color=TEXT)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel, color=TEXT, fontsize=9)
    axes.set_xlim(0, max(values or [1]) * 1.12 + 1)
    _tidy(axes)
    return _png(figure)
