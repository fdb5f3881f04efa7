"""Phrase search with quotes, in `dwibahasa search` and the reader's /."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from reader.library import query_terms
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.reader import ReaderScreen
from reader.tui.search import search_matches
from reader.tui.widgets.parallel_text import RowText
from tests.conftest import Invoke

JOURNAL = "normalisasi-jepang-korea"


def _seqs(dwibahasa: Invoke, query: str) -> set[int]:
    code, out, _ = dwibahasa("search", query, "--lang", "id", "--json")
    assert code == 0
    return {hit["seq"] for hit in json.loads(out)}


def test_cli_quoted_phrase_needs_the_words_together_in_order(dwibahasa: Invoke) -> None:
    phrase = _seqs(dwibahasa, '"kerjasama keamanan"')
    words = _seqs(dwibahasa, "kerjasama keamanan")
    assert phrase and phrase <= words
    assert _seqs(dwibahasa, '"keamanan kerjasama"') == set()


def test_cli_phrase_with_a_prefix(dwibahasa: Invoke) -> None:
    assert _seqs(dwibahasa, '"kerjasama keam*"') == _seqs(dwibahasa, '"kerjasama keamanan"')


def test_query_terms() -> None:
    terms = query_terms('"aliansi strategis" korea diplomasi*')
    assert [(t.words, t.prefix) for t in terms] == [
        (("aliansi", "strategis"), False),
        (("korea",), False),
        (("diplomasi",), True),
    ]


@given(st.text(max_size=40))
def test_any_query_gives_valid_patterns(query: str) -> None:
    rows = [RowText(1, "paragraph", "Aliansi strategis Korea.", "Strategic alliance.")]
    search_matches(query, rows)  # compiles, never raises


def _row(seq: int, indonesian: str, english: str | None = None) -> RowText:
    return RowText(seq, "paragraph", indonesian, english)


def test_reader_search_matches_phrases_words_and_prefixes() -> None:
    rows = [
        _row(1, "Aliansi strategis Korea dan AS.", "The strategic alliance."),
        _row(2, "Strategis bagi aliansi."),
        _row(3, "Aliansi\nstrategis di baris baru."),
        _row(4, "Kealiansian strategisnya."),
    ]
    assert search_matches('"aliansi strategis"', rows)[1] == [1, 3]
    assert search_matches("strategis aliansi", rows)[1] == [1, 2, 3]
    assert search_matches("strategis*", rows)[1] == [1, 2, 3, 4]
    assert search_matches('"strategic alliance"', rows)[1] == [1]
    assert search_matches('""', rows) == (None, [])


async def test_reader_slash_phrase_search(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(JOURNAL), at=1)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.search('"keamanan kerjasama"')
        await pilot.pause()
        assert screen._matches == []
        screen.search('"kerjasama keamanan"')
        await pilot.pause()
        assert 12 in screen._matches
        assert screen.current_seq in screen._matches
