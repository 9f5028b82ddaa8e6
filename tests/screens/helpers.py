"""Small helpers for the Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot[None]) -> None:
    """Let the load and save workers finish and their messages be handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_log(pilot: Pilot[None]) -> None:
    """From the dashboard, once the plan is loaded: open the set-by-set log (``l``)."""
    await settle(pilot)
    await pilot.press("l")
    await pilot.pause()


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal shows right now, as plain text lines (modal dialogs included)."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus the input ``selector`` on the active screen, clear it and type ``text``."""
    from textual.widgets import Input

    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.pause()
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def type_set(pilot: Pilot[None], row: str, field: str, text: str) -> None:
    """Go to field ``field`` (reps, load, seconds) of the set row ``row`` and type ``text``
    (the first key replaces what the field held)."""
    from screens.log_rows import SetRow

    widget = pilot.app.screen.query_one(row, SetRow)
    widget.focus()
    widget.select(field)
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()
