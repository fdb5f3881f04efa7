"""Offline machine translation through the argos worker, on the project's tiny model."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from reader.errors import UserError
from reader.service import ReadingService
from reader.translate.argos import ArgosEngine
from reader.translate.engine import EngineCancelled, TranslationEngineError
from reader.translate.models import (
    InstalledModel,
    ModelError,
    download_package,
    find_model,
    install_package,
    list_models,
    validate_package,
)
from reader.translate.reference import ReferenceEngine
from reader.translation import translate_document
from tests.argos_model import PACKAGE_ROOT, build_package
from tests.conftest import REPO, Invoke, assert_one_line_error
from tests.unit.test_translation_run import (
    SILENT_AFTER_READY,
    SILENT_WORKER,
    assert_gone,
    wait_for_pid,
)

SEED = REPO / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"


@pytest.fixture
def chapter(service: ReadingService) -> ReadingService:
    """The raw journal seed imported as "bab": most of it has no reference English."""
    service.import_file(SEED, slug="bab")
    return service


def _machine_rows(service: ReadingService, slug: str) -> list[str]:
    rows = service.rows(service.resolve(slug))
    return [row.english or "" for row in rows if row.english_status == "machine"]


# Models -------------------------------------------------------------------------------


def test_installed_model_is_listed(installed_model: Path) -> None:
    [model] = list_models()
    assert (model.from_code, model.to_code, model.version) == ("id", "en", "0.0.1")
    assert model.path == installed_model
    assert find_model().name == "translate-id_en 0.0.1"


def _rezip(
    source: Path, target: Path, *, drop: str = "", add: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            if drop and info.filename.endswith(drop):
                continue
            zout.writestr(info, zin.read(info.filename))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return target


BAD_MODELS = {
    "not a zip": (lambda src, d: _write(d / "x.argosmodel", b"not a zip"), "zip archive"),
    "no metadata": (
        lambda src, d: _rezip(src, d / "x.argosmodel", drop="metadata.json"),
        "metadata",
    ),
    "no model": (lambda src, d: _rezip(src, d / "x.argosmodel", drop="model.bin"), "model.bin"),
    "no tokenizer": (
        lambda src, d: _rezip(src, d / "x.argosmodel", drop="sentencepiece.model"),
        "tokenizer",
    ),
    "two top folders": (
        lambda src, d: _rezip(src, d / "x.argosmodel", add={"other/readme.txt": b"x"}),
        "one top folder",
    ),
    "path escape": (
        lambda src, d: _rezip(src, d / "x.argosmodel", add={f"{PACKAGE_ROOT}/../evil": b"x"}),
        "unsafe path",
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(BAD_MODELS))
def test_bad_model_file_is_refused_and_breaks_nothing(
    installed_model: Path, tiny_model_file: Path, tmp_path: Path, case: str
) -> None:
    make, expected = BAD_MODELS[case]
    bad = make(tiny_model_file, tmp_path)
    before = sorted(p.name for p in installed_model.parent.iterdir())
    with pytest.raises(ModelError, match=expected):
        install_package(bad)
    assert sorted(p.name for p in installed_model.parent.iterdir()) == before
    assert find_model().path == installed_model


def test_model_for_another_language_pair_is_refused(tmp_path: Path, models_dir: Path) -> None:
    wrong = build_package(
        tmp_path / "en_id.argosmodel", metadata_overrides={"from_code": "en", "to_code": "id"}
    )
    with pytest.raises(ModelError, match="not id→en"):
        validate_package(wrong)
    assert list_models() == []


def test_reinstalling_replaces_the_model_atomically(
    installed_model: Path, tiny_model_file: Path
) -> None:
    install_package(tiny_model_file)
    assert [m.path for m in list_models()] == [installed_model]
    assert not any(p.name.startswith(".") for p in installed_model.parent.iterdir())


def test_download_offline_says_how_to_install_from_a_file(models_dir: Path, offline: None) -> None:
    with pytest.raises(ModelError, match="models install FILE"):
        download_package(timeout=1)


def test_no_model_installed_says_what_to_do(models_dir: Path) -> None:
    with pytest.raises(UserError, match="models download"):
        ArgosEngine()


# Translation --------------------------------------------------------------------------


def test_translates_a_document_through_the_worker(
    chapter: ReadingService, installed_model: Path
) -> None:
    document = chapter.resolve("bab")
    engine = chapter.make_engine("argos")
    try:
        report = chapter.translate(document, engine)
        assert engine.pid is not None and engine.pid != os.getpid()
    finally:
        engine.close()
    assert report.error is None and report.translated > 0
    rows = chapter.rows(document)
    needing = [r for r in rows if r.english_status not in ("reference", "original")]
    assert needing and all(r.english_status == "machine" for r in needing)
    assert all(r.english_engine == "argos" for r in needing)
    assert all(r.english_model == "translate-id_en 0.0.1" for r in needing)


def test_second_run_is_a_cache_hit_and_starts_no_worker(
    chapter: ReadingService, installed_model: Path
) -> None:
    document = chapter.resolve("bab")
    first = chapter.make_engine("argos")
    chapter.translate(document, first)
    first.close()
    second = chapter.make_engine("argos")
    report = chapter.translate(document, second)
    assert report.translated == 0
    assert isinstance(second, ArgosEngine) and second.pid is None


def test_killed_worker_loses_one_batch_and_the_next_run_resumes(
    chapter: ReadingService, installed_model: Path
) -> None:
    document = chapter.resolve("bab")
    engine = ArgosEngine()
    seen: list[int] = []

    def kill_after_first_batch(progress: object) -> None:
        done = getattr(progress, "done", 0)
        seen.append(done)
        if done > 0 and len(seen) == 2 and engine.pid is not None:
            os.kill(engine.pid, signal.SIGKILL)  # the worker dies as if it crashed

    report = translate_document(
        chapter.library, document, engine, on_progress=kill_after_first_batch, batch_paragraphs=3
    )
    engine.close()
    assert report.error is not None and "stopped" in report.error
    # The first batch is kept; the one sent ahead is kept too if it came back before the kill.
    assert report.translated in (3, 6) and report.translated < report.needed
    pending = chapter.library.texts_needing_english(
        document.id, engine="argos", model="translate-id_en 0.0.1"
    )
    engine = ArgosEngine()
    resumed = translate_document(chapter.library, document, engine)
    engine.close()
    assert resumed.translated == len(pending) > 0
    assert resumed.error is None


def test_force_redoes_machine_output_but_never_reviewed_english(
    chapter: ReadingService, installed_model: Path
) -> None:
    document = chapter.resolve("bab")
    engine = chapter.make_engine("argos")
    first = chapter.translate(document, engine)
    machine_seq = next(r.seq for r in chapter.rows(document) if r.english_status == "machine")
    chapter.review_english(document, machine_seq, "A reviewed sentence.")
    forced = chapter.translate(document, engine, force=True)
    engine.close()
    assert forced.translated == first.translated - 1
    row = chapter.rows(document, machine_seq, machine_seq)[0]
    assert (row.english, row.english_status) == ("A reviewed sentence.", "reviewed")


def test_bpe_package_like_the_real_one_translates(
    chapter: ReadingService, tmp_path: Path, models_dir: Path, offline: None
) -> None:
    install_package(build_package(tmp_path / "bpe.argosmodel", tokenizer="bpe"))
    engine = ArgosEngine()
    try:
        english = engine.translate(["Presiden membahas keamanan nasional. Rakyat menjaga."])
    finally:
        engine.close()
    assert isinstance(english[0], str)


def test_worker_reports_a_broken_package(models_dir: Path, installed_model: Path) -> None:
    (installed_model / "model" / "model.bin").write_bytes(b"broken")
    engine = ArgosEngine()
    with pytest.raises(TranslationEngineError):
        engine.translate(["Satu kalimat."])
    engine.close()


def test_reference_engine_reuses_a_persons_english(service: ReadingService, tmp_path: Path) -> None:
    copy = tmp_path / "salinan.txt"
    copy.write_text(
        "Situasi keamanan di Semenanjung Korea yang belum kondusif.\n", encoding="utf-8"
    )
    service.import_file(copy)
    bundled = service.resolve("aliansi-strategis-korea-as")
    text = service.rows(bundled, 3, 3)[0].text
    copy.write_text(text + "\n", encoding="utf-8")
    service.import_file(copy)
    document = service.resolve("salinan")
    assert service.rows(document)[0].english_status == "reference"


# Start timeout and cancel ---------------------------------------------------------------


def _fake_model(folder: Path) -> InstalledModel:
    """A package folder for a fake worker, which never reads it."""
    return InstalledModel(folder, "translate-id_en", "0.0.0", "id", "en", "sentencepiece")


def test_worker_that_never_gets_ready_is_killed_after_the_start_timeout(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    command = [sys.executable, "-c", SILENT_WORKER, str(pid_file)]
    engine = ArgosEngine(_fake_model(tmp_path), command=command, start_timeout=0.5)
    started = time.monotonic()
    with pytest.raises(TranslationEngineError) as raised:
        engine.translate(["Satu kalimat."])
    assert time.monotonic() - started < 10
    message = str(raised.value)
    assert "did not start within 0.5 s" in message
    assert "loading the model" in message  # the worker's last words on stderr
    assert_gone(wait_for_pid(pid_file))
    engine.close()


def test_cancel_from_another_thread_stops_a_worker_still_loading(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    command = [sys.executable, "-c", SILENT_WORKER, str(pid_file)]
    engine = ArgosEngine(_fake_model(tmp_path), command=command, start_timeout=60)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            engine.translate(["Satu kalimat."])
        except TranslationEngineError as error:
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    pid = wait_for_pid(pid_file)
    engine.cancel()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert [type(error) for error in errors] == [EngineCancelled]
    assert_gone(pid)
    with pytest.raises(EngineCancelled):  # a cancelled engine stays stopped
        engine.translate(["Satu kalimat."])
    engine.close()


def test_cancel_drops_the_batch_in_flight(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    command = [sys.executable, "-c", SILENT_AFTER_READY, str(pid_file)]
    engine = ArgosEngine(_fake_model(tmp_path), command=command, start_timeout=60)
    engine.start()
    pid = wait_for_pid(pid_file)
    timer = threading.Timer(0.2, engine.cancel)
    timer.start()
    with pytest.raises(EngineCancelled):
        engine.translate(["Satu kalimat."])  # the worker never answers: only cancel ends it
    timer.join()
    assert_gone(pid)
    engine.close()


def test_cancel_after_a_batch_stops_the_real_worker(installed_model: Path) -> None:
    engine = ArgosEngine()
    [english] = engine.translate(["Satu kalimat."])
    assert english is not None
    pid = engine.pid
    assert pid is not None
    engine.cancel()
    with pytest.raises(EngineCancelled):
        engine.translate(["Dua kalimat."])
    engine.close()
    assert_gone(pid)


def test_cancelled_reference_engine_looks_nothing_up(service: ReadingService) -> None:
    engine = ReferenceEngine(service.library)
    engine.cancel()
    with pytest.raises(EngineCancelled):
        engine.translate(["Satu kalimat."])


def test_nothing_reaches_the_network(offline: None) -> None:
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("127.0.0.1", 9))


# CLI ----------------------------------------------------------------------------------


def test_cli_translate_reports_json(
    dwibahasa: Invoke, installed_model: Path, db_path: Path
) -> None:
    dwibahasa("import", str(SEED), "--slug", "bab")
    code, out, err = dwibahasa("translate", "bab", "--json")
    assert code == 0, err
    [report] = json.loads(out)
    assert report["engine"] == "argos" and report["translated"] > 0
    code, out, _ = dwibahasa("translate", "bab", "--json")
    assert json.loads(out)[0]["translated"] == 0
    shown = json.loads(dwibahasa("show", "bab", "--json")[1])
    assert {"machine", "reference"} <= {row["en_source"] for row in shown}


def test_cli_models_install_and_list(
    dwibahasa: Invoke, models_dir: Path, tiny_model_file: Path
) -> None:
    code, out, _ = dwibahasa("models", "install", str(tiny_model_file))
    assert code == 0 and "installed translate-id_en 0.0.1" in out
    listed = json.loads(dwibahasa("models", "list", "--json")[1])
    assert [m["code"] for m in listed] == ["translate-id_en"]


def test_cli_bad_model_is_one_line_error(
    dwibahasa: Invoke, models_dir: Path, tmp_path: Path
) -> None:
    bad = _write(tmp_path / "rusak.argosmodel", b"junk")
    assert_one_line_error(*dwibahasa("models", "install", str(bad)))


def test_cli_translate_without_model_is_one_line_error(dwibahasa: Invoke, models_dir: Path) -> None:
    dwibahasa("import", str(SEED), "--slug", "bab")
    code, out, err = dwibahasa("translate", "bab")
    assert_one_line_error(code, out, err)
    assert "models install" in err


def test_cli_translate_with_nothing_missing_needs_no_model(
    dwibahasa: Invoke, models_dir: Path
) -> None:
    code, out, err = dwibahasa("translate", "aliansi-strategis-korea-as", "--json")
    assert code == 0, err
    [report] = json.loads(out)
    assert report["translated"] == 0 and report["error"] is None


REAL_MODEL = os.environ.get("DWIBAHASA_REAL_MODEL")


@pytest.mark.skipif(
    not REAL_MODEL, reason="set DWIBAHASA_REAL_MODEL to a translate-id_en .argosmodel"
)
def test_real_model_translates_into_english(models_dir: Path, offline: None) -> None:
    install_package(Path(str(REAL_MODEL)))
    engine = ArgosEngine()
    try:
        [english] = engine.translate(["Keamanan nasional adalah kepentingan utama negara."])
    finally:
        engine.close()
    assert english is not None and "security" in english.lower()
