"""Translating and reviewing from the reader, driven through Textual's pilot."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from reader.service import ReadingService
from reader.translate import argos
from reader.translate.argos import ArgosEngine
from reader.tui.app import make_app
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.review import ReviewScreen
from reader.tui.widgets.parallel_text import ParallelText
from tests.conftest import REPO
from tests.unit.test_translation_run import BUNDLED, SILENT_WORKER, assert_gone, wait_for_pid

SEED = REPO / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"
SIZE = (140, 40)


@pytest.fixture
def journal(service: ReadingService) -> ReadingService:
    service.import_file(SEED, slug="jurnal")
    return service


def _statuses(service: ReadingService) -> list[str | None]:
    return [row.english_status for row in service.rows(service.resolve("jurnal"))]


async def _translate(app: Any, pilot: Any) -> None:
    await pilot.press("T")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_translate_key_fills_the_english_column(
    journal: ReadingService, installed_model: Path
) -> None:
    assert None in _statuses(journal)
    app = make_app(journal, document=journal.resolve("jurnal"), at=10)
    async with app.run_test(size=SIZE) as pilot:
        await _translate(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert None not in {row.english_status for row in screen._rows}
        assert all(row.english for row in screen.parallel.rows)
        assert screen._translation is None
    assert None not in _statuses(journal)


async def test_english_streams_in_without_reloading_the_document_on_the_ui_thread(
    journal: ReadingService, installed_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui_thread = threading.get_ident()
    queries: list[tuple[bool, int | None, int | None]] = []
    """(on the UI thread, first seq, last seq) of every rows query."""
    real_rows = ReadingService.rows

    def rows(self: ReadingService, document: Any, start: Any = None, end: Any = None) -> Any:
        queries.append((threading.get_ident() == ui_thread, start, end))
        return real_rows(self, document, start, end)

    monkeypatch.setattr(ReadingService, "rows", rows)
    patches: list[int] = []
    """How many rows each update of the widget patched."""
    real_update = ParallelText.update_rows

    def update_rows(self: ParallelText, changes: Any) -> None:
        patches.append(len(changes))
        real_update(self, changes)

    monkeypatch.setattr(ParallelText, "update_rows", update_rows)
    app = make_app(journal, document=journal.resolve("jurnal"), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        layout = screen.parallel.layout_geometry
        missing = sum(1 for row in screen.parallel.rows if row.english is None)
        queries.clear()
        await _translate(app, pilot)
        assert screen.parallel.layout_geometry is layout, "patched in place, never laid out anew"
        assert all(row.english for row in screen.parallel.rows)
        seen = list(queries)
        assert screen._rows == journal.rows(journal.resolve("jurnal"))
    assert not [query for query in seen if query[0]], "no query on the UI thread"
    whole = [query for query in seen if query[1] is None]
    assert len(whole) <= 2, "the thread reads the whole document only to check and to finish"
    assert missing and sum(patches) >= missing


async def test_translation_without_a_model_says_how_to_get_one(
    journal: ReadingService, models_dir: Path
) -> None:
    app = make_app(journal, document=journal.resolve("jurnal"))
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notices.append(str(message))  # type: ignore[method-assign]
        await _translate(app, pilot)
    assert any("models install" in notice for notice in notices)


def _recording(app: Any) -> list[tuple[str, str]]:
    """Notices the app shows from now on: (message, severity)."""
    notices: list[tuple[str, str]] = []
    original = app.notify

    def record(message: str, **kw: Any) -> None:
        notices.append((str(message), kw.get("severity", "information")))
        original(message, **kw)

    app.notify = record
    return notices


async def test_translate_key_with_nothing_missing_says_so_without_a_model(
    service: ReadingService, models_dir: Path
) -> None:
    app = make_app(service, document=service.resolve(BUNDLED))
    async with app.run_test(size=SIZE) as pilot:
        notices = _recording(app)
        await _translate(app, pilot)
    assert notices == [("Nothing to translate: every paragraph has English", "information")]


async def test_stop_key_stops_a_worker_still_loading_its_model(
    journal: ReadingService,
    installed_model: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pid_file = tmp_path / "pid"
    monkeypatch.setattr(
        argos, "WORKER_COMMAND", [sys.executable, "-c", SILENT_WORKER, str(pid_file)]
    )
    app = make_app(journal, document=journal.resolve("jurnal"))
    async with app.run_test(size=SIZE) as pilot:
        notices = _recording(app)
        await pilot.press("T")
        pid = wait_for_pid(pid_file)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen._translation is not None
        await pilot.press("X")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert screen._translation is None
    assert notices == [("Stopped; 0 paragraphs translated and kept", "information")]
    assert_gone(pid)
    assert None in _statuses(journal)


async def test_worker_crash_is_reported_and_finished_batches_are_kept(
    journal: ReadingService, installed_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_translate = ArgosEngine.translate
    calls = 0

    def crash_on_second_batch(self: ArgosEngine, texts: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2 and self._process is not None:
            self._process.kill()  # the worker dies as if it crashed
            self._process.wait()
        return real_translate(self, texts, **kwargs)

    monkeypatch.setattr(ArgosEngine, "translate", crash_on_second_batch)
    app = make_app(journal, document=journal.resolve("jurnal"))
    async with app.run_test(size=SIZE) as pilot:
        notices = _recording(app)
        await _translate(app, pilot)
    errors = [text for text, severity in notices if severity == "error"]
    assert errors and "stopped" in errors[0] and "kept" in errors[0]
    statuses = _statuses(journal)
    assert "machine" in statuses and None in statuses


async def test_edit_english_saves_a_reviewed_translation(
    journal: ReadingService, installed_model: Path
) -> None:
    document = journal.resolve("jurnal")
    seq = next(r.seq for r in journal.rows(document) if r.english_status is None)
    app = make_app(journal, document=document, at=seq)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ReviewScreen)
        area = app.screen.query_one(TextArea)
        area.text = "[b]Reviewed[/b] English."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await app.workers.wait_for_complete()  # saved by the writer thread
        assert app.screen.parallel.rows[seq - 1].english == "[b]Reviewed[/b] English."
        await _translate(app, pilot)  # machine output must not replace it
    row = journal.rows(document, seq, seq)[0]
    assert (row.english, row.english_status) == ("[b]Reviewed[/b] English.", "reviewed")


async def test_cancelled_review_changes_nothing(journal: ReadingService) -> None:
    document = journal.resolve("aliansi-strategis-korea-as")
    before = journal.rows(document, 2, 2)[0]
    app = make_app(journal, document=document, at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.press("x", "escape")
        await pilot.pause()
        await pilot.press("d")  # changed English: Esc asks; d discards it
        assert isinstance(app.screen, ReaderScreen)
    assert journal.rows(document, 2, 2)[0] == before
