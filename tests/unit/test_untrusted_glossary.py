"""Glossary text from other people's files: cleaned on the way in, counted, never obeyed.

`glossary.untrusted` decides what is unsafe once; the reader's `safe_text`
builds on it. These tests hold the two to the same answer, check that every
import format cleans and counts, and that terms stored by an older version
(before cleaning) come out of the library clean.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.export import to_csv, to_json, to_tbx
from glossary.formats import from_csv, from_json, from_tbx
from glossary.termbase import FIELDS, TermBase, term_from_mapping
from glossary.untrusted import Stripped, clean_mapping, clean_text, is_clean, one_line
from reader.safe_text import display_text, strip_escapes
from reader.service import ReadingService

# Stated here on its own, not imported: what no cleaned text may hold.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Each at the end of a text: 0x9B followed by a letter is an 8-bit CSI, which takes the letter.
EVIL = {
    "osc title": ("\x1b]0;pwned\x07", Stripped(escapes=1)),
    "clear screen": ("\x1b[2J", Stripped(escapes=1)),
    "bell": ("\x07", Stripped(controls=1)),
    "c1 csi": ("\x9b", Stripped(controls=1)),
    "bidi override": ("\u202e", Stripped(controls=1)),
    "bidi isolate": ("\u2066", Stripped(controls=1)),
    "nul": ("\x00", Stripped(controls=1)),
    "del": ("\x7f", Stripped(controls=1)),
}


# --- the one definition ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EVIL))
def test_clean_text_removes_and_counts(name: str) -> None:
    evil, counted = EVIL[name]
    text, stripped = clean_text(f"diplomasi pertahanan{evil}")
    assert text == "diplomasi pertahanan"
    assert stripped == counted


def test_clean_text_counts_each_sequence_and_character() -> None:
    text, stripped = clean_text("\x1b[31ma\x1b[0m\x07b\u202ec\x00")
    assert text == "abc"
    assert stripped == Stripped(escapes=2, controls=3)


def test_line_ends_and_tabs_are_whitespace_not_counted() -> None:
    assert clean_text("satu\r\ndua\ttiga") == ("satu\ndua tiga", Stripped())
    assert clean_text("dua\ttiga") == ("dua tiga", Stripped())
    assert one_line("satu\r\ndua\ttiga") == "satu dua tiga"


def test_clean_text_leaves_clean_text_alone() -> None:
    text = "[b]bukan markup[/b] Café 한국어 العربية ≠"
    assert clean_text(text) == (text, Stripped())
    assert is_clean(text)


def test_a_lone_surrogate_becomes_a_replacement_character() -> None:
    # An undecodable byte of a file name, or a "\udc9b" escape in JSON.
    assert clean_text("a\udc9bb") == ("a\ufffdb", Stripped())
    assert display_text("file\udc9b.csv") == "file\ufffd.csv"


def test_clean_mapping_cleans_text_and_lists_and_keeps_other_values() -> None:
    data, stripped = clean_mapping({"a": "x\x07", "b": ["\x1b[2Jy", 3], "c": 7, "d": None})
    assert data == {"a": "x", "b": ["y", 3], "c": 7, "d": None}
    assert stripped == Stripped(escapes=1, controls=1)


_PIECES = st.sampled_from(
    ["\x1b", "[", "]", "\x07", "\x1b\\", "\x9b", "0;", "2J", "\n", "\t", "\r", "\u202e", "\x85"]
)
_ANY = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0xFF)),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(_ANY)
def test_the_reader_and_the_glossary_agree_on_what_is_unsafe(text: str) -> None:
    cleaned, stripped = clean_text(text)
    assert cleaned == strip_escapes(text)
    assert one_line(text) == display_text(text)
    assert not UNSAFE.search(display_text(text))
    assert is_clean(display_text(text))
    counted = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert bool(stripped) == bool(counted)


@settings(max_examples=200, deadline=None)
@given(_ANY)
def test_a_term_built_from_any_text_holds_nothing_unsafe(text: str) -> None:
    term = term_from_mapping(
        {
            "id": "uji",
            "id_term": f"istilah {text}",
            "en": f"term {text}",
            "domain": "acronyms",
            "notes": text,
            "id_variants": [f"varian {text}"],
        },
        "test",
    )
    for name in FIELDS:
        value = getattr(term, name)
        for item in value if isinstance(value, tuple) else (value,):
            assert not UNSAFE.search(item), (name, item)


# --- every import format ------------------------------------------------------------------


def _row(**values: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(FIELDS, "")
    row.update({"id": "uji", "id_term": "istilah uji", "en": "test term", "domain": "acronyms"})
    row.update(values)
    return row


def _csv(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _json(rows: list[dict[str, Any]]) -> bytes:
    terms = [
        {name: (v.split(" | ") if v else []) if name in _LISTS else v for name, v in row.items()}
        for row in rows
    ]
    document = {"format": "dwibahasa-glossary", "version": 1, "terms": terms}
    return json.dumps(document).encode("utf-8")


_LISTS = ("id_variants", "en_variants", "related")


@pytest.mark.parametrize("reader", ["csv", "json"])
@pytest.mark.parametrize("name", sorted(EVIL))
def test_csv_and_json_imports_clean_every_field_and_count(reader: str, name: str) -> None:
    evil, counted = EVIL[name]
    row = _row(
        id_term=f"istilah uji{evil}",
        en=f"test term{evil}",
        id_variants=f"varian satu | varian dua{evil}",
        definition_en=f"Definition.{evil}",
        notes=f"{evil}",
    )
    base = from_csv(_csv([row])) if reader == "csv" else from_json(_json([row]))
    term = base.terms["uji"]
    assert (term.id_term, term.en, term.definition_en, term.notes) == (
        "istilah uji",
        "test term",
        "Definition.",
        "",
    )
    assert term.id_variants == ("varian satu", "varian dua")
    five = Stripped(counted.escapes * 5, counted.controls * 5)
    assert base.stripped == five


def test_an_escape_sequence_across_the_csv_list_separator_is_removed_whole() -> None:
    base = from_csv(_csv([_row(en_variants="a\x1b]0;x|y\x07b")]))
    assert base.terms["uji"].en_variants == ("ab",)
    assert base.stripped == Stripped(escapes=1)


def test_tbx_import_cleans_what_xml_can_carry() -> None:
    # XML 1.0 cannot hold ESC or BEL at all (the parser refuses them); C1 and bidi it can.
    term = term_from_mapping(_row(), "test")
    data = to_tbx([term]).replace(b"istilah uji", "istilah\u202e uji\x9f".encode())
    base = from_tbx(data)
    assert base.terms["uji"].id_term == "istilah uji"
    assert base.stripped == Stripped(controls=2)


def test_a_json_lone_surrogate_is_replaced_not_a_crash() -> None:
    data = _json([_row()]).replace(b'"istilah uji"', b'"istilah \\udc9b uji"')
    assert from_json(data).terms["uji"].id_term == "istilah \ufffd uji"


def test_a_clean_file_reports_nothing_stripped() -> None:
    base = from_csv(_csv([_row()]))
    assert base.stripped == Stripped()
    assert not base.stripped


def test_stripped_counts_do_not_change_term_base_equality() -> None:
    dirty = from_csv(_csv([_row(en="test\x07 term")]))
    clean = from_csv(_csv([_row()]))
    assert dirty == clean
    assert dirty.stripped != clean.stripped


@pytest.mark.parametrize("writer", [to_csv, to_json])
def test_exports_of_imported_terms_round_trip_the_cleaned_values(writer: Any) -> None:
    base = from_json(_json([_row(en="\x1b]0;pwned\x07test\u202e term", notes="a\x9b\x07")]))
    data = writer(list(base))
    assert not UNSAFE.search(data.decode("utf-8").replace("\r\n", "\n"))  # CSV rows end CRLF
    back: TermBase = (from_csv if writer is to_csv else from_json)(data)
    assert back == base
    assert back.terms["uji"].en == "test term"


# --- terms an older version stored ---------------------------------------------------------


def test_terms_stored_before_cleaning_come_out_of_the_library_clean(
    service: ReadingService,
) -> None:
    glossary = service.glossary
    term = glossary.termbase().get("diplomasi-pertahanan")
    assert term is not None
    data = {**term.to_dict(), "id_term": "\x1b]0;pwned\x07diplomasi\u202e pertahanan"}
    data["notes"] = "\x1b[2J\x9b\x00"
    with service.library.transaction() as db:  # as an older version wrote it
        db.execute(
            "UPDATE glossary_terms SET data = ? WHERE id = ?",
            [json.dumps(data, ensure_ascii=False), term.id],
        )
        db.execute("UPDATE glossary_state SET value = value + 1 WHERE key = 'version'")
    stored = glossary.termbase().get("diplomasi-pertahanan")
    assert stored is not None
    assert stored.id_term == "diplomasi pertahanan"
    assert stored.notes == ""
    for exported in (to_csv([stored]), to_json([stored]), to_tbx([stored])):
        assert not UNSAFE.search(exported.decode("utf-8").replace("\r\n", "\n"))
