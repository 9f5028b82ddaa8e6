"""The program editor's tree of days and slots, with slot labels that fit its width.

At 80 columns the tree has about 18 columns for a slot's label: ``hip-flexor-stretch · hold``
was cut to ``hip-flexor-stretch`` or ``glute-stretch · ho``. Labels here are the exercise and
its rule when every one fits, else the exercise alone (the rule is in the form beside), shortened
with ``…`` only when even it does not fit. Labels are redrawn when the
tree is resized.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

Slot = tuple[int, int]
"""(day, slot) of a leaf; a day's own node has slot -1."""

_LEAF_DEPTH = 2
"""Slots sit under a day, under the program."""


def slot_label(exercise: str, kind: str, room: int, *, with_rule: bool = True) -> str:
    """``hip-flexor-stretch · hold`` (``with_rule``), else ``hip-flexor-stretch``, shortened to
    ``hip-flexor-st…`` only when it does not fit ``room`` (0: not laid out yet)."""
    full = f"{exercise} · {kind}" if with_rule else exercise
    if room <= 0 or len(full) <= room:
        return full
    return exercise[: max(1, room - 1)] + "…"


class SlotTree(Tree[Slot]):
    """Days and their slots; a slot's label fits the tree's width."""

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(label, id=id)
        self._slots: dict[Slot, tuple[str, str]] = {}

    def clear(self) -> SlotTree:
        """Remove every node (and the slots' labels)."""
        self._slots = {}
        super().clear()
        return self

    @property
    def room(self) -> int:
        """Columns a slot's label has at its depth (0 before the tree is laid out)."""
        width = self.scrollable_content_region.width
        return max(0, width - _LEAF_DEPTH * self.guide_depth) if width else 0

    def add_slot(self, day: TreeNode[Slot], exercise: str, kind: str, slot: Slot) -> None:
        """A slot's leaf under its ``day`` (labelled once all are added: see :meth:`relabel`)."""
        self._slots[slot] = (exercise, kind)
        day.add_leaf(slot_label(exercise, kind, self.room), data=slot)

    def relabel(self) -> None:
        """Fit every slot's label to the width: all with their rule when every one fits, else
        all without it (a column of exercises reads better than some with a rule, some not)."""
        room = self.room
        with_rule = not room or all(len(f"{e} · {k}") <= room for e, k in self._slots.values())
        for day in self.root.children:
            for leaf in day.children:
                if leaf.data in self._slots:
                    exercise, kind = self._slots[leaf.data]
                    label = slot_label(exercise, kind, room, with_rule=with_rule)
                    # Only a label that changes is set: each set_label redraws the tree's
                    # lines, and the first resize (the tree laid out) mostly changes none.
                    if str(leaf.label) != label:
                        leaf.set_label(label)

    def on_resize(self, _event: events.Resize) -> None:
        """Fit the labels to the new width."""
        self.relabel()
