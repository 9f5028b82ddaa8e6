"""The program editor's tree at 80 columns: each slot's exercise is readable whole (its rule is
in the form), never cut mid-word as ``glute-stretch · ho``; wider, the rule is back."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.app import WorkoutApp
from screens.program_editor import ProgramEditorScreen
from screens.slot_tree import SlotTree, slot_label

from .conftest import TODAY
from .helpers import screen_text, settle

REHAB = ("cat-camel", "curl-up", "side-bridge", "bird-dog", "hip-flexor-stretch", "walk")


async def _tree_lines(size: tuple[int, int]) -> list[str]:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(ProgramEditorScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgramEditorScreen)
        await screen._refresh_list("back-rehab")
        await pilot.pause()
        tree = screen.query_one("#days", SlotTree)
        assert tree.scrollable_content_region.width > 0
        text = screen_text(pilot)
        return [line.strip() for line in text.splitlines() if "── " in line]


async def test_at_80x24_every_slot_shows_its_whole_exercise(data_dir: Path) -> None:
    lines = await _tree_lines((80, 24))
    for exercise in REHAB:
        assert any(f"── {exercise}  " in f"{line}  " for line in lines), (exercise, lines)
    assert not any("· ho" in line or "…" in line for line in lines), lines


async def test_at_120x36_slots_carry_their_rule(data_dir: Path) -> None:
    lines = await _tree_lines((120, 36))
    assert any("── hip-flexor-stretch · hold" in line for line in lines), lines
    assert any("── cat-camel · fixed" in line for line in lines), lines


@pytest.mark.parametrize(
    ("room", "with_rule", "expected"),
    [
        (0, True, "hip-flexor-stretch · hold"),  # not laid out yet: whole
        (30, True, "hip-flexor-stretch · hold"),
        (18, False, "hip-flexor-stretch"),
        (10, False, "hip-flexo…"),  # 10 columns, the last one the ellipsis
    ],
)
def test_slot_label_shortens_only_what_does_not_fit(
    room: int, with_rule: bool, expected: str
) -> None:
    assert slot_label("hip-flexor-stretch", "hold", room, with_rule=with_rule) == expected
