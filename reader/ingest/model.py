"""What the stages of an import hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.documents import Block
from reader.i18n import _
from reader.i18n import ngettext as _ngettext

if TYPE_CHECKING:
    from gettext import NullTranslations


REASONS = (
    "page-number",
    "running-header",
    "catchword",
    "notice",
    "boilerplate",
    "masthead",
)
"""Why an import may remove text: each removal is recorded (`Removal`), never silent.

`masthead` is a journal's front page block (journal, volume, ISSN, title, authors)
that becomes the document's title and details instead of a paragraph."""


@dataclass(frozen=True, slots=True)  # a long text has hundreds of thousands
class Removal:
    """One piece of the input an import left out, with why and where.

    Every removal rule records what it took, so that the words of the output
    plus the removals are the words of the input (the no-loss test).
    """

    text: str
    reason: str
    """One of `REASONS`."""
    page: int | None = None
    """1-based page of a paged source (PDF, text with form feeds), else None."""

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "reason": self.reason, "page": self.page}


@dataclass(frozen=True)
class PagedBlock(Block):
    """A block read from a paged source (PDF), with the 1-based page it starts on.

    Stored with its paragraph (`paragraphs.page`) so that a footnote shows its page. A
    `Block` elsewhere: formats without pages make plain blocks.
    """

    page: int | None = None


def with_page(block: Block, page: int | None) -> Block:
    """`block` with its page, or `block` itself when the page is unknown."""
    if page is None:
        return block
    return PagedBlock(block.kind, block.text, block.lang, block.level, page)


@dataclass
class Extracted:
    """A file's content as its reader found it, before cleaning and segmenting.

    Flowing text (plain text, PDF) comes as `pages` of raw text, to be cleaned
    and segmented; formats that carry their own structure (DOCX, HTML,
    Markdown) come as `blocks` already.
    """

    source_format: str
    """'txt', 'md', 'pdf', 'docx' or 'html'."""
    pages: list[str] | None = None
    blocks: list[Block] | None = None
    title: str | None = None
    meta: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    texts_format: bool = False
    """In the bundled `texts/` format (`reader.documents.is_texts_format`): blocks as written."""
    sha256: str = ""
    """The digest of the bytes read (the file may change after)."""
    legacy_lines: int = 0
    """Lines of a text file decoded from `legacy_encoding` because they were not UTF-8."""
    legacy_encoding: str = ""
    removals: list[Removal] = field(default_factory=list)
    """What the reader left out itself (page furniture found by position, web boilerplate)."""
    lines: list[object] | None = None
    """Layout lines (`reader.ingest.segment.Line`) of a format read with positions (PDF)."""


@dataclass(frozen=True)
class Removed:
    """How much cleaning took out of a document, by kind, and what decoding had to guess.

    Kept as counts so that each reader words them in its own language: people
    in the interface language, JSON output in English.
    """

    page_numbers: int = 0
    running_headers: int = 0
    """Running headers and footers, on their own lines or left inside sentences."""
    notices: int = 0
    """Copyright and contact notices."""
    catchwords: int = 0
    boilerplate: int = 0
    """Web page furniture: navigation, banners, share bars, comments (HTML)."""
    legacy_lines: int = 0
    """Lines that were not UTF-8, decoded from `legacy_encoding` (nothing was removed)."""
    legacy_encoding: str = ""

    def __bool__(self) -> bool:
        return any(
            (
                self.page_numbers,
                self.running_headers,
                self.notices,
                self.catchwords,
                self.boilerplate,
            )
        ) or bool(self.legacy_lines)

    @classmethod
    def count(
        cls, removals: list[Removal], *, legacy_lines: int = 0, legacy_encoding: str = ""
    ) -> Removed:
        """The counts of a removal record, by reason."""
        reasons = [removal.reason for removal in removals]
        return cls(
            page_numbers=reasons.count("page-number"),
            running_headers=reasons.count("running-header"),
            notices=reasons.count("notice"),
            catchwords=reasons.count("catchword"),
            boilerplate=reasons.count("boilerplate"),
            legacy_lines=legacy_lines,
            legacy_encoding=legacy_encoding,
        )

    def describe(self, translation: NullTranslations | None = None) -> str:
        """One line saying what was removed and what was not UTF-8, or '' if neither.

        In the interface language, or in the language of `translation`
        (`reader.i18n.translation("en")` for output that scripts read).
        """
        gettext = _ if translation is None else translation.gettext
        ngettext = _ngettext if translation is None else translation.ngettext
        # Count labels, not sentences: English keeps the plural even for 1, as it always has.
        items = []
        if self.page_numbers:
            items.append(gettext("{count} page numbers").format(count=self.page_numbers))
        if self.running_headers:
            items.append(
                gettext("{count} running headers/footers").format(count=self.running_headers)
            )
        if self.notices:
            items.append(gettext("{count} copyright/contact notices").format(count=self.notices))
        if self.catchwords:
            items.append(gettext("{count} catch-words").format(count=self.catchwords))
        if self.boilerplate:
            items.append(
                gettext("{count} web page boilerplate items").format(count=self.boilerplate)
            )
        parts = [gettext("removed {items}").format(items=", ".join(items))] if items else []
        if self.legacy_lines:
            parts.append(
                ngettext(
                    "{count} line was not UTF-8 and was read as {encoding}",
                    "{count} lines were not UTF-8 and were read as {encoding}",
                    self.legacy_lines,
                ).format(count=self.legacy_lines, encoding=self.legacy_encoding)
            )
        return "; ".join(parts)
