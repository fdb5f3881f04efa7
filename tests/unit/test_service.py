"""The service both front ends use: bundled texts, imports, lookup, ranges."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.documents import load_source
from reader.errors import DocumentFormatError, DocumentNotFound, SlugTaken, UserError
from reader.library import BilingualRow
from reader.service import ReadingService, parse_range, source_label
from tests.conftest import TEXTS, write_document

SLUGS = ("normalisasi-jepang-korea", "aliansi-strategis-korea-as")


def paragraph_ids(service: ReadingService, slug: str) -> list[int]:
    return [row.paragraph_id for row in service.rows(service.resolve(slug))]


@pytest.fixture
def texts_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "texts-copy"
    folder.mkdir()
    for path in TEXTS.glob("*.md"):
        shutil.copy(path, folder / path.name)
    return folder


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not unique in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# Bundled texts ------------------------------------------------------------------


def test_open_imports_the_bundled_texts(service: ReadingService) -> None:
    summaries = {s.document.slug: s for s in service.summaries()}
    assert set(summaries) == set(SLUGS)
    for slug in SLUGS:
        source = load_source(TEXTS / f"{slug}.id.md")
        summary = summaries[slug]
        assert summary.document.origin == "bundled"
        assert summary.document.path is None
        assert summary.document.title == source.source.meta["title"]
        assert summary.paragraphs == len(source.source.blocks)
        assert summary.with_english == summary.paragraphs
        assert summary.position is None


@pytest.mark.parametrize("slug", SLUGS)
def test_bundled_paragraphs_match_the_files(service: ReadingService, slug: str) -> None:
    source = load_source(TEXTS / f"{slug}.id.md")
    assert source.reference is not None
    rows = service.rows(service.resolve(slug))
    assert [(r.seq, r.kind, r.level, r.lang, r.text) for r in rows] == [
        (seq, b.kind, b.level, b.lang, b.text) for seq, b in enumerate(source.source.blocks, 1)
    ]
    for row, english in zip(rows, source.reference.blocks, strict=True):
        if row.lang == "id":
            assert row.english_status == "reference"
            assert row.english_engine == "reference"
            assert row.english_model == slug
        else:
            assert row.english_status == "original"
        assert row.english == english.text


def test_bundled_metadata_is_stored(service: ReadingService) -> None:
    journal = service.resolve("normalisasi-jepang-korea")
    assert journal.authors == ["Rahmi Fitriyanti", "Aurora Saubil Navira"]
    assert journal.year == 2024
    assert journal.lang == "id"
    assert journal.source is not None and "Emerald" in journal.source
    assert journal.meta["reference_translation"] is True
    assert journal.meta["title_en"].startswith("Efforts to Normalise")
    assert "Defence Diplomacy" in journal.meta["keywords"]
    chapter = service.resolve("aliansi-strategis-korea-as")
    assert (chapter.authors, chapter.year) == ([], None)


def test_sync_bundled_twice_changes_nothing(service: ReadingService) -> None:
    documents = {slug: service.resolve(slug) for slug in SLUGS}
    ids = {slug: paragraph_ids(service, slug) for slug in SLUGS}
    translations = service.library.conn.execute("SELECT count(*) FROM translations").fetchone()[0]
    assert service.sync_bundled() == []
    assert service.sync_bundled() == []
    assert {slug: service.resolve(slug) for slug in SLUGS} == documents
    assert {slug: paragraph_ids(service, slug) for slug in SLUGS} == ids
    assert len(service.summaries()) == 2
    count = service.library.conn.execute("SELECT count(*) FROM translations").fetchone()[0]
    assert count == translations


def test_reopening_the_library_does_not_reimport(db_path: Path) -> None:
    first = ReadingService.open(db_path, texts_dir=TEXTS)
    ids = {slug: paragraph_ids(first, slug) for slug in SLUGS}
    first.close()
    second = ReadingService.open(db_path, texts_dir=TEXTS)
    try:
        assert {slug: paragraph_ids(second, slug) for slug in SLUGS} == ids
        assert second.sync_bundled() == []
    finally:
        second.close()


def test_first_sync_reports_new_documents(db_path: Path) -> None:
    service = ReadingService.open(db_path, texts_dir=TEXTS, sync=False)
    try:
        assert service.summaries() == []
        outcomes = service.sync_bundled()
        assert sorted((o.document.slug, o.status) for o in outcomes) == sorted(
            (slug, "new") for slug in SLUGS
        )
        for outcome in outcomes:
            assert outcome.paragraphs == service.library.paragraph_count(outcome.document.id)
    finally:
        service.close()


def test_missing_texts_folder_means_an_empty_library(db_path: Path, tmp_path: Path) -> None:
    service = ReadingService.open(db_path, texts_dir=tmp_path / "tidak-ada")
    try:
        assert service.summaries() == []
        assert service.sync_bundled() == []
    finally:
        service.close()


def test_changed_bundled_file_updates_in_place_and_keeps_reading_state(
    db_path: Path, texts_copy: Path
) -> None:
    slug = "aliansi-strategis-korea-as"
    service = ReadingService.open(db_path, texts_dir=texts_copy)
    try:
        document = service.resolve(slug)
        before = service.rows(document)
        service.set_position(document, 10)
        service.toggle_bookmark(document, 3)
        service.toggle_bookmark(document, 12)
        assert before[2].text.startswith("Bab ini nantinya")

        replace_once(texts_copy / f"{slug}.id.md", "Bab ini nantinya", "Bab ini kelak")
        outcomes = service.sync_bundled()

        assert [(o.document.slug, o.status) for o in outcomes] == [(slug, "updated")]
        updated = service.resolve(slug)
        assert updated.id == document.id
        assert updated.sha256 != document.sha256
        after = service.rows(updated)
        assert [r.paragraph_id for r in after] == [r.paragraph_id for r in before]
        assert after[2].text.startswith("Bab ini kelak")
        assert after[2].english == before[2].english
        assert after[2].english_status == "reference"
        assert [r.text for r in after if r.seq != 3] == [r.text for r in before if r.seq != 3]
        assert service.position(updated) == 10
        assert service.bookmarks(updated) == [3, 12]
        assert service.search("kelak", lang="id")[0].seq == 3
        assert [h.seq for h in service.search("nantinya", lang="id") if h.slug == slug] == []
        assert service.sync_bundled() == []
    finally:
        service.close()


def test_corrected_reference_english_replaces_the_old(db_path: Path, texts_copy: Path) -> None:
    slug = "aliansi-strategis-korea-as"
    service = ReadingService.open(db_path, texts_dir=texts_copy)
    try:
        old = service.rows(service.resolve(slug), 3, 3)[0].english
        assert old is not None
        first_words = " ".join(old.split()[:3])
        replace_once(texts_copy / f"{slug}.en.md", first_words, "CORRECTED " + first_words)
        [outcome] = service.sync_bundled()
        assert outcome.status == "updated"
        [row] = service.rows(service.resolve(slug), 3, 3)
        assert row.english == "CORRECTED " + old
        assert row.english_status == "reference"
    finally:
        service.close()


def test_misaligned_bundled_english_is_reported(db_path: Path, texts_copy: Path) -> None:
    slug = "aliansi-strategis-korea-as"
    en_path = texts_copy / f"{slug}.en.md"
    en_path.write_text(en_path.read_text(encoding="utf-8") + "\nOne block too many.\n")
    with pytest.raises(DocumentFormatError, match="block for block"):
        ReadingService.open(db_path, texts_dir=texts_copy)


# Resolving ---------------------------------------------------------------------------


def test_resolve_by_slug(service: ReadingService) -> None:
    document = service.resolve("aliansi-strategis-korea-as")
    assert document.slug == "aliansi-strategis-korea-as"
    assert service.resolve("  aliansi-strategis-korea-as \n") == document


def test_resolve_by_id(service: ReadingService) -> None:
    document = service.resolve("normalisasi-jepang-korea")
    assert service.resolve(str(document.id)) == document


def test_resolve_by_imported_path(service: ReadingService, tmp_path: Path) -> None:
    path = write_document(tmp_path / "docs", "catatan", ["# Judul", "Isi."])
    imported = service.import_file(path).document
    assert service.resolve(str(path)) == imported
    assert service.resolve(str(tmp_path / "docs" / ".." / "docs" / "catatan.id.md")) == imported


def test_resolve_unknown_lists_the_known_slugs(service: ReadingService) -> None:
    with pytest.raises(DocumentNotFound) as caught:
        service.resolve("tidak-ada")
    message = str(caught.value)
    assert "'tidak-ada'" in message
    for slug in SLUGS:
        assert slug in message
    assert "dwibahasa list" in message


def test_resolve_unknown_id(service: ReadingService) -> None:
    with pytest.raises(DocumentNotFound):
        service.resolve("999999")


def test_resolve_in_an_empty_library_says_none_yet(db_path: Path, tmp_path: Path) -> None:
    service = ReadingService.open(db_path, texts_dir=tmp_path / "kosong")
    try:
        with pytest.raises(DocumentNotFound, match="none yet"):
            service.resolve("apa-saja")
    finally:
        service.close()


# Ranges --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("3-7", (3, 7)),
        ("5", (5, 5)),
        ("4-", (4, 10)),
        ("-2", (1, 2)),
        (" 2 - 4 ", (2, 4)),
        ("1-10", (1, 10)),
        ("10", (10, 10)),
        (None, (1, 10)),
        ("", (1, 10)),
        ("   ", (1, 10)),
    ],
)
def test_parse_range_accepts(spec: str | None, expected: tuple[int, int]) -> None:
    assert parse_range(spec, 10) == expected


@pytest.mark.parametrize("spec", ["abc", "1-x", "x-1", "3-7-9", "--", "1.5", "3..7", "1,3"])
def test_parse_range_refuses_malformed(spec: str) -> None:
    with pytest.raises(UserError, match="is not like 3-7, 5, 4- or -2"):
        parse_range(spec, 10)


@pytest.mark.parametrize("spec", ["7-3", "0", "0-2", "-0"])
def test_parse_range_refuses_empty_ranges(spec: str) -> None:
    with pytest.raises(UserError, match="is empty; paragraphs are numbered 1 to 10"):
        parse_range(spec, 10)


@pytest.mark.parametrize("spec", ["11", "5-11", "11-", "-11", "100-200"])
def test_parse_range_refuses_ranges_outside_the_document(spec: str) -> None:
    with pytest.raises(UserError, match="outside the document"):
        parse_range(spec, 10)


def test_rows_in_range(service: ReadingService) -> None:
    document = service.resolve("normalisasi-jepang-korea")
    total = service.library.paragraph_count(document.id)
    assert [r.seq for r in service.rows_in_range(document, "1-3")] == [1, 2, 3]
    assert [r.seq for r in service.rows_in_range(document, "7")] == [7]
    assert [r.seq for r in service.rows_in_range(document, f"{total - 1}-")] == [
        total - 1,
        total,
    ]
    assert len(service.rows_in_range(document, None)) == total
    with pytest.raises(UserError, match=f"paragraphs 1 to {total}"):
        service.rows_in_range(document, f"{total + 1}")


# Importing -------------------------------------------------------------------------------


def test_import_file_new_then_unchanged(service: ReadingService, tmp_path: Path) -> None:
    path = write_document(
        tmp_path / "docs",
        "catatan-saya",
        ["# Judul", "Paragraf satu.", "Paragraf dua."],
        english=["# Title", "Paragraph one.", "Paragraph two."],
    )
    outcome = service.import_file(path)
    assert (outcome.status, outcome.paragraphs) == ("new", 3)
    document = outcome.document
    assert (document.slug, document.title, document.origin) == (
        "catatan-saya",
        "Dokumen Uji",
        "imported",
    )
    assert document.path == str(path.resolve())
    rows = service.rows(document)
    assert [(r.text, r.english, r.english_status) for r in rows] == [
        ("Judul", "Title", "reference"),
        ("Paragraf satu.", "Paragraph one.", "reference"),
        ("Paragraf dua.", "Paragraph two.", "reference"),
    ]
    again = service.import_file(path)
    assert (again.status, again.paragraphs, again.document) == ("unchanged", 3, document)
    assert len(service.summaries()) == 3


def test_import_file_without_english(service: ReadingService, tmp_path: Path) -> None:
    path = write_document(tmp_path, "sendiri", ["Hanya bahasa Indonesia."])
    outcome = service.import_file(path)
    [row] = service.rows(outcome.document)
    assert (row.english, row.english_status) == (None, None)
    assert "reference_translation" not in outcome.document.meta


def test_import_file_updated_after_edit(service: ReadingService, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    path = write_document(folder, "catatan", ["Satu.", "Dua.", "Tiga."])
    first = service.import_file(path)
    service.set_position(first.document, 3)
    service.toggle_bookmark(first.document, 1)
    ids = [r.paragraph_id for r in service.rows(first.document)]
    write_document(folder, "catatan", ["Satu.", "Dua, diperbaiki."])
    outcome = service.import_file(path)
    assert (outcome.status, outcome.paragraphs) == ("updated", 2)
    assert outcome.document.id == first.document.id
    rows = service.rows(outcome.document)
    assert [r.text for r in rows] == ["Satu.", "Dua, diperbaiki."]
    assert [r.paragraph_id for r in rows] == ids[:2]
    assert service.position(outcome.document) == 2
    assert service.bookmarks(outcome.document) == [1]


def test_import_file_with_a_new_title_updates(service: ReadingService, tmp_path: Path) -> None:
    path = write_document(tmp_path, "catatan", ["Isi."])
    service.import_file(path)
    outcome = service.import_file(path, title="Judul Baru")
    assert (outcome.status, outcome.document.title) == ("updated", "Judul Baru")
    assert service.import_file(path, title="Judul Baru").status == "unchanged"


def test_import_file_with_a_bundled_slug_is_refused(
    service: ReadingService, tmp_path: Path
) -> None:
    path = write_document(tmp_path, "normalisasi-jepang-korea", ["Bukan jurnalnya."])
    bundled = service.resolve("normalisasi-jepang-korea")
    with pytest.raises(SlugTaken) as caught:
        service.import_file(path)
    message = str(caught.value)
    assert caught.value.slug == "normalisasi-jepang-korea"
    assert "bundled texts" in message
    assert "bundled" in message
    assert service.resolve("normalisasi-jepang-korea") == bundled
    outcome = service.import_file(path, slug="jurnal-saya")
    assert (outcome.status, outcome.document.slug) == ("new", "jurnal-saya")


def test_import_file_with_a_slug_taken_by_another_file_is_refused(
    service: ReadingService, tmp_path: Path
) -> None:
    first = write_document(tmp_path / "a", "catatan", ["Satu."])
    second = write_document(tmp_path / "b", "catatan", ["Dua."])
    service.import_file(first)
    with pytest.raises(SlugTaken, match="already used by") as caught:
        service.import_file(second)
    assert str(first.resolve()) in str(caught.value)


def test_import_file_reports_format_errors(service: ReadingService, tmp_path: Path) -> None:
    path = tmp_path / "rusak.md"
    path.write_text("---\ntitle: [tidak ditutup\n---\n\nIsi.\n", encoding="utf-8")
    with pytest.raises(DocumentFormatError, match="not valid YAML"):
        service.import_file(path)
    with pytest.raises(UserError, match="no such file"):
        service.import_file(tmp_path / "tidak-ada.md")
    assert len(service.summaries()) == 2


# Reading state, search and labels -----------------------------------------------------------


def test_position_defaults_to_the_first_paragraph(service: ReadingService) -> None:
    document = service.resolve("aliansi-strategis-korea-as")
    assert service.position(document) == 1
    service.set_position(document, 5)
    assert service.position(document) == 5
    [summary] = [s for s in service.summaries() if s.document.id == document.id]
    assert summary.position == 5


def test_toggle_bookmark(service: ReadingService) -> None:
    document = service.resolve("aliansi-strategis-korea-as")
    assert service.toggle_bookmark(document, 4) is True
    assert service.bookmarks(document) == [4]
    assert service.toggle_bookmark(document, 4) is False
    assert service.bookmarks(document) == []


def test_search_the_bundled_texts(service: ReadingService) -> None:
    indonesian = service.search("semikonduktor", lang="id")
    assert indonesian
    assert {h.slug for h in indonesian} == {"normalisasi-jepang-korea"}
    english = service.search("semiconductor", lang="en")
    assert {h.slug for h in english} == {"normalisasi-jepang-korea"}
    assert all("semiconductor" in h.text.lower() for h in english)


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_search_needs_a_word(service: ReadingService, query: str) -> None:
    with pytest.raises(UserError, match="at least one word"):
        service.search(query)


def _row(status: str | None, engine: str | None = None, model: str | None = None) -> BilingualRow:
    return BilingualRow(
        paragraph_id=1,
        seq=1,
        kind="paragraph",
        level=0,
        lang="id",
        text="x",
        english="y" if status else None,
        english_status=status,
        english_engine=engine,
        english_model=model,
    )


@pytest.mark.parametrize(
    ("row", "label"),
    [
        (_row("original"), "original English (in the source)"),
        (_row("reference", "reference", "slug"), "reference translation"),
        (_row("reviewed", "person"), "reviewed translation"),
        (_row("machine", "opus", "id-en"), "machine translation, not reviewed (opus, id-en)"),
        (_row("machine", "opus", ""), "machine translation, not reviewed (opus)"),
        (_row("machine"), "machine translation, not reviewed"),
        (_row(None), "no English yet"),
    ],
)
def test_source_label(row: BilingualRow, label: str) -> None:
    assert source_label(row) == label
