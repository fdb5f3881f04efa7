"""Word wrapping to terminal cells, returning spans into the original text.

Spans (not copies) let the renderer style search matches and glossary terms
by their offsets in the paragraph. Paragraphs of single-width characters
(almost all Indonesian and English text) take a fast path that finds each
line break with one `rfind`, which keeps laying out a 5,000-paragraph
document well under the time budget for opening it.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

Span = tuple[int, int]
_WORD = re.compile(r"\S+")


def wrap_spans(text: str, width: int) -> list[Span]:
    """Break `text` (already single-spaced) into lines of at most `width` cells."""
    if width < 1:
        width = 1
    if not text:
        return [(0, 0)]
    if cell_len(text) == len(text):
        return _wrap_single_width(text, width)
    return _wrap_by_cells(text, width)


def _wrap_single_width(text: str, width: int) -> list[Span]:
    spans: list[Span] = []
    start, length = 0, len(text)
    while start < length:
        if length - start <= width:
            spans.append((start, length))
            break
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:  # one word longer than the line: split it
            spans.append((start, start + width))
            start += width
        else:
            spans.append((start, cut))
            start = cut + 1
        while start < length and text[start] == " ":
            start += 1
    return spans or [(0, 0)]


def _wrap_by_cells(text: str, width: int) -> list[Span]:
    spans: list[Span] = []
    line_start = line_end = -1
    line_cells = 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        cells = cell_len(word.group())
        if line_start >= 0 and line_cells + 1 + cells <= width:
            line_end, line_cells = end, line_cells + 1 + cells
            continue
        if line_start >= 0:
            spans.append((line_start, line_end))
        while cells > width:  # split an over-long word at cell boundaries
            cut = start + 1
            while cut < end and cell_len(text[start : cut + 1]) <= width:
                cut += 1
            spans.append((start, cut))
            start = cut
            cells = cell_len(text[start:end])
        line_start, line_end, line_cells = start, end, cells
    if line_start >= 0:
        spans.append((line_start, line_end))
    return spans or [(0, 0)]
