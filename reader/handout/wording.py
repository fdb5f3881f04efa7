"""Sentences every renderer prints the same way, so the four formats cannot drift apart."""

from __future__ import annotations

from reader.handout.labels import label
from reader.handout.model import Handout


def say(handout: Handout, key: str, **values: object) -> str:
    """A label in the handout's language."""
    return label(handout.lang, key, **values)


def range_line(handout: Handout) -> str:
    """'Paragraphs 1–8 of 40' (or 'Paragraph 5 of 40')."""
    key = "paragraph" if handout.first == handout.last else "paragraphs"
    return say(handout, key, first=handout.first, last=handout.last, total=handout.total)


def sources_line(handout: Handout) -> str:
    """'English: reference translation ¶1–8; machine translation, not reviewed ¶9'."""
    parts = [f"{say(handout, 'source_' + source)} ¶{seqs}" for source, seqs in handout.sources()]
    return f"{say(handout, 'translations')}: " + "; ".join(parts)


def date_line(handout: Handout) -> str:
    return f"{say(handout, 'date')}: {handout.date}"


def cite_line(handout: Handout) -> str:
    return f"{say(handout, 'cite')}: {handout.citation}"
