"""A machine engine gets the next batch while the one before is stored (read-ahead)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from reader.library import Library
from reader.service import ReadingService
from reader.translate.engine import EngineCancelled
from reader.translation import translate_document
from tests.conftest import write_document


class CountingEngine:
    """An engine in this process that notes, per call, how much English the library held."""

    name = "counting"
    model = "counting 1"

    def __init__(self, library: Library, status: str) -> None:
        self.library = library
        self.status = status
        self.stored_at_call: list[int] = []
        self.threads: set[str] = set()
        self.cancelled = threading.Event()
        self.second_call = threading.Event()

    def translate(self, texts: Sequence[str]) -> list[str | None]:
        if self.cancelled.is_set():
            raise EngineCancelled()
        self.threads.add(threading.current_thread().name)
        conn = sqlite3.connect(self.library.path)
        try:
            (count,) = conn.execute(
                "SELECT count(*) FROM translations WHERE engine = 'counting'"
            ).fetchone()
        finally:
            conn.close()
        self.stored_at_call.append(int(count))
        if len(self.stored_at_call) == 2:
            self.second_call.set()
        return [f"english of {text[:10]}" for text in texts]

    def cancel(self) -> None:
        self.cancelled.set()

    def close(self) -> None:
        pass


def _document(service: ReadingService, tmp_path: Path) -> None:
    blocks = [f"Paragraf nomor {n} tentang diplomasi pertahanan." for n in range(1, 25)]
    service.import_file(write_document(tmp_path, "ahead", blocks), slug="ahead")


def test_a_machine_engine_is_sent_the_next_batch_before_this_one_is_stored(
    service: ReadingService, tmp_path: Path
) -> None:
    _document(service, tmp_path)
    engine = CountingEngine(service.library, status="machine")
    overlapped: list[bool] = []

    def after_batch(progress: object) -> None:
        if getattr(progress, "done", 0) == 8:  # batch 1 stored: batch 2 must be out already
            overlapped.append(engine.second_call.wait(timeout=10))

    report = translate_document(
        service.library,
        service.resolve("ahead"),
        engine,
        batch_paragraphs=8,
        on_progress=after_batch,
    )
    assert report.translated == 24 and report.error is None
    assert overlapped == [True]
    assert any(name.startswith("translate-ahead") for name in engine.threads)


def test_an_engine_of_peoples_english_is_asked_one_batch_at_a_time_in_the_callers_thread(
    service: ReadingService, tmp_path: Path
) -> None:
    _document(service, tmp_path)
    engine = CountingEngine(service.library, status="reference")
    report = translate_document(
        service.library, service.resolve("ahead"), engine, batch_paragraphs=8
    )
    assert report.translated == 24
    assert engine.stored_at_call == [0, 8, 16]
    assert engine.threads == {threading.current_thread().name}


def test_a_batch_sent_ahead_is_dropped_and_the_engine_stopped_on_cancel(
    service: ReadingService, tmp_path: Path
) -> None:
    _document(service, tmp_path)
    engine = CountingEngine(service.library, status="machine")
    cancel = threading.Event()

    def cancel_after_first(progress: object) -> None:
        if getattr(progress, "done", 0) >= 8:
            cancel.set()

    report = translate_document(
        service.library,
        service.resolve("ahead"),
        engine,
        batch_paragraphs=8,
        cancel=cancel,
        on_progress=cancel_after_first,
    )
    assert report.cancelled and report.translated == 8
    assert engine.cancelled.is_set()  # the batch sent ahead is not waited for
