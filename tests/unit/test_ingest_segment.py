"""Recovering paragraphs, headings, captions and references from cleaned text."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.documents import Block
from reader.ingest.segment import (
    looks_like_flow,
    paragraphs_from_sentences,
    segment_flow,
    segment_lines,
)
from reader.ingest.sentences import split_sentences

WIDTH = 64

PARAGRAPHS = [
    "Isu keamanan di semenanjung Korea sampai dengan saat ini masih dalam keadaan yang "
    "tidak kondusif bagi kedua negara yang saling berseteru sejak perang berakhir. "
    "Situasi keamanan di kawasan itu kembali memanas akibat aksi provokatif dari Korea "
    "Utara yang menguji rudalnya.",
    "Bab ini nantinya akan menjelaskan terkait ancaman keamanan dari Korea Utara di "
    "semenanjung Korea dan penulis menjelaskan kebijakan politik luar negeri Korea "
    "Selatan terhadap tetangganya.",
    "Korea Utara, dengan uji coba nuklir dan retorika perangnya, adalah salah satu "
    "contohnya yang paling jelas dalam beberapa tahun ini. Memang ada yang meragukan "
    "kemampuan nuklir Korea Utara itu, begitu juga keseriusannya.",
    "Ketegangan pertama terjadi ketika militer Korea Utara menyeberangi perbatasan dan "
    "melakukan invasi atas Korea Selatan. Perang itu berlangsung selama tiga tahun dan "
    "merusak infrastruktur kedua negara.",
]


def _wrap(paragraph: str, width: int = WIDTH) -> list[str]:
    """Greedy word wrap, as a PDF's justified lines come out of extraction."""
    lines = textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
    assert len(lines[-1]) < 0.7 * width, "test data: the last line must be visibly short"
    return lines


def _wrapped(paragraphs: list[str]) -> list[str]:
    return [line for paragraph in paragraphs for line in _wrap(paragraph)]


def _double_spaced(lines: list[str]) -> list[str]:
    return [out for line in lines for out in (line, "")]


def _texts(blocks: list[Block], kind: str | None = None) -> list[str]:
    return [block.text for block in blocks if kind is None or block.kind == kind]


def _kinds(blocks: list[Block]) -> list[tuple[str, int]]:
    return [(block.kind, block.level) for block in blocks]


# --- paragraphs from layout ---------------------------------------------------------------


def test_short_last_line_ending_a_sentence_ends_the_paragraph() -> None:
    blocks = segment_lines(_wrapped(PARAGRAPHS))
    assert _texts(blocks) == PARAGRAPHS
    assert {block.kind for block in blocks} == {"paragraph"}


def test_double_spaced_extraction_still_yields_paragraphs_from_layout() -> None:
    # A blank line after every line carries no information; the short last lines do.
    assert _texts(segment_lines(_double_spaced(_wrapped(PARAGRAPHS)))) == PARAGRAPHS


def test_double_spaced_extraction_with_extra_blank_lines_at_page_breaks() -> None:
    lines = _double_spaced(_wrapped(PARAGRAPHS))
    lines[9:9] = ["", "", " ", ""]  # the gap a removed page number leaves
    assert _texts(segment_lines(lines)) == PARAGRAPHS


FULL_LINES = [
    [
        "Hubungan kedua negara mengalami dinamika yang sangat signifikan.",
        "Kerja sama keamanan menjadi perhatian utama pemerintah keduanya.",
        "Perdana menteri dan presiden bertemu di Tokyo untuk berunding.",
    ],
    [
        "Mereka sepakat memperluas latihan militer bersama di laut timur.",
        "Kesepakatan itu disambut baik oleh Amerika Serikat sebagai sekutu.",
        "Namun sebagian masyarakat masih menolak karena luka masa lalunya.",
    ],
    [
        "Pemerintah Korea Selatan berjanji menghormati kesepakatan lamanya.",
        "Jepang pun menyatakan kesediaan membahas kompensasi bagi korban.",
        "Pembicaraan lanjutan dijadwalkan berlangsung pada musim gugur ini.",
    ],
    [
        "Para pengamat menilai langkah itu sebagai titik balik yang penting.",
        "Mereka mengingatkan bahwa isu sejarah belum sepenuhnya diselesaikan.",
        "Kedua negara perlu menjaga kepercayaan agar kerja sama tetap berjalan.",
    ],
]


def test_blank_line_separated_paragraphs_are_respected() -> None:
    # Every line is full and ends a sentence: only the blank lines tell the paragraphs.
    lines: list[str] = []
    for paragraph in FULL_LINES:
        lines += [*paragraph, ""]
    assert _texts(segment_lines(lines)) == [" ".join(paragraph) for paragraph in FULL_LINES]


def test_full_width_line_ending_a_sentence_does_not_break_the_paragraph() -> None:
    lines = [line for paragraph in FULL_LINES for line in paragraph]
    assert _texts(segment_lines(lines)) == [" ".join(lines)]


def test_full_line_ending_a_sentence_with_two_trailing_spaces_ends_the_paragraph() -> None:
    # Some extractors keep the spaces that closed a text block: the paragraph ended there.
    first, second = FULL_LINES[0], FULL_LINES[1]
    lines = [*first[:-1], first[-1] + "  ", *second]
    assert _texts(segment_lines(lines)) == [" ".join(first), " ".join(second)]


def test_full_line_ending_a_sentence_with_one_trailing_space_goes_on() -> None:
    lines = [line + " " for paragraph in FULL_LINES for line in paragraph]
    assert _texts(segment_lines(lines)) == [" ".join(line.strip() for line in lines)]


def test_full_width_line_ending_mid_sentence_does_not_break() -> None:
    lines = [
        "Presiden Korea Selatan menolak menandatangani persetujuan itu dan",
        "Korea Utara menganggapnya sebagai pengkhianatan terhadap bangsa.",
        "Sejak itu hubungan kedua negara tidak pernah benar-benar pulih.",
    ]
    assert _texts(segment_lines(lines)) == [" ".join(lines)]


def test_short_line_that_ends_a_sentence_at_the_paragraph_tail_stays_in_it() -> None:
    # The paragraph's last sentence starts on a new line and fits on it: a short line after
    # a full line ending a sentence is the tail of the paragraph, not a new paragraph.
    lines = [
        "Kerja sama keamanan menjadi perhatian utama pemerintah keduanya.",
        "Perdana menteri dan presiden bertemu di Tokyo untuk berunding.",
        "Hasilnya belum jelas.",
        *_wrap(PARAGRAPHS[1]),
    ]
    assert _texts(segment_lines(lines)) == [" ".join(lines[:3]), PARAGRAPHS[1]]


def test_indented_short_first_line_starts_a_paragraph() -> None:
    lines = [
        "Kerja sama keamanan menjadi perhatian utama pemerintah keduanya.",
        "Perdana menteri dan presiden bertemu di Tokyo untuk berunding.",
        "     Mereka sepakat memperluas latihan militer bersama di",
        "laut timur dan kesepakatan itu disambut baik oleh Amerika Serikat",
        "sebagai sekutu mereka yang paling dekat di kawasan Pasifik itu.",
    ]
    assert _texts(segment_lines(lines)) == [
        " ".join(lines[:2]),
        " ".join(line.strip() for line in lines[2:]),
    ]


# --- headings -----------------------------------------------------------------------------


def test_chapter_heading_and_following_caps_lines_become_one_level_one_heading() -> None:
    lines = [
        "BAB IV",
        "",
        "LATAR BELAKANG KERJASAMA STRATEGIC",
        "",
        "ALLIANCE ANTARA KOREA SELATAN DAN",
        "",
        "AMERIKA SERIKAT",
        "",
        *_double_spaced(_wrap(PARAGRAPHS[0])),
    ]
    blocks = segment_lines(lines)
    assert blocks[0] == Block(
        kind="heading",
        text="BAB IV LATAR BELAKANG KERJASAMA STRATEGIC ALLIANCE ANTARA KOREA SELATAN DAN "
        "AMERIKA SERIKAT",
        lang="id",
        level=1,
    )
    assert _texts(blocks[1:]) == [PARAGRAPHS[0]]


def test_enumerated_heading_continuing_onto_a_short_line_is_level_two() -> None:
    lines = [
        *_wrap(PARAGRAPHS[1]),
        "A. Peningkatan kapabilitas kekuatan militer Korea",
        "Selatan",
        *_wrap(PARAGRAPHS[2]),
    ]
    blocks = segment_lines(lines)
    assert _kinds(blocks) == [("paragraph", 0), ("heading", 2), ("paragraph", 0)]
    assert blocks[1].text == "A. Peningkatan kapabilitas kekuatan militer Korea Selatan"
    assert blocks[2].text == PARAGRAPHS[2]


def test_numbered_subsection_heading_is_level_three() -> None:
    lines = ["1.2. Kerangka Konseptual", *_wrap(PARAGRAPHS[1])]
    blocks = segment_lines(lines)
    assert _kinds(blocks) == [("heading", 3), ("paragraph", 0)]
    assert blocks[0].text == "1.2. Kerangka Konseptual"


def test_all_caps_section_name_is_a_heading() -> None:
    lines = [*_wrap(PARAGRAPHS[0]), "PENDAHULUAN", *_wrap(PARAGRAPHS[1])]
    blocks = segment_lines(lines)
    assert _kinds(blocks) == [("paragraph", 0), ("heading", 1), ("paragraph", 0)]
    assert blocks[1].text == "PENDAHULUAN"


def test_enumerated_sentence_is_not_a_heading() -> None:
    lines = [
        "A. Kedua negara sepakat memperluas latihan militer bersama.",
        *_wrap(PARAGRAPHS[1]),
    ]
    assert "heading" not in {block.kind for block in segment_lines(lines)}


# --- captions -----------------------------------------------------------------------------


def test_table_caption_with_continuation_line_is_one_caption() -> None:
    lines = [
        *_wrap(PARAGRAPHS[0]),
        "Tabel 1.1 Perbandingan kekuatan militer Korea Selatan dan Korea",
        "Utara 1988",
        *_wrap(PARAGRAPHS[1]),
    ]
    blocks = segment_lines(lines)
    assert _kinds(blocks) == [("paragraph", 0), ("caption", 0), ("paragraph", 0)]
    assert (
        blocks[1].text
        == "Tabel 1.1 Perbandingan kekuatan militer Korea Selatan dan Korea Utara 1988"
    )
    assert blocks[2].text == PARAGRAPHS[1]


def test_figure_caption_and_source_line_are_separate_captions() -> None:
    lines = [
        *_wrap(PARAGRAPHS[0]),
        "Gambar 2.3 Kekuatan pertahanan militer Korea Selatan 2016-2020",
        "Sumber : Global Firepower 2020/ Strength in Number",
        "https://www.globalfirepower.com/",
        *_wrap(PARAGRAPHS[1]),
    ]
    blocks = segment_lines(lines)
    assert _kinds(blocks) == [("paragraph", 0), ("caption", 0), ("caption", 0), ("paragraph", 0)]
    assert blocks[1].text == "Gambar 2.3 Kekuatan pertahanan militer Korea Selatan 2016-2020"
    assert blocks[2].text == (
        "Sumber : Global Firepower 2020/ Strength in Number https://www.globalfirepower.com/"
    )
    assert blocks[3].text == PARAGRAPHS[1]


# --- citations and hyphens ----------------------------------------------------------------


def test_citation_only_line_stays_with_the_paragraph_above() -> None:
    lines = [
        "Program nuklir Korea Utara tersebut bertujuan meningkatkan kekuatan",
        "untuk mencapai posisi setara dengan Korea Selatan.",
        "(Joo, 2009)",
        *_wrap(PARAGRAPHS[1]),
    ]
    assert _texts(segment_lines(lines)) == [" ".join(lines[:3]), PARAGRAPHS[1]]


def test_hyphenated_line_ends_are_mended_or_kept() -> None:
    lines = [
        "Terbentuknya perjanjian itu menjadi langkah awal bagi negara-",
        "negara itu dalam memperbaiki hubungan bilateral mereka. Perjan-",
        "jian itu juga mengatur kerja sama Korea-",
        "Amerika serta mewajibkan kedua pihak menjalan-",
        "kan latihan militer bersama setiap tahun di laut.",
    ]
    assert _texts(segment_lines(lines)) == [
        "Terbentuknya perjanjian itu menjadi langkah awal bagi negara-negara itu dalam "
        "memperbaiki hubungan bilateral mereka. Perjanjian itu juga mengatur kerja sama "
        "Korea-Amerika serta mewajibkan kedua pihak menjalankan latihan militer bersama "
        "setiap tahun di laut."
    ]


# --- references ---------------------------------------------------------------------------


def test_entries_after_daftar_pustaka_are_references() -> None:
    lines = [
        *_wrap(PARAGRAPHS[1]),
        "DAFTAR PUSTAKA",
        "Cha, V. D. (2000). Abandonment, Entrapment, and Neoclassical",
        "Realism in Asia. International Studies Quarterly, 44(2), 261-291.",
        "Joo, S. (2009). North Korea's Nuclear Programme. Seoul: Press.",
        "Oberdorfer, D. (2014). The Two Koreas: A Contemporary History.",
        "New York: Basic Books.",
    ]
    blocks = segment_lines(lines)
    assert _kinds(blocks) == [("paragraph", 0), ("heading", 1)] + [("reference", 0)] * 3
    assert _texts(blocks, "reference") == [
        "Cha, V. D. (2000). Abandonment, Entrapment, and Neoclassical Realism in Asia. "
        "International Studies Quarterly, 44(2), 261-291.",
        "Joo, S. (2009). North Korea's Nuclear Programme. Seoul: Press.",
        "Oberdorfer, D. (2014). The Two Koreas: A Contemporary History. New York: Basic Books.",
    ]


def test_empty_input_has_no_blocks() -> None:
    assert segment_lines([]) == []
    assert segment_lines(["", "  ", ""]) == []


# --- flowing text -------------------------------------------------------------------------

FLOW_ARTICLE = (
    "Jurnal Uji Hubungan Internasional Vol. 2 No. 1 (2024) "
    "KERJA SAMA KEAMANAN JEPANG DAN KOREA SELATAN PERIODE 2021-2022 "
    "Penulis Pertama, Penulis Kedua Universitas Contoh Jakarta "
    "Abstract This article examines the relations between Japan and South Korea. "
    "The method is qualitative and the results are discussed in the light of the "
    "concept of defence diplomacy. "
    "Keywords: Japan. South Korea. Security "
    "Abstrak Artikel ini membahas hubungan Jepang dan Korea Selatan. Metode yang "
    "digunakan adalah kualitatif dengan konsep diplomasi pertahanan. "
    "Kata Kunci: Jepang. Korea Selatan. Keamanan "
    "PENDAHULUAN Hubungan kedua negara mengalami dinamika yang signifikan. Akan tetapi, "
    "kerja sama keamanan tetap berjalan. "
    "KESIMPULAN Kedua negara sepakat memperbaiki hubungan mereka melalui kerja sama. "
    "DAFTAR PUSTAKA Author, A. (2020). Title. Journal. Other, B. (2019). Title."
)


def test_flow_article_is_split_into_sections_abstracts_and_references() -> None:
    result = segment_flow(FLOW_ARTICLE)
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("heading", "Abstract"),
        (
            "paragraph",
            "This article examines the relations between Japan and South Korea. The method "
            "is qualitative and the results are discussed in the light of the concept of "
            "defence diplomacy.",
        ),
        ("paragraph", "Keywords: Japan. South Korea. Security"),
        ("heading", "Abstrak"),
        (
            "paragraph",
            "Artikel ini membahas hubungan Jepang dan Korea Selatan. Metode yang digunakan "
            "adalah kualitatif dengan konsep diplomasi pertahanan.",
        ),
        ("paragraph", "Kata Kunci: Jepang. Korea Selatan. Keamanan"),
        ("heading", "PENDAHULUAN"),
        (
            "paragraph",
            "Hubungan kedua negara mengalami dinamika yang signifikan. Akan tetapi, kerja "
            "sama keamanan tetap berjalan.",
        ),
        ("heading", "KESIMPULAN"),
        ("paragraph", "Kedua negara sepakat memperbaiki hubungan mereka melalui kerja sama."),
        ("heading", "DAFTAR PUSTAKA"),
        ("reference", "Author, A. (2020). Title. Journal."),
        ("reference", "Other, B. (2019). Title."),
    ]
    assert all(b.level == 1 for b in result.blocks if b.kind == "heading")


def test_flow_article_title_is_the_caps_run_before_the_abstract() -> None:
    result = segment_flow(FLOW_ARTICLE)
    assert result.title == "KERJA SAMA KEAMANAN JEPANG DAN KOREA SELATAN PERIODE 2021-2022"
    assert result.front_matter is not None
    assert result.front_matter.startswith("Jurnal Uji Hubungan Internasional")
    assert result.front_matter.endswith("Universitas Contoh Jakarta")
    assert "Jurnal Uji" not in " ".join(_texts(result.blocks))


def test_flow_article_title_excludes_an_issn_printed_just_before_it() -> None:
    article = FLOW_ARTICLE.replace("(2024) ", "(2024) e-ISSN: 2986-0210 ")
    assert segment_flow(article).title == (
        "KERJA SAMA KEAMANAN JEPANG DAN KOREA SELATAN PERIODE 2021-2022"
    )


def test_flow_text_without_an_abstract_has_no_title() -> None:
    result = segment_flow("PENDAHULUAN Hubungan kedua negara membaik. Kerja sama berjalan.")
    assert result.title is None and result.front_matter is None
    assert _kinds(result.blocks) == [("heading", 1), ("paragraph", 0)]


def test_flow_body_keeps_every_word_in_order() -> None:
    body = " ".join(PARAGRAPHS * 3)
    result = segment_flow(f"PENDAHULUAN {body}")
    assert " ".join(_texts(result.blocks)).split() == f"PENDAHULUAN {body}".split()


def test_looks_like_flow_tells_one_line_text_from_wrapped_lines() -> None:
    assert looks_like_flow([FLOW_ARTICLE * 3])
    assert not looks_like_flow(_wrapped(PARAGRAPHS))
    assert not looks_like_flow(["", "  "])


# --- paragraphs at sentence boundaries ----------------------------------------------------


def test_paragraphs_from_sentences_of_empty_text() -> None:
    assert paragraphs_from_sentences("") == []
    assert paragraphs_from_sentences("Satu kalimat saja.") == ["Satu kalimat saja."]


def test_long_flow_is_cut_into_several_paragraphs() -> None:
    text = " ".join(PARAGRAPHS * 6)
    paragraphs = paragraphs_from_sentences(text)
    assert len(paragraphs) >= 3
    assert " ".join(paragraphs) == text


SENTENCE = st.builds(
    lambda first, rest, end: " ".join([first.capitalize(), *rest]) + end,
    st.sampled_from(["akan", "selain", "hubungan", "kedua", "namun", "menurut", "pada"]),
    st.lists(
        st.sampled_from(
            ["itu", "tetapi,", "negara", "kerja", "sama", "keamanan", "Jepang", "Korea", "baik"]
        ),
        min_size=0,
        max_size=40,
    ),
    st.sampled_from([".", "!", "?", " (Oda, 1967, p."]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(SENTENCE, min_size=0, max_size=40))
def test_paragraphs_from_sentences_keep_every_sentence_in_order(sentences: list[str]) -> None:
    text = " ".join(sentences)
    paragraphs = paragraphs_from_sentences(text)
    assert all(paragraph.strip() for paragraph in paragraphs)
    assert [s for p in paragraphs for s in split_sentences(p)] == split_sentences(text)
    assert " ".join(paragraphs).split() == text.split()
