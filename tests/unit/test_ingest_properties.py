"""Generated PDF-style damage: whatever the wrap, hyphens, spacing and pages, the words come back
in order, the furniture goes, and the paragraphs are found again.

A document of generated Indonesian-looking paragraphs is damaged the way PDF
extraction damages text: hard-wrapped at a random width (greedy, as a typesetter
fills lines), some line-end words hyphenated, optionally double-spaced (a blank
line after every line), cut into pages with a running header ("Jurnal Uji | 7")
at each top and the page number at each foot. `ingest_pages` must undo it.

The text itself comes from a `random.Random` seeded by Hypothesis rather than
from Hypothesis's own shrinking draws: shrunk text degenerates into one word
repeated, whose lines recur on every page and rightly look like running headers.
Hypothesis still chooses the seed, the number of paragraphs and every kind of
damage.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bench.score_segmentation import boundary_scores
from reader.ingest.pipeline import ingest_pages
from reader.ingest.sentences import NAME_PREFIXES, NEVER_FINAL, NUMBER_PREFIXES, SENTENCE_FINAL

ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "j", "c", "h", "w", "ng", "ny"]
VOWELS = ["a", "i", "u", "e", "o"]
CODAS = ["", "", "", "n", "ng", "r", "k", "s", "t", "l"]
# Words the splitter treats as abbreviations, and words that open captions.
FORBIDDEN = NAME_PREFIXES | NUMBER_PREFIXES | SENTENCE_FINAL | NEVER_FINAL | {"sumber", "tabel"}
LAST_LINE_SHARE = 0.6
HEADER = "Jurnal Uji | {n}"
_TOKEN = re.compile(r"\w+")

Word = tuple[tuple[str, ...], str]
"""A word's syllables (where it may be hyphenated) and its text with capital and punctuation."""


def _vocabulary(rng: random.Random, size: int = 400) -> list[tuple[str, ...]]:
    words: dict[str, tuple[str, ...]] = {}
    while len(words) < size:
        syllables = tuple(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
            for _ in range(rng.randint(2, 4))
        )
        if "".join(syllables) not in FORBIDDEN:
            words["".join(syllables)] = syllables
    return list(words.values())


def _sentence(rng: random.Random, vocabulary: list[tuple[str, ...]]) -> list[Word]:
    count = rng.randint(4, 16)
    words = []
    for k in range(count):
        syllables = rng.choice(vocabulary)
        text = "".join(syllables)
        if k == 0:
            text = text.capitalize()
        if k == count - 1:
            text += "."
        elif rng.random() < 0.08:
            text += ","
        words.append((syllables, text))
    return words


def _wrap(
    words: list[Word],
    width: int,
    rng: random.Random | None = None,
    unbroken: dict[str, int] | None = None,
) -> list[str]:
    """Greedy wrap at `width`; with `rng`, hyphenate some words that do not fit.

    A word is hyphenated only while another occurrence of it stays unbroken
    (`unbroken` counts them), so the document itself attests the joined word, as
    `join_hyphenated` requires; and never where the tail repeats the head, which
    Indonesian reads as reduplication (`kaka` → `ka-ka`).
    """
    lines: list[str] = []
    line = ""
    pending = list(words)
    i = 0
    while i < len(pending):
        syllables, text = pending[i]
        candidate = f"{line} {text}" if line else text
        if len(candidate) <= width or not line:
            line, i = candidate, i + 1
            continue
        plain = "".join(syllables)
        if rng is not None and unbroken is not None and syllables and unbroken.get(plain, 0) >= 2:
            for cut in range(len(syllables) - 1, 0, -1):
                head = "".join(syllables[:cut])
                if "".join(syllables[cut:]).startswith(head) or len(line) + len(head) + 2 > width:
                    continue
                if rng.random() < 0.6:
                    unbroken[plain] -= 1
                    lines.append(f"{line} {text[: len(head)]}-")
                    line = ""
                    pending[i] = ((), text[len(head) :])
                break
        if line:
            lines.append(line)
        line = ""
    lines.append(line)
    return lines


@dataclass
class Damaged:
    paragraphs: list[str]
    pages: list[str]


def _document(
    seed: int,
    paragraph_count: int,
    width: int,
    hyphenate: bool,
    double_spaced: bool,
    lines_per_page: int,
) -> Damaged:
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    paragraphs: list[list[Word]] = []
    for _ in range(paragraph_count):
        sentences = [_sentence(rng, vocabulary) for _ in range(rng.randint(2, 6))]
        # A typeset paragraph's last line is short, and that is the cue the segmenter reads.
        # Our choice: draw the last sentence again (a new length and new words) until the
        # paragraph's last line fills under 60% of the width, so every paragraph ends the
        # way real ones do; sentence lengths elsewhere are untouched.
        for _ in range(100):
            last_line = _wrap([w for s in sentences for w in s], width)[-1]
            if len(last_line) < LAST_LINE_SHARE * width:
                break
            sentences[-1] = _sentence(rng, vocabulary)
        paragraphs.append([w for s in sentences for w in s])

    unbroken: dict[str, int] = {}
    for paragraph in paragraphs:
        for syllables, _ in paragraph:
            unbroken["".join(syllables)] = unbroken.get("".join(syllables), 0) + 1
    lines: list[str] = []
    for paragraph in paragraphs:
        wrapped = _wrap(paragraph, width)
        if hyphenate:
            trial = dict(unbroken)
            hyphenated = _wrap(paragraph, width, rng, trial)
            if len(hyphenated[-1]) < LAST_LINE_SHARE * width:  # hyphens moved text forward
                wrapped, unbroken = hyphenated, trial
        lines += wrapped

    # A single page cannot tell its header from its first line, so at least two pages.
    per_page = min(lines_per_page, max(3, math.ceil(len(lines) / 2)))
    pages = []
    for n, start in enumerate(range(0, len(lines), per_page), start=1):
        page = [HEADER.format(n=n), *lines[start : start + per_page], str(n)]
        if double_spaced:
            page = [out for line in page for out in (line, "")]
        pages.append("\n".join(page))
    return Damaged([" ".join(text for _, text in p) for p in paragraphs], pages)


def _tokens(texts: list[str]) -> list[str]:
    return [token.lower() for text in texts for token in _TOKEN.findall(text)]


DAMAGE = {
    "seed": st.integers(0, 2**32 - 1),
    "paragraph_count": st.integers(3, 12),
    "width": st.integers(45, 90),
    "hyphenate": st.booleans(),
    "double_spaced": st.booleans(),
    "lines_per_page": st.integers(20, 40),
}


@settings(max_examples=60, deadline=None)
@given(**DAMAGE)
@example(
    seed=3136844081,
    paragraph_count=5,
    width=84,
    hyphenate=False,
    double_spaced=False,
    lines_per_page=33,
)  # a paragraph whose last sentence starts on a line of its own, at a page foot
def test_damaged_document_comes_back(
    seed: int,
    paragraph_count: int,
    width: int,
    hyphenate: bool,
    double_spaced: bool,
    lines_per_page: int,
) -> None:
    damaged = _document(seed, paragraph_count, width, hyphenate, double_spaced, lines_per_page)
    result = ingest_pages(damaged.pages)
    texts = [block.text for block in result.blocks]

    # Every word, in order, with hyphenated line ends mended.
    assert _tokens(texts) == _tokens(damaged.paragraphs)
    # No header, no page number (the generated body has no digits).
    assert not any("Jurnal" in text or "Uji" in text for text in texts)
    assert not any(re.search(r"\d", text) for text in texts)
    assert result.report.page_numbers == len(damaged.pages)
    assert len(result.report.removed("running-header")) == len(damaged.pages)
    assert {block.kind for block in result.blocks} == {"paragraph"}
    # The paragraphs themselves.
    scores = boundary_scores(damaged.paragraphs, texts)
    assert scores.f1 >= 0.9, scores


@settings(max_examples=30, deadline=None)
@given(**DAMAGE)
def test_generator_damage_is_as_described(
    seed: int,
    paragraph_count: int,
    width: int,
    hyphenate: bool,
    double_spaced: bool,
    lines_per_page: int,
) -> None:
    # The generator itself: lines within the width, short last lines, words unchanged when
    # the hyphens are taken out again, at least two pages each with header and page number.
    damaged = _document(seed, paragraph_count, width, hyphenate, double_spaced, lines_per_page)
    assert len(damaged.paragraphs) == paragraph_count
    assert len(damaged.pages) >= 2
    body: list[str] = []
    for n, page in enumerate(damaged.pages, start=1):
        lines = [line for line in page.split("\n") if line]
        assert lines[0] == HEADER.format(n=n) and lines[-1] == str(n)
        assert double_spaced == ("\n\n" in page)
        body += lines[1:-1]
    assert all(len(line) <= width for line in body)
    if not hyphenate:
        assert not any(line.endswith("-") for line in body)
    joined = re.sub(r"-\n", "", "\n".join(body)).split()
    assert joined == " ".join(damaged.paragraphs).split()
