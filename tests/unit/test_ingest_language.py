"""Language per block: English abstracts are found; upper-case Indonesian stays Indonesian."""

from __future__ import annotations

import pytest

from reader.ingest.language import is_english


@pytest.mark.parametrize(
    "text",
    [
        "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2008 TENTANG PENGESAHAN AGREEMENT"
        " BETWEEN THE GOVERNMENT OF THE REPUBLIC OF INDONESIA AND THE GOVERNMENT OF JAPAN",
        "KERJA SAMA KOREA SELATAN DAN AS DALAM BIDANG PENDIDIKAN: AN OVERVIEW OF THE PROGRAM",
        "PRESIDEN REPUBLIK INDONESIA",
        "BAB I KETENTUAN UMUM",
    ],
)
def test_upper_case_indonesian_with_english_words_stays_indonesian(text: str) -> None:
    assert not is_english(text)


def test_an_english_abstract_is_english() -> None:
    text = "This study examines the role of the state in the development of education."
    assert is_english(text)


def test_an_upper_case_english_heading_with_many_function_words_is_english() -> None:
    assert is_english("THE ROLE OF THE STATE IN THE HISTORY OF THE REGION AND ITS PEOPLE")
