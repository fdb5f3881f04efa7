"""The glossary's messages in the interface language, and a glossary package free of `reader`.

The glossary package asks the process-wide gettext domain, which
`reader.i18n.activate` binds to the project catalog: these tests switch the
interface to Indonesian and read the errors a user gets for malformed files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossary.export import GlossaryFormatError, to_csv
from glossary.formats import from_csv, from_json, from_tbx, load_glossary
from glossary.termbase import (
    DOMAINS,
    FIELDS,
    OPTIONAL_FIELDS,
    Term,
    TermBaseError,
    load_toml,
)
from reader import i18n
from tests.conftest import Invoke

REPO = Path(__file__).resolve().parents[2]

HEADER = ",".join(name for name in FIELDS if name not in OPTIONAL_FIELDS)  # 12
ROW_A = "a,istilah a,,term a,,,,acronyms,,,,"
ROW_LONG = "c,istilah c,,term c,,,,acronyms,,,,,"  # 13 cells under a 12-column header


def csv_bytes(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def tbx(entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<martif type="TBX-Basic" xml:lang="en">\n<text>\n<body>\n'
        f"{entries}"
        "</body>\n</text>\n</martif>\n"
    ).encode()


# The entry starts on line 5 and has no English langSet.
TBX_WITHOUT_ENGLISH = tbx(
    '<termEntry id="uji">\n<descrip type="subjectField">acronyms</descrip>\n'
    '<langSet xml:lang="id">\n<tig><term>istilah</term></tig>\n</langSet>\n</termEntry>\n'
)

TOML_BAD_ENTRIES = """\
[[term]]
id = "uji"
id_term = "istilah uji"
en = "test term"
domain = "cooking"
"""


def error_of(call: object, *args: object) -> str:
    assert callable(call)
    with pytest.raises(TermBaseError) as caught:
        call(*args)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.fixture
def indonesian() -> None:
    i18n.activate("id")  # the autouse fixture switches back to English afterwards


# --- CSV ----------------------------------------------------------------------------------


def test_malformed_csv_reports_every_problem_in_indonesian_with_its_line(
    indonesian: None,
) -> None:
    message = error_of(from_csv, csv_bytes(HEADER, ROW_A, ROW_A, ROW_LONG), "glosarium.csv")
    assert message == (
        "glosarium.csv: 2 masalah: baris 4: 13 sel, seharusnya 12 (sesuai tajuk); "
        "baris 3: id 'a' ganda (pertama kali di baris 2)"
    )


def test_csv_with_more_than_ten_problems_counts_the_rest_in_indonesian(indonesian: None) -> None:
    rows = [ROW_A.replace("a,istilah a", f"x{i},") for i in range(13)]
    message = error_of(from_csv, csv_bytes(HEADER, *rows), "glosarium.csv")
    assert message.startswith(
        "glosarium.csv: 13 masalah: baris 2: 'id_term' kosong atau tidak memuat huruf; "
    )
    assert "baris 11:" in message and "baris 12:" not in message
    assert message.endswith("; dan 3 lainnya")


def test_csv_with_a_bad_header_names_the_columns_in_indonesian(indonesian: None) -> None:
    header = HEADER.replace(",domain", ",ranah")
    message = error_of(from_csv, csv_bytes(header, ROW_A), "glosarium.csv")
    assert message == (
        "glosarium.csv: baris 1: tajuk tidak valid: kolom tidak dikenal: 'ranah'; "
        f"kolom wajib tidak ada: domain (kolom yang tersedia: {', '.join(FIELDS)})"
    )


def test_csv_that_is_not_utf8_says_how_to_save_it_in_indonesian(indonesian: None) -> None:
    data = csv_bytes(HEADER, ROW_A.replace("istilah a", "négeri")).decode().encode("latin-1")
    assert error_of(from_csv, data, "glosarium.csv") == (
        "glosarium.csv: baris 2: bukan teks UTF-8 (bita 0xe9); "
        "simpan berkas sebagai UTF-8 (di Excel: CSV UTF-8)"
    )


def test_malformed_csv_reports_english_by_default() -> None:
    message = error_of(from_csv, csv_bytes(HEADER, ROW_A, ROW_A, ROW_LONG), "glossary.csv")
    assert message == (
        "glossary.csv: 2 problems: line 4: 13 cells, expected 12 (the header's); "
        "line 3: duplicate id 'a' (first at line 2)"
    )


# --- TBX ----------------------------------------------------------------------------------


def test_malformed_tbx_names_the_line_and_entry_in_indonesian(indonesian: None) -> None:
    assert error_of(from_tbx, TBX_WITHOUT_ENGLISH, "glosarium.tbx") == (
        "glosarium.tbx: baris 5 termEntry 'uji': tidak ada langSet untuk 'en'"
    )


def test_tbx_that_is_not_xml_reports_line_and_column_in_indonesian(indonesian: None) -> None:
    message = error_of(from_tbx, b"bukan xml\n", "glosarium.tbx")
    assert message.startswith("glosarium.tbx: baris 1, kolom 1: XML tidak tersusun dengan benar (")


def test_tbx_entry_without_id_is_numbered_in_indonesian(indonesian: None) -> None:
    data = TBX_WITHOUT_ENGLISH.replace(b' id="uji"', b"")
    assert error_of(from_tbx, data, "glosarium.tbx") == (
        "glosarium.tbx: baris 5 termEntry #1: tidak ada atribut id"
    )


def test_malformed_tbx_reports_english_by_default() -> None:
    assert error_of(from_tbx, TBX_WITHOUT_ENGLISH, "glossary.tbx") == (
        "glossary.tbx: line 5 termEntry 'uji': no langSet for 'en'"
    )


# --- Term base TOML, JSON, files ----------------------------------------------------------


def test_bad_term_base_toml_names_the_entry_in_indonesian(indonesian: None, tmp_path: Path) -> None:
    path = tmp_path / "istilah.toml"
    path.write_text(TOML_BAD_ENTRIES, encoding="utf-8")
    assert error_of(load_toml, path) == (
        f"{path} istilah ke-1: ranah 'cooking' bukan salah satu dari {', '.join(DOMAINS)}"
    )
    path.write_text(TOML_BAD_ENTRIES.replace('"cooking"', '"acronyms"\nid_term = "x"'))
    assert error_of(load_toml, path).startswith(f"{path}: bukan TOML yang valid (")
    assert error_of(load_toml, tmp_path / "tidak-ada.toml").startswith(
        f"{tmp_path / 'tidak-ada.toml'}: tidak dapat dibaca ("
    )


def test_bad_term_base_toml_reports_english_by_default(tmp_path: Path) -> None:
    path = tmp_path / "terms.toml"
    path.write_text(TOML_BAD_ENTRIES, encoding="utf-8")
    assert error_of(load_toml, path) == (
        f"{path} term 1: domain 'cooking' is not one of {', '.join(DOMAINS)}"
    )


def test_json_of_another_version_is_refused_in_indonesian(indonesian: None) -> None:
    data = b'{"format": "dwibahasa-glossary", "version": 2, "terms": []}'
    assert error_of(from_json, data, "glosarium.json") == (
        "glosarium.json: glosarium versi 2 tidak didukung (Dwibahasa ini membaca versi 1)"
    )


def test_file_without_extension_is_refused_in_indonesian(indonesian: None, tmp_path: Path) -> None:
    path = tmp_path / "glosarium"
    assert error_of(load_glossary, path).startswith(
        f"{path}: format glosarium tidak dapat ditentukan karena nama berkas tidak berekstensi"
    )


def test_export_refuses_a_term_it_cannot_write_in_indonesian(indonesian: None) -> None:
    term = Term(id="uji", id_term="istilah", en="term", domain="acronyms", id_variants=("a|b",))
    with pytest.raises(GlossaryFormatError) as caught:
        to_csv([term])
    assert str(caught.value) == (
        "istilah 'uji': butir id_variants 'a|b' memuat '|', pemisah daftar CSV; "
        "saat dibaca kembali, butir itu akan menjadi dua butir"
    )


def test_glossary_messages_follow_the_language_back_to_english() -> None:
    data = csv_bytes(HEADER, ROW_A, ROW_A)
    i18n.activate("id")
    assert (
        error_of(from_csv, data, "g.csv")
        == "g.csv: baris 3: id 'a' ganda (pertama kali di baris 2)"
    )
    i18n.activate("en")
    assert error_of(from_csv, data, "g.csv") == "g.csv: line 3: duplicate id 'a' (first at line 2)"


def test_glossary_import_from_the_command_line_reports_indonesian(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "glosarium.csv"
    path.write_bytes(csv_bytes(HEADER, ROW_A, ROW_A))
    code, _out, err = dwibahasa("--ui-lang", "id", "glossary", "import", str(path))
    assert code == 1
    assert f"{path}: baris 3: id 'a' ganda (pertama kali di baris 2)" in err


# --- Design rule ----------------------------------------------------------------------------


def test_glossary_package_never_imports_reader() -> None:
    code = (
        "import sys, glossary.formats, glossary.export, glossary.match, glossary.links, "
        "glossary.termbase, glossary.i18n; "
        "loaded = [m for m in sys.modules if m == 'reader' or m.startswith('reader.')]; "
        "assert not loaded, loaded"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
