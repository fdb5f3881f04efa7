"""A library opened read-only is read as it is, and says so in both front ends."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.service import ReadingService
from reader.tui.app import make_app


def _read_only(db_path: Path) -> ReadingService:
    ReadingService.open(db_path).close()  # a library with the bundled texts
    service = ReadingService(Library.open(db_path, read_only=True))
    assert service.library.read_only
    return service


async def test_the_reader_says_the_library_is_read_only(db_path: Path) -> None:
    service = _read_only(db_path)
    app = make_app(service)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("opened read-only" in m for m in messages), messages


def test_a_read_only_library_lists_its_documents_and_has_a_notice(db_path: Path) -> None:
    service = _read_only(db_path)
    assert {s.document.slug for s in service.summaries()}
    assert service.library.read_only_notice() is not None
