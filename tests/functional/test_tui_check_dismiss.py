"""Dismissing a paragraph's terminology flags ("!") from the reader's review dialog."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.review import ReviewScreen
from tests.conftest import write_document

SIZE = (140, 40)


async def test_ctrl_t_in_the_review_dialog_dismisses_the_flags(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    write_document(
        folder,
        "uji-cek",
        ["Judul", "Ancaman terhadap kedaulatan meningkat."],
        ["Title", "The danger to sovereignty grows."],
    )
    service = ReadingService.open(tmp_path / "library.db", texts_dir=folder)
    try:
        document = service.resolve("uji-cek")
        assert [m.term_id for m in service.glossary.check(document.id)] == ["ancaman"]
        app = make_app(service, document=document, at=2)
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, ReaderScreen)
            assert app.screen.parallel.rows[1].flagged
            await pilot.press("e")
            review = app.screen
            assert isinstance(review, ReviewScreen)
            flags = str(review.query_one("#review-flags", Static).render())
            assert "threat" in flags
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert "dismissed" in str(review.query_one("#review-flags", Static).render())
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            assert not reader.parallel.rows[1].flagged
        assert service.glossary.check(document.id) == []
    finally:
        service.close()
