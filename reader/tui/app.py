"""The Textual application and the factory the CLI, tests and benchmarks share."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.library import DocumentRecord
from reader.service import ReadingService
from reader.tui.commands import binding_commands
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen


class DwibahasaApp(App[None]):
    """Library screen at the bottom of the stack; the reader on top when a document is open."""

    TITLE = "Dwibahasa"
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "styles/app.tcss",
        "styles/library.tcss",
        "styles/reader.tcss",
        "styles/dialogs.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "Commands", tooltip="Search every action"),
    ]

    def __init__(
        self,
        service: ReadingService,
        *,
        document: DocumentRecord | None = None,
        at: int | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self._initial_document = document
        self._initial_position = at

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen(self.service))
        if self._initial_document is not None:
            self.push_screen(
                ReaderScreen(self.service, self._initial_document, self._initial_position)
            )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from binding_commands(screen)

    def on_unmount(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position_now()


def make_app(
    service: ReadingService, *, document: DocumentRecord | None = None, at: int | None = None
) -> DwibahasaApp:
    """The one way to build the app, so the CLI, tests and benchmarks run the same thing."""
    return DwibahasaApp(service, document=document, at=at)
