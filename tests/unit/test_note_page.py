"""A PDF's footnotes keep their page: stored with the paragraph (m009), shown in the reader's
status line and in handouts' note lines."""

from __future__ import annotations

import datetime
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from reader import i18n
from reader.handout.build import build_handout
from reader.ingest.model import PagedBlock, with_page
from reader.library import SCHEMA_VERSION, Library
from reader.service import ReadingService
from reader.tui.screens.reader import kind_status
from tests.conftest import old_library

ROOT = Path(__file__).resolve().parents[2]
SPEECH = ROOT / "tests" / "fixtures" / "realistic" / "pidato-catatan-kaki.pdf"


def _library_before_m009(db_path: Path) -> None:
    old_library(
        db_path,
        "m009_paragraph_page",
        "INSERT INTO documents (id, slug, title, sha256, origin, imported_at, updated_at)"
        " VALUES (1, 'uu', 'UU', 'x', 'imported', 't', 't')",
        "INSERT INTO paragraphs (id, document_id, seq, kind, lang, text, text_sha256)"
        " VALUES (1, 1, 1, 'note', 'id', 'Catatan kaki tentang pendidikan', 'h')",
    )


def test_an_old_library_gains_a_page_column_and_keeps_its_paragraphs(db_path: Path) -> None:
    _library_before_m009(db_path)
    Library.open(db_path).close()
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("SELECT id, page FROM paragraphs").fetchall() == [(1, None)]
        found = connection.execute(
            "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'catatan'"
        ).fetchall()
        assert found == [(1,)]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


def test_a_block_without_a_page_stays_a_plain_block() -> None:
    from reader.documents import Block

    block = Block("note", "1 Catatan.", "id")
    assert with_page(block, None) is block
    paged = with_page(block, 3)
    assert isinstance(paged, PagedBlock) and paged.page == 3 and paged.text == block.text


def test_a_pdf_footnote_is_stored_with_its_page_and_a_text_paragraph_without(
    db_path: Path, tmp_path: Path
) -> None:
    text = tmp_path / "catatan.txt"
    text.write_text("Judul\n\nSatu paragraf saja di sini.\n", encoding="utf-8")
    with closing(ReadingService.open(db_path)) as service:
        speech = service.import_file(SPEECH).document
        notes = [(row.text[:2], row.page) for row in service.rows(speech) if row.kind == "note"]
        assert notes == [("1.", 1), ("2.", 1), ("3.", 1), ("4.", 1), ("5.", 2)]
        plain = service.import_file(text).document
        assert {row.page for row in service.rows(plain)} == {None}


def test_the_status_line_names_a_footnotes_page() -> None:
    i18n.activate("en")
    assert kind_status("note", 2) == "footnote, p. 2"
    assert kind_status("note") == "footnote"
    assert kind_status("heading", 2) == "heading"


def test_a_handout_note_line_names_a_footnotes_page(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / SPEECH.name
    shutil.copyfile(SPEECH, copy)
    with closing(ReadingService.open(db_path)) as service:
        document = service.import_file(copy).document
        handout = build_handout(
            service,
            document,
            None,
            lang="en",
            today=datetime.date(2026, 12, 4),
            allow_missing=True,
        )
    notes = [pair.source_note for pair in handout.pairs if pair.kind == "note"]
    assert notes and notes[-1].startswith("footnote, p. 2 · ")
    body = [pair.source_note for pair in handout.pairs if pair.kind == "paragraph"]
    assert not any("p. " in note for note in body)
