"""Translating a document: batches through an engine, committed batch by batch.

Shared by `dwibahasa translate`, the handout's translating and the reader,
all through `ReadingService.translate_documents`. Only paragraphs without
English from a better source are sent (reviewed and reference English are
never replaced); identical paragraphs are translated once; every batch is
stored in its own transaction, so an interrupted run loses at most the batch
in flight and the next run resumes where it stopped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from reader.i18n import N_, _, decimal
from reader.library import DocumentRecord, Library, text_hash
from reader.translate.engine import Engine, EngineCancelled, TranslationEngineError
from reader.translate.numbers import missing_numbers

BATCH_PARAGRAPHS = 8
NUMBERS_MISSING = N_("numbers missing: {numbers}")
"""The flag stored (in English: it is data) on a machine translation that lost numbers."""


@dataclass
class Progress:
    """How far a run is: shown as `12/85 · 3.1 ¶/s · 23 s left`."""

    done: int
    total: int
    started: float
    flagged: int = 0
    stored: tuple[str, ...] = ()
    """The source texts whose English the batch just finished stored (none at the start):
    what a front end shows arriving, without asking the library what changed."""

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Paragraphs per second so far."""
        return self.done / self.elapsed if self.done and self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        return (self.total - self.done) / self.rate if self.rate else None

    def describe(self) -> str:
        """`12/85 · 3.1 ¶/s · 23 s left`, in the interface language."""
        if not self.rate:
            return f"{self.done}/{self.total}"
        rate = decimal(self.rate)
        if self.seconds_left is not None and self.done < self.total:
            return _("{done}/{total} · {rate} ¶/s · {seconds} s left").format(
                done=self.done, total=self.total, rate=rate, seconds=f"{self.seconds_left:.0f}"
            )
        return _("{done}/{total} · {rate} ¶/s").format(done=self.done, total=self.total, rate=rate)


def describe_flag(flag: str) -> str:
    """A check a translation failed, as stored (English), in the interface language."""
    prefix = NUMBERS_MISSING.partition("{")[0]
    if flag.startswith(prefix):
        return _(NUMBERS_MISSING).format(numbers=flag.removeprefix(prefix))
    return flag


@dataclass
class TranslationReport:
    document: DocumentRecord
    engine: str
    model: str
    needed: int = 0
    """Distinct paragraph texts that needed English from this engine when the run began;
    0 means there was nothing to translate."""
    translated: int = 0
    """Paragraph texts sent to the engine and stored in this run."""
    already: int = 0
    """Paragraphs that needed nothing (cached, reference, reviewed, English source)."""
    unavailable: int = 0
    """Paragraphs the engine had no English for (the reference engine only)."""
    flagged: list[tuple[str, list[str]]] = field(default_factory=list)
    """(source text, numbers missing from its English)."""
    cancelled: bool = False
    error: str | None = None
    seconds: float = 0.0


ProgressCallback = Callable[[Progress], None]
DocumentProgressCallback = Callable[[DocumentRecord, Progress], None]
"""Progress of a run over several documents: which document, and how far it is."""


class TranslationRun:
    """A handle on a translation running in another thread; `cancel()` works from any thread.

    Give it to `ReadingService.translate_documents` (in a worker thread) and
    keep it (in the UI thread). `cancel()` sets the event the run checks
    between batches and cancels the engine the run is using, so a batch in
    flight, or a worker still loading its model, stops at once. One run, one
    translation: once cancelled it stays cancelled.
    """

    def __init__(self) -> None:
        self.event = threading.Event()
        self._lock = threading.Lock()
        self._engine: Engine | None = None

    @property
    def cancelled(self) -> bool:
        return self.event.is_set()

    @property
    def engine(self) -> Engine | None:
        """The engine the run is using now, if any (for monitoring, e.g. its worker's pid)."""
        with self._lock:
            return self._engine

    def cancel(self) -> None:
        with self._lock:
            self.event.set()
            engine = self._engine
        if engine is not None:
            engine.cancel()

    @contextmanager
    def using(self, engine: Engine) -> Iterator[Engine]:
        """Within the block `cancel()` also cancels `engine` (at once if already cancelled)."""
        with self._lock:
            self._engine = engine
            cancelled = self.event.is_set()
        if cancelled:
            engine.cancel()
        try:
            yield engine
        finally:
            with self._lock:
                self._engine = None


def translate_document(
    library: Library,
    document: DocumentRecord,
    engine: Engine,
    *,
    force: bool = False,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    batch_paragraphs: int | None = None,
) -> TranslationReport:
    """Translate what `document` still needs with `engine`; stop cleanly on `cancel`.

    Batches hold `batch_paragraphs` paragraphs, else as many as the engine asks
    for (`engine.batch_paragraphs`: a server wants more at once), else 8.
    """
    pending = texts_to_translate(library, document.id, engine, force=force)
    size: int = batch_paragraphs or getattr(engine, "batch_paragraphs", None) or BATCH_PARAGRAPHS
    total_paragraphs = library.paragraph_count(document.id)
    report = TranslationReport(document, engine.name, engine.model, needed=len(pending))
    report.already = total_paragraphs - len(pending)
    progress = Progress(done=0, total=len(pending), started=time.monotonic())
    if cancel is not None and cancel.is_set():
        report.cancelled = True  # cancelled before this document began: no progress to show
        return report
    if on_progress is not None:
        on_progress(progress)
    batches = [pending[start : start + size] for start in range(0, len(pending), size)]
    with _Ahead(engine) as ahead:
        for number, batch in enumerate(batches):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            try:
                english = ahead.result(batch)
            except TranslationEngineError as error:
                if isinstance(error, EngineCancelled) or (cancel is not None and cancel.is_set()):
                    report.cancelled = True  # the engine was stopped on purpose
                else:
                    report.error = str(error)
                break
            if cancel is not None and cancel.is_set():
                report.cancelled = True  # the batch came back after cancel: still worth keeping
            elif number + 1 < len(batches):
                ahead.submit(batches[number + 1])  # the engine works while this batch is stored
            _store(library, engine, batch, english, report)
            progress.done += len(batch)
            progress.flagged = len(report.flagged)
            progress.stored = tuple(
                source for source, text in zip(batch, english, strict=True) if text is not None
            )
            if on_progress is not None:
                on_progress(progress)
            if report.cancelled:
                break
    report.seconds = progress.elapsed
    return report


def texts_to_translate(
    library: Library, document_id: int, engine: Engine, *, force: bool = False
) -> list[str]:
    """The distinct source texts `engine` should translate in this document.

    Never what a person's English covers; without `force`, not what this
    engine and model already translated, nor what another machine engine did
    (English from the local worker is not re-sent to a server, nor back).
    """
    pending = library.texts_needing_english(
        document_id, engine=engine.name, model=engine.model, force=force
    )
    if force or engine.status != "machine" or not pending:
        return pending
    other = {
        str(row[0])
        for row in library.conn.execute(
            "SELECT DISTINCT t.text_sha256 FROM translations t"
            " JOIN paragraphs p ON p.text_sha256 = t.text_sha256"
            " WHERE p.document_id = ? AND t.status = 'machine' AND t.engine != ?",
            [document_id, engine.name],
        )
    }
    return [text for text in pending if text_hash(text) not in other]


def _store(
    library: Library,
    engine: Engine,
    batch: list[str],
    english: list[str | None],
    report: TranslationReport,
) -> None:
    """Keep one batch's English in one transaction, flagging lost numbers."""
    with library.transaction():
        for source, text in zip(batch, english, strict=True):
            if text is None:
                report.unavailable += 1
                continue
            missing = missing_numbers(source, text) if engine.status == "machine" else []
            flags = [NUMBERS_MISSING.format(numbers=", ".join(missing))] if missing else []
            library.put_translation(
                source,
                text,
                engine=engine.name,
                model=engine.model,
                status=engine.status,
                flags=flags,
            )
            report.translated += 1
            if missing:
                report.flagged.append((source, missing))


class _Ahead:
    """The next batch is sent while this one is stored, so a machine engine never waits.

    A machine engine works in another process (or on a server): one thread of
    this class waits for it while the caller's thread stores the batch before.
    The reader's process is busy painting too, so storing there is slower than
    in the CLI; without this the worker would sit idle for it. Other engines
    (a person's English, looked up in the library on the caller's connection)
    are called in the caller's thread, one batch at a time.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._pool: ThreadPoolExecutor | None = None
        self._future: Future[list[str | None]] | None = None
        self._batch: list[str] | None = None

    def __enter__(self) -> _Ahead:
        if self.engine.status == "machine":
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="translate-ahead")
        return self

    def submit(self, batch: list[str]) -> None:
        if self._pool is not None:
            self._future, self._batch = self._pool.submit(self.engine.translate, batch), batch

    def result(self, batch: list[str]) -> list[str | None]:
        """The English of `batch`: sent ahead already, or now."""
        future, self._future = self._future, None
        if future is not None and self._batch is batch:
            return future.result()
        return self.engine.translate(batch)

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            if self._future is not None or exc[0] is not None:
                # A batch left behind by an error or a cancel, or one in flight when
                # Ctrl-C struck: not stored, so stop the engine rather than wait for it.
                self.engine.cancel()
            self._pool.shutdown(wait=True)
