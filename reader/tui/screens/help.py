"""Keys and what they do, built from the live bindings so it is never out of date."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from reader.i18n import N_, _
from reader.tui.commands import bound_actions

INTRO = N_(
    "Dwibahasa shows each Indonesian paragraph beside its English. The status line "
    "says where the current paragraph's English came from: the bundled reference "
    "translation, a machine translation, or a reviewed one. Every action below is "
    "also in the command palette (Ctrl+P)."
)


def bindings_table(screen: Screen[Any]) -> Table:
    """One row per action reachable on `screen`, its keys joined."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for action in bound_actions(screen):
        table.add_row(Text(", ".join(action.keys)), Text(action.help))
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the screen underneath."""

    CSS_PATH = "../styles/dialogs.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", N_("Close"), tooltip=N_("Close help")),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(_("Help"), id="dialog-title")
            yield Static(Text(_(INTRO)), id="help-intro")
            yield Static(bindings_table(self.under), id="help-keys")
