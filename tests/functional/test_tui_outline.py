"""The outline (o) lists headings and jumps; [ and ] go to the previous and next heading."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from reader.library import BilingualRow
from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.screens.outline import (
    OutlineEntry,
    OutlinePanel,
    entry_label,
    neighbour_heading,
    outline_entries,
    section_index,
)
from reader.tui.screens.reader import ReaderScreen
from tests.conftest import write_document

JOURNAL = "normalisasi-jepang-korea"
HEADINGS = [1, 4, 7, 13, 16, 23, 31, 41, 46]


def _row(seq: int, kind: str, text: str, level: int = 0) -> BilingualRow:
    return BilingualRow(seq, seq, kind, level, "id", text, None, None, None, None)


def test_outline_entries_are_headings_and_article_lines() -> None:
    rows = [
        _row(1, "heading", "BAB I KETENTUAN UMUM", 1),
        _row(2, "paragraph", "Pasal 1"),
        _row(3, "paragraph", "Dalam Undang-Undang ini yang dimaksud dengan pertahanan negara."),
        _row(4, "paragraph", "Pasal 2A"),
        _row(5, "paragraph", "Pasal 3 mengatur hal lain yang panjang " * 4),
        _row(6, "heading", "A. Bagian Kesatu", 2),
    ]
    entries = outline_entries(rows)
    assert [(e.seq, e.level) for e in entries] == [(1, 1), (2, 3), (4, 3), (6, 2)]


def test_neighbour_heading_and_section() -> None:
    entries = [OutlineEntry(seq, 1, "x") for seq in (3, 10, 20)]
    assert neighbour_heading(entries, 1, 1) == 3
    assert neighbour_heading(entries, 3, 1) == 10
    assert neighbour_heading(entries, 15, -1) == 10
    assert neighbour_heading(entries, 10, -1) == 3
    assert neighbour_heading(entries, 3, -1) is None
    assert neighbour_heading(entries, 20, 1) is None
    assert section_index(entries, 2) is None
    assert section_index(entries, 10) == 1
    assert section_index(entries, 99) == 2


def test_entry_label_is_plain_text_cut_to_the_panel() -> None:
    label = entry_label(OutlineEntry(12, 2, "[b]Judul[/b] \x1b[31m" + "panjang " * 20))
    assert "[b]Judul[/b]" in label.plain and "\x1b" not in label.plain
    assert label.plain.endswith("…") and label.cell_len <= 30


def _reader(app: DwibahasaApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def test_o_opens_the_outline_on_the_current_section_and_enter_jumps(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(JOURNAL), at=14)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        panel = app.screen.query_one(OutlinePanel)
        option_list = panel.query_one(OptionList)
        assert option_list.option_count == len(HEADINGS)
        assert option_list.has_focus
        assert option_list.highlighted == HEADINGS.index(13)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert _reader(app).current_seq == 23
        assert _reader(app).parallel.has_focus  # the panel stays, the text has the keys
        await pilot.press("j", "j")
        await pilot.pause()
        assert option_list.highlighted == HEADINGS.index(23)  # the panel follows
        await pilot.press("o")
        await pilot.pause()
        assert not app.screen.query(OutlinePanel)


async def test_escape_in_the_outline_closes_it_not_the_reader(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(JOURNAL))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert not app.screen.query(OutlinePanel)


async def test_outline_stops_above_the_key_hints(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(JOURNAL))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.query_one(OutlinePanel).region.height == 23
        await pilot.resize_terminal(110, 30)
        await pilot.pause()
        assert app.screen.query_one(OutlinePanel).region.height == 29


@pytest.mark.parametrize(
    ("start", "keys", "expected"),
    [
        (14, ["right_square_bracket"], 16),
        (14, ["left_square_bracket"], 13),
        (13, ["left_square_bracket"], 7),
        (1, ["right_square_bracket"] * 3, 13),
        (46, ["right_square_bracket"], 46),  # no heading after the last: stays, bell
    ],
)
async def test_brackets_go_to_the_previous_and_next_heading(
    service: ReadingService, start: int, keys: list[str], expected: int
) -> None:
    app = make_app(service, document=service.resolve(JOURNAL), at=start)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert _reader(app).current_seq == expected


async def test_outline_of_a_document_without_headings_says_so(
    service: ReadingService, tmp_path: Path
) -> None:
    outcome = service.import_file(write_document(tmp_path, "datar", ["Satu.", "Dua."]))
    app = make_app(service, document=outcome.document)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        option_list = app.screen.query_one(OutlinePanel).query_one(OptionList)
        assert option_list.option_count == 1
        assert "no headings" in str(option_list.get_option_at_index(0).prompt)
