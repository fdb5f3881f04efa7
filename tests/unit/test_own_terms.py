"""A reader's own terms: a `user` layer over the curated base, kept in the library."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.export import export_glossary
from glossary.formats import from_csv, from_json, from_tbx
from glossary.termbase import USER_LAYER
from reader.errors import UserError
from reader.glossary_service import own_term_id
from reader.library import SCHEMA_VERSION, Library
from reader.service import ReadingService
from tests.conftest import old_library

DOC = "aliansi-strategis-korea-as"


def _links(service: ReadingService, term_id: str) -> int:
    row = service.library.conn.execute(
        "SELECT count(*) FROM term_links WHERE term_id = ?", [term_id]
    ).fetchone()
    return int(row[0])


def test_own_term_id_is_made_from_the_indonesian() -> None:
    assert own_term_id("Zona  Ékonomi Eksklusif") == "zona-ekonomi-eksklusif"
    with pytest.raises(UserError):
        own_term_id(" -- 12 ")


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_own_term_id_is_a_valid_id_or_a_user_error(text: str) -> None:
    try:
        term_id = own_term_id(text)
    except UserError:
        return
    assert term_id and term_id == term_id.strip("-") and term_id.isascii()
    assert all(c.isalnum() or c == "-" for c in term_id) and "--" not in term_id


def test_added_own_term_is_linked_at_once_in_every_document(service: ReadingService) -> None:
    glossary = service.glossary
    assert _links(service, "pyongyang") == 0
    term = glossary.add_own_term(
        "Pyongyang", "Pyongyang", definition_en="Capital of North Korea.", domain="acronyms"
    )
    assert term.own and term.layer == USER_LAYER and term.id == "pyongyang"
    assert _links(service, "pyongyang") > 0
    assert [t.id for t in glossary.own_terms()] == ["pyongyang"]
    origin = service.library.conn.execute(
        "SELECT origin FROM glossary_terms WHERE id = 'pyongyang'"
    ).fetchone()[0]
    assert origin == "own"


def test_duplicate_and_empty_own_terms_are_refused(service: ReadingService) -> None:
    glossary = service.glossary
    glossary.add_own_term("Pyongyang", "Pyongyang")
    with pytest.raises(UserError, match="already exists"):
        glossary.add_own_term("pyongyang", "P'yŏngyang")
    with pytest.raises(UserError, match="already a form"):
        glossary.add_own_term("angkatan bersenjata  Republik Indonesia", "armed forces")
    with pytest.raises(UserError, match="'en' is empty"):
        glossary.add_own_term("Seoul", " ")
    with pytest.raises(UserError, match="domain"):
        glossary.add_own_term("Seoul", "Seoul", domain="cooking")


def test_edit_own_term_changes_fields_and_relinks(service: ReadingService) -> None:
    glossary = service.glossary
    glossary.add_own_term("Pyongyang", "Pyongyang")
    before = _links(service, "pyongyang")
    term = glossary.edit_own_term(
        "pyongyang", en="Pyongyang (DPRK capital)", id_variants=["Seoul"], definition_id="Ibu kota."
    )
    assert term.en == "Pyongyang (DPRK capital)" and term.definition_id == "Ibu kota."
    assert term.own
    assert _links(service, "pyongyang") > before  # Seoul is linked now too


def test_only_own_terms_can_be_edited_or_deleted(service: ReadingService) -> None:
    with pytest.raises(UserError, match="curated term"):
        service.glossary.edit_own_term("diplomasi-pertahanan", en="x")
    with pytest.raises(UserError, match="curated term"):
        service.glossary.delete_own_term("diplomasi-pertahanan")
    with pytest.raises(UserError, match="no term"):
        service.glossary.delete_own_term("no-such-term")


def test_delete_own_term_removes_it_and_its_links(service: ReadingService) -> None:
    glossary = service.glossary
    glossary.add_own_term("Pyongyang", "Pyongyang")
    glossary.delete_own_term("pyongyang")
    assert glossary.termbase().get("pyongyang") is None
    assert _links(service, "pyongyang") == 0 and glossary.own_terms() == []


def test_own_terms_survive_a_new_bundled_base(service: ReadingService) -> None:
    glossary = service.glossary
    glossary.add_own_term("Pyongyang", "Pyongyang")
    with service.library.transaction() as db:
        db.execute("DELETE FROM glossary_state WHERE key = 'bundled_sha256'")
    assert glossary.sync_bundled()
    assert [t.id for t in glossary.own_terms()] == ["pyongyang"]


@pytest.mark.parametrize(
    ("format", "reader"), [("csv", from_csv), ("tbx", from_tbx), ("json", from_json)]
)
def test_own_terms_round_trip_through_each_format(
    service: ReadingService, db_path: Path, format: str, reader: object
) -> None:
    glossary = service.glossary
    glossary.add_own_term("Pyongyang", "Pyongyang", definition_en="Capital of North Korea.")
    data = export_glossary(glossary.own_terms(), format)
    back = reader(data)  # type: ignore[operator]
    assert [t.id for t in back] == ["pyongyang"] and next(iter(back)).own
    glossary.delete_own_term("pyongyang")
    glossary.import_terms(back)
    assert [t.id for t in glossary.own_terms()] == ["pyongyang"]
    assert glossary.own_terms()[0].definition_en == "Capital of North Korea."


def test_old_library_takes_own_terms(db_path: Path) -> None:
    old_library(
        db_path,
        "m008_own_terms",
        "INSERT INTO glossary_terms (id, id_term, en, domain, origin, data)"
        " VALUES ('t1', 'pendidikan', 'education', 'umum', 'bundled', '{}')",
    )
    Library.open(db_path).close()
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        connection.execute(
            "INSERT INTO glossary_terms (id, id_term, en, domain, origin, data)"
            " VALUES ('t2', 'x', 'y', 'z', 'own', '{}')"
        )
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "INSERT INTO glossary_terms (id, id_term, en, domain, origin, data)"
                " VALUES ('t3', 'x', 'y', 'z', 'mine', '{}')"
            )
        assert connection.execute("SELECT count(*) FROM glossary_terms").fetchone()[0] == 2
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


def test_dialog_prefills_english_and_domain_from_a_curated_term_inside(
    service: ReadingService,
) -> None:
    from reader.tui.screens.own_term import suggestion

    en, domain = suggestion(service.glossary, "diplomasi pertahanan maritim")
    term = service.glossary.termbase().get("diplomasi-pertahanan")
    assert term is not None and (en, domain) == (term.en, term.domain)
    assert suggestion(service.glossary, "Pyongyang") == ("", "international-relations")
