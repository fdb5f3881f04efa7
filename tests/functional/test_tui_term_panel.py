"""The term panel: related entries by name, variants once, and own-term writes off the UI thread.

The write tests hold the library's write lock from another connection (as a second
`dwibahasa` would; see test_tui_writes.py) while the panel deletes or edits an own term:
keys must keep answering, the failure must come back as a notice, nothing must change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from reader.paths import BUSY_TIMEOUT_ENV
from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.screens.own_term import OwnTermScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.terms import TermScreen, term_text
from tests.conftest import TEXTS
from tests.functional.test_tui import _plain
from tests.functional.test_tui_writes import (
    ANSWER,
    BUSY,
    locked,
    recording,
    timed_press,
    wait_until,
)

THESIS = "aliansi-strategis-korea-as"
SIZE = (140, 40)


@pytest.fixture
def busy(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadingService]:
    """A library whose writes give up after `BUSY` seconds, with an own term in it."""
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, str(BUSY))
    service = ReadingService.open(db_path, texts_dir=TEXTS)
    service.glossary.add_own_term("Pyongyang", "Pyongyang")
    yield service
    service.close()


def _detail(panel: TermScreen) -> str:
    return _plain(panel.query_one("#term-detail", Static))


async def _panel(app: DwibahasaApp, term_ids: list[str]) -> TermScreen:
    assert isinstance(app.screen, ReaderScreen)
    panel = TermScreen(app.screen.service.glossary, term_ids)
    await app.push_screen(panel)
    return panel


async def test_the_panel_names_related_terms_and_lists_variants_once(
    service: ReadingService,
) -> None:
    base = service.glossary.termbase()
    term = base.get("aliansi-strategis")
    assert term is not None and "kerja-sama-strategis" in term.related
    app = make_app(service, document=service.resolve(THESIS), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        panel = app.screen
        assert isinstance(panel, TermScreen) and panel.current == term
        detail = " ".join(_detail(panel).split())
        for name in base.related_names(term):
            assert name in detail
        assert "kerja-sama-strategis" not in detail, "a name, not the id"
        listing = panel.query_one("#term-list", OptionList)
        listing.highlighted = [t.id for t in panel.terms].index("as")
        await pilot.pause()
        detail = " ".join(_detail(panel).split())
        assert "United States of America" in detail
        assert detail.count("U.S.") == 1


def test_term_text_shows_variants_once_without_the_preferred_forms(
    service: ReadingService,
) -> None:
    term = service.glossary.add_own_term(
        "Pyongyang", "Pyongyang", id_variants=["Pyongyang", "Pyeongyang"], en_variants=["P'yang"]
    )
    text = term_text(term, related=["aliansi (alliance)"]).plain
    assert "Pyeongyang, P'yang" in text
    assert "related: aliansi (alliance)" in text


async def test_a_delete_waits_for_the_lock_in_a_thread_and_says_when_it_fails(
    busy: ReadingService, db_path: Path
) -> None:
    app = make_app(busy, document=busy.resolve(THESIS), at=1)
    async with app.run_test(size=SIZE) as pilot:
        notices = recording(app)
        panel = await _panel(app, ["pyongyang", "aliansi-strategis"])
        with locked(db_path):
            await pilot.press("delete")
            assert await timed_press(pilot, "delete") < ANSWER
            assert await timed_press(pilot, "down") < ANSWER, "the panel answers keys"
            assert await timed_press(pilot, "escape") < ANSWER
            assert app.screen is panel, "it closes once the delete is done"
            await wait_until(pilot, lambda: any("Could not" in text for text, _ in notices))
        failed = next((text, level) for text, level in notices if "Could not" in text)
        assert failed[0].startswith("Could not delete your term Pyongyang: ")
        assert failed[1] == "error"
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and not panel.changed
        assert [t.id for t in busy.glossary.own_terms()] == ["pyongyang"]


async def test_a_delete_once_the_lock_is_gone_updates_the_panel(
    busy: ReadingService, db_path: Path
) -> None:
    app = make_app(busy, document=busy.resolve(THESIS), at=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _panel(app, ["pyongyang", "aliansi-strategis"])
        with locked(db_path) as release:
            await pilot.press("delete", "delete")
            await pilot.pause(BUSY / 5)
            release()
        await wait_until(pilot, lambda: panel.changed)
        assert busy.glossary.own_terms() == []
        assert [t.id for t in panel.terms] == ["aliansi-strategis"]


async def test_an_edit_from_the_panel_saves_in_a_thread(
    busy: ReadingService, db_path: Path
) -> None:
    app = make_app(busy, document=busy.resolve(THESIS), at=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _panel(app, ["pyongyang"])
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, OwnTermScreen)
        with locked(db_path):
            await pilot.press("tab", "end", *" (DPRK)")
            assert await timed_press(pilot, "ctrl+s") < ANSWER
            assert await timed_press(pilot, "escape") < ANSWER  # busy: the dialog stays
            message = editor.query_one("#dialog-message", Static)
            await wait_until(pilot, lambda: "busy" in _plain(message))
        assert app.screen is editor and busy.glossary.own_terms()[0].en == "Pyongyang"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is panel)
        assert busy.glossary.own_terms()[0].en == "Pyongyang (DPRK)"
        assert panel.changed
        assert "Pyongyang (DPRK)" in _detail(panel)
