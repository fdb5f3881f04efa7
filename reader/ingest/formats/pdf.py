"""PDF → `Extracted`: lines with their positions and type, read as a person reads a page.

pypdfium2 (PDFium, Apache-2.0/BSD-3-Clause) gives every character's box, font size
and weight in C at a few calls per line, so layout costs little: columns are read in
order, running headers, footers and page numbers are found by their place at a page's
edge across pages (and recorded as removals), footnotes by their smaller type below
the body, headings by larger or bold type. Segmenting then works on these lines
(`reader.ingest.segment.segment_layout`). Why this library: docs/architecture.md.
"""

from __future__ import annotations

import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from reader.errors import ImportFailed
from reader.i18n import _
from reader.ingest.clean import LEGAL_HEADING, is_page_number
from reader.ingest.decode import tidy
from reader.ingest.model import Extracted, Removal
from reader.ingest.segment import Line
from reader.safe_text import normalize

_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*(?:\r\n|\r|\n)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|(?<=\ufffe)(?![\r\n])")
"""Where a printed line ends: a line break, or PDFium's line-end hyphen (U+FFFE), which
after a hard hyphen (`Undang-` / `Undang`) comes with no line break at all."""
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?;:,][\"'”’)\]]*$")
_CLOSED = re.compile(r"[.!?;:][\"'”’)\]]*$")
"""A line that closes a sentence or clause; a heading may wrap after a comma (`ORANG TUA,`)."""
_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: one document at a time in a process."""

EDGE_SHARE = 0.12
"""Running headers, footers and page numbers sit in this share of the page at top or bottom."""
NOTE_SIZE = 0.92
"""Footnotes are set in type at most this share of the body size."""
HEADING_SIZE = 1.12
"""Headings are set in type at least this share of the body size (or in bold)."""
GAP_SHARE = 1.35
"""A vertical gap this many times the usual line spacing separates paragraphs."""


@dataclass(frozen=True)
class PdfLine:
    """One printed line: text, box (PDF points, origin bottom left), type size and weight."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool
    page: int


def read_pdf(data: bytes, name: str) -> Extracted:
    """Read a PDF's text layer into layout lines (and plain page texts)."""
    import pypdfium2  # type: ignore[import-untyped]

    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            if "password" in str(error).lower():
                raise ImportFailed(
                    _("{name}: is encrypted; remove the password and try again").format(name=name)
                ) from None
            raise ImportFailed(
                _("{name}: cannot read this PDF ({reason}); it may be damaged").format(
                    name=name, reason=_reason(error)
                )
            ) from None
        try:
            pages = [_page_lines(document, index) for index in range(len(document))]
            info = _metadata(document)
        except Exception as error:  # PDFium reports damage inside pages this way
            raise ImportFailed(
                _("{name}: cannot read this PDF ({reason}); it may be damaged").format(
                    name=name, reason=_reason(error)
                )
            ) from None
        finally:
            document.close()
    if not pages:
        raise ImportFailed(
            _("{name}: cannot read this PDF (it has no pages); it may be damaged").format(name=name)
        )
    if not any(page for page in pages):
        raise ImportFailed(
            _(
                "{name}: has no text layer: run OCR first (e.g. ocrmypdf) and import the result"
            ).format(name=name)
        )
    removals: list[Removal] = []
    lines = layout_lines(pages, removals)
    meta: dict[str, object] = {"page_count": len(pages)}
    if info.get("Author"):
        meta["authors"] = [info["Author"]]
    return Extracted(
        "pdf",
        pages=["\n".join(line.text for line in page) for page in pages],
        title=info.get("Title") or None,
        meta=meta,
        removals=removals,
        lines=list(lines),
    )


def _metadata(document: Any) -> dict[str, str]:
    try:
        raw: dict[str, Any] = document.get_metadata_dict(skip_empty=True)
    except Exception:  # metadata is optional: a damaged info dictionary is none
        return {}
    return {key: normalize(str(value)) for key, value in raw.items() if normalize(str(value))}


def _page_lines(document: Any, index: int) -> list[PdfLine]:
    """The printed lines of one page, in reading order (columns one after the other)."""
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    page = document[index]
    try:
        width = page.get_width()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            raw = textpage.raw
            lines: list[PdfLine] = []
            position = 0
            for match in [*_LINE_BREAK.finditer(text), None]:
                end = match.start() if match is not None else len(text)
                segment = text[position:end]
                start = position
                position = match.end() if match is not None else len(text)
                stripped = segment.strip()
                if not stripped:
                    continue
                first = start + (len(segment) - len(segment.lstrip()))
                last = start + len(segment.rstrip()) - 1
                middle = (first + last) // 2
                left, _bottom, _right, _top = textpage.get_charbox(first)
                _left, _bottom, right, _top = textpage.get_charbox(last)
                bottom = _baseline(pdfium_c, raw, middle, first)
                size = max(
                    pdfium_c.FPDFText_GetFontSize(raw, first),
                    pdfium_c.FPDFText_GetFontSize(raw, middle),
                )
                bold = all(_is_bold(pdfium_c, raw, i) for i in {first, middle, last})
                line = PdfLine(
                    _page_text(stripped), left, right, bottom, round(size, 1), bold, index + 1
                )
                if lines and _same_line(lines[-1], line):
                    previous = lines[-1]
                    gap = " " if line.x0 - previous.x1 > 0.1 * line.size else ""
                    lines[-1] = replace(
                        previous, text=previous.text + gap + line.text, x1=max(previous.x1, right)
                    )
                else:
                    lines.append(line)
        finally:
            textpage.close()
    finally:
        page.close()
    return _reading_order(lines, width)


def _baseline(pdfium_c: Any, textpage: Any, *indexes: int) -> float:
    """The line's baseline: the lowest character origin among `indexes`.

    A glyph's box bottom moves with its shape (`y` and `p` reach below the line, a
    superscript sits above it), so boxes make even line spacing look uneven; origins
    sit on the baseline.
    """
    import ctypes

    lowest: float | None = None
    for index in indexes:
        x, y = ctypes.c_double(), ctypes.c_double()
        if pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y)):
            lowest = y.value if lowest is None else min(lowest, y.value)
    return lowest if lowest is not None else 0.0


def _is_bold(pdfium_c: Any, textpage: Any, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600:
        return True
    buffer = (pdfium_c.c_char * 128)()
    flags = pdfium_c.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, 128, pdfium_c.byref(flags))
    font = bytes(buffer[: max(0, length - 1)]).decode("latin-1", "replace").lower()
    return "bold" in font or "black" in font or "heavy" in font


def _same_line(previous: PdfLine, line: PdfLine) -> bool:
    """A piece the text stream broke off a printed line (after a superscript, a font change)."""
    return abs(previous.y - line.y) < 0.35 * max(previous.size, line.size) and (
        line.x0 >= previous.x1 - 1
    )


def _page_text(text: str) -> str:
    # PDFium shows a hyphen that ends a line as U+FFFE, whoever put it there.
    text = text.replace("\ufffe", "-")
    return tidy(_SOFT_HYPHEN_BREAK.sub("\u2010\n", text)).replace("\n", " ")


def _pdf_page_text(text: str) -> str:
    """A page's text, tidied; a soft hyphen that broke a word at a line end shows as `-`."""
    return tidy(_SOFT_HYPHEN_BREAK.sub("-\n", text))


def _reading_order(lines: list[PdfLine], width: float) -> list[PdfLine]:
    """Two columns read left then right, between the full-width lines above and below them."""
    middle = width / 2
    margin = 0.02 * width
    left = [line for line in lines if line.x1 <= middle + margin]
    right = [line for line in lines if line.x0 >= middle - margin]
    if len(left) < 4 or len(right) < 4 or not _columns_overlap(left, right):
        return lines
    ordered: list[PdfLine] = []
    band: list[PdfLine] = []
    for line in sorted(lines, key=lambda item: -item.y):
        if line.x1 <= middle + margin or line.x0 >= middle - margin:
            band.append(line)
            continue
        ordered.extend(_columns(band, middle))  # a full-width line closes the band above
        band = []
        ordered.append(line)
    ordered.extend(_columns(band, middle))
    return ordered


def _columns_overlap(left: list[PdfLine], right: list[PdfLine]) -> bool:
    """Both columns share a vertical stretch (not a left-aligned block above a right one)."""
    return min(line.y for line in left) < max(line.y for line in right) and min(
        line.y for line in right
    ) < max(line.y for line in left)


def _columns(band: list[PdfLine], middle: float) -> list[PdfLine]:
    first = [line for line in band if line.x1 <= middle + 0.02 * 2 * middle]
    second = [line for line in band if line not in first]
    return first + second


# --- the document's layout ---------------------------------------------------------------


def layout_lines(pages: list[list[PdfLine]], removals: list[Removal]) -> list[Line]:
    """Segmenting's lines: page furniture out (recorded), notes, headings and gaps marked."""
    every = [line for page in pages for line in page]
    body = _body_size(every)
    furniture = _furniture(pages, body)
    heading_sizes = sorted(
        {line.size for line in every if line.size >= HEADING_SIZE * body}, reverse=True
    )
    result: list[Line] = []
    for page in pages:
        kept: list[PdfLine] = []
        for line in page:
            reason = furniture.get(id(line))
            if reason is not None:
                removals.append(Removal(" ".join(line.text.split()), reason, line.page))
            else:
                kept.append(line)
        notes = _notes(kept, body)
        spacing = _line_spacing(kept, body)
        margin = _left_margin(kept, body)
        short = _ends_short(kept, notes, body)
        previous: PdfLine | None = None
        for line in kept:
            note = id(line) in notes
            # Larger type is set with more space between its lines (a title on two lines).
            scale = max(1.0, min(previous.size, line.size) / body) if previous else 1.0
            gap = previous is not None and (previous.y - line.y) > GAP_SHARE * spacing * scale
            indent = max(0, round((line.x0 - margin.get(_column(line), line.x0)) / (0.5 * body)))
            level = 0 if note else _heading_level(line, body, heading_sizes)
            result.append(
                Line(
                    text=line.text,
                    indent=indent,
                    blank_before=gap or (previous is None and bool(result) and level > 0),
                    heading=level,
                    note=note,
                    page=line.page,
                    short=short.get(id(line)),
                )
            )
            previous = line
    return result


def _body_size(lines: list[PdfLine]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _shape(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split())).lower()


def _furniture(pages: list[list[PdfLine]], body: float = 10.0) -> dict[int, str]:
    """Lines at a page's top or bottom edge that are page numbers, recur across pages, repeat
    the title of the first page in other type, or cite the journal an article is printed in."""
    edges: list[tuple[PdfLine, float]] = []
    outermost: set[int] = set()
    for page in pages:
        if not page:
            continue
        top = max(line.y for line in page)
        bottom = min(line.y for line in page)
        height = max(top - bottom, 1.0)
        for line in page:
            if top - line.y <= EDGE_SHARE * height * 0.5 or line.y - bottom <= EDGE_SHARE * 0.5 * (
                height
            ):
                edges.append((line, height))
            if line.y in (top, bottom):
                outermost.add(id(line))
    titles = _title_lines(pages, body)
    # Shape and size: a title on the first page is not the running header it resembles.
    counts = Counter(
        (_shape(line.text), line.size) for line, _ in edges if not LEGAL_HEADING.match(line.text)
    )
    pages_with_text = sum(1 for page in pages if page)
    threshold = max(2, round(0.3 * pages_with_text))
    found: dict[int, str] = {}
    for line, _height in edges:
        if is_page_number(line.text):
            found[id(line)] = "page-number"
        elif (
            pages_with_text >= 2
            and counts[_shape(line.text), line.size] >= threshold
            and len(line.text.split()) <= 12
            and not LEGAL_HEADING.match(line.text)
        ):
            found[id(line)] = "running-header"
        elif any(
            line.page != title.page and line.size < title.size and _shape(line.text) == shape
            for title, shape in titles
        ):
            found[id(line)] = "running-header"  # the title again, small, atop later pages
        elif (
            id(line) in outermost
            and _JOURNAL_LINE.search(line.text)
            and not line.text.rstrip().endswith(".")
            and len(line.text.split()) <= 20
        ):
            found[id(line)] = "running-header"  # `Jurnal ..., Vol. 7, No. 2, Oktober 2024`
    return found


_JOURNAL_LINE = re.compile(
    r"\b(?:Vol(?:ume)?\.?\s*\d+\b.*\b(?:No|Nomor|Issue)\.?\s*\d+|ISSN\b|e-ISSN\b|p-ISSN\b)",
    re.IGNORECASE,
)
"""A journal's citation line: volume and number, or an ISSN."""


def _title_lines(pages: list[list[PdfLine]], body: float) -> list[tuple[PdfLine, str]]:
    """The first page's opening lines in large type (its title), alone and joined, by shape."""
    first = next((page for page in pages if page), [])
    lines: list[PdfLine] = []
    for line in sorted(first, key=lambda item: -item.y):
        if line.size < HEADING_SIZE * body:
            break
        lines.append(line)
    if not lines:
        return []
    joined = replace(lines[0], text=" ".join(line.text for line in lines))
    return [(line, _shape(line.text)) for line in [*lines, joined]]


def _notes(lines: list[PdfLine], body: float) -> set[int]:
    """Footnotes: the run of small-type lines below a page's last body line, from a numbered one."""
    body_lines = [line for line in lines if line.size > NOTE_SIZE * body]
    if not body_lines:
        return set()
    lowest = min(line.y for line in body_lines)
    small = [line for line in lines if line.size <= NOTE_SIZE * body and line.y < lowest]
    if not small or not re.match(r"^\d{1,3}\b|^[*†‡]", small[0].text):
        return set()
    return {id(line) for line in small}


def _line_spacing(lines: list[PdfLine], body: float) -> float:
    gaps = [
        a.y - b.y
        for a, b in pairwise(lines)
        if 0 < a.y - b.y < 3 * body and abs(a.size - b.size) < 0.5
    ]
    return statistics.median(gaps) if gaps else 1.2 * body


def _column(line: PdfLine) -> int:
    return round(line.x0 / 150)


def _left_margin(lines: list[PdfLine], body: float) -> dict[int, float]:
    """The usual left edge of body lines, per column band."""
    starts: dict[int, Counter[float]] = {}
    for line in lines:
        if abs(line.size - body) < 0.5:
            starts.setdefault(_column(line), Counter())[round(line.x0)] += 1
    return {column: float(counter.most_common(1)[0][0]) for column, counter in starts.items()}


def _ends_short(lines: list[PdfLine], notes: set[int], body: float) -> dict[int, bool]:
    """Whether each body line ends short of its column's right edge, as a paragraph's last
    line does: in justified type by any visible space, else if the next line's first word
    would have fitted. Lines too short to measure by, or in a column of a few lines, are
    left out (segmenting judges them by their length)."""
    columns: dict[int, list[PdfLine]] = {}
    for line in lines:
        if abs(line.size - body) < 0.5 and id(line) not in notes:
            columns.setdefault(_column(line), []).append(line)
    found: dict[int, bool] = {}
    for column in columns.values():
        if len(column) < 3:
            continue
        ends = sorted(line.x1 for line in column)
        right = ends[int(0.9 * (len(ends) - 1))]
        rooms = [(line, _room(line, right)) for line in column]
        inner = [room for line, room in rooms if not _SENTENCE_END.search(line.text)]
        justified = bool(inner) and sum(room < 0.5 for room in inner) >= 0.6 * len(inner)
        for index, (line, room) in enumerate(rooms):
            if len(line.text) < 20:
                continue
            following = column[index + 1].text.split() if index + 1 < len(column) else []
            word = len(following[0]) if following else 4
            found[id(line)] = room > 0.8 if justified else room > word + 1
    return found


def _room(line: PdfLine, right: float) -> float:
    """Free space after the line's end, in the line's own average character widths."""
    char = (line.x1 - line.x0) / max(1, len(line.text))
    return max(0.0, (right - line.x1) / char) if char > 0 else 0.0


def _heading_level(line: PdfLine, body: float, heading_sizes: list[float]) -> int:
    words = line.text.split()
    if not words or len(words) > 16 or (_CLOSED.search(line.text) and line.size < body * 1.3):
        return 0
    if line.size >= HEADING_SIZE * body:
        return min(heading_sizes.index(line.size) + 1, 3) if line.size in heading_sizes else 1
    if line.bold and abs(line.size - body) < 0.5 and any(c.isalpha() for c in line.text):
        return min(len(heading_sizes) + 1, 3) if heading_sizes else 2
    return 0


def _reason(error: BaseException) -> str:
    """A library's error message, short and safe to print."""
    text = normalize(str(error).split("\n", 1)[0]) or type(error).__name__
    return text if len(text) <= 80 else text[:79] + "…"
