"""The Textual application and the factory the CLI, tests and benchmarks share."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from reader.errors import UserError
from reader.i18n import N_, _, ngettext
from reader.library import DocumentRecord
from reader.service import ReadingService
from reader.tui.commands import binding_commands
from reader.tui.messages import LibraryRequested, OpenDocument
from reader.tui.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from reader.export_pairs import ExportPair
    from reader.tui.screens.library import LibraryScreen


def _library_screen_type() -> type[LibraryScreen]:
    """The library screen's class, imported when first needed (`read DOC` may never need it)."""
    from reader.tui.screens.library import LibraryScreen

    return LibraryScreen


class DwibahasaApp(App[None]):
    """Library screen at the bottom of the stack; the reader on top when a document is open."""

    TITLE = "Dwibahasa"
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "styles/app.tcss",
        "styles/library.tcss",
        "styles/reader.tcss",
    ]
    """The sheets of the two screens start-up paints. The glossary screen and the dialogs bring
    their own (`CSS_PATH` on the screen), read when first shown: a sheet added after start
    makes Textual parse every sheet again (~35 ms), which start-up must not pay."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "glossary", N_("Glossary"), tooltip=N_("Browse and search every term")),
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
        self.crash: BaseException | None = None
        """The unexpected error that ended the app, for the caller's crash boundary."""

    def on_mount(self) -> None:
        notice = self.service.library.read_only_notice()
        if notice is not None:
            self.notify(notice, severity="warning", markup=False, timeout=8)
        if self._initial_document is None:
            self.push_screen(_library_screen_type()(self.service))
        else:  # the library screen is imported and made only if the reader goes back to it
            self.push_screen(
                ReaderScreen(self.service, self._initial_document, self._initial_position)
            )

    def on_library_requested(self, message: LibraryRequested) -> None:
        """Leave the reader for the library, making the library screen if it is not below."""
        library_screen = _library_screen_type()
        if any(isinstance(screen, library_screen) for screen in self.screen_stack):
            self.pop_screen()
        else:
            self.switch_screen(library_screen(self.service))

    def action_glossary(self) -> None:
        from reader.tui.screens.glossary import GlossaryScreen

        if not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen(self.service))

    def on_open_document(self, message: OpenDocument) -> None:
        """A jump from the glossary: reuse the reader if it shows that document."""
        try:
            document = self.service.resolve(message.slug)
        except UserError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        while len(self.screen_stack) > 1 and not isinstance(
            self.screen, (ReaderScreen, _library_screen_type())
        ):
            self.pop_screen()
        screen = self.screen
        if isinstance(screen, ReaderScreen) and screen.document.id == document.id:
            screen.go_to(message.seq)
        else:
            self.push_screen(ReaderScreen(self.service, document, message.seq))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands in the interface language, then one per binding of `screen`.

        Textual's "Keys" command is left out: its panel only speaks English, and
        help (?) is among the binding commands wherever it is bound.
        """
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                continue
            yield command._replace(title=_(command.title), help=_(command.help))
        yield from binding_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand(
                _("Export aligned text"),
                _("This document's paragraphs and their English as TMX, TSV or DOCX"),
                lambda: self._export(screen.document),
            )

    def _export(self, document: DocumentRecord) -> None:
        """The export dialog (reader/tui/screens/export_dialog.py), from the command palette."""
        from reader.tui.screens.export_dialog import ExportScreen

        def written(pairs: list[ExportPair] | None) -> None:
            if pairs is not None:
                self.notify(
                    ngettext(
                        "Exported {count} paragraph pair",
                        "Exported {count} paragraph pairs",
                        len(pairs),
                    ).format(count=len(pairs)),
                    markup=False,
                )

        self.push_screen(ExportScreen(self.service, document), written)

    def action_command_palette(self) -> None:
        """Textual's palette, with its placeholder in the interface language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
            )

    def _handle_exception(self, error: Exception) -> None:
        """A bug: remember it for the CLI's crash boundary and exit, as Textual does.

        The CLI turns it into one line and a crash report file (`reader.crash`).
        Textual 8.2.8's own handler (kept: it sets the return code and stops the
        app) would also print a traceback with locals at exit: `_fatal_error`
        below leaves that out. Both are private hooks of the pinned release;
        `tests/functional/test_tui_crash.py` fails if a release changes them.
        """
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Exit after an unexpected error without queuing a traceback for the terminal."""
        self.bell()
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position_now()


def make_app(
    service: ReadingService, *, document: DocumentRecord | None = None, at: int | None = None
) -> DwibahasaApp:
    """The one way to build the app, so the CLI, tests and benchmarks run the same thing."""
    return DwibahasaApp(service, document=document, at=at)
