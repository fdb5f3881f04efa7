"""Cleaning PDF-extraction damage: page numbers, running headers, notices, hyphens."""

from __future__ import annotations

import pytest

from reader.ingest.clean import (
    CleanReport,
    is_page_number,
    join_hyphenated,
    remove_inline_headers,
    remove_notices,
    remove_page_furniture,
    word_lexicon,
)

# Distinct prose lines, as a PDF page body would have them (no two alike, even with
# their numbers blanked).
PROSE = [
    "Isu keamanan di semenanjung Korea sampai dengan saat ini masih",
    "dalam keadaan yang tidak kondusif bagi kedua negara yang saling",
    "berseteru sejak perang berakhir. Situasi keamanan di kawasan itu",
    "kembali memanas akibat aksi provokatif dari Korea Utara yang",
    "menguji rudal balistik jarak menengah di perairan sekitar Jepang.",
    "Bab ini menjelaskan ancaman keamanan dari Korea Utara dan",
    "kebijakan politik luar negeri Korea Selatan terhadap tetangganya.",
    "Korea Utara, dengan uji coba nuklir dan retorika perangnya,",
    "adalah salah satu contohnya yang paling jelas dalam dekade ini.",
    "Memang ada yang meragukan kemampuan nuklir Korea Utara itu,",
    "begitu juga keseriusannya untuk melakukan serangan militer.",
    "Ketegangan pertama terjadi ketika militer Korea Utara menyeberangi",
    "perbatasan dan melakukan invasi atas Korea Selatan pada musim panas.",
    "Perang itu berlangsung selama tiga tahun dan merusak infrastruktur",
    "serta perekonomian kedua negara yang baru saja terbentuk itu.",
    "Presiden Korea Selatan menolak menandatangani persetujuan itu,",
    "namun ia berjanji menghormati kesepakatan gencatan senjata.",
    "Suasana permusuhan memang sangat kuat terlihat di antara kedua",
    "Korea dan memengaruhi persepsi masing-masing negara yang melihat",
    "tetangganya sebagai musuh dan ancaman yang harus diwaspadai.",
    "Bagi Korea Utara, Korea Selatan merupakan ancaman dengan kehadiran",
    "kekuatan militer Amerika Serikat untuk melindungi sekutunya itu.",
    "Bagi Korea Selatan, pengalaman invasi pada waktu perang menunjukkan",
    "bahwa agresivitas tetangganya merupakan ancaman yang nyata.",
]


def _pages(
    count: int,
    *,
    lines_per_page: int = 4,
    header: str | None = None,
    even_header: str | None = None,
    footer: str | None = None,
    page_number: bool = True,
) -> list[str]:
    """`count` pages of distinct prose, with optional running furniture (`{n}`: page number)."""
    pages = []
    for n in range(1, count + 1):
        start = (n - 1) * lines_per_page
        lines = PROSE[start : start + lines_per_page]
        if header:
            lines = [header.format(n=n), *lines]
        if even_header and n % 2 == 0:
            lines = [even_header.format(n=n), *lines]
        if footer:
            lines = [*lines, footer.format(n=n)]
        if page_number:
            lines = [*lines, str(n)]
        pages.append("\n".join(lines))
    return pages


def _body(count: int, lines_per_page: int = 4) -> list[str]:
    return PROSE[: count * lines_per_page]


# --- page numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "10",
        "  7  ",
        "-3-",
        "- 3 -",
        "— 12 —",
        "Halaman 3",
        "halaman 3 dari 10",
        "hal. 4",
        "hlm 5",
        "iv",
        "XII",
        "Page 2 of 9",
        "p. 7",
    ],
)
def test_page_number_lines_are_recognised(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "Ini kalimat biasa.",
        "Tahun 2020 adalah tahun pandemi",
        "Bab 3",
        "BAB IV",
        "Tabel 1.1",
        "750.000 vs 542.000",
        "(Joo, 2009)",
        "dll",
        "Korea Selatan",
    ],
)
def test_prose_lines_are_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def test_english_word_spelt_with_roman_numeral_letters_is_not_a_page_number() -> None:
    assert not is_page_number("civil")


# --- running headers and footers ----------------------------------------------------------


def test_page_numbers_are_removed_and_counted() -> None:
    report = CleanReport()
    assert remove_page_furniture(_pages(3), report) == _body(3)
    assert report.page_numbers == 3


def test_running_header_with_varying_page_number_is_removed() -> None:
    pages = _pages(5, header="{n} | Jurnal Hubungan Internasional Vol 2", page_number=False)
    report = CleanReport()
    assert remove_page_furniture(pages, report) == _body(5)
    assert report.removed("running-header") == [
        f"{n} | Jurnal Hubungan Internasional Vol 2" for n in range(1, 6)
    ]


def test_header_and_footer_with_page_numbers_are_removed() -> None:
    pages = _pages(
        4,
        header="Jurnal Hubungan Internasional Vol 2 No 1 | {n}",
        footer="Universitas Contoh Jakarta, halaman {n}",
    )
    report = CleanReport()
    assert remove_page_furniture(pages, report) == _body(4)
    assert len(report.removed("running-header")) == 8
    assert report.page_numbers == 4


def test_header_printed_only_on_even_pages_is_removed() -> None:
    pages = _pages(6, even_header="Febri Dirgantara Hasibuan dan Afried Lazuardi")
    report = CleanReport()
    assert remove_page_furniture(pages, report) == _body(6)
    assert report.removed("running-header") == ["Febri Dirgantara Hasibuan dan Afried Lazuardi"] * 3


def test_running_header_on_two_pages_is_removed() -> None:
    pages = _pages(2, header="Jurnal Uji | {n}")
    assert remove_page_furniture(pages, CleanReport()) == _body(2)


def test_one_page_text_drops_a_recurring_header_line_with_a_number() -> None:
    # Text without form feeds is one "page"; a short line recurring with page numbers in it
    # is still a running header.
    lines = []
    for n, start in enumerate(range(0, 12, 4), start=80):
        lines += [f"{n} | Jurnal Hubungan Internasional", *PROSE[start : start + 4]]
    report = CleanReport()
    assert remove_page_furniture(["\n".join(lines)], report) == PROSE[:12]
    assert len(report.removed("running-header")) == 3


def test_recurring_sentence_inside_pages_is_kept() -> None:
    sentence = "Kedua negara sepakat."
    pages = []
    for n in range(1, 5):
        body = PROSE[(n - 1) * 6 : n * 6]
        pages.append("\n".join([*body[:3], sentence, *body[3:], str(n)]))
    kept = remove_page_furniture(pages, CleanReport())
    assert kept.count(sentence) == 4


def test_recurring_long_sentence_at_page_edges_is_kept() -> None:
    # The author repeats a whole sentence (a refrain, a repeated thesis statement); it
    # happens to open two of four pages. A running header is never this long.
    sentence = (
        "Oleh karena itu, kerja sama keamanan kedua negara harus terus diperkuat demi "
        "stabilitas kawasan Asia Timur."
    )
    pages = _pages(4)
    pages[1] = sentence + "\n" + pages[1]
    pages[3] = sentence + "\n" + pages[3]
    kept = remove_page_furniture(pages, CleanReport())
    assert kept.count(sentence) == 2
    assert len(kept) == 16 + 2


def test_catchword_at_page_foot_is_removed() -> None:
    # Old-style typesetting repeats the next page's first word alone at the foot.
    page_one = "\n".join([*PROSE[:3], "kembali", "1"])
    page_two = "\n".join(["kembali memanas akibat aksi provokatif dari Korea Utara.", "2"])
    report = CleanReport()
    kept = remove_page_furniture([page_one, page_two], report)
    assert kept == [*PROSE[:3], "kembali memanas akibat aksi provokatif dari Korea Utara."]
    assert report.catchwords == 1


def test_lone_word_that_does_not_start_the_next_page_is_kept() -> None:
    page_one = "\n".join([*PROSE[:3], "kembali", "1"])
    page_two = "\n".join(["memanas akibat aksi provokatif dari Korea Utara.", "2"])
    report = CleanReport()
    kept = remove_page_furniture([page_one, page_two], report)
    assert "kembali" in kept
    assert report.catchwords == 0


# --- inline running headers ---------------------------------------------------------------

INLINE_PIECES = [
    "Hubungan kedua negara mengalami dinamika yang signifikan sejak perang berakhir dan",
    "terus berubah menurut kajian para ahli. Kerja sama keamanan di kawasan Asia Timur menjadi",
    "perhatian utama kedua pemerintah. Menurut kajian para ahli, kedua negara sering",
    "berselisih tentang sejarah. Menurut kajian para ahli, kesepakatan itu tetap",
    "rapuh hingga kini. Pada akhirnya menurut kajian para ahli pemulihan hubungan lambat.",
]


def _with_inline_headers(header: str, numbers: list[int]) -> str:
    text = INLINE_PIECES[0]
    for number, piece in zip(numbers, INLINE_PIECES[1:], strict=True):
        text += f" {header.format(n=number)} {piece}"
    return text


def test_inline_running_headers_are_removed_from_one_line_text() -> None:
    text = _with_inline_headers("{n} | Jurnal Hubungan Internasional Vol 2", [12, 13, 14, 15])
    report = CleanReport()
    assert remove_inline_headers(text, report) == " ".join(INLINE_PIECES)
    assert report.removed("running-header") == [
        f"{n} | Jurnal Hubungan Internasional Vol 2" for n in (12, 13, 14, 15)
    ]


def test_inline_header_with_number_at_its_end_is_removed() -> None:
    text = _with_inline_headers("Jurnal Hubungan Internasional Vol 2 | {n}", [3, 4, 5, 6])
    assert remove_inline_headers(text, CleanReport()) == " ".join(INLINE_PIECES)


def test_phrase_the_author_repeats_survives_inline_header_removal() -> None:
    # "menurut kajian para ahli" occurs four times, but carries no page number.
    text = _with_inline_headers("{n} | Jurnal Hubungan Internasional Vol 2", [12, 13, 14, 15])
    cleaned = remove_inline_headers(text, CleanReport())
    assert cleaned.lower().count("menurut kajian para ahli") == 4


def test_text_without_recurring_headers_is_unchanged() -> None:
    text = " ".join(INLINE_PIECES)
    report = CleanReport()
    assert remove_inline_headers(text, report) == text
    assert report.removed("running-header") == []


def test_header_recurring_with_the_same_number_is_not_removed() -> None:
    # Without a varying number the run is indistinguishable from a repeated phrase.
    text = _with_inline_headers("{n} | Jurnal Hubungan Internasional Vol 2", [7, 7, 7, 7])
    assert remove_inline_headers(text, CleanReport()) == text


def test_phrase_repeated_after_varying_years_is_not_a_running_header() -> None:
    text = (
        "Korea dijajah hingga 1945, di mana Jepang kalah perang. "
        "Jepang menang atas China pada 1895, di mana Jepang mulai berpengaruh. "
        "Jepang menang atas Rusia pada 1905, di mana Jepang menjadikan Korea protektorat."
    )
    assert remove_inline_headers(text, CleanReport()) == text


# --- notices ------------------------------------------------------------------------------


def test_copyright_and_email_notice_is_removed() -> None:
    notice = (
        "Copyright © 2024 Rahmi Fitriyanti, Aurora Saubil Navira. Corresponding author: "
        "Rahmi Fitriyanti Email: x@y.id"
    )
    text = f"Kata Kunci: Jepang. Korea Selatan. {notice} PENDAHULUAN Artikel ini membahas."
    report = CleanReport()
    cleaned = remove_notices(text, report)
    assert report.notices == [notice]
    assert "©" not in cleaned and "x@y.id" not in cleaned and "Copyright" not in cleaned
    assert " ".join(cleaned.split()) == (
        "Kata Kunci: Jepang. Korea Selatan. PENDAHULUAN Artikel ini membahas."
    )


def test_email_notice_on_its_own_line_is_removed() -> None:
    text = "Copyright © 2024 Penulis Uji. Email: penulis@kampus.ac.id\nIsi artikel dimulai."
    report = CleanReport()
    assert remove_notices(text, report).strip() == "Isi artikel dimulai."
    assert len(report.notices) == 1


def test_text_without_an_email_keeps_its_copyright_mention() -> None:
    text = "Undang-undang hak cipta (copyright) © melindungi karya tulis ini."
    report = CleanReport()
    assert remove_notices(text, report) == text
    assert report.notices == []


# --- hyphens at line ends -----------------------------------------------------------------

LEXICON = word_lexicon(
    "Perjanjian itu mengatur hubungan negara-negara di kawasan. "
    "Kerja sama Korea-Amerika berjalan baik."
)


def test_lexicon_holds_words_and_hyphenated_compounds_lowercased() -> None:
    assert {"perjanjian", "negara-negara", "korea-amerika", "korea", "amerika"} <= LEXICON


def test_reduplication_keeps_its_hyphen() -> None:
    assert join_hyphenated("negara-", "negara", LEXICON) == "negara-negara"
    assert join_hyphenated("sewaktu-", "waktu", set()) == "sewaktu-waktu"


def test_word_written_whole_elsewhere_is_joined_though_it_looks_reduplicated() -> None:
    # `ku-ku` reads like `kupu-kupu`, but the document writes `kuku` (nail) elsewhere.
    assert join_hyphenated("ku-", "ku", word_lexicon("Kuku jarinya patah.")) == "kuku"
    assert join_hyphenated("ku-", "ku", set()) == "ku-ku"


def test_hyphen_before_a_capitalised_word_is_kept() -> None:
    assert join_hyphenated("Korea-", "Amerika", LEXICON) == "Korea-Amerika"
    assert join_hyphenated("Korea-", "Amerika", set()) == "Korea-Amerika"


def test_word_attested_in_the_document_is_joined() -> None:
    assert join_hyphenated("perjan-", "jian", LEXICON) == "perjanjian"


def test_joined_word_keeps_surrounding_punctuation() -> None:
    assert join_hyphenated("(perjan-", "jian),", LEXICON) == "(perjanjian),"


@pytest.mark.parametrize(("left", "right"), [("menjalan-", "kan"), ("kekuatan-", "nya")])
def test_bare_suffix_is_joined(left: str, right: str) -> None:
    assert join_hyphenated(left, right, set()) == left[:-1] + right


def test_unknown_lower_case_pair_is_a_typeset_break_and_joins() -> None:
    assert join_hyphenated("kompu-", "terisasi", LEXICON) == "komputerisasi"
    assert join_hyphenated("menda-", "patkan", set()) == "mendapatkan"


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("REPUB-", "LIK", "REPUBLIK"),
        ("Repub-", "lik", "Republik"),
        ("pendi\u2010", "dikan", "pendidikan"),
        ("PENYELENG\u2010", "GARAAN", "PENYELENGGARAAN"),
    ],
)
def test_upper_mixed_case_and_u2010_breaks_join(left: str, right: str, joined: str) -> None:
    assert join_hyphenated(left, right, set()) == joined


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("UNDANG-", "UNDANG"),
        ("Undang-", "Undang"),
        ("bolak-", "balik"),
        ("sayur-", "mayur"),
        ("sehari-", "hari"),
        ("tolong-", "menolong"),
        ("non-", "Blok"),
    ],
)
def test_reduplication_rhymes_and_names_keep_the_hyphen(left: str, right: str) -> None:
    assert join_hyphenated(left, right, set()) == left + right


def test_non_breaking_hyphen_is_kept_as_a_hyphen() -> None:
    assert join_hyphenated("data\u2011", "basis", set()) == "data-basis"


def test_compound_attested_with_its_hyphen_keeps_it() -> None:
    lexicon = word_lexicon("gerakan non-blok dan nonblok")
    assert join_hyphenated("non-", "blok", lexicon) == "non-blok"
