"""Run the import stages on a file: read → clean → segment → mark languages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.documents import DEFAULT_MAX_BYTES, Block
from reader.ingest.clean import (
    CleanReport,
    remove_inline_headers,
    remove_notices,
    remove_page_furniture,
)
from reader.ingest.finish import MINOR_WORDS, note_flow, title_case
from reader.ingest.finish import finish_blocks as _finish
from reader.ingest.finish import first_heading as _first_heading
from reader.ingest.model import Extracted, Removal, Removed
from reader.ingest.segment import (
    Line,
    looks_like_flow,
    segment_flow,
    segment_layout,
    segment_lines,
)

if TYPE_CHECKING:
    from gettext import NullTranslations


@dataclass
class Ingested:
    """A document ready to store: its blocks, a title, and what cleaning removed."""

    title: str | None
    blocks: Sequence[Block]
    """A list, or for a streamed text a `stream.BlockSpool` (read from a temporary file)."""
    source_format: str
    meta: dict[str, object] = field(default_factory=dict)
    report: CleanReport = field(default_factory=CleanReport)
    warnings: list[str] = field(default_factory=list)
    legacy_lines: int = 0
    """Lines decoded from `legacy_encoding` because they were not UTF-8."""
    legacy_encoding: str = ""
    removals: list[Removal] = field(default_factory=list)
    """Everything the import left out, in order, with its reason (reader's and cleaning's)."""

    @property
    def removed(self) -> Removed:
        """What cleaning took out, counted by kind, and the lines that were not UTF-8."""
        if not self.removals:  # made from a cleaning report alone: its counts
            report = self.report
            return Removed(
                page_numbers=report.page_numbers,
                running_headers=len(report.removed("running-header")),
                notices=len(report.notices),
                catchwords=report.catchwords,
                legacy_lines=self.legacy_lines,
                legacy_encoding=self.legacy_encoding,
            )
        return Removed.count(
            self.removals,
            legacy_lines=self.legacy_lines,
            legacy_encoding=self.legacy_encoding,
        )

    def removed_summary(self, translation: NullTranslations | None = None) -> str:
        """One line saying what was cleaned away, or '' if nothing was (see `Removed.describe`)."""
        return self.removed.describe(translation)


def ingest_file(path: Path, *, max_bytes: int | None = None) -> Ingested:
    """Read any supported file (up to `max_bytes`, 50 MB by default) and return its paragraphs."""
    ingested = ingest_streamed(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    if ingested is not None:
        return ingested[0]
    from reader.ingest.read import read_file

    return ingest_extracted(read_file(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES))


def ingest_streamed(path: Path, *, max_bytes: int) -> tuple[Ingested, str] | None:
    """A plain UTF-8 text file ingested in bounded memory (`reader.ingest.stream`), and the
    digest of its bytes; None for every other file, which is read whole."""
    from reader.ingest.stream import ingest_text_file

    streamed = ingest_text_file(path, max_bytes=max_bytes)
    if streamed is None:
        return None
    ingested = Ingested(streamed.title, streamed.blocks, "txt", streamed.meta, streamed.report)
    ingested.removals = list(streamed.report.removals)
    return ingested, streamed.sha256


def ingest_extracted(extracted: Extracted) -> Ingested:
    if extracted.blocks is not None:
        blocks = _finish(extracted.blocks)
        title = extracted.title or _first_heading(blocks)
        result = Ingested(title, blocks, extracted.source_format, dict(extracted.meta))
    elif extracted.lines is not None:  # read with positions: furniture is out already
        lines = [line for line in extracted.lines if isinstance(line, Line)]
        blocks = _finish(segment_layout(lines))
        heading = _first_heading(blocks)
        title = extracted.title or (title_case(heading) if heading else None)
        result = Ingested(title, blocks, extracted.source_format, dict(extracted.meta))
    else:
        result = ingest_pages(extracted.pages or [])
        result.source_format = extracted.source_format
        result.title = extracted.title or result.title
        result.meta.update(extracted.meta)
    result.removals = [*extracted.removals, *result.report.removals]
    result.warnings.extend(extracted.warnings)
    result.legacy_lines = extracted.legacy_lines
    result.legacy_encoding = extracted.legacy_encoding
    return result


def ingest_pages(pages: list[str]) -> Ingested:
    """Clean and segment raw page texts (the path every flowing-text format takes)."""
    report = CleanReport()
    lines = remove_page_furniture(pages, report)
    text = remove_inline_headers(remove_notices("\n".join(lines), report), report)
    meta: dict[str, object] = {}
    if looks_like_flow(text.split("\n")):
        flow = segment_flow(text)
        blocks, title = flow.blocks, flow.title
        note_flow(flow, meta, report)
    else:
        blocks = segment_lines(text.split("\n"))
        title = None
    blocks = _finish(blocks)
    if title is None:
        title = _first_heading(blocks)
    if report.notices:
        meta["notices"] = report.notices
    return Ingested(
        title=title_case(title) if title else None,
        blocks=blocks,
        source_format="txt",
        meta=meta,
        report=report,
    )


__all__ = [
    "MINOR_WORDS",
    "Ingested",
    "ingest_extracted",
    "ingest_file",
    "ingest_pages",
    "title_case",
]
