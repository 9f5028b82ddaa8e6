"""The words of the progress screen: best sets with their effort, the last session, and what a
chart says when it has too few sessions to draw."""

from __future__ import annotations

from planner.present import best_text, metric_text, rpe_text
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
