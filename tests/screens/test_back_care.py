"""The Back-care screen: the guide's sections at 80×24 and 120×36, chosen with the keys."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.pilot import Pilot

from planner.guide import SECTIONS, Section
from screens.back_care import BackCareScreen

from .helpers import screen_text

SIZES = [(80, 24), (120, 36)]
LIST_WIDTH = 30
"""The section list's columns; the text is to their right."""


class GuideApp(App[None]):
    """Nothing but the guide, opened on top of an empty screen."""

    def on_mount(self) -> None:
        self.push_screen(BackCareScreen())


def reading_pane(pilot: Pilot[None]) -> str:
    """The words right of the section list, as one line (scrollbar marks dropped)."""
    lines = screen_text(pilot).splitlines()[1:-1]  # no header, no footer
    text = " ".join(line[LIST_WIDTH:] for line in lines)
    return " ".join(word for word in text.split() if not set(word) <= set("▁▂▃▄▅▆▇█▔"))


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press the keys and let the screen redraw."""
    await pilot.press(*keys)
    await pilot.pause()


def shows(pilot: Pilot[None], section: Section) -> bool:
    """The section's title heads the text, and its first paragraph is there, unclipped."""
    pane = reading_pane(pilot)
    return pane.startswith(section.title) and " ".join(section.paragraphs[0].split()) in pane


@pytest.mark.parametrize("size", SIZES)
async def test_opens_on_the_first_section_and_the_keys_choose_another(
    size: tuple[int, int],
) -> None:
    app = GuideApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BackCareScreen)
        assert shows(pilot, SECTIONS[0])
        for section in SECTIONS[1:]:
            assert section.title in screen_text(pilot)  # every section listed

        await press(pilot, "down")
        assert shows(pilot, SECTIONS[1])
        assert not shows(pilot, SECTIONS[0])

        await press(pilot, "j")
        assert shows(pilot, SECTIONS[2])
        await press(pilot, "k", "up")
        assert shows(pilot, SECTIONS[0])

        await press(pilot, "up")  # stays on the first
        assert shows(pilot, SECTIONS[0])

        await press(pilot, "escape")
        assert not isinstance(app.screen, BackCareScreen)


async def test_the_page_keys_scroll_a_long_section_at_80_by_24() -> None:
    app = GuideApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, *["down"] * (len(SECTIONS) - 1))
        clinician = SECTIONS[-1]
        assert shows(pilot, clinician)
        assert "Sources:" not in reading_pane(pilot)

        await press(pilot, "pagedown")
        pane = reading_pane(pilot)
        assert pane.startswith(clinician.title)  # the title stays put
        assert "Sources:" in pane
