"""The reader's handout dialog (h), driven through Textual's pilot; files read back."""

from __future__ import annotations

import io
import os
import re
import threading
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import WorkerState

from reader import i18n
from reader.handout.model import Handout
from reader.handout.render import FORMATS, render
from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from reader.tui.screens.handout import FORMAT_NAMES, HandoutScreen, section_range
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.reader import ReaderScreen
from tests.conftest import write_document

THESIS = "aliansi-strategis-korea-as"
"""Headings at ¶1 and ¶4 and ¶21 of 40."""
SIZE = (110, 32)

# The section function ---------------------------------------------------------------------

P, H = "paragraph", "heading"


@pytest.mark.parametrize(
    ("kinds", "seq", "expected"),
    [
        ([H, P, P, H, P, P, P], 2, (1, 3)),  # from its heading to the paragraph before the next
        ([H, P, P, H, P, P, P], 1, (1, 3)),  # on the heading itself
        ([H, P, P, H, P, P, P], 4, (4, 7)),  # the last section runs to the end
        ([H, P, P, H, P, P, P], 6, (4, 7)),
        ([P, P, H, P, H, P], 2, (1, 2)),  # before the first heading: the lead-in
        ([P, P, H, P, H, P], 4, (3, 4)),
        ([H, H, P, P, H, P], 1, (1, 4)),  # a title and its first subheading open one section
        ([H, H, P, P, H, P], 2, (2, 4)),
        ([P, "caption", P, "reference"], 3, (1, 4)),  # no heading: the whole document
        ([P], 1, (1, 1)),
        ([H, P, P, H], 4, (4, 4)),  # a heading at the very end
        ([H, P, P, H, P], 99, (4, 5)),  # out of range: the nearest paragraph
    ],
)
def test_section_range(kinds: list[str], seq: int, expected: tuple[int, int]) -> None:
    assert section_range(kinds, seq) == expected


def test_section_range_needs_paragraphs() -> None:
    with pytest.raises(ValueError):
        section_range([], 1)


def test_the_format_menu_offers_every_format() -> None:
    assert set(FORMAT_NAMES) == set(FORMATS)
    assert next(iter(FORMAT_NAMES)) == "pdf"


# Helpers ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, where the dialog's default names are written."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _plain(widget: Static) -> str:
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text().strip()


def _open(service: ReadingService, slug: str = THESIS, at: int | None = None) -> DwibahasaApp:
    return make_app(service, document=service.resolve(slug), at=at)


def _dialog(app: DwibahasaApp) -> HandoutScreen:
    assert isinstance(app.screen, HandoutScreen)
    return app.screen


def _value(dialog: HandoutScreen, selector: str) -> str:
    return dialog.query_one(selector, Input).value


def _message(dialog: HandoutScreen) -> str:
    return _plain(dialog.query_one("#handout-message", Static))


async def _write_and_wait(app: DwibahasaApp, pilot: Pilot[None]) -> None:
    """Press Write (not a click: a message above it may just have moved it) and wait."""
    _dialog(app).query_one("#write", Button).press()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _paragraphs_in_markdown(path: Path) -> list[int]:
    return [int(n) for n in re.findall(r"\*\*¶(\d+)\*\*", path.read_text(encoding="utf-8"))]


# The dialog ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("at", "expected"), [(2, "1-3"), (6, "4-20"), (25, "21-40")])
async def test_dialog_is_filled_with_the_current_section(
    service: ReadingService, at: int, expected: str
) -> None:
    app = _open(service, at=at)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        assert _value(dialog, "#handout-range") == expected
        first, last = expected.split("-")
        name = f"{THESIS}-{first}-{last}-handout.pdf"
        assert _value(dialog, "#handout-output") == name
        assert dialog.query_one("#handout-format", Select).value == "pdf"
        assert dialog.query_one("#handout-lang", Select).value == "en"  # the interface's
        for box in dialog.query(Checkbox):
            assert box.value is False
        assert dialog.query_one("#handout-range", Input).has_focus


async def test_output_name_follows_format_and_range_until_edited(
    service: ReadingService,
) -> None:
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-format", Select).value = "docx"
        await pilot.pause()
        assert _value(dialog, "#handout-output") == f"{THESIS}-4-20-handout.docx"
        dialog.query_one("#handout-range", Input).value = "2-9"
        await pilot.pause()
        assert _value(dialog, "#handout-output") == f"{THESIS}-2-9-handout.docx"
        dialog.query_one("#handout-range", Input).value = "2-"  # half typed: the name waits
        await pilot.pause()
        assert _value(dialog, "#handout-output") == f"{THESIS}-2-40-handout.docx"
        output = dialog.query_one("#handout-output", Input)
        output.value = "kelas-3.docx"
        await pilot.pause()
        dialog.query_one("#handout-format", Select).value = "md"
        dialog.query_one("#handout-range", Input).value = "1-5"
        await pilot.pause()
        assert output.value == "kelas-3.md"  # the user's name stays; its extension follows
        output.value = "kelas-3.html"  # and an extension typed chooses the format
        await pilot.pause()
        assert dialog.format == "html"
        output.value = "catatan.txt"  # a name that says no format keeps the menu's
        await pilot.pause()
        dialog.query_one("#handout-format", Select).value = "docx"
        await pilot.pause()
        assert (output.value, dialog.format) == ("catatan.txt", "docx")


async def test_writing_markdown_from_the_dialog(service: ReadingService, here: Path) -> None:
    app = _open(service, at=6)
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notices.append(str(message))  # type: ignore[method-assign]
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-range", Input).value = "5-7"
        dialog.query_one("#handout-format", Select).value = "md"
        await pilot.pause()
        await _write_and_wait(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
    written = here / f"{THESIS}-5-7-handout.md"
    assert [p.name for p in here.iterdir()] == [written.name]
    assert _paragraphs_in_markdown(written) == [5, 6, 7]
    text = written.read_text(encoding="utf-8")
    assert "North Korea, with its **nuclear tests**" in text  # the English beside it
    assert "## Exercises" not in text
    assert notices == [f"Handout written to {written}"]


async def test_exercises_and_language_reach_the_handout(
    service: ReadingService, tmp_path: Path, here: Path
) -> None:
    out = tmp_path / "kelas.md"
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-range", Input).value = "5-6"
        dialog.query_one("#handout-lang", Select).value = "id"
        dialog.query_one("#handout-exercises", Checkbox).value = True
        dialog.query_one("#handout-output", Input).value = str(out)
        await pilot.pause()
        await _write_and_wait(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
    assert list(here.iterdir()) == []
    text = out.read_text(encoding="utf-8")
    assert _paragraphs_in_markdown(out)[:2] == [5, 6]
    assert "## Latihan" in text and "Kunci jawaban" in text


async def test_pdf_is_written_in_a_worker_while_the_ui_runs(
    service: ReadingService, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real PDF renderer, held at its start until the test has seen the UI answer."""
    go = threading.Event()
    threads: list[threading.Thread] = []

    def held(sheet: Handout, format: str) -> bytes:
        threads.append(threading.current_thread())
        assert go.wait(30)
        return render(sheet, format)

    monkeypatch.setattr("reader.handout.render.render", held)
    app = _open(service, at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "enter")  # Enter in the range field writes
        dialog = _dialog(app)
        workers = [w for w in app.workers if w.group == "handout"]
        assert len(workers) == 1 and workers[0].is_running
        assert dialog.writing
        write = dialog.query_one("#write", Button)
        assert write.disabled and str(write.label) == "Writing…"
        assert dialog.query_one("#handout-range", Input).is_disabled
        assert _message(dialog) == "Writing the handout…"
        await pilot.press("escape")  # the UI answers; the dialog waits for the file
        await pilot.press("question_mark")
        assert app.screen is dialog and workers[0].is_running
        assert list(here.iterdir()) == []
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert workers[0].state == WorkerState.SUCCESS
        assert isinstance(app.screen, ReaderScreen)
    assert threads and threads[0] is not threading.main_thread()
    pdf = here / f"{THESIS}-1-3-handout.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in here.iterdir()] == [pdf.name]


async def test_existing_file_is_kept_unless_overwrite_is_ticked(
    service: ReadingService, here: Path
) -> None:
    out = here / "[b]tebal.md"  # markup in a name is shown as it is
    out.write_text("keep me", encoding="utf-8")
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-output", Input).value = str(out)
        await pilot.pause()
        await _write_and_wait(app, pilot)
        assert app.screen is dialog
        message = _message(dialog)
        assert message == f"{out}: already exists; tick “Overwrite if it exists” to replace it"
        assert "\n" not in message
        assert dialog.query_one("#handout-message").has_class("-error")
        assert out.read_text(encoding="utf-8") == "keep me"
        assert not dialog.writing and not dialog.query_one("#write", Button).disabled
        assert dialog.query_one("#handout-force", Checkbox).has_focus
        await pilot.press("space")  # tick it
        await pilot.pause()
        assert _message(dialog) == ""
        await _write_and_wait(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
    assert _paragraphs_in_markdown(out) == list(range(4, 21))
    assert [p.name for p in here.iterdir()] == [out.name]  # no temporary file left


@pytest.mark.parametrize(
    ("range_spec", "expected"),
    [
        ("30-50", "range '30-50' is outside the document (paragraphs 1 to 40)"),
        ("9-3", "range '9-3' is empty; paragraphs are numbered 1 to 40"),
    ],
)
async def test_bad_range_is_refused_in_the_dialog(
    service: ReadingService, tmp_path: Path, range_spec: str, expected: str
) -> None:
    out = tmp_path / "h.md"
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-output", Input).value = str(out)
        dialog.query_one("#handout-range", Input).value = range_spec
        await pilot.pause()
        await _write_and_wait(app, pilot)
        assert app.screen is dialog
        assert _message(dialog) == expected
    assert not out.exists()


async def test_output_folder_problems_are_shown_in_the_dialog(
    service: ReadingService, tmp_path: Path
) -> None:
    if os.geteuid() == 0:  # root writes anywhere chmod allows; /sys refuses even root
        locked = Path("/sys")
    else:
        locked = tmp_path / "baca-saja"
        locked.mkdir()
        locked.chmod(0o555)
    cases = [
        (tmp_path / "tidak-ada" / "h.md", f"{tmp_path / 'tidak-ada'}: no such folder"),
        (tmp_path, f"{tmp_path}: is a folder; give a file name"),
        (locked / "h.md", f"{locked / 'h.md'}: cannot write ("),
    ]
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-format", Select).value = "md"
        for output, expected in cases:
            dialog.query_one("#handout-output", Input).value = str(output)
            await pilot.pause()
            await _write_and_wait(app, pilot)
            assert app.screen is dialog
            message = _message(dialog)
            assert message.startswith(expected), (message, dialog.writing, app.workers)
    assert not (tmp_path / "tidak-ada").exists()
    assert not list(locked.glob("*h.md*"))


async def test_missing_english_is_refused_then_allowed(
    tmp_path: Path, db_path: Path, here: Path
) -> None:
    texts = tmp_path / "texts"
    write_document(texts, "tanpa-inggris", ["# Judul", "Paragraf satu.", "Paragraf dua."])
    service = ReadingService.open(db_path, texts_dir=texts)
    app = _open(service, "tanpa-inggris", at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        assert _value(dialog, "#handout-range") == "1-3"
        dialog.query_one("#handout-format", Select).value = "md"
        await pilot.pause()
        await _write_and_wait(app, pilot)
        assert app.screen is dialog
        assert _message(dialog) == (
            "'tanpa-inggris' has no English for ¶1–3; press T in the reader to translate it, "
            "or tick “Allow missing English”"
        )
        allow = dialog.query_one("#handout-allow-missing", Checkbox)
        assert allow.has_focus
        assert list(here.iterdir()) == []
        await pilot.press("space")
        await _write_and_wait(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
    text = (here / "tanpa-inggris-1-3-handout.md").read_text(encoding="utf-8")
    assert "Paragraf dua." in text and "No English for this paragraph yet." not in text
    assert "The Indonesian text alone" in text  # no English at all: one column (issue #15)
    service.close()


async def test_escape_closes_without_writing(service: ReadingService, here: Path) -> None:
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        _dialog(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("h")
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert not [worker for worker in app.workers if worker.group == "handout"]
    assert list(here.iterdir()) == []


async def test_help_and_palette_offer_the_handout(service: ReadingService) -> None:
    app = _open(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Handout" in commands
        assert "Write a handout of this section" in str(commands["Handout"].help)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = _plain(app.screen.query_one("#help-keys", Static))
        assert re.search(r"\bh\s+Write a handout of this section", keys), keys
        await pilot.press("escape")
        await commands["Handout"].callback()
        await pilot.pause()
        assert isinstance(app.screen, HandoutScreen)


async def test_dialog_in_indonesian(service: ReadingService) -> None:
    i18n.activate("id")
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        assert _plain(dialog.query_one("#dialog-title", Label)) == "Tulis handout"
        labels = [_plain(label) for label in dialog.query(".handout-label").results(Label)]
        assert labels == ["Paragraf", "Format", "Bahasa handout", "Simpan sebagai"]
        boxes = [str(box.label) for box in dialog.query(Checkbox)]
        assert boxes == [
            "Latihan: isian rumpang, menjodohkan, kunci jawaban",
            "Izinkan tanpa terjemahan Inggris (hanya teks Indonesia)",
            "Hanya bahasa Indonesia: satu kolom dan glosarium, tanpa bahasa Inggris",
            "Timpa jika sudah ada",
        ]
        assert [str(button.label) for button in dialog.query(Button)] == ["Tulis", "Batal (Esc)"]
        assert dialog.query_one("#handout-lang", Select).value == "id"  # the interface's
        hints = " ".join(_plain(hint) for hint in dialog.query(".handout-hint").results(Static))
        assert "Bagian ini; bisa diperluas" in hints and "disimpan di" in hints
        assert "English" not in _plain(dialog.query_one("#handout-lang", Select).query_one(Static))
        commands = {command.title for command in app.get_system_commands(dialog)}
        assert "Batal" in commands and "Cancel" not in commands


async def test_indonesian_refusal_in_the_dialog(service: ReadingService, tmp_path: Path) -> None:
    i18n.activate("id")
    out = tmp_path / "ada.md"
    out.write_text("keep me", encoding="utf-8")
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-output", Input).value = str(out)
        await pilot.pause()
        await _write_and_wait(app, pilot)
        assert (
            _message(dialog) == f"{out}: sudah ada; centang “Timpa jika sudah ada” untuk menimpanya"
        )
    assert out.read_text(encoding="utf-8") == "keep me"


async def test_indonesian_only_writes_one_column_even_where_english_exists(
    service: ReadingService, here: Path
) -> None:
    app = _open(service, at=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        dialog = _dialog(app)
        dialog.query_one("#handout-format", Select).value = "md"
        dialog.query_one("#handout-range", Input).value = "4-6"
        dialog.query_one("#handout-indonesian-only", Checkbox).value = True
        await pilot.pause()
        await _write_and_wait(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
    (written,) = here.iterdir()
    text = written.read_text(encoding="utf-8")
    assert "The Indonesian text alone" in text
    english = service.rows(service.resolve(THESIS), 4, 6)
    assert all(row.english and row.english not in text for row in english if row.kind != "heading")
