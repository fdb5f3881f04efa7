"""The library: every document, how far it is translated, and where the reader left off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey

from reader.errors import UserError
from reader.i18n import N_, _, ngettext, pgettext
from reader.importing import paragraphs_guessed_note
from reader.library import DocumentRecord, DocumentSummary
from reader.safe_text import display_text
from reader.service import DeleteOutcome, ImportOutcome, ReadingService
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.bars import KeyHints

OTHER_COLUMNS_WIDTH = 60
"""Paragraph count, English share, last position, slug, cell padding and scrollbar."""

SORTS: dict[str, tuple[str, Callable[[DocumentSummary], Any]]] = {
    "title": (N_("title"), lambda s: (s.document.title.casefold(), s.document.id)),
    "paragraphs": (N_("paragraphs"), lambda s: (-s.paragraphs, s.document.title.casefold())),
    "english": (
        N_("share with English"),
        lambda s: (s.with_english / s.paragraphs if s.paragraphs else 0, s.document.title),
    ),
    "position": (N_("last read"), lambda s: (s.position is None, -(s.position or 0))),
    "slug": (N_("short name"), lambda s: s.document.slug),
    "added": (N_("newest first"), lambda s: -s.document.id),
}
"""How `s` orders the table, in the order it cycles (a click on a column header sorts by it)."""


def matches_filter(summary: DocumentSummary, words: str) -> bool:
    """Whether every word typed occurs in the title, short name or authors (any case)."""
    document = summary.document
    haystack = " ".join([document.title, document.slug, *document.authors]).casefold()
    return all(word in haystack for word in words.casefold().split())


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
        Binding("i", "import_document", N_("Import"), tooltip=N_("Import a file into the library")),
        Binding(
            "d", "delete_document", N_("Delete"), tooltip=N_("Delete the highlighted document")
        ),
        Binding(
            "r",
            "rename_document",
            N_("Rename"),
            tooltip=N_("Change the highlighted document's title or short name"),
        ),
        Binding("slash", "filter", N_("Filter"), tooltip=N_("Show only titles with these words")),
        Binding("escape", "clear_filter", N_("Clear filter"), show=False),
        Binding("s", "sort", N_("Sort"), tooltip=N_("Order by title, size, English, last read…")),
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Keys and what they do")),
        Binding("q", "quit", N_("Quit"), tooltip=N_("Leave Dwibahasa")),
    ]

    def __init__(self, service: ReadingService) -> None:
        super().__init__()
        self.service = service
        self._summaries: list[DocumentSummary] = []
        self.sort_key = "title"
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Dwibahasa · library"), style="bold"), id="title-bar")
        yield Input(placeholder=_("Filter by title, author or short name"), id="filter")
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

    def refresh_documents(self, *, select: str | None = None) -> None:
        """Read the documents again, filtered and sorted; keep (or move to `select`) the cursor."""
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        current = self._summaries[row].document.slug if 0 <= row < len(self._summaries) else None
        table.clear()
        words = self.query_one("#filter", Input).value
        _name, key = SORTS[self.sort_key]
        self._summaries = sorted(
            (s for s in self.service.summaries() if matches_filter(s, words)),
            key=key,
            reverse=self.sort_reverse,
        )
        self._show_sort()
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
        slugs = [summary.document.slug for summary in self._summaries]
        wanted = select or current
        if wanted in slugs:
            table.move_cursor(row=slugs.index(wanted))
        elif self._summaries:
            table.move_cursor(row=min(max(row, 0), len(self._summaries) - 1))
        elif words.strip():
            self.query_one("#details", Static).update(
                Text(
                    _("No title matches “{words}”; Esc in the filter shows all").format(words=words)
                )
            )
        else:
            self.query_one("#details", Static).update(
                Text(_("No documents yet. Press i to import a file (or: dwibahasa import FILE)"))
            )

    def _show_sort(self) -> None:
        name, _key = SORTS[self.sort_key]
        arrow = " ↓" if self.sort_reverse else ""
        count = len(self._summaries)
        shown = ngettext("{count} document", "{count} documents", count).format(count=count)
        title = Text(_("Dwibahasa · library"), style="bold")
        title.append(
            "  ·  "
            + _("{documents}, sorted by {order}").format(documents=shown, order=_(name))
            + arrow,
            style="dim",
        )
        self.query_one("#title-bar", Static).update(title)

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

    # Managing the library --------------------------------------------------

    def _highlighted(self) -> DocumentSummary | None:
        index = self.query_one(DataTable).cursor_row
        return self._summaries[index] if 0 <= index < len(self._summaries) else None

    def action_import_document(self) -> None:
        from reader.tui.screens.library_dialogs import ImportScreen

        def imported(outcome: ImportOutcome | None) -> None:
            if outcome is None:
                return
            self._clear_filter_for(outcome.document)
            self.refresh_documents(select=outcome.document.slug)
            if outcome.status == "unchanged":
                message = _("Already in the library as '{slug}'")
            else:
                message = ngettext(
                    "Imported '{slug}' ({count} paragraph)",
                    "Imported '{slug}' ({count} paragraphs)",
                    outcome.paragraphs,
                )
            slug = display_text(outcome.document.slug)
            message = message.format(slug=slug, count=outcome.paragraphs)
            if outcome.paragraphs_guessed:
                message += "\n" + paragraphs_guessed_note()
            self.notify(message, markup=False)

        self.app.push_screen(ImportScreen(self.service), imported)

    def _clear_filter_for(self, document: DocumentRecord) -> None:
        """A document the user just imported or renamed is shown even if the filter hid it."""
        field = self.query_one("#filter", Input)
        summary = DocumentSummary(document, 0, 0, None)
        if field.value and not matches_filter(summary, field.value):
            field.value = ""

    def action_delete_document(self) -> None:
        from reader.tui.screens.library_dialogs import DeleteScreen

        summary = self._highlighted()
        if summary is None:
            return
        document = summary.document
        try:
            self.service.check_can_delete(document)
        except UserError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        reviewed = self.service.library.reviewed_translation_count(document.id)

        def deleted(outcome: DeleteOutcome | None) -> None:
            if outcome is None:
                return
            self.refresh_documents()
            self.notify(
                _("Deleted '{title}'").format(title=display_text(document.title)), markup=False
            )

        self.app.push_screen(
            DeleteScreen(self.service, document, summary.paragraphs, reviewed), deleted
        )

    def action_rename_document(self) -> None:
        from reader.tui.screens.library_dialogs import RenameScreen

        summary = self._highlighted()
        if summary is None:
            return

        def renamed(document: DocumentRecord | None) -> None:
            if document is None:
                return
            self._clear_filter_for(document)
            self.refresh_documents(select=document.slug)
            self.notify(
                _("Renamed: {title}").format(title=display_text(document.title)), markup=False
            )

        self.app.push_screen(RenameScreen(self.service, summary.document), renamed)

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.add_class("-shown")
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_documents()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_clear_filter(self) -> None:
        """Esc clears the filter and shows every document again."""
        field = self.query_one("#filter", Input)
        if field.has_focus or field.value:
            field.value = ""
            field.remove_class("-shown")
            self.query_one(DataTable).focus()

    def action_sort(self) -> None:
        keys = list(SORTS)
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.sort_reverse = False
        self.refresh_documents()

    @on(DataTable.HeaderSelected)
    def _sort_by_column(self, event: DataTable.HeaderSelected) -> None:
        """A click on a header sorts by that column; a second click reverses."""
        key = str(event.column_key.value)  # the columns are keyed as the sorts are
        if key not in SORTS:
            return
        self.sort_reverse = not self.sort_reverse if key == self.sort_key else False
        self.sort_key = key
        self.refresh_documents()

    async def action_quit(self) -> None:
        self.app.exit()
