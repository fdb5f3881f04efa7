"""`ReadingService.translate_documents` and `TranslationRun`: the one way front ends translate."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.errors import UserError
from reader.library import DocumentRecord
from reader.service import ReadingService
from reader.translate import argos
from reader.translation import BATCH_PARAGRAPHS, Progress, TranslationRun
from tests.conftest import REPO

SEED = REPO / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"
BUNDLED = "aliansi-strategis-korea-as"
"""A bundled document with reference English for every paragraph."""

SILENT_WORKER = """
import os, sys, time
with open(sys.argv[1], "w") as pid_file:
    pid_file.write(str(os.getpid()))
print("loading the model...", file=sys.stderr, flush=True)
time.sleep(120)
"""
"""A worker that never says "ready": `python -c SILENT_WORKER PID_FILE PACKAGE_DIR`."""

SILENT_AFTER_READY = """
import os, sys, time
with open(sys.argv[1], "w") as pid_file:
    pid_file.write(str(os.getpid()))
print('{"event": "ready"}', flush=True)
time.sleep(120)
"""
"""A worker that loads, then never answers a request."""

FAILING_WORKER = "import sys; sys.exit('this worker must not be started')"


def wait_for_pid(pid_file: Path, timeout: float = 20) -> int:
    """The pid a fake worker wrote, once it has written it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = pid_file.read_text() if pid_file.exists() else ""
        if text:
            return int(text)
        time.sleep(0.02)
    raise AssertionError(f"no worker wrote {pid_file}")


def assert_gone(pid: int) -> None:
    """The process has exited and been reaped."""
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.fixture
def chapter(service: ReadingService) -> ReadingService:
    """The raw journal seed imported as "bab": most of it has no English."""
    service.import_file(SEED, slug="bab")
    return service


@pytest.fixture
def worker_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Every argos worker this test starts runs the returned command (edit it in place)."""
    command: list[str] = []
    monkeypatch.setattr(argos, "WORKER_COMMAND", command)
    return command


def _note(tmp_path: Path, service: ReadingService) -> DocumentRecord:
    note = tmp_path / "catatan.txt"
    note.write_text(
        "Kementerian Pertahanan menyusun rencana strategis lima tahun.\n\n"
        "Anggaran pertahanan naik sebesar 12 persen pada tahun 2024.\n",
        encoding="utf-8",
    )
    service.import_file(note)
    return service.resolve("catatan")


# Nothing to translate ------------------------------------------------------------------


def test_nothing_to_translate_needs_no_model(service: ReadingService, models_dir: Path) -> None:
    document = service.resolve(BUNDLED)
    [report] = service.translate_documents([document], "argos")
    assert (report.needed, report.translated, report.error) == (0, 0, None)
    assert report.already == len(service.rows(document))


def test_nothing_to_translate_starts_no_worker(
    chapter: ReadingService, installed_model: Path, worker_command: list[str]
) -> None:
    document = chapter.resolve("bab")
    worker_command.extend([sys.executable, "-m", "reader.translate.worker"])
    [first] = chapter.translate_documents([document], "argos")
    assert first.needed == first.translated > 0
    worker_command[:] = [sys.executable, "-c", FAILING_WORKER]
    [second] = chapter.translate_documents([document], "argos")
    assert (second.needed, second.translated, second.error) == (0, 0, None)
    assert second.model == "translate-id_en 0.0.1"


def test_missing_english_without_a_model_says_how_to_get_one(
    chapter: ReadingService, models_dir: Path
) -> None:
    with pytest.raises(UserError, match="models install"):
        chapter.translate_documents([chapter.resolve("bab")], "argos")


def test_force_without_a_model_needs_one_only_for_machine_english(
    service: ReadingService, models_dir: Path
) -> None:
    [report] = service.translate_documents([service.resolve(BUNDLED)], "argos", force=True)
    assert report.needed == 0  # reference English is never redone, even with force


def test_unknown_engine_is_refused_without_naming_a_flag(service: ReadingService) -> None:
    with pytest.raises(UserError) as raised:
        service.translate_documents([service.resolve(BUNDLED)], "deepl")
    assert "deepl" in str(raised.value) and "--" not in str(raised.value)


# Progress --------------------------------------------------------------------------------


def test_progress_names_the_document_it_is_about(
    chapter: ReadingService, installed_model: Path, tmp_path: Path
) -> None:
    documents = [chapter.resolve("bab"), _note(tmp_path, chapter)]
    seen: list[tuple[str, int, int]] = []

    def on_progress(document: DocumentRecord, progress: Progress) -> None:
        seen.append((document.slug, progress.done, progress.total))

    reports = chapter.translate_documents(documents, "argos", on_progress=on_progress)
    assert [report.document.slug for report in reports] == ["bab", "catatan"]
    slugs = [slug for slug, _, _ in seen]
    assert slugs == ["bab"] * slugs.count("bab") + ["catatan"] * slugs.count("catatan")
    for report in reports:
        mine = [(done, total) for slug, done, total in seen if slug == report.document.slug]
        assert mine[0] == (0, report.needed) and mine[-1] == (report.needed, report.needed)
        assert report.translated == report.needed > 0 and report.error is None


def test_progress_names_the_texts_each_batch_stored(
    chapter: ReadingService, installed_model: Path
) -> None:
    document = chapter.resolve("bab")
    pending = chapter.library.texts_needing_english(
        document.id, engine="argos", model="translate-id_en 0.0.1"
    )
    batches: list[tuple[int, tuple[str, ...]]] = []

    def on_progress(document: DocumentRecord, progress: Progress) -> None:
        batches.append((progress.done, progress.stored))

    [report] = chapter.translate_documents([document], "argos", on_progress=on_progress)
    assert batches[0] == (0, ()), "nothing is stored as the document begins"
    assert all(0 < len(stored) <= BATCH_PARAGRAPHS for _, stored in batches[1:])
    stored = [text for _, texts in batches for text in texts]
    assert stored == pending and len(stored) == report.translated


def test_reference_engine_runs_through_the_same_helper(
    service: ReadingService, tmp_path: Path, models_dir: Path
) -> None:
    copy = tmp_path / "salinan.txt"
    copy.write_text(service.rows(service.resolve(BUNDLED), 3, 3)[0].text + "\n", encoding="utf-8")
    service.import_file(copy)
    [report] = service.translate_documents([service.resolve("salinan")], "reference")
    assert report.engine == "reference" and report.error is None


# Cancel ------------------------------------------------------------------------------------


def test_cancel_from_another_thread_stops_a_worker_still_loading(
    chapter: ReadingService, installed_model: Path, worker_command: list[str], tmp_path: Path
) -> None:
    pid_file = tmp_path / "pid"
    worker_command.extend([sys.executable, "-c", SILENT_WORKER, str(pid_file)])
    run = TranslationRun()
    reports = []
    documents = [chapter.resolve("bab"), _note(tmp_path, chapter)]
    thread = threading.Thread(
        target=lambda: reports.extend(chapter.translate_documents(documents, "argos", cancel=run))
    )
    thread.start()
    pid = wait_for_pid(pid_file)
    started = time.monotonic()
    run.cancel()
    thread.join(timeout=10)
    assert not thread.is_alive() and time.monotonic() - started < 10
    assert [(r.cancelled, r.error, r.translated) for r in reports] == [(True, None, 0)] * 2
    assert_gone(pid)


def test_cancel_keeps_the_stored_batches_and_skips_the_other_documents(
    chapter: ReadingService, installed_model: Path, tmp_path: Path
) -> None:
    documents = [chapter.resolve("bab"), _note(tmp_path, chapter)]
    run = TranslationRun()

    def cancel_after_first_batch(document: DocumentRecord, progress: Progress) -> None:
        if progress.done > 0:
            run.cancel()

    first, second = chapter.translate_documents(
        documents, "argos", on_progress=cancel_after_first_batch, cancel=run
    )
    assert first.cancelled and first.error is None
    assert first.translated == BATCH_PARAGRAPHS < first.needed
    assert second.cancelled and second.translated == 0 and second.needed > 0
    machine = [r for r in chapter.rows(documents[0]) if r.english_status == "machine"]
    assert len(machine) >= BATCH_PARAGRAPHS


def test_cancel_before_the_run_starts_nothing(
    chapter: ReadingService, installed_model: Path, worker_command: list[str]
) -> None:
    worker_command.extend([sys.executable, "-c", FAILING_WORKER])
    run = TranslationRun()
    run.cancel()
    [report] = chapter.translate_documents([chapter.resolve("bab")], "argos", cancel=run)
    assert report.cancelled and report.error is None and report.translated == 0


def test_run_shows_its_engine_only_while_it_runs(
    chapter: ReadingService, installed_model: Path
) -> None:
    run = TranslationRun()
    pids: list[int | None] = []

    def on_progress(document: DocumentRecord, progress: Progress) -> None:
        pids.append(getattr(run.engine, "pid", None))

    chapter.translate_documents(
        [chapter.resolve("bab")], "argos", on_progress=on_progress, cancel=run
    )
    assert pids[0] is None  # the worker starts with the first batch
    assert pids[-1] is not None and pids[-1] != os.getpid()
    assert run.engine is None
