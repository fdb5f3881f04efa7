"""Help lists Dwibahasa's keys first, then Textual's in the same (sentence) case, translated;
and says how to search."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import Static

from reader import i18n
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.commands import sentence_case
from reader.tui.screens.help import HelpScreen

JOURNAL = "normalisasi-jepang-korea"


def _plain(widget: Static) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def test_sentence_case() -> None:
    assert sentence_case("Scroll Left") == "Scroll left"
    assert sentence_case("Focus Next") == "Focus next"
    assert sentence_case("Open the PDF") == "Open the PDF"
    assert sentence_case("Copy") == "Copy"


async def test_help_lists_our_keys_then_textuals_in_sentence_case(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(JOURNAL))
    async with app.run_test(size=(100, 52)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = _plain(app.screen.query_one("#help-keys", Static))
        split = keys.index("Moving around and editing")
        ours, theirs = keys[:split], keys[split:]
        for help_text in ("Find text in either language", "Headings of the document"):
            assert help_text in ours
        # ←/→ select words in the reader's selection mode (v): Textual's paging names remain
        assert "Page left" in theirs and "Page Left" not in keys
        assert "Open the command palette" in theirs
        search = _plain(app.screen.query_one("#help-search", Static))
        assert '"aliansi strategis"' in search and "diplomasi*" in search


@pytest.mark.parametrize("lang", ["id"])
async def test_help_speaks_the_interface_language(service: ReadingService, lang: str) -> None:
    i18n.activate(lang)
    app = make_app(service, document=service.resolve(JOURNAL))
    async with app.run_test(size=(100, 52)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        keys = _plain(app.screen.query_one("#help-keys", Static))
        assert "Find text in either language" not in keys
        assert "Scroll left" not in keys
