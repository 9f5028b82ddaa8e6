"""Progress: an exercise's planned and done load (or seconds) over time, and personal bests."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Select, Sparkline, Static

from planner.present import added_load, metric_text
from planner.progress import last_logged, most_changing, personal_bests, series
from planner.projection import Projection
from screens.keybar import KeyBar
from screens.progress_text import best_set_text, chart_legend, last_done_text
from screens.titlebar import TitleBar

OTHERS = ((1, "Best set"), (2, "Date"), (3, "Est. 1RM"))
"""The bests table's columns after the name, with each one's place in a row."""
MIN_NAME = 14
"""The narrowest the name column gets."""
NOTHING = "Nothing logged yet"


class ProgressScreen(Screen[None]):
    """Planned against done per exercise, and the best sets so far."""

    CSS_PATH = "progress.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, projection: Projection) -> None:
        super().__init__()
        self.projection = projection
        """The plan shown."""
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        """Exercise picker, two sparklines (planned, done), the numbers, personal bests."""
        names = self.projection.plan.exercises()
        options = [(exercise.name, eid) for eid, exercise in names.items()]
        first = last_logged(self.projection) or most_changing(self.projection)
        yield TitleBar()
        with Vertical(id="chart"):
            yield Select(
                options,
                value=first if first else Select.NULL,
                allow_blank=False,
                id="exercise",
            )
            yield Label("Planned", classes="legend", id="planned-legend")
            yield Sparkline([], id="planned")
            yield Label("Done", classes="legend", id="done-legend")
            yield Sparkline([], id="done")
            yield Static("", id="summary")
        with Horizontal(id="bests-box"):
            yield DataTable(id="bests", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the bests and the first exercise's chart."""
        table = self.query_one("#bests", DataTable)
        plan = self.projection.plan
        unit = plan.units
        rows = []
        for best in personal_bests(self.projection):
            # Added load on a bodyweight exercise (+10 kg) is not a one-rep max of anything.
            added = added_load(plan, best.exercise)
            e1rm = best.estimated_max and not added
            e1rm_text = metric_text(best.estimated_max or 0, "load", unit) if e1rm else ""
            best_set = best_set_text(best, unit, added=added)
            rows.append((best.name, best_set, best.date.isoformat(), e1rm_text))
        # The name column gives way (a long stretch's name is cut with "…"), so the estimated
        # 1RM stays in view at 80 columns.
        others = [max([len(title)] + [len(row[n]) for row in rows]) for n, title in OTHERS]
        # (the box pads 2 a side; the scrollbar takes 2; each column pads 1 a side)
        room = self.app.size.width - 4 - 2 - sum(width + 2 for width in others) - 2
        longest = max(
            [len("Exercise"), 0 if rows else len(NOTHING)] + [len(row[0]) for row in rows]
        )
        table.add_column("Exercise", width=min(longest, max(MIN_NAME, room)))
        for (_, title), width in zip(OTHERS, others, strict=True):
            table.add_column(title, width=width)
        for name, *rest in rows:
            table.add_row(Text(name, overflow="ellipsis", no_wrap=True), *rest)
        if not table.row_count:
            table.add_row(NOTHING, "", "", "")
        select = self.query_one("#exercise", Select)
        if isinstance(select.value, str):
            self._show(select.value)

    @on(Select.Changed, "#exercise")
    def _exercise_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._show(event.value)

    def _show(self, exercise: str) -> None:
        if exercise == self._shown:  # (the Select says its first value once mounted)
            return
        self._shown = exercise
        data = series(self.projection, exercise)
        unit = self.projection.plan.units
        planned = [p for p in data.points if p.planned is not None]
        logged = [p for p in data.points if p.done is not None]
        added = added_load(self.projection.plan, exercise)
        for title, points, values in (
            ("Planned", planned, [p.planned or 0.0 for p in planned]),
            ("Done", logged, [p.done or 0.0 for p in logged]),
        ):
            chart = self.query_one(f"#{title.lower()}", Sparkline)
            chart.data = values
            # One point (or none) is a solid bar, and one value every time a row of the lowest
            # bars: words instead (the legend).
            chart.display = len(set(values)) > 1
            legend = (
                chart_legend(title, points, values, data.metric, unit, added=added)
                if values
                else f"Done · not started: no {data.name} logged yet"
                if title == "Done"
                else "Planned: nothing planned"
            )
            self.query_one(f"#{title.lower()}-legend", Label).update(legend)
        parts = [f"{data.name}: {len(data.points)} sessions planned, {len(logged)} logged."]
        if planned:
            start, end = (
                metric_text(p.planned or 0, data.metric, unit) for p in (planned[0], planned[-1])
            )
            parts.append(f"Plan goes from {start} to {end}." if start != end else "")
        if logged:
            parts.append(last_done_text(logged[-1], data.metric, unit))
        self.query_one("#summary", Static).update(" ".join(part for part in parts if part))
