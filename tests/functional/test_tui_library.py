"""The library screen manages the library: import, delete, rename, filter, sort (pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, DataTable, Input

from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.library_dialogs import (
    DeleteScreen,
    ImportScreen,
    RenameScreen,
    complete_path,
)
from tests.conftest import REPO, write_document

SIZE = (120, 30)


def _slugs(app: DwibahasaApp) -> list[str]:
    table: DataTable[object] = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[4]) for i in range(table.row_count)]


def _library(app: DwibahasaApp) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


def _imported(service: ReadingService, tmp_path: Path, slug: str, title: str) -> None:
    service.import_file(write_document(tmp_path / slug, slug, ["Satu.", "Dua."], title=title))


async def test_import_key_imports_a_typed_path_and_highlights_it(
    service: ReadingService, tmp_path: Path
) -> None:
    source = write_document(tmp_path, "catatan-kuliah", ["Diplomasi pertahanan.", "Dua."])
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path", Input).value = str(source)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "catatan-kuliah" in _slugs(app)
        table = app.screen.query_one(DataTable)
        assert _slugs(app)[table.cursor_row] == "catatan-kuliah"


async def test_import_of_text_without_line_breaks_says_paragraphs_are_guessed(
    service: ReadingService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        seed = REPO / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"
        app.screen.query_one("#import-path", Input).value = str(seed)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        messages = [str(notice.message) for notice in app._notifications]
        assert any("paragraph breaks guessed" in message for message in messages)


async def test_import_of_a_missing_file_says_why_in_the_dialog(
    service: ReadingService, tmp_path: Path
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "tidak-ada.pdf")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        message = str(app.screen.query_one("#dialog-message").render())
        assert "no such file" in message
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


def test_path_completion_offers_folders_and_files_that_fit(tmp_path: Path) -> None:
    (tmp_path / "bab").mkdir()
    (tmp_path / "bab4.pdf").write_bytes(b"%PDF")
    (tmp_path / ".tersembunyi").write_text("x")
    (tmp_path / "jahat\x1b[31m.txt").write_text("x")
    prefix = str(tmp_path) + "/"
    assert complete_path(prefix + "ba") == [prefix + "bab/", prefix + "bab4.pdf"]
    assert complete_path(prefix + ".") == [prefix + ".tersembunyi"]
    assert complete_path(prefix + "jahat") == []
    assert complete_path(prefix + "zzz") == []
    assert complete_path("") == []


async def test_delete_asks_first_and_cancel_is_the_default(
    service: ReadingService, tmp_path: Path
) -> None:
    _imported(service, tmp_path, "hapus-saya", "AAA Hapus saya")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        assert _slugs(app)[0] == "hapus-saya"
        await pilot.press("d")
        assert isinstance(app.screen, DeleteScreen)
        assert app.screen.focused is app.screen.query_one("#cancel", Button)
        await pilot.press("enter")  # Enter on Cancel deletes nothing
        assert isinstance(app.screen, LibraryScreen)
        assert "hapus-saya" in _slugs(app)
        await pilot.press("d")
        await pilot.click("#confirm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "hapus-saya" not in _slugs(app)
    assert service.library.document(slug="hapus-saya") is None


async def test_delete_keeps_reviewed_english_unless_ticked(
    service: ReadingService, tmp_path: Path
) -> None:
    _imported(service, tmp_path, "hapus-saya", "AAA Hapus saya")
    document = service.resolve("hapus-saya")
    service.review_english(document, 1, "One, reviewed.")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        app.screen.query_one("#delete-translations", Checkbox).value = True
        await pilot.click("#confirm")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert service.library.reference_translation("Satu.") is None


async def test_delete_of_a_bundled_text_is_refused_before_asking(
    service: ReadingService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, LibraryScreen)
        assert len(_slugs(app)) == 2


async def test_rename_changes_title_and_short_name(service: ReadingService, tmp_path: Path) -> None:
    _imported(service, tmp_path, "lama", "AAA Judul lama")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RenameScreen)
        app.screen.query_one("#rename-title", Input).value = "AAA Judul baru"
        app.screen.query_one("#rename-slug", Input).value = "baru"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert _slugs(app)[0] == "baru"
    renamed = service.resolve("baru")
    assert renamed.title == "AAA Judul baru"


async def test_rename_to_a_taken_short_name_is_refused_in_the_dialog(
    service: ReadingService, tmp_path: Path
) -> None:
    _imported(service, tmp_path, "lama", "AAA Judul lama")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        app.screen.query_one("#rename-slug", Input).value = "normalisasi-jepang-korea"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RenameScreen)
        assert "already used" in str(app.screen.query_one("#dialog-message").render())


async def test_filter_shows_matching_titles_and_escape_shows_all(
    service: ReadingService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"jepang")
        await pilot.pause()
        assert _slugs(app) == ["normalisasi-jepang-korea"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(_slugs(app)) == 2
        assert app.screen.query_one("#filter", Input).value == ""


@pytest.mark.parametrize(
    ("presses", "first"),
    [(0, "a-dokumen-kecil"), (1, "b-dokumen-besar"), (5, "b-dokumen-besar")],
)
async def test_sort_cycles_orders(
    service: ReadingService, tmp_path: Path, presses: int, first: str
) -> None:
    service.import_file(write_document(tmp_path / "a", "a-dokumen-kecil", ["Satu."], title="A"))
    blocks = [f"Paragraf {n}." for n in range(60)]
    service.import_file(write_document(tmp_path / "b", "b-dokumen-besar", blocks, title="B"))
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["s"] * presses)
        assert _slugs(app)[0] == first  # title; paragraphs (most first); newest first


async def test_a_click_on_a_column_header_sorts_and_a_second_reverses(
    service: ReadingService, tmp_path: Path
) -> None:
    _imported(service, tmp_path, "kecil", "AAA kecil")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        screen = _library(app)
        await pilot.click("#documents", offset=(62, 0))  # the ¶ column's header
        await pilot.pause()
        assert screen.sort_key == "paragraphs" and not screen.sort_reverse
        assert _slugs(app)[-1] == "kecil"  # most paragraphs first
        await pilot.click("#documents", offset=(62, 0))
        await pilot.pause()
        assert screen.sort_reverse and _slugs(app)[0] == "kecil"
