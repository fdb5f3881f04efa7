"""SVG snapshots of the screens issue #15 added: the library's dialogs, the outline panel,
the unsaved-edit question and the export dialog (see test_snapshots.py for the rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from reader.service import ReadingService
from reader.tui.app import make_app
from tests.conftest import write_document
from tests.functional.test_snapshots import _after

ARTICLE = "normalisasi-jepang-korea"


@pytest.fixture
def with_import(service: ReadingService, tmp_path: Path) -> ReadingService:
    """One imported document besides the bundled texts (a bundled text cannot be deleted)."""
    service.import_file(
        write_document(tmp_path, "catatan-kuliah", ["Diplomasi pertahanan.", "Dua."], title="A")
    )
    return service


def test_library_filtered_and_sorted(with_import: ReadingService, snap_compare: Any) -> None:
    keys = ["s", "slash", "k", "o", "r", "e"]
    assert snap_compare(make_app(with_import), terminal_size=(100, 24), run_before=_after(*keys))


def test_delete_dialog(with_import: ReadingService, snap_compare: Any) -> None:
    assert snap_compare(make_app(with_import), terminal_size=(100, 24), run_before=_after("d"))


def test_rename_dialog(with_import: ReadingService, snap_compare: Any) -> None:
    assert snap_compare(make_app(with_import), terminal_size=(100, 24), run_before=_after("r"))


def test_outline_panel(service: ReadingService, snap_compare: Any) -> None:
    app = make_app(service, document=service.resolve(ARTICLE), at=14)
    assert snap_compare(app, terminal_size=(120, 30), run_before=_after("o"))


def test_unsaved_edit_question(service: ReadingService, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("e")
        await pilot.pause()
        area = pilot.app.screen.query_one(TextArea)
        area.text = "Changed English."
        area.cursor_blink = False
        await pilot.press("escape")
        await pilot.pause()

    app = make_app(service, document=service.resolve(ARTICLE), at=8)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_export_dialog(
    service: ReadingService, snap_compare: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")  # the dialog names the folder a bare name is saved in

    async def run_before(pilot: Pilot[Any]) -> None:
        command = next(
            c
            for c in pilot.app.get_system_commands(pilot.app.screen)
            if c.title == "Export aligned text"
        )
        command.callback()
        await pilot.pause()
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    app = make_app(service, document=service.resolve(ARTICLE))
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
