"""Several writers on one library: each takes the write lock first, waits a bounded time.

The bug these guard against: an import read, then wrote, in a deferred
transaction; when another process committed in between, SQLite refused at
once ("database is locked") and the busy timeout never helped.
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from reader.errors import LibraryBusy
from reader.library import Library, ParagraphInput
from reader.paths import BUSY_TIMEOUT_ENV
from reader.service import ReadingService
from tests.conftest import REPO, TEXTS, Invoke, assert_one_line_error

WRITERS = 8
WORDS = (
    "diplomasi", "pertahanan", "kerja", "sama", "keamanan", "regional", "kawasan", "negara",
    "hubungan", "strategis", "militer", "latihan", "bersama", "kebijakan", "luar", "negeri",
    "maritim", "perbatasan", "ancaman", "stabilitas", "perdamaian", "dialog",
)  # fmt: skip


def _document(folder: Path, number: int) -> Path:
    """A plain-text document of its own (distinct words, so distinct content and slug)."""
    rng = random.Random(number)
    paragraphs = [
        f"Dokumen{number} bagian{k}. "
        + " ".join(
            " ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + "." for _ in range(3)
        )
        for k in range(12)
    ]
    path = folder / f"dokumen-{number}.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def _integrity(db_path: Path) -> str:
    connection = sqlite3.connect(db_path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def _imported_slugs(db_path: Path) -> set[str]:
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute("SELECT slug FROM documents WHERE origin = 'imported'")
        return {str(row[0]) for row in rows}
    finally:
        connection.close()


def _create(db_path: Path) -> Path:
    """A library that exists already, as when a user starts many imports at once."""
    ReadingService.open(db_path, texts_dir=TEXTS).close()
    return db_path


@pytest.mark.parametrize("fresh", [False, True], ids=["existing-library", "new-library"])
def test_simultaneous_cli_imports_all_succeed(db_path: Path, tmp_path: Path, fresh: bool) -> None:
    if not fresh:
        _create(db_path)
    files = [_document(tmp_path, number) for number in range(WRITERS)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "--db", str(db_path), "import", str(file)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for file in files
    ]
    results = [(process.wait(timeout=180), *process.communicate()) for process in processes]
    for code, out, err in results:
        assert (code, err) == (0, ""), err
        assert "imported" in out
    assert _imported_slugs(db_path) == {f"dokumen-{number}" for number in range(WRITERS)}
    assert _integrity(db_path) == "ok"


def _import_at_once(db_path: str, file: str, barrier: Any, results: Any) -> None:
    """In a child process: open the library, wait for every sibling, then import."""
    try:
        service = ReadingService.open(Path(db_path), texts_dir=TEXTS)
        try:
            barrier.wait(timeout=60)
            results.put(service.import_file(Path(file)).status)
        finally:
            service.close()
    except BaseException as error:
        results.put(f"{type(error).__name__}: {error}")


def test_imports_released_at_the_same_moment_all_succeed(db_path: Path, tmp_path: Path) -> None:
    _create(db_path)
    files = [_document(tmp_path, number) for number in range(WRITERS)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    results = context.Queue()
    processes = [
        context.Process(target=_import_at_once, args=(str(db_path), str(file), barrier, results))
        for file in files
    ]
    for process in processes:
        process.start()
    statuses = [results.get(timeout=180) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert statuses == ["new"] * WRITERS
    assert len(_imported_slugs(db_path)) == WRITERS
    assert _integrity(db_path) == "ok"


# The bound ------------------------------------------------------------------------------


def _hold_write_lock(db_path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def _library_with_document(db_path: Path, busy_timeout: float | None = None) -> Library:
    library = Library.open(db_path, busy_timeout=busy_timeout)
    library.save_document(
        slug="dok",
        title="Dokumen",
        authors=[],
        source=None,
        year=None,
        lang="id",
        sha256="0" * 64,
        origin="imported",
        path=None,
        meta={},
        paragraphs=[ParagraphInput(kind="paragraph", text=t, lang="id") for t in ("A.", "B.")],
    )
    return library


def test_a_lock_held_past_the_bound_gives_library_busy(db_path: Path) -> None:
    library = _library_with_document(db_path, busy_timeout=0.3)
    document = library.document(slug="dok")
    assert document is not None
    holder = _hold_write_lock(db_path)
    try:
        started = time.monotonic()
        with pytest.raises(LibraryBusy, match="another dwibahasa is writing to it; try again"):
            library.set_position(document.id, 2)
        assert 0.3 <= time.monotonic() - started < 5
        with pytest.raises(LibraryBusy):
            library.toggle_bookmark(document.id, 1)
        assert library.position(document.id) is None  # reading goes on meanwhile
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    library.set_position(document.id, 2)  # and the library is usable again
    assert library.position(document.id) == 2
    library.close()


def test_a_writer_waits_for_a_lock_released_within_the_bound(db_path: Path) -> None:
    library = _library_with_document(db_path, busy_timeout=20)
    document = library.document(slug="dok")
    assert document is not None
    holder = _hold_write_lock(db_path)
    runs = 0

    def release() -> None:
        time.sleep(0.5)
        holder.execute("UPDATE documents SET title = 'Diubah'")
        holder.execute("COMMIT")

    thread = threading.Thread(target=release)
    thread.start()
    try:
        with library.transaction() as db:
            runs += 1  # the body runs once: only taking the lock is retried
            title = library.document(id=document.id)
            assert title is not None
            db.execute("UPDATE documents SET title = ? WHERE id = ?", [title.title + "!", 1])
    finally:
        thread.join()
        holder.close()
    assert runs == 1
    # The body read what the other writer committed: it held the lock from its first read.
    updated = library.document(id=document.id)
    assert updated is not None and updated.title == "Diubah!"
    library.close()


def test_the_bound_comes_from_the_environment(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "0.25")
    library = Library.open(db_path)
    try:
        assert library.busy_timeout == 0.25
    finally:
        library.close()
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "soon")
    assert Library(db_path).busy_timeout == 30


def test_a_cli_import_while_another_process_writes_too_long_is_one_line(
    dwibahasa: Invoke, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dwibahasa("list")[0] == 0  # the library exists, its bundled texts stored
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "0.2")
    holder = _hold_write_lock(db_path)
    try:
        code, out, err = dwibahasa("import", str(_document(tmp_path, 1)))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_line_error(code, out, err)
    assert "the library is busy: another dwibahasa is writing to it; try again" in err
