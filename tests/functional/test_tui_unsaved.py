"""Esc in the English editor asks before losing changes: save, discard, keep editing."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.unsaved import GuardedReviewScreen, UnsavedScreen

JOURNAL = "normalisasi-jepang-korea"


async def _edit(app: DwibahasaApp, pilot: Pilot[None], text: str) -> None:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, GuardedReviewScreen)
    app.screen.query_one(TextArea).text = text


def _english(service: ReadingService, seq: int) -> tuple[str | None, str | None]:
    row = service.rows(service.resolve(JOURNAL), seq, seq)[0]
    return row.english, row.english_status


async def test_escape_without_changes_closes_at_once(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(JOURNAL), at=8)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


@pytest.mark.parametrize(("choice", "status"), [("d", "reference"), ("s", "reviewed")])
async def test_escape_with_changes_asks_and_saves_or_discards(
    service: ReadingService, choice: str, status: str
) -> None:
    before = _english(service, 8)
    app = make_app(service, document=service.resolve(JOURNAL), at=8)
    async with app.run_test(size=(100, 30)) as pilot:
        await _edit(app, pilot, "An edited English paragraph.")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press(choice)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
    english, source = _english(service, 8)
    assert source == status
    assert english == (before[0] if choice == "d" else "An edited English paragraph.")


async def test_escape_twice_keeps_editing_with_the_text(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(JOURNAL), at=8)
    async with app.run_test(size=(100, 30)) as pilot:
        await _edit(app, pilot, "Half-written English")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GuardedReviewScreen)
        area = app.screen.query_one(TextArea)
        assert area.text == "Half-written English" and area.has_focus
