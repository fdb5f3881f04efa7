"""The cloze and matching exercises, made from a handout's pairs and glossary.

Pure and deterministic: the same document, range and glossary give the same
exercises on every run and every machine, so a teacher can regenerate a
handout and the answer key printed last week still fits. "Shuffled" orders
are sorted by a SHA-256 of a seed (the document's slug and range) and the
item, not by `random`, whose algorithms Python does not promise to keep.

The cloze blanks the text in one language (the handout's: English text for
an English handout, Indonesian for an Indonesian one, so that students read
the passage in the language they are taught in and supply the field's
term). A term occurrence is blanked only where the text spells the term
exactly as the glossary table gives it (case aside): an inflected or
abbreviated occurrence ("invaded" for "invasion") is left as it is, because
the word bank's form would not fit the sentence. Every blanked occurrence of
the same term has the same number, so no later occurrence gives it away.
Headings and reference-list entries are not used. The passage stops after
the paragraph that brings the `CLOZE_MAX`th term: a long selection gives a
cloze a class can do, not a second copy of the text.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from reader.handout.model import (
    Blank,
    Cloze,
    ClozeParagraph,
    GlossaryEntry,
    Matching,
    Pair,
)

CLOZE_KINDS = frozenset({"paragraph", "caption"})
CLOZE_MAX = 20
MATCHING_MAX = 15


def shuffled(items: Sequence[str], seed: str) -> list[str]:
    """`items` in an order that looks random and is the same on every run.

    Never the original order (when there are two or more distinct items):
    an exercise whose columns line up is no exercise.
    """
    order = sorted(items, key=lambda item: hashlib.sha256(f"{seed}\x00{item}".encode()).hexdigest())
    if len(set(order)) > 1 and order == list(items):
        order = order[1:] + order[:1]
    return order


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def make_cloze(
    pairs: Sequence[Pair],
    glossary: Sequence[GlossaryEntry],
    lang: str,
    seed: str,
    limit: int = CLOZE_MAX,
) -> Cloze:
    """Blank the glossary terms in the `lang` text of `pairs` (see the module docstring)."""
    forms = {
        entry.term_id: entry.english if lang == "en" else entry.indonesian for entry in glossary
    }
    numbers: dict[str, Blank] = {}
    paragraphs: list[ClozeParagraph] = []
    for pair in pairs:
        if len(numbers) >= limit:
            break
        spans = pair.english if lang == "en" else pair.indonesian
        if spans is None or pair.kind not in CLOZE_KINDS:
            continue
        parts: list[str | Blank] = []
        for span in spans:
            blank = None
            term_id = span.term_id
            form = forms.get(term_id) if term_id is not None else None
            if term_id is not None and form is not None and _key(span.text) == _key(form):
                blank = numbers.get(_key(form))  # by form: two terms spelt alike share a number
                if blank is None and len(numbers) < limit:
                    blank = numbers[_key(form)] = Blank(len(numbers) + 1, term_id, form)
            if blank is not None:
                parts.append(blank)
            elif parts and isinstance(parts[-1], str):
                parts[-1] += span.text
            else:
                parts.append(span.text)
        if any(isinstance(part, Blank) for part in parts):
            paragraphs.append(ClozeParagraph(pair.seq, tuple(parts)))
    answers = tuple(numbers.values())
    bank = tuple(shuffled([blank.answer for blank in answers], f"{seed}:cloze"))
    return Cloze(lang, tuple(paragraphs), answers, bank)


def make_matching(
    pairs: Sequence[Pair], glossary: Sequence[GlossaryEntry], seed: str, limit: int = MATCHING_MAX
) -> Matching:
    """Up to `limit` glossary terms to match, the English column shuffled.

    The terms are the first `limit` to occur in the paragraphs (Indonesian
    side first), listed in glossary order: more than about fifteen items is
    a list to search, not an exercise. A term that shares its Indonesian or
    English form with another (case aside) is left out: two equal items would
    make the key ambiguous.
    """
    id_count = Counter(_key(entry.indonesian) for entry in glossary)
    en_count = Counter(_key(entry.english) for entry in glossary)
    usable = {
        entry.term_id
        for entry in glossary
        if id_count[_key(entry.indonesian)] == 1 and en_count[_key(entry.english)] == 1
    }
    seen: dict[str, None] = {}
    for pair in pairs:
        for spans in (pair.indonesian, pair.english):
            for span in spans or ():
                if span.term_id in usable:
                    seen.setdefault(span.term_id)
    first = set(list(seen)[:limit])
    chosen = [entry for entry in glossary if entry.term_id in first]
    english = shuffled([entry.english for entry in chosen], f"{seed}:matching")
    position = {text: index for index, text in enumerate(english)}
    return Matching(
        indonesian=tuple(entry.indonesian for entry in chosen),
        english=tuple(english),
        key=tuple(position[entry.english] for entry in chosen),
        term_ids=tuple(entry.term_id for entry in chosen),
    )
