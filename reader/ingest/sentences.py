"""An Indonesian sentence splitter that knows the language's abbreviations.

Used to cut flowing text into paragraphs on import and, later, to feed machine
translation sentence by sentence without any package reaching for a network
model. A period ends a sentence when whitespace and a sentence start follow,
unless it closes an abbreviation (`dll.`, `Prof.`, an initial) or sits inside
a number (`1.500`, which has no space after it anyway).
"""

from __future__ import annotations

import re

# Abbreviations after which a capitalised word does NOT start a new sentence
# (titles, initials and the like are followed by names).
NAME_PREFIXES = frozenset(
    [
        "prof",
        "dr",
        "drs",
        "dra",
        "ir",
        "h",
        "hj",
        "kh",
        "st",
        "sdr",
        "sdri",
        "tn",
        "ny",
        "nn",
        "bpk",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "gen",
        "lt",
        "col",
        "kol",
        "jend",
        "letjen",
        "mayjen",
        "brigjen",
        "laksda",
        "laksdya",
        "laksma",
        "marsda",
        "kapt",
        "kompol",
        "ipda",
        "iptu",
        "akp",
    ]
)
# Abbreviations that end many sentences or precede a number; a capitalised
# word after them starts a sentence only when no number follows.
NUMBER_PREFIXES = frozenset(
    ["no", "nos", "hlm", "hal", "p", "pp", "vol", "jl", "ed", "eds", "art", "ps", "bab"]
)
# Abbreviations that may end a sentence themselves.
SENTENCE_FINAL = frozenset(["dll", "dsb", "dst", "dkk", "tsb", "etc", "al"])
# Latin and English abbreviations that never end a sentence here.
NEVER_FINAL = frozenset(["cf", "vs", "e.g", "i.e", "viz", "ca"])

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*[\"'”’»)\]]*$")
_STARTER = re.compile(r"[\"'“‘«(\[]*(?P<first>\S)")


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each stripped; whitespace between them is dropped."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if end <= start or not _is_boundary(text, match.start(), end):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _token_start(text: str, position: int) -> int:
    """Where the run of non-space characters that `position` is in (or ends) starts."""
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _is_boundary(text: str, punct_start: int, end: int) -> bool:
    following = _STARTER.match(text, _skip_space(text, end))
    if following is None:
        return False
    first = following.group("first")
    if not (first.isupper() or first.isdigit() or first in '"“‘«'):
        return False  # "p. yang", "dkk. dalam": the sentence goes on
    if text[punct_start] != ".":
        return True  # ! ? … end sentences without exceptions
    # The word is in the token that ends here: searching from the text's start instead
    # would rescan everything before it at each candidate (quadratic on one long line).
    word_match = _WORD_BEFORE.search(text, _token_start(text, punct_start), end)
    word = word_match.group(1).lower().rstrip(".") if word_match else ""
    if not word:
        return True
    if word in NEVER_FINAL or word in NAME_PREFIXES:
        return False
    if len(word) == 1 and word.isalpha() and text[punct_start - 1].isupper():
        return False  # an initial: "A. Rahman", "Fitriyanti, R. dan"
    if word in NUMBER_PREFIXES:
        return not first.isdigit()  # "No. 3" goes on; "(Oda, 1967, p. Selain itu" ends
    if word in SENTENCE_FINAL:
        return True
    return not re.fullmatch(r"(?:[a-z]\.){1,3}[a-z]?", word)  # "s.d.", "a.n."
