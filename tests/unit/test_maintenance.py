"""`reader.maintenance`: diagnosing and repairing a damaged library, and online backups."""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reader import maintenance
from reader.errors import (
    DatabaseError,
    LibraryDamaged,
    LibraryReadOnly,
    NotALibrary,
    OutputExists,
    UserError,
)
from reader.library import SCHEMA_VERSION, Library, probe
from reader.service import ReadingService
from tests.conftest import TEXTS

WORDS = (
    "diplomasi", "pertahanan", "kerja", "sama", "keamanan", "regional", "kawasan", "negara",
    "hubungan", "strategis", "militer", "latihan", "bersama", "kebijakan", "luar", "negeri",
)  # fmt: skip
JOURNAL = "normalisasi-jepang-korea"


def write_text_document(folder: Path, number: int, paragraphs: int = 12) -> Path:
    """A plain-text document whose paragraphs start `Dok<number> bagian<k>.`."""
    rng = random.Random(number)
    blocks = [
        f"Dok{number} bagian{k}. "
        + " ".join(
            " ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + "." for _ in range(3)
        )
        for k in range(paragraphs)
    ]
    path = folder / f"dok{number}.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def paragraph_counts(db_path: Path) -> dict[str, int]:
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute(
            "SELECT d.slug, count(p.id) FROM documents d"
            " LEFT JOIN paragraphs p ON p.document_id = d.id GROUP BY d.slug"
        )
        return {str(slug): int(count) for slug, count in rows}
    finally:
        connection.close()


def integrity(db_path: Path) -> str:
    connection = sqlite3.connect(db_path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def checkpoint(db_path: Path) -> None:
    """Everything into the main file: what a damaged disk would hold."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def flip_page_holding(db_path: Path, marker: bytes) -> None:
    """Damage the data page that holds `marker` (never page 1, where the header is)."""
    checkpoint(db_path)
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = data.index(marker) // page_size
    assert page > 0
    start = page * page_size
    data[start] = 0x07  # not a b-tree page type
    for offset in range(8, page_size, 97):
        data[start + offset] ^= 0xFF
    db_path.write_bytes(bytes(data))


@pytest.fixture
def library_file(db_path: Path, tmp_path: Path) -> Path:
    """The bundled texts and four imported documents, closed."""
    service = ReadingService.open(db_path, texts_dir=TEXTS)
    try:
        for number in range(4):
            service.import_file(write_text_document(tmp_path, number))
    finally:
        service.close()
    return db_path


def test_a_sound_library_is_reported_sound_and_left_alone(library_file: Path) -> None:
    diagnosis = maintenance.diagnose(library_file)
    assert diagnosis.ok and diagnosis.problems == ()
    assert diagnosis.documents == 6
    assert diagnosis.search_checked and not diagnosis.read_only
    report = maintenance.repair(library_file, texts_dir=TEXTS)
    assert report.backup is None and not report.recovered and report.rebuilt == []
    assert list(library_file.parent.glob("*.bak")) == []


def test_a_damaged_page_is_found_then_repaired_with_a_backup(
    library_file: Path, tmp_path: Path
) -> None:
    before = paragraph_counts(library_file)
    flip_page_holding(library_file, b"Dok2 bagian5. ")
    damaged = library_file.read_bytes()

    diagnosis = maintenance.diagnose(library_file)
    assert not diagnosis.ok
    assert any("paragraphs" in p.detail for p in diagnosis.problems), diagnosis.problems
    assert library_file.read_bytes() == damaged  # diagnosing writes nothing
    service = ReadingService.open(library_file, texts_dir=TEXTS)
    try:
        with pytest.raises(LibraryDamaged, match="dwibahasa doctor"):
            service.rows(service.resolve("dok2"))
    finally:
        service.close()

    report = maintenance.repair(library_file, texts_dir=TEXTS)
    assert report.backup is not None and report.backup.read_bytes() == damaged
    assert report.recovered
    assert report.after is not None and report.after.ok
    assert integrity(library_file) == "ok"
    assert probe(library_file) == SCHEMA_VERSION

    after = paragraph_counts(library_file)
    assert set(after) == set(before)  # every document was readable
    losses = {loss.slug: loss for loss in report.documents}
    assert "dok2" in losses
    for slug, count in after.items():
        if slug in losses:
            assert losses[slug].expected == before[slug]
            assert losses[slug].paragraphs == count < before[slug]
            assert losses[slug].path is not None
        else:
            assert count == before[slug], slug
    paragraphs = {row.table: row for row in report.tables}["paragraphs"]
    assert paragraphs.expected == sum(before.values())
    assert paragraphs.recovered == sum(after.values())

    service = ReadingService.open(library_file, texts_dir=TEXTS)
    try:  # search indexes rebuilt, paragraphs numbered 1..n, and the file imports whole again
        assert service.search("Dok3")
        document = service.resolve("dok2")
        assert [row.seq for row in service.rows(document)] == list(range(1, after["dok2"] + 1))
        assert service.import_file(tmp_path / "dok2.txt").status == "updated"
        assert service.library.paragraph_count(document.id) == before["dok2"]
    finally:
        service.close()


def test_a_damaged_bundled_text_is_stored_again_from_the_texts(library_file: Path) -> None:
    before = paragraph_counts(library_file)
    service = ReadingService.open(library_file, texts_dir=TEXTS)
    marker = service.rows(service.resolve(JOURNAL))[20].text.encode()[:40]
    service.close()
    flip_page_holding(library_file, marker)
    report = maintenance.repair(library_file, texts_dir=TEXTS)
    assert report.recovered and JOURNAL in report.bundled_restored
    assert JOURNAL in {loss.slug for loss in report.documents if loss.restored}
    assert paragraph_counts(library_file)[JOURNAL] == before[JOURNAL]
    assert report.after is not None and report.after.ok


def test_a_truncated_library_keeps_what_was_written_before_the_cut(
    library_file: Path, tmp_path: Path
) -> None:
    connection = sqlite3.connect(library_file)
    connection.execute("VACUUM")  # compact: what comes next is written at the end
    connection.close()
    checkpoint(library_file)
    size = library_file.stat().st_size
    service = ReadingService.open(library_file, texts_dir=TEXTS)
    service.import_file(write_text_document(tmp_path, 9, paragraphs=30))
    service.close()
    before = paragraph_counts(library_file)
    checkpoint(library_file)
    with library_file.open("r+b") as stream:
        stream.truncate(size)  # the disk filled up, a copy stopped half way

    with pytest.raises(LibraryDamaged, match="dwibahasa doctor"):
        Library.open(library_file)
    diagnosis = maintenance.diagnose(library_file)
    assert not diagnosis.ok
    assert "its end was cut off" in diagnosis.problems[0].detail

    report = maintenance.repair(library_file, texts_dir=TEXTS)
    assert report.backup is not None and report.backup.stat().st_size == size
    assert report.recovered and report.after is not None and report.after.ok
    assert integrity(library_file) == "ok"
    after = paragraph_counts(library_file)
    losses = {loss.slug: loss for loss in report.documents}
    assert after["dok9"] < before["dok9"] and losses["dok9"].expected == before["dok9"]
    for slug, count in after.items():  # the rest is whole, or reported
        assert count == before[slug] or slug in losses, slug
    assert after[JOURNAL] == before[JOURNAL]


def test_a_search_index_out_of_step_is_rebuilt_in_place(library_file: Path) -> None:
    connection = sqlite3.connect(library_file)
    rowid, text = connection.execute(
        "SELECT id, text FROM paragraphs WHERE text LIKE '%Dok1 bagian3.%'"
    ).fetchone()
    connection.execute(
        "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', ?, ?)",
        [rowid, text],
    )
    connection.commit()
    connection.close()
    diagnosis = maintenance.diagnose(library_file)
    assert [p.check for p in diagnosis.problems] == ["search_index"]
    report = maintenance.repair(library_file, texts_dir=TEXTS)
    assert not report.recovered and "search_index" in report.rebuilt
    assert report.after is not None and report.after.ok
    library = Library.open(library_file)
    try:
        assert [hit.seq for hit in library.search("bagian3") if hit.slug == "dok1"]
    finally:
        library.close()


def test_doctor_refuses_what_is_not_a_library_unchanged(db_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no library file"):
        maintenance.diagnose(db_path)
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    for action in (maintenance.diagnose, maintenance.repair):
        with pytest.raises(NotALibrary):
            action(db_path)
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob("*.bak")) == []


def test_a_read_only_library_is_checked_but_not_repaired(
    library_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(maintenance, "is_writable", lambda path: False)
    diagnosis = maintenance.diagnose(library_file)
    assert diagnosis.ok and diagnosis.read_only and not diagnosis.search_checked
    flip_page_holding(library_file, b"Dok2 bagian5. ")
    with pytest.raises(LibraryReadOnly, match="cannot repair"):
        maintenance.repair(library_file, texts_dir=TEXTS)


# Backups --------------------------------------------------------------------------------


def _keep_writing(db_path: str, started: Any, stop: Any) -> None:
    """In another process: store translations until told to stop."""
    library = Library.open(Path(db_path))
    number = 0
    try:
        while not stop.is_set():
            with library.transaction():
                for _ in range(20):
                    number += 1
                    library.put_translation(
                        f"Kalimat {number}.", f"Sentence {number}.", engine="x", status="machine"
                    )
            started.set()
    finally:
        library.close()


def test_a_backup_is_consistent_while_another_process_writes(
    library_file: Path, tmp_path: Path
) -> None:
    context = multiprocessing.get_context("spawn")
    started, stop = context.Event(), context.Event()
    writer = context.Process(target=_keep_writing, args=(str(library_file), started, stop))
    writer.start()
    try:
        assert started.wait(timeout=60)
        copies = [tmp_path / f"salinan-{n}.db" for n in range(3)]
        for copy in copies:
            assert maintenance.backup(library_file, copy) == copy
    finally:
        stop.set()
        writer.join(timeout=60)
    assert writer.exitcode == 0
    counts = []
    for copy in copies:
        assert integrity(copy) == "ok"
        assert probe(copy) == SCHEMA_VERSION
        connection = sqlite3.connect(copy)
        try:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            machine = connection.execute(
                "SELECT count(*) FROM translations WHERE engine = 'x'"
            ).fetchone()[0]
        finally:
            connection.close()
        assert machine % 20 == 0  # whole transactions only
        counts.append(machine)
    assert counts == sorted(counts)
    assert not list(tmp_path.glob(".salinan*"))  # no temporary file left


def test_a_backup_refuses_an_existing_file_unless_asked(library_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "salinan.db"
    target.write_text("lama", encoding="utf-8")
    with pytest.raises(OutputExists, match="already exists") as caught:
        maintenance.backup(library_file, target)
    assert caught.value.path == target
    assert target.read_text(encoding="utf-8") == "lama"
    maintenance.backup(library_file, target, replace=True)
    assert probe(target) == SCHEMA_VERSION
    with pytest.raises(UserError, match="is the library itself"):
        maintenance.backup(library_file, library_file, replace=True)
    with pytest.raises(UserError, match="is a folder"):
        maintenance.backup(library_file, tmp_path)


def test_recovery_copies_or_rebuilds_every_table_of_the_schema(service: ReadingService) -> None:
    """A table a migration adds must be copied by a recovery or rebuilt after it."""
    conn = sqlite3.connect(service.library.path)
    try:
        tables = {
            name
            for (name, sql) in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='table'"
            )
            if not name.startswith(("sqlite_", "_sqlite_"))
            and "using fts5" not in (sql or "").lower()
        }
        fts = {
            name
            for table in maintenance._fts_tables(conn)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE ? || '%'", [table]
            )
        }
    finally:
        conn.close()
    handled = set(maintenance.COPIED_TABLES) | set(maintenance.DERIVED_TABLES)
    assert tables - fts - handled == set()
