"""Undo the damage of PDF text extraction: page furniture, inline running headers, hyphens.

Works on lines (and on the flowing text of one-line extractions); knows
nothing of paragraphs, which are `segment`'s job.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from itertools import pairwise

from reader.ingest.model import Removal

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:halaman|hal\.?|hlm\.?|page|p\.)\s*)?"
    r"(?:\d{1,4}|(?=[ivxl])(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    r"(?:\s*(?:dari|of)\s*\d{1,4})?\s*(?:[-–—])?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")
# Front-page notices that are not part of the text: copyright lines and the
# corresponding author's address, which journal PDFs print as a footer.
_NOTICE = re.compile(
    r"(?:Copyright\b|©|Corresponding author\b|E-?mail(?: address)?\s*:)[^@]{0,300}?@\S+",
    re.IGNORECASE,
)

HEADER_MIN_WORDS = 4
"""A running header repeated mid-text must be at least this long to be recognised."""
HEADER_MIN_REPEATS = 3
HEADER_MIN_RUN = 6
"""Words a recurring run must reach once grown: a header is more than a short phrase."""
HEADER_MAX_WORDS = 10
"""Running headers and footers are short: a longer repeated line is the author's text."""


@dataclass
class CleanReport:
    """What cleaning removed, so an import can say so (and nothing is silently lost)."""

    page_numbers: int = 0
    notices: list[str] = field(default_factory=list)
    catchwords: int = 0
    removals: list[Removal] = field(default_factory=list)
    """Every piece removed, with its reason and page: the record an import reports."""

    def record(self, text: str, reason: str, page: int | None = None) -> None:
        text = " ".join(text.split())
        if text:
            self.removals.append(Removal(text, reason, page))

    def removed(self, reason: str) -> list[str]:
        """The texts removed for `reason` (`running-header`, ...), in order."""
        return [removal.text for removal in self.removals if removal.reason == reason]


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line)) and bool(line.strip())


def _shape(line: str) -> str:
    """A line with its numbers blanked, so `80 | Journal` and `82 | Journal` look alike."""
    return _DIGITS.sub("#", " ".join(line.split())).lower()


def remove_page_furniture(pages: list[str], report: CleanReport) -> list[str]:
    """Lines of all pages in order, without page numbers, running headers/footers, catch-words."""
    page_lines = [page.split("\n") for page in pages]
    repeated = _repeated_edge_lines(page_lines)
    paged = len(page_lines) >= 2
    result: list[str] = []
    for index, lines in enumerate(page_lines):
        next_page = page_lines[index + 1] if index + 1 < len(page_lines) else []
        result.extend(clean_page(lines, next_page, index + 1 if paged else None, repeated, report))
    return result


def clean_page(
    lines: list[str],
    next_page: list[str],
    page: int | None,
    repeated: set[str],
    report: CleanReport,
) -> list[str]:
    """One page's lines without its furniture (`page` is None for a text that is one page).

    `repeated` are the shapes of running headers (`_repeated_edge_lines`); `next_page`
    tells a catch-word at the foot of this page.
    """
    edges = _edge_indexes(lines) if page is not None else None
    kept = []
    for position, line in enumerate(lines):
        at_edge = edges is None or position in edges
        if is_page_number(line) and (at_edge or _alone(lines, position)):
            report.page_numbers += 1
            report.record(line, "page-number", page)
        elif at_edge and line.strip() and _shape(line) in repeated:
            report.record(line, "running-header", page)
        else:
            kept.append(line)
    catchword = _drop_catchword(kept, next_page)
    if catchword is not None:
        report.catchwords += 1
        report.record(catchword, "catchword", page)
    return kept


def clean_single_page_line(line: str, repeated: set[str], report: CleanReport) -> bool:
    """Whether a line of a one-page text stays: `clean_page` one line at a time.

    In a text without pages every line counts as at the edge, so nothing but the
    line itself decides (and a page that is the last has no catch-word).
    """
    if is_page_number(line):
        report.page_numbers += 1
        report.record(line, "page-number", None)
        return False
    if line.strip() and _shape(line) in repeated:
        report.record(line, "running-header", None)
        return False
    return True


EDGE_LINES = 2
"""Lines at each end of a page where running headers, footers and page numbers sit."""


def _edge_indexes(lines: list[str]) -> set[int]:
    """Indexes of the first and last `EDGE_LINES` lines with content (of a page)."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    return set(content[:EDGE_LINES] + content[-EDGE_LINES:])


def _alone(lines: list[str], position: int) -> bool:
    """A line between blank lines (a page number a text file prints mid-page)."""
    before = position == 0 or not lines[position - 1].strip()
    after = position + 1 >= len(lines) or not lines[position + 1].strip()
    return before and after


_LEGAL_WORDS = re.compile(r"\b(?:Pasal|BAB|Bagian|ayat|huruf)\s+[\dIVXLC(]")
LEGAL_HEADING = re.compile(
    r"^\s*(?:BAB\s+[IVXLC\d]+|Bagian\s+\w+|Paragraf\s+\d+|Pasal\s+\d+[A-Z]?)\s*$",
    re.IGNORECASE,
)
"""`BAB IV`, `Bagian Kedua`, `Paragraf 2`, `Pasal 12A`: structure, never page furniture."""


def _repeated_edge_lines(page_lines: list[list[str]]) -> set[str]:
    """Shapes of lines that open or close many pages (or, in one long page, recur often)."""
    if len(page_lines) >= 2:
        paged = EdgeCounts()
        for lines in page_lines:
            paged.add_page(lines)
        return paged.repeated()
    single = EdgeCounts()
    for line in page_lines[0] if page_lines else []:
        single.add_single_line(line)
    return single.repeated_single()


@dataclass
class EdgeCounts:
    """What `_repeated_edge_lines` counts, fed a page or a line at a time (a streamed text)."""

    counts: Counter[str] = field(default_factory=Counter)
    pages: int = 0

    def add_page(self, lines: list[str]) -> None:
        """One page of a paged text: the shapes of its first and last lines with content."""
        self.pages += 1
        first: list[str] = []
        last: deque[str] = deque(maxlen=EDGE_LINES)
        for line in lines:
            if line.strip() and not is_page_number(line):
                if len(first) < EDGE_LINES:
                    first.append(line)
                last.append(line)
        edges = first + list(last)
        self.counts.update({_shape(line) for line in edges if not LEGAL_HEADING.match(line)})

    def repeated(self) -> set[str]:
        """Shapes on the edge of at least 30% of the pages (and of two): running headers."""
        threshold = max(2, round(0.3 * self.pages))
        return {
            shape
            for shape, n in self.counts.items()
            if n >= threshold and len(shape) <= 120 and len(shape.split()) <= HEADER_MAX_WORDS
        }

    def add_single_line(self, line: str) -> None:
        """A line of a text without pages: counted if it is short, with words and a number."""
        if len(line.strip()) > 100 or not _DIGITS.search(line):
            return
        words = [w for w in _LETTERS.findall(line) if len(w) >= 3]
        if len(words) >= 2 and not LEGAL_HEADING.match(line):
            self.counts[_shape(line)] += 1

    def repeated_single(self) -> set[str]:
        """A short line of words recurring with a page number in a text without pages."""
        return {shape for shape, n in self.counts.items() if n >= HEADER_MIN_REPEATS}


def _drop_catchword(lines: list[str], next_page: list[str]) -> str | None:
    """A lone word at a page's foot that the next page repeats as its first word: removed."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    following = next((line for line in next_page if line.strip() and not is_page_number(line)), "")
    if not content or not following:
        return None
    last = lines[content[-1]].strip()
    if " " in last or last.split()[0] != following.split()[0] or len(content) < 2:
        return None
    previous = lines[content[-2]].rstrip()
    if previous.endswith((".", ":", "?", "!")):
        return None  # a one-word last line of a paragraph is not a catch-word
    del lines[content[-1]]
    return last


def remove_inline_headers(text: str, report: CleanReport) -> str:
    """Remove running headers that extraction left inside sentences.

    A header is a run of words that recurs at least three times with a page
    number in it that differs between occurrences (`80 | Journal ...`,
    `Journal ... | 81`). The varying number is what tells it from a phrase
    the author repeats.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    shapes = [_DIGITS.sub("#", word).lower() for _, _, word in words]
    spans: list[tuple[int, int]] = []
    for seed in _header_seeds(words, shapes):
        run = _grow_run(seed, shapes)
        if run and run[0][1] - run[0][0] >= HEADER_MIN_RUN:
            spans.extend(run)
    if not spans:
        return text
    removed = []
    pieces = []
    position = 0
    for start_word, end_word in sorted(set(spans)):
        start, end = words[start_word][0], words[end_word - 1][1]
        if start < position or _LEGAL_WORDS.search(text, start, end):
            continue  # `Pasal 2 ...` recurring with its number is structure, not a header
        pieces.append(text[position:start])
        removed.append(text[start:end])
        position = end
    pieces.append(text[position:])
    for piece in removed:
        report.record(piece, "running-header")
    return re.sub(r"[ \t]{2,}", " ", "".join(pieces))


def _header_seeds(words: list[tuple[int, int, str]], shapes: list[str]) -> list[list[int]]:
    """Start positions of each recurring n-gram that holds a varying page number."""
    n = HEADER_MIN_WORDS
    occurrences: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    numbered = [i for i, shape in enumerate(shapes) if "#" in shape]
    starts = sorted({s for i in numbered for s in range(max(i - n + 1, 0), i + 1)})
    for i in starts:
        if i + n <= len(shapes):
            occurrences[tuple(shapes[i : i + n])].append(i)
    seeds = []
    for starts in occurrences.values():
        if len(starts) < HEADER_MIN_REPEATS:
            continue
        numbers = {
            tuple(_page_numbers(" ".join(words[i + k][2] for k in range(n)))) for i in starts
        }
        if len(numbers) >= 2 and not _overlapping(starts, n):
            seeds.append(starts)
    return seeds


def _page_numbers(text: str) -> list[str]:
    """Numbers that could be page numbers: not years, which authors repeat in their text."""
    return [n for n in _DIGITS.findall(text) if len(n) <= 4 and not 1800 <= int(n) <= 2100]


def _overlapping(starts: list[int], n: int) -> bool:
    return any(b - a < n for a, b in pairwise(starts))


def _grow_run(starts: list[int], shapes: list[str]) -> list[tuple[int, int]]:
    """Extend a recurring n-gram left and right while every occurrence agrees."""
    n = HEADER_MIN_WORDS
    left = 0
    while (
        all(s - left - 1 >= 0 for s in starts) and len({shapes[s - left - 1] for s in starts}) == 1
    ):
        left += 1
    right = n
    while (
        all(s + right < len(shapes) for s in starts)
        and len({shapes[s + right] for s in starts}) == 1
    ):
        right += 1
    return [(s - left, s + right) for s in starts]


def remove_notices(text: str, report: CleanReport) -> str:
    """Copyright lines and correspondence addresses from a journal's first page."""

    def cut(match: re.Match[str]) -> str:
        report.notices.append(" ".join(match.group().split()))
        report.record(match.group(), "notice")
        return " "

    return _NOTICE.sub(cut, text)


NOTICE_WINDOW = 4096
"""Characters a notice may reach beyond where it starts (its pattern allows about 330)."""


class NoticeStream:
    """`remove_notices` on a text that arrives in pieces: the same cuts, in bounded memory.

    A match is taken only when it starts `NOTICE_WINDOW` characters before the end
    of what has arrived and does not touch that end, so it is the match the whole
    text would give; the rest waits for the next piece.
    """

    def __init__(self, report: CleanReport) -> None:
        self.report = report
        self._pending = ""

    def feed(self, text: str) -> str:
        """Add the next piece; return the cleaned text that can no longer change."""
        return self._scan(self._pending + text, final=False)

    def finish(self) -> str:
        """The cleaned rest of the text."""
        return self._scan(self._pending, final=True)

    def _scan(self, buffer: str, *, final: bool) -> str:
        cut = len(buffer) if final else max(0, len(buffer) - NOTICE_WINDOW)
        pieces = []
        position = 0
        for match in _NOTICE.finditer(buffer):
            if match.start() >= cut:
                break
            if not final and match.end() >= len(buffer):
                cut = match.start()  # the address may go on in the next piece
                break
            pieces.append(buffer[position : match.start()])
            self.report.notices.append(" ".join(match.group().split()))
            self.report.record(match.group(), "notice")
            pieces.append(" ")
            position = match.end()
        done = max(cut, position)
        pieces.append(buffer[position:done])
        self._pending = buffer[done:]
        return "".join(pieces)


_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")
"""A hyphenated compound, tried only where a run of letters starts and never backtracking
into it: linear in the text (a run of two million letters is read once, not once a letter)."""


def word_lexicon(text: str) -> set[str]:
    """Lower-cased words and hyphenated compounds of a text: evidence for mending hyphens."""
    words = {word.lower() for word in _LETTERS.findall(text)}
    words.update(compound.lower() for compound in _COMPOUND.findall(text))
    return words


HYPHENS = ("-", "\u2010", "\u2011")
"""Hyphens that may end a line: ASCII, U+2010 (WeasyPrint and Chrome break words with it,
and decoding turns a line-breaking soft hyphen into it), U+2011 (non-breaking)."""
_PARTICLES = frozenset({"kan", "an", "nya", "lah", "kah", "i", "pun", "ku", "mu"})


def join_hyphenated(left: str, right: str, lexicon: set[str]) -> str:
    """Join a word split at a line end (`left-` + `right`), keeping real hyphens.

    Indonesian writes reduplication (`negara-negara`, `sewaktu-waktu`,
    `bolak-balik`) and compounds of names (`Korea-Amerika`, `non-Blok`) with
    hyphens, so the hyphen is kept where the document itself writes the
    hyphenated form, for reduplication and rhymes, and where a lower-case
    part meets a capital. Otherwise the break is the typesetter's and the
    parts are joined: the joined word seen elsewhere in the document makes
    that certain, and so does a U+2010 hyphen or a bare suffix (`-kan`),
    but typeset breaks fall between syllables of ordinary words, so joining
    is also the default for upper case (`REPUB-` `LIK`) and mixed case.
    """
    mark = left[-1]
    stem = left[:-1]
    heads = _LETTERS.findall(stem)
    head = heads[-1] if heads and stem.endswith(heads[-1]) else ""
    tail = _LETTERS.match(right)
    tail_word = tail.group() if tail else ""
    kept = stem + "-" + right
    if not head or not tail_word:
        return kept
    low_head, low_tail = head.lower(), tail_word.lower()
    if f"{low_head}-{low_tail}" in lexicon:
        return kept
    if mark == "\u2011":
        return kept  # a non-breaking hyphen is the author's
    if low_head + low_tail in lexicon:
        return stem + right  # the document writes the word whole elsewhere
    if _reduplication(low_head, low_tail):
        return kept
    if tail_word[0].isupper() and not head.isupper():
        return kept  # `non-Blok`, `Asia-Pasifik`, `Undang-Undang`: a capital after the break
    return stem + right


def _reduplication(head: str, tail: str) -> bool:
    """`negara-negara`, `sehari-hari`, `tolong-menolong`, `bolak-balik`, `sayur-mayur`."""
    if head == tail or (len(head) >= 3 and tail.startswith(head)):
        return True  # `buah-buahan`
    if (len(tail) >= 3 and head.endswith(tail)) or (len(head) >= 4 and head in tail):
        return True  # `sehari-hari`, `anak-beranak`
    if len(head) >= 4 and head[-4:] == tail[-4:]:
        return True  # `tolong-menolong`, `pukul-memukul`
    if len(head) < 4 or len(tail) < 4:
        return False
    # Rhymes: one sound changed (`sayur-mayur`, `ramah-tamah`) or the vowels (`bolak-balik`).
    rhyme = len(head) == len(tail) >= 5 and head[1:] == tail[1:]
    return rhyme or _skeleton(head) == _skeleton(tail)


def _skeleton(word: str) -> str:
    return "".join(c for c in word if c not in "aeiou")
