"""Key hints keep help and quit, the status line keeps every field, at any width."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from textual.widgets import Static

from reader.library import DocumentRecord
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.widgets.bars import (
    KeyHints,
    StatusBar,
    TitleBar,
    fit_fields,
    hint_line,
    shorten_middle,
)
from tests.conftest import REPO, write_document

WIDTHS = [80, 90, 120, 160]


def _plain(widget: Static) -> str:
    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text().rstrip("\n")


def test_shorten_middle_keeps_both_ends() -> None:
    label = "machine translation, not reviewed (argos, translate-id_en 1.9)"
    short = shorten_middle(label, 20)
    assert cell_len(short) == 20
    assert short.startswith("machine tr") and short.endswith("1.9)") and "…" in short
    assert shorten_middle("pendek", 20) == "pendek"


@given(
    st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=8),
    st.integers(min_value=60, max_value=200),
    st.integers(min_value=0, max_value=7),
)
def test_fit_fields_keeps_every_field_and_fits_when_it_can(
    fields: list[str], width: int, shrink: int
) -> None:
    fitted = fit_fields(fields, width, shrink)
    assert len(fitted) == len(fields)
    assert all(f for f in fitted)
    floor = sum(min(cell_len(f), StatusBar.MIN_FIELD) for f in fields) + 5 * (len(fields) - 1)
    if floor <= width:
        assert sum(cell_len(f) for f in fitted) + 5 * (len(fields) - 1) <= width


def test_fit_fields_shortens_the_named_field_first() -> None:
    fields = [
        "¶ 3 of 40",
        "machine translation, not reviewed (argos, translate-id_en 1.9)",
        "★ bookmarked",
        "side by side",
    ]
    fitted = fit_fields(fields, 70, shrink=1)
    assert fitted[0] == fields[0] and fitted[2] == fields[2] and fitted[3] == fields[3]
    assert "…" in fitted[1]


@pytest.mark.parametrize("width", [20, 40, 80, 90, 120, 160])
def test_hint_line_always_keeps_help_and_quit(width: int) -> None:
    optional = [
        ("/", "Search"),
        ("t", "Terms"),
        ("h", "Handout"),
        ("B", "Bookmarks"),
        ("f2", "Glossary"),
    ]
    kept = [("?", "Help"), ("q", "Back")]
    line = hint_line(optional, kept, width).plain
    assert " ? " in line and " q " in line
    assert cell_len(line) <= max(width, 16)


def _reader_with_machine_english(service: ReadingService, folder: Path) -> DocumentRecord:
    """A document whose ¶3 has machine English (a long model name), terms and a bookmark."""
    blocks = [
        "BAB I",
        "Pendahuluan singkat.",
        "Diplomasi pertahanan dan keamanan nasional memperkuat aliansi strategis.",
    ]
    outcome = service.import_file(write_document(folder, "uji-status", blocks))
    service.library.put_translation(
        blocks[2],
        "Defence diplomacy and national security strengthen the strategic alliance.",
        engine="argos",
        model="translate-id_en-1_9-a-very-long-model-name",
        status="machine",
    )
    service.toggle_bookmark(outcome.document, 3)
    return outcome.document


@pytest.mark.parametrize("width", WIDTHS)
async def test_reader_footer_and_status_keep_their_fields(
    service: ReadingService, width: int, tmp_path: Path
) -> None:
    document = _reader_with_machine_english(service, tmp_path)
    app = make_app(service, document=document, at=3)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        hints = _plain(app.screen.query_one(KeyHints))
        status = _plain(app.screen.query_one(StatusBar))
        assert " ? " in hints and " q " in hints, hints
        assert cell_len(hints) <= width
        assert "¶ 3 of 3" in status
        assert "bookmarked" in status, status
        assert ("side by side" in status) or ("stacked" in status), status
        assert "machine" in status
        assert cell_len(status) <= width


@pytest.mark.parametrize("width", WIDTHS)
async def test_library_footer_keeps_help_and_quit(service: ReadingService, width: int) -> None:
    app = make_app(service)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        hints = _plain(app.screen.query_one(KeyHints))
        assert " ? " in hints and " q " in hints, hints
        if width >= 120:
            assert "Import" in hints and "Help" in hints and "Quit" in hints


async def test_title_bar_says_when_a_documents_paragraph_breaks_are_guessed(
    service: ReadingService, tmp_path: Path
) -> None:
    seed = REPO / "tests" / "fixtures" / "seeds"
    flowing = service.import_file(seed / "000_30c59ca8d7ef7bf9.txt").document
    wrapped = service.import_file(seed / "003_6ecca5270ea43959.txt").document
    assert flowing.paragraphs_guessed and not wrapped.paragraphs_guessed
    for document, shown, width in (
        (flowing, True, 160),
        (wrapped, False, 160),
        (flowing, True, 70),
    ):
        app = make_app(service, document=document)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            title = _plain(app.screen.query_one(TitleBar))
            assert ("paragraph breaks guessed" in title) is shown, title
            assert cell_len(title) <= width
            if width < 100:  # the long title gives way to the note, not the other way round
                assert title.startswith("Upaya Normalisasi") and "…" in title, title
