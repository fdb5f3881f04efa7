"""Find term-base terms in Indonesian and English text: one pass, a token trie, no stemmer.

The rules are those the gold list (`tests/fixtures/glossary_gold.toml`) and
`glossary/data/README.md` state; in short:

* case-insensitive, whole words only (a word is a run of `\\w` characters);
* a multi-word term matches across any run of whitespace, line breaks included;
* Indonesian: a line-end hyphen break (``pertaha-⏎nan``) is joined into one
  word; the last word of a term may carry a clitic (``-nya``, ``-lah``, ``-kah``,
  ``-pun``, or ``-nya`` followed by one of the others); a one-word term may be
  reduplicated (``ancaman-ancaman``, ``rudal-rudalnya``); nothing else is
  stripped, so ``mempertahankan``, ``ketahanan`` and ``pengamanan`` stay apart
  from ``pertahanan`` and ``keamanan``. A stemmer would conflate exactly those,
  which is why there is none;
* English: a space and a hyphen are interchangeable inside a term, the last
  word may take ``-s``/``-es`` and a possessive ``'s`` or ``'``; other plurals
  must be listed as variants (``securities`` is not ``security``);
* the longest match wins and the terms nested in it are not reported; where
  candidates overlap, the leftmost (then longest) one is taken.

How: the text is case-folded once (offsets are kept: folding is done
character for character), then one regular expression yields its words with
their offsets. Each term form becomes a path of keys in a trie; a key is the
separator before a word (normalised: a space, a hyphen, a comma and a space,
...) followed by the word, so ``Bangsa-Bangsa`` and ``Bangsa Bangsa`` are
different paths in Indonesian, and the same one in English. The suffixes a
last word may take are expanded into the trie when it is built (``ends``), so
the hot loop is a dictionary look-up per word, and only words that can begin
a term lead to any further work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from glossary.termbase import Term, default_termbase

LANGS = ("id", "en")
CLITICS = ("nya", "lah", "kah", "pun", "nyalah", "nyakah", "nyapun")
"""Indonesian clitics a term's last word may carry (-nya may precede -lah/-kah/-pun)."""
PLURALS = ("s", "es")
"""English endings a term's last word may take; any other plural must be a listed variant."""
FUZZY_MIN_LENGTH = 7
"""Shorter words have too many real neighbours at edit distance 1 to call them typos."""

_WORD = re.compile(r"\w+")
# Indonesian words: a line-end hyphen break joins two runs into one word.
_WORD_ID = re.compile(r"\w+(?:-[ \t]*\r?\n[ \t]*\w+)*")
_NEXT_EN = re.compile(r"(\W*)(\w+)")
_NEXT_ID = re.compile(r"(\W*)(\w+(?:-[ \t]*\r?\n[ \t]*\w+)*)")
_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*")
_MAYBE_BREAK = re.compile(r"-[ \t]*\r?\n")
_IS_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s-]+")
_LEADING_NON_WORD = re.compile(r"^\W+")
_NEEDS_FOLDING = re.compile(r"[A-Z\x80-\U0010ffff]")
_NEVER = re.compile(r"(?!)")
_GAP_CACHE_LIMIT = 4096
_APOSTROPHES = "'’"


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of a term: `text[start:end] == surface` in the text passed in."""

    start: int
    end: int
    surface: str
    term_id: str
    fuzzy: bool = False


class _Node:
    """A trie node: the keys that continue a form, and those that end one (with suffixes)."""

    __slots__ = ("ends", "next", "prefixes", "tails")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.ends: dict[str, str] = {}
        # Forms ending in punctuation (``U.S.``): (punctuation, term id).
        self.tails: list[tuple[str, str]] = []
        # The keys of `next` and `ends` that no shorter one begins, for a quick refusal.
        self.prefixes: tuple[str, ...] = ()

    def finish(self) -> None:
        """Fill in `prefixes`, here and below."""
        keys = sorted({*self.next, *self.ends})
        kept: list[str] = []
        for key in keys:
            if not kept or not key.startswith(kept[-1]):
                kept.append(key)
        self.prefixes = tuple(kept)
        for child in self.next.values():
            child.finish()


# What a word can begin: (trie node after it, term it ends, reduplication it allows).
_Entry = tuple[_Node | None, str | None, tuple[frozenset[str], str] | None]


class _Tables:
    """Everything one language needs at match time, precomputed."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.root = _Node()
        self.first: dict[str, _Entry] = {}
        self.words: set[str] = set()
        self.deletions: dict[str, set[str]] = {}
        self.gaps: dict[str, str] = {" ": " "}
        self.token = _WORD_ID if lang == "id" else _WORD
        self.next = _NEXT_ID if lang == "id" else _NEXT_EN
        # The words that can begin a match without their suffixes, and the scanners
        # made from them (compiled on first use: see `scanner`).
        self.starts: set[str] = set()
        self._scanners: dict[bool, re.Pattern[str]] = {}

    def scanner(self, breaks: bool) -> re.Pattern[str]:
        """The root of the trie as one regular expression that yields, in a single pass,
        only the words that can begin a match, as whole words (a superset of the keys of
        `first`: a first word, or a one-word term, with any suffix its language allows).

        A word followed by a line-end hyphen break is not yielded as it is: the break
        joins it to the next. With `breaks` (for text that has such a break) every joined
        word is yielded too, for the hot loop to look up. Compiled on first use: the
        Indonesian one takes some 10 ms, and a matcher may serve one language only.
        """
        pattern = self._scanners.get(breaks)
        if pattern is not None:
            return pattern
        if not self.starts:
            pattern = _NEVER
        else:
            suffix = "(?:nya)?(?:lah|kah|pun)?" if self.lang == "id" else "(?:e?s)?"
            words = _alternation(sorted(self.starts)) + suffix
            if breaks:
                joined = r"\w+(?:-[ \t]*\r?\n[ \t]*\w+)+"
                pattern = re.compile(rf"\b(?:{words}(?!\w|-[ \t]*\r?\n[ \t]*\w)|{joined})")
            else:
                pattern = re.compile(rf"\b{words}(?!\w)")
        self._scanners[breaks] = pattern
        return pattern

    def gap(self, raw: str) -> str:
        """`raw` as the trie spells separators (see `_normal_gap`), cached: few distinct
        separators occur in real text, and the cache is bounded for text that is not."""
        cached = self.gaps.get(raw)
        if cached is not None:
            return cached
        normal = _normal_gap(raw, self.lang)
        if len(self.gaps) < _GAP_CACHE_LIMIT:
            self.gaps[raw] = normal
        return normal


def _alternation(words: list[str]) -> str:
    """A regular expression matching exactly `words`, factored as a character trie so the
    engine does not try each word in turn at each position."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = f"(?:{body})?"
        return body

    return "(?:" + emit(trie) + ")"


def _normal_gap(raw: str, lang: str) -> str:
    """A separator between two words, normalised: a run of whitespace is one space (in
    English, any run of whitespace and hyphens, as the two are interchangeable there), and
    a curly apostrophe is a straight one. Other punctuation is kept as it is."""
    text = raw.replace("’", "'")
    return (_SEPARATORS if lang == "en" else _SPACES).sub(" ", text)


def _fold(text: str) -> str:
    """Case-fold `text` without changing its length, so offsets in it are offsets in `text`.

    `str.casefold` is used whenever it keeps the length (nearly always); otherwise
    each character is folded on its own, and one that would expand (``ß``, ``İ``) is
    lower-cased if that keeps it one character, or left as it is.
    """
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return _NEEDS_FOLDING.sub(lambda m: _fold_char(m.group()), text)


def _fold_char(char: str) -> str:
    folded = char.casefold()
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _split_form(form: str, lang: str) -> tuple[list[str], str]:
    """A form as trie keys (separator + word) and the punctuation it ends with, if any.

    Punctuation before the first word is dropped: a match always begins at a word.
    """
    folded = _LEADING_NON_WORD.sub("", _fold(" ".join(form.split())))
    keys: list[str] = []
    position = 0
    for found in _WORD.finditer(folded):
        separator = _normal_gap(folded[position : found.start()], lang) if keys else ""
        keys.append(separator + found.group())
        position = found.end()
    return keys, folded[position:]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _within_one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one insertion, deletion, substitution or swap
    of two adjacent letters (the typos a deletion neighbourhood can find)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    shorter = min(len(a), len(b))
    while i < shorter and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return a[i : i + 2] == b[i + 1 : i + 2] + b[i : i + 1] and a[i + 2 :] == b[i + 2 :]


class Matcher:
    """Finds the terms of a term base in text, in Indonesian (`id`) or English (`en`).

    Build it once (building takes milliseconds for the bundled term base) and call
    `match` per paragraph or per document. With `fuzzy=True`, a word of at least
    seven letters one typo away from a term word also matches, flagged
    `fuzzy=True`, but only where no exact match is.
    """

    def __init__(self, terms: Iterable[Term], *, fuzzy: bool = False) -> None:
        self.fuzzy = fuzzy
        term_list = list(terms)
        self._tables = {lang: self._build(term_list, lang) for lang in LANGS}
        self._near_cache: dict[tuple[str, str], tuple[str, ...]] = {}
        if fuzzy:
            self._index_deletions()

    # Building -----------------------------------------------------------------

    @staticmethod
    def _build(terms: list[Term], lang: str) -> _Tables:
        tables = _Tables(lang)
        suffixes = CLITICS if lang == "id" else PLURALS
        last_words: list[tuple[_Node, str, str]] = []
        single: dict[str, str] = {}
        for term in terms:
            for form in term.id_forms if lang == "id" else term.en_forms:
                keys, tail = _split_form(form, lang)
                if not keys:
                    continue
                for key in keys:
                    tables.words.add(_WORD.findall(key)[0])
                node = tables.root
                for key in keys[:-1]:
                    node = node.next.setdefault(key, _Node())
                if tail:
                    node = node.next.setdefault(keys[-1], _Node())
                    node.tails.append((tail, term.id))
                    continue
                # The first form to claim a surface keeps it (a form belongs to one entry).
                node.ends.setdefault(keys[-1], term.id)
                last_words.append((node, keys[-1], term.id))
                if len(keys) == 1:
                    single.setdefault(keys[0], term.id)
        # Suffixed last words only where no form claims the same surface as it is.
        for node, key, term_id in last_words:
            for suffix in suffixes:
                node.ends.setdefault(key + suffix, term_id)
        redup: dict[str, tuple[frozenset[str], str]] = {}
        if lang == "id":
            for word, term_id in single.items():
                redup[word] = (frozenset([word, *(word + c for c in CLITICS)]), term_id)
        root = tables.root
        for word in {*root.next, *root.ends, *redup}:
            tables.first[word] = (root.next.get(word), root.ends.get(word), redup.get(word))
        tables.starts = {*root.next, *single}
        root.finish()
        return tables

    def _index_deletions(self) -> None:
        """The deletion neighbourhoods of term words, for typo tolerance (when asked for)."""
        for tables in self._tables.values():
            for word in tables.words:
                if len(word) >= FUZZY_MIN_LENGTH - 1:
                    for variant in {word, *_deletions(word)}:
                        tables.deletions.setdefault(variant, set()).add(word)

    # Matching -----------------------------------------------------------------

    def match(self, text: str, lang: str) -> list[Match]:
        """Every term occurrence in `text` (`lang` "id" or "en"), sorted by start."""
        tables = self._tables.get(lang)
        if tables is None:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
        if not text:
            return []
        folded = _fold(text)
        found = self._exact(folded, tables)
        matches = [Match(s, e, text[s:e], term_id) for s, e, term_id in found]
        if self.fuzzy:
            fuzzy = self._fuzzy(folded, tables, found)
            if fuzzy:
                matches.extend(Match(s, e, text[s:e], term_id, True) for s, e, term_id in fuzzy)
                matches.sort(key=lambda m: m.start)
        return matches

    def match_id(self, text: str) -> list[Match]:
        return self.match(text, "id")

    def match_en(self, text: str) -> list[Match]:
        return self.match(text, "en")

    def _exact(self, folded: str, tables: _Tables) -> list[tuple[int, int, str]]:
        """Leftmost-longest exact matches.

        The scanner yields only words that can begin a match (a fifth of the words in
        a defence text, far fewer in others), so the Python loop runs for those alone;
        a word that ends a one-word term and goes no further is settled inline.
        """
        first = tables.first.get
        english = tables.lang == "en"
        breaks = tables.lang == "id" and _MAYBE_BREAK.search(folded) is not None
        scan = tables.scanner(breaks)
        found: list[tuple[int, int, str]] = []
        append = found.append
        last_end = 0
        for token in scan.finditer(folded):
            start = token.start()
            if start < last_end:
                continue
            word = token.group()
            entry = first(word)
            if entry is None:
                entry = first(_BREAK.sub("", word))
                if entry is None:
                    continue
            node, term_id, redup = entry
            end = token.end()
            if (
                node is None
                and term_id is not None
                and (redup is None or folded[end : end + 1] != "-")
            ):
                if english:
                    end = self._possessive(folded, end)
                append((start, end, term_id))
                last_end = end
                continue
            best = self._longest(folded, end, entry, tables, breaks)
            if best is not None:
                append((start, best[0], best[1]))
                last_end = best[0]
        return found

    def _longest(
        self, folded: str, end: int, entry: _Entry, tables: _Tables, breaks: bool
    ) -> tuple[int, str] | None:
        """The longest candidate that begins with the word ending at `end`: (end, term id).

        Most first words go no further (``hubungan`` followed by anything but a listed
        word): where a single space and a letter follow and no key of the node begins
        there, the walk stops without reading the next word. That test cannot be made
        where a hyphen break may join the next word (`breaks`).
        """
        node, term_id, redup = entry
        best_end = -1
        best_id = ""
        english = tables.lang == "en"
        if term_id is not None:
            best_end = self._possessive(folded, end) if english else end
            best_id = term_id
        if redup is not None and folded.startswith("-", end):
            after = tables.next.match(folded, end)
            if after is not None and after.group(1) == "-":
                word = after.group(2)
                if "-" in word:
                    word = _BREAK.sub("", word)
                if word in redup[0]:
                    best_end = after.end()
                    best_id = redup[1]
        position = end
        next_word = tables.next.match
        gap = tables.gap
        while node is not None:
            for tail, tail_id in node.tails:
                tail_end = position + len(tail)
                if (
                    tail_end > best_end
                    and folded.startswith(tail, position)
                    and not _IS_WORD.match(folded, tail_end)
                ):
                    best_end, best_id = tail_end, tail_id
            if not node.next and not node.ends:
                break
            if (
                not breaks
                and folded.startswith(" ", position)
                and folded[position + 1 : position + 2].isalnum()
                and not folded.startswith(node.prefixes, position)
            ):
                break
            after = next_word(folded, position)
            if after is None:
                break
            separator, word = after.group(1, 2)
            if separator != " ":
                separator = gap(separator)
            if "-" in word:
                word = _BREAK.sub("", word)
            key = separator + word
            ended = node.ends.get(key)
            if ended is not None:
                stop = self._possessive(folded, after.end()) if english else after.end()
                if stop > best_end:
                    best_end, best_id = stop, ended
            node = node.next.get(key)
            position = after.end()
        return (best_end, best_id) if best_end >= 0 else None

    @staticmethod
    def _possessive(folded: str, end: int) -> int:
        """`end` moved past an English possessive ('s or ') that follows the word there."""
        if end >= len(folded) or folded[end] not in _APOSTROPHES:
            return end
        if folded.startswith("s", end + 1) and not _IS_WORD.match(folded, end + 2):
            return end + 2
        if not _IS_WORD.match(folded, end + 1):
            return end + 1
        return end

    # Typo tolerance -----------------------------------------------------------

    def _near(self, word: str, tables: _Tables) -> tuple[str, ...]:
        """Term words one edit from `word` (a deletion-neighbourhood look-up, then a check)."""
        if len(word) < FUZZY_MIN_LENGTH or word in tables.words:
            return ()
        cache_key = (tables.lang, word)
        cached = self._near_cache.get(cache_key)
        if cached is not None:
            return cached
        candidates: set[str] = set()
        for variant in {word, *_deletions(word)}:
            candidates.update(tables.deletions.get(variant, ()))
        near = tuple(sorted(c for c in candidates if _within_one_edit(word, c)))
        if len(self._near_cache) < 65536:
            self._near_cache[cache_key] = near
        return near

    def _bases(self, word: str, tables: _Tables) -> list[str]:
        """`word` and what it is without a clitic (Indonesian) or a plural ending (English)."""
        suffixes = CLITICS if tables.lang == "id" else PLURALS
        return [
            word,
            *(word[: -len(s)] for s in suffixes if word.endswith(s) and len(word) > len(s)),
        ]

    def _fuzzy(
        self, folded: str, tables: _Tables, exact: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Matches with exactly one word one typo away, in the stretches no exact match covers."""
        found: list[tuple[int, int, str]] = []
        bounds = [0] + [e for _, e, _ in exact]
        limits = [s for s, _, _ in exact] + [len(folded)]
        for low, high in zip(bounds, limits, strict=True):
            last_end = low
            for token in tables.token.finditer(folded, low, high):
                if token.start() < last_end:
                    continue
                best = self._fuzzy_from(folded, token, high, tables)
                if best is not None:
                    found.append((token.start(), best[0], best[1]))
                    last_end = best[0]
        return found

    def _fuzzy_from(
        self, folded: str, token: re.Match[str], high: int, tables: _Tables
    ) -> tuple[int, str] | None:
        """The longest match starting at `token` that needs exactly one fuzzy word."""
        word = _BREAK.sub("", token.group())
        best: tuple[int, str] | None = None
        # (node reached, position after the word, whether a fuzzy word was used)
        stack: list[tuple[_Node, int, bool]] = []
        root = tables.root
        for fuzzy, options in ((False, [word]), (True, self._near(word, tables))):
            for option in options:
                if option in root.next:
                    stack.append((root.next[option], token.end(), fuzzy))
        for base in self._bases(word, tables):
            for option in self._near(base, tables):
                ended = root.ends.get(option)
                if ended is not None and (best is None or token.end() > best[0]):
                    best = (token.end(), ended)
        while stack:
            node, position, used = stack.pop()
            if not node.next and not node.ends:
                continue
            after = tables.next.match(folded, position, high)
            if after is None:
                continue
            separator = tables.gap(after.group(1))
            word = _BREAK.sub("", after.group(2))
            stop = after.end()
            if used:
                ended = node.ends.get(separator + word)
                if ended is not None and (best is None or stop > best[0]):
                    best = (stop, ended)
                child = node.next.get(separator + word)
                if child is not None:
                    stack.append((child, stop, True))
                continue
            child = node.next.get(separator + word)
            if child is not None:
                stack.append((child, stop, False))
            for option in self._near(word, tables):
                child = node.next.get(separator + option)
                if child is not None:
                    stack.append((child, stop, True))
            for base in self._bases(word, tables):
                for option in self._near(base, tables):
                    ended = node.ends.get(separator + option)
                    if ended is not None and (best is None or stop > best[0]):
                        best = (stop, ended)
        if best is not None and tables.lang == "en":
            best = (self._possessive(folded, best[0]), best[1])
        return best


_DEFAULT: Matcher | None = None


def default_matcher() -> Matcher:
    """A matcher (exact only) over the bundled term base, built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Matcher(default_termbase())
    return _DEFAULT
