"""Link terms to paragraphs: what the library stores, and what a terminology check reports.

Works on `(paragraph_id, text)` pairs, so it needs nothing from the reader:
the caller decides which paragraphs are stale and stores what comes back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.match import Matcher


@dataclass(frozen=True)
class Link:
    """One occurrence of a term in one paragraph, in one language."""

    paragraph_id: int
    lang: str
    start: int
    end: int
    surface: str
    term_id: str
    fuzzy: bool = False


@dataclass(frozen=True)
class Miss:
    """A term in the Indonesian whose English rendering is not in the paragraph's English."""

    paragraph_id: int
    term_id: str
    surface: str


def link_texts(matcher: Matcher, pairs: Iterable[tuple[int, str]], lang: str) -> list[Link]:
    """Every term occurrence in every paragraph text."""
    links = []
    for paragraph_id, text in pairs:
        for match in matcher.match(text, lang):
            links.append(
                Link(
                    paragraph_id=paragraph_id,
                    lang=lang,
                    start=match.start,
                    end=match.end,
                    surface=match.surface,
                    term_id=match.term_id,
                    fuzzy=match.fuzzy,
                )
            )
    return links
