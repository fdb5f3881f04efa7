"""The library: one SQLite file holding documents, paragraphs, translations and reading state.

Knows nothing of the UI or the CLI. Each thread gets its own connection
(SQLite connections must not cross threads); writes go through `transaction()`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import DatabaseError
from reader.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = 4
"""Number of migrations in `reader.migrations`; checked by a test."""

# Which English wins when a paragraph has several: a person's review, then the
# bundled reference, then machine output.
STATUS_PRIORITY = ("reviewed", "reference", "machine")


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


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    seq: int
    lang: str
    text: str


class Library:
    """A Dwibahasa library file. Open with `Library.open(path)`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @classmethod
    def open(cls, path: Path) -> Library:
        """Open (creating if needed) and migrate the library at `path`."""
        if path.is_dir():
            raise DatabaseError(
                _("{path}: is a directory; give a file path for the library").format(path=path)
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                _("{path}: cannot create folder ({reason})").format(
                    path=path.parent, reason=error.strerror
                )
            ) from None
        library = cls(path)
        try:
            version = library.schema_version
            if version > SCHEMA_VERSION:
                library.close()
                raise DatabaseError(
                    _(
                        "{path}: made by a newer Dwibahasa (schema {version}); upgrade dwibahasa"
                    ).format(path=path, version=version)
                )
            if version < SCHEMA_VERSION:
                from reader import migrations

                migrations.apply(library.db)
        except sqlite3.DatabaseError as error:
            library.close()
            raise DatabaseError(
                _("{path}: not a usable Dwibahasa library ({reason})").format(
                    path=path, reason=error
                )
            ) from None
        return library

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection, made on first use (reads use it directly)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(str(self.path), timeout=10)
                conn.execute("PRAGMA foreign_keys = ON")
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = wal")
            except sqlite3.Error as error:
                if conn is not None:
                    conn.close()  # not a usable library: do not leave the file open
                raise DatabaseError(
                    _("{path}: cannot open library ({reason})").format(path=self.path, reason=error)
                ) from None
            self._local.conn = conn
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

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing: nested calls become savepoints."""
        with self.db.atomic() as db:
            yield db

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
        paragraphs: Sequence[ParagraphInput],
    ) -> DocumentRecord:
        """Insert or update a document and its paragraphs, in one transaction.

        An update aligns the new paragraphs with the old ones (by text), so
        unchanged paragraphs keep their ids even when others are inserted or
        removed around them; the reading position and bookmarks follow their
        paragraphs, and a bookmark on a paragraph that is gone is dropped.
        Translations are keyed by text, so those of unchanged paragraphs
        (reviewed ones included) stay attached.
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
        self, db: Database, document_id: int, paragraphs: Sequence[ParagraphInput]
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
            }
            old = reused.get(index)
            if old is None:
                fresh.append(values)
            else:
                db.table("paragraphs").update(old["id"], values)
                moved[old["seq"]] = index + 1
        db.execute("DELETE FROM paragraphs WHERE document_id = ? AND seq < 0", [document_id])
        db.table("paragraphs").insert_all(fresh, batch_size=500)
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

    def delete_document(self, document_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", [document_id])

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
                SELECT p.id, p.seq, p.kind, p.level, p.lang, p.text,
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
            SELECT id, seq, kind, level, lang, text, en_text, status, engine, model, flags
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
        with self.transaction() as db:
            db.execute(
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
        with self.transaction() as db:
            removed = db.execute(
                "DELETE FROM bookmarks WHERE document_id = ? AND paragraph_seq = ?",
                [document_id, seq],
            ).rowcount
            if removed:
                return False
            db.execute(
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


def fts_query(query: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word must occur.

    Each word is quoted, so FTS5 syntax characters in the input are literal;
    a trailing `*` keeps its prefix meaning.
    """
    terms = []
    for word in query.replace("\x00", " ").split():  # FTS5 strings end at a NUL
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word.strip(" \"'()[]{}.,;:!?-"):
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)
