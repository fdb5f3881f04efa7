"""The library: one SQLite file holding documents, paragraphs, translations and reading state.

Knows nothing of the UI or the CLI. Each thread gets its own connection
(SQLite connections must not cross threads); writes go through `transaction()`,
which takes the write lock first (`BEGIN IMMEDIATE`) and waits a bounded time for
it. SQLite failures a user can act on (a damaged file, a full disk, a read-only
library, a busy one) become typed `UserError`s in the connection itself
(`LibraryConnection`), and a file that is not a Dwibahasa library is refused
before anything is written to it (`probe`).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, Self

from reader.documents import PARAGRAPHS_GUESSED
from reader.errors import (
    DatabaseError,
    DiskFull,
    LibraryBusy,
    LibraryDamaged,
    LibraryReadOnly,
    NotALibrary,
    UserError,
)
from reader.i18n import _
from reader.paths import BUSY_TIMEOUT_ENV, migration_backup_path

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = 8
"""Number of migrations in `reader.migrations`; checked by a test."""

# Which English wins when a paragraph has several: a person's review, then the
# bundled reference, then machine output.
STATUS_PRIORITY = ("reviewed", "reference", "machine")

DEFAULT_BUSY_TIMEOUT = 30.0
"""Seconds a write waits for another process's write (`DWIBAHASA_BUSY_TIMEOUT` changes it)."""
ATTEMPT_WAIT = 2.0
"""Seconds SQLite's own busy handler waits in one attempt, before a retry."""
FIRST_PAUSE = 0.02
LONGEST_PAUSE = 0.5
"""The pause between attempts doubles from the first to the longest (each ±50%)."""

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite's primary result codes (an exception's `sqlite_errorcode` & 0xFF).
SQLITE_BUSY = 5
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_CANTOPEN = 14
SQLITE_FULL = 13
SQLITE_NOTADB = 26


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    slug: str
    title: str
    authors: list[str]
    source: str | None
    year: int | None
    lang: str
    sha256: str
    origin: str
    path: str | None
    meta: dict[str, Any]
    version: int = 1
    """Raised each time the document's content is updated."""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DocumentRecord:
        return cls(
            id=row["id"],
            slug=row["slug"],
            title=row["title"],
            authors=json.loads(row["authors"]),
            source=row["source"],
            year=row["year"],
            lang=row["lang"],
            sha256=row["sha256"],
            origin=row["origin"],
            path=row["path"],
            meta=json.loads(row["meta"]),
            version=row.get("version", 1),
        )

    @property
    def paragraphs_guessed(self) -> bool:
        """Its file kept no line breaks: its paragraph breaks are the importer's guesses."""
        return bool(self.meta.get(PARAGRAPHS_GUESSED))


@dataclass(frozen=True)
class DocumentSummary:
    """What the library screen and `list` show of a document."""

    document: DocumentRecord
    paragraphs: int
    with_english: int
    position: int | None


@dataclass(frozen=True)
class ParagraphInput:
    """A paragraph to store: what a parser or importer produces."""

    kind: str
    text: str
    lang: str
    level: int = 0


class ParagraphLike(Protocol):
    """What `Library.save_document` reads of a paragraph (`ParagraphInput`, a document block)."""

    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def level(self) -> int: ...


PARAGRAPH_BATCH = 500
"""Paragraph rows written at a time: a long document is never held as rows all at once."""


@dataclass(frozen=True)
class BilingualRow:
    """One paragraph with the best English the library has for it."""

    paragraph_id: int
    seq: int
    kind: str
    level: int
    lang: str
    text: str
    english: str | None
    english_status: str | None
    """'original' (already English), 'reviewed', 'reference', 'machine' or None."""
    english_engine: str | None
    english_model: str | None
    english_flags: list[str] = field(default_factory=list)
    """Checks the English failed, e.g. numbers missing from a machine translation."""
    page: int | None = None
    """The page of a paged source (PDF) the paragraph starts on; None if unknown."""


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    seq: int
    lang: str
    text: str


# The connection -------------------------------------------------------------------------


def default_busy_timeout() -> float:
    """`$DWIBAHASA_BUSY_TIMEOUT` (seconds), else 30."""
    try:
        value = float(os.environ.get(BUSY_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return value if value >= 0 else DEFAULT_BUSY_TIMEOUT


def translate_error(error: sqlite3.Error, path: Path | None) -> UserError | None:
    """The typed error a user can act on for an SQLite failure, or None to let it through.

    The one place SQLite's codes become words: a damaged file, a full disk, a
    read-only library, a write lock held too long, an I/O failure.
    """
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    reason = str(error)
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return LibraryDamaged(
            _(
                "{path}: the library file is damaged ({reason});"
                " run 'dwibahasa doctor' to check and repair it"
            ).format(path=path, reason=reason)
        )
    if primary == SQLITE_FULL:
        return DiskFull(
            _(
                "{path}: the disk is full; the last change was not saved;"
                " free some space and try again"
            ).format(path=path)
        )
    if primary == SQLITE_READONLY:
        return LibraryReadOnly(
            _(
                "{path}: the library is read-only (no permission to write to it"
                " or its folder); nothing was changed"
            ).format(path=path)
        )
    if primary == SQLITE_BUSY:
        return LibraryBusy(_("the library is busy: another dwibahasa is writing to it; try again"))
    if primary == SQLITE_IOERR:
        return DatabaseError(
            _("{path}: cannot read or write the library ({reason})").format(
                path=path, reason=reason
            )
        )
    return None


def _raise_translated(error: sqlite3.Error, connection: sqlite3.Connection) -> None:
    """Raise the typed error for `error`, if it has one (the caller re-raises the rest)."""
    typed = translate_error(error, getattr(connection, "library_path", None))
    if typed is not None:
        raise typed from error


class LibraryCursor(sqlite3.Cursor):
    """A cursor whose statements and fetches raise typed errors (see `translate_error`)."""

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as error:
            _raise_translated(error, self.connection)
            raise

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Self:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as error:
            _raise_translated(error, self.connection)
            raise

    def executescript(self, sql_script: str, /) -> Self:
        try:
            super().executescript(sql_script)
            return self
        except sqlite3.Error as error:
            _raise_translated(error, self.connection)
            raise

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as error:
            _raise_translated(error, self.connection)
            raise

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as error:
            _raise_translated(error, self.connection)
            raise

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as error:
            _raise_translated(error, self.connection)
            raise

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as error:
            _raise_translated(error, self.connection)
            raise


class LibraryConnection(sqlite3.Connection):
    """The library's connection: every statement runs on a `LibraryCursor`.

    So a damaged page met by `list`, a full disk met by an import or a lock
    held too long is one typed error wherever it happens, with no
    try/except around each query.
    """

    library_path: Path | None = None

    def execute(self, sql: str, parameters: Any = (), /) -> LibraryCursor:
        return self.cursor(LibraryCursor).execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> LibraryCursor:
        return self.cursor(LibraryCursor).executemany(sql, parameters)

    def executescript(self, sql_script: str, /) -> LibraryCursor:
        return self.cursor(LibraryCursor).executescript(sql_script)


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, keeping the error that made us (not a second one)."""
    if conn.in_transaction:
        with suppress(sqlite3.Error, UserError):
            conn.execute("ROLLBACK")


def is_writable(path: Path) -> bool:
    """Whether this user may write the library file and its folder (where the WAL goes)."""
    folder = path.parent
    if path.exists():
        return os.access(path, os.W_OK) and os.access(folder, os.W_OK)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # open() makes the missing folders: can it?
    return not folder.is_dir() or os.access(folder, os.W_OK)


def connect_read_only(
    path: Path, *, typed: bool = True, lenient: bool = False
) -> sqlite3.Connection:
    """A connection that cannot write to the file (`mode=ro`); a `LibraryConnection` if `typed`.

    When no process has the library open (no -shm file) and this user may
    not write it, it is read as an unchanging file (`immutable=1`): the
    -shm and -wal files SQLite would make would belong to this user, and
    the library's owner could no longer write it. So, too, when a WAL
    library lies in a folder this user cannot write (no -shm can be made).
    Untyped (SQLite's own errors) and `lenient`, for `doctor`: a file
    shorter than its header says (cut off) is read as far as it goes
    (`writable_schema`), instead of refused whole.
    """
    uri = path.absolute().as_uri()
    factory = LibraryConnection if typed else sqlite3.Connection
    queries = ["?mode=ro", "?mode=ro&immutable=1"]
    if not path.with_name(path.name + "-shm").exists() and not is_writable(path):
        queries = queries[1:]
    for query in queries:
        conn = sqlite3.connect(uri + query, uri=True, factory=factory)
        if isinstance(conn, LibraryConnection):
            conn.library_path = path
        try:
            if lenient:
                sqlite3.Connection.execute(conn, "PRAGMA writable_schema = ON")
            sqlite3.Connection.execute(conn, "SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as error:
            conn.close()
            code = getattr(error, "sqlite_errorcode", 0) & 0xFF
            if "immutable" in query or code not in (SQLITE_READONLY, SQLITE_CANTOPEN):
                if not typed:
                    raise
                _raise_translated(error, conn)
                raise DatabaseError(
                    _("{path}: cannot open library ({reason})").format(path=path, reason=error)
                ) from None
            continue
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    raise AssertionError("unreachable")  # pragma: no cover


def _newer(path: Path, version: int) -> DatabaseError:
    return DatabaseError(
        _("{path}: made by a newer Dwibahasa (schema {version}); upgrade dwibahasa").format(
            path=path, version=version
        )
    )


def probe(path: Path) -> int | None:
    """What is at `path`, read without writing to it: the schema version of the library there.

    None when there is nothing yet (no file, an empty file or an empty
    database): a new library may be made there. Raises `NotALibrary` for a
    file that is not SQLite or is another program's database,
    `LibraryDamaged` when it cannot be read, `DatabaseError` for a library
    of a newer Dwibahasa.
    """
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DatabaseError(
            _("{path}: cannot open library ({reason})").format(path=path, reason=error.strerror)
        ) from None
    if not header:
        return None
    if header != SQLITE_HEADER:  # SQLite's words for it, as when SQLite itself refused it
        raise NotALibrary(
            _("{path}: cannot open library ({reason})").format(
                path=path, reason="file is not a database"
            )
        )
    conn = connect_read_only(path)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            str(row[0])
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        ours = (
            "_sqlite_migrations" in tables
            and conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'dwibahasa' LIMIT 1"
            ).fetchone()
            is not None
        )
    finally:
        conn.close()
    if ours or not tables:
        if version > SCHEMA_VERSION:
            raise _newer(path, version)
        if ours:
            return version
        if version == 0:
            return None
    raise another_programs_database(path)


def another_programs_database(path: Path) -> NotALibrary:
    """The refusal of an SQLite file that is not a Dwibahasa library."""
    message = _(
        "{path}: not a usable Dwibahasa library (a database of another program); left as it is"
    )
    return NotALibrary(message.format(path=path))


def backup_database(source: sqlite3.Connection, target: Path, *, source_path: Path) -> None:
    """Copy the database `source` is connected to into `target`, in one consistent step.

    Written to a temporary file beside `target`, then renamed over it: no
    half-made backup is ever left. The copy is one self-contained file
    (rollback journal, not WAL).
    """
    import tempfile

    folder = target.parent if str(target.parent) else Path()
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(handle)
        temporary = Path(name)
        destination = sqlite3.connect(temporary, isolation_level=None)
        try:
            try:
                source.backup(destination)
            except sqlite3.Error as error:
                code = getattr(error, "sqlite_errorcode", 0) & 0xFF
                typed = translate_error(error, target if code == SQLITE_FULL else source_path)
                if typed is not None:
                    raise typed from error
                raise
            destination.execute("PRAGMA journal_mode = delete")
        finally:
            destination.close()
        temporary.replace(target)
        temporary = None
    except OSError as error:
        raise UserError(
            _("{file}: cannot write ({reason})").format(file=target, reason=error.strerror)
        ) from None
    except sqlite3.Error as error:
        _fail_writing(error, target)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _fail_writing(error: sqlite3.Error, target: Path) -> NoReturn:
    typed = translate_error(error, target)
    if typed is not None:
        raise typed from error
    raise UserError(
        _("{file}: cannot write ({reason})").format(file=target, reason=error)
    ) from None


class Library:
    """A Dwibahasa library file. Open with `Library.open(path)`."""

    def __init__(
        self, path: Path, *, read_only: bool = False, busy_timeout: float | None = None
    ) -> None:
        self.path = path
        self.read_only = read_only
        """Opened without write permission: reads work, every transaction is refused."""
        self.busy_timeout = busy_timeout if busy_timeout is not None else default_busy_timeout()
        """How long, in seconds, a write waits for another process's write to finish."""
        self._local = threading.local()

    @classmethod
    def open(
        cls, path: Path, *, read_only: bool | None = None, busy_timeout: float | None = None
    ) -> Library:
        """Open (creating if needed) and migrate the library at `path`.

        What is at `path` is read first, without writing: a file that is not
        a Dwibahasa library (not SQLite, or another program's database) is
        refused unchanged. A library this user cannot write (`read_only`
        None: found out from the permissions of the file and its folder) is
        opened read-only. A migration first copies the library to
        `<library>.before-v<N>.bak` beside it.
        """
        if path.is_dir():
            raise DatabaseError(
                _("{path}: is a directory; give a file path for the library").format(path=path)
            )
        if read_only is None:
            read_only = not is_writable(path)
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(
                    _("{path}: cannot create folder ({reason})").format(
                        path=path.parent, reason=error.strerror
                    )
                ) from None
        version = probe(path)
        library = cls(path, read_only=read_only, busy_timeout=busy_timeout)
        try:
            if read_only:
                if version is None:
                    raise LibraryReadOnly(
                        _("{path}: cannot create the library: its folder is read-only").format(
                            path=path
                        )
                    )
                if version < SCHEMA_VERSION:
                    raise LibraryReadOnly(
                        _(
                            "{path}: the library needs an upgrade but is read-only;"
                            " open it once with permission to write"
                        ).format(path=path)
                    )
                library.conn  # noqa: B018 - open now, so that a problem shows here
            elif version is None or version < SCHEMA_VERSION:
                library._migrate()
            else:
                library.conn  # noqa: B018
        except sqlite3.DatabaseError as error:  # what the typed errors do not cover
            library.close()
            raise DatabaseError(
                _("{path}: not a usable Dwibahasa library ({reason})").format(
                    path=path, reason=error
                )
            ) from None
        except BaseException:
            library.close()
            raise
        return library

    def _migrate(self) -> None:
        """Bring the schema up to date under the write lock, after a backup of the old file."""
        with self.transaction():
            version = self.schema_version  # again: another process may have just done it
            if version > SCHEMA_VERSION:
                raise _newer(self.path, version)
            if version == SCHEMA_VERSION:
                return
            tables = self.conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            if tables:
                self.backup_before_migration()
            from reader import migrations

            migrations.apply(self.db)

    def backup_before_migration(self) -> Path:
        """Copy the library as it is to `<library>.before-v<N>.bak` (kept if already there)."""
        target = migration_backup_path(self.path, SCHEMA_VERSION)
        if not target.exists():  # an earlier attempt at this same upgrade made it
            self.backup(target)
        return target

    def backup(self, target: Path) -> None:
        """A consistent copy of the library's last committed state, written atomically.

        SQLite's online backup, in one step: other processes may go on
        writing meanwhile.
        """
        source = connect_read_only(self.path)
        try:
            backup_database(source, target, source_path=self.path)
        finally:
            source.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection, made on first use (reads use it directly).

        A `LibraryConnection`: SQLite failures a user can act on (a damaged
        file, a full disk, a read-only file, a lock held too long) arrive as
        typed `UserError`s wherever a statement runs.
        """
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            return connect_read_only(self.path)
        conn: LibraryConnection | None = None
        try:
            conn = sqlite3.connect(
                str(self.path),
                timeout=min(self.busy_timeout, ATTEMPT_WAIT),
                isolation_level=None,  # no implicit deferred BEGIN: transaction() takes the lock
                factory=LibraryConnection,
            )
            conn.library_path = self.path
            conn.execute("PRAGMA foreign_keys = ON")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                wal = conn
                self._retry_busy(lambda: wal.execute("PRAGMA journal_mode = wal").fetchone())
        except sqlite3.Error as error:
            if conn is not None:
                conn.close()  # not a usable library: do not leave the file open
            raise DatabaseError(
                _("{path}: cannot open library ({reason})").format(path=self.path, reason=error)
            ) from None
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        return conn

    @property
    def db(self) -> Database:
        """This thread's sqlite-utils view of `conn`, for writes and migrations.

        Made lazily so that opening the reader on an up-to-date library does
        not pay for importing sqlite-utils.
        """
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            from sqlite_utils import Database

            db = Database(self.conn)
            self._local.db = db
        return db

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local.conn = None
        self._local.db = None

    def read_only_notice(self) -> str | None:
        """The line a front end shows when the library opened read-only (None otherwise)."""
        if not self.read_only:
            return None
        return _(
            "{path}: opened read-only (no permission to write); changes cannot be saved"
        ).format(path=self.path)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing, through sqlite-utils: nested calls become savepoints.

        The outermost call takes the write lock first (`BEGIN IMMEDIATE`), so
        what the body reads cannot change before it writes: another
        process's commit can no longer make it fail half way. Waiting for
        the lock is bounded by `busy_timeout` (SQLite's busy handler, then
        retries with growing, jittered pauses); then `LibraryBusy`. Only the
        BEGIN is retried: the body runs once.
        """
        with self._immediate():
            yield self.db

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """`transaction()` on the plain connection: the reader's small writes (position,
        bookmarks) need no sqlite-utils, whose import costs more than the write."""
        with self._immediate():
            yield self.conn

    @contextmanager
    def _immediate(self) -> Iterator[None]:
        """The write lock first, then all or nothing; a savepoint when already inside one."""
        conn = self.conn
        if conn.in_transaction:
            name = f"dwibahasa_{uuid.uuid4().hex}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
            return
        if self.read_only:
            raise LibraryReadOnly(
                _(
                    "{path}: the library is read-only (no permission to write to it"
                    " or its folder); nothing was changed"
                ).format(path=self.path)
            )
        self._retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
        try:
            yield
        except BaseException:
            _rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    def _retry_busy(self, action: Callable[[], object]) -> None:
        """Run `action` until it gets the lock it waits for, at most `busy_timeout` seconds."""
        deadline = time.monotonic() + self.busy_timeout
        pause = FIRST_PAUSE
        while True:
            try:
                action()
                return
            except LibraryBusy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise
                time.sleep(min(remaining, pause * random.uniform(0.5, 1.5)))
                pause = min(pause * 2, LONGEST_PAUSE)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # Documents -----------------------------------------------------------

    def document(self, *, slug: str | None = None, id: int | None = None) -> DocumentRecord | None:
        column, value = ("slug", slug) if slug is not None else ("id", id)
        rows = self._dicts(f"SELECT * FROM documents WHERE {column} = ?", [value])
        return DocumentRecord.from_row(rows[0]) if rows else None

    def _dicts(self, sql: str, parameters: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, parameters)
        columns = [description[0] for description in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def document_with_sha256(self, sha256: str) -> DocumentRecord | None:
        """The document whose source content has this digest, if any."""
        rows = self._dicts("SELECT * FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1", [sha256])
        return DocumentRecord.from_row(rows[0]) if rows else None

    def documents_at_path(self, path: str) -> list[DocumentRecord]:
        return [
            DocumentRecord.from_row(row)
            for row in self._dicts("SELECT * FROM documents WHERE path = ? ORDER BY id", [path])
        ]

    def summaries(self) -> list[DocumentSummary]:
        sql = """
            SELECT d.*,
                   (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS n_paragraphs,
                   (SELECT count(*) FROM paragraphs p
                     WHERE p.document_id = d.id
                       AND (p.lang = 'en' OR EXISTS (
                            SELECT 1 FROM translations t WHERE t.text_sha256 = p.text_sha256)))
                     AS n_english,
                   pos.paragraph_seq AS position
              FROM documents d LEFT JOIN positions pos ON pos.document_id = d.id
             ORDER BY d.origin = 'imported', d.title COLLATE NOCASE
        """
        return [
            DocumentSummary(
                document=DocumentRecord.from_row(row),
                paragraphs=row["n_paragraphs"],
                with_english=row["n_english"],
                position=row["position"],
            )
            for row in self._dicts(sql)
        ]

    def save_document(
        self,
        *,
        slug: str,
        title: str,
        authors: Sequence[str],
        source: str | None,
        year: int | None,
        lang: str,
        sha256: str,
        origin: str,
        path: str | None,
        meta: dict[str, Any],
        paragraphs: Collection[ParagraphLike],
    ) -> DocumentRecord:
        """Insert or update a document and its paragraphs, in one transaction.

        An update aligns the new paragraphs with the old ones (by text), so
        unchanged paragraphs keep their ids even when others are inserted or
        removed around them; the reading position and bookmarks follow their
        paragraphs, and a bookmark on a paragraph that is gone is dropped.
        Translations are keyed by text, so those of unchanged paragraphs
        (reviewed ones included) stay attached. `paragraphs` is read twice (their
        hashes, then the rows) and written in batches: it may be a file-backed
        collection too long to hold in memory.
        """
        now = utc_now()
        record = {
            "slug": slug,
            "title": title,
            "authors": json.dumps(list(authors), ensure_ascii=False),
            "source": source,
            "year": year,
            "lang": lang,
            "sha256": sha256,
            "origin": origin,
            "path": path,
            "updated_at": now,
            "meta": json.dumps(meta, ensure_ascii=False, default=str),
        }
        with self.transaction() as db:
            existing = self.document(slug=slug)
            if existing is None:
                inserted = db.table("documents").insert({**record, "imported_at": now})
                document_id = int(inserted.last_pk or 0)
            else:
                document_id = existing.id
                db.table("documents").update(
                    document_id, {**record, "version": existing.version + 1}
                )
            moved = self._replace_paragraphs(db, document_id, paragraphs)
            self._follow_paragraphs(db, document_id, moved, len(paragraphs))
        saved = self.document(id=document_id)
        assert saved is not None
        return saved

    def _replace_paragraphs(
        self, db: Database, document_id: int, paragraphs: Collection[ParagraphLike]
    ) -> dict[int, int]:
        """Write `paragraphs` over the document's; return old seq → new seq of the rows kept."""
        old_rows = self._dicts(
            "SELECT id, seq, text_sha256 FROM paragraphs WHERE document_id = ? ORDER BY seq",
            [document_id],
        )
        new_hashes = [text_hash(paragraph.text) for paragraph in paragraphs]
        matcher = SequenceMatcher(
            None, [row["text_sha256"] for row in old_rows], new_hashes, autojunk=False
        )
        reused: dict[int, dict[str, Any]] = {}
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("equal", "replace"):  # a replaced paragraph keeps its row: it was edited
                for k in range(min(i2 - i1, j2 - j1)):
                    reused[j1 + k] = old_rows[i1 + k]
        db.execute("UPDATE paragraphs SET seq = -seq WHERE document_id = ?", [document_id])
        moved: dict[int, int] = {}
        fresh: list[dict[str, Any]] = []
        for index, paragraph in enumerate(paragraphs):
            values = {
                "document_id": document_id,
                "seq": index + 1,
                "kind": paragraph.kind,
                "level": paragraph.level,
                "lang": paragraph.lang,
                "text": paragraph.text,
                "text_sha256": new_hashes[index],
                "page": getattr(paragraph, "page", None),  # a `PagedBlock` of a PDF
            }
            old = reused.get(index)
            if old is None:
                fresh.append(values)
                if len(fresh) >= PARAGRAPH_BATCH:
                    db.table("paragraphs").insert_all(fresh, batch_size=PARAGRAPH_BATCH)
                    fresh = []
            else:
                db.table("paragraphs").update(old["id"], values)
                moved[old["seq"]] = index + 1
        db.execute("DELETE FROM paragraphs WHERE document_id = ? AND seq < 0", [document_id])
        db.table("paragraphs").insert_all(fresh, batch_size=PARAGRAPH_BATCH)
        return moved

    def _follow_paragraphs(
        self, db: Database, document_id: int, moved: dict[int, int], count: int
    ) -> None:
        """Move the reading position and bookmarks with their paragraphs."""
        position = self.position(document_id)
        if position is not None:
            earlier = [old for old in moved if old <= position]
            new_position = moved[max(earlier)] if earlier else 1
            db.execute(
                "UPDATE positions SET paragraph_seq = ? WHERE document_id = ?",
                [min(max(new_position, 1), max(count, 1)), document_id],
            )
        marks = self.bookmarks(document_id)
        db.execute("DELETE FROM bookmarks WHERE document_id = ?", [document_id])
        for old in marks:
            if old in moved:
                db.execute(
                    "INSERT INTO bookmarks (document_id, paragraph_seq, created_at)"
                    " VALUES (?, ?, ?)",
                    [document_id, moved[old], utc_now()],
                )

    def delete_document(self, document_id: int, *, drop_translations: bool = False) -> int:
        """Delete a document, its paragraphs, position, bookmarks and links; one transaction.

        Translations are keyed by source text, so they stay for reuse (a re-import, another
        document with the same paragraph) unless `drop_translations`: then those of its
        paragraphs that no other document shares go too. Returns how many went.
        """
        with self.transaction() as db:
            dropped = 0
            if drop_translations:
                dropped = db.execute(
                    """
                    DELETE FROM translations
                     WHERE text_sha256 IN (SELECT text_sha256 FROM paragraphs
                                            WHERE document_id = :doc)
                       AND text_sha256 NOT IN (SELECT text_sha256 FROM paragraphs
                                                WHERE document_id != :doc)
                    """,
                    {"doc": document_id},
                ).rowcount
            db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        return max(dropped, 0)

    def reviewed_translation_count(self, document_id: int) -> int:
        """Reviewed English for this document's paragraphs (distinct source texts)."""
        row = self.conn.execute(
            "SELECT count(DISTINCT t.text_sha256) FROM translations t"
            " WHERE t.status = 'reviewed' AND t.text_sha256 IN"
            " (SELECT text_sha256 FROM paragraphs WHERE document_id = ?)",
            [document_id],
        ).fetchone()
        return int(row[0])

    def rename_document(self, document_id: int, *, title: str, slug: str) -> None:
        """A new title and slug; the document's own reference English follows its slug."""
        with self.transaction() as db:
            old = self.document(id=document_id)
            if old is None:
                return
            db.execute(
                "UPDATE documents SET title = ?, slug = ?, updated_at = ? WHERE id = ?",
                [title, slug, utc_now(), document_id],
            )
            if slug != old.slug:
                db.execute(
                    "UPDATE OR REPLACE translations SET model = ?"
                    " WHERE engine = 'reference' AND model = ?",
                    [slug, old.slug],
                )

    # Paragraphs and translations ------------------------------------------

    def paragraph_count(self, document_id: int) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM paragraphs WHERE document_id = ?", [document_id]
        ).fetchone()
        return int(row[0])

    def put_translation(
        self,
        source_text: str,
        text: str,
        *,
        engine: str,
        model: str = "",
        status: str,
        flags: Sequence[str] = (),
    ) -> None:
        """Store an English rendering of `source_text`; one per (source, engine, model)."""
        now = utc_now()
        flags_json = json.dumps(list(flags), ensure_ascii=False)
        with self.transaction() as db:
            db.execute(
                """
                INSERT INTO translations (text_sha256, engine, model, text, status, flags,
                                          created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (text_sha256, engine, model) DO UPDATE SET
                    text = excluded.text, status = excluded.status, flags = excluded.flags,
                    updated_at = excluded.updated_at
                WHERE translations.text != excluded.text OR translations.status != excluded.status
                   OR translations.flags != excluded.flags
                """,
                [text_hash(source_text), engine, model, text, status, flags_json, now, now],
            )

    def reference_translation(self, source_text: str) -> str | None:
        """A person's English for this exact source text (reference or reviewed), if any."""
        row = self.conn.execute(
            "SELECT text FROM translations WHERE text_sha256 = ? AND status IN"
            " ('reviewed', 'reference') ORDER BY status = 'reviewed' DESC, updated_at DESC",
            [text_hash(source_text)],
        ).fetchone()
        return str(row[0]) if row else None

    def texts_needing_english(
        self, document_id: int, *, engine: str, model: str, force: bool = False
    ) -> list[str]:
        """Distinct source texts of a document that have no English a better source gave.

        Paragraphs with reviewed or reference English are never sent to a machine;
        with `force`, machine output from this engine is redone, otherwise it is a
        cache hit.
        """
        rows = self.conn.execute(
            """
            SELECT p.text, min(p.seq) FROM paragraphs p
             WHERE p.document_id = ? AND p.lang != 'en'
               AND NOT EXISTS (
                   SELECT 1 FROM translations t
                    WHERE t.text_sha256 = p.text_sha256
                      AND (t.status IN ('reviewed', 'reference')
                           OR (? = 0 AND t.engine = ? AND t.model = ?)))
             GROUP BY p.text_sha256 ORDER BY min(p.seq)
            """,
            [document_id, int(force), engine, model],
        ).fetchall()
        return [str(row[0]) for row in rows]

    def bilingual_rows(
        self, document_id: int, start: int | None = None, end: int | None = None
    ) -> list[BilingualRow]:
        """Paragraphs `start..end` (1-based, inclusive) with their best English."""
        order = " ".join(
            f"WHEN '{status}' THEN {rank}" for rank, status in enumerate(STATUS_PRIORITY)
        )
        sql = f"""
            WITH candidates AS (
                SELECT p.id, p.seq, p.kind, p.level, p.lang, p.text, p.page,
                       t.text AS en_text, t.status, t.engine, t.model, t.flags,
                       row_number() OVER (
                           PARTITION BY p.id
                           ORDER BY CASE t.status {order} END,
                                    t.model = (SELECT slug FROM documents WHERE id = :doc) DESC,
                                    t.updated_at DESC
                       ) AS rank
                  FROM paragraphs p
                  LEFT JOIN translations t
                         ON p.lang != 'en' AND t.text_sha256 = p.text_sha256
                 WHERE p.document_id = :doc AND p.seq BETWEEN :start AND :end
            )
            SELECT id, seq, kind, level, lang, text, en_text, status, engine, model, flags,
                   page
              FROM candidates WHERE rank = 1 ORDER BY seq
        """
        parameters = {"doc": document_id, "start": start or 1, "end": end or 2**62}
        rows = self.conn.execute(sql, parameters).fetchall()
        result = []
        for (
            pid,
            seq,
            kind,
            level,
            lang,
            text,
            en_text,
            en_status,
            en_engine,
            en_model,
            flags,
            page,
        ) in rows:
            if lang == "en":
                en_text, en_status, flags = text, "original", None
            result.append(
                BilingualRow(
                    paragraph_id=pid,
                    seq=seq,
                    kind=kind,
                    level=level,
                    lang=lang,
                    text=text,
                    english=en_text,
                    english_status=en_status,
                    english_engine=en_engine,
                    english_model=en_model,
                    english_flags=json.loads(flags) if flags else [],
                    page=page,
                )
            )
        return result

    # Reading state ---------------------------------------------------------

    def position(self, document_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT paragraph_seq FROM positions WHERE document_id = ?", [document_id]
        ).fetchone()
        return int(row[0]) if row else None

    def set_position(self, document_id: int, seq: int) -> None:
        with self.writing() as conn:
            conn.execute(
                """
                INSERT INTO positions (document_id, paragraph_seq, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (document_id) DO UPDATE SET
                    paragraph_seq = excluded.paragraph_seq, updated_at = excluded.updated_at
                """,
                [document_id, seq, utc_now()],
            )

    def bookmarks(self, document_id: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT paragraph_seq FROM bookmarks WHERE document_id = ? ORDER BY paragraph_seq",
            [document_id],
        ).fetchall()
        return [int(row[0]) for row in rows]

    def toggle_bookmark(self, document_id: int, seq: int) -> bool:
        """Add the bookmark, or remove it if present; return whether it is now set."""
        with self.writing() as conn:
            removed = conn.execute(
                "DELETE FROM bookmarks WHERE document_id = ? AND paragraph_seq = ?",
                [document_id, seq],
            ).rowcount
            if removed:
                return False
            conn.execute(
                "INSERT INTO bookmarks (document_id, paragraph_seq, created_at) VALUES (?, ?, ?)",
                [document_id, seq, utc_now()],
            )
            return True

    # Search ----------------------------------------------------------------

    def search(self, query: str, *, lang: str | None = None, limit: int = 50) -> list[SearchHit]:
        """Full-text search over Indonesian paragraphs and their English, best first."""
        match = fts_query(query)
        if not match:
            return []
        indonesian = """
            SELECT d.slug, d.title, p.seq, 'id' AS lang, p.text, paragraphs_fts.rank AS rank
              FROM paragraphs_fts
              JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid
              JOIN documents d ON d.id = p.document_id
             WHERE paragraphs_fts MATCH :q AND p.lang != 'en'
        """
        english = """
            SELECT d.slug, d.title, p.seq, 'en' AS lang, p.text, paragraphs_fts.rank AS rank
              FROM paragraphs_fts
              JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid
              JOIN documents d ON d.id = p.document_id
             WHERE paragraphs_fts MATCH :q AND p.lang = 'en'
            UNION ALL
            SELECT DISTINCT d.slug, d.title, p.seq, 'en' AS lang, t.text, translations_fts.rank
              FROM translations_fts
              JOIN translations t ON t.rowid = translations_fts.rowid
              JOIN paragraphs p ON p.text_sha256 = t.text_sha256 AND p.lang != 'en'
              JOIN documents d ON d.id = p.document_id
             WHERE translations_fts MATCH :q
        """
        parts = {"id": [indonesian], "en": [english], None: [indonesian, english]}[lang]
        sql = (
            "SELECT slug, title, seq, lang, text, min(rank) AS rank FROM ("
            + " UNION ALL ".join(parts)
            + ") GROUP BY slug, seq, lang ORDER BY rank, slug, seq LIMIT :limit"
        )
        rows = self.conn.execute(sql, {"q": match, "limit": limit}).fetchall()
        return [
            SearchHit(slug=slug, title=title, seq=seq, lang=hit_lang, text=text)
            for slug, title, seq, hit_lang, text, _rank in rows
        ]


QUERY_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
"""A quoted phrase (an unclosed quote runs to the end) or a bare word."""
QUERY_PUNCTUATION = " \"'()[]{}.,;:!?-"


@dataclass(frozen=True)
class QueryTerm:
    """One thing a search looks for: a word, or the words of a quoted phrase in order."""

    words: tuple[str, ...]
    prefix: bool = False
    """The last word may go on (typed with a trailing `*`)."""

    def pattern(self) -> str:
        """A regular expression for this term in displayed text (case-insensitive use).

        Words are whole words (a prefix may continue); in a phrase, anything that is
        not a word may stand between them (spaces, a line break, a hyphen).
        """
        body = r"\W+".join(re.escape(word) for word in self.words)
        return r"(?<!\w)" + body + (r"\w*" if self.prefix else r"(?!\w)")


def query_terms(query: str) -> list[QueryTerm]:
    """What a person types, as terms: `"aliansi strategis"` a phrase, `diplomasi*` a prefix.

    Every term must occur; FTS5 syntax in the input (AND, OR, NEAR, parentheses) is
    literal. Terms with nothing but punctuation are dropped.
    """
    terms = []
    for match in QUERY_TOKEN.finditer(query.replace("\x00", " ")):  # FTS5 strings end at a NUL
        phrase, word = match.groups()
        text = phrase if phrase is not None else word
        prefix = text.rstrip().endswith("*")
        words = tuple(w for w in text.strip().rstrip("*").split() if w.strip(QUERY_PUNCTUATION))
        if words:
            terms.append(QueryTerm(words, prefix))
    return terms


def fts_query(query: str) -> str:
    """Turn what a person types into a safe FTS5 query: every term must occur.

    Each word or phrase is quoted, so FTS5 syntax characters in the input are
    literal; a phrase in quotes stays a phrase; a trailing `*` keeps its prefix
    meaning.
    """
    quoted = (
        '"' + " ".join(term.words).replace('"', '""') + '"' + ("*" if term.prefix else "")
        for term in query_terms(query)
    )
    return " ".join(quoted)
