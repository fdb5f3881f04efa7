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


SEARCH_SYNTAX = N_(
    "Search (/) finds paragraphs holding every word, in either language, in any order. "
    '"aliansi strategis" in quotes finds the words together, as a phrase; '
    "diplomasi* finds every word that starts with diplomasi."
)


def bindings_table(screen: Screen[Any]) -> Table:
    """One row per action reachable on `screen`, its keys joined: Dwibahasa's own first,
    then those of Textual's widgets (scrolling, focus, editing), in the same style."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    actions = bound_actions(screen)
    ours = [action for action in actions if action.ours]
    theirs = [action for action in actions if not action.ours]
    for action in ours:
        table.add_row(Text(", ".join(action.keys)), Text(action.help))
    if theirs:
        table.add_row(Text(""), Text(""))
        table.add_row(Text(_("Moving around and editing"), style="bold underline"), Text(""))
        for action in theirs:
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
            if any(action.binding.action == "search" for action in bound_actions(self.under)):
                yield Static(Text(_(SEARCH_SYNTAX)), id="help-search")
