"""Find term-base terms in Indonesian and English text: one pass, a token trie, no stemmer.

The rules are those the gold list (`tests/fixtures/glossary_gold.toml`) and
`glossary/data/README.md` state; in short:

* case-insensitive, whole words only (a word is a run of `\\w` characters);
* a multi-word term matches across any run of whitespace, line breaks included;
* Indonesian: a line-end hyphen break (``pertaha-⏎nan``) is joined into one
  word; the last word of a term may carry a clitic (``-nya``, ``-lah``, ``-kah``,
  ``-pun``, or ``-nya`` followed by one of the others); a one-word term may be
  reduplicated (``ancaman-ancaman``, ``rudal-rudalnya``), and so may the first
  word of a longer one, the Indonesian plural (``kapal-kapal perang``); nothing else is
  stripped, so ``mempertahankan``, ``ketahanan`` and ``pengamanan`` stay apart
  from ``pertahanan`` and ``keamanan``. A stemmer would conflate exactly those,
  which is why there is none;
* English: a space and a hyphen are interchangeable inside a term, the last
  word may take ``-s``/``-es`` and a possessive ``'s`` or ``'``; other plurals
  must be listed as variants (``securities`` is not ``security``);
* the longest match wins and the terms nested in it are not reported; where
  candidates overlap, the leftmost (then longest) one is taken;
* precision guards from the entries themselves: a longer expression of another
  meaning listed in a term's ``id_not_in``/``en_not_in`` (``kedaulatan pangan``,
  ``artificial intelligence``) takes part in the longest match as a *blocker*
  and is then dropped, so the shorter term inside it is not linked; a word of a
  term's ``id_not_near``/``en_not_near`` within a few words of a match (``league``
  near ``division``) drops that match (sense guards);
* English all-capital acronyms (``US``, ``NATO``) match only as written: in
  capitals (four letters or more may also be written ``Nato``), and the only
  ending they take is a lower-case plural ``s`` and a possessive (``ICBMs``,
  ``the US's``), so ``uses`` is not ``US`` nor ``us`` the United States.

How: the text is case-folded once, keeping its length, so offsets in the folded
text are offsets in the original. Each term form becomes a path of keys in a
token trie; a key is the separator before a word (normalised: in Indonesian a
run of whitespace is one space and a hyphen stays a hyphen; in English a run of
spaces and hyphens is one space) followed by the word, so ``Bangsa-Bangsa`` and
``Bangsa Bangsa`` are different paths in Indonesian and the same one in
English. The suffixes a last word may take are expanded into the trie when it is
built (``ends``), so matching needs no per-word rules, only dictionary look-ups.
The root of the trie is compiled into one regular expression (the scanner) that
walks the text once and yields, with their offsets, only the words that can
begin a match; from each, the walk reads the next words as long as the trie
goes on, keeps the longest candidate, and resumes after it. Python runs for the
candidate words alone, which is why this beats a character-by-character
automaton such as flashtext (`bench/link.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
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
BLOCKED = "\x00blocked"
"""The term id the trie gives an ``*_not_in`` expression: it wins the longest match, then
is dropped (no real id has a control character)."""
GUARD_REACH = 60
"""How far (characters, some eight words) either side of a match a sense guard is looked for."""
_POSSESSIVE_END = re.compile(r"['’]s?$")

_WORD = re.compile(r"\w+")
_NEXT = re.compile(r"(\W*)(\w+)")
# A line-end hyphen break inside an Indonesian word, and a quick test for one.
_BREAK = re.compile(r"-(?<=\w-)[ \t]*\r?\n[ \t]*(?=\w)")  # "-" first: a fast literal scan
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
        # The words that can begin a match without their suffixes, and the scanners
        # made from them (compiled on first use: see `scanner`).
        self.starts: set[str] = set()
        self._scanner: re.Pattern[str] | None = None

    def scanner(self) -> re.Pattern[str]:
        """The root of the trie as one regular expression that yields, in a single pass,
        only the words that can begin a match, as whole words: the tokenizer of the hot
        loop, which never sees the other words (four in five, in a defence text).

        It yields a superset of the keys of `first`: a one-word term with any suffix its
        language allows, and a word that only begins longer forms when one of the words
        that can follow it comes next (``korea`` before ``air``, not before ``selatan``).
        Compiled on first use (some 25 ms for Indonesian): a matcher may serve one
        language only.
        """
        if self._scanner is not None:
            return self._scanner
        suffix = "(?:nya)?(?:lah|kah|pun)?" if self.lang == "id" else "(?:e?s)?"
        leaves: dict[str, str] = {}
        for word in self.starts:
            node = self.root.next.get(word)
            if word in self.root.ends:
                leaves[word] = suffix + r"(?!\w)"  # it may end a term by itself
            elif node is not None:
                # Only the first word of longer forms: yield it only if one of the words
                # that may follow it does (a superset test; the walk decides).
                following = {_WORD.findall(key)[-1]: "" for key in node.prefixes}
                then = [r"\W+" + _alternation(following)] if following else []
                then += [r"\W"] if node.tails else []
                if self.lang == "id":  # or its own plural: `kapal-kapal perang`
                    then.append("-" + re.escape(word) + r"(?!\w)")
                leaves[word] = r"(?!\w)(?=" + "|".join(then) + ")"
        self._scanner = re.compile(rf"\b{_alternation(leaves)}") if leaves else _NEVER
        return self._scanner

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


def _alternation(words: dict[str, str]) -> str:
    """A regular expression matching exactly the keys of `words`, each followed by the
    expression it maps to, factored as a character trie so that the engine does not try
    each word in turn at each position."""
    trie: dict[str, Any] = {}
    for word, after in words.items():
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = after

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append(node[""])
        if len(branches) == 1:
            return str(branches[0])
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


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


def _join_breaks(folded: str) -> tuple[str, list[int], list[int]]:
    """`folded` with its line-end hyphen breaks removed (``pertaha-⏎nan`` is one word),
    where they were in the joined text, and how much had been removed up to each.

    Joining first, once, keeps breaks out of the hot loop; `_unjoin` maps offsets back.
    """
    pieces: list[str] = []
    at: list[int] = []
    removed: list[int] = []
    total = 0
    last = 0
    for found in _BREAK.finditer(folded):
        pieces.append(folded[last : found.start()])
        at.append(found.start() - total)
        total += found.end() - found.start()
        removed.append(total)
        last = found.end()
    pieces.append(folded[last:])
    return "".join(pieces), at, removed


def _unjoin(position: int, at: list[int], removed: list[int]) -> int:
    """An offset in the joined text as an offset in the text. Breaks lie between two word
    characters, and matches begin and end at word boundaries, so none is ambiguous."""
    index = bisect_left(at, position)
    return position + removed[index - 1] if index else position


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

    Build it once (some 10 ms for the bundled term base, and some 25 ms more for each
    language's scanner on its first use) and call `match` per paragraph or per
    document. Where two terms list the same form, the first term given keeps it.

    With `fuzzy=True`, a word of at least seven letters one typo (an insertion,
    deletion, substitution or swap of adjacent letters) away from a word of a term
    also matches, and so does a multi-word term with one such word; these matches are
    flagged `fuzzy=True`. Exact matches always win: the typo pass only looks at the
    stretches between exact matches, so it never displaces or shortens one. It costs
    a deletion-neighbourhood look-up per word, which is why it is off by default.
    """

    def __init__(self, terms: Iterable[Term], *, fuzzy: bool = False) -> None:
        self.fuzzy = fuzzy
        term_list = list(terms)
        self._tables = {lang: self._build(term_list, lang) for lang in LANGS}
        self._near_cache: dict[tuple[str, str], tuple[str, ...]] = {}
        # English acronyms (US, UN, ROK, NATO) match only in capitals: "let us" is not the
        # United States. Indonesian texts write "rok" for ROK, so not there.
        self._english_acronyms = {
            form.casefold()
            for term in term_list
            for form in term.en_forms
            if len(form) >= 2 and form.isalpha() and form.isupper()
        }
        self._guards = {
            lang: {
                term.id: frozenset(_fold(word) for word in guards)
                for term in term_list
                if (guards := term.id_not_near if lang == "id" else term.en_not_near)
            }
            for lang in LANGS
        }
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
        # Blockers last: a term that lists the same expression as a form keeps it.
        for term in terms:
            for form in term.id_not_in if lang == "id" else term.en_not_in:
                keys, tail = _split_form(form, lang)
                if not keys or tail:
                    continue
                node = tables.root
                for key in keys[:-1]:
                    node = node.next.setdefault(key, _Node())
                node.ends.setdefault(keys[-1], BLOCKED)
                last_words.append((node, keys[-1], BLOCKED))
                if len(keys) == 1:
                    single.setdefault(keys[0], BLOCKED)
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
        folded = original = _fold(text)
        at: list[int] = []
        removed: list[int] = []
        if tables.lang == "id" and _MAYBE_BREAK.search(folded):
            folded, at, removed = _join_breaks(folded)
        found = self._exact(folded, tables)
        fuzzy = self._fuzzy(folded, tables, found) if self.fuzzy else []
        if at:
            found = [(_unjoin(s, at, removed), _unjoin(e, at, removed), t) for s, e, t in found]
            fuzzy = [(_unjoin(s, at, removed), _unjoin(e, at, removed), t) for s, e, t in fuzzy]
        matches = [Match(s, e, text[s:e], term_id) for s, e, term_id in found if term_id != BLOCKED]
        if tables.lang == "en" and self._english_acronyms:
            matches = [m for m in matches if not self._miswritten_acronym(m.surface)]
        if fuzzy:
            matches.extend(
                Match(s, e, text[s:e], term_id, True)
                for s, e, term_id in fuzzy
                if term_id != BLOCKED
            )
            matches.sort(key=lambda m: m.start)
        guards = self._guards[tables.lang]
        if guards and matches:
            matches = [m for m in matches if not self._guarded(m, original, guards)]
        return matches

    def _miswritten_acronym(self, surface: str) -> bool:
        """Whether `surface` is an acronym form not written as one: lower case (``us``), or
        with an ending it does not take (``uses``, ``USES``; ``ICBMs`` and ``US's`` are fine)."""
        stem = _POSSESSIVE_END.sub("", surface)
        plural = ""
        if stem.casefold() not in self._english_acronyms:
            for ending in PLURALS:
                if stem[: -len(ending)].casefold() in self._english_acronyms:
                    stem, plural = stem[: -len(ending)], stem[-len(ending) :]
                    break
            else:
                return False
        capitals = stem.isupper() or (len(stem) >= 4 and stem.istitle())
        return not capitals or plural not in ("", "s")

    @staticmethod
    def _guarded(match: Match, folded: str, guards: dict[str, frozenset[str]]) -> bool:
        """Whether a sense guard of the match's term occurs within `GUARD_REACH` of it."""
        words = guards.get(match.term_id)
        if not words:
            return False
        before = folded[max(0, match.start - GUARD_REACH) : match.start]
        after = folded[match.end : match.end + GUARD_REACH]
        return any(
            found.group() in words for part in (before, after) for found in _WORD.finditer(part)
        )

    def match_id(self, text: str) -> list[Match]:
        return self.match(text, "id")

    def match_en(self, text: str) -> list[Match]:
        return self.match(text, "en")

    def _exact(self, folded: str, tables: _Tables) -> list[tuple[int, int, str]]:
        """Leftmost-longest exact matches.

        The scanner yields only words that can begin a match (a fifth of the words in
        a defence text, far fewer in others), so the Python loop runs for those alone;
        a word that ends a one-word term and goes no further, or that cannot go further
        (the next word is plainly no continuation), is settled inline.
        """
        first = tables.first.get
        english = tables.lang == "en"
        scan = tables.scanner()
        found: list[tuple[int, int, str]] = []
        append = found.append
        last_end = 0
        for token in scan.finditer(folded):
            start = token.start()
            if start < last_end:
                continue
            entry = first(token.group())
            if entry is None:  # a suffix on a word that takes none
                continue
            node, term_id, redup = entry
            end = token.end()
            if (
                node is not None
                and folded.startswith(" ", end)
                and folded[end + 1 : end + 2].isalnum()
                and not folded.startswith(node.prefixes, end)
            ):
                node = None  # nothing can follow: the walk would stop at once (see _longest)
            if node is None:
                if term_id is None:
                    continue
                if redup is None or folded[end : end + 1] != "-":
                    if english:
                        end = self._possessive(folded, end)
                    append((start, end, term_id))
                    last_end = end
                    continue
            best = self._longest(folded, start, end, node, term_id, redup, tables)
            if best is not None:
                append((start, best[0], best[1]))
                last_end = best[0]
        return found

    def _longest(
        self,
        folded: str,
        start: int,
        end: int,
        node: _Node | None,
        term_id: str | None,
        redup: tuple[frozenset[str], str] | None,
        tables: _Tables,
    ) -> tuple[int, str] | None:
        """The longest candidate that begins with the word ending at `end`: (end, term id).

        Most first words go no further (``hubungan`` followed by anything but a listed
        word): where a single space and a letter follow and no key of the node begins
        there, the walk stops without reading the next word.
        """
        best_end = -1
        best_id = ""
        english = tables.lang == "en"
        if term_id is not None:
            best_end = self._possessive(folded, end) if english else end
            best_id = term_id
        position = end
        if not english and folded.startswith("-", end):
            after = _NEXT.match(folded, end)
            if after is not None and after.group(1) == "-":
                if redup is not None and after.group(2) in redup[0]:
                    best_end = after.end()
                    best_id = redup[1]
                if node is not None and after.group(2) == folded[start:end]:
                    position = after.end()  # `kapal-kapal perang`: a plural of `kapal perang`
        next_word = _NEXT.match
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
                folded.startswith(" ", position)
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
            for token in _WORD.finditer(folded, low, high):
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
        word = token.group()
        best: tuple[int, str] | None = None
        # (node reached, position after the word, whether a fuzzy word was used)
        stack: list[tuple[_Node, int, bool]] = []
        root = tables.root
        for used, options in ((False, [word]), (True, self._near(word, tables))):
            for option in options:
                if option in root.next:
                    stack.append((root.next[option], token.end(), used))
        for base in self._bases(word, tables):
            for option in self._near(base, tables):
                ended = root.ends.get(option)
                if ended is not None and (best is None or token.end() > best[0]):
                    best = (token.end(), ended)
        while stack:
            node, position, used = stack.pop()
            if not node.next and not node.ends:
                continue
            after = _NEXT.match(folded, position, high)
            if after is None:
                continue
            separator = tables.gap(after.group(1))
            word = after.group(2)
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
            best = (min(self._possessive(folded, best[0]), high), best[1])
        return best


_DEFAULT: Matcher | None = None


def default_matcher() -> Matcher:
    """A matcher (exact only) over the bundled term base, built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Matcher(default_termbase())
    return _DEFAULT
