"""The terminal UI, driven for real through Textual's pilot; assertions on app state."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Static

from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.commands import bound_actions
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.bars import StatusBar
from reader.tui.widgets.parallel_layout import ParallelLayout
from reader.tui.widgets.parallel_text import NO_ENGLISH, ParallelText
from tests.conftest import TEXTS, write_document

THESIS = "aliansi-strategis-korea-as"
WIDE = (140, 40)


def _reader(app: DwibahasaApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def _visible_text(widget: ParallelText) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def _plain(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def _status(app: DwibahasaApp) -> str:
    return _plain(app.screen.query_one(StatusBar))


def _open(service: ReadingService, slug: str = THESIS, at: int | None = None) -> DwibahasaApp:
    return make_app(service, document=service.resolve(slug), at=at)


async def test_library_lists_documents_and_enter_opens_the_reader(
    service: ReadingService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        titles = [str(table.get_row_at(i)[0]) for i in range(2)]
        assert any(t.startswith("BAB IV") for t in titles)
        await pilot.press("enter")
        reader = _reader(app)
        assert reader.document.title == titles[0]
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_reader_shows_both_languages_aligned(service: ReadingService) -> None:
    app = _open(service, at=2)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        parallel = app.screen.query_one(ParallelText)
        text = _visible_text(parallel)
        first_line = next(line for line in text.splitlines() if "Isu kemanan" in line)
        assert "The security issue on the Korean Peninsula" in first_line
        assert "│" in first_line
        assert "¶ 2 of 40" in _status(app)
        assert "reference translation" in _status(app)


async def test_keys_move_the_current_paragraph(service: ReadingService) -> None:
    app = _open(service, at=1)
    async with app.run_test(size=WIDE) as pilot:
        parallel = app.screen.query_one(ParallelText)
        await pilot.press("down", "j")
        assert parallel.current == 2
        await pilot.press("k")
        assert parallel.current == 1
        await pilot.press("G")
        assert parallel.current == len(parallel.rows) - 1
        assert "¶ 40 of 40" in _status(app)
        await pilot.press("g")
        assert parallel.current == 0
        await pilot.press("pagedown")
        assert parallel.current > 0
        await pilot.press("pageup")
        assert parallel.current == 0


async def test_search_highlights_and_cycles_through_matches(service: ReadingService) -> None:
    app = _open(service, at=1)
    async with app.run_test(size=WIDE) as pilot:
        reader = _reader(app)
        await pilot.press("slash")
        search = reader.query_one("#search", Input)
        assert search.has_focus
        await pilot.press(*"nuklir", "enter")
        assert not search.has_focus
        first = reader.current_seq
        assert "nuklir" in reader._rows[first - 1].text.lower()
        await pilot.press("n")
        second = reader.current_seq
        assert second > first
        await pilot.press("N")
        assert reader.current_seq == first
        assert "/nuklir: 1 of" in _status(app)


async def test_search_matches_english_too(service: ReadingService) -> None:
    app = _open(service, at=1)
    async with app.run_test(size=WIDE) as pilot:
        reader = _reader(app)
        reader.search("peninsula")
        await pilot.pause()
        row = reader._rows[reader.current_seq - 1]
        assert row.english is not None and "peninsula" in row.english.lower()


async def test_search_without_match_says_so(service: ReadingService) -> None:
    app = _open(service, at=3)
    async with app.run_test(size=WIDE) as pilot:
        reader = _reader(app)
        reader.search("zzzqqq")
        await pilot.pause()
        assert reader.current_seq == 3
        assert "no match" in _status(app)


async def test_escape_closes_search_without_leaving_the_reader(service: ReadingService) -> None:
    app = _open(service)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", "x", "escape")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(ParallelText).has_focus


async def test_bookmark_is_stored_and_listed(service: ReadingService) -> None:
    app = _open(service, at=5)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("b")
        assert "bookmarked" in _status(app), "shown at once, stored by the writer thread"
        await app.workers.wait_for_complete()
        document = service.resolve(THESIS)
        assert service.bookmarks(document) == [5]
        await pilot.press("G", "B")
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("enter")
        assert _reader(app).current_seq == 5
        await pilot.press("b")
        await app.workers.wait_for_complete()
        assert service.bookmarks(document) == []
        assert "bookmarked" not in _status(app)


async def test_bookmarks_pressed_quickly_end_as_the_library_has_them(
    service: ReadingService,
) -> None:
    app = _open(service, at=5)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("b", "b", "b", "j", "b", "b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        document = service.resolve(THESIS)
        assert service.bookmarks(document) == [5]
        assert _reader(app)._bookmarks == {5}


async def test_patching_rows_rewraps_only_them_and_keeps_the_view(
    service: ReadingService,
) -> None:
    app = _open(service, at=20)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        parallel = app.screen.query_one(ParallelText)
        layout = parallel.layout_geometry
        assert layout is not None
        on_screen = layout.row_tops[parallel.current] - int(parallel.scroll_y)
        rows = parallel.rows
        longer = replace(rows[2], english=" ".join(["Much longer English."] * 40))
        shorter = replace(rows[25], english="Short.")
        parallel.update_rows({2: longer, 25: shorter, 30: rows[30]})
        await pilot.pause()
        assert parallel.layout_geometry is layout, "patched, not laid out again"
        assert (parallel.rows[2], parallel.rows[25]) == (longer, shorter)
        fresh = ParallelLayout(
            [(row.indonesian, row.english or NO_ENGLISH) for row in parallel.rows],
            layout.width,
            stacked=layout.stacked,
        )
        assert layout.row_tops == fresh.row_tops
        assert layout.total_height == fresh.total_height
        assert [layout.line(y) for y in range(fresh.total_height)] == [
            fresh.line(y) for y in range(fresh.total_height)
        ]
        assert layout.row_tops[parallel.current] - int(parallel.scroll_y) == on_screen
        _reader(app).go_to(26)
        await pilot.pause()
        assert "Short." in _visible_text(parallel)


async def test_reader_resumes_where_it_was_left(db_path: Path) -> None:
    first = ReadingService.open(db_path, texts_dir=TEXTS)
    app = _open(first, at=1)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down", "down", "down")
        await pilot.press("q")
    first.close()

    second = ReadingService.open(db_path, texts_dir=TEXTS)
    app = _open(second)
    async with app.run_test(size=WIDE):
        assert _reader(app).current_seq == 4
    second.close()


async def test_narrow_terminal_stacks_the_languages(service: ReadingService) -> None:
    app = _open(service, at=2)
    async with app.run_test(size=(70, 30)) as pilot:
        await pilot.pause()
        parallel = app.screen.query_one(ParallelText)
        assert parallel.stacked
        lines = _visible_text(parallel).splitlines()
        id_line = next(i for i, line in enumerate(lines) if "Isu kemanan" in line)
        en_line = next(i for i, line in enumerate(lines) if "The security issue" in line)
        assert en_line > id_line
        assert "│" not in lines[id_line]
        assert lines[en_line].startswith("   EN  "), "the English is labelled where it starts"


async def test_layout_key_toggles_and_the_choice_sticks(service: ReadingService) -> None:
    app = _open(service)
    async with app.run_test(size=WIDE) as pilot:
        parallel = app.screen.query_one(ParallelText)
        assert not parallel.stacked
        await pilot.press("l")
        assert parallel.stacked
        await pilot.resize_terminal(150, 40)
        await pilot.pause()
        assert parallel.stacked, "the reader's choice wins over the automatic layout"
        await pilot.press("l")
        assert not parallel.stacked


async def test_help_lists_the_reader_keys(service: ReadingService) -> None:
    app = _open(service)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = _plain(app.screen.query_one("#help-keys", Static))
        for expected in ("Find text in either language", "Side by side or stacked", "Bookmark"):
            assert expected in help_text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_command_palette_offers_every_reader_action(service: ReadingService) -> None:
    app = _open(service)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        titles = {command.title for command in app.get_system_commands(screen)}
        descriptions = {  # as the palette shows them: Textual's in sentence case
            action.description
            for action in bound_actions(screen)
            if action.binding.description and not action.binding.system
        }
        assert descriptions <= titles
        for action in ("Search", "Bookmark", "Layout", "Next ¶", "Help"):
            assert action in titles


async def test_palette_command_runs_its_action(service: ReadingService) -> None:
    app = _open(service, at=1)
    async with app.run_test(size=WIDE) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Next ¶")
        await command.callback()
        await pilot.pause()
        assert _reader(app).current_seq == 2


async def test_click_selects_a_paragraph(service: ReadingService) -> None:
    app = _open(service, at=1)
    async with app.run_test(size=WIDE) as pilot:
        parallel = app.screen.query_one(ParallelText)
        layout = parallel.layout_geometry
        assert layout is not None
        target_y = layout.row_tops[2] - int(parallel.scroll_y)
        await pilot.click(ParallelText, offset=(20, target_y))
        assert parallel.current == 2


MARKUP_LIKE = [
    "[b]tebal[/b] dan [/] serta [link=https://contoh.id]tautan[/link] [red]merah",
    "Escape \x1b[31mmerah\x1b[0m dan \x1b]0;judul\x07 dan kontrol \x07\x08 selesai",
    "[@click=app.quit]keluar[/] ]]] [[[ [bold",
]


async def test_markup_and_escapes_in_text_render_literally(tmp_path: Path, db_path: Path) -> None:
    texts = tmp_path / "texts"
    write_document(texts, "nakal", MARKUP_LIKE, english=[f"EN {t}" for t in MARKUP_LIKE])
    service = ReadingService.open(db_path, texts_dir=texts)
    app = _open(service, "nakal")
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        text = _visible_text(app.screen.query_one(ParallelText))
        assert "[b]tebal[/b] dan [/] serta [link=https://contoh.id]tautan[/link]" in text
        assert "[@click=app.quit]keluar[/]" in text
        assert "Escape merah dan dan kontrol selesai" in text
        assert "\x1b" not in text and "\x07" not in text
        assert isinstance(app.screen, ReaderScreen), "clicking markup did nothing"
    service.close()


async def test_empty_library_says_how_to_import(tmp_path: Path, db_path: Path) -> None:
    service = ReadingService.open(db_path, texts_dir=tmp_path / "none")
    app = make_app(service)
    async with app.run_test(size=WIDE):
        details = _plain(app.screen.query_one("#details", Static))
        assert "dwibahasa import" in details
    service.close()


@pytest.mark.parametrize("size", [(40, 12), (220, 60)])
async def test_extreme_terminal_sizes_render(
    service: ReadingService, size: tuple[int, int]
) -> None:
    app = _open(service, at=10)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "pagedown", "l")
        assert _reader(app).current_seq > 10
