"""What a handout contains, as plain frozen dataclasses that every renderer reads.

The model holds finished facts, already in the handout's language (labels
aside): the renderers only lay them out. Text is kept as `Span`s, runs of
plain text and glossary terms, so that each format marks terms its own way
and escapes the rest its own way; nothing in the model is pre-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SOURCES = ("original", "reference", "reviewed", "machine", "missing")
"""Where a pair's English came from; 'missing' only with `allow_missing`."""


@dataclass(frozen=True)
class Span:
    """A run of text; `term_id` is set when the run is an occurrence of a glossary term."""

    text: str
    term_id: str | None = None


Marked = tuple[Span, ...]


def first_marks(spans: Marked) -> Marked:
    """`spans` with only the first occurrence of each term still marked.

    What the renderers print: a term in bold once per paragraph and
    language, as textbooks do, reads better than every repetition in bold
    (and costs the PDF layout a third less time on term-dense text). The
    model keeps every occurrence, for the cloze and the glossary.
    """
    seen: set[str] = set()
    result: list[Span] = []
    for span in spans:
        if span.term_id is not None and span.term_id in seen:
            span = Span(span.text)
        elif span.term_id is not None:
            seen.add(span.term_id)
        if span.term_id is None and result and result[-1].term_id is None:
            result[-1] = Span(result[-1].text + span.text)
        else:
            result.append(span)
    return tuple(result)


@dataclass(frozen=True)
class Pair:
    """One paragraph of the document: its Indonesian and its English, side by side."""

    seq: int
    kind: str
    """'heading', 'paragraph', 'caption' or 'reference' (as in the library)."""
    indonesian: Marked | None
    """None when the source paragraph is itself English (an abstract, a quotation)."""
    english: Marked | None
    """None when the paragraph has no English (a handout made with `allow_missing`)."""
    source: str
    """One of `SOURCES`."""
    source_note: str
    """Where the English came from, in the handout's language (with the engine if machine)."""


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the handout's glossary table."""

    term_id: str
    indonesian: str
    english: str
    definition: str
    """In the handout's language (the other language's definition if that one is empty)."""


@dataclass(frozen=True)
class Blank:
    """One numbered gap of the cloze; every gap with the same number has the same answer."""

    number: int
    term_id: str
    answer: str
    """The term as the glossary table gives it, in the cloze's language."""


@dataclass(frozen=True)
class ClozeParagraph:
    seq: int
    parts: tuple[str | Blank, ...]


@dataclass(frozen=True)
class Cloze:
    """Glossary terms blanked in the text of one language (see `exercises.make_cloze`)."""

    lang: str
    paragraphs: tuple[ClozeParagraph, ...]
    answers: tuple[Blank, ...]
    """One per number, in number order."""
    bank: tuple[str, ...]
    """The answers in a shuffled but reproducible order."""


@dataclass(frozen=True)
class Matching:
    """Indonesian terms (numbered) to match with English terms (lettered, shuffled)."""

    indonesian: tuple[str, ...]
    english: tuple[str, ...]
    key: tuple[int, ...]
    """`english[key[i]]` is the match of `indonesian[i]`."""
    term_ids: tuple[str, ...]
    """The term of each `indonesian[i]`."""


@dataclass(frozen=True)
class Exercises:
    cloze: Cloze
    matching: Matching


@dataclass(frozen=True)
class Handout:
    """Everything one handout shows, in the order the renderers show it."""

    lang: str
    """The language of headings, labels and definitions: 'id' or 'en'."""
    slug: str
    title: str
    title_en: str
    """The English title if the document has one ('' otherwise)."""
    authors: tuple[str, ...]
    year: int | None
    source: str
    citation: str
    date: str
    """Today's date, formatted by Babel for `lang` ('22 November 2026', 'November 22, 2026')."""
    first: int
    last: int
    total: int
    pairs: tuple[Pair, ...]
    glossary: tuple[GlossaryEntry, ...]
    """Exactly the terms marked in `pairs`, ordered by their Indonesian form."""
    exercises: Exercises | None = None
    indonesian_only: bool = False
    """One column, the Indonesian text alone (with `--indonesian-only`, or when no
    paragraph of the range has English): no English column, no source notes."""

    def sources(self) -> list[tuple[str, str]]:
        """(source, its paragraphs as '1–8') for each source of English, in `SOURCES` order.

        The summary a reader sees first: whether any English is unreviewed
        machine output should not depend on reading every note.
        """
        seqs: dict[str, list[int]] = {}
        for pair in self.pairs:
            seqs.setdefault(pair.source, []).append(pair.seq)
        return [(source, compress(seqs[source])) for source in SOURCES if source in seqs]


def single_text(pair: Pair) -> tuple[Marked, str]:
    """The text of a pair in a one-column handout, and its language: the Indonesian, or the
    English of a paragraph the source wrote in English."""
    if pair.indonesian is not None:
        return pair.indonesian, "id"
    return pair.english or (), "en"


def letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA': the labels of the matching exercise's right column."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def compress(seqs: Sequence[int]) -> str:
    """[3, 5, 6, 7] → '3, 5–7': paragraph numbers, short enough for one line."""
    ranges: list[list[int]] = []
    for seq in sorted(seqs):
        if ranges and seq == ranges[-1][1] + 1:
            ranges[-1][1] = seq
        else:
            ranges.append([seq, seq])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)
