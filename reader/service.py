"""The service API that the CLI and the TUI share: everything a user can ask of a library.

Thin over `Library` and `documents`; returns plain dataclasses so both
front ends render the same facts their own way.
"""

from __future__ import annotations

import gettext
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.documents import load_source, slug_for, source_digest
from reader.errors import DocumentNotFound, ParagraphOutOfRange, SlugTaken, UserError
from reader.glossary_service import GlossaryService
from reader.i18n import N_, _
from reader.ingest.model import Removal, Removed
from reader.library import (
    BilingualRow,
    DocumentRecord,
    DocumentSummary,
    Library,
    SearchHit,
)
from reader.paths import bundled_texts_dir, default_db_path
from reader.safe_text import display_text, normalize

if TYPE_CHECKING:  # imported where used: opening the reader needs neither import nor MT
    from reader.importing import PreparedImport
    from reader.translate.engine import Engine
    from reader.translation import (
        DocumentProgressCallback,
        Progress,
        ProgressCallback,
        TranslationReport,
        TranslationRun,
    )

REFERENCE_ENGINE = "reference"
REVIEW_ENGINE = "human"
ENGINES = ("argos", "reference", "libretranslate")

SOURCE_LABELS: dict[str | None, str] = {
    "original": N_("original English (in the source)"),
    "reference": N_("reference translation"),
    "reviewed": N_("reviewed translation"),
    "machine": N_("machine translation, not reviewed"),
    None: N_("no English yet"),
}
"""The one set of names for where English came from (msgids: the CLI, the TUI and handouts)."""


def source_name(status: str | None, translations: gettext.NullTranslations | None = None) -> str:
    """The label of a source of English: 'machine', 'reviewed'... or None (or 'missing') for none.

    In the interface language, or in the language of `translations` (a handout's
    catalog from `i18n.translation(lang)`, or English for JSON output).
    """
    message = SOURCE_LABELS[None if status == "missing" else status]
    return translations.gettext(message) if translations is not None else _(message)


def source_label(row: BilingualRow, translations: gettext.NullTranslations | None = None) -> str:
    """How the UI, the CLI and handouts name where a paragraph's English came from.

    Machine output also names its engine and model (data, not translated).
    """
    label = source_name(row.english_status, translations)
    if row.english_status == "machine" and row.english_engine:
        engine = display_text(row.english_engine)
        model = f", {display_text(row.english_model)}" if row.english_model else ""
        label += f" ({engine}{model})"
    return label


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one file did."""

    document: DocumentRecord
    status: str
    """'new', 'updated' or 'unchanged'."""
    paragraphs: int
    summary: str = ""
    """What cleaning removed, in one English line for JSON ('' if nothing)."""
    removed: Removed = field(default_factory=Removed)
    """The same counts, worded for people by `Removed.describe()`."""
    removals: tuple[Removal, ...] = ()
    """Every piece the import left out, with its text, reason and page."""
    paragraphs_guessed: bool = False
    """The file kept no line breaks: its paragraph breaks are guesses."""


@dataclass(frozen=True)
class DeleteOutcome:
    """What deleting a document removed, and what it left for reuse."""

    document: DocumentRecord
    paragraphs: int
    reviewed_kept: int
    """Reviewed English of its paragraphs kept in the translation memory."""
    dropped: int
    """Translations removed (with `drop_translations`)."""


class ReadingService:
    """A library plus the operations on it. Make one per process (or per test)."""

    def __init__(self, library: Library, texts_dir: Path | None = None) -> None:
        self.library = library
        self.texts_dir = texts_dir if texts_dir is not None else bundled_texts_dir()
        self._glossary: GlossaryService | None = None

    @classmethod
    def open(
        cls, db_path: Path | None = None, *, texts_dir: Path | None = None, sync: bool = True
    ) -> ReadingService:
        """Open the library (default location unless given) and bring in the bundled texts."""
        service = cls(Library.open(db_path or default_db_path()), texts_dir)
        if sync and not service.library.read_only:  # a read-only library is read as it is
            changed = bool(service.sync_bundled())
            changed |= service.glossary.sync_bundled()
            if changed or service.glossary.has_unlinked():
                service.glossary.ensure_links()
        return service

    @property
    def glossary(self) -> GlossaryService:
        """The term base and its links (made on first use)."""
        if self._glossary is None:
            self._glossary = GlossaryService(self.library)
        return self._glossary

    def close(self) -> None:
        self.library.close()

    # Documents -------------------------------------------------------------

    def sync_bundled(self) -> list[ImportOutcome]:
        """Import the bundled texts that are new or changed; cheap when nothing changed."""
        if not self.texts_dir.is_dir():
            return []
        outcomes = []
        for path in sorted(self.texts_dir.glob("*.id.md")):
            existing = self.library.document(slug=slug_for(path))
            if existing is not None and existing.sha256 == source_digest(path):
                continue
            from reader.importing import from_texts

            prepared = from_texts(load_source(path))
            outcomes.append(self._store(prepared, origin="bundled", path=None))
        return outcomes

    def prepare_import(
        self,
        path: Path,
        *,
        slug: str | None = None,
        title: str | None = None,
        max_bytes: int | None = None,
    ) -> PreparedImport:
        """What importing `path` would store (for --dry-run); the library is not touched."""
        return preview_import(path, slug=slug, title=title, max_bytes=max_bytes)

    def import_file(
        self,
        path: Path,
        *,
        slug: str | None = None,
        title: str | None = None,
        max_bytes: int | None = None,
    ) -> ImportOutcome:
        """Import a document file: one transaction; the same content twice is one document."""
        from reader.importing import prepare

        slug, title = checked_names(slug, title)
        prepared = prepare(path, slug=slug, title=title, max_bytes=max_bytes)
        same = self.library.document_with_sha256(prepared.sha256)
        if (
            same is not None
            and (title is None or same.title == title)
            and (slug is None or same.slug == slug)
        ):
            return self._unchanged(same, prepared)
        resolved = str(path.resolve())
        existing = self.library.document(slug=prepared.slug)
        if existing is not None and existing.path != resolved:
            if existing.path:
                message = _("{file}: slug '{slug}' is already used by {other}").format(
                    file=path, slug=prepared.slug, other=existing.path
                )
            else:
                message = _("{file}: slug '{slug}' is already used by the bundled texts").format(
                    file=path, slug=prepared.slug
                )
            raise SlugTaken(message, slug=prepared.slug)
        outcome = self._store(prepared, origin="imported", path=resolved)
        self.glossary.ensure_links(outcome.document.id)
        return outcome

    def _store(self, prepared: PreparedImport, *, origin: str, path: str | None) -> ImportOutcome:
        existing = self.library.document(slug=prepared.slug)
        if (
            existing is not None
            and existing.sha256 == prepared.sha256
            and (existing.title == prepared.title)
        ):
            return self._unchanged(existing, prepared)
        blocks = prepared.blocks
        with self.library.transaction():
            document = self.library.save_document(
                slug=prepared.slug,
                title=prepared.title,
                authors=prepared.authors,
                source=prepared.source,
                year=prepared.year,
                lang=prepared.lang,
                sha256=prepared.sha256,
                origin=origin,
                path=path,
                meta=prepared.meta,
                paragraphs=blocks,  # may be file-backed (a long text): written in batches
            )
            for ours, theirs in zip(blocks, prepared.reference or [], strict=False):
                if ours.lang != "en":
                    self.library.put_translation(
                        ours.text,
                        theirs.text,
                        engine=REFERENCE_ENGINE,
                        model=prepared.slug,
                        status="reference",
                    )
        status = "new" if existing is None else "updated"
        return ImportOutcome(
            document,
            status,
            len(blocks),
            summary=prepared.summary,
            removed=prepared.removed,
            removals=tuple(prepared.removals),
            paragraphs_guessed=prepared.paragraphs_guessed,
        )

    def _unchanged(self, document: DocumentRecord, prepared: PreparedImport) -> ImportOutcome:
        """The outcome of importing what the library already holds as `document`."""
        count = self.library.paragraph_count(document.id)
        return ImportOutcome(
            document,
            "unchanged",
            count,
            summary=prepared.summary,
            removed=prepared.removed,
            removals=tuple(prepared.removals),
            paragraphs_guessed=prepared.paragraphs_guessed,
        )

    def summaries(self) -> list[DocumentSummary]:
        return self.library.summaries()

    def resolve(self, ref: str) -> DocumentRecord:
        """A document named by slug, numeric id, or the path it was imported from."""
        ref = ref.strip()
        document = self.library.document(slug=ref)
        if document is None and ref.isdigit():
            document = self.library.document(id=int(ref))
        if document is None:
            matches = self.library.documents_at_path(str(Path(ref).expanduser().resolve()))
            document = matches[-1] if matches else None
        if document is None:
            known = ", ".join(s.document.slug for s in self.summaries())
            if not known:
                raise DocumentNotFound(
                    _("no document '{name}' (known: none yet); see 'dwibahasa list'").format(
                        name=ref
                    )
                )
            raise DocumentNotFound(
                _("no document '{name}' (known: {known}); see 'dwibahasa list'").format(
                    name=ref, known=known
                )
            )
        return document

    def delete_document(
        self, document: DocumentRecord, *, drop_translations: bool = False
    ) -> DeleteOutcome:
        """Remove a document with its paragraphs, position, bookmarks and glossary links.

        Its English stays in the translation memory (reviewed work is reused if the
        text comes back) unless `drop_translations`. A bundled text is refused: the
        next start would import it again.
        """
        self.check_can_delete(document)
        paragraphs = self.library.paragraph_count(document.id)
        reviewed = self.library.reviewed_translation_count(document.id)
        dropped = self.library.delete_document(document.id, drop_translations=drop_translations)
        return DeleteOutcome(
            document,
            paragraphs,
            reviewed_kept=0 if drop_translations else reviewed,
            dropped=dropped,
        )

    def check_can_delete(self, document: DocumentRecord) -> None:
        """Refuse (`UserError`) what `delete_document` would refuse, before asking the user."""
        if document.origin == "bundled":
            raise UserError(
                _(
                    "'{slug}' is bundled with Dwibahasa and would come back at the next start;"
                    " it cannot be deleted"
                ).format(slug=display_text(document.slug))
            )

    def rename_document(
        self, document: DocumentRecord, *, title: str | None = None, slug: str | None = None
    ) -> DocumentRecord:
        """A new title and/or short name (slug); reading state and English stay with it."""
        slug, title = checked_names(slug, title)
        if slug is not None and slug != document.slug:
            if document.origin == "bundled":
                raise UserError(
                    _("'{slug}' is a bundled text: its short name cannot change").format(
                        slug=display_text(document.slug)
                    )
                )
            other = self.library.document(slug=slug)
            if other is not None or (self.texts_dir / f"{slug}.id.md").is_file():
                raise SlugTaken(
                    _("slug '{slug}' is already used by another document").format(slug=slug),
                    slug=slug,
                )
        self.library.rename_document(
            document.id, title=title or document.title, slug=slug or document.slug
        )
        renamed = self.library.document(id=document.id)
        assert renamed is not None
        return renamed

    # Reading ---------------------------------------------------------------

    def rows(
        self, document: DocumentRecord, start: int | None = None, end: int | None = None
    ) -> list[BilingualRow]:
        return self.library.bilingual_rows(document.id, start, end)

    def rows_in_range(self, document: DocumentRecord, spec: str | None) -> list[BilingualRow]:
        """Rows for a user's `A-B`, `A-`, `-B` or `N` range, checked against the document."""
        total = self.library.paragraph_count(document.id)
        start, end = parse_range(spec, total)
        return self.rows(document, start, end)

    def check_paragraph(self, document: DocumentRecord, seq: int) -> None:
        """Refuse a paragraph number outside `document`."""
        total = self.library.paragraph_count(document.id)
        if not 1 <= seq <= total:
            raise ParagraphOutOfRange(
                _("paragraph {number} is outside '{slug}' (paragraphs 1 to {total})").format(
                    number=seq, slug=document.slug, total=total
                ),
                number=seq,
                slug=document.slug,
                total=total,
            )

    def position(self, document: DocumentRecord) -> int:
        """Where the reader left off (1 if never opened)."""
        return self.library.position(document.id) or 1

    def set_position(self, document: DocumentRecord, seq: int) -> None:
        self.library.set_position(document.id, seq)

    def bookmarks(self, document: DocumentRecord) -> list[int]:
        return self.library.bookmarks(document.id)

    def toggle_bookmark(self, document: DocumentRecord, seq: int) -> bool:
        return self.library.toggle_bookmark(document.id, seq)

    # Translation -------------------------------------------------------------

    def make_engine(self, name: str, *, url: str | None = None) -> Engine:
        """'argos' (the worker process; needs argostranslate and a model), 'reference',
        or 'libretranslate' (a server at `url`, else the configured one).

        Nothing starts here: the argos worker starts with the first batch.
        """
        engine = self._choose_engine(name, url=url)
        if engine.name == "argos":
            _require_argostranslate()
        return engine

    def _choose_engine(self, name: str, *, url: str | None = None) -> Engine:
        """The engine called `name`, without checking that it can run."""
        if name == "libretranslate":
            return _libretranslate_engine(url)
        if name == "reference":
            from reader.translate.reference import ReferenceEngine

            return ReferenceEngine(self.library)
        if name == "argos":
            from reader.translate.argos import ArgosEngine

            return ArgosEngine()  # no model installed: a ModelError saying how to get one
        raise UserError(
            _("unknown engine '{name}' (use {names})").format(name=name, names=", ".join(ENGINES))
        )

    def translate_documents(
        self,
        documents: Iterable[DocumentRecord],
        engine_name: str,
        *,
        force: bool = False,
        on_progress: DocumentProgressCallback | None = None,
        cancel: TranslationRun | None = None,
        url: str | None = None,
    ) -> list[TranslationReport]:
        """English from engine `engine_name` for what `documents` lack; one report each, in order.

        A worker starts only when a document needs English from this engine.
        When every paragraph has English (a person's, or this model's), each
        report says `needed == 0` ("nothing to translate"), nothing starts and
        argostranslate is not required. Without a model installed this is
        judged by English missing outright (with `force`: or only a
        machine's); if some is missing, the `ModelError` says how to get a
        model. A failing engine ends its document with `report.error` and
        the run goes on to the next (a dead worker fails each at once). The
        engine is closed before returning.

        `on_progress(document, progress)` is called in the running thread,
        once as each document begins and after each stored batch. `cancel`
        is the handle another thread stops the run with; documents it did
        not reach are reported `cancelled`. `url` names the LibreTranslate
        server (else `DWIBAHASA_LT_URL`, else the settings file).

        Raises `UserError` when the engine cannot be made: an unknown name,
        argostranslate missing, no model installed.
        """
        from reader.translation import TranslationReport, TranslationRun

        documents = list(documents)
        run = cancel if cancel is not None else TranslationRun()
        engine = self._engine_for(documents, engine_name, force=force, url=url)
        if engine is None:  # no model, and nothing that would need one
            return [
                TranslationReport(
                    document,
                    engine_name,
                    "",
                    already=self.library.paragraph_count(document.id),
                    cancelled=run.cancelled,
                )
                for document in documents
            ]
        reports = []
        try:
            with run.using(engine):
                for document in documents:
                    reports.append(
                        self.translate(
                            document,
                            engine,
                            force=force,
                            on_progress=_about(document, on_progress),
                            cancel=run.event,
                        )
                    )
        finally:
            engine.close()
        return reports

    def _engine_for(
        self, documents: list[DocumentRecord], name: str, *, force: bool, url: str | None = None
    ) -> Engine | None:
        """The engine `name`, checked that it can run if a document needs English from it.

        None when no model is installed and no document needs one.
        """
        from reader.translate.models import ModelError
        from reader.translation import texts_to_translate

        try:
            engine = self._choose_engine(name, url=url)
        except ModelError:  # without a model only English missing outright tells
            if any(self._lacks_english(document, force=force) for document in documents):
                raise
            return None
        if engine.name == "argos" and any(
            texts_to_translate(self.library, document.id, engine, force=force)
            for document in documents
        ):
            _require_argostranslate()
        return engine

    def _lacks_english(self, document: DocumentRecord, *, force: bool) -> bool:
        """Whether a paragraph has no English at all (with `force`: or only a machine's)."""
        redo = {None, "machine"} if force else {None}
        return any(row.english_status in redo for row in self.rows(document))

    def translate(
        self,
        document: DocumentRecord,
        engine: Engine,
        *,
        force: bool = False,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> TranslationReport:
        """One document through an engine the caller made and will close."""
        from reader.translation import translate_document

        report = translate_document(
            self.library, document, engine, force=force, on_progress=on_progress, cancel=cancel
        )
        self.glossary.ensure_links(document.id)
        return report

    def review_english(self, document: DocumentRecord, seq: int, english: str) -> BilingualRow:
        """A person's English for paragraph `seq`: stored as reviewed, never overwritten."""
        rows = self.rows(document, seq, seq)
        if not rows:
            raise UserError(
                _("'{slug}' has no paragraph {number}").format(slug=document.slug, number=seq)
            )
        text = normalize(english)
        if not text:
            raise UserError(_("the English is empty; nothing was saved"))
        self.library.put_translation(
            rows[0].text, text, engine=REVIEW_ENGINE, model="", status="reviewed"
        )
        self.glossary.ensure_links(document.id)
        return self.rows(document, seq, seq)[0]

    def search(self, query: str, *, lang: str | None = None, limit: int = 50) -> list[SearchHit]:
        if not query.strip():
            raise UserError(_("search needs at least one word"))
        return self.library.search(query, lang=lang, limit=limit)


def _require_argostranslate() -> None:
    """Machine translation runs argostranslate in the worker: refuse early if it is missing."""
    import importlib.util

    if importlib.util.find_spec("argostranslate") is None:
        raise UserError(
            _(
                "machine translation needs argostranslate: install the mt extra"
                " (pip install -c constraints.txt -e '.[mt]', as the README says)"
            )
        )


def _libretranslate_engine(url: str | None) -> Engine:
    """The LibreTranslate engine for `url`, else `DWIBAHASA_LT_URL`, else the settings file."""
    from reader.config import config_path, load_settings
    from reader.ingest.sentences import split_sentences
    from reader.translate.libretranslate import LibreTranslateEngine

    settings = load_settings()
    address = url or settings.url
    if not address:
        raise UserError(
            _(
                "no LibreTranslate server named: use --url, set DWIBAHASA_LT_URL,"
                " or put url under [translate] in {path}"
            ).format(path=config_path())
        )
    return LibreTranslateEngine(address, split=split_sentences, api_key=settings.api_key)


def _about(
    document: DocumentRecord, on_progress: DocumentProgressCallback | None
) -> ProgressCallback | None:
    """A one-document progress callback that tells `on_progress` which document it is about."""
    if on_progress is None:
        return None

    def report(progress: Progress) -> None:
        on_progress(document, progress)

    return report


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A document's short name: what `documents.slug_for` makes of a file name."""


def preview_import(
    path: Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    max_bytes: int | None = None,
) -> PreparedImport:
    """What importing `path` would store, with no library at all (`import --dry-run`)."""
    from reader.importing import prepare

    slug, title = checked_names(slug, title)
    return prepare(path, slug=slug, title=title, max_bytes=max_bytes)


def checked_names(slug: str | None, title: str | None) -> tuple[str | None, str | None]:
    """A user's slug, refused unless it is a short name; a user's title, cleaned of controls."""
    if slug is not None and not SLUG.fullmatch(slug):
        raise UserError(
            _(
                "'{slug}' is not a short name: use lower-case letters, digits and hyphens "
                "(like bab-4-pertahanan)"
            ).format(slug=display_text(slug))
        )
    if title is not None:
        title = normalize(title)
        if not title:
            raise UserError(_("the title is empty"))
    return slug, title


def parse_range(spec: str | None, total: int) -> tuple[int, int]:
    """`"3-7"` → (3, 7); `"5"` → (5, 5); `"4-"` → (4, total); `"-2"` → (1, 2)."""
    if spec is None or not spec.strip():
        return 1, total
    text = spec.strip()
    first, dash, last = text.partition("-")
    try:
        start = int(first) if first.strip() else 1
        end = (int(last) if last.strip() else total) if dash else start
    except ValueError:
        raise UserError(
            _("range '{range}' is not like 3-7, 5, 4- or -2").format(range=spec)
        ) from None
    if start > total or end > total:
        raise UserError(
            _("range '{range}' is outside the document (paragraphs 1 to {total})").format(
                range=spec, total=total
            )
        )
    if start < 1 or end < start:
        raise UserError(
            _("range '{range}' is empty; paragraphs are numbered 1 to {total}").format(
                range=spec, total=total
            )
        )
    return start, end
