"""`dwibahasa doctor`, `dwibahasa backup`, and the library file's failures as the CLI shows them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.library import SCHEMA_VERSION, probe
from tests.conftest import Invoke, assert_one_line_error
from tests.unit.test_maintenance import flip_page_holding, integrity, write_text_document


@pytest.fixture
def imported(dwibahasa: Invoke, tmp_path: Path) -> list[Path]:
    """Three documents imported into this test's library (with the bundled texts)."""
    files = [write_text_document(tmp_path, number) for number in range(3)]
    code, _out, err = dwibahasa("import", *map(str, files))
    assert (code, err) == (0, "")
    return files


def test_doctor_on_a_sound_library(dwibahasa: Invoke, db_path: Path, imported: list[Path]) -> None:
    code, out, err = dwibahasa("doctor")
    assert (code, err) == (0, "")
    assert out == f"{db_path}: no problems found (5 documents)\n"
    code, out, err = dwibahasa("doctor", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["ok"] is True and report["problems"] == [] and report["repair"] is None
    assert report["documents"] == 5 and report["search_checked"] is True


def test_a_damaged_library_is_one_line_then_doctor_repairs_it(
    dwibahasa: Invoke, db_path: Path, imported: list[Path]
) -> None:
    flip_page_holding(db_path, b"Dok1 bagian5. ")
    for command in (["show", "dok1"], ["search", "bagian5"]):
        code, out, err = dwibahasa(*command)
        assert_one_line_error(code, out, err)
        assert "the library file is damaged" in err and "run 'dwibahasa doctor'" in err

    code, out, err = dwibahasa("doctor")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == f"{db_path}: damaged"
    assert any("paragraphs: database disk image is malformed" in line for line in lines)
    assert lines[-1] == "Run 'dwibahasa doctor --repair' to repair it (the damaged file is kept)."

    code, out, err = dwibahasa("doctor", "--repair", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["ok"] is False
    repair = report["repair"]
    assert Path(repair["backup"]).is_file() and repair["recovered"] is True
    assert repair["after"]["ok"] is True
    assert "dok1" in {document["slug"] for document in repair["documents"]}
    assert integrity(db_path) == "ok"

    code, out, err = dwibahasa("list", "--json")
    assert (code, err) == (0, "")
    assert {"dok0", "dok1", "dok2"} <= {document["slug"] for document in json.loads(out)}


def test_doctor_repair_in_words(dwibahasa: Invoke, db_path: Path, imported: list[Path]) -> None:
    flip_page_holding(db_path, b"Dok1 bagian5. ")
    code, out, err = dwibahasa("doctor", "--repair")
    assert (code, err) == (0, "")
    assert "Kept a copy of the damaged file: " in out
    assert "Copied what could be read into a new library file:" in out
    assert "  documents: 5 of 5 rows" in out
    assert f"import {imported[1]} again to restore it" in out
    assert out.endswith(f"{db_path}: no problems found (5 documents)\n")
    backups = list(db_path.parent.glob(f"{db_path.name}.damaged-*.bak"))
    assert len(backups) == 1


def test_doctor_refuses_another_programs_database_unchanged(
    dwibahasa: Invoke, db_path: Path
) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    for command in (["doctor", "--repair"], ["list"], ["import", "x.txt"]):
        code, out, err = dwibahasa(*command)
        assert_one_line_error(code, out, err)
        assert "not a usable Dwibahasa library (a database of another program)" in err
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_backup_writes_a_copy_and_refuses_to_overwrite(
    dwibahasa: Invoke, db_path: Path, tmp_path: Path, imported: list[Path]
) -> None:
    target = tmp_path / "salinan.db"
    code, out, err = dwibahasa("backup", str(target))
    assert (code, err) == (0, "")
    assert out == f"Backed up {db_path} to {target}\n"
    assert probe(target) == SCHEMA_VERSION and integrity(target) == "ok"
    code, out, err = dwibahasa("backup", str(target))
    assert_one_line_error(code, out, err)
    assert err.endswith("salinan.db: already exists; add --force to replace it\n")
    code, out, err = dwibahasa("backup", str(target), "--force")
    assert (code, err) == (0, "")
    code, out, err = dwibahasa("--db", str(target), "list", "--json")
    assert {"dok0", "dok1", "dok2"} <= {document["slug"] for document in json.loads(out)}


def test_a_read_only_library_reads_and_refuses_an_import_in_one_line(
    dwibahasa: Invoke, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dwibahasa("list")[0] == 0
    before = db_path.read_bytes()
    monkeypatch.setattr("reader.library.is_writable", lambda path: False)  # as after chmod a-w
    for command in (["list"], ["show", "normalisasi-jepang-korea", "--range", "1"]):
        code, out, err = dwibahasa(*command)
        assert (code, err) == (0, "")
        assert out
    code, out, err = dwibahasa("search", "diplomasi")
    assert code == 0 and out
    code, out, err = dwibahasa("import", str(write_text_document(tmp_path, 1)))
    assert_one_line_error(code, out, err)
    assert "the library is read-only" in err
    assert db_path.read_bytes() == before
