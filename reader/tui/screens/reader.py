"""The reader: a document paragraph by paragraph, Indonesian beside English."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from reader.errors import UserError
from reader.i18n import N_, _, ngettext, pgettext
from reader.library import BilingualRow, DocumentRecord
from reader.safe_text import display_text
from reader.service import ReadingService, source_label
from reader.tui.english_stream import (
    QUICK_SWITCHES,
    UPDATE_INTERVAL,
    EnglishStream,
    Links,
    Misses,
    RowChange,
    RowsUpdate,
    display_row,
    load_links,
    row_texts,
)
from reader.tui.messages import LibraryRequested, OpenDocument
from reader.tui.search import search_matches
from reader.tui.widgets.bars import ColumnHeader, KeyHints, StatusBar, TitleBar
from reader.tui.widgets.parallel_text import ParallelText, RowText

if TYPE_CHECKING:  # the translation modules load when a translation starts, not at start-up
    from glossary.termbase import Term
    from reader.translation import Progress, TranslationReport, TranslationRun

NARROW_WIDTH = 100
"""Below this many columns the two languages are stacked, unless the reader chose otherwise."""
POSITION_SAVE_DELAY = 0.5
LEAVE_WAIT = 0.5
"""Seconds leaving the reader waits (the UI still running) for the position to be stored,
so the library screen shows it; a library locked longer does not keep the reader open."""

WRITE_ERRORS = (UserError, sqlite3.Error)
"""What a write may raise that the reader reports and survives: the library busy (a
`UserError`, like every refusal the service words) or a failing disk."""


@dataclass(frozen=True)
class Write:
    """A write a key asked for: `run` in the writer thread, then `done` or `failed` here."""

    run: Callable[[], object]
    notice: str
    """What to tell the reader when it fails, with an `{error}` placeholder."""
    done: Callable[[object], None]
    failed: Callable[[Exception], None]
    """Undoes what the screen showed ahead of the write, and says so."""


def kind_label(kind: str) -> str:
    """A paragraph kind as the status line names it (the kind itself is a code)."""
    labels = {
        "heading": pgettext("paragraph kind", "heading"),
        "caption": pgettext("paragraph kind", "caption"),
        "reference": pgettext("paragraph kind", "reference"),
        "paragraph": pgettext("paragraph kind", "paragraph"),
        "item": pgettext("paragraph kind", "list item"),
        "note": pgettext("paragraph kind", "footnote"),
    }
    return labels.get(kind, kind)


def kind_status(kind: str, page: int | None = None) -> str:
    """The status line's kind field: a footnote of a paged source says its page."""
    if kind == "note" and page is not None:
        return _("{kind}, p. {page}").format(kind=kind_label(kind), page=page)
    return kind_label(kind)


def flag_label(flag: str) -> str:
    """A check the English failed, in the interface language (flags are stored in English)."""
    from reader.translation import describe_flag  # only when a flag is shown: not at start-up

    return describe_flag(flag)


class ReaderScreen(Screen[None]):
    """One document in two aligned columns, with search, bookmarks and resume."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", N_("Search"), tooltip=N_("Find text in either language")),
        Binding("n", "next_match", N_("Next match"), tooltip=N_("Go to the next search match")),
        Binding(
            "N",
            "previous_match",
            N_("Prev match"),
            tooltip=N_("Go to the previous search match"),
        ),
        Binding(
            "b",
            "toggle_bookmark",
            N_("Bookmark"),
            tooltip=N_("Bookmark this paragraph (again: remove)"),
        ),
        Binding("B", "bookmarks", N_("Bookmarks"), tooltip=N_("List bookmarks and jump to one")),
        Binding("l", "toggle_layout", N_("Layout"), tooltip=N_("Side by side or stacked")),
        Binding(
            "T", "translate", N_("Translate"), tooltip=N_("Machine-translate what has no English")
        ),
        Binding("X", "stop_translation", N_("Stop"), show=False, tooltip=N_("Stop translating")),
        Binding(
            "e",
            "review",
            N_("Edit English"),
            tooltip=N_("Edit this paragraph's English (reviewed)"),
        ),
        Binding(
            "t",
            "terms",
            N_("Terms"),
            tooltip=N_("Glossary terms of this paragraph, and where else"),
        ),
        Binding(
            "h",
            "handout",
            N_("Handout"),
            tooltip=N_("Write a handout of this section (or any range): PDF, HTML, DOCX, Markdown"),
        ),
        Binding("o", "outline", N_("Outline"), tooltip=N_("Headings of the document; Enter jumps")),
        Binding(
            "a",
            "add_term",
            N_("Add term"),
            tooltip=N_("Add a term of your own (the words selected with v, or the search text)"),
        ),
        Binding(
            "left_square_bracket",
            "heading(-1)",
            N_("Prev heading"),
            show=False,
            tooltip=N_("Go to the previous heading"),
        ),
        Binding(
            "right_square_bracket",
            "heading(1)",
            N_("Next heading"),
            show=False,
            tooltip=N_("Go to the next heading"),
        ),
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Keys and what they do")),
        Binding("q", "back", N_("Back"), tooltip=N_("Back to the library")),
        Binding("escape", "back", N_("Back"), show=False, tooltip=N_("Back to the library")),
    ]

    class TranslationProgress(Message):
        """Batches were stored: how far the run is, and the paragraphs that got English."""

        def __init__(self, progress: str, changes: list[RowChange]) -> None:
            super().__init__()
            self.progress = progress
            self.changes = changes

    class TranslationFinished(Message):
        def __init__(
            self,
            report: TranslationReport | None,
            error: str | None = None,
            update: RowsUpdate | None = None,
        ) -> None:
            super().__init__()
            self.report = report
            self.error = error
            self.update = update

    class GlossaryLinked(Message):
        """After a run: the glossary's links of the new English, and the rows they change."""

        def __init__(self, update: RowsUpdate) -> None:
            super().__init__()
            self.update = update

    class WriteFinished(Message):
        """A write queued from a key ran in the writer thread: its result, or its error."""

        def __init__(self, write: Write, result: object, error: Exception | None) -> None:
            super().__init__()
            self.write = write
            self.result = result
            self.error = error

    def __init__(
        self, service: ReadingService, document: DocumentRecord, at: int | None = None
    ) -> None:
        super().__init__()
        self.service = service
        self.document = document
        self._start_seq = at
        self._rows: list[BilingualRow] = []
        self._bookmarks: set[int] = set()
        """Bookmarks as shown: a toggle shows at once and is undone if it cannot be saved."""
        self._bookmark_writes: Counter[int] = Counter()
        """Bookmark toggles queued or running, per paragraph seq."""
        self._layout_choice: bool | None = None
        """None: automatic by width; True/False: the reader chose stacked/side by side."""
        self._pattern: re.Pattern[str] | None = None
        self._query = ""
        self._matches: list[int] = []
        self._save_timer: Timer | None = None
        self._translation: str | None = None
        """Progress of the translation running now, or None."""
        self._run: TranslationRun | None = None
        """The translation running now: `cancel()` stops it from this thread."""
        self._links: Links = {}
        self._misses: Misses = {}
        self._shown_label = ""
        """The column header's name for the English, as last drawn."""
        self._drafts: dict[int, str] = {}
        """Reviewed English that could not be saved, per seq: `e` opens it again."""
        self._writes: deque[Write] = deque()
        """Writes waiting for the writer thread, in the order the keys were pressed."""
        self._writes_lock = threading.Lock()
        self._writer_running = False
        self._position_wanted: int | None = None
        """The position the next position write stores (the latest, when several queue up)."""
        self._position_queued = False
        self._saved_position: int | None = None
        """The position last stored (read by the writer thread too: an int, set atomically)."""
        self._position_failed = False
        """A position write failed and said so; the next failures stay quiet until one works."""
        self._closing_down = False
        """The reader is closing: a failed write drops those queued after it."""
        self._current = 0
        """The current row, as last reported (the widget may be gone when the reader closes)."""

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield ColumnHeader(id="column-header")
        yield ParallelText(id="parallel")
        yield Input(
            placeholder=_("Search both languages, Enter to find, Esc to cancel"), id="search"
        )
        yield StatusBar(id="status")
        yield KeyHints(id="key-hints")

    @property
    def parallel(self) -> ParallelText:
        return self.query_one(ParallelText)

    @property
    def current_seq(self) -> int:
        return self._rows[self.parallel.current].seq if self._rows else 0

    def on_mount(self) -> None:
        document = self.document
        byline = ", ".join(document.authors)
        if document.year:
            byline = f"{byline} ({document.year})" if byline else str(document.year)
        note = _("paragraph breaks guessed") if document.paragraphs_guessed else ""
        self.query_one(TitleBar).show_document(
            display_text(document.title), display_text(byline), note
        )
        self._rows = self.service.rows(document)
        self._links, self._misses = load_links(self.service, document)
        self._bookmarks = set(self.service.bookmarks(document))
        start = self._start_seq or self.service.position(document)
        parallel = self.parallel
        parallel.stacked = self._want_stacked(self.size.width)
        parallel.set_bookmarks(self._bookmarks)
        parallel.set_rows(row_texts(self._rows, self._links, self._misses), current=start - 1)
        self._current = parallel.current
        parallel.focus()
        self._update_status()

    # Layout ------------------------------------------------------------------

    def _want_stacked(self, width: int) -> bool:
        return self._layout_choice if self._layout_choice is not None else width < NARROW_WIDTH

    def on_resize(self, event: Resize) -> None:
        self.parallel.stacked = self._want_stacked(event.size.width)

    def action_toggle_layout(self) -> None:
        self._layout_choice = not self.parallel.stacked
        self.parallel.stacked = self._layout_choice
        self.notify(_("Stacked layout") if self._layout_choice else _("Side-by-side layout"))

    @on(ParallelText.LayoutChanged)
    def _show_columns(self) -> None:
        self._shown_label = self._english_label()
        self.query_one(ColumnHeader).show_layout(self.parallel.layout_geometry, self._shown_label)
        self._update_status()

    def _english_label(self) -> str:
        statuses = {row.english_status for row in self._rows if row.lang != "en"}
        if statuses == {"reference"}:
            return _("reference translation")
        if not statuses - {None}:
            return _("none yet")
        return _("mixed sources, see status line")

    # Position ----------------------------------------------------------------

    @on(ParallelText.CurrentChanged)
    def _current_changed(self, message: ParallelText.CurrentChanged) -> None:
        self._current = message.index
        self._update_status()
        self._follow_outline()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(POSITION_SAVE_DELAY, self._save_position_soon)

    def _save_position_soon(self) -> None:
        if self._rows:
            self._save_position(self.current_seq)

    def _save_position(self, seq: int) -> None:
        """Store `seq` as the position, in the writer thread; queued once however often asked."""
        with self._writes_lock:
            self._position_wanted = seq
            if self._position_queued:
                return
            self._position_queued = True
        self._queue_write(
            Write(
                self._write_position,
                _("Could not save the reading position: {error}"),
                done=self._position_saved,
                failed=self._position_not_saved,
            )
        )

    def _write_position(self) -> int:
        """In the writer thread: the latest position asked for."""
        with self._writes_lock:
            seq = self._position_wanted
            self._position_queued = False
        assert seq is not None
        if seq != self._saved_position:
            self.service.set_position(self.document, seq)
            self._saved_position = seq
        return seq

    def _position_saved(self, result: object) -> None:
        self._position_failed = False

    def _position_not_saved(self, error: Exception) -> None:
        if not self._position_failed:  # once per spell of failures, not at every key
            self._position_failed = True
            self._could_not_save(_("Could not save the reading position: {error}"), error)

    def on_unmount(self) -> None:
        """The reader is closing (left, or the app ends): the position must be stored."""
        self.save_position_now()

    def save_position_now(self) -> None:
        """When the reader closes: store the position, without the UI thread waiting.

        If the writer thread is busy (perhaps waiting for a lock), the position
        joins its queue; else a thread of its own stores it (the process waits
        for it before exiting). Once the reader is closing, the first write
        that fails drops those queued after it, so a library another program
        holds delays the exit by one busy timeout at most.
        """
        if self._closing_down:
            return
        self._closing_down = True
        if not self._rows:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        try:
            index = self.parallel.current
        except NoMatches:  # the widgets went first
            index = self._current
        seq = self._rows[index].seq
        with self._writes_lock:
            self._position_wanted = seq  # a position write still queued stores this one too
            writing = self._writer_running
        if seq == self._saved_position:
            return
        if writing:
            self._save_position(seq)
        else:
            closing = threading.Thread(target=self._write_position_at_close, name="position")
            closing.start()

    def _write_position_at_close(self) -> None:
        with contextlib.suppress(*WRITE_ERRORS):  # closing: no one to tell; it stays as it was
            self._write_position()

    async def action_back(self) -> None:
        if self.query_one("#search", Input).has_class("-visible"):
            self._hide_search()
            return
        if self._rows and self.current_seq != self._saved_position:
            if self._save_timer is not None:
                self._save_timer.stop()
            seq = self.current_seq
            self._save_position(seq)
            deadline = time.monotonic() + LEAVE_WAIT
            while self._saved_position != seq and time.monotonic() < deadline:
                await asyncio.sleep(0.005)  # the UI keeps running; the write is not waited for
        self.app.post_message(LibraryRequested())

    # Writes ------------------------------------------------------------------

    def _queue_write(self, write: Write) -> None:
        """Run `write` in the writer thread, after those queued before it.

        One thread at a time writes (keys' writes stay in order); it ends when
        the queue is empty, so nothing runs while the reader only reads.
        """
        with self._writes_lock:
            self._writes.append(write)
            if self._writer_running:
                return
            self._writer_running = True
        self._drain_writes(self.app)

    @work(thread=True, group="writes")
    def _drain_writes(self, app: App[object]) -> None:
        """The writer thread: a write may wait for a lock another process holds."""
        while True:
            with self._writes_lock:
                if not self._writes:
                    self._writer_running = False
                    return
                write = self._writes.popleft()
            try:
                result = write.run()
            except WRITE_ERRORS as error:
                if self._closing_down:  # the next writes would wait in vain for the lock too
                    with self._writes_lock:
                        self._writes.clear()
                        self._writer_running = False
                    app.notify(write.notice.format(error=error), severity="error", markup=False)
                    return
                if not self.post_message(self.WriteFinished(write, None, error)):
                    # the reader was left meanwhile: the app still says what was not saved
                    app.notify(write.notice.format(error=error), severity="error", markup=False)
            except BaseException:
                with self._writes_lock:
                    self._writer_running = False  # a bug: the app reports it and stops
                raise
            else:
                self.post_message(self.WriteFinished(write, result, None))

    @on(WriteFinished)
    def _write_finished(self, message: WriteFinished) -> None:
        if message.error is None:
            message.write.done(message.result)
        else:
            message.write.failed(message.error)

    def _could_not_save(self, notice: str, error: Exception) -> None:
        """Tell the reader a write failed (`notice` has an `{error}` placeholder)."""
        self.notify(notice.format(error=error), severity="error", markup=False, timeout=8)

    def go_to(self, seq: int) -> None:
        self.parallel.current = seq - 1

    # Outline (reader/tui/screens/outline.py) ----------------------------------

    def action_outline(self) -> None:
        from reader.tui.screens.outline import toggle_outline

        toggle_outline(self, self._rows)

    def action_heading(self, step: int) -> None:
        from reader.tui.screens.outline import neighbour_heading, outline_entries

        seq = neighbour_heading(outline_entries(self._rows), self.current_seq, step)
        if seq is None:
            self.app.bell()
        else:
            self.go_to(seq)

    def _follow_outline(self) -> None:
        if self._rows and self.query("#outline"):
            from reader.tui.screens.outline import OutlinePanel

            self.query_one(OutlinePanel).follow(self.current_seq)

    # Status ------------------------------------------------------------------

    def _update_status(self) -> None:
        if not self._rows:
            self.query_one(StatusBar).show([(_("This document has no paragraphs"), "bold")])
            return
        row = self._rows[self.parallel.current]
        position = _("¶ {seq} of {total}").format(seq=row.seq, total=len(self._rows))
        parts = [(position, "bold")]
        if row.kind != "paragraph":
            parts.append((kind_status(row.kind, row.page), "italic"))
        source = len(parts)  # the field the status line shortens first
        parts.append((source_label(row), "bold" if row.english_status == "machine" else ""))
        for flag in row.english_flags:
            parts.append((f"⚠ {flag_label(flag)}", "bold yellow"))
        missing = self._misses.get(row.seq, [])
        if missing:
            base = self.service.glossary.termbase()
            names = [t.en for t in (base.get(i) for i in missing) if t is not None]
            lacks = _("English lacks: {terms}").format(terms=", ".join(names))
            parts.append((f"⚠ {lacks}", "bold yellow"))
        terms = {term for *_span, term in self._links.get(row.paragraph_id, ())}
        if terms:
            count = len(terms)
            parts.append(
                (ngettext("{count} term (t)", "{count} terms (t)", count).format(count=count), "")
            )
        if self._translation is not None:
            translating = _("translating {progress} (X stops)").format(progress=self._translation)
            parts.append((translating, "italic"))
        if row.seq in self._bookmarks:
            parts.append(("★ " + _("bookmarked"), "yellow"))
        if self._pattern is not None:
            if self._matches:
                here = [i for i, seq in enumerate(self._matches) if seq == row.seq]
                where = (
                    _("{index} of {count}").format(index=here[0] + 1, count=len(self._matches))
                    if here
                    else f"{len(self._matches)} ¶"
                )
            else:
                where = _("no match")
            parts.append((f"/{self._query}: {where}", "italic"))
        parts.append((_("stacked") if self.parallel.stacked else _("side by side"), "dim"))
        self.query_one(StatusBar).show(parts, shrink=source)

    # Search ------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = self._query
        search.add_class("-visible")
        self.set_focus(search)  # now, not later: keys typed right after / must reach it

    @on(Input.Submitted, "#search")
    def _run_search(self, event: Input.Submitted) -> None:
        self._hide_search()
        self.search(event.value)

    def search(self, query: str) -> None:
        """Highlight `query` in both columns and go to its first match from here on."""
        self._query = display_text(query)
        if not self._query:
            self._pattern, self._matches = None, []
            self.parallel.set_search(None)
            self._update_status()
            return
        self._pattern, self._matches = search_matches(self._query, self.parallel.rows)
        self.parallel.set_search(self._pattern)
        if not self._matches:
            self.notify(
                _("No paragraph contains “{query}”").format(query=self._query),
                severity="warning",
                markup=False,
            )
            self._update_status()
            return
        self._jump_to_match(+1, include_current=True)

    def _jump_to_match(self, direction: int, include_current: bool = False) -> None:
        if not self._matches:
            self.notify(_("No search yet: press / to search"), severity="warning", markup=False)
            return
        here = self.current_seq
        if direction > 0:
            after = [s for s in self._matches if s > here or (include_current and s == here)]
            target = after[0] if after else self._matches[0]
        else:
            before = [s for s in self._matches if s < here]
            target = before[-1] if before else self._matches[-1]
        self.go_to(target)
        self._update_status()

    def action_next_match(self) -> None:
        self._jump_to_match(+1)

    def action_previous_match(self) -> None:
        self._jump_to_match(-1)

    def _hide_search(self) -> None:
        self.query_one("#search", Input).remove_class("-visible")
        self.set_focus(self.parallel)

    # Bookmarks and help ------------------------------------------------------

    def action_toggle_bookmark(self) -> None:
        """Show the toggle at once and store it in the writer thread.

        Optimistic: the star and the notice do not wait for the library. If the
        write fails (another program holds the library longer than its busy
        timeout), the toggle is undone on screen and a notice says why. Toggles
        are written in the order pressed, so the screen ends as the library.
        """
        if not self._rows:
            return
        seq = self.current_seq
        adding = seq not in self._bookmarks
        self._show_bookmark(seq, adding)
        if adding:
            self.notify(_("Bookmarked ¶ {seq}").format(seq=seq), markup=False)
            notice = _("Could not save the bookmark on ¶ {seq}: {error}")
        else:
            self.notify(_("Removed the bookmark on ¶ {seq}").format(seq=seq), markup=False)
            notice = _("Could not remove the bookmark on ¶ {seq}: {error}")
        notice = notice.format(seq=seq, error="{error}")  # the error is filled in if it fails
        self._bookmark_writes[seq] += 1

        def toggled(result: object) -> None:
            self._bookmark_writes[seq] -= 1
            if not self._bookmark_writes[seq]:  # the last toggle pressed: the library's word
                self._show_bookmark(seq, bool(result))

        def failed(error: Exception) -> None:
            self._bookmark_writes[seq] -= 1
            self._show_bookmark(seq, seq not in self._bookmarks)  # undo this toggle
            self._could_not_save(notice, error)

        document = self.document
        self._queue_write(
            Write(
                lambda: self.service.toggle_bookmark(document, seq),
                notice,
                done=toggled,
                failed=failed,
            )
        )

    def _show_bookmark(self, seq: int, marked: bool) -> None:
        if marked == (seq in self._bookmarks):
            return
        if marked:
            self._bookmarks.add(seq)
        else:
            self._bookmarks.discard(seq)
        self.parallel.set_bookmarks(self._bookmarks)
        self._update_status()

    def action_bookmarks(self) -> None:
        from reader.tui.screens.bookmarks import BookmarksScreen  # dialogs load when opened

        if not self._bookmarks:
            self.notify(_("No bookmarks yet: press b to bookmark a paragraph"), markup=False)
            return
        entries = [
            (row.seq, display_text(row.text)) for row in self._rows if row.seq in self._bookmarks
        ]

        def jump(seq: int | None) -> None:
            if seq is not None:
                self.go_to(seq)

        self.app.push_screen(BookmarksScreen(entries), jump)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_handout(self) -> None:
        if not self._rows:
            self.notify(_("This document has no paragraphs"), markup=False)
            return
        from reader.tui.screens.handout import HandoutScreen  # the handout code loads on demand

        kinds = [row.kind for row in self._rows]
        self.app.push_screen(HandoutScreen(self.service, self.document, kinds, self.current_seq))

    # Translation and review --------------------------------------------------

    def action_translate(self) -> None:
        if self._translation is not None:
            self.notify(_("Already translating; X stops it"), markup=False)
            return
        from reader.translation import TranslationRun

        self._translation = _("starting…")
        self._run = TranslationRun()
        self._update_status()
        stream = EnglishStream(
            self.service,
            self.document,
            list(self._rows),
            list(self.parallel.rows),
            self._links,
            self._misses,
        )
        self._translate(self._run, stream)
        self._keep_books(stream)

    @work(thread=True, exclusive=True, group="translate")
    def _translate(self, run: TranslationRun, stream: EnglishStream) -> None:
        """In a thread: the engine's worker process translates, this one waits for it.

        Between batches it only notes what the batch stored (`stream.stored`):
        the next batch goes to the worker at once, as in the CLI.
        """

        def on_progress(document: DocumentRecord, progress: Progress) -> None:
            stream.stored(progress.stored, progress.describe())

        with QUICK_SWITCHES:
            try:
                from reader.config import chosen_engine  # the engine the settings file names

                [report] = self.service.translate_documents(
                    [self.document], chosen_engine(), on_progress=on_progress, cancel=run
                )
            except WRITE_ERRORS as error:  # e.g. the library busy: what was stored is shown
                stream.end(None, str(error))
            except BaseException:
                stream.end(None, _("translation failed"))
                raise
            else:
                stream.end(report, None)

    @work(thread=True, group="translate-books")
    def _keep_books(self, stream: EnglishStream) -> None:
        """In a second thread, while the worker translates: what the batches changed.

        Every `UPDATE_INTERVAL` it reads just the rows the batches since the
        last time gave English and sends them, with the progress, for the view
        to patch in place; the last ones come with the end of the run. Then it
        reads the glossary's links (the service linked the new English) and
        sends what they change: term highlights follow a moment later. The UI
        thread never queries the whole document nor re-wraps it.
        """
        shown = ""
        while not stream.ended.wait(UPDATE_INTERVAL):
            progress = stream.progress
            changes = self._rows_or_nothing(stream.take) or []  # unread ones stay pending
            if changes or progress != shown:
                shown = progress
                self.post_message(self.TranslationProgress(progress, changes))
        changes = self._rows_or_nothing(stream.take)
        update = RowsUpdate(changes) if changes else None
        report, error = stream.outcome
        self.post_message(self.TranslationFinished(report, error, update))
        if report is not None and report.translated:
            linked = self._rows_or_nothing(stream.relink)
            if linked is not None:
                self.post_message(self.GlossaryLinked(linked))

    @staticmethod
    def _rows_or_nothing(read: Callable[[], Any]) -> Any:
        """What `read` reads; nothing if the library cannot be read (the view stays as it was)."""
        try:
            return read()
        except WRITE_ERRORS:
            return None

    @on(GlossaryLinked)
    def _glossary_linked(self, message: GlossaryLinked) -> None:
        update = message.update
        if update.links is not None and update.misses is not None:
            self._links, self._misses = update.links, update.misses
        self._patch_rows(update.changes)

    def action_stop_translation(self) -> None:
        if self._run is None or self._translation is None:
            return
        self._run.cancel()
        self._translation = _("stopping…")
        self._update_status()

    @on(TranslationProgress)
    def _translation_progress(self, message: TranslationProgress) -> None:
        if self._translation is None:
            return  # the run already finished: its last rows came with the end
        if self._run is None or not self._run.cancelled:  # else it still says "stopping…"
            self._translation = message.progress
        self._patch_rows(message.changes)

    def _patch_rows(self, changes: list[RowChange]) -> None:
        """Put changed paragraphs in place: only they are wrapped again, the view stays put."""
        texts: dict[int, RowText] = {}
        for index, row, text in changes:
            if index < len(self._rows) and self._rows[index].seq == row.seq:
                self._rows[index] = row
                texts[index] = text
        if texts:
            self.parallel.update_rows(texts)
            self._update_matches(texts.values())
            if self._english_label() != self._shown_label:  # not redrawn for nothing
                self._show_columns()
                return
        self._update_status()

    def _update_matches(self, rows: Iterable[RowText]) -> None:
        """Search matches of changed rows: new English may match, or no longer."""
        if self._pattern is None:
            return
        rows = list(rows)
        _pattern, found = search_matches(self._query, rows)
        changed = {row.seq for row in rows}
        self._matches = sorted({*(set(self._matches) - changed), *found})

    @on(TranslationFinished)
    def _translation_finished(self, message: TranslationFinished) -> None:
        self._translation = None
        self._run = None
        update = message.update
        if update is not None:
            if update.links is not None and update.misses is not None:
                self._links, self._misses = update.links, update.misses
            self._patch_rows(update.changes)
        report = message.report
        if message.error is not None or report is None:
            self.notify(message.error or _("translation failed"), severity="error", markup=False)
        elif report.error:
            stopped = ngettext(
                "Translation stopped: {error}. {count} paragraph kept.",
                "Translation stopped: {error}. {count} paragraphs kept.",
                report.translated,
            )
            self.notify(
                stopped.format(error=report.error, count=report.translated),
                severity="error",
                markup=False,
            )
        elif report.needed == 0:
            self.notify(_("Nothing to translate: every paragraph has English"), markup=False)
        elif report.cancelled:
            cancelled = ngettext(
                "Stopped; {count} paragraph translated and kept",
                "Stopped; {count} paragraphs translated and kept",
                report.translated,
            )
            self.notify(cancelled.format(count=report.translated), markup=False)
        elif report.flagged:
            done = ngettext(
                "Translated {count} paragraph, {flagged} with numbers missing",
                "Translated {count} paragraphs, {flagged} with numbers missing",
                report.translated,
            )
            self.notify(
                done.format(count=report.translated, flagged=len(report.flagged)), markup=False
            )
        else:
            done = ngettext(
                "Translated {count} paragraph", "Translated {count} paragraphs", report.translated
            )
            self.notify(done.format(count=report.translated), markup=False)
        self._update_status()

    def action_terms(self) -> None:
        if not self._rows:
            return
        row = self._rows[self.parallel.current]
        term_ids = sorted({term for *_span, term in self._links.get(row.paragraph_id, ())})
        if not term_ids:
            self.notify(
                _("No glossary term in this paragraph; F2 browses the whole glossary"),
                markup=False,
            )
            return
        self._open_terms(term_ids)

    @on(ParallelText.TermSelected)
    def _term_clicked(self, message: ParallelText.TermSelected) -> None:
        self._open_terms([message.term_id])

    def _open_terms(self, term_ids: list[str]) -> None:
        from reader.tui.screens.terms import TermScreen

        screen = TermScreen(self.service.glossary, term_ids)

        def jump(target: tuple[str, int] | None) -> None:
            if screen.changed:  # an own term was edited or deleted
                self._relink_own_terms()
            if target is not None:
                self.app.post_message(OpenDocument(*target))

        self.app.push_screen(screen, jump)

    def action_add_term(self) -> None:
        """The words selected (`v`, a drag) prefill the dialog, else the search text."""
        from reader.tui.screens.own_term import OwnTermScreen

        selection = self.parallel.selection

        def added(term: Term | None) -> None:
            if term is not None:
                self.parallel.set_selection(None)
                self._relink_own_terms()
                self.notify(
                    _("Added your term {term}").format(term=display_text(term.id_term)),
                    markup=False,
                )

        if selection is not None:
            id_term, en = selection.text("id") or "", selection.text("en")
        else:
            id_term, en = self._query, None
        screen = OwnTermScreen(self.service.glossary, id_term=id_term, en=en)
        self.app.push_screen(screen, added)

    @on(ParallelText.SelectionSubmitted)
    def _add_selected(self) -> None:
        self.action_add_term()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While words are selected, the key hints show the selection's keys (and help)."""
        return action == "help" or not any(text.selecting for text in self.query(ParallelText))

    def _relink_own_terms(self) -> None:
        """The service linked an own term at once: show the paragraphs whose links changed."""
        from reader.tui.screens.own_term import changed_rows

        changes, self._links, self._misses = changed_rows(
            self.service, self.document, self._links, self._misses
        )
        self._patch_rows(changes)

    def action_review(self) -> None:
        if not self._rows:
            return
        index = self.parallel.current
        row = self._rows[index]
        if row.lang == "en":
            self.notify(_("This paragraph is English in the source"), markup=False)
            return
        draft = self._drafts.pop(row.seq, None)

        def save(english: str | None) -> None:
            if english is not None:
                self._save_review(index, row.seq, english)

        # TextArea is heavy: load on demand; this review dialog asks before losing edits
        from reader.tui.screens.unsaved import GuardedReviewScreen as ReviewScreen

        english = draft if draft is not None else row.english or ""
        flagged = self._misses.get(row.seq, [])
        base = self.service.glossary.termbase() if flagged else None
        flags = [display_text(t.en) for t in (base.get(i) for i in flagged) if t] if base else []
        screen = ReviewScreen(
            row.seq,
            display_text(row.text),
            english,
            flags=flags,
            dismiss_flags=lambda: self._dismiss_flags(index, row.seq, flagged),
        )
        self.app.push_screen(screen, save)

    def _dismiss_flags(self, index: int, seq: int, term_ids: list[str]) -> None:
        """Store the dismissal of a paragraph's terminology flags in the writer thread;
        its "!" goes once it is stored."""
        document = self.document

        def write() -> RowsUpdate:
            self.service.glossary.dismiss(document.id, seq, term_ids)
            links, misses = load_links(self.service, document)
            row = self.service.rows(document, seq, seq)[0]
            return RowsUpdate([(index, row, display_row(row, links, misses))], links, misses)

        def done(result: object) -> None:
            assert isinstance(result, RowsUpdate)
            if result.links is not None and result.misses is not None:
                self._links, self._misses = result.links, result.misses
            self._patch_rows(result.changes)
            self._update_status()

        notice = _("Could not dismiss the flags of ¶ {seq}: {error}").format(
            seq=seq, error="{error}"
        )
        self._queue_write(
            Write(write, notice, done=done, failed=lambda e: self._could_not_save(notice, e))
        )

    def _save_review(self, index: int, seq: int, english: str) -> None:
        """Store a person's English in the writer thread; the view changes once it is stored.

        Not optimistic: until the library has it, the paragraph shows its old
        English. If it cannot be saved, a notice says so and the text is kept:
        `e` on the paragraph opens it again.
        """
        document = self.document

        def write() -> RowsUpdate:
            saved = self.service.review_english(document, seq, english)  # and relinks it
            links, misses = load_links(self.service, document)
            return RowsUpdate([(index, saved, display_row(saved, links, misses))], links, misses)

        def done(result: object) -> None:
            assert isinstance(result, RowsUpdate)
            if result.links is not None and result.misses is not None:
                self._links, self._misses = result.links, result.misses
            self._patch_rows(result.changes)
            self.notify(_("Saved the reviewed English of ¶ {seq}").format(seq=seq), markup=False)

        def failed(error: Exception) -> None:
            if english.strip():
                self._drafts[seq] = english
            self._could_not_save(notice, error)

        notice = _(
            "Could not save the English of ¶ {seq}: {error}. Press e on it to try again; "
            "your text is kept."
        ).format(seq=seq, error="{error}")
        self._queue_write(Write(write, notice, done=done, failed=failed))
