"""kill -9 of the whole command at several points of import, translation and glossary import.

Whenever the process dies, the library passes `integrity_check`, holds either all of
the interrupted work or none of it (import, glossary import) or whole batches of it
(translation), and running the command again finishes the job without duplicates.
The points are found by watching the library, not by sleeping a fixed time.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench._common import write_long_document
from reader.service import ReadingService
from tests.conftest import REPO, TEXTS

Probe = Callable[[Path], bool]
DEADLINE = 60.0
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def _start(db: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--db", str(db), *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _query(db: Path, sql: str) -> int:
    """One number from the library, read-only; -1 while it cannot be read yet."""
    if not db.exists():
        return -1
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
    except sqlite3.Error:
        return -1
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return -1
    finally:
        conn.close()


def _kill_when(process: subprocess.Popen[bytes], reached: Callable[[], bool]) -> bool:
    """SIGKILL `process` as soon as `reached()`; False if it finished first."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if reached():
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    process.kill()
    pytest.fail("the command neither reached the point nor finished")


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        result = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    conn.close()
    return result


def _finish(db: Path, *args: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), *args],
        cwd=REPO,
        capture_output=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode()


# Import -------------------------------------------------------------------------------

IMPORT_POINTS: dict[str, Probe] = {
    "at start": lambda db: True,
    "mid-transaction": lambda db: _wal_bytes(db) > 1 << 20 and _paragraphs(db, "panjang") <= 0,
    "after the paragraphs": lambda db: _paragraphs(db, "panjang") > 0,
}
"""The paragraphs' transaction spills pages into the write-ahead log before it commits."""


def _wal_bytes(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.fixture(scope="module")
def long_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 6,000-paragraph plain-text file: long enough to be caught mid-import."""
    folder = tmp_path_factory.mktemp("long")
    source = write_long_document(folder, 6000)
    body = source.read_text(encoding="utf-8").split("---\n", 2)[2]  # without front matter
    path = folder / "panjang.txt"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clean_paragraphs(long_text: Path) -> int:
    """How many paragraphs an uninterrupted import of `long_text` stores."""
    clean = long_text.with_name("clean.db")
    home = long_text.parent  # module-wide: the per-test isolation is not in force yet
    env = {**os.environ, **{name: str(home / name.lower()) for name in XDG}}
    _finish(clean, "import", str(long_text), "--slug", "panjang", env=env)
    count = _paragraphs(clean, "panjang")
    assert count > 1000
    return count


def _paragraphs(db: Path, slug: str) -> int:
    return _query(
        db,
        "SELECT count(*) FROM paragraphs p JOIN documents d ON d.id = p.document_id"
        f" WHERE d.slug = '{slug}'",
    )


@pytest.mark.parametrize("point", IMPORT_POINTS)
def test_import_killed_leaves_all_or_nothing_and_resumes(
    point: str, long_text: Path, clean_paragraphs: int, tmp_path: Path
) -> None:
    expected = clean_paragraphs
    db = tmp_path / "library.db"
    process = _start(db, "import", str(long_text), "--slug", "panjang")
    killed = _kill_when(process, lambda: IMPORT_POINTS[point](db))
    assert killed  # the point comes well before the end of a 6,000-paragraph import
    if db.exists():
        assert _integrity(db) == "ok"
        assert _paragraphs(db, "panjang") in (0, -1, expected) or not killed
    _finish(db, "import", str(long_text), "--slug", "panjang")
    assert _integrity(db) == "ok"
    assert _paragraphs(db, "panjang") == expected
    assert _query(db, "SELECT count(*) FROM documents WHERE slug = 'panjang'") == 1


# Translation --------------------------------------------------------------------------

MACHINE = "SELECT count(*) FROM translations WHERE status = 'machine'"
TRANSLATE_POINTS: dict[str, Probe] = {
    "after the first batch": lambda db: _query(db, MACHINE) > 0,
    "well into the run": lambda db: _query(db, MACHINE) > 200,
}


@pytest.mark.parametrize("point", TRANSLATE_POINTS)
def test_translate_killed_keeps_whole_batches_and_resumes(
    point: str, installed_model: Path, db_path: Path, tmp_path: Path
) -> None:
    source = write_long_document(tmp_path, 800)
    (tmp_path / "panjang.en.md").unlink()  # no reference English: all of it needs a machine
    service = ReadingService.open(db_path, texts_dir=TEXTS)
    service.import_file(source, slug="panjang")
    document = service.resolve("panjang")
    needed = len(
        service.library.texts_needing_english(
            document.id, engine="argos", model="translate-id_en 0.0.1", force=False
        )
    )
    service.close()
    assert needed > 600

    process = _start(db_path, "translate", "panjang")
    killed = _kill_when(process, lambda: TRANSLATE_POINTS[point](db_path))
    assert killed
    assert _integrity(db_path) == "ok"
    kept = _query(db_path, MACHINE)
    assert _query(db_path, "SELECT count(*) FROM translations WHERE text = ''") == 0
    _finish(db_path, "translate", "panjang")
    assert _integrity(db_path) == "ok"
    assert _query(db_path, MACHINE) == needed
    assert kept < needed
    _finish(db_path, "translate", "panjang")  # nothing left: a cache hit, no duplicates
    assert _query(db_path, MACHINE) == needed


# Glossary import ----------------------------------------------------------------------

TERMS = 20000


@pytest.fixture(scope="module")
def big_glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "istilah.csv"
    lines = ["id,id_term,en,domain,definition_id,definition_en"]
    for n in range(TERMS):
        lines.append(
            f"istilah-uji-{n},istilah uji {n},test term {n},national-security,"
            f"Definisi istilah {n}.,Definition of term {n}."
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


IMPORTED = "SELECT count(*) FROM glossary_terms WHERE id LIKE 'istilah-uji-%'"


def _writing_terms() -> Probe:
    """True once the log grows well past its size when the library was ready, none committed."""
    ready: list[int] = []

    def probe(db: Path) -> bool:
        if not ready:
            if _query(db, "SELECT count(*) FROM documents") > 0:
                ready.append(_wal_bytes(db))
            return False
        return _wal_bytes(db) > ready[0] + (256 << 10) and _query(db, IMPORTED) == 0

    return probe


GLOSSARY_POINTS: dict[str, Callable[[], Probe]] = {
    "at start": lambda: lambda db: True,
    "mid-transaction": _writing_terms,
}


@pytest.mark.parametrize("point", GLOSSARY_POINTS)
def test_glossary_import_killed_is_all_or_nothing_and_resumes(
    point: str, big_glossary: Path, db_path: Path
) -> None:
    probe = GLOSSARY_POINTS[point]()
    process = _start(db_path, "glossary", "import", str(big_glossary))
    killed = _kill_when(process, lambda: probe(db_path))
    assert killed
    if db_path.exists():
        assert _integrity(db_path) == "ok"
        assert _query(db_path, IMPORTED) in (-1, 0, TERMS)
    _finish(db_path, "glossary", "import", str(big_glossary))
    assert _integrity(db_path) == "ok"
    assert _query(db_path, IMPORTED) == TERMS
