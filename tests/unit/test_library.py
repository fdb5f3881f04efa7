"""The SQLite library: schema, documents, translations, reading state, search, threads."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import migrations
from reader.errors import DatabaseError, DiskFull, LibraryDamaged, LibraryReadOnly, NotALibrary
from reader.library import (
    SCHEMA_VERSION,
    DocumentRecord,
    Library,
    ParagraphInput,
    fts_query,
    text_hash,
)
from tests.conftest import old_library


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    library = Library.open(db_path)
    yield library
    library.close()


def paragraphs(*texts: str, lang: str = "id") -> list[ParagraphInput]:
    return [ParagraphInput(kind="paragraph", text=text, lang=lang) for text in texts]


def save(
    library: Library,
    slug: str = "dok",
    items: list[ParagraphInput] | None = None,
    *,
    sha256: str = "0" * 64,
    title: str = "Dokumen",
) -> DocumentRecord:
    return library.save_document(
        slug=slug,
        title=title,
        authors=["Penulis"],
        source="Jurnal",
        year=2024,
        lang="id",
        sha256=sha256,
        origin="imported",
        path=None,
        meta={"catatan": "uji"},
        paragraphs=items if items is not None else paragraphs("Satu.", "Dua.", "Tiga."),
    )


def paragraph_rows(library: Library, document_id: int) -> list[tuple[int, int, str]]:
    """(seq, id, text) of a document's stored paragraphs."""
    return [
        (int(seq), int(pid), str(text))
        for seq, pid, text in library.db.execute(
            "SELECT seq, id, text FROM paragraphs WHERE document_id = ? ORDER BY seq",
            [document_id],
        ).fetchall()
    ]


def count(library: Library, table: str, document_id: int) -> int:
    row = library.db.execute(
        f"SELECT count(*) FROM {table} WHERE document_id = ?", [document_id]
    ).fetchone()
    return int(row[0])


# Opening ------------------------------------------------------------------------


def test_open_creates_the_schema(library: Library, db_path: Path) -> None:
    assert db_path.is_file()
    assert library.schema_version == migrations.latest_version() == SCHEMA_VERSION >= 1
    tables = set(library.db.table_names())
    assert {"documents", "paragraphs", "translations", "positions", "bookmarks"} <= tables
    assert {"paragraphs_fts", "translations_fts"} <= tables


def test_open_uses_wal_and_foreign_keys(library: Library) -> None:
    assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_open_creates_missing_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "library.db"
    library = Library.open(path)
    try:
        assert path.is_file()
    finally:
        library.close()


def test_reopening_is_idempotent(db_path: Path) -> None:
    first = Library.open(db_path)
    document = save(first)
    first.close()
    for _ in range(2):
        again = Library.open(db_path)
        try:
            assert again.schema_version == migrations.latest_version()
            applied = again.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
            assert applied == migrations.latest_version()
            assert again.document(slug="dok") == document
            assert again.paragraph_count(document.id) == 3
        finally:
            again.close()


def test_a_library_from_a_newer_version_is_refused(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    connection.close()
    with pytest.raises(DatabaseError, match="newer Dwibahasa"):
        Library.open(db_path)
    connection = sqlite3.connect(db_path)
    try:  # untouched: still the newer version, no tables added
        assert connection.execute("PRAGMA user_version").fetchone()[0] > 1
        assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        connection.close()


@pytest.mark.parametrize("content", [b"not a database\x00\x01" * 64, b"xyz"])
def test_a_file_that_is_not_sqlite_is_refused(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a database") as caught:
        Library.open(db_path)
    assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == content


def test_a_sqlite_file_of_another_program_is_refused(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE documents (x)")
    connection.close()
    with pytest.raises(DatabaseError, match="not a usable Dwibahasa library"):
        Library.open(db_path)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a directory"):
        Library.open(tmp_path)


def test_a_path_below_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(DatabaseError, match="cannot create folder"):
        Library.open(blocker / "library.db")


@pytest.mark.parametrize("problem", ["newer", "garbage"])
def test_a_refused_library_file_is_not_left_open(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, problem: str
) -> None:
    if problem == "newer":
        connection = sqlite3.connect(db_path)
        connection.execute("PRAGMA user_version = 999")
        connection.close()
    else:
        db_path.write_bytes(b"garbage" * 100)
    opened: list[sqlite3.Connection] = []
    real_connect = sqlite3.connect

    def tracking_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)
        opened.append(connection)
        return connection

    monkeypatch.setattr(sqlite3, "connect", tracking_connect)
    with pytest.raises(DatabaseError):
        Library.open(db_path)
    # Garbage is refused from its first bytes, before SQLite opens it at all.
    assert opened if problem == "newer" else not opened
    for connection in opened:
        with pytest.raises(sqlite3.ProgrammingError):
            connection.execute("SELECT 1")


# Safety of the file: refused before a write, read-only, damaged, full ------------------------


def _foreign_database(path: Path, *, wal: bool) -> None:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode = wal")
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('milik aplikasi lain')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_another_programs_database_is_refused_before_anything_is_written(
    db_path: Path, wal: bool
) -> None:
    _foreign_database(db_path, wal=wal)
    before = db_path.read_bytes()
    with pytest.raises(NotALibrary, match="not a usable Dwibahasa library") as caught:
        Library.open(db_path)
    assert str(db_path) in str(caught.value)
    assert len(str(caught.value).splitlines()) == 1
    assert db_path.read_bytes() == before
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:  # no WAL switch, no table added
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == (
            "wal" if wal else "delete"
        )
        assert [row[0] for row in connection.execute("SELECT name FROM sqlite_master")] == ["notes"]
    finally:
        connection.close()


def test_an_empty_sqlite_database_becomes_a_library(db_path: Path) -> None:
    sqlite3.connect(db_path).close()  # zero bytes, as some tools leave a new database
    library = Library.open(db_path)
    try:
        assert library.schema_version == SCHEMA_VERSION
    finally:
        library.close()


def test_a_read_only_library_reads_and_refuses_writes_in_one_line(db_path: Path) -> None:
    writable = Library.open(db_path)
    document = save(writable)
    writable.close()
    before = db_path.read_bytes()
    library = Library.open(db_path, read_only=True)
    try:
        assert library.read_only
        notice = library.read_only_notice()
        assert notice is not None and "read-only" in notice
        assert library.document(slug="dok") == document
        assert [row.text for row in library.bilingual_rows(document.id)] == [
            "Satu.",
            "Dua.",
            "Tiga.",
        ]
        assert library.search("Dua")
        for write in (
            lambda: library.set_position(document.id, 2),
            lambda: library.toggle_bookmark(document.id, 1),
            lambda: save(library, slug="baru"),
        ):
            with pytest.raises(LibraryReadOnly, match="read-only") as caught:
                write()
            assert len(str(caught.value).splitlines()) == 1
    finally:
        library.close()
    assert db_path.read_bytes() == before
    assert Library.open(db_path).read_only_notice() is None


def test_permissions_decide_whether_a_library_opens_read_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library.open(db_path).close()
    monkeypatch.setattr(
        "reader.library.os.access", lambda path, mode: mode != os.W_OK or Path(path) != db_path
    )
    library = Library.open(db_path)
    try:
        assert library.read_only
    finally:
        library.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write whatever the permissions say")
@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_library_without_write_permission_opens_read_only(db_path: Path, locked: str) -> None:
    writable = Library.open(db_path)
    document = save(writable)
    writable.close()
    target = db_path if locked == "file" else db_path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if locked == "file" else 0o555)
    try:
        library = Library.open(db_path)
        try:
            assert library.read_only
            assert library.paragraph_count(document.id) == 3
            with pytest.raises(LibraryReadOnly):
                library.set_position(document.id, 2)
        finally:
            library.close()
    finally:
        target.chmod(mode)


def test_a_read_only_library_that_needs_an_upgrade_or_does_not_exist_is_refused(
    db_path: Path,
) -> None:
    with pytest.raises(LibraryReadOnly, match="folder is read-only"):
        Library.open(db_path, read_only=True)
    assert not db_path.exists()
    _old_library(db_path, version=2)
    with pytest.raises(LibraryReadOnly, match="needs an upgrade"):
        Library.open(db_path, read_only=True)


def _old_library(db_path: Path, *, version: int) -> None:
    """A library made by a program that knew only the first `version` migrations."""
    old_library(
        db_path,
        version,
        "INSERT INTO documents (slug, title, sha256, origin, imported_at, updated_at)"
        " VALUES ('lama', 'Dokumen Lama', '', 'imported', '2024', '2024')",
    )


def test_a_migration_first_backs_up_the_library_beside_it(db_path: Path) -> None:
    _old_library(db_path, version=2)
    library = Library.open(db_path)
    try:
        assert library.schema_version == SCHEMA_VERSION
    finally:
        library.close()
    backup = db_path.with_name(f"{db_path.name}.before-v{SCHEMA_VERSION}.bak")
    connection = sqlite3.connect(backup)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        assert connection.execute("SELECT slug FROM documents").fetchall() == [("lama",)]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        connection.close()
    assert sorted(p.name for p in db_path.parent.glob(f"{db_path.name}.*")) == [backup.name]


def test_a_new_or_current_library_is_not_backed_up(db_path: Path) -> None:
    Library.open(db_path).close()
    Library.open(db_path).close()
    assert list(db_path.parent.glob("*.bak")) == []


def test_a_failed_migration_leaves_the_library_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _old_library(db_path, version=2)
    real_apply = migrations.apply

    def apply_then_fail(db: Any) -> int:
        real_apply(db)
        raise RuntimeError("listrik padam")

    monkeypatch.setattr(migrations, "apply", apply_then_fail)
    with pytest.raises(RuntimeError, match="listrik padam"):
        Library.open(db_path)
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert "glossary_terms" not in tables
    finally:
        connection.close()


def _flip_page_holding(db_path: Path, marker: bytes) -> int:
    """Damage the page that holds `marker` (never page 1, the header); return its number."""
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    data = bytearray(db_path.read_bytes())
    page = data.index(marker) // page_size
    assert page > 0
    start = page * page_size
    data[start] = 0x07  # not a b-tree page type
    for offset in range(8, page_size, 97):
        data[start + offset] ^= 0xFF
    db_path.write_bytes(bytes(data))
    return page + 1


def test_a_damaged_library_is_one_typed_error_naming_doctor(db_path: Path) -> None:
    library = Library.open(db_path)
    texts = [f"Paragraf penanda {n} " + "kata lain " * 30 for n in range(60)]
    document = save(library, items=paragraphs(*texts))
    library.close()
    _flip_page_holding(db_path, b"Paragraf penanda 30 ")
    library = Library.open(db_path)
    try:
        for read in (
            lambda: library.bilingual_rows(document.id),
            lambda: library.search("penanda"),
        ):
            with pytest.raises(LibraryDamaged, match="dwibahasa doctor") as caught:
                read()
            message = str(caught.value)
            assert "damaged (database disk image is malformed)" in message
            assert str(db_path) in message and len(message.splitlines()) == 1
    finally:
        library.close()


def test_a_full_disk_is_one_typed_error_and_saves_nothing(library: Library) -> None:
    kept = save(library)
    pages = library.conn.execute("PRAGMA page_count").fetchone()[0]
    library.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # as if the disk filled up
    big = paragraphs(*(f"Paragraf {n} " + "kata " * 300 for n in range(100)))
    with pytest.raises(DiskFull, match="the disk is full; the last change was not saved"):
        save(library, slug="besar", items=big)
    assert library.document(slug="besar") is None
    assert library.conn.in_transaction is False
    library.set_position(kept.id, 2)  # the library goes on working
    assert library.position(kept.id) == 2


# Documents and paragraphs --------------------------------------------------------


def test_save_document_inserts_a_document_with_its_paragraphs(library: Library) -> None:
    document = save(library)
    assert document.slug == "dok"
    assert document.title == "Dokumen"
    assert document.authors == ["Penulis"]
    assert (document.source, document.year, document.lang) == ("Jurnal", 2024, "id")
    assert document.origin == "imported"
    assert document.meta == {"catatan": "uji"}
    assert library.document(id=document.id) == document
    assert library.document(slug="tidak-ada") is None
    assert [(seq, text) for seq, _, text in paragraph_rows(library, document.id)] == [
        (1, "Satu."),
        (2, "Dua."),
        (3, "Tiga."),
    ]


def test_save_document_update_keeps_unchanged_paragraph_ids(library: Library) -> None:
    document = save(library, items=paragraphs("Satu.", "Dua.", "Tiga.", "Empat."))
    before = paragraph_rows(library, document.id)
    again = save(library, items=paragraphs("Satu.", "Dua, diubah.", "Tiga."), sha256="1" * 64)
    after = paragraph_rows(library, document.id)
    assert again.id == document.id
    assert again.sha256 == "1" * 64
    assert [text for _, _, text in after] == ["Satu.", "Dua, diubah.", "Tiga."]
    # Rows are updated in place by sequence number: every surviving id is kept.
    assert [pid for _, pid, _ in after] == [pid for _, pid, _ in before[:3]]
    stored_hash = library.db.execute(
        "SELECT text_sha256 FROM paragraphs WHERE id = ?", [after[1][1]]
    ).fetchone()[0]
    assert stored_hash == text_hash("Dua, diubah.")
    assert library.paragraph_count(document.id) == 3
    remaining = library.db.execute(
        "SELECT count(*) FROM paragraphs WHERE id = ?", [before[3][1]]
    ).fetchone()[0]
    assert remaining == 0


def test_save_document_update_can_add_paragraphs(library: Library) -> None:
    document = save(library, items=paragraphs("Satu."))
    save(library, items=paragraphs("Satu.", "Dua."))
    assert [text for _, _, text in paragraph_rows(library, document.id)] == ["Satu.", "Dua."]


def test_save_document_clamps_position_and_drops_bookmarks_past_the_end(
    library: Library,
) -> None:
    document = save(library, items=paragraphs(*(f"Paragraf {n}." for n in range(1, 11))))
    library.set_position(document.id, 9)
    for seq in (2, 4, 5, 8, 10):
        library.toggle_bookmark(document.id, seq)
    save(library, items=paragraphs(*(f"Paragraf {n}." for n in range(1, 5))))
    assert library.position(document.id) == 4
    assert library.bookmarks(document.id) == [2, 4]


def test_save_document_keeps_a_position_within_the_new_length(library: Library) -> None:
    document = save(library, items=paragraphs("a.", "b.", "c."))
    library.set_position(document.id, 2)
    library.toggle_bookmark(document.id, 3)
    save(library, items=paragraphs("a.", "b, baru.", "c.", "d."))
    assert library.position(document.id) == 2
    assert library.bookmarks(document.id) == [3]


def test_deleting_a_document_cascades(library: Library) -> None:
    document = save(library)
    other = save(library, slug="lain", items=paragraphs("Satu."))
    library.set_position(document.id, 2)
    library.toggle_bookmark(document.id, 1)
    library.set_position(other.id, 1)
    library.delete_document(document.id)
    assert library.document(id=document.id) is None
    for table in ("paragraphs", "positions", "bookmarks"):
        assert count(library, table, document.id) == 0
    assert library.search("Dua") == []
    assert library.paragraph_count(other.id) == 1
    assert library.position(other.id) == 1


def test_summaries_count_paragraphs_with_english(library: Library) -> None:
    items = [*paragraphs("Satu.", "Dua."), *paragraphs("Already English.", lang="en")]
    document = save(library, items=items)
    library.put_translation("Satu.", "One.", engine="reference", status="reference")
    library.set_position(document.id, 2)
    [summary] = library.summaries()
    assert summary.document == document
    assert (summary.paragraphs, summary.with_english, summary.position) == (3, 2, 2)


def test_summaries_list_bundled_before_imported(library: Library) -> None:
    save(library, slug="impor", title="A impor")
    library.save_document(
        slug="bawaan",
        title="Z bawaan",
        authors=[],
        source=None,
        year=None,
        lang="id",
        sha256="2" * 64,
        origin="bundled",
        path=None,
        meta={},
        paragraphs=paragraphs("x."),
    )
    assert [s.document.slug for s in library.summaries()] == ["bawaan", "impor"]


def test_documents_at_path(library: Library) -> None:
    library.save_document(
        slug="di-sini",
        title="T",
        authors=[],
        source=None,
        year=None,
        lang="id",
        sha256="3" * 64,
        origin="imported",
        path="/data/di-sini.id.md",
        meta={},
        paragraphs=paragraphs("x."),
    )
    assert [d.slug for d in library.documents_at_path("/data/di-sini.id.md")] == ["di-sini"]
    assert library.documents_at_path("/data/lain.md") == []


# Translations ------------------------------------------------------------------------


def test_paragraph_without_translation_has_no_english(library: Library) -> None:
    document = save(library)
    rows = library.bilingual_rows(document.id)
    assert [(r.seq, r.english, r.english_status) for r in rows] == [
        (1, None, None),
        (2, None, None),
        (3, None, None),
    ]


def test_reviewed_beats_reference_beats_machine(library: Library) -> None:
    document = save(library, items=paragraphs("Halo dunia."))

    def best() -> tuple[str | None, str | None]:
        [row] = library.bilingual_rows(document.id)
        return row.english, row.english_status

    library.put_translation(
        "Halo dunia.", "Hello world (mt).", engine="opus", model="m1", status="machine"
    )
    assert best() == ("Hello world (mt).", "machine")
    library.put_translation("Halo dunia.", "Hello, world.", engine="reference", status="reference")
    assert best() == ("Hello, world.", "reference")
    library.put_translation(
        "Halo dunia.", "Hello there, world.", engine="person", status="reviewed"
    )
    assert best() == ("Hello there, world.", "reviewed")
    # A newer machine translation does not displace the better ones.
    library.put_translation(
        "Halo dunia.", "Hi world (mt2).", engine="opus", model="m2", status="machine"
    )
    assert best() == ("Hello there, world.", "reviewed")


def test_machine_translation_reports_engine_and_model(library: Library) -> None:
    document = save(library, items=paragraphs("Halo."))
    library.put_translation("Halo.", "Hello.", engine="opus", model="id-en", status="machine")
    [row] = library.bilingual_rows(document.id)
    assert (row.english_engine, row.english_model) == ("opus", "id-en")


def test_put_translation_replaces_the_same_engine_and_model(library: Library) -> None:
    document = save(library, items=paragraphs("Halo."))
    library.put_translation("Halo.", "Hello.", engine="opus", status="machine")
    library.put_translation("Halo.", "Hi.", engine="opus", status="machine")
    [row] = library.bilingual_rows(document.id)
    assert row.english == "Hi."
    assert library.db.execute("SELECT count(*) FROM translations").fetchone()[0] == 1


def test_reference_of_the_documents_own_slug_wins_a_tie(library: Library) -> None:
    first = save(library, slug="a", items=paragraphs("Sama."))
    second = save(library, slug="b", items=paragraphs("Sama."))
    library.put_translation("Sama.", "Same (a).", engine="reference", model="a", status="reference")
    library.put_translation("Sama.", "Same (b).", engine="reference", model="b", status="reference")
    assert library.bilingual_rows(first.id)[0].english == "Same (a)."
    assert library.bilingual_rows(second.id)[0].english == "Same (b)."


def test_translations_are_shared_by_identical_paragraphs(library: Library) -> None:
    first = save(library, slug="a", items=paragraphs("Sama."))
    second = save(library, slug="b", items=paragraphs("Sama.", "Beda."))
    library.put_translation("Sama.", "Same.", engine="opus", status="machine")
    assert library.bilingual_rows(first.id)[0].english == "Same."
    assert [r.english for r in library.bilingual_rows(second.id)] == ["Same.", None]


def test_english_paragraphs_show_as_original(library: Library) -> None:
    items = [*paragraphs("Already English.", lang="en"), *paragraphs("Bahasa.")]
    document = save(library, items=items)
    library.put_translation(
        "Already English.", "Something else.", engine="person", status="reviewed"
    )
    rows = library.bilingual_rows(document.id)
    assert [(r.lang, r.english, r.english_status) for r in rows] == [
        ("en", "Already English.", "original"),
        ("id", None, None),
    ]


def test_bilingual_rows_range_is_inclusive(library: Library) -> None:
    document = save(library, items=paragraphs(*(f"P{n}." for n in range(1, 8))))
    assert [r.seq for r in library.bilingual_rows(document.id, 3, 5)] == [3, 4, 5]
    assert [r.seq for r in library.bilingual_rows(document.id, 6)] == [6, 7]
    assert [r.seq for r in library.bilingual_rows(document.id, None, 2)] == [1, 2]
    assert len(library.bilingual_rows(document.id)) == 7


def test_bilingual_rows_keep_kind_and_level(library: Library) -> None:
    items = [
        ParagraphInput(kind="heading", text="Bab", lang="id", level=2),
        ParagraphInput(kind="caption", text="Tabel 1", lang="id"),
        ParagraphInput(kind="reference", text="Smith 2020.", lang="en"),
    ]
    document = save(library, items=items)
    rows = library.bilingual_rows(document.id)
    assert [(r.kind, r.level, r.lang) for r in rows] == [
        ("heading", 2, "id"),
        ("caption", 0, "id"),
        ("reference", 0, "en"),
    ]


# Reading state ------------------------------------------------------------------------


def test_position_is_none_until_set_then_updated(library: Library) -> None:
    document = save(library)
    assert library.position(document.id) is None
    library.set_position(document.id, 2)
    assert library.position(document.id) == 2
    library.set_position(document.id, 3)
    assert library.position(document.id) == 3
    assert count(library, "positions", document.id) == 1


def test_toggle_bookmark_adds_then_removes(library: Library) -> None:
    document = save(library)
    assert library.bookmarks(document.id) == []
    assert library.toggle_bookmark(document.id, 3) is True
    assert library.toggle_bookmark(document.id, 1) is True
    assert library.bookmarks(document.id) == [1, 3]
    assert library.toggle_bookmark(document.id, 3) is False
    assert library.bookmarks(document.id) == [1]


# Search ----------------------------------------------------------------------------------


@pytest.fixture
def searchable(library: Library) -> Library:
    items = [
        ParagraphInput(kind="heading", text="Kerjasama keamanan Jepang", lang="id", level=1),
        ParagraphInput(kind="paragraph", text="The alliance is already English.", lang="en"),
        ParagraphInput(kind="paragraph", text="Diplomasi pertahanan Korea Selatan.", lang="id"),
        ParagraphInput(kind="paragraph", text="Kafe di Seoul menjual café.", lang="id"),
    ]
    save(library, slug="dok", items=items)
    library.put_translation(
        "Kerjasama keamanan Jepang", "Japanese security cooperation", engine="r", status="reference"
    )
    library.put_translation(
        "Diplomasi pertahanan Korea Selatan.",
        "Defence diplomacy of South Korea.",
        engine="r",
        status="reference",
    )
    return library


def hits(library: Library, query: str, lang: str | None = None) -> list[tuple[int, str]]:
    return sorted((h.seq, h.lang) for h in library.search(query, lang=lang))


def test_search_indonesian(searchable: Library) -> None:
    assert hits(searchable, "keamanan", "id") == [(1, "id")]
    assert hits(searchable, "security", "id") == []
    assert hits(searchable, "alliance", "id") == []


def test_search_english_covers_translations_and_english_paragraphs(searchable: Library) -> None:
    assert hits(searchable, "security", "en") == [(1, "en")]
    assert hits(searchable, "alliance", "en") == [(2, "en")]
    assert hits(searchable, "keamanan", "en") == []
    [hit] = searchable.search("security", lang="en")
    assert hit.text == "Japanese security cooperation"
    assert (hit.slug, hit.title) == ("dok", "Dokumen")


def test_search_both_languages(searchable: Library) -> None:
    assert hits(searchable, "Korea") == [(3, "en"), (3, "id")]
    assert hits(searchable, "security") == [(1, "en")]
    assert hits(searchable, "alliance") == [(2, "en")]
    assert hits(searchable, "pertahanan") == [(3, "id")]


def test_search_needs_every_word(searchable: Library) -> None:
    assert hits(searchable, "diplomasi korea") == [(3, "id")]
    assert hits(searchable, "diplomasi jepang") == []


def test_search_prefix_and_case_and_diacritics(searchable: Library) -> None:
    assert hits(searchable, "KERJA*", "id") == [(1, "id")]
    assert hits(searchable, "kerja", "id") == []
    assert hits(searchable, "cafe", "id") == [(4, "id")]


def test_search_respects_the_limit(searchable: Library) -> None:
    assert len(searchable.search("Korea", limit=1)) == 1


def test_search_sees_updated_paragraphs(searchable: Library) -> None:
    save(searchable, slug="dok", items=paragraphs("Teks baru tentang ekonomi."))
    assert hits(searchable, "keamanan") == []
    assert hits(searchable, "ekonomi") == [(1, "id")]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"Korea',
        "Korea'",
        "(",
        ")",
        "(Korea)",
        "AND",
        "OR",
        "NOT",
        "Korea AND",
        "AND Korea OR",
        "NEAR(Korea Selatan)",
        "*",
        "**",
        "Kor*",
        "*Korea",
        "Ko*rea",
        "-",
        "-Korea",
        "Korea -Selatan",
        "a-b",
        "^",
        "^*",
        "text:Korea",
        ":",
        "{ } [ ] + ~",
        "...",
        "'; DROP TABLE paragraphs; --",
        "\x00",
        "é’ “",
        "",
        "   ",
    ],
)
def test_search_with_fts_syntax_never_raises(searchable: Library, query: str) -> None:
    result = searchable.search(query)
    assert isinstance(result, list)
    document = searchable.document(slug="dok")
    assert document is not None
    assert searchable.paragraph_count(document.id) == 4


def test_search_with_any_text_never_raises(searchable: Library) -> None:
    @settings(max_examples=150, derandomize=True, deadline=None)
    @given(st.text(alphabet=st.sampled_from("ab \"()*-:^{}+NEAROTD'.")) | st.text())
    def check(query: str) -> None:
        searchable.search(query)
        searchable.search(query, lang="en")

    check()


def test_search_treats_operators_as_words(searchable: Library) -> None:
    assert hits(searchable, "(Korea)") == [(3, "en"), (3, "id")]
    assert hits(searchable, '"Korea') == [(3, "en"), (3, "id")]
    assert hits(searchable, "Korea -Selatan") == [(3, "id")]
    assert hits(searchable, "Korea OR Jepang") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("keamanan", '"keamanan"'),
        ("kerja sama", '"kerja" "sama"'),
        ("kerja*", '"kerja"*'),
        ("kerja**", '"kerja"*'),
        ('say "hi', '"say" "hi"'),  # an unclosed quote runs to the end
        ('"aliansi strategis"', '"aliansi strategis"'),
        ('"diplomasi pert*" korea', '"diplomasi pert"* "korea"'),
        ('a"b', '"a""b"'),
        ('"  "', ""),
        ("AND OR NOT", '"AND" "OR" "NOT"'),
        ("( ) - * . ,", ""),
        ("", ""),
        ("  spasi   ganda ", '"spasi" "ganda"'),
        ("a\x00b", '"a" "b"'),
    ],
)
def test_fts_query_quotes_every_word_and_phrase(query: str, expected: str) -> None:
    assert fts_query(query) == expected


# Threads and transactions -----------------------------------------------------------------


def test_each_thread_gets_its_own_connection(library: Library) -> None:
    document = save(library)
    main_db = library.db
    seen: list[object] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            seen.append(library.db)
            library.set_position(document.id, 3)
            library.toggle_bookmark(document.id, 2)
            library.put_translation("Satu.", "One.", engine="opus", status="machine")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            library.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert errors == []
    assert seen and seen[0] is not main_db
    assert library.db is main_db
    assert library.position(document.id) == 3
    assert library.bookmarks(document.id) == [2]
    assert library.bilingual_rows(document.id, 1, 1)[0].english == "One."


def test_a_failed_transaction_leaves_nothing_behind(library: Library) -> None:
    kept = save(library, slug="tetap")
    with pytest.raises(RuntimeError, match="gagal"), library.transaction():
        document = save(library, slug="batal", items=paragraphs("Kata unik zyxw."))
        library.set_position(document.id, 1)
        library.toggle_bookmark(document.id, 1)
        library.set_position(kept.id, 2)
        raise RuntimeError("gagal")
    assert library.document(slug="batal") is None
    assert library.db.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 3
    assert library.db.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 0
    assert library.position(kept.id) is None
    assert library.search("zyxw") == []
    # The connection is usable afterwards.
    assert library.toggle_bookmark(kept.id, 1) is True


def test_nested_transaction_failure_rolls_back_only_the_inner_part(library: Library) -> None:
    with library.transaction():
        outer = save(library, slug="luar")
        with pytest.raises(RuntimeError), library.transaction():
            library.set_position(outer.id, 2)
            raise RuntimeError("dalam")
    assert library.document(slug="luar") is not None
    assert library.position(outer.id) is None
