"""The terminal UI in Indonesian (and still in English), driven through Textual's pilot."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.binding import Binding
from textual.command import CommandInput, CommandList, CommandPalette
from textual.containers import ScrollableContainer
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    OptionList,
    Select,
    Static,
    TextArea,
)
from textual.widgets._select import SelectOverlay

from reader import i18n
from reader.i18n import _
from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.borrowed import TEXTUAL_BINDINGS
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.glossary import GlossaryScreen
from reader.tui.screens.handout import HandoutScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.review import ReviewScreen
from reader.tui.screens.terms import TermScreen
from reader.tui.widgets.bars import ColumnHeader, KeyHints, StatusBar
from reader.tui.widgets.parallel_text import ParallelText

THESIS = "aliansi-strategis-korea-as"
SIZE = (100, 30)
"""A modest terminal: Indonesian labels must work at this width."""

DELIBERATELY_SAME: frozenset[str] = frozenset()
"""Binding descriptions or tooltips whose Indonesian is the English word (none so far)."""


@pytest.fixture
def indonesian() -> Iterator[None]:
    i18n.activate("id")
    yield
    i18n.activate("en")


def _plain(widget: Static) -> str:
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def _open(service: ReadingService, at: int | None = None) -> DwibahasaApp:
    return make_app(service, document=service.resolve(THESIS), at=at)


def _columns(table: DataTable[Any]) -> list[str]:
    return [str(column.label) for column in table.columns.values()]


async def _palette_prompts(app: DwibahasaApp, pilot: Any, query: str) -> list[str]:
    """Open the command palette, type `query`, and return what it lists."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    for _attempt in range(40):  # the palette searches in the background
        await pilot.pause(0.05)
        commands = app.screen.query_one(CommandList)
        if commands.option_count:
            break
    return [str(option.prompt) for option in commands.options]


def _untranslated(screen: Screen[Any]) -> list[str]:
    """Descriptions and tooltips of `screen`'s live bindings that have no Indonesian."""
    missing = []
    for active in screen.active_bindings.values():
        binding = active.binding
        for text in (binding.description, binding.tooltip):
            if text and _(text) == text and text not in DELIBERATELY_SAME:
                missing.append(text)
    return missing


# Indonesian ----------------------------------------------------------------------------------


async def test_library_in_indonesian(service: ReadingService, indonesian: None) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert "Dwibahasa · pustaka" in _plain(screen.query_one("#title-bar", Static))
        assert _columns(screen.query_one(DataTable)) == [
            "Judul",
            "¶",
            "Inggris",
            "Terakhir dibaca",
            "Slug",
        ]
        details = _plain(screen.query_one("#details", Static))
        assert "40 paragraf · 40 dengan terjemahan Inggris" in details
        hints = _plain(screen.query_one(KeyHints))
        for label in ("Baca", "Bantuan", "Keluar", "Perintah"):
            assert label in hints
        assert "Help" not in hints and "Commands" not in hints


async def test_reader_in_indonesian(service: ReadingService, indonesian: None) -> None:
    app = _open(service, at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        header = _plain(screen.query_one(ColumnHeader))
        assert "Bahasa Indonesia" in header
        assert "Bahasa Inggris (terjemahan rujukan)" in header
        assert "English" not in header
        status = _plain(screen.query_one(StatusBar))
        assert "¶ 2 dari 40" in status
        assert "terjemahan rujukan" in status
        assert "istilah (t)" in status
        assert "berdampingan" in status
        hints = _plain(screen.query_one(KeyHints))
        for label in ("Cari", "Tandai", "Bantuan", "Kembali"):  # arrows give way at 100
            assert label in hints
        search = screen.query_one("#search", Input)
        assert search.placeholder.startswith("Cari dalam kedua bahasa")

        await pilot.press("l")
        await pilot.pause()
        assert "bertumpuk" in _plain(screen.query_one(StatusBar))
        assert "Bahasa Inggris" in _plain(screen.query_one(ColumnHeader))

        screen.search("zzzqqq")
        await pilot.pause()
        assert "/zzzqqq: tidak ditemukan" in _plain(screen.query_one(StatusBar))

        screen.search("nuklir")
        await pilot.pause()
        assert "/nuklir: 1 dari" in _plain(screen.query_one(StatusBar))

        await pilot.press("b")
        assert "★ ditandai" in _plain(screen.query_one(StatusBar))

        await pilot.resize_terminal(170, 30)  # at 100 columns every field is shortened
        await pilot.pause()
        screen._translation = "3/10"
        screen._update_status()
        assert "menerjemahkan 3/10 (X: hentikan)" in _plain(screen.query_one(StatusBar))


async def test_reader_notifications_in_indonesian(
    service: ReadingService, indonesian: None
) -> None:
    app = _open(service, at=5)
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notices.append(str(message))  # type: ignore[method-assign]
        await pilot.press("B", "l", "n", "b")
        await pilot.pause()
    assert notices == [
        "Belum ada penanda: tekan b untuk menandai paragraf",
        "Tata letak bertumpuk",
        "Belum ada pencarian: tekan / untuk mencari",
        "¶ 5 diberi penanda",
    ]


async def test_help_screen_in_indonesian(service: ReadingService, indonesian: None) -> None:
    app = _open(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        assert "Bantuan" in _plain(screen.query_one("#dialog-title", Static))
        assert "palet perintah (Ctrl+P)" in _plain(screen.query_one("#help-intro", Static))
        keys = _plain(screen.query_one("#help-keys", Static))
        for expected in (
            "Cari teks dalam kedua bahasa",
            "Berdampingan atau bertumpuk",
            "Pindah ke paragraf berikutnya",
            "Tombol dan fungsinya",
            "Kembali ke pustaka",
        ):
            assert expected in keys
        for english in ("Find text", "Side by side", "Keys and what they do", "Scroll Left"):
            assert english not in keys


async def test_command_palette_in_indonesian(service: ReadingService, indonesian: None) -> None:
    app = _open(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Tema", "Keluar", "Tangkapan layar", "Bantuan", "Tandai", "¶ berikutnya"} <= titles
        assert not titles & {"Theme", "Quit", "Keys", "Screenshot", "Help", "Bookmark"}

        prompts = await _palette_prompts(app, pilot, "penanda")
        palette = app.screen
        assert palette.query_one(CommandInput).placeholder == "Cari perintah…"
        assert any(
            "Penanda" in prompt and "Daftar penanda; lompat ke salah satunya  [B]" in prompt
            for prompt in prompts
        ), prompts


async def test_palette_runs_help_in_indonesian(service: ReadingService, indonesian: None) -> None:
    app = _open(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Bantuan")
        await command.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_glossary_screen_in_indonesian(service: ReadingService, indonesian: None) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert "Dwibahasa · glosarium" in _plain(screen.query_one("#title-bar", Static))
        assert _columns(screen.query_one(DataTable)) == [
            "Indonesia",
            "Inggris",
            "Ranah",
            "Kemunculan",
        ]
        search = screen.query_one("#glossary-search", Input)
        assert search.placeholder == "Cari dalam bahasa Indonesia atau Inggris"
        assert "Semua ranah" in str(screen.query_one(Select).prompt)
        assert "kemunculan di pustaka" in _plain(screen.query_one("#glossary-detail", Static))
        hints = _plain(screen.query_one(KeyHints))
        assert "Panel istilah" in hints and "Bantuan" in hints
        search.value = "zzzqqq"
        await pilot.pause()
        detail = _plain(screen.query_one("#glossary-detail", Static))
        assert "Tidak ada istilah yang cocok." in detail


async def test_dialogs_in_indonesian(service: ReadingService, indonesian: None) -> None:
    app = _open(service, at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "B")
        assert isinstance(app.screen, BookmarksScreen)
        title = _plain(app.screen.query_one("#dialog-title", Static))
        assert "Penanda: Enter untuk melompat" in title
        await pilot.press("escape", "t")
        assert isinstance(app.screen, TermScreen)
        assert "Istilah glosarium" in _plain(app.screen.query_one("#dialog-title", Static))
        assert "kemunculan di pustaka" in _plain(app.screen.query_one("#term-detail", Static))
        await pilot.press("escape", "e")
        assert isinstance(app.screen, ReviewScreen)
        assert "Tinjau terjemahan Inggris ¶ 2" in _plain(
            app.screen.query_one("#dialog-title", Static)
        )
        buttons = [str(button.label) for button in app.screen.query(Button)]
        assert buttons == ["Simpan (Ctrl+S)", "Batal (Esc)"]


# Every binding a person sees has its Indonesian -----------------------------------------------


async def test_no_shown_binding_is_untranslated(service: ReadingService, indonesian: None) -> None:
    """Walk every screen (and the focus states that change its bindings) in Indonesian."""
    seen: dict[str, list[str]] = {}

    def check(name: str) -> None:
        seen[name] = _untranslated(app.screen)

    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check("library")
        await pilot.press("question_mark")
        check("help")
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        check("glossary")
        await pilot.press("slash")
        check("glossary search")
        app.screen.query_one(Select).focus()
        await pilot.pause()
        check("glossary domain")
        await pilot.press("down")  # not Enter: the screen's Enter opens the term panel
        await pilot.pause()
        assert isinstance(app.screen.focused, SelectOverlay)
        check("glossary domain menu")
        await pilot.press("escape")
        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
        check("term panel")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await pilot.pause()
        check("reader")
        await pilot.press("slash")
        check("reader search")
        await pilot.press("escape", "b", "B")
        assert isinstance(app.screen, BookmarksScreen)
        check("bookmarks")
        await pilot.press("escape", "e")
        assert isinstance(app.screen, ReviewScreen)
        check("review")
        app.screen.query_one(Button).focus()
        await pilot.pause()
        assert isinstance(app.screen.focused, Button)
        check("review buttons")
    assert all(screen in seen for screen in ("reader", "review", "glossary domain menu"))
    assert {name: missing for name, missing in seen.items() if missing} == {}


BINDING_CLASSES: tuple[type[Any], ...] = (
    App,
    DwibahasaApp,
    Screen,
    ModalScreen,
    LibraryScreen,
    ReaderScreen,
    GlossaryScreen,
    HelpScreen,
    BookmarksScreen,
    ReviewScreen,
    TermScreen,
    HandoutScreen,
    ParallelText,
    DataTable,
    Input,
    TextArea,
    OptionList,
    Select,
    SelectOverlay,
    Button,
    Checkbox,
    ScrollableContainer,
)
"""Every class whose bindings can reach our screens (ours and the Textual widgets we use)."""


def _declared_bindings() -> Iterator[Binding]:
    for cls in BINDING_CLASSES:
        for klass in cls.__mro__:
            for binding in vars(klass).get("BINDINGS", ()):
                yield binding if isinstance(binding, Binding) else Binding(*binding)


def test_every_declared_binding_has_indonesian(indonesian: None) -> None:
    texts = {
        text
        for binding in _declared_bindings()
        for text in (binding.description, binding.tooltip)
        if text
    }
    texts |= {"palette", "Open the command palette"}  # the App adds the Ctrl+P binding itself
    assert len(texts) > 60
    missing = sorted(t for t in texts if _(t) == t and t not in DELIBERATELY_SAME)
    assert missing == []


def test_borrowed_textual_messages_still_exist() -> None:
    """Each Textual msgid we list is still a binding text of a widget we use."""
    texts = {
        text
        for binding in _declared_bindings()
        for text in (binding.description, binding.tooltip)
        if text
    }
    texts |= {"palette", "Open the command palette"}
    assert set(TEXTUAL_BINDINGS) <= texts


# English stays English --------------------------------------------------------------------------


async def test_english_interface_stays_english(service: ReadingService) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "Dwibahasa · library" in _plain(screen.query_one("#title-bar", Static))
        assert _columns(screen.query_one(DataTable))[0] == "Title"
        assert "Commands" in _plain(screen.query_one(KeyHints))
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        status = _plain(reader.query_one(StatusBar))
        assert "¶ 1 of 40" in status and "side by side" in status
        header = _plain(reader.query_one(ColumnHeader))
        assert "Bahasa Indonesia" in header and "English (reference translation)" in header
        assert "Bookmark" in _plain(reader.query_one(KeyHints))  # arrows give way at 100
        titles = {command.title for command in app.get_system_commands(reader)}
        assert {"Theme", "Quit", "Help", "Bookmark"} <= titles
        assert "Keys" not in titles, "Textual's English-only key panel is left out"
        await pilot.press("question_mark")
        keys = _plain(app.screen.query_one("#help-keys", Static))
        assert "Find text in either language" in keys
        await pilot.press("escape")
        prompts = await _palette_prompts(app, pilot, "bookmark")
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
        assert any("List bookmarks and jump to one  [B]" in prompt for prompt in prompts), prompts
