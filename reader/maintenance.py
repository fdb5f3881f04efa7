"""Looking after the library file: `doctor` (check, and repair) and `backup`.

No click here: the CLI (`reader/cli/maintenance.py`) words the results.

`diagnose` reads the file without changing it (the full-text indexes, whose
check SQLite runs as an INSERT, are checked only when the pages are sound).
`repair` first copies the file as it is, then rebuilds in place what is
derived from other data (indexes, search indexes, glossary links); if the
file is still damaged, it copies every readable row into a fresh library,
row by row, skipping what cannot be read, and swaps that in. Bundled texts
that lost paragraphs come back from `texts/`; the report names what was lost.

SQLite's `.recover` is not used: the sqlite3 shell is not always there, and
the 3.40 shell's `.recover` fails on this schema ("SQL logic error") even
for a sound library.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import DatabaseError, LibraryDamaged, LibraryReadOnly, UserError
from reader.files import check_output
from reader.i18n import _, ngettext
from reader.library import (
    Library,
    another_programs_database,
    backup_database,
    connect_read_only,
    default_busy_timeout,
    is_writable,
    probe,
    text_hash,
    translate_error,
    utc_now,
)
from reader.paths import damaged_backup_path

INTEGRITY_LINES = 100
"""How many of `PRAGMA integrity_check`'s findings a diagnosis keeps."""

COPIED_TABLES = (
    "documents",
    "paragraphs",
    "translations",
    "positions",
    "bookmarks",
    "glossary_terms",
    "glossary_state",
    "check_dismissals",
)
"""What a recovery copies, parents first; links, link state and search indexes are rebuilt."""

DERIVED_TABLES = ("term_links", "link_state")
"""Rebuilt from paragraphs and the glossary by `GlossaryService.ensure_links`."""

_LARGEST_ROWID = 2**63 - 1


@dataclass(frozen=True)
class Problem:
    """One finding: which check (`integrity`, `foreign_keys`, `search_index`, `unreadable`)."""

    check: str
    detail: str
    """SQLite's words for it (English), or ours."""


@dataclass(frozen=True)
class Diagnosis:
    path: Path
    problems: tuple[Problem, ...]
    documents: int | None
    """How many documents the file holds (None if they cannot be counted)."""
    read_only: bool = False
    search_checked: bool = True
    """False when the full-text indexes were not checked (read-only, or the pages are damaged)."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class TableRecovery:
    """How much of a table a recovery could read."""

    table: str
    recovered: int
    expected: int | None
    """How many rows the damaged file counted (None if it could not count them)."""
    unreadable: int
    """Stretches of rows (a damaged page each, or a row) that could not be read."""


@dataclass(frozen=True)
class DocumentLoss:
    """A document that came out of a recovery with paragraphs missing."""

    slug: str
    title: str
    origin: str
    path: str | None
    paragraphs: int
    """Paragraphs recovered."""
    expected: int | None
    """Paragraphs it had (None if unknown)."""
    restored: bool = False
    """Bundled: its paragraphs came back from the bundled texts."""


@dataclass
class RepairReport:
    before: Diagnosis
    backup: Path | None = None
    """The damaged file as it was (None when there was nothing to repair)."""
    rebuilt: list[str] = field(default_factory=list)
    """What was rebuilt in place: `indexes`, `search_index`, `links`, `foreign_keys`."""
    recovered: bool = False
    """The readable rows were copied into a fresh library, which replaced the file."""
    tables: list[TableRecovery] = field(default_factory=list)
    documents: list[DocumentLoss] = field(default_factory=list)
    bundled_restored: list[str] = field(default_factory=list)
    """Slugs of bundled texts stored again from `texts/`."""
    after: Diagnosis | None = None


# Checking ---------------------------------------------------------------------------------


def diagnose(path: Path) -> Diagnosis:
    """Check the library at `path`: pages, foreign keys, full-text indexes.

    Refuses (raises) a missing file and a file that is not a Dwibahasa
    library, before reading more of it. A file cut short is read as far as
    it goes.
    """
    _require_file(path)
    read_only = not is_writable(path)
    with suppress(LibraryDamaged):  # examined below, as far as it can be read
        probe(path)  # not SQLite, another program's, a newer Dwibahasa's: refused here
    problems = _cut_short(path)
    try:
        conn = connect_read_only(path, typed=False, lenient=True)
    except sqlite3.DatabaseError as error:
        problems.append(Problem("unreadable", str(error)))
        return Diagnosis(path, tuple(problems), None, read_only, search_checked=False)
    try:
        if _identify(conn) is False:
            raise another_programs_database(path)
        problems.extend(_integrity(conn))
        if not problems:  # references are worth checking only on pages that can be read
            problems = _foreign_keys(conn)
        documents = _count(conn, "documents")
    finally:
        conn.close()
    search_checked = not problems and not read_only
    if search_checked:
        problems.extend(_search_indexes(path))
    return Diagnosis(path, tuple(problems), documents, read_only, search_checked)


def _identify(conn: sqlite3.Connection) -> bool | None:
    """Whether a damaged file is a Dwibahasa library (None: too damaged to tell)."""
    try:
        tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master")}
        if "_sqlite_migrations" not in tables:
            return None if not tables else False
        row = conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'dwibahasa' LIMIT 1"
        ).fetchone()
    except sqlite3.DatabaseError:
        return None
    return True if row is not None else None


def _cut_short(path: Path) -> list[Problem]:
    """A file shorter than its header says: the end was cut off (a full disk, a failed copy)."""
    with path.open("rb") as stream:
        header = stream.read(100)
    if len(header) < 100:
        return []
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if not page_size or not pages or header[24:28] != header[92:96]:
        return []  # the header's page count is not kept up to date: nothing to compare
    present = path.stat().st_size // page_size
    if present >= pages:
        return []
    return [
        Problem(
            "integrity",
            _("the file holds {present} of its {pages} pages: its end was cut off").format(
                present=present, pages=pages
            ),
        )
    ]


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise DatabaseError(_("{path}: no library file here").format(path=path))


def _integrity(conn: sqlite3.Connection) -> list[Problem]:
    """`PRAGMA integrity_check`; if it stops at a page it cannot read, table by table."""
    try:
        return _integrity_lines(conn, "")
    except sqlite3.DatabaseError as error:
        whole = Problem("integrity", str(error))
    try:
        tables = [
            str(name)
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
    except sqlite3.DatabaseError:
        return [whole]
    found: list[Problem] = []
    for table in tables:
        try:
            found.extend(_integrity_lines(conn, table))
        except sqlite3.DatabaseError as error:
            found.append(Problem("integrity", f"{table}: {error}"))
    return found or [whole]


def _integrity_lines(conn: sqlite3.Connection, table: str) -> list[Problem]:
    """The findings of `PRAGMA integrity_check` on the whole file, or on one table."""
    argument = _quoted(table) if table else str(INTEGRITY_LINES)
    prefix = f"{table}: " if table else ""
    return [
        Problem("integrity", prefix + str(line))
        for (line,) in conn.execute(f"PRAGMA integrity_check({argument})").fetchall()
        if line != "ok"
    ]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _foreign_keys(conn: sqlite3.Connection) -> list[Problem]:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        return [Problem("foreign_keys", str(error))]
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fkid in rows:
        counts[(table, parent)] = counts.get((table, parent), 0) + 1
    return [
        Problem(
            "foreign_keys",
            ngettext(
                "{count} row of {table} refers to a missing row of {parent}",
                "{count} rows of {table} refer to missing rows of {parent}",
                count,
            ).format(count=count, table=table, parent=parent),
        )
        for (table, parent), count in sorted(counts.items())
    ]


def _fts_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
            " AND lower(sql) LIKE '%using fts5%' ORDER BY name"
        )
    ]


def _search_indexes(path: Path) -> list[Problem]:
    """FTS5's own check of each index against its table (run as an INSERT: needs write access)."""
    conn = _connect(path)
    try:
        found = []
        for table in _fts_tables(conn):
            try:
                name = _quoted(table)
                # rank 1: also against the table it indexes (an external-content index)
                conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as error:
                _raise_unless_damage(error, path)
                found.append(Problem("search_index", f"{table}: {error}"))
        return found
    finally:
        conn.close()


def _raise_unless_damage(error: sqlite3.Error, path: Path) -> None:
    """A lock held too long, a read-only file, a full disk: not findings but reasons to stop."""
    typed = translate_error(error, path)
    if typed is not None and not isinstance(typed, LibraryDamaged):
        raise typed from error


def _connect(path: Path) -> sqlite3.Connection:
    """A plain read-write connection (SQLite's own errors, no implicit transactions)."""
    conn = sqlite3.connect(path, timeout=default_busy_timeout(), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.DatabaseError:
        return None


# Repairing --------------------------------------------------------------------------------


def repair(path: Path, *, texts_dir: Path | None = None) -> RepairReport:
    """Back up a damaged library, rebuild what can be rebuilt, recover what can be read.

    A sound library is left as it is. Other processes should not have the
    library open meanwhile: the recovered file replaces it.
    """
    before = diagnose(path)
    report = RepairReport(before=before)
    if before.ok:
        report.after = before
        return report
    if before.read_only:
        raise LibraryReadOnly(
            _("{path}: cannot repair a library this user may not write").format(path=path)
        )
    report.backup = _backup_damaged(path)
    report.rebuilt = _rebuild_in_place(path)
    if not diagnose(path).ok:
        report.tables, report.documents = _recover(path)
        report.recovered = True
    report.bundled_restored = _restore_derived(path, texts_dir)
    restored = set(report.bundled_restored)
    report.documents = [
        DocumentLoss(
            loss.slug,
            loss.title,
            loss.origin,
            loss.path,
            loss.paragraphs,
            loss.expected,
            restored=loss.slug in restored,
        )
        for loss in report.documents
    ]
    report.after = diagnose(path)
    return report


def _backup_damaged(path: Path) -> Path:
    """The damaged file byte for byte (with its write-ahead log), beside it.

    Copied under the write lock when SQLite can still take it, so that no
    other process changes the file half way through the copy.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = damaged_backup_path(path, stamp)
    number = 1
    while target.exists():
        number += 1
        target = damaged_backup_path(path, f"{stamp}-{number}")
    wal = path.with_name(path.name + "-wal")
    conn: sqlite3.Connection | None = None
    try:
        try:
            conn = _connect(path)
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as error:
            _raise_unless_damage(error, path)  # damaged beyond locking: copy it as it is
        shutil.copyfile(path, target)
        if wal.is_file() and wal.stat().st_size:
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    except OSError as error:
        raise UserError(
            _("{file}: cannot write ({reason})").format(file=target, reason=error.strerror)
        ) from None
    finally:
        if conn is not None:
            with suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            conn.close()
    return target


def _rebuild_in_place(path: Path) -> list[str]:
    """Rebuild what other data determines; each step may fail on a damaged page."""
    rebuilt = []
    conn = _connect(path)
    try:
        steps: list[tuple[str, list[str]]] = [
            ("indexes", ["REINDEX"]),
            ("foreign_keys", _orphan_deletions(conn)),
            (
                "search_index",
                [
                    f"INSERT INTO {t}({t}) VALUES ('rebuild')"
                    for t in map(_quoted, _safe_fts_tables(conn))
                ],
            ),
            ("links", [f"DELETE FROM {table}" for table in DERIVED_TABLES]),
        ]
        for name, statements in steps:
            if not statements:
                continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                for statement in statements:
                    conn.execute(statement)
                conn.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                with suppress(sqlite3.Error):
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                _raise_unless_damage(error, path)
                continue
            rebuilt.append(name)
    finally:
        conn.close()
    return rebuilt


def _safe_fts_tables(conn: sqlite3.Connection) -> list[str]:
    try:
        return _fts_tables(conn)
    except sqlite3.DatabaseError:
        return []


def _orphan_deletions(conn: sqlite3.Connection) -> list[str]:
    """Rows whose parent is gone (a paragraph without its document): unreachable, so dropped."""
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError:
        return []
    return [f"DELETE FROM {table} WHERE rowid = {int(rowid)}" for table, rowid, *_ in rows]


# Recovering into a fresh library ----------------------------------------------------------


def _recover(path: Path) -> tuple[list[TableRecovery], list[DocumentLoss]]:
    """Copy every readable row into a fresh library, then put it in the damaged file's place."""
    fresh = path.with_name(path.name + ".recovering")
    _remove_database(fresh)
    try:
        Library.open(fresh).close()  # the current schema, by the migrations
        tables, losses = _fill(fresh, path)
    except BaseException:
        _remove_database(fresh)
        raise
    for suffix in ("-wal", "-shm"):  # the damaged file's log would be replayed over the new one
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    fresh.replace(path)
    _remove_database(fresh)  # its -shm, if SQLite left one
    return tables, losses


def _fill(fresh: Path, path: Path) -> tuple[list[TableRecovery], list[DocumentLoss]]:
    """Copy what can be read of `path` into the empty library `fresh`; leave it one file."""
    try:
        source: sqlite3.Connection | None = connect_read_only(path, typed=False, lenient=True)
    except sqlite3.DatabaseError:
        source = None  # not even the schema can be read: the fresh library is all there is
    target = _connect(fresh)
    try:
        target.execute("BEGIN IMMEDIATE")
        tables: list[TableRecovery] = []
        expected: dict[int, int] = {}
        if source is not None:
            expected = _expected_paragraphs(source)
            for table in COPIED_TABLES:
                copied = _copy_table(source, target, table)
                if copied is not None:
                    tables.append(copied)
        losses = _renumber_damaged_documents(target, expected)
        # The bundled term base is stored again (only what is missing changes).
        target.execute("DELETE FROM glossary_state WHERE key = 'bundled_sha256'")
        target.execute("COMMIT")
        target.execute("PRAGMA journal_mode = delete")  # one file, no WAL to leave behind
        if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise LibraryDamaged(
                _(
                    "{path}: the recovered library did not pass its check; nothing was replaced"
                ).format(path=path)
            )
    finally:
        target.close()
        if source is not None:
            source.close()
    return tables, losses


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({_quoted(table)})")]


def _copy_table(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str
) -> TableRecovery | None:
    """Copy the readable rows of `table` (None if the damaged file has no such table)."""
    try:
        theirs = _columns(source, table)
    except sqlite3.DatabaseError:
        theirs = []
    if not theirs:
        return None
    columns = [name for name in _columns(target, table) if name in theirs]
    listed = ", ".join(columns)
    insert = f"INSERT OR IGNORE INTO {table} ({listed}) VALUES ({', '.join('?' * len(columns))})"
    reader = _RowReader(source, table, listed)
    recovered = 0
    for row in reader:
        try:
            if target.execute(insert, row).rowcount:
                recovered += 1
        except sqlite3.DatabaseError:  # a foreign key to a row that was lost, a bad value
            continue
    return TableRecovery(table, recovered, _count(source, table), reader.unreadable)


class _RowReader:
    """The readable rows of a table in rowid order, stepping over what cannot be read.

    A row whose content is damaged is skipped; a page that cannot be read
    is stepped over by seeking ever further past it, then back to the first
    rowid that can be reached.
    """

    def __init__(self, conn: sqlite3.Connection, table: str, columns: str) -> None:
        self.conn = conn
        self.select = f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid"
        self.seek = f"SELECT rowid FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1"
        self.unreadable = 0

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        after = -_LARGEST_ROWID
        while after < _LARGEST_ROWID:
            try:
                for row in self.conn.execute(self.select, [after]):
                    after = row[0]
                    yield tuple(row[1:])
                return
            except sqlite3.DatabaseError:  # reading the row after `after` failed
                self.unreadable += 1
            following = self._seek(after + 1)
            if following is None:  # the page that holds it cannot be read
                following = self._past_damage(after)
                if following is None:
                    return
                after = following - 1
            else:  # its page can be read, its content cannot: skip that row
                after = following

    def _seek(self, rowid: int) -> int | None:
        """The first rowid ≥ `rowid` (`_LARGEST_ROWID` past the end); None if unreadable."""
        try:
            row = self.conn.execute(self.seek, [rowid]).fetchone()
        except sqlite3.DatabaseError:
            return None
        return _LARGEST_ROWID if row is None else int(row[0])

    def _past_damage(self, after: int) -> int | None:
        """The first rowid that can be reached past an unreadable page after `after`."""
        failed, step = after + 1, 1
        while True:
            step *= 2
            reached = min(after + step, _LARGEST_ROWID)
            if self._seek(reached) is not None:
                break
            if reached == _LARGEST_ROWID:
                return None
            failed = reached
        while reached - failed > 1:  # seeking at `failed` fails, at `reached` does not
            middle = (failed + reached) // 2
            if self._seek(middle) is None:
                failed = middle
            else:
                reached = middle
        return self._seek(reached)


def _expected_paragraphs(source: sqlite3.Connection) -> dict[int, int]:
    """Paragraphs per document as the damaged file's index counts them ({} if unreadable)."""
    for sql in (
        "SELECT document_id, count(*) FROM paragraphs INDEXED BY sqlite_autoindex_paragraphs_1"
        " GROUP BY document_id",
        "SELECT document_id, count(*) FROM paragraphs GROUP BY document_id",
    ):
        try:
            return {int(doc): int(count) for doc, count in source.execute(sql)}
        except sqlite3.DatabaseError:
            continue
    return {}


def _renumber_damaged_documents(
    conn: sqlite3.Connection, expected: dict[int, int]
) -> list[DocumentLoss]:
    """Number the paragraphs of documents that lost some 1..n again; position and bookmarks follow.

    Their digest is cleared, so importing the file again (or the bundled
    texts' sync) stores the document whole instead of calling it unchanged.
    """
    losses = []
    documents = conn.execute(
        "SELECT id, slug, title, origin, path FROM documents ORDER BY id"
    ).fetchall()
    for document_id, slug, title, origin, source_path in documents:
        seqs = [
            int(seq)
            for (seq,) in conn.execute(
                "SELECT seq FROM paragraphs WHERE document_id = ? ORDER BY seq", [document_id]
            )
        ]
        count = expected.get(document_id)
        if seqs and seqs == list(range(1, len(seqs) + 1)) and count in (None, len(seqs)):
            continue
        moved = {old: new for new, old in enumerate(seqs, start=1)}
        conn.execute("UPDATE paragraphs SET seq = -seq WHERE document_id = ?", [document_id])
        conn.executemany(
            "UPDATE paragraphs SET seq = ? WHERE document_id = ? AND seq = ?",
            [(new, document_id, -old) for old, new in moved.items()],
        )
        position = conn.execute(
            "SELECT paragraph_seq FROM positions WHERE document_id = ?", [document_id]
        ).fetchone()
        if position is not None:
            earlier = [old for old in moved if old <= position[0]]
            conn.execute(
                "UPDATE positions SET paragraph_seq = ? WHERE document_id = ?",
                [moved[max(earlier)] if earlier else 1, document_id],
            )
        marks = [
            int(seq)
            for (seq,) in conn.execute(
                "SELECT paragraph_seq FROM bookmarks WHERE document_id = ?", [document_id]
            )
        ]
        conn.execute("DELETE FROM bookmarks WHERE document_id = ?", [document_id])
        conn.executemany(
            "INSERT INTO bookmarks (document_id, paragraph_seq, created_at) VALUES (?, ?, ?)",
            [(document_id, moved[old], utc_now()) for old in marks if old in moved],
        )
        conn.execute("UPDATE documents SET sha256 = '' WHERE id = ?", [document_id])
        losses.append(
            DocumentLoss(
                slug=str(slug),
                title=str(title),
                origin=str(origin),
                path=str(source_path) if source_path else None,
                paragraphs=len(seqs),
                expected=count if count is not None else (max(seqs) if seqs else None),
            )
        )
    return losses


def _restore_derived(path: Path, texts_dir: Path | None) -> list[str]:
    """Store again the bundled texts that differ from `texts/`, the term base and the links."""
    from reader.service import ReadingService

    library = Library.open(path)
    try:
        stale = _stale_bundled(library, texts_dir)
        if stale:
            with library.transaction() as db:
                for slug in stale:
                    db.execute("UPDATE documents SET sha256 = '' WHERE slug = ?", [slug])
    finally:
        library.close()
    service = ReadingService.open(path, texts_dir=texts_dir)  # sync: texts, terms, links
    service.close()
    return stale


def _stale_bundled(library: Library, texts_dir: Path | None) -> list[str]:
    """Bundled documents whose paragraphs or reference English differ from `texts/`."""
    from reader.documents import load_source, slug_for
    from reader.importing import from_texts
    from reader.paths import bundled_texts_dir

    folder = texts_dir if texts_dir is not None else bundled_texts_dir()
    if not folder.is_dir():
        return []
    stale = []
    for source in sorted(folder.glob("*.id.md")):
        slug = slug_for(source)
        document = library.document(slug=slug)
        if document is None or document.origin != "bundled":
            continue  # a missing one is imported by the sync anyway
        prepared = from_texts(load_source(source))
        stored = [
            str(row[0])
            for row in library.conn.execute(
                "SELECT text_sha256 FROM paragraphs WHERE document_id = ? ORDER BY seq",
                [document.id],
            )
        ]
        references = len(
            {
                text_hash(ours.text)
                for ours, _theirs in zip(prepared.blocks, prepared.reference or [], strict=False)
                if ours.lang != "en"
            }
        )
        kept = library.conn.execute(
            "SELECT count(*) FROM translations WHERE engine = 'reference' AND model = ?", [slug]
        ).fetchone()[0]
        if stored != [text_hash(block.text) for block in prepared.blocks] or kept < references:
            stale.append(slug)
    return stale


# Backups ----------------------------------------------------------------------------------


def backup(library: Path, target: Path, *, replace: bool = False) -> Path:
    """Copy the library to `target` with SQLite's online backup: consistent while others write.

    Refuses a file that is not a Dwibahasa library, the library itself, a
    folder, and an existing `target` unless `replace`.
    """
    _require_file(library)
    if probe(library) is None:
        raise DatabaseError(_("{path}: no library file here").format(path=library))
    if target.exists() and target.resolve() == library.resolve():
        raise UserError(_("{file}: is the library itself; choose another file").format(file=target))
    check_output(target, replace)
    source = connect_read_only(library)
    try:
        backup_database(source, target, source_path=library)
    finally:
        source.close()
    return target
