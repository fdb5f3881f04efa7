"""Glossary links → `Span`s: the text cut at each term occurrence the library linked.

Links come from `GlossaryService.links_for_document` and their offsets are
into the paragraph's `display_text` form, which is what the handout prints.
A link whose offsets no longer point at its surface (the text changed after
linking) or that overlaps an earlier one is ignored rather than trusted:
a wrong mark in a handout is worse than a missing one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from glossary.links import Link
from reader.handout.model import Marked, Span


def mark(text: str, links: Iterable[Link], known: Callable[[str], bool]) -> Marked:
    """`text` as spans; the links of terms that `known(term_id)` accepts become marked spans."""
    spans: list[Span] = []
    position = 0
    for link in sorted(links, key=lambda k: (k.start, -k.end)):
        if link.start < position or not known(link.term_id):
            continue
        if not 0 <= link.start < link.end <= len(text):
            continue
        if text[link.start : link.end] != link.surface:
            continue
        if link.start > position:
            spans.append(Span(text[position : link.start]))
        spans.append(Span(link.surface, link.term_id))
        position = link.end
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def term_ids(spans: Marked | None) -> set[str]:
    """The terms marked in `spans`."""
    return {span.term_id for span in spans or () if span.term_id is not None}
