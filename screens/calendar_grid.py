"""A table that draws only the rows on screen: the calendar's grid of weeks × sessions.

Textual's DataTable builds every cell of every row and measures them when it is filled (for a
ten-year plan, 520 rows and 2,600 cells: most of the calendar's opening time). This grid is told
how many rows there are and asks for a row's cells only when the row comes into view; keys and
the cursor work as in a DataTable with a cell cursor and fixed columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Fetch = Callable[[int], list[Text]]
"""The cells of a row, asked for when the row is first drawn."""


class CalendarGrid(ScrollView, can_focus=True):
    """Rows of cells under a header, the first ``fixed`` columns kept in view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1, 0)", "Up", show=False),
        Binding("down", "cursor(1, 0)", "Down", show=False),
        Binding("left", "cursor(0, -1)", "Left", show=False),
        Binding("right", "cursor(0, 1)", "Right", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "ends(-1)", "First week", show=False),
        Binding("end", "ends(1)", "Last week", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "calendar-grid--header",
        "calendar-grid--fixed",
        "calendar-grid--even-row",
        "calendar-grid--cursor",
    }
    DEFAULT_CSS = """
    CalendarGrid {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .calendar-grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        &:dark > .calendar-grid--even-row { background: $surface-darken-1 40%; }
        & > .calendar-grid--header { text-style: bold; background: $panel; color: $foreground; }
        & > .calendar-grid--fixed { background: $secondary-muted; color: $foreground; }
        & > .calendar-grid--even-row { background: $surface-lighten-1 50%; }
        & > .calendar-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_coordinate: reactive[Coordinate] = reactive(Coordinate(0, 0), layout=False)

    class Highlighted(Message):
        """The cursor moved to another cell."""

    class Selected(Message):
        """Enter (or a click) on the cell under the cursor."""

    def __init__(self, *, fixed: int = 0, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fixed = fixed
        self._columns: list[tuple[str, str, int]] = []  # key, title, width
        self._row_keys: list[str] = []
        self._row_index: dict[str, int] = {}
        self._fetch: Fetch = lambda _row: []
        self._rows: dict[int, list[Text]] = {}

    # Filling ----------------------------------------------------------------------------------

    def set_rows(
        self, columns: Sequence[tuple[str, str, int]], row_keys: Sequence[str], fetch: Fetch
    ) -> None:
        """Columns as (key, title, width), a key per row, and how to get a row's cells."""
        self._columns = list(columns)
        self._row_keys = list(row_keys)
        self._row_index = {key: n for n, key in enumerate(self._row_keys)}
        self._fetch = fetch
        self._rows = {}
        width = sum(w + 2 for _, _, w in self._columns)
        self.virtual_size = Size(width, len(self._row_keys) + 1)
        row, column = self.cursor_coordinate
        self.cursor_coordinate = Coordinate(
            max(0, min(row, self.row_count - 1)), max(0, min(column, len(self._columns) - 1))
        )
        self.refresh()

    @property
    def row_count(self) -> int:
        """Rows of the grid (the header not counted)."""
        return len(self._row_keys)

    def get_row_index(self, key: str) -> int:
        """The index of the row with ``key``."""
        return self._row_index[key]

    @property
    def column_titles(self) -> list[str]:
        """The title of each column, left to right."""
        return [title for _, title, _ in self._columns]

    def get_column_index(self, key: str) -> int:
        """The index of the column with ``key``."""
        return next(n for n, (k, _, _) in enumerate(self._columns) if k == key)

    def update_cell(self, row_key: str, column_key: str, value: object) -> None:
        """Show ``value`` (a Text, else its str) in a cell (only a drawn row keeps its cells; the
        others are asked for when they come into view)."""
        row = self._row_index[row_key]
        cells = self._rows.get(row)
        if cells is not None:
            text = value if isinstance(value, Text) else Text(str(value))
            cells[self.get_column_index(column_key)] = text
            self._refresh_row(row)

    # The cursor ---------------------------------------------------------------------------------

    def move_cursor(self, *, row: int, column: int) -> None:
        """Put the cursor on a cell and scroll it into view."""
        self.cursor_coordinate = Coordinate(
            max(0, min(row, self.row_count - 1)), max(0, min(column, len(self._columns) - 1))
        )

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        """Redraw the two rows, keep the cursor in view, say where it is."""
        self._refresh_row(old.row)
        self._refresh_row(new.row)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted())

    def _scroll_to_cursor(self) -> None:
        row, column = self.cursor_coordinate
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False, immediate=True)
        if column >= self.fixed:
            fixed = sum(w + 2 for _, _, w in self._columns[: self.fixed])
            start = sum(w + 2 for _, _, w in self._columns[self.fixed : column])
            end = start + self._columns[column][2] + 2
            room = max(1, self.scrollable_content_region.width - fixed)
            left = round(self.scroll_x)
            if start < left:
                self.scroll_to(x=start, animate=False, immediate=True)
            elif end > left + room:
                self.scroll_to(x=end - room, animate=False, immediate=True)

    def action_cursor(self, rows: int, columns: int) -> None:
        """Move the cursor by ``rows`` and ``columns``."""
        row, column = self.cursor_coordinate
        self.move_cursor(row=row + rows, column=column + columns)

    def action_page(self, pages: int) -> None:
        """A screenful up or down."""
        page = max(1, self.scrollable_content_region.height - 1)
        row, column = self.cursor_coordinate
        self.move_cursor(row=row + pages * page, column=column)

    def action_ends(self, end: int) -> None:
        """The first or the last row."""
        self.move_cursor(row=0 if end < 0 else self.row_count - 1, column=self.cursor_column)

    @property
    def cursor_column(self) -> int:
        """The cursor's column."""
        return self.cursor_coordinate.column

    def action_select(self) -> None:
        """Say the cell under the cursor was chosen."""
        self.post_message(self.Selected())

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor there; a click on the cursor's cell selects it."""
        row = round(self.scroll_y) + event.y - 1
        x = event.x
        if x >= self._fixed_width():
            x += round(self.scroll_x)
        column = self._column_at(x)
        if event.y < 1 or column is None or not 0 <= row < self.row_count:
            return
        target = Coordinate(row, column)
        if target == self.cursor_coordinate:
            self.action_select()
        else:
            self.cursor_coordinate = target

    def _fixed_width(self) -> int:
        return sum(w + 2 for _, _, w in self._columns[: self.fixed])

    def _column_at(self, x: int) -> int | None:
        for n in range(len(self._columns)):
            x -= self._columns[n][2] + 2
            if x < 0:
                return n
        return None

    # Drawing ----------------------------------------------------------------------------------

    def _refresh_row(self, row: int) -> None:
        y = row - round(self.scroll_y) + 1
        if 1 <= y < self.size.height:
            self.refresh_line(y)

    def notify_style_update(self) -> None:
        """The theme changed: the component styles are read again."""
        super().notify_style_update()
        self.refresh()

    def _cells(self, row: int) -> list[Text]:
        cells = self._rows.get(row)
        if cells is None:
            cells = self._fetch(row)
            cells += [Text("")] * (len(self._columns) - len(cells))
            self._rows[row] = cells
        return cells

    def render_line(self, y: int) -> Strip:
        """The header on the first line, then the rows from the scroll position."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("calendar-grid--header")
            cells = [Text(title) for _, title, _ in self._columns]
            return self._line(cells, [header] * len(cells), width)
        row = round(self.scroll_y) + y - 1
        if not 0 <= row < self.row_count:
            return Strip.blank(width, base)
        style = base
        if row % 2:
            style += self.get_component_rich_style("calendar-grid--even-row")
        fixed = style + self.get_component_rich_style("calendar-grid--fixed")
        styles = [fixed if n < self.fixed else style for n in range(len(self._columns))]
        cursor = self.cursor_coordinate.column if row == self.cursor_coordinate.row else None
        return self._line(self._cells(row), styles, width, cursor)

    def _line(
        self, cells: list[Text], styles: list[Style], width: int, cursor: int | None = None
    ) -> Strip:
        console = self.app.console
        cursor_style = self.get_component_rich_style("calendar-grid--cursor")

        def segments(first: int, last: int) -> list[Segment]:
            out: list[Segment] = []
            for n in range(first, last):
                _, _, cell_width = self._columns[n]
                text = cells[n].copy()
                # The row's style under the cell's own (a status colour), the cursor over both.
                style = styles[n] + console.get_style(text.style)
                text.style = style + cursor_style if n == cursor else style
                text.truncate(cell_width, overflow="ellipsis", pad=True)
                text.pad(1)
                out.extend(text.render(console))
            return out

        fixed = Strip(segments(0, self.fixed))
        rest = Strip(segments(self.fixed, len(self._columns)))
        scroll_x = round(self.scroll_x)
        rest = rest.crop(scroll_x, scroll_x + max(0, width - fixed.cell_length))
        line = Strip.join([fixed, rest])
        return line.extend_cell_length(width, self.rich_style).crop(0, width)
