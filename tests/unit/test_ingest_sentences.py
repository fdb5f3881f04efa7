"""The Indonesian sentence splitter: abbreviations, numbers, quotes and offsets."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.sentences import (
    NAME_PREFIXES,
    NEVER_FINAL,
    NUMBER_PREFIXES,
    SENTENCE_FINAL,
    sentence_spans,
    split_sentences,
)

# --- abbreviations -----------------------------------------------------------------------


@pytest.mark.parametrize("abbreviation", ["dll.", "dsb.", "dst.", "dkk."])
def test_list_abbreviation_ends_a_sentence_before_a_capital(abbreviation: str) -> None:
    text = f"Mereka membawa buku, pensil, {abbreviation} Semua barang itu tiba."
    assert split_sentences(text) == [
        f"Mereka membawa buku, pensil, {abbreviation}",
        "Semua barang itu tiba.",
    ]


@pytest.mark.parametrize("abbreviation", ["dll.", "dkk."])
def test_list_abbreviation_before_lowercase_continues_the_sentence(abbreviation: str) -> None:
    text = f"Menurut Rahman {abbreviation} dalam kajiannya, hubungan itu membaik."
    assert split_sentences(text) == [text]


def test_number_abbreviation_followed_by_a_number_does_not_split() -> None:
    text = "Aturan itu tercantum dalam Undang-Undang No. 3 tahun 2002. Isinya jelas."
    assert split_sentences(text) == [
        "Aturan itu tercantum dalam Undang-Undang No. 3 tahun 2002.",
        "Isinya jelas.",
    ]


@pytest.mark.parametrize("title", ["Prof.", "Dr.", "Ir.", "Drs."])
def test_academic_title_before_a_name_does_not_split(title: str) -> None:
    text = f"Pendapat itu disampaikan oleh {title} Rahman di Jakarta. Ia setuju."
    assert split_sentences(text) == [
        f"Pendapat itu disampaikan oleh {title} Rahman di Jakarta.",
        "Ia setuju.",
    ]


def test_title_at_the_start_of_a_sentence_does_not_split() -> None:
    text = "Prof. Rahman datang. Dr. Siti juga hadir."
    assert split_sentences(text) == ["Prof. Rahman datang.", "Dr. Siti juga hadir."]


@pytest.mark.parametrize(
    "citation",
    ["(Naito & Park, 2009, hlm. 45)", "(Oda, 1967, p. 12)", "(Joo, 2009, hal. 7)"],
)
def test_page_abbreviation_followed_by_a_page_number_does_not_split(citation: str) -> None:
    text = f"Sengketa pulau itu memperburuk hubungan {citation}. Kedua negara berunding."
    assert split_sentences(text) == [
        f"Sengketa pulau itu memperburuk hubungan {citation}.",
        "Kedua negara berunding.",
    ]


def test_page_abbreviation_before_a_number_mid_sentence_does_not_split() -> None:
    text = "Lihat hlm. 45 untuk rinciannya dan p. 12 untuk tabelnya. Itu cukup."
    assert split_sentences(text) == [
        "Lihat hlm. 45 untuk rinciannya dan p. 12 untuk tabelnya.",
        "Itu cukup.",
    ]


def test_truncated_citation_ends_the_sentence() -> None:
    # Extraction cut the page number off: "(Oda, 1967, p." is all that is left, and the
    # capitalised word after it opens the next sentence.
    text = "Hubungan itu memburuk (Oda, 1967, p. Selain itu, perdagangan menurun."
    assert split_sentences(text) == [
        "Hubungan itu memburuk (Oda, 1967, p.",
        "Selain itu, perdagangan menurun.",
    ]


@pytest.mark.parametrize("initial", ["A. Rahman", "R. Fitriyanti", "S. H. Joo"])
def test_initial_before_a_name_does_not_split(initial: str) -> None:
    text = f"Menurut {initial} hubungan itu membaik. Pendapat lain berbeda."
    assert split_sentences(text) == [
        f"Menurut {initial} hubungan itu membaik.",
        "Pendapat lain berbeda.",
    ]


def test_dotted_acronym_before_a_name_does_not_split() -> None:
    text = "Latihan bersama U.S. Navy berjalan lancar. Hasilnya dievaluasi."
    assert split_sentences(text) == [
        "Latihan bersama U.S. Navy berjalan lancar.",
        "Hasilnya dievaluasi.",
    ]


def test_word_hal_ending_a_sentence_still_splits() -> None:
    # "hal" (thing) is also the abbreviation of "halaman"; before a capital it ends a sentence.
    text = "Mereka membahas berbagai hal. Kemudian rapat ditutup."
    assert split_sentences(text) == ["Mereka membahas berbagai hal.", "Kemudian rapat ditutup."]


def test_ordinary_word_ibu_at_sentence_end_splits() -> None:
    text = "Ia tinggal bersama ibu. Ayahnya sudah lama meninggal."
    assert split_sentences(text) == ["Ia tinggal bersama ibu.", "Ayahnya sudah lama meninggal."]


def test_latin_abbreviation_never_ends_a_sentence() -> None:
    text = "Kedua kekuatan itu, cf. Tabel 1, hampir seimbang. Itu penting."
    assert split_sentences(text) == [
        "Kedua kekuatan itu, cf. Tabel 1, hampir seimbang.",
        "Itu penting.",
    ]


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["1.500", "842.000", "2,78", "3.88", "1,34:1"])
def test_number_with_a_separator_is_not_a_sentence_end(number: str) -> None:
    text = f"Jumlahnya mencapai {number} persen dari populasi. Angka itu tinggi."
    assert split_sentences(text) == [
        f"Jumlahnya mencapai {number} persen dari populasi.",
        "Angka itu tinggi.",
    ]


def test_sentence_may_start_with_a_number() -> None:
    text = "Perang berakhir. 1953 menjadi tahun gencatan senjata."
    assert split_sentences(text) == ["Perang berakhir.", "1953 menjadi tahun gencatan senjata."]


# --- quotes and other punctuation --------------------------------------------------------


@pytest.mark.parametrize(("open_quote", "close_quote"), [("“", "”"), ('"', '"')])
def test_closing_quote_belongs_to_the_sentence_it_ends(open_quote: str, close_quote: str) -> None:
    text = f"Ia berkata, {open_quote}Kami siap berunding.{close_quote} Lalu ia pergi."
    assert split_sentences(text) == [
        f"Ia berkata, {open_quote}Kami siap berunding.{close_quote}",
        "Lalu ia pergi.",
    ]


@pytest.mark.parametrize(("open_quote", "close_quote"), [("“", "”"), ('"', '"')])
def test_sentence_opening_with_a_quote_starts_a_new_sentence(
    open_quote: str, close_quote: str
) -> None:
    text = f"Situasinya tegang. {open_quote}Kami tidak mundur,{close_quote} kata menteri."
    assert split_sentences(text) == [
        "Situasinya tegang.",
        f"{open_quote}Kami tidak mundur,{close_quote} kata menteri.",
    ]


def test_question_exclamation_and_ellipsis_end_sentences() -> None:
    text = "Benarkah begitu? Ya, benar! Tunggu dulu… Baiklah."
    assert split_sentences(text) == ["Benarkah begitu?", "Ya, benar!", "Tunggu dulu…", "Baiklah."]


def test_parenthesised_sentence_is_its_own_sentence() -> None:
    text = "Kalimat pertama. (Kalimat kedua ada di sini.) Kalimat ketiga."
    assert split_sentences(text) == [
        "Kalimat pertama.",
        "(Kalimat kedua ada di sini.)",
        "Kalimat ketiga.",
    ]


# --- what does not end a sentence, edges ------------------------------------------------


def test_lowercase_word_after_a_period_does_not_split() -> None:
    text = "Ini kalimat yang terpotong. dan ini lanjutannya yang salah ketik."
    assert split_sentences(text) == [text]


def test_period_without_following_space_does_not_split() -> None:
    assert split_sentences("Situs globalfirepower.com memuatnya.") == [
        "Situs globalfirepower.com memuatnya."
    ]


def test_text_without_a_final_period_keeps_its_last_sentence() -> None:
    text = "Kalimat pertama selesai. Kalimat kedua tanpa titik"
    assert split_sentences(text) == ["Kalimat pertama selesai.", "Kalimat kedua tanpa titik"]


def test_text_without_any_period_is_one_sentence() -> None:
    assert split_sentences("Tanpa titik akhir") == ["Tanpa titik akhir"]


@pytest.mark.parametrize("text", ["", " ", "   \n\t  "])
def test_empty_or_whitespace_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []
    assert sentence_spans(text) == []


def test_surrounding_and_inner_whitespace_is_dropped() -> None:
    text = "  Satu.   Dua!\n\nTiga  "
    assert split_sentences(text) == ["Satu.", "Dua!", "Tiga"]


# --- spans --------------------------------------------------------------------------------


def test_spans_map_back_to_the_text() -> None:
    text = (
        "  Menurut Prof. Rahman dkk. dalam kajiannya, angkanya 1.500 orang. "
        "Ia berkata, “Kami siap.”\nBenarkah? (Oda, 1967, p. Selain itu, tanpa titik "
    )
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == split_sentences(text)
    assert split_sentences(text) == [
        "Menurut Prof. Rahman dkk. dalam kajiannya, angkanya 1.500 orang.",
        "Ia berkata, “Kami siap.”",
        "Benarkah?",
        "(Oda, 1967, p.",
        "Selain itu, tanpa titik",
    ]
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start
        assert text[end:start].strip() == ""  # only whitespace between sentences
    assert text[: spans[0][0]].strip() == ""
    assert text[spans[-1][1] :].strip() == ""


# --- property: generated sentences come back exactly --------------------------------------

ABBREVIATIONS = NAME_PREFIXES | NUMBER_PREFIXES | SENTENCE_FINAL | NEVER_FINAL
SYLLABLE = st.builds(
    lambda onset, vowel, coda: onset + vowel + coda,
    st.sampled_from(["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "ng", "ny", ""]),
    st.sampled_from(["a", "i", "u", "e", "o"]),
    st.sampled_from(["", "", "n", "ng", "r", "k", "s", "t", "h"]),
)
WORD = (
    st.lists(SYLLABLE, min_size=1, max_size=4)
    .map("".join)
    .filter(lambda word: len(word) >= 2 and word not in ABBREVIATIONS)
)


@st.composite
def indonesian_sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=12))
    # Some words inside the sentence are names (capitalised), some carry a comma.
    shaped = [words[0].capitalize()]
    for word in words[1:]:
        if draw(st.booleans()) and draw(st.booleans()):
            word = word.capitalize()
        if draw(st.integers(0, 9)) == 0:
            word += ","
        shaped.append(word)
    return " ".join(shaped) + "."


@settings(max_examples=200, deadline=None)
@given(st.lists(indonesian_sentence(), min_size=1, max_size=8))
def test_generated_sentences_are_split_exactly(sentences: list[str]) -> None:
    text = " ".join(sentences)
    assert split_sentences(text) == sentences
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


def test_one_long_line_is_split_in_linear_time() -> None:
    """Each period used to search back from the start of the text for the word before it."""
    sentence = "Prof. Rahman dan A. Wijaya membahas hlm. 5 tentang kerja sama (Oda, 1967, p. 3). "
    text = sentence * 20_000  # 1.7 MB, one line, 100 000 candidate periods
    started = time.monotonic()
    spans = sentence_spans(text)
    assert time.monotonic() - started < 10  # quadratic, this took hours
    assert len(spans) == 20_000
    assert text[spans[1][0] : spans[1][1]] == sentence.strip()
