"""The reader's writes run off the UI thread and survive a library another program holds.

Another connection takes the library's write lock (`BEGIN IMMEDIATE`), as a second
`dwibahasa` importing or translating would, and holds it longer than a write waits
(`BUSY` seconds here, through `DWIBAHASA_BUSY_TIMEOUT`). Keys must keep answering
meanwhile, the failed write must come back as a notice, and the reader must go on.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from reader.paths import BUSY_TIMEOUT_ENV
from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.review import ReviewScreen
from tests.conftest import TEXTS
from tests.functional.test_tui import WIDE, _status

THESIS = "aliansi-strategis-korea-as"
BUSY = 2.0
"""Seconds a write waits for the lock before the library says it is busy."""
ANSWER = BUSY / 2
"""A key must be handled within half the wait: a UI thread that waited on the lock would
take all of it. Half, not less: a loaded two-core CI machine took 0.7 s for a key."""


@pytest.fixture
def busy_service(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadingService]:
    """A library whose writes give up after `BUSY` seconds."""
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, str(BUSY))
    service = ReadingService.open(db_path, texts_dir=TEXTS)
    yield service
    service.close()


@contextmanager
def locked(db_path: Path) -> Iterator[Callable[[], None]]:
    """Another program holds the write lock; the block may call the result to let go early."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")

    def release() -> None:
        if holder.in_transaction:
            holder.execute("ROLLBACK")

    try:
        yield release
    finally:
        release()
        holder.close()


def recording(app: DwibahasaApp) -> list[tuple[str, str]]:
    """Notices the app shows from now on (from any thread): (message, severity)."""
    notices: list[tuple[str, str]] = []
    original = app.notify

    def record(message: str, **kw: Any) -> None:
        notices.append((str(message), kw.get("severity", "information")))
        original(message, **kw)

    app.notify = record  # type: ignore[method-assign]
    return notices


async def wait_until(pilot: Any, condition: Callable[[], bool], timeout: float = 4 * BUSY) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def timed_press(pilot: Any, key: str) -> float:
    started = time.monotonic()
    await pilot.press(key)
    return time.monotonic() - started


def reader_of(app: DwibahasaApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def test_keys_answer_while_locked_and_a_failed_bookmark_is_undone_with_a_notice(
    busy_service: ReadingService, db_path: Path
) -> None:
    document = busy_service.resolve(THESIS)
    app = make_app(busy_service, document=document, at=5)
    async with app.run_test(size=WIDE) as pilot:
        notices = recording(app)
        reader = reader_of(app)
        with locked(db_path):
            assert await timed_press(pilot, "b") < ANSWER
            assert "bookmarked" in _status(app), "the bookmark shows before it is saved"
            for expected in (6, 7, 8):
                assert await timed_press(pilot, "j") < ANSWER
                assert f"¶ {expected} of 40" in _status(app)
            await wait_until(pilot, lambda: any("bookmark" in text for text, _ in notices[1:]))
            assert notices[0] == ("Bookmarked ¶ 5", "information")
            failed = [(text, severity) for text, severity in notices if "Could not" in text]
            assert failed[0][0].startswith("Could not save the bookmark on ¶ 5: ")
            assert "busy" in failed[0][0]
            assert failed[0][1] == "error"
            assert 5 not in reader._bookmarks, "the failed toggle is undone on screen"
            await wait_until(pilot, lambda: any("reading position" in text for text, _ in notices))
            assert await timed_press(pilot, "k") < ANSWER
            assert "¶ 7 of 40" in _status(app)
        assert app.is_running and app.screen is reader
        assert busy_service.bookmarks(document) == []
        await pilot.press("b")  # the lock is gone: saving works again
        await wait_until(pilot, lambda: busy_service.bookmarks(document) == [7])
        await app.workers.wait_for_complete()
        assert 7 in reader._bookmarks
        await wait_until(pilot, lambda: busy_service.position(document) == 7)


async def test_a_bookmark_waits_for_a_short_lock_and_is_saved(
    busy_service: ReadingService, db_path: Path
) -> None:
    document = busy_service.resolve(THESIS)
    app = make_app(busy_service, document=document, at=3)
    async with app.run_test(size=WIDE) as pilot:
        notices = recording(app)
        with locked(db_path) as release:
            await pilot.press("b", "j", "k")
            await pilot.pause(BUSY / 5)
            release()
        await wait_until(pilot, lambda: busy_service.bookmarks(document) == [3])
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert 3 in reader_of(app)._bookmarks
    assert [text for text, _ in notices] == ["Bookmarked ¶ 3"]


async def test_an_edit_that_cannot_be_saved_is_kept_for_the_next_try(
    busy_service: ReadingService, db_path: Path
) -> None:
    document = busy_service.resolve(THESIS)
    before = busy_service.rows(document, 2, 2)[0]
    app = make_app(busy_service, document=document, at=2)
    async with app.run_test(size=WIDE) as pilot:
        notices = recording(app)
        with locked(db_path):
            await pilot.press("e")
            assert isinstance(app.screen, ReviewScreen)
            app.screen.query_one(TextArea).text = "My own English."
            assert await timed_press(pilot, "ctrl+s") < ANSWER
            reader = reader_of(app)
            assert await timed_press(pilot, "j") < ANSWER
            await pilot.press("k")
            await wait_until(pilot, lambda: any("Could not" in text for text, _ in notices))
            assert notices[-1][0].startswith("Could not save the English of ¶ 2: ")
            assert notices[-1][0].endswith("Press e on it to try again; your text is kept.")
            assert reader._rows[1] == before, "nothing changed on screen"
            await pilot.press("e")
            assert isinstance(app.screen, ReviewScreen)
            assert app.screen.query_one(TextArea).text == "My own English."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: reader._rows[1].english == "My own English.")
        assert reader.parallel.rows[1].english == "My own English."
        assert notices[-1] == ("Saved the reviewed English of ¶ 2", "information")
        assert app.is_running
    row = busy_service.rows(document, 2, 2)[0]
    assert (row.english, row.english_status) == ("My own English.", "reviewed")


async def test_leaving_the_reader_while_locked_does_not_wait_for_the_lock(
    busy_service: ReadingService, db_path: Path
) -> None:
    app = make_app(busy_service, document=busy_service.resolve(THESIS), at=1)
    async with app.run_test(size=WIDE) as pilot:
        notices = recording(app)
        with locked(db_path):
            await pilot.press("j", "j")
            started = time.monotonic()
            await pilot.press("q")
            await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
            assert time.monotonic() - started < BUSY
            await wait_until(pilot, lambda: any("reading position" in text for text, _ in notices))
        assert app.is_running


async def test_closing_while_locked_waits_for_one_write_at_most(
    busy_service: ReadingService, db_path: Path
) -> None:
    document = busy_service.resolve(THESIS)
    app = make_app(busy_service, document=document, at=5)
    with locked(db_path):
        async with app.run_test(size=WIDE) as pilot:
            reader = reader_of(app)
            await pilot.press("b", "j", "b", "j", "b")  # three writes queue behind the lock
            closed = time.monotonic()
        while reader._writer_running:  # the app has ended; its writer gives up soon
            assert time.monotonic() - closed < 2 * BUSY, "each queued write waited for the lock"
            await asyncio.sleep(0.05)
        assert not reader._writes
    assert busy_service.bookmarks(document) == []


async def test_closing_stores_the_position(busy_service: ReadingService) -> None:
    document = busy_service.resolve(THESIS)
    app = make_app(busy_service, document=document, at=5)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j")
    deadline = time.monotonic() + BUSY
    while busy_service.position(document) != 7:  # stored by a thread as the reader closed
        assert time.monotonic() < deadline
        await asyncio.sleep(0.02)


async def test_translation_into_a_locked_library_stops_with_a_notice(
    busy_service: ReadingService, db_path: Path, installed_model: Path
) -> None:
    busy_service.import_file(
        TEXTS.parent / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt", slug="jurnal"
    )
    app = make_app(busy_service, document=busy_service.resolve("jurnal"))
    async with app.run_test(size=WIDE) as pilot:
        notices = recording(app)
        reader = reader_of(app)
        with locked(db_path):
            await pilot.press("T")
            assert await timed_press(pilot, "j") < ANSWER
            await wait_until(pilot, lambda: reader._translation is None, timeout=60)
        await app.workers.wait_for_complete()
        assert app.is_running
    errors = [text for text, severity in notices if severity == "error"]
    assert errors and "busy" in errors[0]
