"""What the CLI used to compute itself, now asked of the glossary service."""

from __future__ import annotations

from reader.service import ReadingService

DOC = "aliansi-strategis-korea-as"


def test_find_term_by_id_form_or_search(service: ReadingService) -> None:
    term = service.glossary.find_term("diplomasi pertahanan")
    assert term is not None and term.en == "defence diplomacy"
    assert service.glossary.find_term(term.id) == term
    assert service.glossary.find_term("tidak ada istilah seperti ini") is None


def test_match_text_reports_offsets_and_entries(service: ReadingService) -> None:
    text = "Latihan gabungan memperkuat diplomasi pertahanan."
    matches = service.glossary.match_text(text, "id")
    found = {m.id_term: text[m.start : m.end] for m in matches}
    assert found["diplomasi pertahanan"] == "diplomasi pertahanan"
    assert not any(m.fuzzy for m in matches)


def test_fuzzy_matching_finds_a_word_one_typo_away(service: ReadingService) -> None:
    text = "Isu kemanan nasional dibahas."
    assert not any(
        m.term_id == "keamanan-nasional" for m in service.glossary.match_text(text, "id")
    )
    fuzzy = [m for m in service.glossary.match_text(text, "id", fuzzy=True) if m.fuzzy]
    assert [(m.surface, m.term_id) for m in fuzzy] == [("kemanan nasional", "keamanan-nasional")]


def test_examples_are_real_sentences_of_the_library(service: ReadingService) -> None:
    document = service.resolve(DOC)
    terms = service.glossary.terms(document.id)
    examples = service.glossary.examples(terms)
    assert examples
    texts = " ".join(row.text for row in service.rows(document))
    for indonesian, _english in examples.values():
        assert indonesian
    assert any(indonesian in texts for indonesian, _ in examples.values())


def test_terms_of_one_document_are_a_subset_of_all(service: ReadingService) -> None:
    document = service.resolve(DOC)
    mine = {t.id for t in service.glossary.terms(document.id)}
    every = {t.id for t in service.glossary.terms()}
    assert mine and mine < every


def test_check_gives_each_miss_its_expected_english(service: ReadingService) -> None:
    document = service.resolve(DOC)
    paragraph = service.rows(document)[3]
    service.review_english(document, paragraph.seq, "Nothing relevant here at all.")
    misses = service.glossary.check(document.id)
    mine = [m for m in misses if m.seq == paragraph.seq]
    assert mine
    for miss in mine:
        assert miss.en and miss.en in miss.expected
