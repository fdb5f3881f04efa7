"""Where each paragraph's lines fall in the reader, for a given width and layout.

Pure geometry, no Textual: rows of (Indonesian, English) text are wrapped
into columns (side by side) or one above the other (stacked), and every
virtual line of the scroll view maps back to a row, a side and a text span.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate

from reader.tui.widgets.wrapping import Span, wrap_spans

GUTTER_WIDTH = 7
"""Paragraph number (5), bookmark mark (1), space (1)."""
DIVIDER = " │ "
MIN_COLUMN_WIDTH = 10


@dataclass(frozen=True)
class LinePart:
    """One side's text on one screen line: which side, and its span in that side's text."""

    side: str
    """'id' or 'en'."""
    span: Span
    first: bool
    """True on the first line of that side's text (where labels go)."""


@dataclass(frozen=True)
class ScreenLine:
    row: int
    offset: int
    """Line number within the row."""
    parts: tuple[LinePart | None, ...]
    """Columns: (left, right); stacked: (one,). None where the side has no text on this line."""


class ParallelLayout:
    """Line geometry of a whole document at one width."""

    def __init__(self, texts: list[tuple[str, str]], width: int, *, stacked: bool) -> None:
        self.width = max(width, GUTTER_WIDTH + 2 * MIN_COLUMN_WIDTH + len(DIVIDER))
        self.stacked = stacked
        text_width = self.width - GUTTER_WIDTH
        if stacked:
            self.id_width = self.en_width = text_width
        else:
            self.id_width = (text_width - len(DIVIDER)) // 2
            self.en_width = text_width - len(DIVIDER) - self.id_width
        self._spans = [
            (wrap_spans(id_text, self.id_width), wrap_spans(en_text, self.en_width))
            for id_text, en_text in texts
        ]
        self._heights = [self._row_height(id_spans, en_spans) for id_spans, en_spans in self._spans]
        self.row_tops = [0, *accumulate(self._heights)]
        self.total_height = self.row_tops[-1]

    def update_rows(self, texts: Mapping[int, tuple[str, str]]) -> bool:
        """Re-wrap only the rows given (index → (Indonesian, English)), as English streams in.

        The other rows keep their wrapping; the row tops are summed again from the
        first row whose height changed. Returns whether any height changed (rows
        below it moved).
        """
        first_moved: int | None = None
        for index, (id_text, en_text) in texts.items():
            spans = (wrap_spans(id_text, self.id_width), wrap_spans(en_text, self.en_width))
            self._spans[index] = spans
            height = self._row_height(*spans)
            if height != self._heights[index]:
                self._heights[index] = height
                first_moved = index if first_moved is None else min(first_moved, index)
        if first_moved is None:
            return False
        tops = accumulate(self._heights[first_moved:], initial=self.row_tops[first_moved])
        self.row_tops[first_moved:] = tops
        self.total_height = self.row_tops[-1]
        return True

    def _row_height(self, id_spans: list[Span], en_spans: list[Span]) -> int:
        text_lines = (
            len(id_spans) + len(en_spans) if self.stacked else max(len(id_spans), len(en_spans))
        )
        return text_lines + 1  # one blank line between paragraphs

    def __len__(self) -> int:
        return len(self._spans)

    def row_height(self, row: int) -> int:
        return self.row_tops[row + 1] - self.row_tops[row]

    def row_at(self, y: int) -> int:
        """The row that virtual line `y` belongs to (clamped to the document)."""
        if not self._spans:
            return 0
        return min(max(bisect_right(self.row_tops, y) - 1, 0), len(self._spans) - 1)

    def line(self, y: int) -> ScreenLine | None:
        if not 0 <= y < self.total_height:
            return None
        row = self.row_at(y)
        offset = y - self.row_tops[row]
        id_spans, en_spans = self._spans[row]
        if self.stacked:
            if offset < len(id_spans):
                part = LinePart("id", id_spans[offset], offset == 0)
            elif offset - len(id_spans) < len(en_spans):
                k = offset - len(id_spans)
                part = LinePart("en", en_spans[k], k == 0)
            else:
                return ScreenLine(row, offset, (None,))
            return ScreenLine(row, offset, (part,))
        left = LinePart("id", id_spans[offset], offset == 0) if offset < len(id_spans) else None
        right = LinePart("en", en_spans[offset], offset == 0) if offset < len(en_spans) else None
        return ScreenLine(row, offset, (left, right))
