"""No silent loss: the words of the output plus the recorded removals are the input's words.

For every realistic fixture (its expected blocks plus the furniture the generator put
around them are every word of the file), for both seeds (their raw text), and for
generated paged documents (hypothesis).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus.model import load_expected, words_of
from bench.score_segmentation import FIXTURES, SEEDS
from reader.ingest.pipeline import Ingested, ingest_file, ingest_pages

REALISTIC = Path(__file__).resolve().parents[1] / "fixtures" / "realistic"
FILES = sorted(path.name for path in REALISTIC.glob("*.expected.md"))
_LINE_END_HYPHEN = re.compile(r"[-\u2010\u00ad]\s*\n\s*")


def _got(result: Ingested) -> Counter[str]:
    return words_of(block.text for block in result.blocks) + words_of(
        removal.text for removal in result.removals
    )


@pytest.mark.parametrize("expected_name", FILES)
def test_realistic_fixture_loses_no_word(expected_name: str) -> None:
    expected = load_expected(REALISTIC / expected_name)
    source = REALISTIC / expected_name.removesuffix(".expected.md")
    result = ingest_file(source)
    lost = expected.input_words() - _got(result) - Counter(expected.optional)
    assert lost == Counter()


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_loses_no_word(seed: str) -> None:
    path = FIXTURES / SEEDS[seed]
    raw = _LINE_END_HYPHEN.sub("", path.read_text(encoding="utf-8"))
    result = ingest_file(path)
    assert words_of([raw]) - _got(result) == Counter()


def test_removals_carry_text_reason_and_page() -> None:
    result = ingest_file(REALISTIC / "uu20-statuta.pdf")
    reasons = {removal.reason for removal in result.removals}
    assert reasons == {"page-number", "running-header"}
    assert all(removal.page for removal in result.removals)
    assert all(removal.text.strip() for removal in result.removals)


VOCABULARY = [
    "pendidikan",
    "nasional",
    "negara",
    "undang",
    "pasal",
    "bahwa",
    "warga",
    "masyarakat",
    "pemerintah",
    "daerah",
    "sekolah",
    "guru",
    "anak",
    "belajar",
    "membaca",
    "menulis",
    "hak",
    "kewajiban",
    "sistem",
    "lingkungan",
    "hidup",
]


@st.composite
def paged_documents(draw: st.DrawFn) -> list[str]:
    sentences = draw(
        st.lists(
            st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=14),
            min_size=4,
            max_size=30,
        )
    )
    lines = []
    for words in sentences:
        text = " ".join(words)
        lines.append(text[:1].upper() + text[1:] + draw(st.sampled_from([".", ";", ",", ""])))
    per_page = draw(st.integers(2, 8))
    header = draw(st.sampled_from(["Jurnal Pendidikan | {n}", "PRESIDEN REPUBLIK INDONESIA", ""]))
    number = draw(st.sampled_from(["{n}", "- {n} -", "Halaman {n}"]))
    pages = []
    for n, start in enumerate(range(0, len(lines), per_page), start=1):
        page = [header.format(n=n)] if header else []
        page += [*lines[start : start + per_page], number.format(n=n)]
        pages.append("\n".join(page))
    return pages


@settings(max_examples=80, deadline=None)
@given(paged_documents())
def test_generated_document_loses_no_word(pages: list[str]) -> None:
    result = ingest_pages(pages)
    got = words_of(block.text for block in result.blocks) + words_of(
        removal.text for removal in result.report.removals
    )
    assert words_of(pages) - got == Counter()
    assert got - words_of(pages) == Counter()
