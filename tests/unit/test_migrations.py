"""Migrations: as many as the schema version says, applied once under the write lock."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from reader import migrations
from reader.library import SCHEMA_VERSION, Library
from tests.conftest import old_library


def test_schema_version_counts_the_migrations() -> None:
    assert migrations.latest_version() == SCHEMA_VERSION


def test_programs_opening_an_old_library_together_migrate_it_once(db_path: Path) -> None:
    old_library(db_path, 1)
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_library() -> None:
        try:
            start.wait(timeout=30)
            Library.open(db_path).close()  # each its own connection, as processes have
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=open_library) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    connection = sqlite3.connect(db_path)
    try:
        applied = [row[0] for row in connection.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == migrations.KNOWN
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        connection.close()
    assert len(list(db_path.parent.glob("*.before-v*.bak"))) == 1
