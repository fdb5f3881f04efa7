"""`dwibahasa glossary export` and `import`: files that open elsewhere and come back intact."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from glossary.formats import MAX_FILE_BYTES
from tests.conftest import Invoke, assert_one_line_error


def test_csv_export_reimports_identically(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "glosarium.csv"
    code, _, err = dwibahasa("glossary", "export", "--format", "csv", "-o", str(path))
    assert code == 0 and "wrote" in err
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) >= 150
    assert not any(v[:1] in "=+-@" for row in rows for v in row.values() if v)
    before = json.loads(dwibahasa("glossary", "list", "--json")[1])
    code, out, _ = dwibahasa("glossary", "import", str(path))
    assert code == 0 and "0 new, 0 updated" in out
    assert json.loads(dwibahasa("glossary", "list", "--json")[1]) == before


def test_export_of_one_document_has_only_its_terms(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa(
        "glossary", "export", "--format", "json", "--doc", "aliansi-strategis-korea-as"
    )
    assert code == 0
    data = json.loads(out)
    every = json.loads(dwibahasa("glossary", "list", "--json")[1])
    assert 20 < len(data["terms"]) < len(every)


def test_tbx_and_anki_exports(dwibahasa: Invoke, tmp_path: Path) -> None:
    tbx = tmp_path / "glosarium.tbx"
    assert dwibahasa("glossary", "export", "--format", "tbx", "-o", str(tbx))[0] == 0
    assert b"<martif" in tbx.read_bytes()
    assert dwibahasa("glossary", "import", str(tbx))[0] == 0
    deck = tmp_path / "glosarium.apkg"
    code, _, _ = dwibahasa(
        "glossary",
        "export",
        "--format",
        "anki",
        "--doc",
        "normalisasi-jepang-korea",
        "-o",
        str(deck),
    )
    assert code == 0 and zipfile.is_zipfile(deck)


def test_anki_needs_an_output_file(dwibahasa: Invoke) -> None:
    assert_one_line_error(*dwibahasa("glossary", "export", "--format", "anki"))


def test_malformed_import_is_one_line_and_changes_nothing(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    before = dwibahasa("glossary", "list", "--json")[1]
    bad = tmp_path / "rusak.csv"
    bad.write_text("id,id_term\nx,\n", encoding="utf-8")
    code, out, err = dwibahasa("glossary", "import", str(bad))
    assert_one_line_error(code, out, err)
    assert "line" in err
    assert dwibahasa("glossary", "list", "--json")[1] == before


def test_export_into_a_missing_folder_is_one_line_error(dwibahasa: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "tidak-ada" / "g.csv"
    assert_one_line_error(*dwibahasa("glossary", "export", "-o", str(target)))
    assert not target.parent.exists()


def test_export_to_a_folder_is_a_one_line_error(dwibahasa: Invoke, tmp_path: Path) -> None:
    code, out, err = dwibahasa("glossary", "export", "-o", str(tmp_path))
    assert_one_line_error(code, out, err)
    assert "is a folder" in err


# --- limits: what glossary commands read and write ------------------------------------------


def _import_error(dwibahasa: Invoke, path: Path | str, *extra: str) -> str:
    before = dwibahasa("glossary", "list", "--json")[1]
    code, out, err = dwibahasa("glossary", "import", str(path), *extra)
    assert_one_line_error(code, out, err)
    assert dwibahasa("glossary", "list", "--json")[1] == before
    return err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_import_refuses_a_device_instead_of_reading_it_forever(dwibahasa: Invoke) -> None:
    err = _import_error(dwibahasa, "/dev/zero", "--format", "csv")
    assert "/dev/zero: is not a regular file" in err


def test_import_refuses_a_pipe_and_a_folder(dwibahasa: Invoke, tmp_path: Path) -> None:
    pipe = tmp_path / "pipa.csv"
    os.mkfifo(pipe)
    assert "is not a regular file" in _import_error(dwibahasa, pipe)  # and does not hang
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert "is a folder" in _import_error(dwibahasa, folder)


def test_import_refuses_a_file_over_the_size_limit(dwibahasa: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "besar.csv"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk and is never read
    assert "is over the 20 MB limit" in _import_error(dwibahasa, big)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
        (b'{"format": "dwibahasa-glossary", "version": ' + b"7" * 10_000 + b"}", "64 digits"),
    ],
    ids=["deep", "huge-number"],
)
def test_hostile_json_is_a_one_line_error_naming_the_file(
    dwibahasa: Invoke, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "jahat.json"
    path.write_bytes(content)
    err = _import_error(dwibahasa, path)
    assert f"{path}: " in err and message in err


def test_match_on_a_missing_folder_pipe_or_device_is_one_line(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipa.txt"
    os.mkfifo(pipe)
    targets = [tmp_path / "tiada.txt", tmp_path, pipe]
    if Path("/dev/zero").exists():
        targets.append(Path("/dev/zero"))
    for target in targets:
        code, out, err = dwibahasa("glossary", "match", str(target))
        assert_one_line_error(code, out, err)
        assert str(target) in err


def test_match_on_an_unreadable_file_is_one_line(
    dwibahasa: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("diplomasi pertahanan\n", encoding="utf-8")
    real_open = os.open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == secret:  # whoever runs the tests (root reads anything)
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    code, out, err = dwibahasa("glossary", "match", str(secret))
    assert_one_line_error(code, out, err)
    assert "rahasia.txt: cannot read (Permission denied)" in err


def test_export_refuses_an_existing_file_without_force(dwibahasa: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "glosarium.csv"
    target.write_text("punyaku\n", encoding="utf-8")
    code, out, err = dwibahasa("glossary", "export", "-o", str(target))
    assert_one_line_error(code, out, err)
    assert "already exists; add --force to replace it" in err
    assert target.read_text(encoding="utf-8") == "punyaku\n"
    code, _, err = dwibahasa("glossary", "export", "-o", str(target), "--force")
    assert code == 0 and "wrote" in err
    assert target.read_text(encoding="utf-8").startswith("id,id_term,")


def test_export_never_writes_over_a_device_or_pipe_even_with_force(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "keluaran"
    folder.mkdir()
    pipe = folder / "pipa.csv"
    os.mkfifo(pipe)
    targets = [pipe]
    if Path("/dev/null").exists():
        targets.append(Path("/dev/null"))
    for target in targets:
        for force in ((), ("--force",)):
            code, out, err = dwibahasa("glossary", "export", "-o", str(target), *force)
            assert_one_line_error(code, out, err)
            assert "is not a regular file" in err
        assert not target.is_file()
    assert [p.name for p in folder.iterdir()] == ["pipa.csv"]  # no temporary file left
