"""Messages of the core (library, import, translation) in the interface language.

Every test switches to Indonesian with `i18n.activate("id")` (the autouse fixture
switches back to English afterwards) and checks a real message, placeholders
filled; the English ones stay as they were.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fpdf import FPDF

from reader import i18n
from reader.documents import load_source, read_text_file
from reader.errors import DatabaseError, DocumentFormatError, UserError
from reader.importing import prepare
from reader.ingest.clean import CleanReport
from reader.ingest.decode import looks_binary
from reader.ingest.model import Removed
from reader.ingest.pipeline import Ingested
from reader.ingest.read import ImportFailed, read_file
from reader.library import Library
from reader.translate.argos import ArgosEngine
from reader.translate.engine import TranslationEngineError
from reader.translate.models import ModelError, find_model, validate_package
from reader.translation import Progress, describe_flag
from tests.conftest import REPO, Invoke

SEED = REPO / "tests" / "fixtures" / "seeds" / "003_6ecca5270ea43959.txt"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def _failure(path: Path) -> str:
    """What importing `path` fails with, without the file name in front."""
    with pytest.raises(ImportFailed) as raised:
        read_file(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


def _scanned_pdf(path: Path) -> Path:
    """A "scan": a page of marks and no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40, style="F")
    pdf.output(str(path))
    return path


# --- import errors -----------------------------------------------------------------------


def test_empty_file_is_refused_in_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "kosong.txt"
    path.write_bytes(b"  \n\n")
    i18n.activate("id")
    assert _failure(path) == "berkas kosong; pilih berkas yang berisi teks"


def test_binary_file_names_its_kind_in_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "gambar.txt"
    path.write_bytes(PNG)
    i18n.activate("id")
    assert _failure(path) == (
        "tampaknya berkas biner (gambar PNG), bukan teks; "
        "impor berkas .txt, .md, .html, .pdf, atau .docx"
    )
    assert looks_binary(PNG) == "PNG image"  # the description itself stays a fact in English


def test_pdf_without_text_layer_asks_for_ocr_in_indonesian(tmp_path: Path) -> None:
    path = _scanned_pdf(tmp_path / "pindaian.pdf")
    i18n.activate("id")
    assert _failure(path) == (
        "tidak memiliki lapisan teks: jalankan OCR dulu (mis. ocrmypdf) lalu impor hasilnya"
    )


def test_file_over_the_limit_shows_sizes_the_indonesian_way(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_bytes(b"kata " * 400)
    small = tmp_path / "kecil.txt"
    small.write_bytes(b"kata " * 60)
    i18n.activate("id")
    assert _failure_with_limit(path, 1536) == "berukuran 2 KB, melebihi batas 1,5 KB"
    assert _failure_with_limit(small, 200) == "berukuran 300 byte, melebihi batas 200 byte"
    i18n.activate("en")
    assert _failure_with_limit(path, 1536) == "is 2 KB, over the 1.5 KB limit"


def test_cli_names_its_size_option_in_indonesian(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_bytes(b"kata " * 300_000)
    code, _out, err = dwibahasa("--ui-lang", "id", "import", str(path), "--max-size", "1")
    assert code == 1
    assert err.strip().endswith("melebihi batas 1 MB; gunakan --max-size untuk mengizinkannya"), err


def _failure_with_limit(path: Path, max_bytes: int) -> str:
    with pytest.raises(ImportFailed) as raised:
        read_file(path, max_bytes=max_bytes)
    return str(raised.value).removeprefix(f"{path}: ")


def test_missing_texts_format_file_is_reported_in_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "tidak-ada.id.md"
    i18n.activate("id")
    with pytest.raises(DocumentFormatError) as raised:
        load_source(path)
    assert str(raised.value) == f"{path}: berkas tidak ditemukan"


def test_document_format_error_keeps_the_key_it_names(tmp_path: Path) -> None:
    path = tmp_path / "tanpa-judul.id.md"
    path.write_text("---\nlang: id\n---\n\nSatu paragraf.\n", encoding="utf-8")
    i18n.activate("id")
    with pytest.raises(DocumentFormatError) as raised:
        load_source(path)
    assert str(raised.value) == f"{path}: front matter memerlukan 'title'"


def test_reference_translation_out_of_step_counts_blocks_in_indonesian(tmp_path: Path) -> None:
    front = "---\ntitle: Uji\nlang: {lang}\n---\n\n"
    source = tmp_path / "uji.id.md"
    source.write_text(front.format(lang="id") + "Satu.\n\nDua.\n", encoding="utf-8")
    english = tmp_path / "uji.en.md"
    english.write_text(front.format(lang="en") + "One.\n", encoding="utf-8")
    i18n.activate("id")
    with pytest.raises(DocumentFormatError) as raised:
        load_source(source)
    assert str(raised.value) == (
        f"{english}: memiliki 1 blok, sedangkan sumbernya 2; "
        "terjemahan rujukan harus sesuai blok demi blok"
    )


def test_cli_import_error_is_indonesian_with_ui_lang(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "kosong.txt"
    path.write_bytes(b"\n")
    code, _out, err = dwibahasa("--ui-lang", "id", "import", str(path))
    assert code == 1
    assert f"{path}: berkas kosong; pilih berkas yang berisi teks" in err


# --- the import summary --------------------------------------------------------------------


def test_import_summary_is_indonesian_for_people() -> None:
    removed = Removed(page_numbers=2, running_headers=3, notices=1, catchwords=1)
    i18n.activate("id")
    assert removed.describe() == (
        "dihapus: 2 nomor halaman, 3 kepala/kaki halaman berulang, "
        "1 keterangan hak cipta/kontak, 1 kata alihan"
    )


def test_import_summary_for_json_stays_english_whatever_the_interface() -> None:
    removed = Removed(page_numbers=2, notices=1)
    i18n.activate("id")
    assert removed.describe(i18n.translation("en")) == (
        "removed 2 page numbers, 1 copyright/contact notices"
    )


def test_prepared_import_keeps_an_english_summary_and_counts_for_people() -> None:
    i18n.activate("id")
    prepared = prepare(SEED)
    assert prepared.summary.startswith("removed ") and "page numbers" in prepared.summary
    assert prepared.removed.page_numbers > 0
    assert prepared.removed.describe().startswith(
        f"dihapus: {prepared.removed.page_numbers} nomor halaman"
    )


def test_nothing_removed_is_said_in_no_language() -> None:
    i18n.activate("id")
    assert Removed().describe() == ""
    assert not Removed()


def test_english_summary_is_worded_as_before() -> None:
    report = CleanReport(page_numbers=3, catchwords=1)
    report.record("a", "running-header")
    report.record("b", "running-header")
    ingested = Ingested(title=None, blocks=[], source_format="txt", report=report)
    assert ingested.removed_summary() == (
        "removed 3 page numbers, 2 running headers/footers, 1 catch-words"
    )


# --- translation progress and flags ---------------------------------------------------------


def test_progress_shows_rate_and_time_left_in_indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "monotonic", lambda: 108.0)
    progress = Progress(done=25, total=85, started=100.0)
    i18n.activate("id")
    assert progress.describe() == "25/85 · 3,1 ¶/dtk · sisa 19 dtk"


def test_progress_in_english_is_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "monotonic", lambda: 108.0)
    assert Progress(done=25, total=85, started=100.0).describe() == "25/85 · 3.1 ¶/s · 19 s left"
    assert Progress(done=85, total=85, started=100.0).describe() == "85/85 · 10.6 ¶/s"
    assert Progress(done=0, total=85, started=100.0).describe() == "0/85"


def test_stored_flag_is_shown_in_indonesian_but_stays_english_data() -> None:
    i18n.activate("id")
    assert describe_flag("numbers missing: 842.000, 2,78") == "angka hilang: 842.000, 2,78"
    assert describe_flag("something else") == "something else"


# --- library, models, worker ------------------------------------------------------------------


def test_library_path_that_is_a_folder_is_refused_in_indonesian(tmp_path: Path) -> None:
    i18n.activate("id")
    with pytest.raises(DatabaseError) as raised:
        Library.open(tmp_path)
    assert str(raised.value) == f"{tmp_path}: ini folder; berikan jalur berkas untuk pustaka"


def test_file_that_is_not_a_library_is_refused_in_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "bukan.db"
    path.write_bytes(b"bukan basis data " * 200)
    i18n.activate("id")
    with pytest.raises(DatabaseError) as raised:
        Library.open(path)
    # The reason in brackets is SQLite's own text: a value, not part of the message.
    assert str(raised.value) == f"{path}: pustaka tidak dapat dibuka (file is not a database)"


def test_missing_model_says_what_to_run_in_indonesian(models_dir: Path) -> None:
    i18n.activate("id")
    with pytest.raises(UserError) as raised:
        find_model()
    assert str(raised.value) == (
        "belum ada model terjemahan id→en yang terpasang; jalankan 'dwibahasa models download' "
        "(daring) atau 'dwibahasa models install BERKAS.argosmodel'"
    )


def test_model_file_that_is_not_a_zip_is_refused_in_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "model.argosmodel"
    path.write_bytes(b"bukan zip")
    i18n.activate("id")
    with pytest.raises(ModelError) as raised:
        validate_package(path)
    assert str(raised.value) == f"{path}: bukan model Argos (harus berupa arsip zip)"


def test_worker_that_cannot_load_its_model_is_reported_in_indonesian(
    installed_model: Path,
) -> None:
    (installed_model / "model" / "model.bin").write_bytes(b"rusak")
    i18n.activate("id")
    engine = ArgosEngine()
    try:
        with pytest.raises(TranslationEngineError) as raised:
            engine.translate(["Satu kalimat."])
    finally:
        engine.close()
    assert str(raised.value).startswith(
        f"proses penerjemah gagal: {installed_model} tidak dapat dimuat: "
    )


def test_english_errors_are_worded_as_before(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.md"
    empty.write_bytes(b"")
    with pytest.raises(DocumentFormatError) as raised:
        read_text_file(empty)
    assert str(raised.value) == f"{empty}: the file is empty"
    path = tmp_path / "gambar.txt"
    path.write_bytes(PNG)
    assert _failure(path) == (
        "looks like a binary file (PNG image), not text; "
        "import a .txt, .md, .html, .pdf or .docx file"
    )
