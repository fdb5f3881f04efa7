"""Is a paragraph English? A function-word count is enough for abstracts and quotations."""

from __future__ import annotations

import re

ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "these",
        "for",
        "with",
        "on",
        "as",
        "by",
        "from",
        "which",
        "it",
        "its",
        "an",
        "at",
        "have",
        "has",
        "not",
        "their",
        "or",
        "but",
        "also",
        "into",
        "between",
    ]
)
INDONESIAN = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "ini",
        "itu",
        "dengan",
        "untuk",
        "pada",
        "dalam",
        "tidak",
        "akan",
        "adalah",
        "oleh",
        "sebagai",
        "juga",
        "telah",
        "atau",
        "karena",
        "bahwa",
        "serta",
        "antara",
        "kedua",
        "negara",
        "merupakan",
        "tersebut",
    ]
)
ENGLISH_LABELS = frozenset({"abstract", "keywords", "keyword", "introduction", "references"})
_WORD = re.compile(r"[^\W\d_]+")


def is_english(text: str) -> bool:
    """True when English function words clearly outnumber Indonesian ones."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return False
    if words[0] in ENGLISH_LABELS and (len(words) <= 3 or text.split(":")[0].lower() == words[0]):
        return True
    english = sum(w in ENGLISH for w in words)
    indonesian = sum(w in INDONESIAN for w in words)
    return english >= 3 and english > 2 * indonesian
