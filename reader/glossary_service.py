"""The glossary in the library: the term base in use, its links to paragraphs, and queries.

The term base lives in the library (bundled terms, plus any a user imports),
so the CLI and the reader share it. Links are kept current incrementally:
each paragraph remembers the hashes of the Indonesian and English it was
linked from and the glossary version; only stale paragraphs are relinked,
and a glossary change marks stale only the paragraphs that can contain the
changed terms.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain
from typing import TYPE_CHECKING, Any

from glossary.links import Link, Miss
from glossary.termbase import (
    DATA_FILE,
    USER_LAYER,
    Dismissal,
    Term,
    TermBase,
    TermBaseError,
    build_termbase,
    load_toml,
    term_from_mapping,
)
from reader.errors import UserError
from reader.i18n import _
from reader.library import Library, text_hash
from reader.safe_text import display_text

if TYPE_CHECKING:
    from glossary.match import Matcher

_WORD = re.compile(r"[^\W\d_]{3,}")
_SEPARATORS = re.compile(r"[\s-]+")


def _where(term_id: str) -> str:
    """Where a stored term is, as the term base's error messages name it."""
    return _("term {id}").format(id=term_id)


@dataclass(frozen=True)
class Occurrence:
    """Where a term is used: document, paragraph, language, and the sentence around it."""

    slug: str
    title: str
    seq: int
    lang: str
    surface: str
    sentence: str


@dataclass(frozen=True)
class TermMatch:
    """A term found in a text: offsets, the words as written, and the term's entry."""

    start: int
    end: int
    surface: str
    term_id: str
    id_term: str
    en: str
    fuzzy: bool


@dataclass(frozen=True)
class TermMiss:
    """A paragraph whose English does not render a term its Indonesian uses."""

    seq: int
    term_id: str
    surface: str
    en: str
    """The term's English ('' if the term has left the glossary)."""
    expected: tuple[str, ...]
    """Every English form that would have counted."""


_STOPWORDS = frozenset({"a", "an", "and", "by", "for", "in", "of", "on", "the", "to", "with"})
_TOKEN = re.compile(r"\w+")
RENDERING_WINDOW = 6
"""How many words apart the words of a term's English may stand in a rendering."""
STEM_LENGTH = 6
"""A word of seven letters or more counts by its first six (``normalize`` for
normalisation, ``bilaterally`` for bilateral, ``region`` for regional); shorter ones must
be whole, inflected at most (``threats``, ``policies``, ``allied``)."""
_ENDINGS = ("", "s", "es", "ed", "d", "ing")


def _word_matches(word: str) -> Callable[[str], bool]:
    if len(word) > STEM_LENGTH:
        stem = word[:STEM_LENGTH]
        return lambda token: token.startswith(stem)
    forms = {word + ending for ending in _ENDINGS}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms.__contains__


def renders(term: Term, english: str) -> bool:
    """Whether `english` renders `term`, even where the matcher links nothing to it: the
    words of one of its English forms (inflected, or by their first six letters) stand
    within `RENDERING_WINDOW` words of one another, in any order and with other words
    between (``security threat`` and ``threatens`` render *ancaman*; ``nuclear and
    missile threats`` renders *ancaman nuklir*; ``the stability of the region``
    renders *stabilitas kawasan*)."""
    tokens = [token.casefold() for token in _TOKEN.findall(english)]
    if not tokens:
        return False
    for form in term.en_forms:
        words = [w.casefold() for w in _TOKEN.findall(form)]
        words = [w for w in words if w not in _STOPWORDS] or words
        if not words:
            continue
        positions = []
        for word in words:
            matches = _word_matches(word)
            positions.append([i for i, token in enumerate(tokens) if matches(token)])
        if not all(positions):
            continue
        if any(
            all(any(abs(p - first) <= RENDERING_WINDOW for p in other) for other in positions[1:])
            for first in positions[0]
        ):
            return True
    return False


@dataclass(frozen=True)
class GlossaryImport:
    added: int
    updated: int
    relinked: int
    dismissals_restored: int = 0
    dismissals_skipped: int = 0
    """Dismissals whose paragraph is not in this library, or changed since the export."""


DEFAULT_OWN_DOMAIN = "international-relations"
"""The domain of an own term when the reader names none."""
OWN_FIELDS = (
    "id_term",
    "en",
    "domain",
    "definition_id",
    "definition_en",
    "id_variants",
    "en_variants",
    "notes",
)
"""The fields of an own term a reader sets (the id is made from the Indonesian)."""


def own_term_id(id_term: str) -> str:
    """The id of an own term, from its Indonesian: ``Zona Ekonomi Eksklusif`` →
    ``zona-ekonomi-eksklusif`` (accents dropped); a one-line error if nothing is left."""
    import unicodedata

    ascii_form = unicodedata.normalize("NFKD", id_term).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_form.lower()).strip("-")
    if not re.search(r"[a-z]", slug):
        raise UserError(_("the Indonesian term is empty or has no letters"))
    return slug


LINK_BATCH = 1000
"""Paragraphs linked at a time: a long document is never held whole while linking."""


class GlossaryService:
    """Glossary operations over one library."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._termbase: tuple[int, TermBase] | None = None
        self._matcher: tuple[int, Matcher] | None = None

    # Term base ---------------------------------------------------------------

    @property
    def version(self) -> int:
        row = self.library.conn.execute(
            "SELECT value FROM glossary_state WHERE key = 'version'"
        ).fetchone()
        return int(row[0]) if row else 0

    def termbase(self) -> TermBase:
        """The terms in use (bundled and imported), cached per glossary version."""
        version = self.version
        if self._termbase is None or self._termbase[0] != version:
            rows = self.library.conn.execute("SELECT id, data FROM glossary_terms").fetchall()
            entries = [(json.loads(data), _where(term_id)) for term_id, data in rows]
            self._termbase = (version, build_termbase(entries))
        return self._termbase[1]

    def matcher(self, *, fuzzy: bool = False) -> Matcher:
        """The matcher for the terms in use; `fuzzy` also finds words one typo away."""
        from glossary.match import Matcher

        if fuzzy:
            return Matcher(self.termbase(), fuzzy=True)
        version = self.version
        if self._matcher is None or self._matcher[0] != version:
            self._matcher = (version, Matcher(self.termbase()))
        return self._matcher[1]

    def find_term(self, query: str) -> Term | None:
        """The term a user means: by id or exact form first, else the first search hit."""
        base = self.termbase()
        return base.get(query) or next(iter(base.find(query)), None)

    def match_text(self, text: str, lang: str, *, fuzzy: bool = False) -> list[TermMatch]:
        """Terms found in any text (not stored), with their entries."""
        base = self.termbase()
        found = []
        for match in self.matcher(fuzzy=fuzzy).match(text, lang):
            term = base.get(match.term_id)
            found.append(
                TermMatch(
                    match.start,
                    match.end,
                    match.surface,
                    match.term_id,
                    term.id_term if term else "",
                    term.en if term else "",
                    match.fuzzy,
                )
            )
        return found

    def terms(self, document_id: int | None = None) -> list[Term]:
        """Every term in use, or those one document uses."""
        if document_id is not None:
            return self.terms_in_document(document_id)
        return list(self.termbase())

    def examples(
        self, terms: Iterable[Term], document_id: int | None = None
    ) -> dict[str, tuple[str, str]]:
        """A real sentence for each term from the library: Indonesian, and its English if linked.

        The English is the sentence of the same paragraph that uses the term's English.
        With `document_id`, that document's sentences come first (a deck for one text
        shows that text's sentences). Terms the library never uses are left out.
        """
        slug = None
        if document_id is not None:
            row = self.library.conn.execute(
                "SELECT slug FROM documents WHERE id = ?", [document_id]
            ).fetchone()
            slug = row[0] if row else None
        examples = {}
        for term in terms:
            occurrences = sorted(self.occurrences(term.id), key=lambda o: o.slug != slug)
            indonesian = next((o for o in occurrences if o.lang == "id"), None)
            if indonesian is None:
                continue
            english = next(
                (
                    o.sentence
                    for o in occurrences
                    if o.lang == "en" and (o.slug, o.seq) == (indonesian.slug, indonesian.seq)
                ),
                "",
            )
            examples[term.id] = (indonesian.sentence, english)
        return examples

    def sync_bundled(self) -> bool:
        """Bring in the bundled term base when it is new or changed (a hash check otherwise)."""
        digest = hashlib.sha256(DATA_FILE.read_bytes()).hexdigest()
        row = self.library.conn.execute(
            "SELECT value FROM glossary_state WHERE key = 'bundled_sha256'"
        ).fetchone()
        if row and row[0] == digest:
            return False
        own = set(self._own_ids())
        bundled = TermBase({t.id: t for t in load_toml(DATA_FILE) if t.id not in own})
        self._store_terms(bundled, origin="bundled", digest=digest)
        return True

    def import_terms(self, terms: TermBase) -> GlossaryImport:
        """Add or update terms (all or nothing); their occurrences are relinked."""
        current = self.termbase()
        merged = {t.id: t for t in current}
        merged.update({t.id: t for t in terms})
        build_termbase((t.to_dict(), _where(t.id)) for t in merged.values())  # related ids
        added = sum(1 for t in terms if t.id not in current)
        updated = sum(1 for t in terms if t.id in current and current.get(t.id) != t)
        self._store_terms(terms, origin="imported")
        relinked = self.ensure_links()
        restored, skipped = self.restore_dismissals(terms.dismissals)
        return GlossaryImport(
            added=added,
            updated=updated,
            relinked=relinked,
            dismissals_restored=restored,
            dismissals_skipped=skipped,
        )

    # Own terms (a reader's `user` layer over the curated base) ------------------

    def _own_ids(self) -> list[str]:
        return [
            row[0]
            for row in self.library.conn.execute(
                "SELECT id FROM glossary_terms WHERE origin = 'own' ORDER BY id"
            )
        ]

    def own_terms(self) -> list[Term]:
        """The reader's own terms, by id."""
        base = self.termbase()
        return [t for t in (base.get(i) for i in self._own_ids()) if t is not None]

    def add_own_term(
        self,
        id_term: str,
        en: str,
        *,
        domain: str = DEFAULT_OWN_DOMAIN,
        definition_id: str = "",
        definition_en: str = "",
        id_variants: Sequence[str] = (),
        en_variants: Sequence[str] = (),
        notes: str = "",
    ) -> Term:
        """Add a term of the reader's own, linked at once in every document.

        Its id is made from the Indonesian (``Zona Ekonomi`` → ``zona-ekonomi``); a
        term with that id or the same Indonesian form already in the base is refused.
        """
        term_id = own_term_id(id_term)
        term = self._build_own_term(
            term_id,
            id_term=id_term,
            en=en,
            domain=domain,
            definition_id=definition_id,
            definition_en=definition_en,
            id_variants=id_variants,
            en_variants=en_variants,
            notes=notes,
        )
        base = self.termbase()
        if term_id in base:
            raise UserError(_("a term with id '{id}' already exists").format(id=term_id))
        wanted = " ".join(term.id_term.split()).casefold()
        for other in base:
            if any(" ".join(f.split()).casefold() == wanted for f in other.id_forms):
                raise UserError(
                    _("'{term}' is already a form of the term '{id}'").format(
                        term=display_text(term.id_term), id=other.id
                    )
                )
        self._store_terms(TermBase({term.id: term}), origin="own")
        self.ensure_links()
        return term

    def edit_own_term(self, term_id: str, **changes: Any) -> Term:
        """Change fields of an own term (not its id); its links are remade at once."""
        current = self.own_term(term_id)
        data = current.to_dict()
        for name, value in changes.items():
            if name not in OWN_FIELDS:
                raise UserError(_("the field '{name}' cannot be edited").format(name=name))
            if value is not None:
                data[name] = list(value) if isinstance(value, (list, tuple)) else value
        term = self._build_own_term(term_id, **{k: data[k] for k in OWN_FIELDS})
        self._store_terms(TermBase({term.id: term}), origin="own")
        self.ensure_links()
        return term

    def delete_own_term(self, term_id: str) -> Term:
        """Delete an own term and its links; the paragraphs it was linked in are relinked."""
        current = self.own_term(term_id)
        users = [t.id for t in self.termbase() if term_id in t.related]
        if users:
            raise UserError(
                _("the term '{id}' is related to {ids}: remove it there first").format(
                    id=term_id, ids=", ".join(users)
                )
            )
        with self.library.transaction() as db:
            db.execute("DELETE FROM term_links WHERE term_id = ?", [term_id])
            db.execute("DELETE FROM glossary_terms WHERE id = ? AND origin = 'own'", [term_id])
            self._bump_version(db, [current])
        self.ensure_links()
        return current

    def own_term(self, term_id: str) -> Term:
        """The own term `term_id`, or a one-line error saying why not."""
        row = self.library.conn.execute(
            "SELECT origin FROM glossary_terms WHERE id = ?", [term_id]
        ).fetchone()
        if row is None:
            raise UserError(_("no term '{id}'").format(id=display_text(term_id)))
        term = self.termbase().get(term_id)
        if row[0] != "own" or term is None:
            raise UserError(
                _("'{id}' is a curated term: only your own terms can be changed").format(id=term_id)
            )
        return term

    def _build_own_term(self, term_id: str, **fields: Any) -> Term:
        data = {
            name: list(value) if isinstance(value, (list, tuple)) else value
            for name, value in fields.items()
        }
        data.update(id=term_id, layer=USER_LAYER)
        try:
            return term_from_mapping(data, _where(term_id))
        except TermBaseError as error:
            raise UserError(str(error)) from None

    def _store_terms(self, terms: TermBase, *, origin: str, digest: str | None = None) -> None:
        old = {t.id: t for t in self.termbase()}
        changed = [t for t in terms if old.get(t.id) != t]
        with self.library.transaction() as db:
            for term in changed:
                db.execute(
                    "INSERT INTO glossary_terms (id, id_term, en, domain, origin, data)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    " id_term = excluded.id_term, en = excluded.en, domain = excluded.domain,"
                    " origin = excluded.origin, data = excluded.data",
                    [
                        term.id,
                        term.id_term,
                        term.en,
                        term.domain,
                        "own" if term.own else origin,
                        json.dumps(term.to_dict(), ensure_ascii=False),
                    ],
                )
            if digest is not None:
                db.execute(
                    "INSERT OR REPLACE INTO glossary_state (key, value)"
                    " VALUES ('bundled_sha256', ?)",
                    [digest],
                )
            if changed:
                self._bump_version(db, [*changed, *(old[t.id] for t in changed if t.id in old)])

    def _bump_version(self, db: Any, changed: Sequence[Term]) -> None:
        """A new glossary version; only paragraphs that can hold a changed term go stale."""
        old_version = self.version
        db.execute(
            "INSERT OR REPLACE INTO glossary_state (key, value) VALUES ('version', ?)",
            [str(old_version + 1)],
        )
        words = sorted(
            {
                w.lower()
                for t in changed
                for f in (*t.id_forms, *t.en_forms)
                for w in _WORD.findall(f)[:1]
            }
        )
        affected: set[int] = set()
        for start in range(0, len(words), 50):
            query = " OR ".join(f'"{w}"*' for w in words[start : start + 50])
            affected.update(
                row[0]
                for row in db.execute(
                    "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?", [query]
                ).fetchall()
            )
            affected.update(
                row[0]
                for row in db.execute(
                    "SELECT p.id FROM translations_fts JOIN translations t"
                    " ON t.rowid = translations_fts.rowid JOIN paragraphs p"
                    " ON p.text_sha256 = t.text_sha256 WHERE translations_fts MATCH ?",
                    [query],
                ).fetchall()
            )
        db.execute(
            "UPDATE link_state SET glossary_version = ? WHERE glossary_version = ?",
            [old_version + 1, old_version],
        )
        for start in range(0, len(ids := sorted(affected)), 500):
            chunk = ids[start : start + 500]
            db.execute(
                f"UPDATE link_state SET glossary_version = -1"
                f" WHERE paragraph_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )

    # Links -------------------------------------------------------------------

    def ensure_links(self, document_id: int | None = None) -> int:
        """Relink the paragraphs whose text, English or glossary changed; return how many.

        A batch of `LINK_BATCH` stale paragraphs at a time, in one transaction: a long
        document is never held whole (its text, English and links) in memory.
        """
        from glossary.links import link_texts

        batches = self._stale_batches(document_id)
        first = next(batches, None)
        if first is None:
            return 0  # nothing to write: no transaction (the library may be read-only)
        matcher = self.matcher()
        version = self.version
        count = 0
        with self.library.transaction() as db:
            for stale in chain([first], batches):
                id_pairs = [(pid, display_text(text)) for pid, text, _ in stale]
                en_pairs = [(pid, display_text(en)) for pid, _, en in stale if en]
                links = link_texts(matcher, id_pairs, "id") + link_texts(matcher, en_pairs, "en")
                chunk = [pid for pid, _, _ in stale]
                db.execute(
                    f"DELETE FROM term_links WHERE paragraph_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                db.conn.executemany(
                    "INSERT INTO term_links"
                    " (paragraph_id, term_id, lang, start, end, surface, fuzzy)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (k.paragraph_id, k.term_id, k.lang, k.start, k.end, k.surface, int(k.fuzzy))
                        for k in links
                    ],
                )
                db.conn.executemany(
                    "INSERT OR REPLACE INTO link_state"
                    " (paragraph_id, id_sha, en_sha, glossary_version) VALUES (?, ?, ?, ?)",
                    [
                        (pid, text_hash(text), text_hash(en or ""), version)
                        for pid, text, en in stale
                    ],
                )
                count += len(stale)
        return count

    def has_unlinked(self) -> bool:
        """Cheap check at start-up: a paragraph never linked (new library, old file)."""
        row = self.library.conn.execute(
            "SELECT 1 FROM paragraphs p LEFT JOIN link_state s ON s.paragraph_id = p.id"
            " WHERE s.paragraph_id IS NULL OR s.glossary_version = -1 LIMIT 1"
        ).fetchone()
        return row is not None

    def _stale_paragraphs(self, document_id: int | None) -> list[tuple[int, str, str | None]]:
        """(paragraph id, text, best English) of paragraphs whose links are out of date."""
        return [row for batch in self._stale_batches(document_id) for row in batch]

    def _stale_batches(
        self, document_id: int | None
    ) -> Iterator[list[tuple[int, str, str | None]]]:
        """`_stale_paragraphs` in batches of at most `LINK_BATCH`, read a range at a time."""
        documents = (
            [document_id]
            if document_id is not None
            else [r[0] for r in self.library.conn.execute("SELECT id FROM documents")]
        )
        version = self.version
        for doc in documents:
            last = self.library.paragraph_count(doc)
            for first in range(1, last + 1, LINK_BATCH):
                end = first + LINK_BATCH - 1
                states = {
                    pid: (id_sha, en_sha, linked_version)
                    for pid, id_sha, en_sha, linked_version in self.library.conn.execute(
                        "SELECT s.paragraph_id, s.id_sha, s.en_sha, s.glossary_version"
                        " FROM link_state s JOIN paragraphs p ON p.id = s.paragraph_id"
                        " WHERE p.document_id = ? AND p.seq BETWEEN ? AND ?",
                        [doc, first, end],
                    )
                }
                stale = []
                for row in self.library.bilingual_rows(doc, first, end):
                    english = row.english if row.lang != "en" else None
                    state = states.get(row.paragraph_id)
                    expected = (text_hash(row.text), text_hash(english or ""), version)
                    if state != expected:
                        stale.append((row.paragraph_id, row.text, english))
                if stale:
                    yield stale

    def links_for_document(self, document_id: int) -> dict[int, list[Link]]:
        """Links of every paragraph of a document, by paragraph id."""
        by_paragraph: defaultdict[int, list[Link]] = defaultdict(list)
        for pid, term_id, lang, start, end, surface, fuzzy in self.library.conn.execute(
            "SELECT l.paragraph_id, l.term_id, l.lang, l.start, l.end, l.surface, l.fuzzy"
            " FROM term_links l JOIN paragraphs p ON p.id = l.paragraph_id"
            " WHERE p.document_id = ? ORDER BY l.paragraph_id, l.lang, l.start",
            [document_id],
        ):
            by_paragraph[pid].append(Link(pid, lang, start, end, surface, term_id, bool(fuzzy)))
        return dict(by_paragraph)

    def occurrences(self, term_id: str) -> list[Occurrence]:
        """Every linked occurrence of a term, in every document, with its sentence."""
        from reader.ingest.sentences import sentence_spans

        rows = self.library.conn.execute(
            "SELECT d.slug, d.title, p.seq, l.lang, l.surface, l.start, l.end, p.text, p.lang,"
            "       p.id"
            " FROM term_links l JOIN paragraphs p ON p.id = l.paragraph_id"
            " JOIN documents d ON d.id = p.document_id WHERE l.term_id = ?"
            " ORDER BY d.title COLLATE NOCASE, p.seq, l.lang, l.start",
            [term_id],
        ).fetchall()
        english = self._english_by_paragraph({row[9] for row in rows if row[3] == "en"})
        found = []
        for slug, title, seq, lang, surface, start, _end, text, p_lang, pid in rows:
            source = display_text(text) if lang == "id" or p_lang == "en" else english.get(pid, "")
            sentence = next(
                (source[a:b] for a, b in sentence_spans(source) if a <= start < b), surface
            )
            found.append(Occurrence(slug, title, seq, lang, surface, sentence))
        return found

    def _english_by_paragraph(self, paragraph_ids: Iterable[int]) -> dict[int, str]:
        ids = sorted(set(paragraph_ids))
        if not ids:
            return {}
        documents = [
            row[0]
            for row in self.library.conn.execute(
                "SELECT DISTINCT document_id FROM paragraphs"
                f" WHERE id IN ({','.join('?' * len(ids))})",
                ids,
            )
        ]
        wanted = set(ids)
        return {
            row.paragraph_id: display_text(row.english)
            for doc in documents
            for row in self.library.bilingual_rows(doc)
            if row.paragraph_id in wanted and row.english
        }

    def counts(self) -> dict[str, int]:
        """Occurrences per term (both languages, all documents)."""
        return {
            term_id: count
            for term_id, count in self.library.conn.execute(
                "SELECT term_id, count(*) FROM term_links GROUP BY term_id"
            )
        }

    def terms_in_document(self, document_id: int) -> list[Term]:
        base = self.termbase()
        ids = [
            row[0]
            for row in self.library.conn.execute(
                "SELECT DISTINCT l.term_id FROM term_links l JOIN paragraphs p"
                " ON p.id = l.paragraph_id WHERE p.document_id = ?",
                [document_id],
            )
        ]
        return [t for t in (base.get(i) for i in sorted(ids)) if t is not None]

    def spans_for_document(self, document_id: int) -> dict[int, list[tuple[str, int, int, str]]]:
        """(lang, start, end, term id) per paragraph id: what the reader highlights.

        Plain tuples, not `Link`s: a long document has tens of thousands of them.
        """
        spans: defaultdict[int, list[tuple[str, int, int, str]]] = defaultdict(list)
        for pid, lang, start, end, term_id in self.library.conn.execute(
            "SELECT l.paragraph_id, l.lang, l.start, l.end, l.term_id"
            " FROM term_links l JOIN paragraphs p ON p.id = l.paragraph_id"
            " WHERE p.document_id = ? ORDER BY l.paragraph_id, l.lang, l.start",
            [document_id],
        ):
            spans[pid].append((lang, start, end, term_id))
        return dict(spans)

    def check(self, document_id: int) -> list[TermMiss]:
        """The terminology check of a document, with links brought up to date first."""
        self.ensure_links(document_id)
        base = self.termbase()
        checked = []
        for seq, miss in self.misses(document_id):
            term = base.get(miss.term_id)
            checked.append(
                TermMiss(
                    seq,
                    miss.term_id,
                    miss.surface,
                    term.en if term else "",
                    tuple(term.en_forms) if term else (),
                )
            )
        return checked

    def misses(self, document_id: int) -> list[tuple[int, Miss]]:
        """(paragraph seq, miss) where a term's English is absent from the translation.

        One query finds the candidates: an Indonesian link whose paragraph has English
        (as linked) but no English link to the same term, and no dismissal by a reader.
        A candidate is then dropped if the English renders the term all the same (see
        `renders`): inside a longer term (``security threat`` for *ancaman*), inflected
        (``threatens``), or split by the syntax (``nuclear and missile threats``).
        """
        candidates = self._candidate_misses(document_id)
        if not candidates:
            return []
        english = self._english_by_paragraph({miss.paragraph_id for _seq, miss in candidates})
        terms = self._terms({miss.term_id for _seq, miss in candidates})
        return [
            (seq, miss)
            for seq, miss in candidates
            if not _rendered(terms.get(miss.term_id), english.get(miss.paragraph_id, ""))
        ]

    def _terms(self, term_ids: set[str]) -> dict[str, Term]:
        """These terms of the base in use: from the cached base, or just these rows.

        The reader asks at start-up, before its first paint: reading a few rows
        is ~1 ms where building the whole base is tens of milliseconds.
        """
        cached = self._termbase
        if cached is not None and cached[0] == self.version:
            return {i: t for i in term_ids if (t := cached[1].get(i)) is not None}
        marks = ", ".join("?" * len(term_ids))
        rows = self.library.conn.execute(
            f"SELECT id, data FROM glossary_terms WHERE id IN ({marks})", sorted(term_ids)
        ).fetchall()
        return {
            term_id: term_from_mapping(json.loads(data), _where(term_id)) for term_id, data in rows
        }

    def _candidate_misses(self, document_id: int) -> list[tuple[int, Miss]]:
        rows = self.library.conn.execute(
            """
            SELECT p.seq, l.paragraph_id, l.term_id, min(l.surface)
              FROM term_links l
              JOIN paragraphs p ON p.id = l.paragraph_id
              JOIN link_state s ON s.paragraph_id = l.paragraph_id
             WHERE p.document_id = ? AND l.lang = 'id' AND p.lang != 'en' AND s.en_sha != ?
               AND NOT EXISTS (SELECT 1 FROM term_links e
                                WHERE e.paragraph_id = l.paragraph_id AND e.lang = 'en'
                                  AND e.term_id = l.term_id)
               AND NOT EXISTS (SELECT 1 FROM check_dismissals d
                                WHERE d.paragraph_id = l.paragraph_id
                                  AND d.term_id = l.term_id)
             GROUP BY l.paragraph_id, l.term_id
             ORDER BY p.seq, min(l.start)
            """,
            [document_id, text_hash("")],
        ).fetchall()
        return [(seq, Miss(pid, term_id, surface)) for seq, pid, term_id, surface in rows]

    # Dismissed flags ---------------------------------------------------------

    def dismiss(self, document_id: int, seq: int, term_ids: Iterable[str] | None = None) -> int:
        """Dismiss the check's flags on paragraph `seq` (those of `term_ids`, or all of them);
        return how many were dismissed. A dismissal holds until it is withdrawn."""
        row = self.library.conn.execute(
            "SELECT id FROM paragraphs WHERE document_id = ? AND seq = ?", [document_id, seq]
        ).fetchone()
        if row is None:
            raise UserError(_("there is no paragraph {number}").format(number=seq))
        flagged = {miss.term_id for at, miss in self.misses(document_id) if at == seq}
        wanted = flagged if term_ids is None else set(term_ids)
        unknown = wanted - flagged
        if unknown:
            raise UserError(
                _("¶{number} has no terminology flag for {terms}").format(
                    number=seq, terms=", ".join(display_text(t) for t in sorted(unknown))
                )
            )
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.library.transaction() as db:
            db.conn.executemany(
                "INSERT OR IGNORE INTO check_dismissals (paragraph_id, term_id, dismissed_at)"
                " VALUES (?, ?, ?)",
                [(row[0], term_id, now) for term_id in sorted(wanted)],
            )
        return len(wanted)

    def undismiss(self, document_id: int, seq: int | None = None) -> int:
        """Withdraw the dismissals of a paragraph (or of the whole document); return how many."""
        query = (
            "DELETE FROM check_dismissals WHERE paragraph_id IN"
            " (SELECT id FROM paragraphs WHERE document_id = ?"
            + (" AND seq = ?)" if seq is not None else ")")
        )
        with self.library.transaction() as db:
            cursor = db.execute(query, [document_id] if seq is None else [document_id, seq])
        return int(cursor.rowcount)

    def restore_dismissals(self, dismissals: Iterable[Dismissal]) -> tuple[int, int]:
        """Dismissals from an export, restored (all at once) where their paragraph is here
        with the same Indonesian text and the term exists; return (restored, skipped).

        A paragraph edited since the export, or a document this library lacks, is
        skipped: a dismissal says the English of that exact text is right.
        """
        wanted = list(dismissals)
        if not wanted:
            return 0, 0
        known = self.termbase()
        rows = []
        for item in wanted:
            found = self.library.conn.execute(
                "SELECT p.id FROM paragraphs p JOIN documents d ON d.id = p.document_id"
                " WHERE d.slug = ? AND p.seq = ? AND p.text_sha256 = ?",
                [item.slug, item.seq, item.text_sha256],
            ).fetchone()
            if found is not None and item.term_id in known:
                rows.append((found[0], item.term_id, item.dismissed_at))
        with self.library.transaction() as db:
            db.conn.executemany(
                "INSERT OR IGNORE INTO check_dismissals (paragraph_id, term_id, dismissed_at)"
                " VALUES (?, ?, ?)",
                rows,
            )
        return len(rows), len(wanted) - len(rows)

    def dismissals(self, document_id: int | None = None) -> list[Dismissal]:
        """Every dismissed flag (of one document, or all), in document and paragraph order."""
        where = "WHERE p.document_id = ?" if document_id is not None else ""
        rows = self.library.conn.execute(
            "SELECT d.slug, p.seq, c.term_id, p.text_sha256, c.dismissed_at"
            " FROM check_dismissals c JOIN paragraphs p ON p.id = c.paragraph_id"
            f" JOIN documents d ON d.id = p.document_id {where}"
            " ORDER BY d.slug, p.seq, c.term_id",
            [document_id] if document_id is not None else [],
        ).fetchall()
        return [Dismissal(*row) for row in rows]


def _rendered(term: Term | None, english: str) -> bool:
    """Whether `english` renders `term` (a term no longer in the base renders nothing)."""
    return term is not None and renders(term, english)
