"""A dialog listing the document's bookmarks; choosing one jumps there."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.i18n import N_, _

SNIPPET_LENGTH = 70


class BookmarksScreen(ModalScreen[int | None]):
    """Pick a bookmarked paragraph; dismisses with its number, or None."""

    CSS_PATH = "../styles/dialogs.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", N_("Close"), tooltip=N_("Close without jumping")),
    ]

    def __init__(self, entries: list[tuple[int, str]]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        options = []
        for seq, text in self.entries:
            snippet = text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1] + "…"
            options.append(Option(Text.assemble((f"¶ {seq:>4}  ", "bold"), snippet), id=str(seq)))
        with Vertical(id="dialog"):
            yield Label(_("Bookmarks: Enter jumps, Esc closes"), id="dialog-title")
            yield OptionList(*options, id="bookmark-list")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))
