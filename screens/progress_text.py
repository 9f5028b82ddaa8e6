"""The words of the progress screen: best sets with their effort, the last session, and what a
chart says when it has too few sessions to draw."""

from __future__ import annotations

from planner.present import best_text, lifted_text, metric_text, rpe_text
from planner.progress import Best, Point
from rules.values import fmt_number


def best_set_text(best: Best, unit: str, *, added: bool = False) -> str:
    """``5 @ 100 kg RPE 9`` (the RPE when it was logged)."""
    felt = "" if best.rpe is None else f" RPE {fmt_number(best.rpe)}"
    return best_text(best, unit, added=added) + felt


def last_done_text(point: Point, metric: str, unit: str) -> str:
    """``Last done: 60 kg on 2026-11-30, RPE 8, 8, 9.``"""
    felt = rpe_text(point.sets)
    return (
        f"Last done: {metric_text(point.done or 0, metric, unit)} on {point.date}"
        f"{',' + felt if felt else ''}."
    )


def chart_legend(
    title: str, points: list[Point], values: list[float], metric: str, unit: str, *, added: bool
) -> str:
    """A chart's line above it: its scale, last value and dates (``Done · min 40 · max 42.5 kg ·
    last 42.5 kg · 30 Nov 2026 → 02 Dec 2026``); with one session, that session in words
    (``Done · one session logged: 5×5 @ 40 kg on Mon 30 Nov 2026``), as a chart of one point
    would be a solid bar that says nothing; the same value every session, in words too
    (``Planned · 6 reps every session (52 planned) · …``)."""
    if len(points) == 1:
        point = points[0]
        what = metric_text(values[0], metric, unit)
        if title == "Done" and point.sets:
            what = lifted_text(point.sets, unit, added=added) + rpe_text(point.sets)
        verb = "logged" if title == "Done" else "planned"
        return f"{title} · one session {verb}: {what} on {point.date:%a %d %b %Y}"
    low, top = min(values), max(values)
    dates = f"{points[0].date:%d %b %Y} → {points[-1].date:%d %b %Y}"
    if low == top:  # (a flat chart is a row of the lowest bars: it reads as nothing, or zero)
        verb = "logged" if title == "Done" else "planned"
        what = metric_text(top, metric, unit)
        return f"{title} · {what} every session ({len(points)} {verb}) · {dates}"
    return (
        f"{title} · min {fmt_number(low)} · max {metric_text(top, metric, unit)} · "
        f"last {metric_text(values[-1], metric, unit)} · {dates}"
    )
