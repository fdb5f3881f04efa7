"""Rules issue #12's last fidelity targets added: each named for the behaviour it keeps."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from reader.documents import Block
from reader.ingest.formats.html import _left_out, _read_html
from reader.ingest.formats.pdf import _LINE_BREAK, PdfLine, _furniture, _heading_level
from reader.ingest.pipeline import ingest_file
from reader.ingest.read import read_file
from reader.ingest.segment import Line, segment_layout, segment_lines
from tests.conftest import REPO

STATUTE_PDF = REPO / "tests" / "fixtures" / "realistic" / "uu20-statuta.pdf"


def _para(text: str) -> Block:
    return Block(kind="paragraph", text=text, lang="id")


def _words(texts: list[str]) -> Counter[str]:
    return Counter(word.lower() for text in texts for word in text.split())


# --- HTML: the removal record holds only what was left out -------------------------------


def test_html_removal_records_a_label_cut_off_a_kept_paragraph_not_the_paragraph() -> None:
    visible = [_para("Beranda"), _para("ADVERTISEMENT Hasil asesmen naik."), _para("Terpopuler")]
    kept = [_para("Hasil asesmen naik.")]
    assert [r.text for r in _left_out(visible, kept)] == ["Beranda", "ADVERTISEMENT", "Terpopuler"]


def test_html_removal_of_a_page_split_differently_records_nothing_twice() -> None:
    visible = [_para("Satu dua. Tiga empat. Menu Lima enam.")]
    kept = [_para("Satu dua."), _para("Tiga empat."), _para("Lima enam.")]
    assert [r.text for r in _left_out(visible, kept)] == ["Menu"]


def test_html_removal_runs_do_not_cross_blocks() -> None:
    visible = [_para("Bagikan Facebook"), _para("Komentar (2)"), _para("Isi berita.")]
    kept = [_para("Isi berita.")]
    assert [r.text for r in _left_out(visible, kept)] == ["Bagikan Facebook", "Komentar (2)"]


@given(
    st.lists(
        st.lists(st.sampled_from(["anak", "desa", "buku", "Menu", "iklan", "baca"]), min_size=1),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_html_kept_plus_recorded_is_the_visible_text(
    blocks: list[list[str]], keep: list[bool]
) -> None:
    visible = [_para(" ".join(words)) for words in blocks]
    kept = [block for block, wanted in zip(visible, keep, strict=False) if wanted]
    recorded = [removal.text for removal in _left_out(visible, kept)]
    assert _words([b.text for b in kept]) + _words(recorded) == _words([b.text for b in visible])


# --- PDF: page furniture found by place and kind -----------------------------------------


def _line(text: str, y: float, page: int, size: float = 12.0, x0: float = 70.0) -> PdfLine:
    return PdfLine(text, x0, 500.0, y, size, False, page)


def _page(page: int, top: list[PdfLine] | None = None) -> list[PdfLine]:
    body = [_line(f"Kalimat isi halaman {page} baris {n}.", 760 - 14 * n, page) for n in range(40)]
    return [*(top or []), *body]


def test_pdf_the_title_repeated_small_atop_a_later_page_is_a_running_header() -> None:
    title = _line("Sambutan pada Hari Pendidikan", 790, 1, size=17.0)
    header = _line("Sambutan pada Hari Pendidikan", 800, 2, size=11.0)
    found = _furniture([_page(1, [title]), _page(2, [header])], 12.0)
    assert found.get(id(header)) == "running-header"
    assert id(title) not in found


def test_pdf_a_journal_citation_line_at_a_page_edge_is_a_running_header() -> None:
    header = _line("Jurnal Ekonomi, Vol. 7, No. 2, Oktober 2024", 800, 2, size=11.0)
    found = _furniture([_page(1), _page(2, [header])], 12.0)
    assert found.get(id(header)) == "running-header"


def test_pdf_a_journal_citation_inside_the_page_is_text() -> None:
    cited = _line("Jurnal Ekonomi, Vol. 7, No. 2, Oktober 2024", 500, 2)
    found = _furniture([_page(1), [*_page(2), cited]], 12.0)
    assert id(cited) not in found


def test_pdfium_line_end_hyphen_ends_a_printed_line_even_without_a_line_break() -> None:
    assert _LINE_BREAK.split("dan Undang\ufffeUndang Dasar\r\nRepublik") == [
        "dan Undang\ufffe",
        "Undang Dasar",
        "Republik",
    ]
    assert _LINE_BREAK.split("jaga\ufffe\r\nan") == ["jaga\ufffe", "an"]


def test_a_statute_line_broken_after_a_hard_hyphen_is_read_as_two_lines() -> None:
    texts = [line.text for line in read_file(STATUTE_PDF, max_bytes=10**7).lines or []]
    broken = texts.index(
        "2. Pendidikan nasional adalah pendidikan yang berdasarkan Pancasila dan Undang-"
    )
    assert texts[broken + 1].startswith("Undang Dasar Negara Republik Indonesia")


def test_a_statute_item_broken_after_a_hard_hyphen_stays_one_item() -> None:
    blocks = ingest_file(STATUTE_PDF).blocks
    item = next(b for b in blocks if b.text.startswith("2. Pendidikan nasional adalah"))
    assert item.kind == "item"
    assert "Pancasila dan Undang-Undang Dasar" in item.text and item.text.endswith("zaman.")


def test_a_bold_heading_line_that_wraps_after_a_comma_is_a_heading() -> None:
    def line(text: str) -> PdfLine:
        return PdfLine(text, 100, 300, 500, 11.0, True, 1)

    assert _heading_level(line("HAK DAN KEWAJIBAN WARGA NEGARA, ORANG TUA,"), 11.0, []) > 0
    assert _heading_level(line("Pendidikan diselenggarakan secara demokratis."), 11.0, []) == 0


def test_a_chapter_title_wrapped_after_a_comma_is_one_heading() -> None:
    headings = [b.text for b in ingest_file(STATUTE_PDF).blocks if b.kind == "heading"]
    assert (
        "BAB IV HAK DAN KEWAJIBAN WARGA NEGARA, ORANG TUA, MASYARAKAT, DAN PEMERINTAH" in headings
    )


# --- segmenting: headings in pasted lines, measured line ends ----------------------------


def _kinds(lines: list[str]) -> list[tuple[str, str]]:
    return [(block.kind, block.text[:24]) for block in segment_lines(lines)]


_FULL = "Kalimat panjang yang mengisi hampir seluruh lebar baris pada halaman ini"


def test_a_short_title_cased_line_between_paragraphs_is_a_heading() -> None:
    lines = [_FULL, "dan berakhir di sini.", "Tinjauan Pustaka", _FULL, "lalu selesai."]
    assert _kinds(lines) == [
        ("paragraph", _FULL[:24]),
        ("heading", "Tinjauan Pustaka"),
        ("paragraph", _FULL[:24]),
    ]


def test_a_title_wrapped_over_two_lines_at_the_start_is_one_heading() -> None:
    lines = [
        "Belanja Pendidikan Daerah dan Pertumbuhan Ekonomi: Bukti dari Kabupaten dan",
        "Kota di Indonesia",
        _FULL,
        "lalu selesai.",
    ]
    blocks = segment_lines(lines)
    assert blocks[0].kind == "heading" and blocks[0].text.endswith("Kota di Indonesia")


def test_capitalised_words_that_go_on_a_sentence_are_not_a_heading() -> None:
    lines = [_FULL + " oleh", "Presiden Joko Widodo", "yang hadir pada acara itu."]
    assert [block.kind for block in segment_lines(lines)] == ["paragraph"]


def test_a_numbered_line_that_ends_on_a_function_word_is_an_item_not_a_heading() -> None:
    lines = [
        "2. Pendidikan nasional adalah pendidikan yang berdasarkan Pancasila dan",
        "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945 yang",
        "berakar pada nilai-nilai agama dan tanggap terhadap perubahan zaman.",
    ]
    assert [block.kind for block in segment_lines(lines)] == ["item"]


def test_a_short_title_cased_line_that_ends_on_a_function_word_is_not_a_heading() -> None:
    lines = [_FULL + ".", "Kerja Sama Jepang dan", "Korea berjalan lambat tahun itu."]
    assert all(kind != "heading" for kind, _ in _kinds(lines))


def test_the_rest_of_a_hyphenated_word_is_not_a_heading() -> None:
    lines = [
        "Dengan Persetujuan Bersama DEWAN PERWAKILAN RAKYAT",
        "REPUBLIK INDONESIA dan PRESIDEN REPUBLIK INDONE\u2010",
        "SIA",
        "MEMUTUSKAN:",
    ]
    assert ("heading", "SIA") not in _kinds(lines)


def test_a_caption_or_a_citation_line_is_not_a_title_cased_heading() -> None:
    assert _kinds([_FULL + ".", "Peta 5 Kawasan Indo-Pasifik", _FULL + "."])[1][0] == "caption"
    kinds = _kinds([_FULL + ".", "Korea. (Oberdorfer, 2014)", "Ketegangan terjadi lagi."])
    assert all(kind != "heading" for kind, _ in kinds)


def test_an_organisation_author_starts_a_reference() -> None:
    lines = [
        "Daftar Pustaka",
        "Barro, R. J. (1991). Economic Growth. The Quarterly Journal of Economics, 106(2).",
        "Badan Pusat Statistik. (2021). Produk Domestik Regional Bruto. Jakarta: BPS.",
    ]
    assert [block.kind for block in segment_lines(lines)] == ["heading", "reference", "reference"]


def test_a_line_the_reader_measured_short_ends_its_paragraph() -> None:
    text = "sebuah baris yang cukup panjang dan berakhir dengan titik."
    lines = [
        Line(text, 0, False, short=True),
        Line("Bapak dan Ibu sekalian, perubahan tidak terjadi dalam satu malam.", 0, False),
    ]
    assert len(segment_layout(lines)) == 2
    lines[0] = Line(text, 0, False, short=False)
    assert len(segment_layout(lines)) == 1


def test_the_line_before_a_footnote_decides_the_break_after_it() -> None:
    lines = [
        Line("bagian dari ekosistem pendidikan yang sama.", 0, False, short=True),
        Line(
            "4. Pasal 8 Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan",
            0,
            False,
            note=True,
        ),
        Line("Bapak dan Ibu sekalian, perubahan tidak terjadi dalam satu malam.", 0, False),
    ]
    assert [block.kind for block in segment_layout(lines)] == ["paragraph", "note", "paragraph"]


# --- statutes pasted line by line ---------------------------------------------------------

_PASTED_STATUTE = [
    "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 32 TAHUN 2009 TENTANG PERLINDUNGAN DAN",
    "PENGELOLAAN LINGKUNGAN HIDUP",
    "DENGAN RAHMAT TUHAN YANG MAHA ESA",
    "PRESIDEN REPUBLIK INDONESIA,",
    "Menimbang:",
    "a. bahwa lingkungan hidup yang baik dan sehat merupakan hak asasi setiap warga",
    "negara Indonesia sebagaimana diamanatkan dalam Pasal 28H Undang-Undang Dasar;",
    "Mengingat:",
    "Pasal 20, Pasal 21, Pasal 28H ayat (1), serta Pasal 33 ayat (3) dan ayat (4)",
    "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;",
    "Dengan Persetujuan Bersama DEWAN PERWAKILAN RAKYAT REPUBLIK INDONESIA dan",
    "PRESIDEN REPUBLIK INDONESIA",
    "MEMUTUSKAN:",
    "Menetapkan: UNDANG-UNDANG TENTANG PERLINDUNGAN DAN PENGELOLAAN LINGKUNGAN",
    "HIDUP.",
    "BAB I KETENTUAN UMUM",
    "Pasal 1",
]


def _pasted_blocks() -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in segment_lines(_PASTED_STATUTE)]


def test_a_statutes_opening_formulas_are_blocks_of_their_own_not_part_of_its_title() -> None:
    blocks = _pasted_blocks()
    assert blocks[0] == ("heading", " ".join(_PASTED_STATUTE[:2]))
    assert blocks[1:3] == [
        ("paragraph", "DENGAN RAHMAT TUHAN YANG MAHA ESA"),
        ("paragraph", "PRESIDEN REPUBLIK INDONESIA,"),
    ]


def test_a_short_line_closing_a_clause_with_a_semicolon_ends_its_paragraph() -> None:
    texts = [text for _, text in _pasted_blocks()]
    assert texts[texts.index("Mengingat:") + 1].endswith("Tahun 1945;")
    assert (
        "Dengan Persetujuan Bersama DEWAN PERWAKILAN RAKYAT REPUBLIK INDONESIA dan "
        + ("PRESIDEN REPUBLIK INDONESIA")
        in texts
    )


def test_the_enactment_line_is_a_paragraph_and_the_chapter_after_it_a_heading() -> None:
    blocks = _pasted_blocks()
    assert (
        "paragraph",
        "Menetapkan: UNDANG-UNDANG TENTANG PERLINDUNGAN DAN PENGELOLAAN LINGKUNGAN HIDUP.",
    ) in blocks
    assert ("heading", "BAB I KETENTUAN UMUM") in blocks


# --- found on the held-out corpus (bench/corpus/unseen.py) ---------------------------------

_WIDE = "Studi ini menelaah hubungan antara jarak tempuh ke pusat kesehatan masyarakat dan"


def test_a_section_name_alone_on_its_line_is_a_heading_of_its_own() -> None:
    lines = [
        "Jarak ke Puskesmas dan Kelengkapan Imunisasi Dasar Anak di Kabupaten Kepulauan",
        "Abstrak",
        _WIDE,
        "kelengkapan imunisasi dasar anak usia 12 sampai 23 bulan di tiga kabupaten.",
        "Kata kunci: imunisasi dasar, akses layanan kesehatan, daerah kepulauan, posyandu",
        "Pendahuluan",
        "Imunisasi dasar lengkap adalah salah satu intervensi kesehatan masyarakat.",
    ]
    kinds = [(block.kind, block.text) for block in segment_lines(lines)]
    assert kinds[:2] == [("heading", lines[0]), ("heading", "Abstrak")]
    assert ("heading", "Pendahuluan") in kinds
    assert ("paragraph", lines[4]) in kinds


def test_a_keywords_line_after_a_full_last_line_starts_its_own_block() -> None:
    last = "almost disappears in villages reached by a mobile health post at least once a mo."
    lines = [_WIDE + " lagi", last, "Kata kunci: imunisasi dasar, posyandu"]
    texts = [block.text for block in segment_lines(lines)]
    assert texts[-1] == "Kata kunci: imunisasi dasar, posyandu"


def test_a_numbered_line_that_fills_its_line_and_goes_on_is_an_item_not_a_heading() -> None:
    lines = [
        Line("Dalam Undang-Undang ini yang dimaksud dengan:", 0, False, short=True),
        Line(
            "4. Komisi Informasi adalah lembaga mandiri yang berfungsi menjalankan",
            0,
            False,
            short=False,
        ),
        Line(
            "Undang-Undang ini dan peraturan pelaksanaannya menetapkan petunjuk teknis.",
            0,
            False,
            short=True,
        ),
    ]
    blocks = segment_layout(lines)
    assert [block.kind for block in blocks] == ["paragraph", "item"]


def test_a_measured_first_line_indent_starts_a_paragraph_even_in_justified_type() -> None:
    texts = [
        "imunisasi hampir hilang. Temuan ini sejalan de-",
        "ngan pengalaman program penjangkauan di ne-",
        "gara kepulauan lain (Crocker-Buque dkk., 2017).",
        "Penelitian ini memiliki keterbatasan. Waktu tem-",
        "puh dilaporkan sendiri oleh ibu, dan desa yang",
        "menerima posyandu mungkin berbeda dari desa lain.",
    ]
    lines = [Line(text, 2 if n == 3 else 0, False, short=False) for n, text in enumerate(texts)]
    found = [block.text for block in segment_layout(lines)]
    assert len(found) == 2 and found[1].startswith("Penelitian ini memiliki keterbatasan.")


# --- found on the second held-out corpus (bench/corpus/heldout.py) ----------------------------

_NEWS_BODY = "<br><br>\n".join(
    f"Paragraf berita nomor {n} tentang pasar tani yang ramai dikunjungi warga setiap pekan"
    f" dan menjual sayur segar dari kebun di lereng gunung yang sejuk."
    for n in range(1, 9)
)


def test_an_indonesian_comment_section_is_left_out_and_recorded() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Pasar Tani</title></head><body><main>"
        '<article class="read__content"><h1>Pasar Tani Ramai</h1>'
        f'<div class="entry-content"><div class="txt-article">{_NEWS_BODY}</div></div></article>'
        '<aside class="most-popular"><h2>Paling Banyak Dibaca</h2><ol><li><a href="/p0">'
        "Jalur Pendakian Dibuka Kembali</a></li></ol></aside>"
        '<section class="komentar-pembaca"><h3>2 Tanggapan</h3>'
        '<div class="komentar-item"><b>Bambang S.</b><p>Mantap, semoga ada juga di sini.</p></div>'
        "</section></main></body></html>"
    )
    extracted = _read_html(page, "pasar.html")
    texts = " ".join(block.text for block in extracted.blocks or [])
    assert "Paragraf berita nomor 8" in texts
    assert "Tanggapan" not in texts and "Mantap" not in texts
    removed = " ".join(removal.text for removal in extracted.removals)
    assert "2 Tanggapan" in removed and "Mantap, semoga ada juga di sini." in removed


def test_a_footnote_line_opening_with_a_number_that_is_not_the_next_goes_on_the_note() -> None:
    lines = [
        Line("Air minum yang aman adalah hak setiap warga.", 0, False, short=True),
        Line("1. Lihat laporan tahunan perusahaan daerah air minum.", 0, False, note=True),
        Line("2. Peraturan Pemerintah Nomor", 0, False, note=True),
        Line("122 Tahun 2015 tentang Sistem Penyediaan Air Minum.", 0, False, note=True),
        Line("3. Data dinas kesehatan kabupaten.", 0, False, note=True),
    ]
    notes = [block.text for block in segment_layout(lines) if block.kind == "note"]
    assert notes == [
        "1. Lihat laporan tahunan perusahaan daerah air minum.",
        "2. Peraturan Pemerintah Nomor 122 Tahun 2015 tentang Sistem Penyediaan Air Minum.",
        "3. Data dinas kesehatan kabupaten.",
    ]


def test_footnotes_numbered_again_on_each_page_are_each_a_note() -> None:
    lines = [
        Line("Kalimat pertama halaman satu.", 0, False, short=True),
        Line("1 Catatan pertama.", 0, False, note=True, page=1),
        Line("Kalimat pertama halaman dua.", 0, False, short=True, page=2),
        Line("1 Catatan halaman dua.", 0, False, note=True, page=2),
    ]
    notes = [block.text for block in segment_layout(lines) if block.kind == "note"]
    assert notes == ["1 Catatan pertama.", "1 Catatan halaman dua."]


def test_an_english_keywords_line_after_the_indonesian_one_is_a_block_of_its_own() -> None:
    lines = [
        _WIDE + ".",
        "Kata kunci: pupuk organik, produktivitas padi, petani kecil",
        "Keywords: organic fertiliser, rice yield, smallholders",
        "Pendahuluan",
    ]
    texts = [block.text for block in segment_lines(lines)]
    assert "Kata kunci: pupuk organik, produktivitas padi, petani kecil" in texts
    assert "Keywords: organic fertiliser, rice yield, smallholders" in texts


def test_a_news_pages_title_leaves_out_the_site_name_after_its_headline() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Pasar Tani Ramai - Kabar Lereng</title></head>"
        f"<body><main><article><h1>Pasar Tani Ramai</h1><p>{_NEWS_BODY}</p></article></main>"
        "</body></html>"
    )
    assert _read_html(page, "pasar.html").title == "Pasar Tani Ramai"
    kept = page.replace("Pasar Tani Ramai - Kabar Lereng", "Pasar Tani Ramaikan Desa")
    assert _read_html(kept, "pasar.html").title == "Pasar Tani Ramaikan Desa"
