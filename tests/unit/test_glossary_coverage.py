"""Coverage: the share of the terms on `tests/fixtures/glossary_coverage.toml` linked in full.

The list holds term occurrences drawn from the kind of public Indonesian official
text a student of international relations reads (see its header). A term counts as
linked in full when one match of the bundled term base covers all of it.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from glossary.match import Matcher
from glossary.termbase import default_termbase

COVERAGE = Path(__file__).resolve().parents[1] / "fixtures" / "glossary_coverage.toml"
TARGET = 0.80


def _items() -> list[dict[str, str]]:
    items: list[dict[str, str]] = tomllib.loads(COVERAGE.read_text(encoding="utf-8"))["item"]
    return items


def linked_in_full(matcher: Matcher, text: str, term: str) -> bool:
    """Whether one match covers the whole of `term` where it stands in `text`."""
    start = text.casefold().index(term.casefold())
    end = start + len(term)
    return any(m.start <= start and m.end >= end for m in matcher.match_id(text))


def coverage() -> tuple[float, Counter[str], Counter[str]]:
    """The share linked in full, and the linked and total counts per family."""
    matcher = Matcher(default_termbase())
    linked: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for item in _items():
        total[item["family"]] += 1
        if linked_in_full(matcher, item["text"], item["term"]):
            linked[item["family"]] += 1
    return sum(linked.values()) / sum(total.values()), linked, total


def test_coverage_list_is_large_and_well_formed() -> None:
    items = _items()
    assert len(items) >= 150
    for item in items:
        assert item["term"].casefold() in item["text"].casefold(), item
    assert len({item["family"] for item in items}) >= 10


def test_linked_in_full_needs_the_whole_term() -> None:
    matcher = Matcher(default_termbase())
    assert linked_in_full(matcher, "konsep keamanan nasional", "keamanan nasional")
    assert linked_in_full(matcher, "kebijakan keamanan nasional", "keamanan nasional")
    assert not linked_in_full(matcher, "zona ekonomi terpadu", "zona ekonomi terpadu")


def test_coverage_reaches_the_target(capsys: pytest.CaptureFixture[str]) -> None:
    share, linked, total = coverage()
    with capsys.disabled():
        print(f"\ncoverage: {share:.1%} of {sum(total.values())} term occurrences linked in full")
        for family in sorted(total):
            print(f"  {family:24} {linked[family]:3}/{total[family]:3}")
    assert share >= TARGET
