"""Turn a file into a document ready to store: the bundled `texts/` format or any other file.

Every file is read by `reader.ingest.read`, which tells the `texts/` format
(`reader.documents.is_texts_format`: front matter with `lang`) from other
Markdown. `texts/`-format files (one block per paragraph, optional `.en.md`
beside them) are taken as they are; everything else goes through the rest of
the `reader.ingest` pipeline (clean → segment). Both honour the same size limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.documents import (
    DEFAULT_MAX_BYTES,
    PARAGRAPHS_GUESSED,
    BilingualSource,
    Block,
    load_source,
    slug_for,
)
from reader.errors import UserError
from reader.i18n import _, translation
from reader.ingest.model import Removal, Removed


@dataclass
class PreparedImport:
    """A document's metadata and blocks, and (for `texts/` files) its reference English."""

    slug: str
    title: str
    lang: str
    sha256: str
    blocks: Sequence[Block]
    """A list, or for a streamed text a `reader.ingest.stream.BlockSpool`."""
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    year: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    reference: list[Block] | None = None
    summary: str = ""
    """What cleaning removed, in one line of English ('' if nothing): data for JSON output.

    People read `removed.describe()`, which speaks the interface language.
    """
    removed: Removed = field(default_factory=Removed)
    """What cleaning removed, counted by kind."""
    removals: list[Removal] = field(default_factory=list)
    """Every piece left out, with its text, reason and page (the no-loss record)."""
    source_format: str = "md"

    @property
    def paragraphs_guessed(self) -> bool:
        """The file kept no line breaks, so its paragraph breaks are guesses."""
        return bool(self.meta.get(PARAGRAPHS_GUESSED))


def paragraphs_guessed_note() -> str:
    """What people are told about a file whose paragraph breaks are guesses."""
    return _("paragraph breaks guessed: the file kept no line breaks")


def prepare(
    path: Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    max_bytes: int | None = None,
) -> PreparedImport:
    """Read, clean and segment `path` without touching the library.

    Files over `max_bytes` (default `DEFAULT_MAX_BYTES`) raise `FileTooLarge`, whatever
    their format.
    """
    # The heavier readers load only when needed.
    from reader.ingest.pipeline import ingest_extracted, ingest_streamed
    from reader.ingest.read import read_file

    limit = max_bytes or DEFAULT_MAX_BYTES
    streamed = ingest_streamed(path, max_bytes=limit)  # plain text, in bounded memory
    if streamed is not None:
        ingested, sha256 = streamed
    else:
        extracted = read_file(path, max_bytes=limit)
        if extracted.texts_format:  # read again with its reference English, if it has one
            return from_texts(load_source(path, slug=slug, max_bytes=limit), title)
        ingested = ingest_extracted(extracted)
        sha256 = extracted.sha256  # of the bytes read: reading again could see another file
    removed = ingested.removed
    if not ingested.blocks:
        raise UserError(_("{path}: no paragraphs found; is it the right file?").format(path=path))
    return PreparedImport(
        slug=slug or slug_for(path),
        title=title or ingested.title or _title_from_name(path),
        lang="id",
        sha256=sha256,
        blocks=ingested.blocks,
        meta={"source_format": ingested.source_format, **ingested.meta},
        summary=removed.describe(translation("en")),  # English: it is data in JSON output
        removed=removed,
        removals=ingested.removals,
        source_format=ingested.source_format,
    )


def from_texts(source: BilingualSource, title: str | None = None) -> PreparedImport:
    meta = dict(source.source.meta)
    extra: dict[str, Any] = {}
    if source.reference is not None:
        extra = {"title_en": source.reference.meta.get("title"), "reference_translation": True}
    year = meta.pop("year", None)
    return PreparedImport(
        slug=source.slug,
        title=title or str(meta.pop("title")),
        lang=str(meta.pop("lang")),
        sha256=source.sha256,
        blocks=source.source.blocks,
        authors=list(meta.pop("authors")),
        source=None if meta.get("source") is None else str(meta.pop("source")),
        year=year if isinstance(year, int) else None,
        meta={**meta, **extra},
        reference=source.reference.blocks if source.reference is not None else None,
    )


def _title_from_name(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name
