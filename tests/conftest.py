"""Shared fixtures: every test gets its own library file and data folders."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from reader import i18n
from reader.cli import main
from reader.service import ReadingService

# Deterministic property tests: the same examples on every run and every machine.
settings.register_profile("dwibahasa", derandomize=True, database=None, deadline=None)
settings.load_profile("dwibahasa")

REPO = Path(__file__).resolve().parent.parent
TEXTS = REPO / "texts"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does touches the user's real library or config."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("DWIBAHASA_DB", str(tmp_path / "env-library.db"))


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English messages whatever the machine's locale; a test may switch."""
    for name in (*i18n.LOCALE_VARIABLES, i18n.UI_LANG_ENV):
        monkeypatch.delenv(name, raising=False)
    i18n.activate("en")
    yield
    i18n.activate("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture(scope="session")
def bundled_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library file with the bundled texts and glossary imported, built once per run.

    Importing them takes about a second; tests copy this file instead. Opening the copy
    still runs the real (cheap, hash-checked) sync, so the state is what a first open makes.
    """
    path = tmp_path_factory.mktemp("template") / "library.db"
    ReadingService.open(path, texts_dir=TEXTS).close()
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert not leftovers, leftovers  # closed cleanly: one self-contained file to copy
    return path


def seed_library(template: Path, db_path: Path) -> None:
    """Start `db_path` as a copy of the bundled library (unless the test made it already)."""
    if not db_path.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, db_path)


@pytest.fixture
def service(db_path: Path, bundled_library_template: Path) -> Iterator[ReadingService]:
    """A library with the bundled texts imported."""
    seed_library(bundled_library_template, db_path)
    service = ReadingService.open(db_path, texts_dir=TEXTS)
    yield service
    service.close()


def old_library(db_path: Path, before: str | int, *rows: str) -> None:
    """A library made by a program that knew only the migrations before `before` (a
    migration's name or a schema version), holding what the SQL `rows` insert."""
    from sqlite_utils import Database

    from reader import migrations

    version = before if isinstance(before, int) else migrations.KNOWN.index(before)
    db = Database(db_path)
    migrations.migrations.apply(db, stop_before=migrations.KNOWN[version])
    db.execute(f"PRAGMA user_version = {version}")
    for row in rows:
        db.execute(row)
    db.conn.commit()
    db.close()


def write_document(
    folder: Path,
    slug: str,
    blocks: list[str],
    english: list[str] | None = None,
    title: str = "Dokumen Uji",
) -> Path:
    """Write `<slug>.id.md` (and `.en.md` if `english` is given) in the texts/ format."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{slug}.id.md"
    front = f'---\ntitle: "{title}"\nauthors: ["Penulis Uji"]\nyear: 2024\nlang: id\n---\n\n'
    source.write_text(front + "\n\n".join(blocks) + "\n", encoding="utf-8")
    if english is not None:
        en_front = '---\ntitle: "Test Document"\nlang: en\ntranslation: reference\n---\n\n'
        (folder / f"{slug}.en.md").write_text(
            en_front + "\n\n".join(english) + "\n", encoding="utf-8"
        )
    return source


Invoke = Callable[..., tuple[int, str, str]]


def run(
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    db: Path,
) -> tuple[int, str, str]:
    """Run `dwibahasa --db DB ARGS...` in-process; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["dwibahasa", "--db", str(db), *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dwibahasa(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db_path: Path,
    bundled_library_template: Path,
) -> Invoke:
    """`dwibahasa(*args)` runs the command on this test's library.

    A library the test has not made itself starts as the one a first open makes (a copy of
    the bundled template), which saves the second a real first import takes.
    """

    def invoke(*args: str) -> tuple[int, str, str]:
        seed_library(bundled_library_template, db_path)
        return run(list(args), capsys, monkeypatch, db=db_path)

    return invoke


@pytest.fixture
def dwibahasa_first_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> Invoke:
    """Like `dwibahasa`, but no library is made beforehand: what a first run really does."""

    def invoke(*args: str) -> tuple[int, str, str]:
        return run(list(args), capsys, monkeypatch, db=db_path)

    return invoke


def assert_one_line_error(code: int, out: str, err: str) -> None:
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dwibahasa: error: ")
    assert "Traceback" not in out + err
    assert "\x1b" not in err


OFFLINE = Path(__file__).resolve().parent / "offline"


@pytest.fixture(scope="session")
def tiny_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny id→en .argosmodel, built once per test run (seeded, offline)."""
    from tests.argos_model import build_package

    return build_package(tmp_path_factory.mktemp("argos") / "translate-id_en-tiny.argosmodel")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network in this process or in the worker processes it starts."""
    import os
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access is blocked in Dwibahasa's tests")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    paths = [str(OFFLINE), os.environ.get("PYTHONPATH", "")]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in paths if p))


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "models"
    monkeypatch.setenv("DWIBAHASA_MODELS_DIR", str(folder))
    return folder


@pytest.fixture
def installed_model(models_dir: Path, tiny_model_file: Path, offline: None) -> Path:
    """The tiny model installed in this test's models folder, network blocked."""
    from reader.translate.models import install_package

    return install_package(tiny_model_file).path
