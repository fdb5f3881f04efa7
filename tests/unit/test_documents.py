"""The texts/ document format: front matter, blocks, markers, files and alignment."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import documents
from reader.documents import (
    Block,
    FrontMatter,
    check_alignment,
    is_texts_format,
    load_source,
    parse_document,
    read_text_file,
    slug_for,
    split_front_matter,
)
from reader.errors import DocumentFormatError, FileTooLarge
from reader.safe_text import normalize
from tests.conftest import TEXTS, write_document

FRONT = '---\ntitle: "Judul"\nlang: id\n---\n\n'


def parse_body(body: str, front: str = FRONT) -> list[Block]:
    return parse_document(front + body, name="uji.id.md").blocks


def format_error(text: str, name: str = "uji.id.md") -> str:
    with pytest.raises(DocumentFormatError) as caught:
        parse_document(text, name=name)
    message = str(caught.value)
    assert name in message
    return message


# Front matter ---------------------------------------------------------------


def test_front_matter_is_read_into_meta() -> None:
    text = (
        "---\n"
        'title: "Upaya  Normalisasi"\n'
        'authors: ["Rahmi", "Aurora"]\n'
        'source: "Jurnal 3(2)"\n'
        "year: 2024\n"
        "lang: id\n"
        "keywords: [a, b]\n"
        "---\n\nIsi.\n"
    )
    meta = parse_document(text).meta
    assert meta["title"] == "Upaya Normalisasi"  # normalised: single spaces
    assert meta["authors"] == ["Rahmi", "Aurora"]
    assert meta["source"] == "Jurnal 3(2)"
    assert meta["year"] == 2024
    assert meta["lang"] == "id"
    assert meta["keywords"] == ["a", "b"]


def test_authors_given_as_a_string_becomes_a_one_item_list() -> None:
    text = '---\ntitle: T\nlang: id\nauthors: "Satu Penulis"\n---\n\nIsi.\n'
    assert parse_document(text).meta["authors"] == ["Satu Penulis"]


def test_missing_authors_becomes_an_empty_list() -> None:
    assert parse_document(FRONT + "Isi.\n").meta["authors"] == []


def test_authors_that_are_a_mapping_are_refused() -> None:
    message = format_error("---\ntitle: T\nlang: id\nauthors: {a: 1}\n---\n\nIsi.\n")
    assert "authors" in message


@pytest.mark.parametrize("year", ["null", "", "2024", "1998"])
def test_year_may_be_an_integer_or_null(year: str) -> None:
    meta = parse_document(f"---\ntitle: T\nlang: id\nyear: {year}\n---\n\nIsi.\n").meta
    assert meta["year"] == (int(year) if year not in ("null", "") else None)


@pytest.mark.parametrize("year", ['"2024"', "2024.5", "2024-01-01", "[2024]", "true", "false"])
def test_year_that_is_not_an_integer_is_refused(year: str) -> None:
    message = format_error(f"---\ntitle: T\nlang: id\nyear: {year}\n---\n\nIsi.\n")
    assert "year" in message


@pytest.mark.parametrize(
    ("front", "missing"),
    [
        ("lang: id\n", "title"),
        ('title: ""\nlang: id\n', "title"),
        ("title: T\n", "lang"),
        ("title: T\nlang:\n", "lang"),
    ],
)
def test_title_and_lang_are_required(front: str, missing: str) -> None:
    message = format_error(f"---\n{front}---\n\nIsi.\n")
    assert f"'{missing}'" in message


@pytest.mark.parametrize("lang", ["fr", "EN", "indonesian"])
def test_unknown_lang_is_refused(lang: str) -> None:
    message = format_error(f"---\ntitle: T\nlang: {lang}\n---\n\nIsi.\n")
    assert "lang must be one of id, en" in message


def test_invalid_yaml_is_reported_with_the_file_name() -> None:
    message = format_error('---\ntitle: "unclosed\nlang: [id\n---\n\nIsi.\n')
    assert "not valid YAML" in message


@pytest.mark.parametrize("front", ["- a\n- b\n", "just a string\n", "42\n"])
def test_front_matter_that_is_not_a_mapping_is_refused(front: str) -> None:
    message = format_error(f"---\n{front}---\n\nIsi.\n")
    assert "mapping" in message


def test_empty_front_matter_is_refused() -> None:
    assert "mapping" in format_error("---\n---\n\nIsi.\n")


@pytest.mark.parametrize(
    "text",
    [
        "title: T\nlang: id\n\nIsi.\n",
        "\n---\ntitle: T\nlang: id\n---\n\nIsi.\n",
        "Isi saja.\n",
        "-- \ntitle: T\n---\n",
    ],
)
def test_missing_front_matter_is_reported_with_the_file_name(text: str) -> None:
    assert "missing front matter" in format_error(text, name="catatan.md")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\nlang: id\n\nIsi.\n",
        "---\ntitle: T\nlang: id\n----\n\nIsi.\n",
        "---\ntitle: T\nlang: id\n---x\nIsi.\n",
    ],
)
def test_unclosed_front_matter_is_reported_with_the_file_name(text: str) -> None:
    assert "not closed" in format_error(text, name="terbuka.id.md")


def test_a_document_without_paragraphs_is_refused() -> None:
    assert "no paragraphs" in format_error("---\ntitle: T\nlang: id\n---\n")
    assert "no paragraphs" in format_error(FRONT + "\n  \n\t\n")


def test_front_matter_closed_at_end_of_file_still_needs_paragraphs() -> None:
    assert "no paragraphs" in format_error("---\ntitle: T\nlang: id\n---")


def test_front_matter_nested_too_deeply_is_refused_not_a_crash() -> None:
    message = format_error("---\ntitle: " + "[" * 5000 + "\nlang: id\n---\n\nIsi.\n")
    assert "not valid YAML" in message


def _alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines)


def test_an_alias_bomb_is_refused_at_once() -> None:
    front = "---\ntitle: Bom\nlang: id\n" + _alias_bomb(9) + "\n---\n\nIsi.\n"
    assert len(front) < 600  # expanded, 9**9 strings: minutes of CPU, then out of memory
    started = time.monotonic()
    message = format_error(front)
    assert time.monotonic() - started < 1
    assert "may not use YAML anchors or aliases" in message
    assert not is_texts_format(front)  # and the Markdown reader refuses it the same way


@pytest.mark.parametrize(
    "fields",
    [
        "x: &anchor 1",
        "base: &b {k: 1}\nother:\n  <<: *b",
        "x: [&a 1, *a]",
    ],
)
def test_any_anchor_or_alias_is_refused(fields: str) -> None:
    assert "anchors or aliases" in format_error(f"---\ntitle: T\nlang: id\n{fields}\n---\n\nIsi.\n")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("year: " + "9" * 5000, "has a number longer than 100 digits"),
        ("x: 0x" + "f" * 200, "has a number longer than 100 digits"),
        ("2024-01-31: terbit", "keys must be text; quote 2024-01-31"),
        ("2024: terbit", "keys must be text; quote 2024"),
        ("yes: 1", "keys must be text; quote True"),
        ("blob: !!binary aGVsbG8=", "'blob' holds a value that cannot be stored (bytes)"),
        ("skor: .inf", "'skor' holds a value that cannot be stored (float)"),
        ("set: !!set {a, b}", "'set' holds a value that cannot be stored (set)"),
        ("note: " + "a" * (64 * 1024), "front matter is longer than 64 KB"),
        ("x: " + "[" * 40 + "]" * 40, "not valid YAML (nested too deeply)"),
        ("title2: [a, b]\ntitle: [a]", "title must be text"),
        ("authors: [[a, b]]", "authors must be a list of names"),
    ],
)
def test_front_matter_that_cannot_be_stored_is_one_clear_line(fields: str, expected: str) -> None:
    text = f"---\ntitle: T\nlang: id\n{fields}\n---\n\nIsi.\n"
    if fields.startswith("title2"):
        text = f"---\nlang: id\n{fields}\n---\n\nIsi.\n"
    message = format_error(text)
    assert expected in message
    assert "\n" not in message and len(message) < 200


def test_dates_become_iso_strings_that_json_can_store() -> None:
    meta = parse_document(
        "---\ntitle: T\nlang: id\npublished: 2024-01-31\n"
        "updated: 2024-02-01 10:00:00+07:00\nyear: 2024\nrevisions: [2023-05-06]\n---\n\nIsi.\n"
    ).meta
    assert meta["published"] == "2024-01-31"
    assert meta["updated"] == "2024-02-01T10:00:00+07:00"
    assert meta["revisions"] == ["2023-05-06"]
    assert json.loads(json.dumps(meta)) == meta


def test_a_date_as_year_is_refused_as_not_a_number() -> None:
    assert "year must be a number" in format_error(
        "---\ntitle: T\nlang: id\nyear: 2024-01-31\n---\n\nIsi.\n"
    )


def test_nesting_a_few_levels_deep_is_fine() -> None:
    meta = parse_document("---\ntitle: T\nlang: id\nx: {a: [[1, {b: [2]}]]}\n---\n\nIsi.\n").meta
    assert meta["x"] == {"a": [[1, {"b": [2]}]]}


# One front-matter parser, one detector ----------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "body"),
    [
        ("---\ntitle: T\n---\n\nIsi.\n", "title: T\n", "\n\nIsi.\n"),
        ("---\n---\nIsi.\n", "", "\nIsi.\n"),
        ("---  \ntitle: T\n---\t\nIsi.", "title: T\n", "\nIsi."),
        ("---\ntitle: T\n---", "title: T\n", ""),
        ("---\na: 1\n---\nb\n---\nc\n", "a: 1\n", "\nb\n---\nc\n"),
    ],
)
def test_split_front_matter(text: str, source: str, body: str) -> None:
    assert split_front_matter(text) == FrontMatter(source=source, body=body)


@pytest.mark.parametrize(
    "text",
    [
        "Isi saja.\n",
        "\n---\ntitle: T\n---\n",  # not on the first line
        "----\ntitle: T\n---\n",
        "---\ntitle: T\n\nIsi.\n",  # never closed
        "---\ntitle: T\n----\nIsi.\n",
        "---\ntitle: T\n---x\nIsi.\n",
    ],
)
def test_text_without_front_matter(text: str) -> None:
    assert split_front_matter(text) is None


def test_front_matter_is_loaded_safely() -> None:
    front = split_front_matter("---\nx: !!python/object/apply:os.system ['true']\n---\n")
    assert front is not None
    with pytest.raises(DocumentFormatError, match="not valid YAML"):
        front.mapping("bahaya.md")


@pytest.mark.parametrize(
    "text",
    [
        FRONT + "Isi.\n",
        "---\nlang: id\n---\n\nIsi.\n",  # malformed, but meant as the format: says what to fix
        "---\ntitle: T\nlang: fr\n---\n\nIsi.\n",
    ],
)
def test_front_matter_with_lang_is_the_texts_format(text: str) -> None:
    assert is_texts_format(text)


@pytest.mark.parametrize(
    "text",
    [
        "# Judul\n\nIsi.\n",
        "---\nlayout: post\ntitle: Judul\ndate: 2024-01-01\ntags: [a, b]\n---\n\nIsi.\n",
        '+++\ntitle = "Hugo TOML"\n+++\n\nIsi.\n',
        "---\ntitle: Hugo\ndraft: false\n---\n\nIsi.\n",
        "---\n\nParagraf di antara garis.\n\n---\n\nLagi.\n",  # rules, not front matter
        "---\ntitle: T\nlang: id\n\nIsi tanpa penutup.\n",
        "---\ntitle: T\nlang: [id\n---\n\nIsi.\n",  # not YAML: every reader refuses it
    ],
)
def test_other_markdown_is_not_the_texts_format(text: str) -> None:
    assert not is_texts_format(text)


# Blocks -----------------------------------------------------------------------


def test_blocks_are_split_on_blank_lines() -> None:
    blocks = parse_body("Satu.\n\nDua.\n\n\n\nTiga.\n \t \nEmpat.\n")
    assert [b.text for b in blocks] == ["Satu.", "Dua.", "Tiga.", "Empat."]
    assert {b.kind for b in blocks} == {"paragraph"}
    assert {b.lang for b in blocks} == {"id"}
    assert {b.level for b in blocks} == {0}


def test_wrapped_lines_of_one_block_are_joined_with_a_space() -> None:
    blocks = parse_body("Baris pertama\n  baris kedua   \nbaris ketiga.\n\nBerikutnya.\n")
    assert [b.text for b in blocks] == ["Baris pertama baris kedua baris ketiga.", "Berikutnya."]


def test_block_text_is_normalised() -> None:
    blocks = parse_body("Cafe\u0301  dan\x1b[31m merah\x1b[0m \u202eteks\n")
    assert blocks[0].text == "Café dan merah teks"


@pytest.mark.parametrize(
    ("line", "level", "text"),
    [
        ("# Pendahuluan", 1, "Pendahuluan"),
        ("## A. Latar Belakang", 2, "A. Latar Belakang"),
        ("### Sub sub", 3, "Sub sub"),
        ("###### Enam", 6, "Enam"),
    ],
)
def test_hash_lines_are_headings_with_levels(line: str, level: int, text: str) -> None:
    [block] = parse_body(line + "\n")
    assert (block.kind, block.level, block.text) == ("heading", level, text)


@pytest.mark.parametrize("line", ["#tagar tanpa spasi", "####### tujuh", "Nomor #1 di sini"])
def test_hash_without_a_heading_shape_is_a_paragraph(line: str) -> None:
    [block] = parse_body(line + "\n")
    assert (block.kind, block.level, block.text) == ("paragraph", 0, line)


def test_wrapped_heading_is_joined_into_one_heading() -> None:
    [block] = parse_body("## Judul yang\npanjang sekali\n")
    assert (block.kind, block.level, block.text) == ("heading", 2, "Judul yang panjang sekali")


@pytest.mark.parametrize("kind", ["caption", "reference", "paragraph"])
def test_kind_marker_sets_the_block_kind(kind: str) -> None:
    [block] = parse_body(f"<!-- kind={kind} -->\nTabel 1.1 Sesuatu\n")
    assert (block.kind, block.text, block.level) == (kind, "Tabel 1.1 Sesuatu", 0)


def test_kind_heading_marker_without_hashes_is_a_level_one_heading() -> None:
    [block] = parse_body("<!-- kind=heading -->\nDaftar Pustaka\n")
    assert (block.kind, block.level, block.text) == ("heading", 1, "Daftar Pustaka")


def test_lang_marker_sets_the_block_language() -> None:
    blocks = parse_body("<!-- lang=en -->\nAlready English.\n\nBahasa Indonesia.\n")
    assert [(b.lang, b.text) for b in blocks] == [
        ("en", "Already English."),
        ("id", "Bahasa Indonesia."),
    ]


def test_block_language_defaults_to_the_file_language() -> None:
    front = "---\ntitle: T\nlang: en\n---\n\n"
    blocks = parse_body("English.\n\n<!-- lang=id -->\nIndonesia.\n", front=front)
    assert [b.lang for b in blocks] == ["en", "id"]


def test_combined_marker_sets_kind_and_lang() -> None:
    [block] = parse_body("<!-- kind=heading lang=en -->\n# Abstract\n")
    assert (block.kind, block.level, block.lang, block.text) == ("heading", 1, "en", "Abstract")
    [block] = parse_body("<!--   lang=en    kind=reference   -->\nSmith, J. (2020).\n")
    assert (block.kind, block.lang) == ("reference", "en")


def test_marker_without_spaces_inside_the_comment_is_accepted() -> None:
    [block] = parse_body("<!--kind=caption-->\nGambar 1\n")
    assert block.kind == "caption"


def test_marker_on_a_later_line_is_part_of_the_text() -> None:
    [block] = parse_body("Teks pertama\n<!-- kind=caption -->\n")
    assert block.kind == "paragraph"
    assert block.text == "Teks pertama <!-- kind=caption -->"


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("<!-- colour=red -->", "unknown marker key 'colour'"),
        ("<!-- kind=table -->", "kind=table is not one of"),
        ("<!-- lang=fr -->", "lang=fr is not one of"),
        ("<!-- note -->", "needs key=value pairs"),
        ("<!-- kind=caption lang=de -->", "lang=de"),
    ],
)
def test_bad_marker_is_refused_with_the_file_name(marker: str, expected: str) -> None:
    message = format_error(FRONT + f"{marker}\nTeks.\n", name="penanda.id.md")
    assert expected in message


@pytest.mark.parametrize("body", ["<!-- kind=caption -->\n", "<!-- lang=en -->\n\nTeks.\n"])
def test_marker_without_text_is_refused(body: str) -> None:
    message = format_error(FRONT + body, name="penanda.id.md")
    assert "is not followed by text" in message


def test_block_of_only_invisible_characters_is_not_a_paragraph() -> None:
    blocks = parse_body("Satu.\n\n\u202c\x1b[0m\n\nDua.\n")
    assert [b.text for b in blocks] == ["Satu.", "Dua."]


def test_marker_followed_only_by_invisible_characters_is_refused() -> None:
    message = format_error(FRONT + "<!-- lang=en -->\n\x1b[0m\u202c\n")
    assert "is not followed by text" in message


def test_crlf_line_endings_are_handled() -> None:
    text = FRONT.replace("\n", "\r\n") + "Satu\r\nbaris.\r\n\r\n<!-- kind=caption -->\r\nDua.\r\n"
    blocks = parse_document(text).blocks
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", "Satu baris."), ("caption", "Dua.")]


def test_old_mac_line_endings_are_handled() -> None:
    text = FRONT.replace("\n", "\r") + "Satu.\r\rDua.\r"
    assert [b.text for b in parse_document(text).blocks] == ["Satu.", "Dua."]


def test_byte_order_mark_is_ignored() -> None:
    doc = parse_document("\ufeff" + FRONT + "Isi.\n")
    assert doc.meta["title"] == "Judul"
    assert [b.text for b in doc.blocks] == ["Isi."]


def test_parsed_document_lang_property_is_the_front_matter_lang() -> None:
    assert parse_document("---\ntitle: T\nlang: en\n---\n\nText.\n").lang == "en"


# Files --------------------------------------------------------------------------


def test_read_text_file_returns_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Jepang–Korea “kutipan” 한국어\n", encoding="utf-8")
    assert read_text_file(path) == "Jepang–Korea “kutipan” 한국어\n"


def test_read_text_file_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "tidak-ada.id.md"
    with pytest.raises(DocumentFormatError, match="no such file") as caught:
        read_text_file(path)
    assert str(path) in str(caught.value)


def test_read_text_file_reports_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentFormatError, match="is a directory"):
        read_text_file(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_read_text_file_reports_an_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kosong.md"
    path.write_bytes(content)
    with pytest.raises(DocumentFormatError, match="the file is empty"):
        read_text_file(path)


def test_read_text_file_reports_nul_bytes_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "gambar.id.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentFormatError, match="binary"):
        read_text_file(path)


def test_read_text_file_reports_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: Café\n".encode("latin-1"))
    with pytest.raises(DocumentFormatError, match=r"not valid UTF-8 \(byte 14\)"):
        read_text_file(path)


def test_read_text_file_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "besar.md"
    path.write_text("x" * 101, encoding="utf-8")
    with pytest.raises(FileTooLarge) as raised:
        read_text_file(path, max_bytes=100)
    assert str(raised.value) == f"{path}: is 101 bytes, over the 100 bytes limit"
    assert (raised.value.name, raised.value.size, raised.value.limit) == (str(path), 101, 100)
    path.write_text("x" * 100, encoding="utf-8")
    assert read_text_file(path, max_bytes=100) == "x" * 100


def test_read_text_file_refuses_a_fifo_without_opening_it(tmp_path: Path) -> None:
    path = tmp_path / "pipa.id.md"
    os.mkfifo(path)  # opening it would wait for a writer forever
    with pytest.raises(DocumentFormatError, match="is not a regular file"):
        read_text_file(path)


def test_an_english_file_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    path = write_document(tmp_path, "dok", ["Satu."])
    os.mkfifo(tmp_path / "dok.en.md")
    with pytest.raises(DocumentFormatError, match=r"dok\.en\.md: is not a regular file"):
        load_source(path)


def test_load_source_digests_the_bytes_it_read_as_source_digest_does(tmp_path: Path) -> None:
    path = write_document(tmp_path, "dok", ["Satu."], english=["One."])
    assert load_source(path).sha256 == documents.source_digest(path)
    alone = write_document(tmp_path / "lain", "dok", ["Satu."])
    assert load_source(alone).sha256 == documents.source_digest(alone)


def test_the_size_limit_is_fifty_megabytes(tmp_path: Path) -> None:
    assert documents.DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    path = tmp_path / "besar.md"
    with path.open("wb") as file:
        file.truncate(51 * 1024 * 1024)  # sparse: the size check must not read it
    with pytest.raises(FileTooLarge, match=r"is 51 MB, over the 50 MB limit$"):
        read_text_file(path)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("normalisasi-jepang-korea.id.md", "normalisasi-jepang-korea"),
        ("catatan.md", "catatan"),
        ("Catatan Saya.txt", "catatan-saya"),
        ("Bab_IV  (final).md", "bab-iv-final"),
        ("--x--.md", "x"),
        ("___.md", "document"),
        (".md", "md"),
        ("laporan.pdf", "laporan"),
        ("tanpa-akhiran", "tanpa-akhiran"),
    ],
)
def test_slug_for_derives_a_slug_from_the_file_name(name: str, slug: str) -> None:
    assert slug_for(Path("/somewhere") / name) == slug


def test_load_source_without_english_has_no_reference(tmp_path: Path) -> None:
    path = write_document(tmp_path, "tanpa-inggris", ["# Judul", "Paragraf satu."])
    source = load_source(path)
    assert source.slug == "tanpa-inggris"
    assert source.reference is None
    assert source.path == path
    assert [b.kind for b in source.source.blocks] == ["heading", "paragraph"]
    assert source.source.meta["authors"] == ["Penulis Uji"]
    assert source.source.meta["year"] == 2024
    assert len(source.sha256) == 64


def test_load_source_reads_the_english_file_beside_it(tmp_path: Path) -> None:
    path = write_document(
        tmp_path,
        "dengan-inggris",
        ["# Judul", "Paragraf satu."],
        english=["# Title", "Paragraph one."],
    )
    source = load_source(path, slug="nama-lain")
    assert source.slug == "nama-lain"
    assert source.reference is not None
    assert source.reference.lang == "en"
    assert source.reference.meta["translation"] == "reference"
    assert [b.text for b in source.reference.blocks] == ["Title", "Paragraph one."]


def test_source_digest_changes_when_only_the_english_changes(tmp_path: Path) -> None:
    path = write_document(tmp_path, "dok", ["Satu."], english=["One."])
    before = load_source(path).sha256
    write_document(tmp_path, "dok", ["Satu."], english=["One, revised."])
    assert load_source(path).sha256 != before


def test_a_plain_md_file_never_looks_for_english(tmp_path: Path) -> None:
    path = tmp_path / "catatan.md"
    path.write_text(FRONT + "Isi.\n", encoding="utf-8")
    (tmp_path / "catatan.en.md").write_text("not even valid", encoding="utf-8")
    source = load_source(path)
    assert source.slug == "catatan"
    assert source.reference is None


def test_load_source_reports_a_bad_english_file_by_its_name(tmp_path: Path) -> None:
    path = write_document(tmp_path, "dok", ["Satu."])
    en_path = tmp_path / "dok.en.md"
    en_path.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(DocumentFormatError) as caught:
        load_source(path)
    assert str(en_path) in str(caught.value)


def test_load_source_refuses_english_with_a_different_block_count(tmp_path: Path) -> None:
    path = write_document(tmp_path, "dok", ["Satu.", "Dua."], english=["One."])
    with pytest.raises(DocumentFormatError) as caught:
        load_source(path)
    message = str(caught.value)
    assert "dok.en.md" in message
    assert "has 1 blocks but its source has 2" in message


def test_check_alignment_refuses_a_kind_mismatch() -> None:
    source = parse_document(FRONT + "# Judul\n\nIsi.\n")
    reference = parse_document("---\ntitle: T\nlang: en\n---\n\nTitle\n\nBody.\n")
    with pytest.raises(DocumentFormatError, match=r"x\.en\.md: block 1 is a paragraph") as caught:
        check_alignment(source, reference, name="x.en.md")
    assert "source's is a heading" in str(caught.value)


def test_check_alignment_refuses_a_heading_level_mismatch() -> None:
    source = parse_document(FRONT + "## Sub\n")
    reference = parse_document("---\ntitle: T\nlang: en\n---\n\n# Sub\n")
    with pytest.raises(DocumentFormatError, match="block 1"):
        check_alignment(source, reference, name="x.en.md")


def test_check_alignment_accepts_matching_blocks() -> None:
    source = parse_document(FRONT + "# Judul\n\n<!-- kind=caption -->\nTabel 1\n\nIsi.\n")
    reference = parse_document(
        "---\ntitle: T\nlang: en\n---\n\n# Title\n\n<!-- kind=caption -->\nTable 1\n\nBody.\n"
    )
    check_alignment(source, reference, name="x.en.md")


@pytest.mark.parametrize("slug", ["normalisasi-jepang-korea", "aliansi-strategis-korea-as"])
def test_bundled_texts_load_and_align(slug: str) -> None:
    source = load_source(TEXTS / f"{slug}.id.md")
    assert source.reference is not None
    assert len(source.source.blocks) == len(source.reference.blocks)
    assert all(b.text for b in source.source.blocks)
    for ours, theirs in zip(source.source.blocks, source.reference.blocks, strict=True):
        if ours.lang == "en":
            assert theirs.text == ours.text


# Round trip ------------------------------------------------------------------------

_FRAGMENTS = st.one_of(
    st.text(
        alphabet=st.characters(exclude_categories=("Cc", "Cs")),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(
        [
            "[catatan kaki]",
            "[1]",
            "[bold]tebal[/bold]",
            " # bukan judul",
            "Jepang–Korea",
            "“kutipan”",
            "Café",
            "e\u0301",
            "한국어",
            "日本",
            " ",
            "<!-- bukan -->",
            "---",
        ]
    ),
)
_LINES = st.lists(_FRAGMENTS, min_size=1, max_size=5).map("".join).filter(lambda s: s.strip(" \t"))


def _is_plain_paragraph(lines: list[str]) -> bool:
    text = normalize(" ".join(lines))
    return bool(text) and not text.startswith("#") and not lines[0].strip().startswith("<!--")


_PARAGRAPHS = st.lists(_LINES, min_size=1, max_size=3).filter(_is_plain_paragraph)


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(st.lists(_PARAGRAPHS, min_size=1, max_size=8))
def test_paragraphs_written_in_the_format_parse_back_unchanged(
    paragraphs: list[list[str]],
) -> None:
    body = "\n\n".join("\n".join(lines) for lines in paragraphs)
    doc = parse_document(FRONT + body + "\n", name="acak.id.md")
    assert len(doc.blocks) == len(paragraphs)
    assert [b.text for b in doc.blocks] == [normalize(" ".join(lines)) for lines in paragraphs]
    assert {b.kind for b in doc.blocks} == {"paragraph"}
    assert {b.lang for b in doc.blocks} == {"id"}
