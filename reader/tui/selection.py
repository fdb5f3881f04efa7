"""Words a reader marks in one paragraph (keys `v`, arrows, or a mouse drag), to add a term.

Pure state, no Textual: a paragraph's text cut into words (with their offsets), a
cursor word and an anchor word; the selection is every word between the two, so it
is always a run of whole words of the text. `ParagraphSelection` keeps one such
selection per language of the paragraph and which one the keys move.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

Span = tuple[int, int]

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
"""A word: letters and digits, with inner hyphens and apostrophes (``dialog-dialog``,
``ROK-AS``, ``Korea's``); punctuation around it is not part of it."""

SIDES = ("id", "en")


def word_spans(text: str) -> tuple[Span, ...]:
    """(start, end) of every word of `text`, in order."""
    return tuple(match.span() for match in WORD.finditer(text))


@dataclass(frozen=True)
class WordSelection:
    """A run of whole words of `text`: from the anchor word to the cursor word (either order)."""

    text: str
    words: tuple[Span, ...]
    anchor: int
    cursor: int

    @classmethod
    def start(cls, text: str, word: int = 0) -> WordSelection | None:
        """One word selected (the first by default); None if `text` has no word."""
        words = word_spans(text)
        if not words:
            return None
        index = min(max(word, 0), len(words) - 1)
        return cls(text, words, index, index)

    def _clamp(self, index: int) -> int:
        return min(max(index, 0), len(self.words) - 1)

    def moved(self, step: int) -> WordSelection:
        """The cursor `step` words on, alone selected (the anchor follows it)."""
        index = self._clamp(self.cursor + step)
        return replace(self, anchor=index, cursor=index)

    def extended(self, step: int) -> WordSelection:
        """The cursor `step` words on, the anchor kept: the selection grows (or shrinks)."""
        return replace(self, cursor=self._clamp(self.cursor + step))

    def to_word(self, index: int, *, extend: bool) -> WordSelection:
        """The cursor on word `index`; the anchor stays if `extend`, else follows."""
        index = self._clamp(index)
        return replace(self, anchor=self.anchor if extend else index, cursor=index)

    def word_at(self, offset: int) -> int:
        """The word at character `offset`, or the nearest one before it (the first if none)."""
        starts = [start for start, _end in self.words]
        return max(bisect_right(starts, offset) - 1, 0)

    @property
    def first(self) -> int:
        return min(self.anchor, self.cursor)

    @property
    def last(self) -> int:
        return max(self.anchor, self.cursor)

    @property
    def span(self) -> Span:
        """Characters selected: from the first selected word's start to the last one's end."""
        return self.words[self.first][0], self.words[self.last][1]

    @property
    def cursor_offset(self) -> int:
        """Where the cursor word starts (the view scrolls to keep it in sight)."""
        return self.words[self.cursor][0]

    @property
    def selected(self) -> str:
        start, end = self.span
        return self.text[start:end]


@dataclass(frozen=True)
class ParagraphSelection:
    """What is marked in paragraph `row`: Indonesian words, maybe English words too.

    `side` is the language the keys move in; a side never visited is None.
    """

    row: int
    side: str
    id: WordSelection | None
    en: WordSelection | None

    @classmethod
    def start(
        cls, row: int, indonesian: str, english: str | None, side: str = "id", word: int = 0
    ) -> ParagraphSelection | None:
        """A word of the paragraph selected on `side`; None if that side has no word."""
        text = indonesian if side == "id" else english
        selection = WordSelection.start(text or "", word)
        if selection is None:
            return None
        return cls(row, side, selection, None) if side == "id" else cls(row, side, None, selection)

    @property
    def active(self) -> WordSelection:
        selection = self.id if self.side == "id" else self.en
        assert selection is not None  # the active side always has a selection
        return selection

    def with_active(self, selection: WordSelection) -> ParagraphSelection:
        if self.side == "id":
            return replace(self, id=selection)
        return replace(self, en=selection)

    def moved(self, step: int) -> ParagraphSelection:
        return self.with_active(self.active.moved(step))

    def extended(self, step: int) -> ParagraphSelection:
        return self.with_active(self.active.extended(step))

    def switched(self, other_text: str | None) -> ParagraphSelection:
        """The keys move in the other language; its first word is selected if nothing was.

        `other_text` is that language's text; without a word in it nothing changes.
        """
        side = "en" if self.side == "id" else "id"
        if getattr(self, side) is None:
            started = WordSelection.start(other_text or "")
            if started is None:
                return self
            return replace(self, side=side).with_active(started)
        return replace(self, side=side)

    def span(self, side: str) -> Span | None:
        """Characters selected on `side`, if it is marked."""
        selection = self.id if side == "id" else self.en
        return selection.span if selection is not None else None

    def text(self, side: str) -> str | None:
        """The words selected on `side`, if it is marked."""
        selection = self.id if side == "id" else self.en
        return selection.selected if selection is not None else None
