"""A plain-text import in bounded memory: the stages of `pipeline.ingest_pages`, streamed.

A 50 MB text held whole costs up to 100 MB as one Python string (two bytes a
character once it has a curly quote), and every stage that makes a new string
costs that again. So a UTF-8 text file goes through in pieces instead, in three
passes, each handing the next a spooled temporary file (memory while small,
disk beyond `SPOOL_BYTES`):

1. read and decode 1 MB at a time (digest, UTF-8 check, `tidy` on whole lines),
   counting the shapes of page-edge lines that running headers are found by;
2. remove page furniture a page (or, in a text without pages, a line) at a
   time, notices through `NoticeStream`, and inline running headers a
   `HEADER_WINDOW` of text at a time; counting what segmenting needs of the
   whole text (line widths, blank-line groups, hyphenated compounds);
3. segment `SEGMENT_LINES` lines at a time, starting each part where the last
   left no paragraph open (`segment.segment_part`), into a `BlockSpool`.

The result is the whole-text pipeline's, block for block and removal for
removal, with one difference: inline running headers are sought in each
`HEADER_WINDOW` of text (a header recurs on every page, so a window of 256 KB
sees it hundreds of times). Anything else (another encoding, escape
sequences, front matter, text that lost its line breaks) is read whole by the
caller.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import tempfile
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, overload

from reader.documents import Block
from reader.ingest.clean import (
    CleanReport,
    EdgeCounts,
    NoticeStream,
    clean_page,
    clean_single_page_line,
    is_page_number,
    remove_inline_headers,
    word_lexicon,
)
from reader.ingest.decode import tidy
from reader.ingest.finish import finish_blocks, first_heading, note_flow, title_case
from reader.ingest.segment import (
    LOOKAHEAD_LINES,
    Line,
    line_of,
    segment_flow,
    segment_part,
)

READ_BYTES = 1 << 20
HEADER_WINDOW = 1 << 18
"""Characters of text searched together for running headers left inside sentences."""
SEGMENT_LINES = 20_000
SPOOL_BYTES = 4 << 20
_NOTICE_PIECE = 1 << 16
_HEAD_BYTES = 1 << 16
_ESCAPES = ("\x1b", "\x9b")


@dataclass(frozen=True)
class Limits:
    """Piece sizes of a streamed import (small ones in tests, to cross many piece edges)."""

    read_bytes: int = READ_BYTES
    header_window: int = HEADER_WINDOW
    segment_lines: int = SEGMENT_LINES


class BlockSpool(Sequence[Block]):
    """Blocks kept in a temporary file (memory while small), read again on each pass."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self._count = 0
        self._end = 0

    def append(self, block: Block) -> None:
        line = json.dumps([block.kind, block.text, block.lang, block.level], ensure_ascii=False)
        data = line.encode("utf-8") + b"\n"
        self._file.seek(self._end)
        self._file.write(data)
        self._end += len(data)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Block]:
        position = 0
        for _ in range(self._count):
            self._file.seek(position)  # each iteration keeps its own place
            line = self._file.readline()
            position += len(line)
            kind, text, lang, level = json.loads(line)
            yield Block(kind=kind, text=text, lang=lang, level=level)

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> list[Block]: ...
    def __getitem__(self, index: int | slice) -> Block | list[Block]:
        if isinstance(index, slice):
            wanted = range(*index.indices(self._count))
            chosen = {i: block for i, block in enumerate(self) if i in wanted}
            return [chosen[i] for i in wanted]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return next(block for i, block in enumerate(self) if i == index)

    def close(self) -> None:
        self._file.close()


@dataclass
class Streamed:
    """A text file's blocks and title, what cleaning removed, and the digest of its bytes."""

    title: str | None
    blocks: Sequence[Block]
    sha256: str
    meta: dict[str, object] = field(default_factory=dict)
    report: CleanReport = field(default_factory=CleanReport)


def ingest_text_file(
    path: Path, *, max_bytes: int, limits: Limits | None = None
) -> Streamed | None:
    """A UTF-8 plain-text file imported in bounded memory, or None if it needs the whole path.

    None for everything not plainly a UTF-8 `.txt`-like text: other formats and
    encodings, escape sequences, front matter, any failure (the whole-text
    reader then says what is wrong), and text whose line breaks carry no layout.
    """
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if not path.is_file() or size > max_bytes or size == 0:
            return None
        with path.open("rb") as file:
            if not _plain_text(file.read(_HEAD_BYTES), path):
                return None
            file.seek(0)
            raw = _read(file, max_bytes, limits)
    except OSError:
        return None
    if raw is None:
        return None
    text, sha256, edges = raw
    try:
        return _clean_and_segment(text, sha256, edges, limits)
    finally:
        text.close()


def _plain_text(head: bytes, path: Path) -> bool:
    """Whether the file's start says plain UTF-8 text (not PDF, DOCX, HTML, Markdown)."""
    from reader.errors import ImportFailed
    from reader.ingest.read import _text_format, detect_format

    if b"\x00" in head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        if detect_format(head, path) != "text":
            return False
    except ImportFailed:
        return False
    start = codecs.getincrementaldecoder("utf-8")("replace").decode(head)
    start = start.lstrip("\ufeff")
    if start.startswith("---"):
        return False  # front matter, perhaps: the Markdown reader's
    return _text_format(tidy(start), path) == "txt"


@dataclass
class _Edges:
    """Pass 1's count of page-edge lines, whether the text has content, and its pages."""

    paged: EdgeCounts = field(default_factory=EdgeCounts)
    single: EdgeCounts = field(default_factory=EdgeCounts)
    pages: int = 1
    content: bool = False
    last_page_blank: bool = True
    _first: list[str] = field(default_factory=list)
    _last: deque[str] = field(default_factory=lambda: deque(maxlen=2))

    def line(self, line: str) -> None:
        if not line.strip():
            return
        self.content = True
        self.last_page_blank = False
        if self.pages == 1:
            self.single.add_single_line(line)
        if not is_page_number(line):
            if len(self._first) < 2:
                self._first.append(line)
            self._last.append(line)

    def page_break(self) -> None:
        self._end_page()
        self.pages += 1
        self.last_page_blank = True

    def finish(self) -> None:
        if self.pages > 1 and self.last_page_blank:
            self.pages -= 1  # the form feed that ends the last page opens none
        else:
            self._end_page()

    def _end_page(self) -> None:
        self.paged.add_page([*self._first, *self._last])
        self._first, self._last = [], deque(maxlen=2)

    def repeated(self) -> set[str]:
        return self.paged.repeated() if self.pages >= 2 else self.single.repeated_single()


def _read(file: IO[bytes], max_bytes: int, limits: Limits) -> tuple[IO[str], str, _Edges] | None:
    """Pass 1: the tidied text in a spool, its digest and edge counts; None if not UTF-8."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    spool = _spool()
    edges = _Edges()
    carry = ""
    total = 0
    at_start = True
    try:
        while True:
            data = file.read(limits.read_bytes)
            total += len(data)
            if total > max_bytes:
                raise _NotStreamable
            digest.update(data)
            final = not data
            try:
                text = carry + decoder.decode(data, final=final)
            except UnicodeDecodeError:
                raise _NotStreamable from None
            if any(escape in text for escape in _ESCAPES):
                raise _NotStreamable  # an unterminated OSC would eat the rest of the text
            if final:
                ready, carry = text, ""
            else:
                # Whole lines only, and never a \r whose \n may come next.
                end = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1))
                ready, carry = text[: end + 1], text[end + 1 :]
            if ready:
                tidied = tidy(ready, keep_form_feeds=True, at_start=at_start)
                at_start = False
                spool.write(tidied)
                _count_edges(tidied, edges)
            if final:
                break
    except _NotStreamable:
        spool.close()
        return None
    edges.finish()
    if not edges.content:
        spool.close()
        return None  # empty: the whole-text reader says so
    spool.seek(0)
    return spool, digest.hexdigest(), edges


class _NotStreamable(Exception):
    """The file needs the whole-text path."""


def _count_edges(text: str, edges: _Edges) -> None:
    # The pieces end after a line break (or at the end of the text), so a piece's
    # first line continues no line of the one before.
    for line in text.split("\n"):
        pages = line.split("\f")
        edges.line(pages[0])
        for page_start in pages[1:]:
            edges.page_break()
            edges.line(page_start)


def _spool() -> IO[str]:
    return tempfile.SpooledTemporaryFile(
        max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline="\n"
    )


def _pages(text: IO[str], pages: int) -> Iterator[list[str]]:
    """The lines of each of the text's first `pages` pages."""
    page: list[str] = []
    count = 1
    pending = ""
    for piece in text:
        lines = (pending + piece).split("\n")
        pending = lines.pop()
        for line in lines:
            parts = line.split("\f")
            page.append(parts[0])
            for part in parts[1:]:
                yield page
                count += 1
                page = [part]
    parts = pending.split("\f")
    page.append(parts[0])
    for part in parts[1:]:
        yield page
        count += 1
        page = [part]
    if count <= pages:
        yield page


def _kept_lines(text: IO[str], edges: _Edges, report: CleanReport) -> Iterator[str]:
    """Pass 2a: the lines `remove_page_furniture` keeps, page by page or line by line."""
    repeated = edges.repeated()
    if edges.pages < 2:  # one page, however long: a line at a time
        for piece in text:
            for line in piece.removesuffix("\n").split("\n"):
                first, feed, _ = line.partition("\f")
                if clean_single_page_line(first, repeated, report):
                    yield first
                if feed:
                    return  # what follows the last form feed is blank: no page
        return
    previous: list[str] | None = None
    number = 0
    for page in _pages(text, edges.pages):
        if previous is not None:
            number += 1
            yield from clean_page(previous, page, number, repeated, report)
        previous = page
    if previous is not None:
        yield from clean_page(previous, [], number + 1, repeated, report)


@dataclass
class _SegmentCounts:
    """What segmenting needs to know of the whole text, counted line by line."""

    lengths: Counter[int] = field(default_factory=Counter)
    """Lengths of lines with content (as they are): does the text flow?"""
    widths: Counter[int] = field(default_factory=Counter)
    """Lengths of stripped lines of 20 characters or more: the typical width."""
    groups: Counter[int] = field(default_factory=Counter)
    """Sizes of runs of lines without a blank line."""
    lexicon: set[str] = field(default_factory=set)
    """`clean.word_lexicon` of the whole text: the evidence hyphens are mended by."""
    _run: int = 0

    def line(self, raw: str) -> None:
        if not raw.strip():
            if self._run:
                self.groups[self._run] += 1
            self._run = 0
            return
        self._run += 1
        self.lengths[len(raw)] += 1
        text = raw.replace("\t", "    ").strip()
        if len(text) >= 20:
            self.widths[len(text)] += 1
        self.lexicon |= word_lexicon(text)

    def finish(self) -> None:
        if self._run:
            self.groups[self._run] += 1
        self._run = 0

    def flows(self) -> bool:
        """`segment.looks_like_flow` of the whole text."""
        if not self.lengths:
            return False
        if max(self.lengths) < 600:
            return False
        return self.lengths.total() <= 3 or _median(self.lengths) > 400

    def width(self) -> int:
        """`segment._typical_width` of the whole text."""
        total = self.widths.total()
        if not total:
            return 80
        return _nth(self.widths, min(total - 1, int(0.9 * total)))

    def blank_means_break(self) -> bool:
        """`segment._blank_lines_mean_paragraphs` of the whole text."""
        total = self.groups.total()
        if total < 4:
            return True
        return _median(self.groups) > 2


def _nth(counts: Counter[int], index: int) -> int:
    """The `index`-th value (from 0) of the sorted values that `counts` counts."""
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if index < seen:
            return value
    raise IndexError(index)


def _median(counts: Counter[int]) -> float:
    total = counts.total()
    middle = total // 2
    if total % 2:
        return _nth(counts, middle)
    return (_nth(counts, middle - 1) + _nth(counts, middle)) / 2


def _clean_and_segment(
    text: IO[str], sha256: str, edges: _Edges, limits: Limits
) -> Streamed | None:
    furniture, notices, headers = CleanReport(), CleanReport(), CleanReport()
    cleaned = _spool()
    counts = _SegmentCounts()
    try:
        _clean(text, edges, (furniture, notices, headers), cleaned, counts, limits)
        report = _merge(furniture, notices, headers)
        meta: dict[str, object] = {}
        if report.notices:
            meta["notices"] = report.notices
        cleaned.seek(0)
        if counts.flows():
            return _flowing(cleaned.read()[:-1], sha256, meta, report)
        blocks = BlockSpool()
        _segment(cleaned, counts, blocks, limits)
    finally:
        cleaned.close()
    heading = first_heading(blocks[:5])
    return Streamed(title_case(heading) if heading else None, blocks, sha256, meta, report)


def _clean(
    text: IO[str],
    edges: _Edges,
    reports: tuple[CleanReport, CleanReport, CleanReport],
    out: IO[str],
    counts: _SegmentCounts,
    limits: Limits,
) -> None:
    """Pass 2: furniture, notices and inline headers out; the lines to `out`, counted."""
    furniture, notices, headers = reports
    stream = NoticeStream(notices)
    window: list[str] = []
    window_size = 0

    def flush_window(final: bool) -> None:
        nonlocal window, window_size
        joined = "".join(window)
        cut = len(joined) if final else joined.rfind("\n") + 1
        if not cut:
            return
        done = remove_inline_headers(joined[:cut], headers)
        out.write(done)
        for line in done.split("\n")[:-1]:
            counts.line(line)
        rest = joined[cut:]
        window, window_size = [rest], len(rest)

    def take(cleaned: str) -> None:
        nonlocal window_size
        if cleaned:
            window.append(cleaned)
            window_size += len(cleaned)
            if window_size >= limits.header_window:
                flush_window(final=False)

    piece: list[str] = []
    piece_size = 0
    for line in _kept_lines(text, edges, furniture):
        piece.append(line)
        piece_size += len(line) + 1
        if piece_size >= _NOTICE_PIECE:
            piece.append("")
            take(stream.feed("\n".join(piece)))
            piece, piece_size = [], 0
    if piece:
        piece.append("")
        take(stream.feed("\n".join(piece)))
    take(stream.finish())
    flush_window(final=True)
    counts.finish()


def _merge(*reports: CleanReport) -> CleanReport:
    """One report, its removals in the order the whole-text pipeline records them."""
    merged = CleanReport()
    for report in reports:
        merged.page_numbers += report.page_numbers
        merged.notices.extend(report.notices)
        merged.catchwords += report.catchwords
        merged.removals.extend(report.removals)
    return merged


def _flowing(text: str, sha256: str, meta: dict[str, object], report: CleanReport) -> Streamed:
    """Text whose line breaks were lost: segmented whole, as `ingest_pages` does."""
    flow = segment_flow(text)
    note_flow(flow, meta, report)
    blocks = finish_blocks(flow.blocks)
    title = flow.title if flow.title is not None else first_heading(blocks)
    return Streamed(title_case(title) if title else None, blocks, sha256, meta, report)


def _segment(cleaned: IO[str], counts: _SegmentCounts, out: BlockSpool, limits: Limits) -> None:
    """Pass 3: `segment_lines` a part at a time; each part starts where no paragraph is open."""
    width = counts.width()
    blank_means_break = counts.blank_means_break()
    lines: list[Line] = []
    start = 0
    in_references = False
    blank = False
    next_run = limits.segment_lines + LOOKAHEAD_LINES

    def run(final: bool) -> None:
        nonlocal lines, start, in_references
        part = segment_part(
            lines,
            counts.lexicon,
            width,
            blank_means_break,
            start=start,
            in_references=in_references,
        )
        if final:
            keep = len(part.blocks)
        else:
            limit = len(lines) - LOOKAHEAD_LINES
            usable = [r for r in part.restarts if start < r[0] <= limit]
            if not usable:
                return  # one paragraph goes on: read more lines and try again
            index, keep, in_references = usable[-1]
            lines, start = lines[index - 1 :], 1
        for block in finish_blocks(part.blocks[:keep]):
            out.append(block)

    for raw in cleaned:
        raw = raw[:-1] if raw.endswith("\n") else raw
        if not raw.strip():
            blank = True
            continue
        lines.append(line_of(raw, blank))
        blank = False
        if len(lines) >= next_run:
            run(final=False)
            next_run = len(lines) + limits.segment_lines
    if lines:
        run(final=True)


__all__ = ["BlockSpool", "Limits", "Streamed", "ingest_text_file"]
