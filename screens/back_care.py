"""The back-care guide in the app: the sections on the left, the chosen one on the right."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planner.guide import MIN_WIDTH, SECTIONS, Section, section_body
from screens.keybar import KeyBar
from screens.titlebar import TitleBar


class _SectionBody(Static):
    """A section's text, wrapped by the guide itself so list items hang under their bullet."""

    def __init__(self, section: Section, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.section = section
        """The section shown."""

    def show(self, section: Section) -> None:
        """Show ``section`` instead."""
        self.section = section
        self._rewrap()

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again to the new width."""
        self._rewrap()

    def _rewrap(self) -> None:
        # Before the first layout the width is 0; the guide's narrowest width stands in.
        self.update(section_body(self.section, max(self.size.width, MIN_WIDTH)))


class BackCareScreen(Screen[None]):
    """Why moving helps, sitting and standing, lifting, walking, pacing, when to see a clinician.

    Nothing here is focusable: the arrows (or j and k) choose a section wherever focus is,
    and the page keys scroll its text.
    """

    CSS_PATH = "back_care.tcss"
    SUB_TITLE = "Back care"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", tooltip="Close the guide"),
        Binding("down,j", "step(1)", "Next", key_display="↓ j", tooltip="The next section"),
        Binding("up,k", "step(-1)", "Previous", key_display="↑ k", tooltip="The section before"),
        Binding(
            "pagedown,space",
            "page(1)",
            "Scroll",
            key_display="PgDn",
            tooltip="Read on in this section",
        ),
        Binding("pageup", "page(-1)", "Scroll up", show=False, tooltip="Back up this section"),
    ]

    def compose(self) -> ComposeResult:
        """The section list and the text of the first section."""
        yield TitleBar()
        with Horizontal(id="guide"):
            sections = OptionList(
                *(Option(section.title, id=section.key) for section in SECTIONS), id="sections"
            )
            sections.can_focus = False
            yield sections
            # The title stays put while the text under it scrolls.
            with Vertical(id="reading"):
                yield Static(SECTIONS[0].title, markup=False, id="title")
                with VerticalScroll(id="text") as text:
                    text.can_focus = False
                    yield _SectionBody(SECTIONS[0], id="body")
        yield KeyBar()

    def on_mount(self) -> None:
        """The first section is the one shown."""
        self.query_one("#sections", OptionList).highlighted = 0

    @on(OptionList.OptionHighlighted, "#sections")
    def _section_chosen(self, event: OptionList.OptionHighlighted) -> None:
        section = SECTIONS[event.option_index]
        self.query_one("#title", Static).update(section.title)
        self.query_one("#body", _SectionBody).show(section)
        self.query_one("#text", VerticalScroll).scroll_home(animate=False)

    def action_step(self, by: int) -> None:
        """Show the next (``by`` 1) or previous (-1) section, stopping at either end."""
        sections = self.query_one("#sections", OptionList)
        current = sections.highlighted or 0
        sections.highlighted = max(0, min(len(SECTIONS) - 1, current + by))

    def action_page(self, by: int) -> None:
        """Scroll the section's text a page down (``by`` 1) or up (-1)."""
        text = self.query_one("#text", VerticalScroll)
        if by > 0:
            text.scroll_page_down()
        else:
            text.scroll_page_up()

    def action_close(self) -> None:
        """Back to where the guide was opened."""
        self.dismiss()
