"""Markdown on the paths users take: the `texts/` format or any other, one size limit, captions.

Each fact is decided once: which Markdown is the `texts/` format
(`reader.documents.is_texts_format`), how front matter is split
(`split_front_matter`), how large a file may be (`DEFAULT_MAX_BYTES`, honoured
on every path), and what starts a caption (`reader.ingest.segment.CAPTION`).
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from reader import documents
from reader.errors import FileTooLarge
from reader.ingest import read, segment
from reader.ingest.read import read_file
from reader.ingest.segment import CAPTION, segment_lines
from reader.service import ReadingService
from tests.conftest import Invoke, assert_one_line_error, write_document

JEKYLL = """\
---
layout: post
title: "Diplomasi Pertahanan: Catatan Kuliah"
date: 2024-03-01 10:00:00 +0700
tags: [diplomasi, keamanan]
categories: kuliah
---

Diplomasi pertahanan adalah alat **kebijakan** luar negeri. Ia membangun kepercayaan.

## Latihan bersama

Kerja sama keamanan kedua negara meningkat sejak 2021.
"""


def _jekyll(folder: Path) -> Path:
    path = folder / "2024-03-01-diplomasi.md"
    path.write_text(JEKYLL, encoding="utf-8")
    return path


# --- Markdown with another tool's front matter ---------------------------------------------


def test_jekyll_post_imports_with_its_front_matter_title(
    service: ReadingService, tmp_path: Path
) -> None:
    outcome = service.import_file(_jekyll(tmp_path))
    assert outcome.status == "new"
    document = outcome.document
    assert document.title == "Diplomasi Pertahanan: Catatan Kuliah"
    texts = [row.text for row in service.rows(document)]
    assert texts == [
        "Diplomasi pertahanan adalah alat kebijakan luar negeri. Ia membangun kepercayaan.",
        "Latihan bersama",
        "Kerja sama keamanan kedua negara meningkat sejak 2021.",
    ]
    assert not any("layout" in text or "2024-03-01" in text for text in texts)


def test_jekyll_post_imports_through_the_cli(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = _jekyll(tmp_path)
    code, out, err = dwibahasa("import", str(path), "--dry-run", "--json")
    assert (code, err) == (0, "")
    preview = json.loads(out)
    assert preview["title"] == "Diplomasi Pertahanan: Catatan Kuliah"
    assert preview["format"] == "md"
    assert [p["kind"] for p in preview["paragraphs"]] == ["paragraph", "heading", "paragraph"]

    code, out, err = dwibahasa("import", str(path), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["status"] == "new"
    code, out, _ = dwibahasa("list", "--json")
    assert "Diplomasi Pertahanan: Catatan Kuliah" in out


@pytest.mark.parametrize(
    ("front", "title"),
    [
        ('title: "Pos Hugo"\ndraft: false\nweight: 3\n', "Pos Hugo"),
        ("title: 2024\n", "2024"),
        ("title: [a, b]\nlayout: post\n", "Judul dari Isi"),  # no title: the first heading
        ("layout: post\n", "Judul dari Isi"),
    ],
)
def test_other_front_matter_keeps_only_a_title(tmp_path: Path, front: str, title: str) -> None:
    path = tmp_path / "pos.md"
    path.write_text(f"---\n{front}---\n\n# Judul dari Isi\n\nIsi pos.\n", encoding="utf-8")
    extracted = read_file(path)
    assert extracted.title == title
    assert not extracted.texts_format
    assert [block.text for block in extracted.blocks or []] == ["Judul dari Isi", "Isi pos."]


def test_dashes_that_are_not_front_matter_keep_the_text(tmp_path: Path) -> None:
    path = tmp_path / "garis.md"
    path.write_text("---\n\nParagraf di antara garis.\n\n---\n\nLagi.\n", encoding="utf-8")
    assert [block.text for block in read_file(path).blocks or []] == [
        "Paragraf di antara garis.",
        "Lagi.",
    ]


def test_front_matter_that_is_not_yaml_is_refused_whatever_wrote_it(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "rusak.md"
    path.write_text("---\nlayout: post\ntitle: [tidak ditutup\n---\n\nIsi.\n", encoding="utf-8")
    code, out, err = dwibahasa("import", str(path))
    assert_one_line_error(code, out, err)
    assert "front matter is not valid YAML" in err


def test_texts_format_markdown_keeps_its_reference_english(
    service: ReadingService, tmp_path: Path
) -> None:
    path = write_document(tmp_path, "uji", ["# Judul", "Isi."], english=["# Title", "Body."])
    prepared = service.prepare_import(path)
    assert prepared.title == "Dokumen Uji"
    assert prepared.reference is not None
    assert [block.text for block in prepared.reference] == ["Title", "Body."]


def test_texts_format_errors_still_say_what_to_fix(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "salah.id.md"
    path.write_text("---\nlang: id\n---\n\nTeks.\n", encoding="utf-8")
    code, out, err = dwibahasa("import", str(path))
    assert_one_line_error(code, out, err)
    assert "front matter needs 'title'" in err


# --- one size limit, on every path ---------------------------------------------------------


def _texts_file(folder: Path, size: int, *, english: bool = False, sentences: int = 1) -> Path:
    """A `texts/`-format file (and its English) of a little over `size` bytes."""
    block = " ".join(["Kerja sama keamanan kedua negara meningkat sejak 2021."] * sentences)
    blocks = [block] * (size // (len(block) + 2) + 1)  # blank lines between blocks
    path = write_document(folder, "besar", blocks, english=blocks if english else None)
    assert size < path.stat().st_size < size + 2 * len(block) + 200
    return path


def test_texts_format_over_max_bytes_is_refused_with_the_typed_error(
    service: ReadingService, tmp_path: Path
) -> None:
    path = _texts_file(tmp_path, 3000)
    size = path.stat().st_size
    with pytest.raises(FileTooLarge) as raised:
        service.import_file(path, max_bytes=1024)
    assert (raised.value.size, raised.value.limit) == (size, 1024)
    assert str(raised.value).endswith(", over the 1 KB limit")
    assert "--" not in str(raised.value)
    assert service.library.document(slug="besar") is None


def test_texts_format_english_over_max_bytes_is_refused(
    service: ReadingService, tmp_path: Path
) -> None:
    path = _texts_file(tmp_path, 3000, english=True)
    english = path.with_name("besar.en.md")
    english.write_text(english.read_text(encoding="utf-8") + " " * 2000, encoding="utf-8")
    limit = path.stat().st_size + 100
    with pytest.raises(FileTooLarge) as raised:
        service.import_file(path, max_bytes=limit)
    assert raised.value.name == str(english)


def test_texts_format_honours_a_larger_max_bytes(service: ReadingService, tmp_path: Path) -> None:
    path = _texts_file(tmp_path, 3000, english=True)
    outcome = service.import_file(path, max_bytes=4096)
    assert outcome.status == "new"
    rows = service.rows(outcome.document)
    assert outcome.paragraphs == len(rows)
    assert all(row.english_status == "reference" for row in rows)


def test_texts_format_allows_the_documented_fifty_megabytes(
    service: ReadingService, tmp_path: Path
) -> None:
    """Not the 20 MB the `texts/` loader once had of its own."""
    path = _texts_file(tmp_path, 21 * 1024 * 1024, sentences=500)  # few blocks: quick
    assert service.prepare_import(path).blocks


def test_texts_format_over_the_limit_through_the_cli(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = _texts_file(tmp_path, 1024 * 1024 + 100)
    code, out, err = dwibahasa("import", str(path), "--max-size", "1")
    assert_one_line_error(code, out, err)
    assert "over the 1 MB limit" in err and "--max-size" in err


def test_default_limit_is_defined_once() -> None:
    assert read.DEFAULT_MAX_BYTES is documents.DEFAULT_MAX_BYTES == 50 * 1024 * 1024


# --- one caption pattern -------------------------------------------------------------------

CAPTIONS = [
    "Tabel 1.1 Anggaran pertahanan 2020-2024",
    "Gambar 2.3 Kekuatan pertahanan militer Korea Selatan",
    "Table 4: Defence budgets",
    "Figure 2: Peta kawasan",
    "Grafik 3 Ekspor senjata",
    "Diagram 1. Alur kebijakan",
    "Bagan 2-1 Struktur organisasi",
    "Peta 5 Kawasan Indo-Pasifik",
    "Chart 1",
    "Tabel 7",
]
NOT_CAPTIONS = [
    "Tabel 1 menunjukkan kenaikan anggaran.",
    "Tabel 1.2 menunjukkan kenaikan anggaran.",
    "Gambar 2 di atas memperlihatkan peta kawasan.",
    "Tabelnya ada di lampiran.",
    "Grafik naik tajam pada tahun 2020.",
]


def test_docx_reader_and_segmenter_share_one_caption_pattern() -> None:
    from reader.ingest.formats import docx as docx_reader

    assert vars(docx_reader)["CAPTION"] is segment.CAPTION is CAPTION


@pytest.mark.parametrize("text", CAPTIONS + NOT_CAPTIONS)
def test_docx_reader_and_segmenter_agree_on_captions(tmp_path: Path, text: str) -> None:
    path = tmp_path / "teks.docx"
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    docx_kinds = [block.kind for block in read_file(path).blocks or []]
    line_kinds = [block.kind for block in segment_lines([text])]
    expected = "caption" if text in CAPTIONS else "paragraph"
    assert docx_kinds == line_kinds == [expected]
