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
        # Words of statutes and official titles, which are often in capitals with an
        # English title inside (`... TENTANG PENGESAHAN AGREEMENT BETWEEN THE ...`).
        "tentang",
        "nomor",
        "tahun",
        "undang",
        "republik",
        "pengesahan",
        "peraturan",
        "pemerintah",
        "presiden",
        "bab",
        "pasal",
        "bagian",
        "ketentuan",
        "umum",
        "penjelasan",
        "atas",
        "menimbang",
        "mengingat",
        "menetapkan",
        "memutuskan",
        "persetujuan",
        "antara",
        "mengenai",
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
    if _mostly_upper(text):
        # Capitals hide acronyms among the function words (AS, ON, IT): ask for more.
        return english >= 4 and english > 3 * indonesian
    return english >= 3 and english > 2 * indonesian


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
