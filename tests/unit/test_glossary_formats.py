"""Glossary export and import: CSV, TBX-Basic, JSON round trips, Anki packages, bad files."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.export import (
    ANKI_DECK_ID,
    ANKI_MODEL_ID,
    GlossaryFormatError,
    export_glossary,
    guard_formula,
    to_anki,
    to_csv,
    to_json,
    to_tbx,
    unguard_formula,
)
from glossary.formats import (
    MAX_FILE_BYTES,
    from_csv,
    from_json,
    from_tbx,
    load_glossary,
    read_regular_file,
)
from glossary.termbase import (
    DOMAINS,
    FIELDS,
    OPTIONAL_FIELDS,
    Term,
    TermBase,
    TermBaseError,
    default_termbase,
    term_from_mapping,
)

Writer = Callable[[list[Term]], bytes]
Reader = Callable[[bytes], TermBase]
ROUND_TRIPS: dict[str, tuple[Writer, Reader]] = {
    "csv": (lambda terms: to_csv(terms), from_csv),
    "csv-excel": (lambda terms: to_csv(terms, excel=True), from_csv),
    "tbx": (to_tbx, from_tbx),
    "json": (to_json, from_json),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def bundled() -> TermBase:
    return default_termbase()


def make_term(**overrides: Any) -> Term:
    data: dict[str, Any] = {
        "id": "uji",
        "id_term": "istilah uji",
        "en": "test term",
        "domain": "national-security",
        "definition_id": "Definisi.",
        "definition_en": "Definition.",
    }
    data.update(overrides)
    return term_from_mapping(data, "test")


def as_dicts(base: TermBase) -> list[dict[str, Any]]:
    return [term.to_dict() for term in base]


# --- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ROUND_TRIPS))
def test_bundled_term_base_round_trips_identically(name: str, bundled: TermBase) -> None:
    write, read = ROUND_TRIPS[name]
    back = read(write(list(bundled)))
    assert len(back) == len(bundled) == len(default_termbase())
    assert as_dicts(back) == as_dicts(bundled)  # every field of every term
    assert back == bundled


# Text that tries every escaping rule: formula starts, quotes, commas, XML and CDATA
# syntax, apostrophes before formula characters, and any printable unicode. No "|"
# (the CSV list separator) and no control characters (XML cannot carry them).
_TRICKY_STARTS = st.sampled_from(
    ["", "=", "+", "-", "@", "'", "'=", "''+", '"', ",", "<", "&", ">", "]]>", "<&>", ";", "\\"]
)
_CHARS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="|\ufffe\uffff")
_LETTERS = st.text(st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=3)


@st.composite
def _text(draw: st.DrawFn, needs_letter: bool = True) -> str:
    start = draw(_TRICKY_STARTS)
    body = draw(st.text(_CHARS, max_size=12))
    middle = draw(_LETTERS) if needs_letter else ""
    tail = draw(st.sampled_from(["", '"', ", x", "]]>", "&amp;", " <b>"]))
    return " ".join(f"{start}{middle}{body}{tail}".split())


_OPTIONAL_TEXT = st.one_of(st.just(""), _text(needs_letter=False))
_IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


@st.composite
def term_lists(draw: st.DrawFn) -> list[Term]:
    ids = draw(st.lists(_IDS, min_size=1, max_size=5, unique=True))
    terms = []
    for term_id in ids:
        id_term, en = draw(_text()), draw(_text())
        id_variants = draw(st.lists(_text(), max_size=3))
        en_variants = draw(st.lists(_text(), max_size=3))
        forms = [id_term, en, *id_variants, *en_variants]
        # Abbreviation and expansion often equal a form (TBX marks that tig) or each other.
        abbreviation = draw(st.one_of(_OPTIONAL_TEXT, st.sampled_from(forms)))
        expansion = draw(st.one_of(_OPTIONAL_TEXT, st.sampled_from([*forms, abbreviation])))
        data = {
            "id": term_id,
            "id_term": id_term,
            "id_variants": id_variants,
            "en": en,
            "en_variants": en_variants,
            "abbreviation": abbreviation,
            "expansion": expansion,
            "domain": draw(st.sampled_from(DOMAINS)),
            "definition_id": draw(_OPTIONAL_TEXT),
            "definition_en": draw(_OPTIONAL_TEXT),
            "related": draw(st.lists(st.sampled_from(ids), max_size=3)),
            "notes": draw(_OPTIONAL_TEXT),
        }
        terms.append(term_from_mapping(data, term_id))
    return terms


@pytest.mark.parametrize("name", sorted(ROUND_TRIPS))
@settings(max_examples=150, deadline=None)
@given(terms=term_lists())
def test_any_valid_terms_round_trip_losslessly(name: str, terms: list[Term]) -> None:
    write, read = ROUND_TRIPS[name]
    data = write(terms)
    assert as_dicts(read(data)) == sorted((t.to_dict() for t in terms), key=lambda d: d["id"])
    if name == "csv":
        rows = csv.reader(io.StringIO(data.decode(), newline=""))
        assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]


def test_a_subset_export_keeps_only_its_own_cross_references(bundled: TermBase) -> None:
    chosen = [bundled.terms["diplomasi-pertahanan"], bundled.terms["diplomasi"]]
    assert any(r not in ("diplomasi", "diplomasi-pertahanan") for r in chosen[0].related)
    for write, read in ROUND_TRIPS.values():
        back = read(write(chosen))
        assert sorted(back.terms) == ["diplomasi", "diplomasi-pertahanan"]
        assert back.terms["diplomasi-pertahanan"].related == tuple(
            r for r in chosen[0].related if r == "diplomasi"
        )


def test_export_refuses_the_same_term_twice(bundled: TermBase) -> None:
    term = bundled.terms["diplomasi"]
    with pytest.raises(GlossaryFormatError, match="given twice"):
        to_json([term, term])


def test_export_glossary_dispatches_by_format_name(bundled: TermBase) -> None:
    terms = list(bundled)[:3]
    assert export_glossary(terms, "json") == to_json(terms)
    assert export_glossary(terms, "csv", excel=True) == to_csv(terms, excel=True)
    with pytest.raises(GlossaryFormatError, match="unknown glossary format"):
        export_glossary(terms, "xlsx")


# --- CSV ----------------------------------------------------------------------------------


def test_csv_opens_as_a_table_with_a_header_and_a_row_per_term(bundled: TermBase) -> None:
    text = to_csv(list(bundled)).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(FIELDS)
    assert len(rows) == 1 + len(bundled)
    assert all(len(row) == len(FIELDS) for row in rows)
    assert rows[1][FIELDS.index("id")] == next(iter(bundled)).id


def test_csv_list_fields_are_joined_with_a_spaced_pipe(bundled: TermBase) -> None:
    term = bundled.terms["diplomasi-pertahanan"]
    row = list(csv.reader(io.StringIO(to_csv([term]).decode(), newline="")))[1]
    assert row[FIELDS.index("en_variants")] == " | ".join(term.en_variants)


def test_excel_csv_starts_with_a_byte_order_mark_and_plain_csv_does_not(
    bundled: TermBase,
) -> None:
    terms = list(bundled)[:2]
    assert to_csv(terms, excel=True).startswith(b"\xef\xbb\xbfid,")
    assert to_csv(terms).startswith(b"id,")


@pytest.mark.parametrize("name", ["bundled", "tricky"])
def test_no_csv_cell_starts_with_a_formula_character(name: str, bundled: TermBase) -> None:
    terms = list(bundled)
    if name == "tricky":
        terms = [
            make_term(
                notes='=HYPERLINK("http://example.invalid")',
                definition_en="+62 21 555",
                definition_id="-nya",
                abbreviation="@x",
                id_variants=["=cmd", "-x"],
            )
        ]
    rows = list(csv.reader(io.StringIO(to_csv(terms).decode(), newline="")))
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]


def test_formula_cells_get_an_apostrophe_that_import_removes() -> None:
    term = make_term(
        notes="=SUM(A1:A2)",
        definition_en="'=already quoted",
        definition_id="@mention",
        id_variants=["+plus", "-minus"],
    )
    rows = list(csv.reader(io.StringIO(to_csv([term]).decode(), newline="")))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["notes"] == "'=SUM(A1:A2)"
    assert cells["definition_en"] == "''=already quoted"
    assert cells["id_variants"] == "'+plus | -minus"
    assert from_csv(to_csv([term])).terms["uji"] == term


def test_guard_and_unguard_are_inverse_for_apostrophes_before_formula_characters() -> None:
    for cell in ["=a", "'=a", "''=a", "'a", "a'", "'", "", "-", "\t", "'\r", "x=y"]:
        assert unguard_formula(guard_formula(cell)) == cell


def test_hand_written_apostrophe_before_a_formula_character_is_dropped_on_import() -> None:
    data = b"id,id_term,en,domain,notes\nuji,istilah,term,acronyms,'=1+1\n"
    assert from_csv(data).terms["uji"].notes == "=1+1"


def test_csv_refuses_to_export_a_list_item_containing_a_pipe() -> None:
    term = make_term(en_variants=["either | or"])
    with pytest.raises(GlossaryFormatError, match="contains '\\|'"):
        to_csv([term])
    assert from_json(to_json([term])).terms["uji"] == term  # JSON has real lists


def test_csv_columns_may_come_in_any_order_and_optional_ones_may_be_missing() -> None:
    data = b"domain,en,id_term,id,related\nacronyms,term,istilah,uji,\n"
    term = from_csv(data).terms["uji"]
    assert (term.id_term, term.en, term.domain, term.id_variants) == (
        "istilah",
        "term",
        "acronyms",
        (),
    )


HEADER = ",".join(name for name in FIELDS if name not in OPTIONAL_FIELDS)  # 12 columns
ROW_A = "a,istilah a,,term a,,,,acronyms,,,,"
ROW_B = "b,istilah b,,term b,,,,acronyms,,,a,"


def csv_bytes(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


BAD_CSV = {
    "unknown and missing columns": (
        csv_bytes("id,id_term,english,domain", "a,istilah,term,acronyms"),
        r"line 1: bad header: unknown column\(s\) 'english'; missing required column\(s\) en",
    ),
    "too many cells": (
        csv_bytes(HEADER, ROW_A, ROW_B + ",extra"),
        r"line 3: 13 cells, expected 12",
    ),
    "unterminated quote": (
        csv_bytes(HEADER, ROW_A, 'b,"istilah b,,term b,,,,acronyms,,,,', ROW_B.replace("b", "c")),
        r"line 3: bad CSV quoting",
    ),
    "quote inside an unquoted cell": (
        csv_bytes(HEADER, ROW_A, 'b,"istilah" b,,term b,,,,acronyms,,,,'),
        r"line 3: bad CSV quoting",
    ),
    "duplicate id": (
        csv_bytes(HEADER, ROW_A, ROW_A.replace("istilah a", "lain")),
        r"line 3: duplicate id 'a' \(first at line 2\)",
    ),
    "empty id_term": (
        csv_bytes(HEADER, ROW_A, ROW_B.replace("istilah b", "")),
        r"line 3: 'id_term'",
    ),
    "punctuation-only term": (
        csv_bytes(HEADER, ROW_A.replace("term a", "?!-"), ROW_B),
        r"line 2: 'en' is empty or has no letters",
    ),
    "unknown domain": (
        csv_bytes(HEADER, ROW_A.replace("acronyms", "cooking"), ROW_B),
        r"line 2: domain 'cooking' is not one of",
    ),
    "related id not in the file": (
        csv_bytes(HEADER, ROW_B),
        r"line 2: related id\(s\) not in the file: a",
    ),
    "empty file": (b"", r"empty file"),
}


@pytest.mark.parametrize("case", sorted(BAD_CSV))
def test_bad_csv_is_rejected_with_the_line_of_the_problem(case: str) -> None:
    data, pattern = BAD_CSV[case]
    with pytest.raises(GlossaryFormatError, match=pattern) as caught:
        from_csv(data, "glossary.csv")
    assert str(caught.value).startswith("glossary.csv: ")
    assert "\n" not in str(caught.value)


def test_latin_1_csv_is_rejected_as_not_utf8_with_its_line() -> None:
    data = csv_bytes(HEADER, ROW_A, ROW_B.replace("istilah b", "kebijakan luar négeri"))
    with pytest.raises(GlossaryFormatError, match=r"line 3: not UTF-8 text \(byte 0xe9\)"):
        from_csv(data.decode("utf-8").encode("latin-1"))


def test_utf16_csv_is_rejected_with_a_fix() -> None:
    with pytest.raises(GlossaryFormatError, match="UTF-16; save it as UTF-8"):
        from_csv(csv_bytes(HEADER, ROW_A).decode().encode("utf-16"))


def test_csv_import_lists_every_problem_up_to_ten_in_one_line() -> None:
    rows = [ROW_A.replace("a,istilah a", f"x{i},") for i in range(13)]
    with pytest.raises(GlossaryFormatError) as caught:
        from_csv(csv_bytes(HEADER, *rows))
    message = str(caught.value)
    assert message.startswith("CSV: 13 problems: line 2: 'id_term'")
    assert "line 11:" in message and "line 12:" not in message
    assert message.endswith("; and 3 more")
    assert len(caught.value.problems) == 13


def test_import_errors_are_term_base_errors() -> None:
    with pytest.raises(TermBaseError):
        from_csv(b"nonsense\n")


# --- TBX ----------------------------------------------------------------------------------


def test_tbx_is_well_formed_tbx_basic_with_an_entry_per_term(bundled: TermBase) -> None:
    data = to_tbx(list(bundled))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(data)
    assert root.tag == "martif"
    assert root.get("type") == "TBX-Basic"
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(bundled)
    assert [e.get("id") for e in entries] == [t.id for t in bundled]


def test_tbx_entry_maps_each_field_to_its_tbx_basic_data_category(bundled: TermBase) -> None:
    term = bundled.terms["zona-demiliterisasi"]
    entry = ET.fromstring(to_tbx(list(bundled))).find(
        "text/body/termEntry[@id='zona-demiliterisasi']"
    )
    assert entry is not None
    assert entry.findtext("descrip[@type='subjectField']") == term.domain
    targets = [r.get("target") for r in entry.findall("ref[@type='crossReference']")]
    assert targets == list(term.related)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    id_set = next(s for s in entry.findall("langSet") if s.get(lang) == "id")
    assert id_set.findtext("descrip[@type='definition']") == term.definition_id
    tigs = id_set.findall("tig")
    assert tigs[0].findtext("term") == term.id_term
    assert tigs[0].findtext("termNote[@type='administrativeStatus']") == "preferredTerm-admn-sts"
    assert [t.findtext("termNote[@type='administrativeStatus']") for t in tigs[1:]] == [
        "admittedTerm-admn-sts"
    ] * len(term.id_variants)
    abbreviations = [t.findtext("term") for t in tigs if t.findtext("termNote[@type='termType']")]
    assert abbreviations == [term.abbreviation] == ["DMZ"]


def test_tbx_gives_an_abbreviation_that_is_no_form_a_tig_of_its_own() -> None:
    term = make_term(abbreviation="IU", expansion="istilah uji")
    entry = ET.fromstring(to_tbx([term])).find("text/body/termEntry")
    assert entry is not None
    tigs = entry.findall("langSet/tig")
    own = [t for t in tigs if t.findtext("term") == "IU"]
    assert len(own) == 1
    assert own[0].find("termNote[@type='administrativeStatus']") is None
    assert own[0].findtext("termNote[@type='termType']") == "abbreviation"
    assert from_tbx(to_tbx([term])).terms["uji"] == term


def test_tbx_escapes_markup_in_term_text() -> None:
    term = make_term(en="<b>bold</b> & ]]> term", notes='"<script>&amp;', id_variants=["a<&>b"])
    data = to_tbx([term])
    assert b"&lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt; term" in data
    assert b"&amp;amp;" in data
    assert b"<script>" not in data and b"<b>" not in data
    assert from_tbx(data).terms["uji"] == term


def test_tbx_drops_characters_xml_cannot_hold_instead_of_failing() -> None:
    # Built directly, as a library written by an older version could hand it over.
    term = Term(
        id="uji",
        id_term="istilah \x1b]0;pwned\x07uji",
        en="test\x07 term\ufffe",
        domain="national-security",
        id_variants=("varian\x00 \x9b2J",),
        notes="bell \x07 here \uffff",
    )
    data = to_tbx([term])
    ET.fromstring(data)  # well-formed
    back = from_tbx(data).terms["uji"]
    assert (back.id_term, back.en, back.id_variants, back.notes) == (
        "istilah uji",
        "test term",
        ("varian",),
        "bell here",
    )


@pytest.mark.parametrize("name", sorted(ROUND_TRIPS))
def test_every_writer_cleans_a_term_built_with_control_characters(name: str) -> None:
    term = Term(
        id="uji",
        id_term="\u202eistilah\x1b[2J uji",
        en="\x1b]0;pwned\x07test term",
        domain="national-security",
        definition_en="Bell\x07 and CSI \x9b31m here.",
    )
    write, read = ROUND_TRIPS[name]
    data = write([term])
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]", data.decode())
    back = read(data).terms["uji"]
    assert (back.id_term, back.en, back.definition_en) == (
        "istilah uji",
        "test term",
        "Bell and CSI here.",
    )


def tbx(entries: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{prolog}"
        '<martif type="TBX-Basic" xml:lang="en">\n<text>\n<body>\n'
        f"{entries}"
        "</body>\n</text>\n</martif>\n"
    ).encode()


def entry(term_id: str = "uji", id_term: str = "istilah", en: str = "term", extra: str = "") -> str:
    return (
        f'<termEntry id="{term_id}">\n<descrip type="subjectField">acronyms</descrip>\n{extra}'
        f'<langSet xml:lang="id">\n<tig><term>{id_term}</term></tig>\n</langSet>\n'
        f'<langSet xml:lang="en">\n<tig><term>{en}</term></tig>\n</langSet>\n</termEntry>\n'
    )


def test_tbx_from_another_tool_without_statuses_imports() -> None:
    base = from_tbx(tbx(entry(extra='<ref type="crossReference" target="uji">uji</ref>\n')))
    assert base.terms["uji"] == Term(
        id="uji", id_term="istilah", en="term", domain="acronyms", related=("uji",)
    )


BAD_TBX = {
    "not XML": (b"id,id_term\nnot xml at all\n", r"line 1, column 1: not well-formed XML"),
    "mismatched tag": (
        tbx(entry() + "<termEntry>\n</body>"),
        r"line 15, column \d+: not well-formed XML \(mismatched tag\)",
    ),
    "internal entity": (
        tbx(entry(en="&a;"), prolog='<!DOCTYPE martif [<!ENTITY a "b">]>\n'),
        r"line \d+: entity declarations and external references are not accepted",
    ),
    "external entity": (
        tbx(
            entry(en="&x;"),
            prolog='<!DOCTYPE martif [\n<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
        ),
        r"line \d+: entity declarations and external references are not accepted",
    ),
    "billion laughs": (
        tbx(
            entry(en="&lol9;"),
            prolog="<!DOCTYPE martif [\n"
            + '<!ENTITY lol0 "lol">\n'
            + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
            + "]>\n",
        ),
        r"line \d+: entity declarations and external references are not accepted",
    ),
    "undeclared entity": (tbx(entry(en="&a;")), r"line 11, column \d+: .*undefined entity"),
    "not martif": (b"<tbx/>", r"not TBX \(root element is <tbx>\)"),
    "missing English langSet": (
        tbx(
            entry().replace(
                '<langSet xml:lang="en">\n<tig><term>term</term></tig>\n</langSet>\n', ""
            )
        ),
        r"line 5 termEntry 'uji': no langSet for 'en'",
    ),
    "missing domain": (
        tbx(entry().replace('<descrip type="subjectField">acronyms</descrip>\n', "")),
        r"termEntry 'uji': expected one <descrip type=\"subjectField\">",
    ),
    "missing id": (tbx(entry().replace(' id="uji"', "")), r"line 5 termEntry #1: no id attribute"),
    "punctuation-only term": (tbx(entry(id_term="--")), r"termEntry 'uji': 'id_term' is empty"),
    "duplicate id": (tbx(entry() + entry()), r"line 14 termEntry 'uji': duplicate id 'uji'"),
    "other language": (
        tbx(entry().replace('xml:lang="en"', 'xml:lang="fr"')),
        r"termEntry 'uji': langSet xml:lang 'fr' is neither",
    ),
    "two abbreviations": (
        tbx(
            entry(
                id_term='AB</term><termNote type="termType">abbreviation</termNote></tig>\n'
                "<tig><term>istilah",
                en='CD</term><termNote type="termType">acronym</termNote></tig>\n<tig><term>term',
            )
        ),
        r"termEntry 'uji': more than one abbreviation: AB, CD",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_TBX))
def test_bad_tbx_is_rejected_with_its_line_or_entry(case: str) -> None:
    data, pattern = BAD_TBX[case]
    with pytest.raises(GlossaryFormatError, match=pattern) as caught:
        from_tbx(data, "glossary.tbx")
    assert str(caught.value).startswith("glossary.tbx: ")
    assert "\n" not in str(caught.value)


# --- JSON ---------------------------------------------------------------------------------


def test_json_has_the_versioned_envelope_and_readable_unicode(bundled: TermBase) -> None:
    text = to_json(list(bundled)).decode("utf-8")
    document = json.loads(text)
    assert document["format"] == "dwibahasa-glossary"
    assert document["version"] == 1
    assert document["terms"] == as_dicts(bundled)
    assert "\n  " in text  # indented
    assert "≠" in text  # ensure_ascii=False (a note says pertahanan ≠ ketahanan)


def json_bytes(terms: Any, **envelope: Any) -> bytes:
    document = {"format": "dwibahasa-glossary", "version": 1, "terms": terms, **envelope}
    return json.dumps(document).encode()


def test_bad_json_is_rejected_with_the_index_of_the_term(bundled: TermBase) -> None:
    terms = as_dicts(bundled)[:3]
    for term in terms:
        term["related"] = []
    del terms[1]["notes"]
    terms[2]["domain"] = "cooking"
    with pytest.raises(GlossaryFormatError) as caught:
        from_json(json_bytes(terms), "glossary.json")
    message = str(caught.value)
    assert message.startswith("glossary.json: 2 problems: ")
    assert f"terms[1] (id '{terms[1]['id']}'): missing field(s) notes" in message
    assert f"terms[2] (id '{terms[2]['id']}'): domain 'cooking'" in message


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b'{"format": "dwibahasa-glossary",\n "version": 1,\n "terms": [}', r"line 3, column 12"),
        (json_bytes([], format="other"), r"not a Dwibahasa glossary"),
        (json_bytes([], version=2), r"version 2 is not supported"),
        (json_bytes({}), r'"terms" must be a list'),
        (json_bytes(["uji"]), r"terms\[0\]: must be an object"),
        (json_bytes([]), r"no terms"),
    ],
)
def test_json_of_the_wrong_shape_is_rejected(data: bytes, pattern: str) -> None:
    with pytest.raises(GlossaryFormatError, match=pattern):
        from_json(data)


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"terms": [{"id": "a", "notes": ' + b"[" * 50_000 + b"]" * 50_000 + b"}]}", "deeply"),
        (json_bytes([], count=10**70), "a number with more than 64 digits"),
        (b'{"format": ' + b"9" * 5_000 + b"}", "a number with more than 64 digits"),
        (b'{"format": -' + b"9" * 100 + b"}", "a number with more than 64 digits"),
    ],
)
def test_json_nesting_and_number_size_are_bounded(data: bytes, pattern: str) -> None:
    with pytest.raises(GlossaryFormatError, match=pattern) as caught:
        from_json(data, "tumpuk.json")
    assert str(caught.value).startswith("tumpuk.json: ")
    assert "\n" not in str(caught.value)


def test_json_numbers_of_ordinary_size_still_parse(bundled: TermBase) -> None:
    terms = [{**as_dicts(bundled)[0], "related": []}]
    data = json_bytes(terms, extra=12345678901234567890, ratio=1e308)
    assert len(from_json(data)) == 1


# --- Anki ---------------------------------------------------------------------------------


def open_collection(package: bytes, folder: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = set(archive.namelist())
        assert "media" in names
        assert json.loads(archive.read("media")) == {}
        collection = "collection.anki21" if "collection.anki21" in names else "collection.anki2"
        path = folder / collection
        path.write_bytes(archive.read(collection))
    return sqlite3.connect(path)


def test_anki_package_has_a_note_per_term_with_stable_ids(
    bundled: TermBase, tmp_path: Path
) -> None:
    from genanki.util import guid_for

    package = to_anki(list(bundled), {})
    assert zipfile.is_zipfile(io.BytesIO(package))
    connection = open_collection(package, tmp_path)
    try:
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (len(bundled),)
        guids = {guid for (guid,) in connection.execute("SELECT guid FROM notes")}
        assert len(guids) == len(bundled)
        expected_guid = guid_for("diplomasi-pertahanan")  # type: ignore[no-untyped-call]
        assert expected_guid in guids
        assert {mid for (mid,) in connection.execute("SELECT mid FROM notes")} == {ANKI_MODEL_ID}
        assert {did for (did,) in connection.execute("SELECT did FROM cards")} == {ANKI_DECK_ID}
        (models,) = connection.execute("SELECT models FROM col").fetchone()
        fields = [f["name"] for f in json.loads(models)[str(ANKI_MODEL_ID)]["flds"]]
        assert fields == ["Indonesian", "English", "Definition", "Example"]
    finally:
        connection.close()


def test_anki_fields_are_html_escaped_and_carry_the_example(tmp_path: Path) -> None:
    term = make_term(
        id_term="<b>istilah</b> & uji", en_variants=["<i>x</i>"], definition_en="a <script>"
    )
    examples = {"uji": ("Ini <istilah> uji & lain.", "This is a 'test' term.")}
    connection = open_collection(to_anki([term], examples), tmp_path)
    try:
        (flds,) = connection.execute("SELECT flds FROM notes").fetchone()
    finally:
        connection.close()
    indonesian, english, definition, example = flds.split("\x1f")
    assert indonesian == "&lt;b&gt;istilah&lt;/b&gt; &amp; uji"
    assert "&lt;i&gt;x&lt;/i&gt;" in english
    assert "a &lt;script&gt;" in definition and "Definisi." in definition
    assert "Ini &lt;istilah&gt; uji &amp; lain." in example
    assert "This is a &#x27;test&#x27; term." in example
    assert "<script>" not in flds and "<b>" not in flds and "<istilah>" not in flds


def test_anki_example_is_empty_when_the_caller_has_none(tmp_path: Path) -> None:
    connection = open_collection(to_anki([make_term()], {}), tmp_path)
    try:
        (flds,) = connection.execute("SELECT flds FROM notes").fetchone()
    finally:
        connection.close()
    assert flds.split("\x1f")[3] == ""


def test_anki_package_bytes_are_reproducible_for_a_given_timestamp(bundled: TermBase) -> None:
    terms = list(bundled)[:20]
    assert to_anki(terms, {}, timestamp=1_700_000_000) == to_anki(
        terms, {}, timestamp=1_700_000_000
    )


# --- files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "content"),
    [(".csv", to_csv), (".CSV", to_csv), (".tbx", to_tbx), (".xml", to_tbx), (".json", to_json)],
)
def test_load_glossary_picks_the_format_by_extension(
    suffix: str, content: Writer, bundled: TermBase, tmp_path: Path
) -> None:
    path = tmp_path / f"glossary{suffix}"
    path.write_bytes(content(list(bundled)))
    assert load_glossary(path) == bundled


def test_load_glossary_format_overrides_the_extension(bundled: TermBase, tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    path.write_bytes(to_json(list(bundled)[:5]))
    assert len(load_glossary(path, format="json")) == 5
    with pytest.raises(GlossaryFormatError, match=r"cannot tell the glossary format from '\.txt'"):
        load_glossary(path)
    with pytest.raises(GlossaryFormatError, match="unknown glossary format 'yaml'"):
        load_glossary(path, format="yaml")


def test_load_glossary_errors_start_with_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    with pytest.raises(GlossaryFormatError, match=f"^{re.escape(str(missing))}: cannot read"):
        load_glossary(missing)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(HEADER, ROW_A, ROW_A))
    with pytest.raises(
        GlossaryFormatError, match=f"^{re.escape(str(bad))}: line 3: duplicate id 'a'"
    ):
        load_glossary(bad)


def test_load_glossary_refuses_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "glossary.csv"
    folder.mkdir()
    with pytest.raises(GlossaryFormatError, match=r"glossary\.csv: is a folder"):
        load_glossary(folder)


def test_load_glossary_refuses_a_pipe_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "glossary.csv"
    os.mkfifo(pipe)
    with pytest.raises(GlossaryFormatError, match=r"glossary\.csv: is not a regular file"):
        load_glossary(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_load_glossary_refuses_a_device_instead_of_reading_forever() -> None:
    with pytest.raises(GlossaryFormatError, match=r"^/dev/zero: is not a regular file"):
        load_glossary("/dev/zero", format="csv")


def test_load_glossary_refuses_a_file_over_the_limit_before_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "besar.json"
    with big.open("wb") as stream:  # sparse: nothing is written, nothing is read
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(GlossaryFormatError, match=r"besar\.json: is over the 20 MB limit"):
        load_glossary(big)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tumbuh.csv"
    path.write_bytes(b"x" * 11)
    with pytest.raises(GlossaryFormatError, match=r"is over the"):
        read_regular_file(path, max_bytes=10)
    assert read_regular_file(path, max_bytes=11) == b"x" * 11


def test_an_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rahasia.csv"
    path.write_bytes(b"id\n")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(GlossaryFormatError, match=r"rahasia\.csv: cannot read \(Permission"):
        load_glossary(path)


def test_doctype_naming_the_tbx_dtd_is_accepted_and_never_fetched(offline: None) -> None:
    data = tbx(
        entry(), prolog='<!DOCTYPE martif SYSTEM "http://example.invalid/TBXcoreStructV02.dtd">\n'
    )
    assert "uji" in from_tbx(data)
