"""Bytes → text: encodings, BOMs, binary files, and the tidy form every stage relies on."""

from __future__ import annotations

import codecs
import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reader.errors import UserError
from reader.i18n import translation
from reader.ingest.decode import ImportFailed, decode_bytes, decode_text, looks_binary, tidy
from reader.ingest.model import Removed

INDONESIAN = "Kerja sama “pertahanan” Indonesia–Australia: café, naïve, €5.\nBaris kedua.\n"


def test_import_failed_is_a_user_error() -> None:
    assert issubclass(ImportFailed, UserError)


def test_plain_utf8() -> None:
    assert decode_bytes(INDONESIAN.encode("utf-8"), "a.txt") == INDONESIAN


def test_utf8_with_bom_loses_the_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + INDONESIAN.encode("utf-8"), "a.txt") == INDONESIAN


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    assert decode_bytes(bom + INDONESIAN.encode(codec), "a.txt") == INDONESIAN


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_bytes(codec: str) -> None:
    data = INDONESIAN.encode(codec)
    assert looks_binary(data) is None
    assert decode_bytes(data, "a.txt") == INDONESIAN


def test_cp1252_curly_quotes_and_accents() -> None:
    data = b"Menurut Menteri, \x93hubungan kedua negara\x94 sangat penting \x96 caf\xe9.\r\n"
    assert decode_bytes(data, "a.txt") == (
        "Menurut Menteri, “hubungan kedua negara” sangat penting – café.\n"
    )


def test_short_latin1_text_is_not_misread_as_another_code_page() -> None:
    # charset-normalizer alone reads these as cp1006 / cp1250: 'Cafﻠ', 'Déjŕ'.
    assert decode_bytes("Café".encode("latin-1"), "a.txt") == "Café"
    text = "Déjà vu: naïve résumé, café."
    assert decode_bytes(text.encode("latin-1"), "a.txt") == text


def test_cyrillic_legacy_text_is_left_to_detection() -> None:
    text = "Привет, как дела? Это русский текст в кодировке Windows."
    assert decode_bytes(text.encode("cp1251"), "a.txt") == text


def test_declared_encoding_is_used_when_the_bytes_agree() -> None:
    data = "Smörgåsbord € œ".encode("iso8859_15")
    assert decode_bytes(data, "a.html", encoding="iso-8859-15") == "Smörgåsbord € œ"
    # As in browsers, latin-1 and ascii labels mean windows-1252.
    assert decode_bytes(b"\x93kutip\x94", "a.html", encoding="iso-8859-1") == "“kutip”"
    # An unknown label falls back to detection.
    assert decode_bytes(b"plain", "a.html", encoding="no-such-charset") == "plain"


def test_utf8_wins_over_a_stale_declared_charset() -> None:
    assert decode_bytes("café “x”".encode(), "a.html", encoding="ascii") == "café “x”"


@pytest.mark.parametrize(
    "label",
    [
        *("base64", "base_64", "hex", "zlib", "rot13", "rot_13", "uu", "bz2", "quopri"),
        *("undefined", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf-7"),
        *("cp037", "cp500", "charmap", "", "  ", "utf-8\x00", "../../etc"),
    ],
)
def test_a_declared_charset_that_is_no_text_encoding_falls_back_to_detection(label: str) -> None:
    # The stdlib's codecs.lookup finds bytes-to-bytes codecs too: decoding with them raised.
    data = b"Caf\xe9 \x93kutip\x94 di Jakarta."
    assert decode_bytes(data, "a.html", encoding=label) == "Café “kutip” di Jakarta."


def test_a_declared_charset_that_is_a_text_encoding_is_still_used() -> None:
    assert decode_bytes("Привет, мир".encode("koi8-r"), "a.html", encoding="koi8-r") == (
        "Привет, мир"
    )


def test_utf8_with_cp1252_lines_is_decoded_line_by_line() -> None:
    data = (
        b"Kopi di caf\xc3\xa9.\nIa na\xefve \x93sekali\x94.\r\nKutip \xe2\x80\x9cini\xe2\x80\x9d.\n"
    )
    decoded = decode_text(data, "campur.txt")
    assert decoded.text == "Kopi di café.\nIa naïve “sekali”.\nKutip “ini”.\n"
    assert (decoded.legacy_lines, decoded.legacy_encoding) == (1, "cp1252")


def test_cp1252_with_a_utf8_line_keeps_the_utf8_line() -> None:
    decoded = decode_text(b"Caf\xe9 satu.\nCaf\xe9 dua.\nCaf\xc3\xa9 tiga.\n", "campur.txt")
    assert decoded.text == "Café satu.\nCafé dua.\nCafé tiga.\n"
    assert (decoded.legacy_lines, decoded.legacy_encoding) == (2, "cp1252")


def test_mixed_lines_follow_a_declared_charset() -> None:
    data = "Smörgåsbord €\n".encode("iso8859_15") + "Café “x”\n".encode()
    decoded = decode_text(data, "a.html", encoding="iso-8859-15")
    assert decoded.text == "Smörgåsbord €\nCafé “x”\n"
    assert (decoded.legacy_lines, decoded.legacy_encoding) == (1, "iso8859-15")


def test_a_whole_legacy_file_reports_its_lines_with_non_ascii_bytes() -> None:
    decoded = decode_text(b"satu\ncaf\xe9\n\x93dua\x94\ntiga\n", "a.txt")
    assert (decoded.legacy_lines, decoded.legacy_encoding) == (2, "cp1252")
    assert decode_text("café\n".encode(), "a.txt").legacy_lines == 0
    assert decode_text("café\n".encode("utf-16"), "a.txt").legacy_lines == 0


def test_legacy_lines_are_reported_in_the_import_summary() -> None:
    removed = Removed(page_numbers=2, legacy_lines=3, legacy_encoding="cp1252")
    assert bool(Removed(legacy_lines=1))
    assert removed.describe(translation("en")) == (
        "removed 2 page numbers; 3 lines were not UTF-8 and were read as cp1252"
    )
    assert Removed(legacy_lines=1, legacy_encoding="cp1252").describe() == (
        "1 line was not UTF-8 and was read as cp1252"
    )


def test_line_ends_soft_hyphens_and_nfc() -> None:
    data = "a\r\nb\rc\nke\u00adbijakan e\u0301".encode()
    assert decode_bytes(data, "a.txt") == "a\nb\nc\nkebijakan é"


def test_escapes_and_controls_go_but_brackets_tabs_and_newlines_stay() -> None:
    data = b"[bold]teks[/bold]\x1b[31m merah\x1b[0m\x07\tkolom\x01\nbaris\x1b]0;judul\x07"
    assert decode_bytes(data, "a.txt") == "[bold]teks[/bold] merah\tkolom\nbaris"


def test_form_feeds_become_newlines_unless_kept() -> None:
    assert decode_bytes(b"satu\fdua", "a.txt") == "satu\ndua"
    assert decode_bytes(b"satu\fdua", "a.txt", keep_form_feeds=True) == "satu\fdua"


def test_tidy_is_what_decoding_does_to_text() -> None:
    assert tidy("\ufeffa\r\nke\u00adbijakan\f[x]\x1b[1m\tb") == "a\nkebijakan\n[x]\tb"
    assert tidy("a\fb", keep_form_feeds=True) == "a\fb"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\ufeff  \n".encode(), b"\x1b[0m\n"])
def test_empty_files(data: bytes) -> None:
    with pytest.raises(ImportFailed, match=r"^notes\.txt: the file is empty"):
        decode_bytes(data, "notes.txt")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x7fELF\x02\x01\x01", "ELF executable"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"header\x00\x01\x02\x03 and more bytes\x00\xff", "NUL bytes"),
    ],
)
def test_binary_files(data: bytes, kind: str) -> None:
    assert looks_binary(data) == kind
    with pytest.raises(ImportFailed) as raised:
        decode_bytes(data, "gambar.txt")
    message = str(raised.value)
    assert message.startswith(f"gambar.txt: looks like a binary file ({kind}), not text")
    assert "\n" not in message


def test_text_is_not_binary() -> None:
    assert looks_binary(INDONESIAN.encode()) is None
    assert looks_binary(b"GIF is a picture format") is None


def test_undecodable_bytes() -> None:
    with pytest.raises(
        ImportFailed, match=r"^x\.txt: cannot tell its text encoding; save it as UTF-8"
    ):
        decode_bytes(bytes(range(128, 256)) * 4, "x.txt")


# --- property -----------------------------------------------------------------------------

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# ESC and CSI start escape sequences, which swallow the characters after them.
_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x1b\x9b\ufeff"), min_size=1)


def _expected(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    text = _CONTROLS.sub("", text.replace("\u00ad", ""))
    return unicodedata.normalize("NFC", text)


@given(_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"]))
def test_any_text_round_trips_to_its_tidy_form(text: str, encoding: str) -> None:
    expected = _expected(text)
    assume(expected.strip())
    if encoding.startswith("utf-8"):
        assume("\x00" not in text)  # NUL bytes in UTF-8 mean a binary file
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    assume(looks_binary(data) is None)  # text that happens to start with a magic number
    assert decode_bytes(data, "prop.txt") == expected
