"""Small modal questions, all answered the same way.

``y`` (or Enter on the highlighted button, the default) confirms; ``n`` or Esc cancels. Focus
starts on the default button, so a letter is never typed into an optional field by accident
(Tab reaches it); only a question that needs an answer (a date) starts in its field, where
Enter confirms and Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static
from textual.widgets.button import ButtonVariant

Check = Callable[[str], str | None]
"""Returns a one-line problem with the typed text, or None when it is fine."""

HINT = "y or Enter: {yes} · n or Esc: {no}"
HINT_OPTIONAL = "y or Enter: {yes} · n or Esc: {no} · Tab: the note"
HINT_FIELD = "Enter: {yes} · Esc: {no}"
HINT_NO = "y: {yes} · n, Esc or Enter: {no}"
"""The hint when the safe answer is the default (Enter presses the highlighted button)."""


class ConfirmScreen(ModalScreen[str | None]):
    """Ask before a change is saved.

    Dismisses with the typed text ("" when there is no input field) when confirmed, and with
    None when cancelled. A ``check`` keeps the dialog open and shows its message beside the field.
    """

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("y", "confirm", "Yes", show=False),
        Binding("n", "cancel", "No", show=False),
        Binding("tab", "tab", "Next", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str = "",
        *,
        yes: str = "Yes",
        no: str = "Cancel",
        field: str | None = None,
        value: str = "",
        check: Check | None = None,
        optional: bool = False,
        default: Literal["yes", "no"] = "yes",
    ) -> None:
        super().__init__()
        self.question = title
        """The question, in one line."""
        self.body = body
        """What will happen, in a few words."""
        self.yes = yes
        """The label of the confirming button."""
        self.no = no
        """The label of the cancelling button."""
        self.field = field
        """The label of the input field, if the question needs an answer."""
        self.value = value
        """The answer it starts with."""
        self.check = check
        """Validates the answer before the dialog closes."""
        self.optional = optional
        """The field may stay empty: focus starts on the buttons (``y``/``n`` answer at once)."""
        self.default = default
        """The button highlighted first: what Enter does."""

    def compose(self) -> ComposeResult:
        """The question, the optional field, two buttons, how to answer."""
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            if self.body:
                yield Static(self.body, id="body")
            if self.field is not None:
                yield Static(self.field, id="field-label")
                yield Input(self.value, id="answer", compact=True)
                yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button(self.yes, variant="primary", id="yes", compact=True)
                yield Button(self.no, id="no", compact=True)
            typed = self.field is not None and not self.optional
            hint = HINT_FIELD if typed else HINT_OPTIONAL if self.field is not None else HINT
            if self.default == "no" and self.field is None:
                hint = HINT_NO
            hint = hint.format(yes=self.yes, no=self.no)
            yield Static(hint, id="hint")

    def on_mount(self) -> None:
        """Focus the field a needed answer goes in, else the default button."""
        if self.field is not None and not self.optional:
            self.query_one("#answer", Input).focus()
        else:
            self.query_one(f"#{self.default}", Button).focus()

    def action_tab(self) -> None:
        """Tab: from the buttons straight to an optional field (one key, not three)."""
        field = self.query("#answer").first(Input) if self.field is not None else None
        if field is not None and self.optional and not field.has_focus:
            field.focus()
        else:
            self.focus_next()

    @on(Button.Pressed, "#yes")
    @on(Input.Submitted, "#answer")
    def action_confirm(self) -> None:
        """Close with the answer, unless the check finds a problem with it."""
        answer = ""
        if self.field is not None:
            answer = self.query_one("#answer", Input).value.strip()
            problem = self.check(answer) if self.check else None
            if problem:
                self.query_one("#error", Static).update(problem)
                self.query_one("#answer", Input).add_class("-invalid")
                return
        self.dismiss(answer)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)


Choice = tuple[str, str, str]
"""A choice: its key, its button label, the value the dialog closes with."""


class ChoiceScreen(ModalScreen[str | None]):
    """A question with several answers, each a button and a key; Enter presses the highlighted
    one (the first, to start with), Esc closes with None (nothing done)."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('')", "Cancel")]

    def __init__(self, title: str, body: str, choices: Sequence[Choice], cancel: str) -> None:
        super().__init__()
        self.question = title
        """The question, in one line."""
        self.body = body
        """What each answer does."""
        self.choices = tuple(choices)
        """The answers."""
        self.cancel = cancel
        """What Esc means, in words."""

    def compose(self) -> ComposeResult:
        """The question, a button per answer, how to answer."""
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Static(self.body, id="body")
            with Horizontal(id="buttons"):
                for index, (key, label, value) in enumerate(self.choices):
                    variant: ButtonVariant = "primary" if index == 0 else "default"
                    yield Button(
                        f"{label} ({key})", variant=variant, id=f"choice-{value}", compact=True
                    )
            yield Static(f"Enter: the highlighted answer · Esc: {self.cancel}", id="hint")

    def on_mount(self) -> None:
        """The first answer is highlighted."""
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        """A choice's key answers at once."""
        for key, _, value in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        """A button pressed: its answer."""
        self.dismiss((event.button.id or "").removeprefix("choice-") or None)

    def action_choose(self, value: str) -> None:
        """Close with ``value`` (Esc: None)."""
        self.dismiss(value or None)
