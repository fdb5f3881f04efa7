"""English streaming into the reader: rows read off the UI thread, patched in place.

While a translation runs, the bookkeeping thread turns the source texts each
batch stored into the rows that changed (`EnglishStream`), reading only those
rows; the reader screen patches them into `ParallelText` without relayouting
the document. Also what a row shows (`row_text`) and the glossary's spans.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.library import BilingualRow, DocumentRecord
from reader.safe_text import display_text
from reader.service import ReadingService
from reader.tui.widgets.parallel_text import RowText

if TYPE_CHECKING:
    from reader.translation import TranslationReport

UPDATE_INTERVAL = 0.15
"""Seconds between updates of the view while a translation streams in: the bookkeeping
thread gathers the paragraphs the batches stored meanwhile and sends them together."""
ROW_RUN_GAP = 32
"""Changed paragraphs this close together are fetched with one range query."""
SWITCH_INTERVAL = 0.0005
"""Seconds a thread may hold the interpreter while another waits, during a translation.

Python's default (5 ms) lets a repaint keep the thread that feeds the worker
process waiting that long for each answer; that thread needs the interpreter
only briefly, so switching sooner costs the UI little and the translation
much less."""

Links = dict[int, list[tuple[str, int, int, str]]]
"""Glossary spans per paragraph id: (lang, start, end, term id)."""
Misses = dict[int, list[str]]
"""Term ids whose English is missing, per paragraph seq."""
RowChange = tuple[int, BilingualRow, RowText]
"""A paragraph that changed: its row index, its row and how the widget shows it."""


@dataclass(frozen=True)
class RowsUpdate:
    """Rows that changed, read off the UI thread, and the glossary's view if it was read too."""

    changes: list[RowChange]
    links: Links | None = None
    misses: Misses | None = None
    """None: the glossary's view did not change."""


def load_links(service: ReadingService, document: DocumentRecord) -> tuple[Links, Misses]:
    """The glossary's spans and terminology misses of a document (one query each)."""
    glossary = service.glossary
    misses: Misses = {}
    for seq, miss in glossary.misses(document.id):
        misses.setdefault(seq, []).append(miss.term_id)
    return glossary.spans_for_document(document.id), misses


def display_row(
    row: BilingualRow, links: Links, misses: Misses, *, english_linked: bool = True
) -> RowText:
    """How the widget shows a row with its glossary terms.

    `english_linked=False` for English that arrived after the links were read:
    its old English spans and misses no longer apply.
    """
    spans = links.get(row.paragraph_id, ())
    id_terms = tuple((a, b, t) for lang, a, b, t in spans if lang == "id")
    en_terms = tuple((a, b, t) for lang, a, b, t in spans if lang == "en") if english_linked else ()
    if row.lang == "en":  # the English column shows the same text
        id_terms = en_terms
    return row_text(row, id_terms, en_terms, missing_terms=english_linked and row.seq in misses)


def row_texts(rows: list[BilingualRow], links: Links, misses: Misses) -> list[RowText]:
    return [display_row(row, links, misses) for row in rows]


class EnglishStream:
    """The books of a translation run: which paragraphs got English since the last update.

    Made on the UI thread from copies of what the screen shows. The translating
    thread only notes the source texts each batch stored (`stored`) and the end
    (`end`); the bookkeeping thread does the rest: it maps texts to rows, reads
    from the library just the rows that changed (a range query per run of
    nearby paragraphs) and keeps the rows as last sent, to send only changes.
    """

    def __init__(
        self,
        service: ReadingService,
        document: DocumentRecord,
        rows: list[BilingualRow],
        texts: list[RowText],
        links: Links,
        misses: Misses,
    ) -> None:
        self.service = service
        self.document = document
        self.rows = rows
        """The rows as last sent to the screen."""
        self.texts = texts
        self.links = links
        """The links as the run began (the screen replaces its dicts, never changes them)."""
        self.misses = misses
        self.progress = ""
        """How far the run is, as the status line says it."""
        self.ended = threading.Event()
        self.outcome: tuple[TranslationReport | None, str | None] = (None, None)
        """The run's report, or the error that ended it (once `ended` is set)."""
        self._by_text: dict[str, list[int]] = {}
        self._index: dict[int, int] = {}
        self._stored: list[str] = []
        """Source texts stored since the bookkeeper last looked (the translating thread's)."""
        self._lock = threading.Lock()
        self._pending: set[int] = set()
        """Row indices to read (the bookkeeper's)."""

    def _ensure_index(self) -> None:
        """Source text → row indices and seq → row index, made in the thread when first needed."""
        if not self._index:
            for index, row in enumerate(self.rows):
                self._by_text.setdefault(row.text, []).append(index)
                self._index[row.seq] = index

    def stored(self, sources: Iterable[str], progress: str) -> None:
        """In the translating thread: a batch stored English for these source texts."""
        with self._lock:
            self._stored.extend(sources)
            self.progress = progress

    def end(self, report: TranslationReport | None, error: str | None) -> None:
        """In the translating thread: the run is over."""
        self.outcome = (report, error)
        self.ended.set()

    def take(self) -> list[RowChange]:
        """The changed rows since the last call, read from the library (the bookkeeper's)."""
        self._ensure_index()
        with self._lock:
            stored, self._stored = self._stored, []
        for source in stored:
            self._pending.update(self._by_text.get(source, ()))
        wanted = set(self._pending)
        changes: list[RowChange] = []
        for first, last in _runs(sorted(wanted)):
            fetched = self.service.rows(self.document, self.rows[first].seq, self.rows[last].seq)
            for row in fetched:
                index = self._index.get(row.seq)
                if index is None or index not in wanted:
                    continue
                old = self.rows[index]
                text = display_row(
                    row, self.links, self.misses, english_linked=row.english == old.english
                )
                if row != old or text != self.texts[index]:
                    self.rows[index], self.texts[index] = row, text
                    changes.append((index, row, text))
        self._pending -= wanted
        return changes

    def relink(self) -> RowsUpdate:
        """After the run: the glossary's links now, and the rows whose display they change."""
        self._ensure_index()
        links, misses = load_links(self.service, self.document)
        changes: list[RowChange] = []
        for row in self.service.rows(self.document):  # as stored: a review may have come since
            index = self._index.get(row.seq)
            if index is None:
                continue
            text = display_row(row, links, misses)
            if row != self.rows[index] or text != self.texts[index]:
                self.rows[index], self.texts[index] = row, text
                changes.append((index, row, text))
        self.links, self.misses = links, misses
        return RowsUpdate(changes, links, misses)


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


class QuickSwitches:
    """While any translation runs, threads switch every `SWITCH_INTERVAL` (then as before).

    Counted, so two readers translating at once (one opened from the glossary)
    restore the interval only when the last one ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved = 0.0

    def __enter__(self) -> None:
        with self._lock:
            if not self._users:
                self._saved = sys.getswitchinterval()
                sys.setswitchinterval(min(self._saved, SWITCH_INTERVAL))
            self._users += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._users -= 1
            if not self._users:
                sys.setswitchinterval(self._saved)


QUICK_SWITCHES = QuickSwitches()


def _runs(indices: list[int]) -> Iterator[tuple[int, int]]:
    """Sorted row indices as (first, last) runs, joining those at most `ROW_RUN_GAP` apart."""
    if not indices:
        return
    first = last = indices[0]
    for index in indices[1:]:
        if index - last > ROW_RUN_GAP:
            yield first, last
            first = index
        last = index
    yield first, last
