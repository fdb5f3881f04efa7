"""`dwibahasa glossary export` and `import`: files that open elsewhere and come back intact."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

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
