"""The glossary in the library: the term base, links kept current, concordance, checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.termbase import TermBaseError, build_termbase, default_termbase, load_toml
from reader.service import ReadingService
from tests.conftest import Invoke, assert_one_line_error

JOURNAL = "normalisasi-jepang-korea"
CHAPTER = "aliansi-strategis-korea-as"


def test_bundled_term_base_is_valid_and_large() -> None:
    base = default_termbase()
    assert len(base) >= 150
    assert {t.domain for t in base} >= {"defence-diplomacy", "national-security", "acronyms"}
    assert base.get("diplomasi-pertahanan") is not None


def test_term_base_errors_name_the_entry() -> None:
    good = default_termbase().get("keamanan")
    assert good is not None
    entry = good.to_dict()
    with pytest.raises(TermBaseError, match="duplicate id"):
        build_termbase([(entry, "a"), (entry, "b")])
    with pytest.raises(TermBaseError, match="x: 'id_term' is empty"):
        build_termbase([({**entry, "id_term": " ... "}, "x")])
    with pytest.raises(TermBaseError, match="domain"):
        build_termbase([({**entry, "domain": "cooking", "related": []}, "y")])


def test_broken_toml_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "terms.toml"
    path.write_text("[[term]\nid = 1", encoding="utf-8")
    with pytest.raises(TermBaseError, match="not valid TOML"):
        load_toml(path)


def test_both_bundled_texts_have_terms_linked_in_both_languages(
    service: ReadingService,
) -> None:
    for slug in (JOURNAL, CHAPTER):
        document = service.resolve(slug)
        links = service.glossary.links_for_document(document.id)
        langs = {link.lang for group in links.values() for link in group}
        assert langs == {"id", "en"}
        assert len(links) > 20


def test_link_offsets_slice_the_displayed_text(service: ReadingService) -> None:
    document = service.resolve(CHAPTER)
    rows = {row.paragraph_id: row for row in service.rows(document)}
    for paragraph_id, links in service.glossary.links_for_document(document.id).items():
        row = rows[paragraph_id]
        for link in links:
            text = row.text if link.lang == "id" or row.lang == "en" else row.english or ""
            assert text[link.start : link.end] == link.surface


def test_concordance_lists_documents_paragraphs_and_sentences(service: ReadingService) -> None:
    occurrences = service.glossary.occurrences("semenanjung-korea")
    assert {o.slug for o in occurrences} >= {CHAPTER}
    assert {o.lang for o in occurrences} == {"id", "en"}
    first = occurrences[0]
    assert first.surface.lower() in first.sentence.lower()


def test_only_stale_paragraphs_are_relinked(service: ReadingService) -> None:
    document = service.resolve(CHAPTER)
    assert service.glossary.ensure_links(document.id) == 0
    service.review_english(document, 2, "A reviewed English sentence about deterrence.")
    assert service.glossary.ensure_links(document.id) == 0  # review relinked its paragraph
    links = service.glossary.links_for_document(document.id)
    paragraph_id = service.rows(document, 2, 2)[0].paragraph_id
    assert "penangkalan" in {k.term_id for k in links[paragraph_id] if k.lang == "en"}


def test_importing_a_term_relinks_only_paragraphs_that_can_hold_it(
    service: ReadingService,
) -> None:
    base = default_termbase()
    keamanan = base.get("keamanan")
    assert keamanan is not None
    new = {
        **keamanan.to_dict(),
        "id": "semenanjung-uji",
        "id_term": "semenanjung",
        "id_variants": [],
        "en": "peninsula",
        "en_variants": [],
        "related": [],
    }
    report = service.glossary.import_terms(build_termbase([(new, "new")]))
    assert report.added == 1
    total = sum(service.library.paragraph_count(s.document.id) for s in service.summaries())
    assert 0 < report.relinked < total


def test_terminology_check_finds_missing_english(service: ReadingService) -> None:
    document = service.resolve(CHAPTER)
    row = next(r for r in service.rows(document) if "aliansi" in r.text.lower())
    service.review_english(document, row.seq, "A sentence without the expected word.")
    misses = service.glossary.misses(document.id)
    assert any(seq == row.seq for seq, _ in misses)


def test_cli_glossary_show_gives_entry_and_concordance(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("glossary", "show", "gencatan senjata", "--json")
    assert code == 0
    entry = json.loads(out)
    assert entry["en"] == "armistice" or "armistice" in entry["en_variants"] or entry["en"]
    assert entry["occurrences"] and {"slug", "seq", "sentence"} <= set(entry["occurrences"][0])


def test_cli_glossary_match_json_contract(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "teks.txt"
    path.write_text("Diplomasi pertahanan menjaga keamanan nasional.", encoding="utf-8")
    code, out, _ = dwibahasa("glossary", "match", str(path), "--json")
    assert code == 0
    items = json.loads(out)
    assert {item["term_id"] for item in items} == {"diplomasi-pertahanan", "keamanan-nasional"}
    assert set(items[0]) == {"start", "end", "surface", "term_id", "id", "en", "fuzzy"}
    text = path.read_text(encoding="utf-8")
    assert all(text[i["start"] : i["end"]] == i["surface"] for i in items)


def test_cli_glossary_list_and_check(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("glossary", "list", "--domain", "acronyms", "--json")
    assert code == 0 and all(t["domain"] == "acronyms" for t in json.loads(out))
    code, out, _ = dwibahasa("glossary", "check", CHAPTER, "--json")
    assert code == 0 and isinstance(json.loads(out), list)


def test_cli_glossary_unknown_term_is_one_line_error(dwibahasa: Invoke) -> None:
    assert_one_line_error(*dwibahasa("glossary", "show", "zzzz-tidak-ada"))


def test_cli_glossary_match_fuzzy_reports_typos(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "salah-ketik.txt"
    path.write_text("Isu kemanan di Semenajung Korea.", encoding="utf-8")
    plain = json.loads(dwibahasa("glossary", "match", str(path), "--json")[1])
    fuzzy = json.loads(dwibahasa("glossary", "match", str(path), "--fuzzy", "--json")[1])
    assert not any(item["fuzzy"] for item in plain)
    assert {item["term_id"] for item in fuzzy if item["fuzzy"]} >= {"semenanjung-korea"}
