"""The library: every document, how far it is translated, and where the reader left off."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from reader.i18n import N_, _, ngettext, pgettext
from reader.library import DocumentSummary
from reader.safe_text import display_text
from reader.service import ReadingService
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.bars import KeyHints

OTHER_COLUMNS_WIDTH = 60
"""Paragraph count, English share, last position, slug, cell padding and scrollbar."""


class LibraryScreen(Screen[None]):
    """A table of documents; Enter opens one in the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open_document",
            N_("Read"),
            tooltip=N_("Open the highlighted document"),
            priority=True,
        ),
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Keys and what they do")),
        Binding("q", "quit", N_("Quit"), tooltip=N_("Leave Dwibahasa")),
    ]

    def __init__(self, service: ReadingService) -> None:
        super().__init__()
        self.service = service
        self._summaries: list[DocumentSummary] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Dwibahasa · library"), style="bold"), id="title-bar")
        table: DataTable[Text] = DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="details")
        yield KeyHints(id="key-hints")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(
            pgettext("column", "Title"), key="title", width=self._title_width(self.size.width)
        )
        table.add_column("¶", key="paragraphs")
        table.add_column(pgettext("column", "English"), key="english")
        table.add_column(pgettext("column", "Last read"), key="position")
        table.add_column(pgettext("column", "Slug"), key="slug")
        self.refresh_documents()
        table.focus()

    @staticmethod
    def _title_width(screen_width: int) -> int:
        """Room for the title once the narrow columns have theirs."""
        return max(screen_width - OTHER_COLUMNS_WIDTH, 20)

    def on_resize(self, event: Resize) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        column = table.columns.get(ColumnKey("title"))
        if column is not None:
            column.width = self._title_width(event.size.width)
            table.refresh()

    def on_screen_resume(self) -> None:
        self.refresh_documents()

    def refresh_documents(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self._summaries = self.service.summaries()
        for summary in self._summaries:
            document = summary.document
            share = summary.with_english * 100 // summary.paragraphs if summary.paragraphs else 0
            table.add_row(
                Text(display_text(document.title), overflow="ellipsis"),
                Text(str(summary.paragraphs), justify="right"),
                Text(f"{share}%", justify="right"),
                Text(f"¶ {summary.position}" if summary.position else "—"),
                Text(display_text(document.slug), style="dim"),
                key=document.slug,
            )
        if self._summaries:
            table.move_cursor(row=min(row, len(self._summaries) - 1))
        else:
            self.query_one("#details", Static).update(
                Text(_("No documents yet. Import one with: dwibahasa import FILE"))
            )

    @on(DataTable.RowHighlighted)
    def _show_details(self, event: DataTable.RowHighlighted) -> None:
        if not 0 <= event.cursor_row < len(self._summaries):
            return
        summary = self._summaries[event.cursor_row]
        document = summary.document
        text = Text(display_text(document.title), style="bold")
        if document.authors:
            text.append("\n" + display_text(", ".join(document.authors)))
        if document.source:
            text.append("\n" + display_text(document.source), style="italic")
        counts = ngettext(
            "{count} paragraph · {english} with English (reference translation where bundled)",
            "{count} paragraphs · {english} with English (reference translation where bundled)",
            summary.paragraphs,
        ).format(count=summary.paragraphs, english=summary.with_english)
        text.append("\n" + counts, style="dim")
        self.query_one("#details", Static).update(text)

    @on(DataTable.RowSelected)
    def _open_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.cursor_row)

    def action_open_document(self) -> None:
        self._open(self.query_one(DataTable).cursor_row)

    def _open(self, index: int) -> None:
        if not 0 <= index < len(self._summaries):
            return
        self.app.push_screen(ReaderScreen(self.service, self._summaries[index].document))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))

    async def action_quit(self) -> None:
        self.app.exit()
