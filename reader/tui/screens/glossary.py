"""The glossary screen: browse every term, filter by domain, search in either language."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from glossary.termbase import DOMAINS, domain_name
from reader.i18n import N_, _, pgettext
from reader.safe_text import display_text
from reader.service import ReadingService
from reader.tui.messages import OpenDocument
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.terms import TermScreen, term_text
from reader.tui.widgets.bars import KeyHints

TERM_COLUMN_WIDTH = 36
"""Cells of the Indonesian and English columns; a longer term ends in an ellipsis there
and is shown whole in the entry below."""
DOMAIN_COLUMN_WIDTH = 30


class GlossaryScreen(Screen[None]):
    """All terms with their occurrence counts; Enter opens the term panel."""

    CSS_PATH = "../styles/glossary.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open_term",
            N_("Term panel"),
            tooltip=N_("Entry and occurrences"),
            priority=True,
        ),
        Binding("slash", "focus_search", N_("Search"), tooltip=N_("Search both languages")),
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Keys and what they do")),
        Binding("escape,q", "close", N_("Back"), tooltip=N_("Back to where you were")),
    ]

    def __init__(self, service: ReadingService) -> None:
        super().__init__()
        self.service = service
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Dwibahasa · glossary"), style="bold"), id="title-bar")
        with Horizontal(id="glossary-filters"):
            yield Input(placeholder=_("Search Indonesian or English"), id="glossary-search")
            yield Select(
                [(domain_name(domain), domain) for domain in DOMAINS],
                prompt=_("All domains"),
                id="domain",
            )
        yield DataTable(id="glossary-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="glossary-detail")
        yield KeyHints(id="key-hints")

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        # A few terms run to 60 characters: capped, so Domain and Uses stay in sight.
        table.add_column(pgettext("column", "Indonesian"), key="id", width=TERM_COLUMN_WIDTH)
        table.add_column(pgettext("column", "English"), key="en", width=TERM_COLUMN_WIDTH)
        table.add_column(pgettext("column", "Domain"), key="domain", width=DOMAIN_COLUMN_WIDTH)
        table.add_column(pgettext("column", "Uses"), key="uses")
        self.counts = self.service.glossary.counts()
        self._fill()
        table.focus()

    def _fill(self) -> None:
        query = self.query_one("#glossary-search", Input).value
        domain_value = self.query_one("#domain", Select).value
        domain = domain_value if isinstance(domain_value, str) else None
        base = self.service.glossary.termbase()
        terms = base.find(query) if query.strip() else list(base)
        terms = [t for t in terms if domain is None or t.domain == domain]
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear()
        self._shown = [t.id for t in terms]
        for term in terms:
            table.add_row(
                Text(display_text(term.id_term), overflow="ellipsis", no_wrap=True),
                Text(display_text(term.en), overflow="ellipsis", no_wrap=True),
                Text(domain_name(term.domain), style="dim", overflow="ellipsis", no_wrap=True),
                Text(str(self.counts.get(term.id, 0)), justify="right"),
                key=term.id,
            )
        self._detail(0)

    @on(Input.Changed, "#glossary-search")
    @on(Select.Changed, "#domain")
    def _filter(self) -> None:
        self._fill()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, index: int) -> None:
        detail = self.query_one("#glossary-detail", Static)
        if not 0 <= index < len(self._shown):
            detail.update(Text(_("No term matches.") if not self._shown else ""))
            return
        base = self.service.glossary.termbase()
        term = base.get(self._shown[index])
        if term is not None:
            detail.update(term_text(term, self.counts.get(term.id, 0), base.related_names(term)))

    def action_focus_search(self) -> None:
        self.query_one("#glossary-search", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter belongs to the domain filter while it has focus (to open and pick)."""
        if action == "open_term" and self.focused is not None:
            select = self.query_one("#domain", Select)
            if self.focused is select or select in self.focused.ancestors:
                return False
        return True

    def action_open_term(self) -> None:
        if self.focused is self.query_one("#glossary-search"):
            self.query_one(DataTable).focus()
            return
        index = self.query_one(DataTable).cursor_row
        if not 0 <= index < len(self._shown):
            return

        def jump(target: tuple[str, int] | None) -> None:
            if target is not None:
                self.app.post_message(OpenDocument(*target))

        self.app.push_screen(TermScreen(self.service.glossary, [self._shown[index]]), jump)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))

    def action_close(self) -> None:
        self.app.pop_screen()
