"""Recover paragraphs, headings, captions and references from cleaned text.

Two kinds of input need different cues:

* wrapped lines (most PDFs, plain text): a paragraph ends where a line ends a
  sentence and is short, or where the next line is short because it was
  indented; blank lines count only if they are not just double spacing;
* flowing text with no line breaks left (some extractions put a whole article
  on one line): split at section headings, then into paragraphs of readable
  length at sentence boundaries, preferring sentences that open with a
  discourse marker (`Akan tetapi`, `Selain itu`, ...).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from reader.documents import Block
from reader.ingest.clean import HYPHENS, join_hyphenated, word_lexicon
from reader.ingest.model import with_page
from reader.ingest.sentences import sentence_spans

SECTION_NAMES = (
    "ABSTRAK",
    "ABSTRACT",
    "PENDAHULUAN",
    "INTRODUCTION",
    "LATAR BELAKANG MASALAH",
    "LATAR BELAKANG",
    "RUMUSAN MASALAH",
    "TUJUAN PENELITIAN",
    "TINJAUAN PUSTAKA",
    "KAJIAN PUSTAKA",
    "KERANGKA TEORITIS",
    "KERANGKA TEORI",
    "KERANGKA KONSEPTUAL",
    "LANDASAN TEORI",
    "METODOLOGI PENELITIAN",
    "METODE PENELITIAN",
    "METODE",
    "METHODS",
    "HASIL DAN PEMBAHASAN",
    "HASIL PENELITIAN",
    "PEMBAHASAN",
    "RESULTS AND DISCUSSION",
    "DISCUSSION",
    "KESIMPULAN DAN SARAN",
    "KESIMPULAN",
    "SIMPULAN",
    "SARAN",
    "PENUTUP",
    "CONCLUSIONS",
    "CONCLUSION",
    "UCAPAN TERIMA KASIH",
    "ACKNOWLEDGEMENTS",
    "LAMPIRAN",
    "DAFTAR PUSTAKA",
    "REFERENSI",
    "REFERENCES",
    "BIBLIOGRAPHY",
)
"""Section headings of Indonesian (and English) academic papers, found even inside flowing text."""
MINOR_WORDS_ID = frozenset(
    [
        "dan",
        "di",
        "ke",
        "dari",
        "yang",
        "untuk",
        "pada",
        "dalam",
        "melalui",
        "antara",
        "atau",
        "serta",
        "terhadap",
        "dengan",
    ]
)
"""Indonesian function words that stay lower case inside a title."""
MINOR_WORDS_EN = frozenset(["and", "of", "the", "in", "on", "for", "to", "a", "an", "at", "by"])
"""English function words that stay lower case inside a title."""
_SECTION_WORDS = sorted(SECTION_NAMES, key=len, reverse=True)
REFERENCE_SECTIONS = {"DAFTAR PUSTAKA", "REFERENSI", "REFERENCES", "BIBLIOGRAPHY"}
ABSTRACT_SECTIONS = {"ABSTRAK", "ABSTRACT"}
_SECTION_LINE = re.compile(
    r"^(?:(?:[IVX]{1,4}|\d{1,2})[.)]?\s+)?(?:"
    + "|".join(re.escape(name) for name in _SECTION_WORDS)
    + r")\.?$",
    re.IGNORECASE,
)
"""A line that is only a section's name (`Abstrak`, `2. PENDAHULUAN`, `Daftar Pustaka`)."""

_SECTION_IN_FLOW = re.compile(
    r"(?<![\w-])(?P<name>"
    + "|".join(re.escape(name) for name in _SECTION_WORDS)
    + r"|Abstract|Abstrak|BAB\s+[IVXL]+(?:\s+[A-Z]{2,})*)(?=\s+[\"“(]?[A-Z]|\s*$)"
)
_KEYWORDS = re.compile(r"(?<![\w-])(?:Keywords?|Kata [Kk]unci)\s*:")
CAPTION = re.compile(
    r"^\s*(?:Tabel|Table|Gambar|Figure|Grafik|Diagram|Bagan|Peta|Chart)\s+"
    r"\d++(?:[.-]\d++)*+"  # 1, 1.1, 2-3 (possessive: `Tabel 1.2 menunjukkan` is not `Tabel 1.`)
    r"(?:\s*$|[\s.:–—-]++(?![a-z]))"
)
"""The start of a caption: `Tabel 1.1 Anggaran`, `Gambar 2: Peta`, `Figure 3`, `Grafik 4.`.

Not `Tabel 1 menunjukkan ...`: a sentence about the table goes on in lower
case. The DOCX reader (for paragraphs without a caption style) and the
segmenter (for lines) both find captions with this one pattern.
"""
_SOURCE_LINE = re.compile(r"^\s*Sumber\s*:", re.IGNORECASE)
_ENUMERATED = re.compile(
    r"^\s*(?:(?:[A-Z]|[IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3})[.)]|\d{1,2}(?:\.\d{1,2}){1,3})\s+\S"
)
_CHAPTER = re.compile(r"^\s*BAB\s+(?:[IVXL]+|\d+)\b")
_SENTENCE_END = re.compile(
    r"(?:[.!?:][\"'”’)\]]*|\(\D{0,80}\d{4}[a-z]?(?:[:,][^)]*)?\)|\b\d{4}[a-z]?\))$"
)
_CITATION_ONLY = re.compile(r"^\([^()]{0,120}\d{4}[a-z]?[^()]{0,40}\)\.?$")
_REFERENCE_START = re.compile(
    r"^\s*(?:\[\d+\]|\d+\.\s|[A-Z][\w'’-]+,\s+(?:[A-Z]\.|[A-Z][a-z])"
    r"|[A-Z][\w'’&-]*(?:\s+[A-Z&][\w'’&-]*){0,7}\.?\s+\(\d{4}[a-z]?\))"
)
"""A reference entry's start: `[1]`, `1. `, `Surname, X.`, or an author and year in brackets
(`Badan Pusat Statistik. (2021)`)."""

# Sentence openers that often begin a new paragraph in Indonesian academic prose.
STRONG_OPENERS = (
    "akan tetapi",
    "dengan demikian",
    "oleh karena itu",
    "di sisi lain",
    "sementara itu",
    "dengan kata lain",
    "pertama",
    "kedua",
    "ketiga",
    "keempat",
    "kelima",
    "selanjutnya",
    "padahal",
    "berdasarkan",
    "menurut",
    "begitu juga",
    "selain itu",
    "kemudian",
    "namun",
    "in addition",
    "however",
    "therefore",
    "furthermore",
)
TARGET_PARAGRAPH_WORDS = 120
PARAGRAPH_SPREAD = 60


@dataclass(frozen=True)
class Line:
    """A line of text with the layout cues segmenting uses."""

    text: str
    indent: int
    blank_before: bool
    heading: int = 0
    """A heading level the layout shows (larger or bold type, from the PDF reader); 0 if none."""
    note: bool = False
    """A footnote line (smaller type at a page's foot): kept apart, never inside a paragraph."""
    page: int | None = None
    short: bool | None = None
    """The line ends short of its column's edge, as measured on the page by the reader (PDF);
    None to judge by the line's length against the usual width."""


# Legal and official structure: statutes, regulations, decrees.
_PASAL = re.compile(r"^Pasal\s+\d+[A-Z]?$")
_BAGIAN = re.compile(r"^(?:Bagian|Paragraf)\s+(?:Ke\w+|\d+)$")
_PREAMBLE = re.compile(r"^(Menimbang|Mengingat|Memperhatikan|Menetapkan|MEMUTUSKAN)\s*:\s*(.*)$")
_FORMULA = re.compile(
    r"^(?:DENGAN RAHMAT TUHAN YANG MAHA ESA|PRESIDEN REPUBLIK INDONESIA,)$", re.IGNORECASE
)
"""A statute's opening formulas, each a line of its own before `Menimbang`."""
_ITEM = re.compile(r"^(?:\(\d{1,3}[a-z]?\)|[a-z]\.|\d{1,3}\.)\s+\S")
"""`(1) ...` clauses, `a. ...` and `1. ...` items of statutes and lists."""
_ITEM_BEFORE = re.compile(r"(?:[.;:]|\b(?:dan|atau|dan/atau))[\"'”’)]*$")
_NOTE_START = re.compile(r"^(\d{1,3})(?:[.)]|\s)\s*\S")


# Lines -----------------------------------------------------------------------


def segment_lines(raw_lines: list[str]) -> list[Block]:
    """Blocks from wrapped lines (page furniture already removed)."""
    lines = _lines_with_context(raw_lines)
    return segment_layout(lines, blank_means_break=_blank_lines_mean_paragraphs(raw_lines))


def segment_layout(lines: list[Line], *, blank_means_break: bool = True) -> list[Block]:
    """Blocks from lines with layout cues (headings and notes a reader saw in the type)."""
    if not lines:
        return []
    lines = list(lines)  # a preamble label split off its first item replaces its line
    lexicon = word_lexicon("\n".join(line.text for line in lines))
    width = _typical_width(lines)
    return segment_part(lines, lexicon, width, blank_means_break).blocks


LOOKAHEAD_LINES = 64
"""Lines past line `i` that segmenting may look at to decide line `i` (a caption takes
at most 40 words, a heading 16, a statute heading 3 lines): what a part must keep."""


@dataclass
class Part:
    """The blocks of a run of lines, and where a block starts with nothing pending."""

    blocks: list[Block]
    restarts: list[tuple[int, int, bool]]
    """(line index, blocks before it, in a reference list) where segmenting could start over
    and decide the rest exactly as it does going on: no paragraph or note is open there."""


def segment_part(
    lines: list[Line],
    lexicon: set[str],
    width: int,
    blank_means_break: bool,
    *,
    start: int = 0,
    in_references: bool = False,
) -> Part:
    """`segment_layout` from line `start` (the lines before it are context), with the
    document's `lexicon` and line `width` given: a long text goes through in parts."""
    blocks: list[Block] = []
    restarts: list[tuple[int, int, bool]] = []
    current: list[str] = []
    kind, level = "paragraph", 0
    notes: list[list[str]] = []  # notes met inside a paragraph: they follow it
    note_pages: list[int | None] = []
    page: int | None = None  # where the open paragraph starts
    last_note = 0  # the number of the last footnote begun

    def flush() -> None:
        nonlocal current, kind, level
        if current:
            text = _join(current, lexicon)
            if text:
                block_kind = "reference" if in_references and kind == "paragraph" else kind
                block = Block(kind=block_kind, text=text, lang="id", level=level)
                blocks.append(with_page(block, page))
        current, kind, level = [], "paragraph", 0
        for note, note_page in zip(notes, note_pages, strict=True):
            block = Block(kind="note", text=_join(note, lexicon), lang="id")
            blocks.append(with_page(block, note_page))
        notes.clear()
        note_pages.clear()

    i = start
    while i < len(lines):
        line = lines[i]
        if not current and not notes:
            restarts.append((i, len(blocks), in_references))
        if line.note:
            number = _note_number(line.text)
            # A new note is numbered next (or 1 again, numbered by page); a number
            # otherwise opens a wrapped line of the note above (`122 Tahun 2015 ...`).
            if notes and (number is None or number not in (last_note + 1, 1)):
                notes[-1].append(line.text)
            else:
                notes.append([line.text])
                note_pages.append(line.page)
                last_note = number if number is not None else last_note
            i += 1
            continue
        if notes and not current:
            flush()
        legal = _legal_at(lines, i)
        if legal is not None:
            flush()
            count, block = legal
            if block is not None:
                blocks.append(with_page(block, line.page))
                i += count
                continue
            # A preamble label with its first item on the same line: the item goes on.
            label, rest = _split_preamble(line.text)
            blocks.append(with_page(Block(kind="paragraph", text=label, lang="id"), line.page))
            lines[i] = Line(rest, line.indent, False, page=line.page)
            continue
        if line.heading:
            flush()
            count = 1
            while (
                i + count < len(lines)
                and lines[i + count].heading == line.heading
                and not lines[i + count].blank_before
                and count < 4
            ):
                count += 1
            text = _join([item.text for item in lines[i : i + count]], lexicon)
            block = Block(kind="heading", text=text, lang="id", level=line.heading)
            blocks.append(with_page(block, line.page))
            in_references = _is_reference_heading(text)
            i += count
            continue
        heading = _heading_at(lines, i, width, gaps=blank_means_break)
        if heading is not None and current and _continues(lines, i) and not _is_section_line(line):
            heading = None  # capitals that go on a sentence: `... DEWAN PERWAKILAN` / `RAKYAT`
        if heading is None and not in_references:
            heading = _title_cased_heading_at(lines, i, width)
        if heading is not None:
            flush()
            count, level_found, text = heading
            block = Block(kind="heading", text=text, lang="id", level=level_found)
            blocks.append(with_page(block, line.page))
            in_references = _is_reference_heading(text)
            i += count
            continue
        caption = _caption_at(lines, i)
        if caption is not None:
            flush()
            count, text = caption
            blocks.append(with_page(Block(kind="caption", text=text, lang="id"), line.page))
            i += count
            continue
        if not in_references and _is_item_start(lines, i):
            flush()
            kind = "item"
        elif current and _starts_new_paragraph(
            lines, i, width, blank_means_break, in_references, current
        ):
            flush()
        if not current:
            page = line.page
        current.append(line.text)
        i += 1
    flush()
    return Part(blocks, restarts)


def _note_number(text: str) -> int | None:
    """The number a footnote line opens with (`3. Bandingkan ...`), or None."""
    found = _NOTE_START.match(text)
    return int(found.group(1)) if found else None


def _continues(lines: list[Line], i: int) -> bool:
    """Line `i` goes on the sentence of the line before (no gap, no sentence end there)."""
    previous = _before(lines, i).text
    return (
        not lines[i].blank_before
        and not _SENTENCE_END.search(previous)
        and not _CHAPTER.match(lines[i].text)
        and not _is_caps_line(previous)
    )


def _before(lines: list[Line], i: int) -> Line:
    """The body line before line `i`: footnotes set between them (at a page's foot) skipped."""
    j = i - 1
    while j > 0 and lines[j].note:
        j -= 1
    return lines[j]


def _legal_at(lines: list[Line], i: int) -> tuple[int, Block | None] | None:
    """A statute's structure at line `i`: (lines used, block), or (0, None) for a preamble label
    with text after it on the same line; None if line `i` is none of these."""
    text = lines[i].text
    if _PASAL.match(text):
        return 1, Block(kind="heading", text=text, lang="id", level=2)
    if _BAGIAN.match(text):
        count = 1
        parts = [text]
        while (
            i + count < len(lines)
            and count < 3
            and not _SENTENCE_END.search(lines[i + count].text)
            and not _PASAL.match(lines[i + count].text)
            and not _BAGIAN.match(lines[i + count].text)
            and len(lines[i + count].text.split()) <= 12
            and lines[i + count].text[:1].isupper()
        ):
            parts.append(lines[i + count].text)
            count += 1
        return count, Block(kind="heading", text=" ".join(parts), lang="id", level=2)
    if _FORMULA.match(text):
        return 1, Block(kind="paragraph", text=text, lang="id")
    preamble = _PREAMBLE.match(text)
    if preamble is not None:
        if preamble.group(2) and _ITEM.match(preamble.group(2)):
            return 0, None
        if not preamble.group(2):
            return 1, Block(kind="paragraph", text=text, lang="id")
    return None


def _split_preamble(text: str) -> tuple[str, str]:
    label, _, rest = text.partition(":")
    return label.strip() + ":", rest.strip()


def _is_item_start(lines: list[Line], i: int) -> bool:
    """A clause `(1)` or item `a.`/`1.` opening line `i`, after a line that ends a sentence,
    clause or list lead-in (so a wrapped `2. ...` inside a sentence is not one)."""
    text = lines[i].text
    if not _ITEM.match(text):
        return False
    if i == 0:
        return True
    previous = _before(lines, i).text
    return bool(_ITEM_BEFORE.search(previous)) or lines[i].blank_before


def line_of(raw: str, blank_before: bool) -> Line:
    """A raw line with content as segmenting sees it: tabs expanded, indent measured.

    A sentence end followed by two or more spaces is where the extractor ended a text
    block (seed 003 keeps them): the line ends short as surely as if it were measured.
    """
    expanded = raw.replace("\t", "    ")
    short = True if _BLOCK_END.search(expanded) else None
    expanded = expanded.rstrip()
    indent = len(expanded) - len(expanded.lstrip())
    return Line(text=expanded.strip(), indent=indent, blank_before=blank_before, short=short)


_BLOCK_END = re.compile(r"[.!?][\"'”’)\]]*  +$")


def _lines_with_context(raw_lines: list[str]) -> list[Line]:
    lines: list[Line] = []
    blank = False
    for raw in raw_lines:
        if not raw.strip():
            blank = True
            continue
        lines.append(line_of(raw, blank))
        blank = False
    return lines


def _typical_width(lines: list[Line]) -> int:
    """The length of a full line: a high percentile, so short lines stand out."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    if not lengths:
        return 80
    return lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]


def _blank_lines_mean_paragraphs(raw_lines: list[str]) -> bool:
    """False for double-spaced extractions, where nearly every line stands alone."""
    groups: list[int] = []
    size = 0
    for raw in raw_lines:
        if raw.strip():
            size += 1
        elif size:
            groups.append(size)
            size = 0
    if size:
        groups.append(size)
    if len(groups) < 4:
        return True
    return statistics.median(groups) > 2


def _is_short(text: str, next_text: str | None, width: int) -> bool:
    """Would the next line's first word have fitted on this line?"""
    first_word = next_text.split()[0] if next_text else ""
    return len(text) + 1 + len(first_word) < width - 2


def _ends_short(line: Line, next_text: str | None, width: int) -> bool:
    """`_is_short`, by the space measured on the page where the reader gave it."""
    if line.short is None:
        return _is_short(line.text, next_text, width)
    return line.short


def _starts_new_paragraph(
    lines: list[Line],
    i: int,
    width: int,
    blank_means_break: bool,
    in_references: bool,
    current: list[str],
) -> bool:
    line, previous = lines[i], _before(lines, i)
    if blank_means_break and line.blank_before:
        return True
    if in_references:
        return bool(_REFERENCE_START.match(line.text)) and bool(
            _SENTENCE_END.search(previous.text) or previous.text.endswith("/")
        )
    if _KEYWORDS.match(line.text) and not previous.text.endswith(HYPHENS):
        return True  # `Kata kunci:`, `Keywords:` after an abstract or each other
    closed = _SENTENCE_END.search(previous.text) or previous.text.endswith(";")  # a clause
    if not closed or not _opens_sentence(line.text):
        return False
    if _CITATION_ONLY.match(line.text):
        return False  # "(Joo, 2009)" on its own line closes the paragraph above
    if _ends_short(previous, line.text, width):
        return True
    following = lines[i + 1].text if i + 1 < len(lines) else None
    # An indented first line is short although its sentence goes on; a short line that
    # ends a sentence is more likely the tail of the paragraph above.
    first_line_short = (
        following is not None
        and not _SENTENCE_END.search(line.text)
        and len(line.text) + 1 + len(following.split()[0]) < width - 6
    )
    indented = line.indent > previous.indent and len(current) > 1
    # Measured on the page (PDF), a first-line indent is plain: this line alone steps in,
    # the next steps back out, even when justified type fills both to the edge.
    first_line_indent = (
        indented
        and line.short is not None
        and i + 1 < len(lines)
        and lines[i + 1].indent < line.indent
    )
    return (
        first_line_short
        or first_line_indent
        or (indented and _is_short(line.text, following, width + 2))
    )


def _opens_sentence(text: str) -> bool:
    first = text.lstrip("\"“‘'([«")[:1]
    return first.isupper() or first.isdigit()


def _join(texts: list[str], lexicon: set[str]) -> str:
    """Join wrapped lines, mending end-of-line hyphenation only where it was typesetting."""
    words: list[str] = []
    for text in texts:
        line_words = text.split()
        if not line_words:
            continue
        last = words[-1] if words else ""
        if (
            len(last) >= 2
            and last.endswith(HYPHENS)
            and last[-2].isalpha()
            and line_words[0][:1].isalpha()
        ):
            words[-1] = join_hyphenated(last, line_words[0], lexicon)
            line_words = line_words[1:]
        words.extend(line_words)
    return " ".join(words)


def _heading_at(
    lines: list[Line], i: int, width: int, *, gaps: bool = False
) -> tuple[int, int, str] | None:
    """(lines used, level, text) if a heading starts at line `i`.

    With `gaps` (blank lines or vertical space mean paragraph breaks), a gap ends a heading.
    """
    text = lines[i].text
    if _PREAMBLE.match(text):
        return None  # `Menetapkan: UNDANG-UNDANG TENTANG ...` is the enactment, not a title
    if _CHAPTER.match(text) or (_is_caps_line(text) and not _SENTENCE_END.search(text)):
        count = 1
        while (
            i + count < len(lines)
            and _is_caps_line(lines[i + count].text)
            and not (gaps and lines[i + count].blank_before)
            and count < 4
            and not _SENTENCE_END.search(lines[i + count - 1].text)
            and not _CHAPTER.match(lines[i + count].text)
            and not _FORMULA.match(lines[i + count].text)
            and not _is_section_line(lines[i + count])
        ):
            count += 1
        return count, 1, " ".join(line.text for line in lines[i : i + count])
    if _ENUMERATED.match(text) and not CAPTION.match(text):
        parts = [text]
        count = 1
        while (
            not _SENTENCE_END.search(parts[-1])
            and i + count < len(lines)
            and len(lines[i + count].text) < 0.6 * width
            and len(" ".join(parts).split()) < 15
        ):
            parts.append(lines[i + count].text)
            count += 1
        heading = " ".join(parts)
        next_line = lines[i + count].text if i + count < len(lines) else ""
        if (
            len(heading.split()) <= 16
            and not _SENTENCE_END.search(heading)
            and not _runs_on(heading)
            and (not next_line or _opens_sentence(next_line))
            # a full last line goes on: `4. Komisi ... berfungsi menjalankan` / `Undang-Undang`
            and (not next_line or _ends_short(lines[i + count - 1], next_line, width))
        ):
            return count, 3 if re.match(r"^\s*\d", heading) else 2, heading
    return None


def _is_section_line(line: Line) -> bool:
    """The line is a section's name alone (`Abstrak`, `PENDAHULUAN`): a heading of its own."""
    return bool(_SECTION_LINE.match(" ".join(line.text.split())))


def _runs_on(text: str) -> bool:
    """`... Pancasila dan`, `... dan Undang-`: the text goes on, so it is no heading."""
    words = text.split()
    return bool(words) and (words[-1].lower() in MINOR_WORDS_ID or text.endswith(HYPHENS))


def _title_cased_heading_at(lines: list[Line], i: int, width: int) -> tuple[int, int, str] | None:
    """(lines used, level, text) of a heading in mixed case at line `i`, else None.

    Pasted text (a Word file with a hard return on every line) keeps no type to tell a
    heading by, only its shape: one to three short lines in title case (`Tinjauan
    Pustaka`, `Hasil dan Pembahasan`) with no closing punctuation, after a line that
    ends a sentence or a paragraph, and before a line that opens a sentence. A name
    that goes on a sentence (`... dipimpin oleh` / `Presiden Joko Widodo`) follows a
    full line without a sentence end, so it is not one.
    """
    if CAPTION.match(lines[i].text) or _SOURCE_LINE.match(lines[i].text):
        return None  # `Peta 5 Kawasan Indo-Pasifik` is a caption
    if i > 0:
        previous = _before(lines, i)
        if previous.text.endswith(HYPHENS) or not (
            lines[i].blank_before
            or _is_section_line(lines[i])
            or _SENTENCE_END.search(previous.text)
            or _ends_short(previous, lines[i].text, width)
        ):
            return None
    parts: list[str] = []
    ended = False
    while i + len(parts) < len(lines) and len(parts) < 3:
        line = lines[i + len(parts)]
        if parts and _is_section_line(line):
            ended = True  # a section's name follows: the title ends here, however full
            break
        if parts and line.blank_before:
            break
        if (
            not _is_title_cased(line.text)
            or _HEADING_END.search(line.text)
            or _SENTENCE_END.search(line.text)  # a citation closing a sentence: `(Joo, 2009)`
            or _INNER_SENTENCE_END.search(line.text)
        ):
            break
        parts.append(line.text)
        following = lines[i + len(parts)].text if i + len(parts) < len(lines) else None
        if following is None or len(line.text) < 0.6 * width:
            ended = True  # a short line ends the heading (a full one wraps it)
            break
    if not ended or len(" ".join(parts).split()) > 16 or _runs_on(parts[-1]):
        return None
    count = len(parts)
    following = lines[i + count].text if i + count < len(lines) else ""
    if following and not _opens_sentence(following):
        return None
    return count, 2, " ".join(parts)


_INNER_SENTENCE_END = re.compile(r"[a-z\u00c0-\u024f)][.!?;]\s")
"""A sentence that ends inside the line (`Korea. (Oberdorfer, 2014)`), not `Vol. 7`-like."""
_HEADING_END = re.compile(r"[.!?:;,][\"'”’)\]]*$")
_TITLE_MINOR = (
    MINOR_WORDS_ID | MINOR_WORDS_EN | {"sebagai", "oleh", "bagi", "tentang", "with", "from"}
)
"""Function words a title leaves in lower case (Indonesian and English): a few more than
`title_case` lowers, since here they need only be recognised."""


def _is_title_cased(text: str) -> bool:
    """Every word but function words starts in upper case (`Hasil dan Pembahasan`)."""
    words = [word.strip("\"“”'‘’()[],:;") for word in text.split()]
    words = [word for word in words if word[:1].isalpha()]
    if not words or len(words) > 12 or not words[0][:1].isupper():
        return False
    if _is_caps_line(text):
        return False  # capitals are `_heading_at`'s
    return all(word[:1].isupper() or word.lower() in _TITLE_MINOR for word in words)


def _is_caps_line(text: str) -> bool:
    if len(text) > 120:
        return False
    upper = sum(map(str.isupper, text))
    if upper < 4:
        return False
    lower = sum(map(str.islower, text))
    return lower <= 0.15 * (upper + lower) and len(text.split()) <= 12


def _is_reference_heading(text: str) -> bool:
    return " ".join(text.upper().split()) in REFERENCE_SECTIONS


def _caption_at(lines: list[Line], i: int) -> tuple[int, str] | None:
    text = lines[i].text
    if not (CAPTION.match(text) or _SOURCE_LINE.match(text)):
        return None
    parts = [text]
    count = 1
    while i + count < len(lines) and len(" ".join(parts).split()) < 40:
        following = lines[i + count].text
        if CAPTION.match(following) or _SOURCE_LINE.match(following):
            break
        words = following.split()
        continues = (
            following[:1].islower()
            or following[:1].isdigit()
            or following.startswith(("http", "www."))
            or (len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() for w in words))
        )
        if not continues or _SENTENCE_END.search(parts[-1].rstrip(")")):
            break
        parts.append(following)
        count += 1
    return count, " ".join(" ".join(parts).split())


# Flowing text -------------------------------------------------------------------


@dataclass
class FlowResult:
    blocks: list[Block]
    title: str | None
    front_matter: str | None


def segment_flow(text: str) -> FlowResult:
    """Blocks from text whose line and paragraph breaks were all lost."""
    text = " ".join(text.split())
    title, front, text = _split_masthead(text)
    blocks: list[Block] = []
    for kind, name, body in _sections(text):
        if kind == "heading":
            blocks.append(Block(kind="heading", text=name, lang="id", level=1))
            continue
        if not body:
            continue
        upper = name.upper()
        if upper in ABSTRACT_SECTIONS or kind == "keywords":
            blocks.append(Block(kind="paragraph", text=body, lang="id"))
        elif upper in REFERENCE_SECTIONS:
            blocks.extend(Block(kind="reference", text=t, lang="id") for t in _references(body))
        else:
            common = _common_words(text)
            for piece_kind, piece in _split_subheadings(body, common):
                if piece_kind == "heading":
                    blocks.append(Block(kind="heading", text=piece, lang="id", level=2))
                else:
                    blocks.extend(
                        Block(kind="paragraph", text=t, lang="id")
                        for t in paragraphs_from_sentences(piece)
                    )
    return FlowResult(blocks=blocks, title=title, front_matter=front)


def _common_words(text: str) -> set[str]:
    """Words the text also writes in lower case: common words, not names."""
    return {word for word in re.findall(r"\b[a-z][a-z-]+\b", text)}


def _split_subheadings(body: str, common: set[str]) -> list[tuple[str, str]]:
    """Find sub-headings glued to the sentence after them: `Hubungan Jepang dan Korea Hubungan
    kedua negara ...`. A run of capitalised (and minor) words whose last word is a common
    word opening the next sentence; names alone (`Presiden Yoon Suk Yeol sepakat`) do not
    qualify, because their last capitalised word is never written in lower case."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for start, end in sentence_spans(body):
        words = body[start:end].split()
        run = 0
        while (
            run < len(words)
            and (words[run][:1].isupper() or words[run] in MINOR_WORDS_ID)
            and words[run].isalpha()
        ):
            run += 1
        last = words[run - 1] if run else ""
        if run >= 4 and run < len(words) and last[:1].isupper() and last.lower() in common:
            heading = words[: run - 1]
            if (
                3 <= len(heading) <= 15
                and heading[0][:1].isupper()
                and any(w.lower() in common for w in heading)
            ):
                before = body[position:start].strip()
                if before:
                    pieces.append(("body", before))
                pieces.append(("heading", " ".join(heading)))
                position = start + len(" ".join(heading))
    rest = body[position:].strip()
    if rest:
        pieces.append(("body", rest))
    return pieces


def _split_masthead(text: str) -> tuple[str | None, str | None, str]:
    """An article's masthead, title and authors before its abstract: kept apart from the body.

    (Returned as `FlowResult.front_matter`: a printed article's front matter, not the
    YAML kind, which `reader.documents.split_front_matter` splits off Markdown.)
    """
    match = re.search(r"(?<![\w-])(?:Abstract|Abstrak|ABSTRACT|ABSTRAK)(?=\s+[A-Z])", text)
    if match is None or match.start() > min(2500, len(text) // 4) or match.start() == 0:
        return None, None, text
    front = text[: match.start()].strip()
    runs = re.findall(r"\b[A-Z][A-Z-]+\b(?:[ ,:]+\b[A-Z0-9][A-Z0-9-]*\b){3,}", front)
    runs = [_NOT_TITLE.sub("", run) for run in runs]
    runs = [run for run in runs if len(re.findall(r"\b[A-Z]{2,}\b", run)) >= 3]
    title = max(runs, key=len).strip(" ,:") if runs else None
    return title, front, text[match.start() :]


_NOT_TITLE = re.compile(r"^(?:(?:[EP]-)?ISSN|DOI|VOL|NO)\b[\s:,0-9X-]*")


def _sections(text: str) -> list[tuple[str, str, str]]:
    """('heading', name, '') and ('body' | 'keywords', section name, text) in order."""
    marks = []
    for match in _SECTION_IN_FLOW.finditer(text):
        marks.append((match.start(), match.end(), "heading", match.group("name")))
    for match in _KEYWORDS.finditer(text):
        marks.append((match.start(), match.start(), "keywords", ""))
    marks.sort()
    result: list[tuple[str, str, str]] = []
    section = ""
    position = 0
    body_kind = "body"
    for start, end, kind, name in marks:
        if start < position:
            continue
        body = text[position:start].strip()
        if body:
            result.append((body_kind, section, body))
        if kind == "heading":
            result.append(("heading", " ".join(name.split()), ""))
            section = " ".join(name.split())
            body_kind = "body"
        else:
            body_kind = "keywords"
        position = end
    tail = text[position:].strip()
    if tail:
        result.append((body_kind, section, tail))
    return result


def paragraphs_from_sentences(text: str) -> list[str]:
    """Readable paragraphs at sentence boundaries (a least-cost split).

    The cost prefers paragraphs near `TARGET_PARAGRAPH_WORDS` long and breaks
    before sentences that open with a discourse marker.
    """
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    if len(sentences) <= 1:
        return sentences
    counts = [len(s.split()) for s in sentences]
    bonus = [
        (1.0 if opens_with_marker(sentence) else 0.0)
        + (_CITATION_BONUS if i and ends_with_citation(sentences[i - 1]) else 0)
        for i, sentence in enumerate(sentences)
    ]
    n = len(sentences)
    best = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        words = 0
        for start in range(end - 1, -1, -1):
            words += counts[start]
            if words > 4 * TARGET_PARAGRAPH_WORDS and start < end - 1:
                break
            cost = best[start] + ((words - TARGET_PARAGRAPH_WORDS) / PARAGRAPH_SPREAD) ** 2
            if start > 0:
                cost -= bonus[start]
            if cost < best[end]:
                best[end], back[end] = cost, start
    paragraphs = []
    end = n
    while end > 0:
        start = back[end]
        paragraphs.append(" ".join(sentences[start:end]))
        end = start
    return paragraphs[::-1]


_CITATION_BONUS = 1.0
_CITED = re.compile(r"\((?:[^()]{0,80}\d{4}[a-z]?|[^()]{0,60}\b\d)[^()]{0,40}(?:\)\.?|[.,]?)$")


def ends_with_citation(sentence: str) -> bool:
    """Academic paragraphs often close on a citation, even a truncated one: `(Oda, 1967, p.`."""
    return bool(_CITED.search(sentence.rstrip()))


def opens_with_marker(sentence: str) -> bool:
    """True when `sentence` opens with a discourse marker of `STRONG_OPENERS`."""
    lowered = sentence.lower().lstrip("\"“'(")
    return any(
        lowered.startswith(opener) and not lowered[len(opener) : len(opener) + 1].isalpha()
        for opener in STRONG_OPENERS
    )


def _references(text: str) -> list[str]:
    """Reference entries of a flowing reference list: a new one at each `Surname, X.`."""
    starts = [0] + [
        m.start() for m in re.finditer(r"(?<=[.)] )(?=[A-Z][\w'’-]+, (?:[A-Z]\.|[A-Z][a-z]))", text)
    ]
    entries = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return [entry for entry in entries if entry]


def looks_like_flow(lines: list[str]) -> bool:
    """True when line breaks carry no layout: a few very long lines."""
    content = [line for line in lines if line.strip()]
    if not content:
        return False
    longest = max(len(line) for line in content)
    if longest < 600:
        return False
    return len(content) <= 3 or statistics.median(map(len, content)) > 400
