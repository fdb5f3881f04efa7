"""Unsaved edits are never thrown away silently: Esc in the English editor asks first.

`GuardedReviewScreen` is the review dialog (`reader/tui/screens/review.py`) whose
cancel, when the English was changed, asks: save, discard, or keep editing.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from reader.i18n import N_, _
from reader.tui.screens.review import ReviewScreen

SAVE, DISCARD, KEEP = "save", "discard", "keep"


class UnsavedScreen(ModalScreen[str]):
    """Dismisses with "save", "discard" or "keep" (Esc: keep editing, nothing lost)."""

    CSS_PATH = "../styles/dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('keep')", N_("Keep editing"), tooltip=N_("Back to the editor")),
        Binding("s", "choose('save')", N_("Save"), tooltip=N_("Save as reviewed English")),
        Binding("d", "choose('discard')", N_("Discard"), tooltip=N_("Close and lose the changes")),
    ]

    def __init__(self, seq: int) -> None:
        super().__init__()
        self.seq = seq

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Unsaved changes"), id="dialog-title")
            yield Static(
                _("You changed the English of ¶ {seq}. Save it as reviewed?").format(seq=self.seq)
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save (s)"), id=SAVE, variant="primary")
                yield Button(_("Discard (d)"), id=DISCARD, variant="error")
                yield Button(_("Keep editing (Esc)"), id=KEEP)

    def on_mount(self) -> None:
        self.query_one(f"#{SAVE}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(event.button.id or KEEP)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class GuardedReviewScreen(ReviewScreen):
    """The review dialog, asking before it drops changed English."""

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text == self.english:
            self.dismiss(None)
            return

        def chosen(choice: str | None) -> None:
            if choice == SAVE:
                self.action_save()
            elif choice == DISCARD:
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(UnsavedScreen(self.seq), chosen)
