"""Edit a paragraph's English; what is saved counts as reviewed and is never machine-replaced.

The dialog also shows the paragraph's terminology flags (the "!" in the reader: glossary
terms whose English the translation lacks) and lets the reader dismiss them as no problem.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from reader.i18n import N_, _


class ReviewScreen(ModalScreen[str | None]):
    """Dismisses with the edited English, or None when cancelled."""

    CSS_PATH = "../styles/dialogs.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), tooltip=N_("Save as reviewed English")),
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without saving")),
        Binding(
            "ctrl+t",
            "dismiss_flags",
            N_("Dismiss flags"),
            tooltip=N_("The English is fine: stop flagging these terms in this paragraph"),
        ),
    ]

    def __init__(
        self,
        seq: int,
        indonesian: str,
        english: str,
        *,
        flags: Sequence[str] = (),
        dismiss_flags: Callable[[], None] | None = None,
    ) -> None:
        """`flags`: the English the check expected (shown); `dismiss_flags` stores their
        dismissal (Ctrl+T), called at most once."""
        super().__init__()
        self.seq = seq
        self.indonesian = indonesian
        self.english = english
        self.flags = tuple(flags)
        self._dismiss_flags = dismiss_flags

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Review the English of ¶ {seq}").format(seq=self.seq), id="dialog-title")
            yield Static(Text(self.indonesian), id="review-source")
            if self.flags:
                yield Static(self._flags_text(), id="review-flags")
            yield TextArea(self.english, id="review-english", soft_wrap=True)
            with Horizontal(id="review-buttons"):
                yield Button(_("Save (Ctrl+S)"), id="save", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _flags_text(self) -> Text:
        if self._dismiss_flags is None and self.flags:
            return Text(_("Flags dismissed: {terms}").format(terms=", ".join(self.flags)))
        lacks = _("English lacks: {terms}").format(terms=", ".join(self.flags))
        return Text(f"⚠ {lacks}  " + _("(Ctrl+T: dismiss as no problem)"), style="bold yellow")

    def action_dismiss_flags(self) -> None:
        if self._dismiss_flags is None or not self.flags:
            return
        dismiss, self._dismiss_flags = self._dismiss_flags, None
        dismiss()
        self.query_one("#review-flags", Static).update(self._flags_text())
