"""Forward-only schema migrations, applied all together under the library's write lock.

`Library.open` runs `apply` inside one `BEGIN IMMEDIATE` transaction (each
migration a savepoint of it), after copying the old file to
`<library>.before-v<N>.bak`: processes opening an old library at the same
time migrate it once, and a failed upgrade leaves the file as it was.

Applied migrations are recorded by sqlite-utils in `_sqlite_migrations`, and
`PRAGMA user_version` mirrors their count so a newer library file is refused
by an older program instead of being misread.
"""

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("dwibahasa")
KNOWN: list[str] = []
"""The names of the migrations this program has, in order (sqlite-utils keeps its list private)."""


def migration(function: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a migration with sqlite-utils and in `KNOWN`."""
    KNOWN.append(function.__name__)
    migrations()(function)
    return function


FTS_TOKENIZER = "unicode61 remove_diacritics 2"


@migration
def m001_initial_schema(db: Database) -> None:
    """Documents, paragraphs, translations keyed by source hash, positions, bookmarks, FTS."""
    statements = [
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            authors TEXT NOT NULL DEFAULT '[]',
            source TEXT,
            year INTEGER,
            lang TEXT NOT NULL DEFAULT 'id',
            sha256 TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('bundled', 'imported')),
            path TEXT,
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}'
        )
        """,
        """
        CREATE TABLE paragraphs (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL
                CHECK (kind IN ('heading', 'paragraph', 'caption', 'reference')),
            level INTEGER NOT NULL DEFAULT 0,
            lang TEXT NOT NULL,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            UNIQUE (document_id, seq)
        )
        """,
        "CREATE INDEX paragraphs_text_sha256 ON paragraphs(text_sha256)",
        """
        CREATE TABLE translations (
            id INTEGER PRIMARY KEY,
            text_sha256 TEXT NOT NULL,
            engine TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('machine', 'reference', 'reviewed')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (text_sha256, engine, model)
        )
        """,
        """
        CREATE TABLE positions (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            paragraph_seq INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE bookmarks (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            paragraph_seq INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (document_id, paragraph_seq)
        )
        """,
    ]
    for statement in statements:
        db.execute(statement)
    db.table("paragraphs").enable_fts(["text"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db.table("translations").enable_fts(["text"], create_triggers=True, tokenize=FTS_TOKENIZER)


@migration
def m002_document_versions(db: Database) -> None:
    """Count the versions of a document: re-importing a changed file makes a new one."""
    db.execute("ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


@migration
def m003_translation_flags(db: Database) -> None:
    """Checks a translation failed (numbers lost or changed), as a JSON list of messages."""
    db.execute("ALTER TABLE translations ADD COLUMN flags TEXT NOT NULL DEFAULT '[]'")


@migration
def m004_glossary(db: Database) -> None:
    """The term base in use, term occurrences per paragraph, and what each link was made from."""
    for statement in (
        """
        CREATE TABLE glossary_terms (
            id TEXT PRIMARY KEY,
            id_term TEXT NOT NULL,
            en TEXT NOT NULL,
            domain TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('bundled', 'imported')),
            data TEXT NOT NULL
        )
        """,
        "CREATE TABLE glossary_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE term_links (
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            term_id TEXT NOT NULL REFERENCES glossary_terms(id) ON DELETE CASCADE,
            lang TEXT NOT NULL CHECK (lang IN ('id', 'en')),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            surface TEXT NOT NULL,
            fuzzy INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX term_links_term ON term_links(term_id)",
        "CREATE INDEX term_links_paragraph ON term_links(paragraph_id)",
        """
        CREATE TABLE link_state (
            paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
            id_sha TEXT NOT NULL,
            en_sha TEXT NOT NULL,
            glossary_version INTEGER NOT NULL
        )
        """,
    ):
        db.execute(statement)


@migration
def m006_check_dismissals(db: Database) -> None:
    """Terminology-check flags a reader dismissed, per paragraph and term."""
    db.execute(
        """
        CREATE TABLE check_dismissals (
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            term_id TEXT NOT NULL,
            dismissed_at TEXT NOT NULL,
            PRIMARY KEY (paragraph_id, term_id)
        )
        """
    )


def _widen_check(
    db: Database, table: str, old: str, new: str, *, migration: str, made_by: str
) -> None:
    """Replace CHECK `old` of `table` by the looser `new` in the stored definition.

    The edit in place of m007 and m008 (SQLite's documented procedure): the schema
    version is bumped so every connection re-reads the definition, and the file must
    pass `quick_check` afterwards.
    """
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    if row is None or old not in row[0]:
        raise RuntimeError(f"{migration}: the {table} table is not the one {made_by} made")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
            [row[0].replace(old, new), table],
        )
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise RuntimeError(f"{migration}: the library failed its check after the change")


def apply(db: Database) -> int:
    """Apply pending migrations and return the schema version now in force."""
    migrations.apply(db)
    version = len(migrations.applied(db))
    db.execute(f"PRAGMA user_version = {version}")
    return version


def latest_version() -> int:
    """How many migrations this program knows (must equal `library.SCHEMA_VERSION`)."""
    return len(KNOWN)


@migration
def m007_note_and_item_kinds(db: Database) -> None:
    """Paragraph kinds `note` (footnotes, kept apart) and `item` (clauses, list entries).

    Only the CHECK constraint changes, and a looser one holds for every row there is,
    so the stored definition is edited in place (SQLite's documented procedure for
    changing constraints, "Making Other Kinds Of Table Schema Changes"). A rebuild
    would have to drop `paragraphs`, which inside this transaction (where foreign keys
    cannot be switched off) would cascade to term links, link state and dismissals.
    """
    _widen_check(
        db,
        "paragraphs",
        "CHECK (kind IN ('heading', 'paragraph', 'caption', 'reference'))",
        "CHECK (kind IN ('heading', 'paragraph', 'caption', 'reference', 'note', 'item'))",
        migration="m007",
        made_by="m001",
    )


@migration
def m008_own_terms(db: Database) -> None:
    """Glossary terms of origin `own`: a reader's own terms, kept over the curated base.

    As in `m007_note_and_item_kinds`, only a CHECK constraint widens, so the stored
    definition is edited in place rather than the table rebuilt (a rebuild would
    cascade to the term links).
    """
    _widen_check(
        db,
        "glossary_terms",
        "CHECK (origin IN ('bundled', 'imported'))",
        "CHECK (origin IN ('bundled', 'imported', 'own'))",
        migration="m008",
        made_by="m004",
    )


@migration
def m009_paragraph_page(db: Database) -> None:
    """The page a paragraph starts on, for paged sources (PDF): a footnote shows its page.

    A nullable column added with `ALTER TABLE`: no rebuild, so ids, term links and the
    search index stay as they are; rows stored before have no page (NULL).
    """
    db.execute("ALTER TABLE paragraphs ADD COLUMN page INTEGER")
