"""Own terms from the reader: `a` adds one (linked at once), the term panel edits and deletes it."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.own_term import OwnTermScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.terms import TermScreen
from reader.tui.widgets.parallel_text import ParallelText

CHAPTER = "aliansi-strategis-korea-as"
SIZE = (140, 40)


def _linked(app: App[None], term_id: str) -> int:
    rows = app.screen.query_one(ParallelText).rows
    return sum(1 for row in rows for *_span, term in row.id_terms if term == term_id)


async def _settle(app: App[None], pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _add_pyongyang(app: App[None], pilot: Pilot[None]) -> None:
    await pilot.press("slash", *"Pyongyang", "enter")
    await pilot.press("a")
    screen = app.screen
    assert isinstance(screen, OwnTermScreen)
    assert screen.query_one("#own-id_term", Input).value == "Pyongyang"  # from the search
    await pilot.press(*"Pyongyang")  # the English field has the focus
    await pilot.press("ctrl+s")
    await _settle(app, pilot)


async def test_a_adds_an_own_term_linked_at_once(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _linked(app, "pyongyang") == 0
        await _add_pyongyang(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert _linked(app, "pyongyang") > 0
        assert [t.id for t in service.glossary.own_terms()] == ["pyongyang"]


async def test_a_refusal_stays_in_the_dialog(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.press(*"diplomasi pertahanan", "tab", *"x", "ctrl+s")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OwnTermScreen)
        assert "already" in str(screen.query_one("#dialog-message").render())
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen) and service.glossary.own_terms() == []


async def test_term_panel_marks_edits_and_deletes_an_own_term(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await _add_pyongyang(app, pilot)
        await pilot.press("t")  # the search match's paragraph uses it
        panel = app.screen
        assert isinstance(panel, TermScreen)
        index = [t.id for t in panel.terms].index("pyongyang")
        listing = panel.query_one("#term-list", OptionList)
        listing.focus()
        listing.highlighted = index
        await pilot.pause()
        assert "(own)" in str(listing.get_option_at_index(index).prompt)
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, OwnTermScreen)
        await pilot.press("tab", "end", *" (DPRK)", "ctrl+s")
        await _settle(app, pilot)
        assert isinstance(app.screen, TermScreen) and app.screen.changed
        assert service.glossary.own_terms()[0].en == "Pyongyang (DPRK)"
        await pilot.press("delete")
        assert service.glossary.own_terms()  # the first press asks
        await pilot.press("delete")
        await _settle(app, pilot)  # the delete runs in a worker thread
        assert service.glossary.own_terms() == []
        assert "pyongyang" not in [t.id for t in panel.terms]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and _linked(app, "pyongyang") == 0


async def test_curated_terms_cannot_be_edited_in_the_panel(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        panel = app.screen
        assert isinstance(panel, TermScreen)
        await pilot.press("e", "delete", "delete")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen) and not app.screen.changed
