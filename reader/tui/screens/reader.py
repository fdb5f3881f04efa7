"""The reader: a document paragraph by paragraph, Indonesian beside English."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
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
from reader.tui.messages import LibraryRequested, OpenDocument
from reader.tui.widgets.bars import ColumnHeader, KeyHints, StatusBar, TitleBar
from reader.tui.widgets.parallel_text import ParallelText, RowText

if TYPE_CHECKING:  # the translation modules load when a translation starts, not at start-up
    from reader.translation import TranslationReport, TranslationRun

RELOAD_INTERVAL = 0.5
"""Seconds between redraws of the English while a translation streams in."""
NARROW_WIDTH = 100
"""Below this many columns the two languages are stacked, unless the reader chose otherwise."""
POSITION_SAVE_DELAY = 0.5


def kind_label(kind: str) -> str:
    """A paragraph kind as the status line names it (the kind itself is a code)."""
    labels = {
        "heading": pgettext("paragraph kind", "heading"),
        "caption": pgettext("paragraph kind", "caption"),
        "reference": pgettext("paragraph kind", "reference"),
        "paragraph": pgettext("paragraph kind", "paragraph"),
    }
    return labels.get(kind, kind)


def flag_label(flag: str) -> str:
    """A check the English failed, in the interface language (flags are stored in English)."""
    from reader.translation import describe_flag  # only when a flag is shown: not at start-up

    return describe_flag(flag)


class ReaderScreen(Screen[None]):
    """One document in two aligned columns, with search, bookmarks and resume."""

    CSS_PATH = "../styles/reader.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

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
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Keys and what they do")),
        Binding("q", "back", N_("Back"), tooltip=N_("Back to the library")),
        Binding("escape", "back", N_("Back"), show=False, tooltip=N_("Back to the library")),
    ]

    class TranslationProgress(Message):
        """A batch was stored: how far the run is."""

        def __init__(self, progress: str) -> None:
            super().__init__()
            self.progress = progress

    class TranslationFinished(Message):
        def __init__(self, report: TranslationReport | None, error: str | None = None) -> None:
            super().__init__()
            self.report = report
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
        self._last_reload = 0.0
        self._links: dict[int, list[tuple[str, int, int, str]]] = {}
        """Glossary spans per paragraph id: (lang, start, end, term id)."""
        self._misses: dict[int, list[str]] = {}

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
        self.query_one(TitleBar).show_document(display_text(document.title), display_text(byline))
        self._rows = self.service.rows(document)
        self._load_links()
        self._bookmarks = set(self.service.bookmarks(document))
        start = self._start_seq or self.service.position(document)
        parallel = self.parallel
        parallel.stacked = self._want_stacked(self.size.width)
        parallel.set_bookmarks(self._bookmarks)
        parallel.set_rows(self._row_texts(), current=start - 1)
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
        self.query_one(ColumnHeader).show_layout(
            self.parallel.layout_geometry, self._english_label()
        )
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
    def _current_changed(self) -> None:
        self._update_status()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(POSITION_SAVE_DELAY, self._save_position_soon)

    def _save_position_soon(self) -> None:
        self._save_position(self.current_seq)

    @work(thread=True, exclusive=True, group="position")
    def _save_position(self, seq: int) -> None:
        """Off the UI thread: a write may wait on a lock held by another process."""
        self.service.set_position(self.document, seq)

    def save_position_now(self) -> None:
        if self._rows:
            if self._save_timer is not None:
                self._save_timer.stop()
            self.service.set_position(self.document, self.current_seq)

    def action_back(self) -> None:
        if self.query_one("#search", Input).has_class("-visible"):
            self._hide_search()
            return
        self.save_position_now()
        self.app.post_message(LibraryRequested())

    def go_to(self, seq: int) -> None:
        self.parallel.current = seq - 1

    # Status ------------------------------------------------------------------

    def _update_status(self) -> None:
        if not self._rows:
            self.query_one(StatusBar).show([(_("This document has no paragraphs"), "bold")])
            return
        row = self._rows[self.parallel.current]
        position = _("¶ {seq} of {total}").format(seq=row.seq, total=len(self._rows))
        parts = [(position, "bold")]
        if row.kind != "paragraph":
            parts.append((kind_label(row.kind), "italic"))
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
        self.query_one(StatusBar).show(parts)

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
        self._pattern = re.compile(re.escape(self._query), re.IGNORECASE)
        self._matches = [
            row.seq
            for row in self.parallel.rows
            if self._pattern.search(row.indonesian)
            or (row.english is not None and self._pattern.search(row.english))
        ]
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
        if not self._rows:
            return
        seq = self.current_seq
        if self.service.toggle_bookmark(self.document, seq):
            self._bookmarks.add(seq)
            self.notify(_("Bookmarked ¶ {seq}").format(seq=seq), markup=False)
        else:
            self._bookmarks.discard(seq)
            self.notify(_("Removed the bookmark on ¶ {seq}").format(seq=seq), markup=False)
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
        self._translate(self._run)

    @work(thread=True, exclusive=True, group="translate")
    def _translate(self, run: TranslationRun) -> None:
        """In a thread: the engine's worker process does the heavy work, this one waits."""
        from reader.translation import Progress

        def on_progress(document: DocumentRecord, progress: Progress) -> None:
            self.post_message(self.TranslationProgress(progress.describe()))

        try:
            [report] = self.service.translate_documents(
                [self.document], "argos", on_progress=on_progress, cancel=run
            )
        except UserError as error:
            self.post_message(self.TranslationFinished(None, str(error)))
            return
        self.post_message(self.TranslationFinished(report))

    def action_stop_translation(self) -> None:
        if self._run is None or self._translation is None:
            return
        self._run.cancel()
        self._translation = _("stopping…")
        self._update_status()

    @on(TranslationProgress)
    def _translation_progress(self, message: TranslationProgress) -> None:
        self._translation = message.progress
        now = time.monotonic()
        if now - self._last_reload >= RELOAD_INTERVAL:
            self._last_reload = now
            self._reload_rows()
        self._update_status()

    @on(TranslationFinished)
    def _translation_finished(self, message: TranslationFinished) -> None:
        self._translation = None
        self._run = None
        self._reload_rows()
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

    def _reload_rows(self) -> None:
        """Fetch the English again and redraw, keeping the current paragraph where it is."""
        self._rows = self.service.rows(self.document)
        self._load_links()
        self.parallel.replace_rows(self._row_texts())

    def _load_links(self) -> None:
        glossary = self.service.glossary
        self._links = glossary.spans_for_document(self.document.id)
        self._misses = {}
        for seq, miss in glossary.misses(self.document.id):
            self._misses.setdefault(seq, []).append(miss.term_id)

    def _row_texts(self) -> list[RowText]:
        texts = []
        for row in self._rows:
            links = self._links.get(row.paragraph_id, ())
            id_terms = tuple((a, b, t) for lang, a, b, t in links if lang == "id")
            en_terms = tuple((a, b, t) for lang, a, b, t in links if lang == "en")
            if row.lang == "en":  # the English column shows the same text
                id_terms = en_terms
            texts.append(row_text(row, id_terms, en_terms, missing_terms=row.seq in self._misses))
        return texts

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

        def jump(target: tuple[str, int] | None) -> None:
            if target is not None:
                self.app.post_message(OpenDocument(*target))

        self.app.push_screen(TermScreen(self.service.glossary, term_ids), jump)

    def action_review(self) -> None:
        if not self._rows:
            return
        row = self._rows[self.parallel.current]
        if row.lang == "en":
            self.notify(_("This paragraph is English in the source"), markup=False)
            return

        def save(english: str | None) -> None:
            if english is None:
                return
            try:
                self.service.review_english(self.document, row.seq, english)
            except UserError as error:
                self.notify(str(error), severity="warning", markup=False)
                return
            self._reload_rows()
            self._update_status()
            self.notify(
                _("Saved the reviewed English of ¶ {seq}").format(seq=row.seq), markup=False
            )

        from reader.tui.screens.review import ReviewScreen  # TextArea is heavy: load on demand

        self.app.push_screen(ReviewScreen(row.seq, display_text(row.text), row.english or ""), save)


def row_text(
    row: BilingualRow,
    id_terms: tuple[tuple[int, int, str], ...] = (),
    en_terms: tuple[tuple[int, int, str], ...] = (),
    *,
    missing_terms: bool = False,
) -> RowText:
    return RowText(
        seq=row.seq,
        kind=row.kind,
        indonesian=display_text(row.text),
        english=display_text(row.english) if row.english is not None else None,
        flagged=bool(row.english_flags) or missing_terms,
        id_terms=id_terms,
        en_terms=en_terms,
    )
