"""Selecting words in the reader (`v` and the arrows, or a mouse drag) to add them as a term."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.own_term import OwnTermScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.selection import word_spans
from reader.tui.widgets.bars import KeyHints
from reader.tui.widgets.parallel_layout import DIVIDER, GUTTER_WIDTH
from reader.tui.widgets.parallel_text import ParallelText
from tests.functional.test_tui import _plain
from tests.functional.test_tui_contrast import contrast_ratio

THESIS = "aliansi-strategis-korea-as"
SIZE = (140, 40)
SITUATION = 5
"""¶5: "Situasi keamanan di Semenanjung Korea yang belum kondusif, ... menjadi keprihatinan
masyarakat internasional ..." / "The security situation on the Korean Peninsula, ..."."""


def _text(app: App[None]) -> ParallelText:
    return app.screen.query_one(ParallelText)


def _word(text: str, word: str) -> int:
    """The index of the first word `word` of `text` (as the selection counts words)."""
    return [text[a:b] for a, b in word_spans(text)].index(word)


def _hints(app: App[None]) -> str:
    return _plain(app.screen.query_one(KeyHints))


async def _select(pilot: Pilot[None], app: App[None], word: str, extra: int = 0) -> None:
    """`v`, then right to the Indonesian `word`, then shift+right `extra` times."""
    row = _text(app).rows[_text(app).current]
    await pilot.press("v", *["right"] * _word(row.indonesian, word), *["shift+right"] * extra)


async def test_v_starts_at_the_first_word_and_the_arrows_move_and_extend(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=SITUATION)
    async with app.run_test(size=(180, 40)) as pilot:
        text = _text(app)
        assert "Bookmark" in _hints(app) and "Next word" not in _hints(app)
        await pilot.press("v")
        assert text.selection is not None and text.selection.text("id") == "Situasi"
        hints = _hints(app)
        for name in ("Prev word", "Next word", "Extend left", "Extend right", "Add term"):
            assert name in hints
        assert "Bookmark" not in hints, "the key hints show the selection's keys"
        assert "Next ¶" not in hints
        await pilot.press("right", "right", "right", "shift+right")
        assert text.selection.text("id") == "Semenanjung Korea"
        await pilot.press("shift+left", "shift+left", "shift+left")
        assert text.selection.text("id") == "keamanan di Semenanjung"  # past the anchor
        await pilot.press("left")
        assert text.selection.text("id") == "Situasi"
        await pilot.press("escape")
        assert text.selection is None and isinstance(app.screen, ReaderScreen)
        assert "Bookmark" in _hints(app)
        await pilot.press("escape")  # out of the mode, Esc is "back" again
        await pilot.pause()
        assert not isinstance(app.screen, ReaderScreen)


async def test_a_opens_the_dialog_with_exactly_the_selected_words(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=SITUATION)
    async with app.run_test(size=SIZE) as pilot:
        await _select(pilot, app, "Semenanjung", extra=1)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, OwnTermScreen)
        assert dialog.query_one("#own-id_term", Input).value == "Semenanjung Korea"
        curated = service.glossary.termbase().get("semenanjung-korea")
        assert curated is not None
        assert dialog.query_one("#own-en", Input).value == curated.en  # from the entry
        await pilot.press("escape")
        assert _text(app).selection is not None, "a cancelled dialog keeps the selection"


async def test_marked_english_prefills_the_dialog_and_wins_over_an_entry(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=SITUATION)
    async with app.run_test(size=SIZE) as pilot:
        text = _text(app)
        english = text.rows[text.current].english
        assert english is not None
        await _select(pilot, app, "Semenanjung", extra=1)
        await pilot.press("tab", *["right"] * _word(english, "Peninsula"))
        assert text.selection is not None and text.selection.side == "en"
        assert text.selection.text("en") == "Peninsula"
        assert text.selection.text("id") == "Semenanjung Korea"  # still marked
        await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, OwnTermScreen)
        assert dialog.query_one("#own-id_term", Input).value == "Semenanjung Korea"
        assert dialog.query_one("#own-en", Input).value == "Peninsula"


async def test_saving_a_selection_adds_the_term_and_ends_the_mode(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=SITUATION)
    async with app.run_test(size=SIZE) as pilot:
        text = _text(app)
        english = text.rows[text.current].english
        assert english is not None
        await _select(pilot, app, "keprihatinan")
        await pilot.press("tab", *["right"] * _word(english, "concern"), "a", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        [term] = service.glossary.own_terms()
        assert (term.id_term, term.en) == ("keprihatinan", "concern")
        assert text.selection is None
        row = text.rows[text.current]
        assert any(term_id == term.id for *_span, term_id in row.id_terms), "linked at once"


async def test_moving_to_another_paragraph_moves_the_selection(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=SITUATION)
    async with app.run_test(size=SIZE) as pilot:
        text = _text(app)
        await pilot.press("v", "right", "down")
        assert text.selection is not None and text.selection.row == text.current
        assert text.selection.text("id") == text.rows[text.current].indonesian.split()[0]


def _cell(text: ParallelText, row: int, side: str, offset: int) -> tuple[int, int]:
    """The widget offset (x, y) where character `offset` of `row`'s `side` is drawn."""
    layout = text.layout_geometry
    assert layout is not None
    for y in range(layout.row_tops[row], layout.row_tops[row + 1]):
        line = layout.line(y)
        assert line is not None
        column = GUTTER_WIDTH
        for part, width in zip(line.parts, (layout.id_width, layout.en_width), strict=False):
            if part is not None and part.side == side and part.span[0] <= offset < part.span[1]:
                return column + offset - part.span[0], y - int(text.scroll_y)
            column += width + len(DIVIDER)
    raise AssertionError("not drawn")


@pytest.mark.parametrize("side", ["id", "en"])
async def test_a_mouse_drag_selects_words_and_a_adds_them(
    service: ReadingService, side: str
) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=SITUATION - 1)
    async with app.run_test(size=SIZE) as pilot:
        text = _text(app)
        row = SITUATION - 1
        source = text.rows[row].indonesian if side == "id" else text.rows[row].english
        assert source is not None
        first, last = ("Semenanjung", "Korea") if side == "id" else ("Korean", "Peninsula")
        start = source.index(first) + 2  # inside the words: whole words are selected
        end = source.index(last) + 3
        await pilot.mouse_down(ParallelText, offset=_cell(text, row, side, start))
        await pilot.hover(ParallelText, offset=_cell(text, row, side, end))
        await pilot.mouse_up(ParallelText, offset=_cell(text, row, side, end))
        await pilot.pause()
        assert text.current == row
        assert text.selection is not None and text.selection.side == side
        assert text.selection.text(side) == f"{first} {last}"
        assert "Extend right" in _hints(app)
        await pilot.press("shift+right")  # the keys go on from the drag
        longer = "Semenanjung Korea yang" if side == "id" else "Korean Peninsula, which"
        assert text.selection.text(side) == longer
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, OwnTermScreen)
        field = "#own-id_term" if side == "id" else "#own-en"
        assert dialog.query_one(field, Input).value == text.selection.text(side)


async def test_a_click_is_still_a_click(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=1)
    async with app.run_test(size=SIZE) as pilot:
        text = _text(app)
        row = SITUATION - 1
        source = text.rows[row].indonesian
        await pilot.press("v")
        await pilot.click(ParallelText, offset=_cell(text, row, "id", source.index("di ")))
        await pilot.pause()
        assert text.current == row and text.selection is None, "a click ends the selection"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_selected_words_are_readable(service: ReadingService, theme: str) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=SITUATION)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await pilot.press("v")
        style = _text(app)._style("selection")
        assert style.color is not None and style.bgcolor is not None and style.bold
        ratio = contrast_ratio(style.color.get_truecolor(), style.bgcolor.get_truecolor())
        assert ratio >= 4.5
