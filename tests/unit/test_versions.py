"""Re-importing a changed document: a new version that keeps what the reader had."""

from __future__ import annotations

from pathlib import Path

from reader import library as library_module
from reader.library import Library, ParagraphInput
from tests.conftest import old_library


def _save(library: Library, texts: list[str]) -> int:
    document = library.save_document(
        slug="dok",
        title="Dokumen",
        authors=[],
        source=None,
        year=None,
        lang="id",
        sha256=str(hash(tuple(texts))),
        origin="imported",
        path=None,
        meta={},
        paragraphs=[ParagraphInput(kind="paragraph", text=t, lang="id") for t in texts],
    )
    return document.id


def _ids(library: Library, document_id: int) -> dict[str, int]:
    return {row.text: row.paragraph_id for row in library.bilingual_rows(document_id)}


def test_paragraph_inserted_at_the_start_keeps_the_others_rows(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    document_id = _save(library, ["Satu.", "Dua.", "Tiga."])
    before = _ids(library, document_id)
    _save(library, ["Baru.", "Satu.", "Dua.", "Tiga."])
    after = _ids(library, document_id)
    assert {t: after[t] for t in before} == before
    assert [row.seq for row in library.bilingual_rows(document_id)] == [1, 2, 3, 4]


def test_bookmarks_and_position_follow_their_paragraphs(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    document_id = _save(library, ["Satu.", "Dua.", "Tiga."])
    library.set_position(document_id, 3)
    library.toggle_bookmark(document_id, 2)
    _save(library, ["Baru.", "Lagi.", "Satu.", "Dua.", "Tiga."])
    assert library.position(document_id) == 5
    assert library.bookmarks(document_id) == [4]


def test_bookmark_on_a_removed_paragraph_is_dropped(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    document_id = _save(library, ["Satu.", "Dua.", "Tiga.", "Empat."])
    library.toggle_bookmark(document_id, 2)
    library.toggle_bookmark(document_id, 4)
    _save(library, ["Satu.", "Tiga.", "Empat."])
    assert library.bookmarks(document_id) == [3]


def test_reviewed_translation_of_an_unchanged_paragraph_survives(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    document_id = _save(library, ["Satu.", "Dua."])
    library.put_translation("Dua.", "Two (reviewed).", engine="human", status="reviewed")
    _save(library, ["Satu diubah.", "Dua."])
    rows = library.bilingual_rows(document_id)
    assert (rows[1].english, rows[1].english_status) == ("Two (reviewed).", "reviewed")


def test_each_change_raises_the_version(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    document_id = _save(library, ["Satu."])
    _save(library, ["Satu.", "Dua."])
    _save(library, ["Satu.", "Dua.", "Tiga."])
    document = library.document(id=document_id)
    assert document is not None and document.version == 3


def test_old_library_is_migrated_to_versions(tmp_path: Path) -> None:
    path = tmp_path / "lama.db"
    old_library(path, "m002_document_versions")
    library = Library.open(path)
    assert library.schema_version == library_module.SCHEMA_VERSION
    assert "version" in library.db["documents"].columns_dict
