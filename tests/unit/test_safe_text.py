"""Untrusted text loses every terminal escape and control character, and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.safe_text import display_text, normalize, strip_escapes

ESC = "\x1b"
BEL = "\x07"
ST = "\x1b\\"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mmerah\x1b[0m", "merah"),
        ("\x1b[1;38;5;196mtebal\x1b[m biasa", "tebal biasa"),
        ("\x1b[38;2;255;0;0mrgb\x1b[39m", "rgb"),
        ("a\x1b[2Jb\x1b[Hc", "abc"),
        ("atas\x1b[10;20Hbawah\x1b[3A\x1b[2K", "atasbawah"),
        ("\x1b[?25lhidden cursor\x1b[?25h", "hidden cursor"),
        ("\x9b31m8-bit CSI\x9b0m", "8-bit CSI"),
    ],
)
def test_strip_escapes_removes_csi_sequences(raw: str, clean: str) -> None:
    assert strip_escapes(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b]0;judul jendela\x07teks", "teks"),
        ("\x1b]2;judul jendela\x1b\\teks", "teks"),
        ("\x1b]8;;https://evil.example/\x07klik\x1b]8;;\x07 di sini", "klik di sini"),
        ("\x1b]8;;https://evil.example/\x1b\\klik\x1b]8;;\x1b\\ di sini", "klik di sini"),
        ("\x1b]52;c;ZXZpbA==\x07clipboard", "clipboard"),
        ("sebelum\x1b]0;tidak pernah ditutup", "sebelum"),
    ],
)
def test_strip_escapes_removes_osc_sequences(raw: str, clean: str) -> None:
    assert strip_escapes(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1bPq#0;2;0;0;0\x1b\\gambar", "gambar"),
        ("\x1b_aplikasi\x1b\\teks", "teks"),
        ("\x1bMnaik", "naik"),
        ("\x1bDturun", "turun"),
    ],
)
def test_strip_escapes_removes_other_escape_sequences(raw: str, clean: str) -> None:
    assert strip_escapes(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1bcreset", "reset"),
        ("\x1b7simpan\x1b8", "simpan"),
        ("\x1b=\x1b>", ""),
        ("\x1b(0garis", "garis"),
    ],
)
def test_strip_escapes_removes_short_escape_sequences_whole(raw: str, clean: str) -> None:
    assert strip_escapes(raw) == clean


def test_strip_escapes_removes_c0_controls_but_keeps_newlines() -> None:
    raw = "a\x00b\x01c\x07d\x08e\x0bf\x0cg\x0dh\x1ei\x7fj\nk"
    assert strip_escapes(raw) == "abcdefghij\nk"


def test_strip_escapes_turns_tabs_into_spaces() -> None:
    assert strip_escapes("a\tb") == "a b"


def test_strip_escapes_removes_c1_controls() -> None:
    raw = "".join(f"{chr(code)}{code:x}" for code in range(0x80, 0xA0) if code != 0x9B)
    assert strip_escapes(raw) == "".join(f"{code:x}" for code in range(0x80, 0xA0) if code != 0x9B)


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"])
def test_strip_escapes_removes_bidi_embeddings_and_overrides(char: str) -> None:
    assert strip_escapes(f"file{char}gpj.exe") == "filegpj.exe"


@pytest.mark.parametrize("char", ["\u2066", "\u2067", "\u2068", "\u2069"])
def test_strip_escapes_removes_bidi_isolates(char: str) -> None:
    assert strip_escapes(f"a{char}b") == "ab"


@pytest.mark.parametrize(
    "text",
    [
        "[bold]bukan markup[/bold] [link=https://x]tautan[/link]",
        "Lihat [1] dan [catatan kaki].",
        "Jepang–Korea — “kutipan” ‘tunggal’ «guillemets»",
        "Café naïve ß æ ø 한국어 日本語 العربية",
        "50% & <tag> {kurung} (kurung) ~ ` \\ | ^",
        "\u00a0spasi tak putus\u00a0",
    ],
)
def test_strip_escapes_keeps_ordinary_text(text: str) -> None:
    assert strip_escapes(text) == text


def test_display_text_puts_a_paragraph_on_one_line() -> None:
    assert display_text("  satu\n dua\t\ttiga\r\n empat  ") == "satu dua tiga empat"


def test_display_text_removes_escapes_and_keeps_brackets() -> None:
    assert display_text("\x1b[31m[merah]\x1b[0m\n\x1b]0;t\x07[1]") == "[merah] [1]"


def test_normalize_composes_to_nfc() -> None:
    assert normalize("Cafe\u0301") == "Café"
    assert normalize("  a \x1b[1m b  ") == "a b"


def _is_unsafe(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


_ESCAPE_PIECES = st.sampled_from(
    [
        ESC,
        "[",
        "]",
        BEL,
        ST,
        "\x9b",
        "\x9c",
        "0;",
        "31m",
        "8;;",
        "P",
        "\n",
        "\t",
        "\r",
        "\u202e",
        "\u2028",
        "\x85",
        " ",
        "kata",
    ]
)
_ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0xFF)),
    st.lists(st.one_of(_ESCAPE_PIECES, st.text(max_size=3)), max_size=30).map("".join),
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_ANY_TEXT)
def test_display_text_output_has_no_control_characters_and_is_idempotent(text: str) -> None:
    shown = display_text(text)
    assert ESC not in shown
    assert not any(_is_unsafe(char) for char in shown)
    assert display_text(shown) == shown


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_ANY_TEXT)
def test_normalize_is_idempotent_and_safe(text: str) -> None:
    stored = normalize(text)
    assert not any(_is_unsafe(char) for char in stored)
    assert normalize(stored) == stored
