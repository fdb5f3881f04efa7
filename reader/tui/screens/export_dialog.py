"""Export the open document's aligned paragraphs (TMX, TSV, DOCX) from the reader.

Reached from the command palette (Ctrl+P, "Export aligned text"); it asks
what `dwibahasa export` asks and calls the same `reader.export_pairs.export_document`,
in a thread, through the library dialogs' `WorkingDialog`.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from reader.export_pairs import SUFFIXES, ExportPair, export_document
from reader.i18n import _
from reader.library import DocumentRecord
from reader.safe_text import display_text
from reader.service import ReadingService
from reader.tui.screens.library_dialogs import WorkingDialog

FORMAT_NAMES = {
    "tmx": "TMX 1.4b (OmegaT, Trados, memoQ)",
    "tsv": "TSV (spreadsheet)",
    "docx": "DOCX (Word)",
}


class ExportScreen(WorkingDialog[list[ExportPair]]):
    """Dismisses with the pairs written, or None when cancelled."""

    def __init__(self, service: ReadingService, document: DocumentRecord) -> None:
        super().__init__()
        self.service = service
        self.document = document
        self.output: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Export aligned text"), id="dialog-title")
            yield Static(Text(display_text(self.document.title)), classes="dialog-hint")
            with Horizontal(classes="dialog-field"):
                yield Label(_("Format"), classes="dialog-label")
                yield Select(
                    [(name, format) for format, name in FORMAT_NAMES.items()],
                    value="tmx",
                    allow_blank=False,
                    compact=True,
                    id="export-format",
                )
            with Horizontal(classes="dialog-field"):
                yield Label(_("Save as"), classes="dialog-label")
                yield Input(f"{self.document.slug}.tmx", compact=True, id="export-output")
            yield Static(
                Text(_("A name alone is saved in {folder}").format(folder=Path.cwd())),
                classes="dialog-hint",
            )
            yield Checkbox(_("Overwrite if it exists"), compact=True, id="export-force")
            yield Static("", id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Export"), id="confirm", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        self.query_one("#export-output", Input).focus()

    @on(Select.Changed, "#export-format")
    def _follow_format(self, event: Select.Changed) -> None:
        """The file's extension follows the format chosen."""
        field = self.query_one("#export-output", Input)
        path = Path(field.value.strip() or self.document.slug)
        if isinstance(event.value, str) and SUFFIXES.get(path.suffix.lower()) != event.value:
            field.value = str(path.with_suffix("." + event.value))

    def confirm(self) -> None:
        name = self.query_one("#export-output", Input).value.strip()
        if not name:
            self.say(_("Give the name of the file to write"), error=True)
            return
        output = Path(name).expanduser()
        value = self.query_one("#export-format", Select).value
        format = value if isinstance(value, str) else None
        force = self.query_one("#export-force", Checkbox).value
        self.output = output
        self.start(
            lambda: export_document(
                self.service, self.document, None, format=format, output=output, force=force
            ),
            _("Writing…"),
        )
