"""The reader's search (/): the syntax of `dwibahasa search`, on the paragraphs in memory.

Every term must occur, in the Indonesian or in the English of a paragraph: a
word as a whole word, `"aliansi strategis"` as a phrase (its words in order,
across a line break or a hyphen), `diplomasi*` as a prefix; any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.library import query_terms
from reader.tui.widgets.parallel_text import RowText


def search_matches(query: str, rows: Iterable[RowText]) -> tuple[re.Pattern[str] | None, list[int]]:
    """The pattern that highlights every term, and the seqs of the rows that match all terms."""
    terms = [re.compile(term.pattern(), re.IGNORECASE) for term in query_terms(query)]
    if not terms:
        return None, []
    highlight = re.compile("|".join(f"(?:{t.pattern})" for t in terms), re.IGNORECASE)
    seqs = [row.seq for row in rows if _matches(terms, row)]
    return highlight, seqs


def _matches(terms: list[re.Pattern[str]], row: RowText) -> bool:
    if all(term.search(row.indonesian) for term in terms):
        return True
    english = row.english
    return english is not None and all(term.search(english) for term in terms)
