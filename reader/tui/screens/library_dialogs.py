"""The library screen's dialogs: import a file, delete a document, rename it.

Each asks what the CLI's `import`, `delete` and `rename` ask and calls the same
service method, in a thread (a write may wait for another process's lock, an
import of a large PDF takes seconds). A refusal is shown in the dialog as one
line of plain text; the dialog closes with the result once the write is done.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Input, Label, Static
from textual.worker import Worker, WorkerState

from reader.errors import UserError
from reader.i18n import N_, _, ngettext
from reader.library import DocumentRecord
from reader.safe_text import display_text
from reader.service import DeleteOutcome, ImportOutcome, ReadingService

Result = TypeVar("Result")

IMPORTABLE = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm")
"""Suffixes the path completion offers first (any file can still be typed)."""


def complete_path(value: str, *, limit: int = 200) -> list[str]:
    """Completions of a path being typed: `value` plus the rest of each entry that fits.

    Folders end in the separator, so completing goes on inside them. Hidden
    entries are offered only once a dot is typed; names a terminal would obey
    (controls, escapes) are never offered. Folders and importable files first.
    """
    if not value or "\x00" in value:
        return []
    head, separator, stem = value.rpartition(os.sep)
    folder = Path((head or separator) or ".").expanduser()
    if not separator and stem.startswith("~"):  # "~" alone, or "~user": no folder typed yet
        return []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name.casefold())[:5000]
    except OSError:
        return []
    found: list[tuple[int, str]] = []
    for entry in entries:
        name = entry.name
        if not name.startswith(stem) or name == stem:
            continue
        if name.startswith(".") and not stem.startswith("."):
            continue
        if display_text(name) != name:
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            continue
        rank = 0 if is_folder else 1 if name.lower().endswith(IMPORTABLE) else 2
        found.append((rank, value + name[len(stem) :] + (os.sep if is_folder else "")))
        if len(found) >= limit:
            break
    return [path for _rank, path in sorted(found, key=lambda item: item[0])]


class PathSuggester(Suggester):
    """Suggests the first completion of a path; → (or End) takes it, as in a shell."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        completions = complete_path(value, limit=1)
        return completions[0] if completions else None


class WorkingDialog(ModalScreen[Result | None], Generic[Result]):
    """A dialog whose action runs in a thread; it dismisses with the action's result."""

    CSS_PATH = "../styles/dialogs.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without changing anything")),
    ]

    working = False

    def say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#dialog-message", Static)
        line.update(Text(display_text(message)))  # one line, nothing a terminal obeys
        line.set_class(error, "-error")

    def start(self, action: Callable[[], Result], message: str) -> None:
        """Run `action` in a thread, the dialog locked meanwhile."""
        if self.working:
            return
        self._lock(True)
        self.say(message)
        self._run(action)

    def _lock(self, working: bool) -> None:
        self.working = working
        for widget in self.query("Input, Checkbox, Button"):
            widget.disabled = working

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def _run(self, action: Callable[[], Result]) -> Result:
        return action()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "dialog":
            return
        if event.state == WorkerState.SUCCESS:
            self.working = False
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self._lock(False)
            error = event.worker.error
            if isinstance(error, UserError):
                self.say(str(error), error=True)
            else:
                self.say(_("That did not work: {error}").format(error=error), error=True)
            self.focus_first()

    def focus_first(self) -> None:
        """Where the focus goes when the dialog opens or a refusal is shown."""

    def action_cancel(self) -> None:
        if self.working:  # the write will be whole; then the dialog closes
            self.app.bell()
            return
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.action_cancel()
        else:
            self.confirm()

    def confirm(self) -> None:
        """The dialog's main button (or Enter in a field)."""

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.confirm()


class ImportScreen(WorkingDialog[ImportOutcome]):
    """Import a file: a path with completion (→ takes it); dismisses with the outcome."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Import a document"), id="dialog-title")
            yield Input(
                placeholder=_("Path of a .txt, .md, .pdf, .docx or .html file"),
                suggester=PathSuggester(),
                id="import-path",
            )
            yield Static(
                Text(
                    _("→ completes the name; a folder ends in {separator}; ~ is your home").format(
                        separator=os.sep
                    )
                ),
                classes="dialog-hint",
            )
            yield Static(id="import-matches", classes="dialog-hint")
            yield Static("", id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Import"), id="confirm", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def __init__(self, service: ReadingService) -> None:
        super().__init__()
        self.service = service

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Changed, "#import-path")
    def _list_matches(self, event: Input.Changed) -> None:
        """Up to eight names that fit what is typed, below the field."""
        if not self.working:
            self.say("")
        matches = complete_path(event.value, limit=9)
        names = [
            Path(match.rstrip(os.sep)).name + ("/" if match.endswith(os.sep) else "")
            for match in matches[:8]
        ]
        more = "  …" if len(matches) > 8 else ""
        self.query_one("#import-matches", Static).update(Text("  ".join(names) + more))

    def confirm(self) -> None:
        value = self.query_one("#import-path", Input).value.strip()
        if not value:
            self.say(_("Type the path of the file to import"), error=True)
            return
        path = Path(value).expanduser()
        self.start(lambda: self.service.import_file(path), _("Importing…"))


class DeleteScreen(WorkingDialog[DeleteOutcome]):
    """Asks before deleting; Cancel has the focus, so Enter alone deletes nothing."""

    def __init__(
        self, service: ReadingService, document: DocumentRecord, paragraphs: int, reviewed: int
    ) -> None:
        super().__init__()
        self.service = service
        self.document = document
        self.paragraphs = paragraphs
        self.reviewed = reviewed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Delete this document?"), id="dialog-title")
            yield Static(Text(display_text(self.document.title), style="bold"))
            goes = ngettext(
                "Its {count} paragraph, reading position and bookmarks go.",
                "Its {count} paragraphs, reading position and bookmarks go.",
                self.paragraphs,
            ).format(count=self.paragraphs)
            kept = (
                _("Its English stays in the translation memory, for when the text comes back.")
                if not self.reviewed
                else ngettext(
                    "Its English stays in the translation memory ({count} reviewed paragraph),"
                    " for when the text comes back.",
                    "Its English stays in the translation memory ({count} reviewed paragraphs),"
                    " for when the text comes back.",
                    self.reviewed,
                ).format(count=self.reviewed)
            )
            yield Static(Text(f"{goes}\n{kept}"), id="delete-consequences")
            yield Checkbox(
                _("Also remove its English from the translation memory"),
                compact=True,
                id="delete-translations",
            )
            yield Static("", id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Delete"), id="confirm", variant="error")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        self.query_one("#cancel", Button).focus()

    def confirm(self) -> None:
        drop = self.query_one("#delete-translations", Checkbox).value
        self.start(
            lambda: self.service.delete_document(self.document, drop_translations=drop),
            _("Deleting…"),
        )


class RenameScreen(WorkingDialog[DocumentRecord]):
    """A new title (and short name); dismisses with the renamed document."""

    def __init__(self, service: ReadingService, document: DocumentRecord) -> None:
        super().__init__()
        self.service = service
        self.document = document

    def compose(self) -> ComposeResult:
        bundled = self.document.origin == "bundled"
        with Vertical(id="dialog"):
            yield Label(_("Rename"), id="dialog-title")
            with Horizontal(classes="dialog-field"):
                yield Label(_("Title"), classes="dialog-label")
                yield Input(display_text(self.document.title), compact=True, id="rename-title")
            with Horizontal(classes="dialog-field"):
                yield Label(_("Short name"), classes="dialog-label")
                yield Input(
                    self.document.slug,
                    compact=True,
                    restrict=r"[a-z0-9-]*",
                    disabled=bundled,
                    id="rename-slug",
                )
            hint = (
                _("A bundled text keeps its short name.")
                if bundled
                else _("Lower-case letters, digits and hyphens; used by 'dwibahasa read'.")
            )
            yield Static(Text(hint), classes="dialog-hint")
            yield Static("", id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Rename"), id="confirm", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        field = self.query_one("#rename-title", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def _lock(self, working: bool) -> None:
        super()._lock(working)
        if not working and self.document.origin == "bundled":
            self.query_one("#rename-slug", Input).disabled = True

    def confirm(self) -> None:
        title = self.query_one("#rename-title", Input).value
        slug = self.query_one("#rename-slug", Input).value.strip()
        self.start(
            lambda: self.service.rename_document(
                self.document,
                title=title,
                slug=slug if slug != self.document.slug else None,
            ),
            _("Saving…"),
        )
