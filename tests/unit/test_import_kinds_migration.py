"""m007: an existing library takes paragraphs of kind `note` and `item`, losing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.documents import KINDS
from reader.library import SCHEMA_VERSION, Library
from tests.conftest import old_library


def _library_before_m007(db_path: Path) -> None:
    old_library(
        db_path,
        "m007_note_and_item_kinds",
        "INSERT INTO documents (id, slug, title, sha256, origin, imported_at, updated_at)"
        " VALUES (1, 'uu', 'UU', 'x', 'imported', 't', 't')",
        "INSERT INTO paragraphs (id, document_id, seq, kind, lang, text, text_sha256)"
        " VALUES (1, 1, 0, 'paragraph', 'id', 'Pendidikan nasional berdasarkan Pancasila', 'h')",
        "INSERT INTO glossary_terms (id, id_term, en, domain, origin, data)"
        " VALUES ('t1', 'pendidikan', 'education', 'umum', 'bundled', '{}')",
        "INSERT INTO term_links VALUES (1, 't1', 'id', 0, 10, 'Pendidikan', 0)",
        "INSERT INTO link_state VALUES (1, 'a', 'b', 1)",
    )


def test_old_library_takes_note_and_item_paragraphs_and_keeps_its_links(db_path: Path) -> None:
    _library_before_m007(db_path)
    Library.open(db_path).close()
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("SELECT count(*) FROM term_links").fetchone()[0] == 1
        assert connection.execute("SELECT count(*) FROM link_state").fetchone()[0] == 1
        for seq, kind in enumerate(("note", "item"), start=1):
            connection.execute(
                "INSERT INTO paragraphs (document_id, seq, kind, lang, text, text_sha256)"
                " VALUES (1, ?, ?, 'id', ?, 'h')",
                [seq, kind, f"catatan kaki {kind}"],
            )
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "INSERT INTO paragraphs (document_id, seq, kind, lang, text, text_sha256)"
                " VALUES (1, 9, 'poem', 'id', 'x', 'h')"
            )
        found = connection.execute(
            "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'catatan'"
        ).fetchall()
        assert len(found) == 2  # the search index still follows the table
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("DELETE FROM paragraphs WHERE id = 1")  # cascades still work
        assert connection.execute("SELECT count(*) FROM term_links").fetchone()[0] == 0
    finally:
        connection.close()


def test_every_kind_the_importer_makes_is_a_known_kind() -> None:
    assert {"note", "item"} <= set(KINDS)
