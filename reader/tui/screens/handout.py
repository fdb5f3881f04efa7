"""A dialog that writes a handout of the current section (or any range) from the reader.

It asks what `dwibahasa handout` asks and calls the same function,
`reader.handout.write.write_handout`, in a thread: a PDF takes seconds, and
the reader keeps drawing meanwhile. Refusals are shown in the dialog, one
line of plain text, and the file is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from reader import i18n
from reader.errors import OutputExists, UserError
from reader.handout.errors import MissingEnglish, PdfUnavailable
from reader.handout.model import compress
from reader.handout.render import SUFFIXES
from reader.handout.wording import LANGUAGES
from reader.handout.write import write_handout
from reader.i18n import N_, _
from reader.library import DocumentRecord
from reader.safe_text import display_text
from reader.service import ReadingService, parse_range

DEFAULT_FORMAT = "pdf"
FORMAT_NAMES = {"pdf": "PDF", "html": "HTML", "docx": "DOCX (Word)", "md": "Markdown"}
"""The format menu, in this order (format names are not translated)."""


def section_range(kinds: Sequence[str], seq: int) -> tuple[int, int]:
    """The section around paragraph `seq` of a document whose paragraphs 1, 2… have `kinds`.

    A section runs from the heading at or before `seq` up to the paragraph
    before the next heading. Headings in a row (a chapter's title and its
    first subheading) open one section together, so a title is never a
    section of its own. Paragraphs before the first heading are a section,
    and a document without headings is one section: all of it.
    """
    if not kinds:
        raise ValueError("a document without paragraphs has no sections")
    here = min(max(seq, 1), len(kinds)) - 1
    start = next((i for i in range(here, -1, -1) if kinds[i] == "heading"), 0)
    end = start
    while end + 1 < len(kinds) and kinds[end + 1] == "heading":
        end += 1
    while end + 1 < len(kinds) and kinds[end + 1] != "heading":
        end += 1
    return start + 1, end + 1


def default_output(slug: str, first: int, last: int, format: str) -> str:
    """`<slug>-<A>-<B>-handout.<ext>`: a name in the current folder."""
    return f"{slug}-{first}-{last}-handout.{format}"


@dataclass(frozen=True)
class HandoutRequest:
    """What the dialog asks for, read from its fields on the UI thread."""

    range_spec: str
    format: str
    lang: str
    exercises: bool
    allow_missing: bool
    indonesian_only: bool
    output: Path
    """As the user gave it: a relative name is in the current folder (and is shown so)."""
    force: bool


class HandoutScreen(ModalScreen[Path | None]):
    """Dismisses with the path written, or None when cancelled."""

    CSS_PATH = "../styles/dialogs.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without writing")),
    ]

    def __init__(
        self,
        service: ReadingService,
        document: DocumentRecord,
        kinds: Sequence[str],
        seq: int,
    ) -> None:
        super().__init__()
        self.service = service
        self.document = document
        self.total = len(kinds)
        self.first, self.last = section_range(kinds, seq)
        self.writing = False
        self._focused_before: Widget | None = None
        self._default_output = default_output(document.slug, self.first, self.last, DEFAULT_FORMAT)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=False):  # scrolls in a short terminal
            yield Label(_("Write a handout"), id="dialog-title")
            yield Static(Text(display_text(self.document.title)), id="handout-document")
            yield from self._form()
            yield Static("", id="handout-message")
            with Horizontal(id="handout-buttons"):
                yield Button(_("Write"), id="write", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def _form(self) -> ComposeResult:
        """The fields, in one container: disabled together while the file is written."""
        language = i18n.current_language()
        with Vertical(id="handout-form"):
            with Horizontal(classes="handout-field"):
                yield Label(_("Paragraphs"), classes="handout-label")
                yield Input(
                    f"{self.first}-{self.last}",
                    placeholder="A-B",
                    restrict=r"[0-9 -]*",
                    compact=True,
                    id="handout-range",
                )
            yield Static(
                Text(_("This section; widen it to any range, e.g. 1-8, 5 or 10-")),
                classes="handout-hint",
            )
            with Horizontal(classes="handout-field"):
                yield Label(_("Format"), classes="handout-label")
                yield Select(
                    [(name, format) for format, name in FORMAT_NAMES.items()],
                    value=DEFAULT_FORMAT,
                    allow_blank=False,
                    compact=True,
                    id="handout-format",
                )
            with Horizontal(classes="handout-field"):
                yield Label(_("Handout language"), classes="handout-label")
                yield Select(
                    [(_("Indonesian"), "id"), (_("English"), "en")],
                    value=language if language in LANGUAGES else "en",
                    allow_blank=False,
                    compact=True,
                    id="handout-lang",
                )
            yield Checkbox(
                _("Exercises: fill in the blanks, matching, answer key"),
                compact=True,
                id="handout-exercises",
            )
            yield Checkbox(
                _("Allow missing English (print the Indonesian alone)"),
                compact=True,
                id="handout-allow-missing",
            )
            yield Checkbox(
                _("Indonesian only: one column and the glossary, no English"),
                compact=True,
                id="handout-indonesian-only",
            )
            with Horizontal(classes="handout-field handout-group"):
                yield Label(_("Save as"), classes="handout-label")
                yield Input(self._default_output, compact=True, id="handout-output")
            yield Static(
                Text(_("A name alone is saved in {folder}").format(folder=Path.cwd())),
                classes="handout-hint",
            )
            yield Checkbox(_("Overwrite if it exists"), compact=True, id="handout-force")

    def on_mount(self) -> None:
        field = self.query_one("#handout-range", Input)
        field.focus()
        field.cursor_position = len(field.value)

    # Fields ------------------------------------------------------------------

    @property
    def format(self) -> str:
        value = self.query_one("#handout-format", Select).value
        return value if isinstance(value, str) else DEFAULT_FORMAT

    @on(Input.Changed, "#handout-range")
    def _follow_range(self) -> None:
        """The default name follows a whole range (not one being typed)."""
        try:
            first, last = parse_range(self.query_one("#handout-range", Input).value, self.total)
        except UserError:
            return
        self._rename(default_output(self.document.slug, first, last, self.format))

    @on(Select.Changed, "#handout-format")
    def _follow_format(self) -> None:
        """The default name takes the format's extension, and so does a name the user chose."""
        default = Path(self._default_output)
        self._rename(str(default.with_suffix("." + self.format)))
        output = self.query_one("#handout-output", Input)
        name = output.value.strip()
        suffix = Path(name).suffix
        if output.value != self._default_output and SUFFIXES.get(suffix.lower()) is not None:
            output.value = name.removesuffix(suffix) + "." + self.format

    def _rename(self, default: str) -> None:
        """A new default name; the field shows it unless the user chose another."""
        output = self.query_one("#handout-output", Input)
        if output.value == self._default_output:
            output.value = default
        self._default_output = default

    @on(Input.Changed, "#handout-output")
    def _follow_extension(self, event: Input.Changed) -> None:
        """A name ending in .md, .docx… chooses that format, as `-o` does for the CLI."""
        named = SUFFIXES.get(Path(event.value.strip()).suffix.lower())
        if named is not None and named != self.format:
            self.query_one("#handout-format", Select).value = named

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _clear_message(self) -> None:
        if not self.writing:
            self._say("")

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#handout-message", Static)
        line.update(Text(display_text(message)))  # one line, no escapes
        line.set_class(error, "-error")

    # Writing -----------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_write()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "write":
            self.action_write()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if self.writing:  # the file is being written: it will be whole, then the dialog closes
            self.app.bell()
            return
        self.dismiss(None)

    def action_write(self) -> None:
        if self.writing:
            return
        name = self.query_one("#handout-output", Input).value.strip()
        if not name:
            self._say(_("Give the name of the file to write"), error=True)
            self.query_one("#handout-output", Input).focus()
            return
        output = Path(name).expanduser()
        language = self.query_one("#handout-lang", Select).value
        request = HandoutRequest(
            range_spec=self.query_one("#handout-range", Input).value.strip(),
            format=self.format,
            lang=language if isinstance(language, str) else "en",
            exercises=self.query_one("#handout-exercises", Checkbox).value,
            allow_missing=self.query_one("#handout-allow-missing", Checkbox).value,
            indonesian_only=self.query_one("#handout-indonesian-only", Checkbox).value,
            output=output,
            force=self.query_one("#handout-force", Checkbox).value,
        )
        self._set_writing(True)
        self._write(request)

    def _set_writing(self, writing: bool) -> None:
        """Lock the dialog while the file is written; unlock it, focus where it was."""
        if writing:
            self._focused_before = self.focused
        self.writing = writing
        self.query_one("#handout-form").disabled = writing
        button = self.query_one("#write", Button)
        button.disabled = writing
        button.label = _("Writing…") if writing else _("Write")
        self.query_one("#cancel", Button).disabled = writing
        if writing:
            self._say(_("Writing the handout…"))
        elif self._focused_before is not None:
            self.set_focus(self._focused_before)

    @work(thread=True, exclusive=True, group="handout", exit_on_error=False)
    def _write(self, request: HandoutRequest) -> Path:
        """In a thread: building reads the library, rendering a PDF takes seconds."""
        write_handout(
            self.service,
            self.document,
            request.range_spec or None,
            format=request.format,
            lang=request.lang,
            exercises=request.exercises,
            output=request.output,
            force=request.force,
            allow_missing=request.allow_missing,
            indonesian_only=request.indonesian_only,
        )
        return request.output

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "handout":
            return
        if event.state == WorkerState.SUCCESS:
            self.writing = False
            output = worker.result
            assert isinstance(output, Path)
            path = output.absolute()
            self.app.notify(_("Handout written to {path}").format(path=path), markup=False)
            self.dismiss(path)
        elif event.state == WorkerState.ERROR:
            self._set_writing(False)
            self._refused(worker.error)

    def _refused(self, error: BaseException | None) -> None:
        """Say in the dialog why nothing was written, and point at what changes that."""
        if isinstance(error, OutputExists):
            message = _("{file}: already exists; tick “Overwrite if it exists” to replace it")
            self._say(message.format(file=error.path), error=True)
            self.query_one("#handout-force", Checkbox).focus()
        elif isinstance(error, MissingEnglish):
            message = _(
                "'{slug}' has no English for ¶{paragraphs}; press T in the reader to translate "
                "it, or tick “Allow missing English”"
            )
            self._say(message.format(slug=error.slug, paragraphs=compress(error.seqs)), error=True)
            self.query_one("#handout-allow-missing", Checkbox).focus()
        elif isinstance(error, PdfUnavailable):
            message = _("{message}; choose HTML as the format and print that")
            self._say(message.format(message=error), error=True)
        elif isinstance(error, UserError):
            self._say(str(error), error=True)
        else:
            self._say(
                _("The handout could not be written: {error}").format(error=error), error=True
            )
