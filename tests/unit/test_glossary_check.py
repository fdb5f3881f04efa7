"""The terminology check people can trust: renderings it accepts, dismissed flags, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.termbase import Term
from reader.errors import UserError
from reader.glossary_service import renders
from reader.service import ReadingService
from tests.conftest import write_document

ANCAMAN = Term(
    id="ancaman",
    id_term="ancaman",
    en="threat",
    domain="national-security",
    en_variants=("threaten",),
)
NUKLIR = Term(id="ancaman-nuklir", id_term="ancaman nuklir", en="nuclear threat", domain="x")
REGIONAL = Term(id="stabilitas-kawasan", id_term="stabilitas kawasan", en="regional stability",
                domain="x")  # fmt: skip
POLICY = Term(id="kebijakan-keamanan", id_term="kebijakan keamanan", en="security policy",
              domain="x")  # fmt: skip


@pytest.mark.parametrize(
    ("term", "english"),
    [
        (ANCAMAN, "a security threat from the north"),  # inside a longer term
        (ANCAMAN, "It threatens the region."),  # inflected
        (ANCAMAN, "threatened"),
        (NUKLIR, "North Korea's nuclear and missile threats"),  # split by the syntax
        (REGIONAL, "the stability of the region"),
        (POLICY, "the security policies of Japan"),
    ],
)
def test_a_rendering_is_accepted_wherever_and_however_it_stands(term: Term, english: str) -> None:
    assert renders(term, english)


@pytest.mark.parametrize(
    ("term", "english"),
    [
        (ANCAMAN, "a danger from the north"),
        (ANCAMAN, "a thread"),
        (NUKLIR, "nuclear power plants are one thing; far away, after many other words, a threat"),
        (POLICY, ""),
    ],
)
def test_a_missing_rendering_is_not_accepted(term: Term, english: str) -> None:
    assert not renders(term, english)


@given(st.text(max_size=200))
def test_renders_never_raises(text: str) -> None:
    renders(NUKLIR, text)


def _flagged_library(tmp_path: Path) -> ReadingService:
    folder = tmp_path / "texts"
    write_document(
        folder,
        "uji-cek",
        ["Judul", "Ancaman terhadap kedaulatan meningkat.", "Diplomasi pertahanan penting."],
        ["Title", "The danger to sovereignty grows.", "Defence diplomacy matters."],
    )
    return ReadingService.open(tmp_path / "library.db", texts_dir=folder)


def test_check_flags_a_missing_term_and_a_dismissal_silences_it(tmp_path: Path) -> None:
    service = _flagged_library(tmp_path)
    try:
        document = service.resolve("uji-cek")
        glossary = service.glossary
        assert [(m.seq, m.term_id) for m in glossary.check(document.id)] == [(2, "ancaman")]
        assert glossary.dismiss(document.id, 2) == 1
        assert glossary.check(document.id) == []
        assert glossary.misses(document.id) == []  # the reader's "!" reads these
        (dismissal,) = glossary.dismissals(document.id)
        assert (dismissal.slug, dismissal.seq, dismissal.term_id) == ("uji-cek", 2, "ancaman")
        assert glossary.undismiss(document.id, 2) == 1
        assert [m.term_id for m in glossary.check(document.id)] == ["ancaman"]
    finally:
        service.close()


def test_dismissing_names_only_flags_that_exist(tmp_path: Path) -> None:
    service = _flagged_library(tmp_path)
    try:
        document = service.resolve("uji-cek")
        with pytest.raises(UserError, match="no terminology flag"):
            service.glossary.dismiss(document.id, 2, ["kedaulatan"])
        with pytest.raises(UserError, match="no paragraph 99"):
            service.glossary.dismiss(document.id, 99)
    finally:
        service.close()


def test_dismissals_survive_reopening_and_go_into_the_json_export(tmp_path: Path) -> None:
    from glossary.export import export_glossary

    service = _flagged_library(tmp_path)
    try:
        document = service.resolve("uji-cek")
        service.glossary.dismiss(document.id, 2, ["ancaman"])
    finally:
        service.close()
    service = ReadingService.open(tmp_path / "library.db", texts_dir=tmp_path / "texts")
    try:
        dismissals = service.glossary.dismissals()
        assert [(d.seq, d.term_id) for d in dismissals] == [(2, "ancaman")]
        from dataclasses import asdict

        data = export_glossary(
            service.glossary.terms(), "json", dismissals=[asdict(d) for d in dismissals]
        )
        document = json.loads(data)
        (item,) = document["check_dismissals"]
        assert item["slug"] == "uji-cek" and item["seq"] == 2 and len(item["text_sha256"]) == 64
        from glossary.formats import from_json

        assert len(from_json(data)) == len(service.glossary.terms())  # still imports
    finally:
        service.close()


def test_bundled_reference_translations_raise_no_flag(service: ReadingService) -> None:
    for slug in ("aliansi-strategis-korea-as", "normalisasi-jepang-korea"):
        assert service.glossary.check(service.resolve(slug).id) == [], slug


def test_anki_examples_come_from_the_document_first(service: ReadingService) -> None:
    document = service.resolve("normalisasi-jepang-korea")
    terms = [t for t in service.glossary.terms(document.id) if t.id == "keamanan"]
    rows = " ".join(row.text for row in service.rows(document))
    (indonesian, _english) = service.glossary.examples(terms, document.id)["keamanan"]
    assert indonesian in rows
