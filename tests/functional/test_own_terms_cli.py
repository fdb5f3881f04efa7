"""`dwibahasa glossary add/edit/delete`, `list --own`, `export --own`: a reader's own terms."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import Invoke, assert_one_line_error


def test_add_edit_list_and_delete_an_own_term(dwibahasa: Invoke) -> None:
    code, out, _err = dwibahasa(
        "glossary", "add", "Pyongyang", "--en", "Pyongyang", "--definition-en", "Capital."
    )
    assert code == 0 and "added your term pyongyang" in out and "occurrences" in out
    code, out, _err = dwibahasa("glossary", "list", "--own")
    assert code == 0 and out.splitlines() == [out.splitlines()[0]]
    assert out.startswith("Pyongyang  —  Pyongyang") and out.rstrip().endswith("(own)")
    code, out, _err = dwibahasa("glossary", "edit", "pyongyang", "--en", "P'yŏngyang")
    assert code == 0 and "changed your term pyongyang" in out
    code, out, _err = dwibahasa("glossary", "list", "--own", "--json")
    [entry] = json.loads(out)
    assert entry["en"] == "P'yŏngyang" and entry["layer"] == "user"
    assert entry["definition_en"] == "Capital." and entry["occurrences"] > 0
    code, out, _err = dwibahasa("glossary", "delete", "pyongyang", "--yes")
    assert code == 0 and "deleted your term pyongyang" in out
    code, out, _err = dwibahasa("glossary", "list", "--own")
    assert code == 0 and out == ""


def test_curated_terms_cannot_be_edited_or_deleted(dwibahasa: Invoke) -> None:
    assert_one_line_error(*dwibahasa("glossary", "edit", "diplomasi-pertahanan", "--en", "x"))
    assert_one_line_error(*dwibahasa("glossary", "delete", "diplomasi-pertahanan", "--yes"))
    assert_one_line_error(*dwibahasa("glossary", "delete", "diplomasi-pertahanan"))
    assert_one_line_error(*dwibahasa("glossary", "add", "diplomasi pertahanan", "--en", "x"))
    assert_one_line_error(*dwibahasa("glossary", "add", "!!", "--en", "x"))


def test_export_own_has_only_own_terms_and_reimports_as_own(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    dwibahasa("glossary", "add", "Pyongyang", "--en", "Pyongyang")
    dwibahasa("glossary", "add", "Seoul", "--en", "Seoul", "--domain", "acronyms")
    path = tmp_path / "mine.csv"
    code, _out, err = dwibahasa("glossary", "export", "--own", "-o", str(path))
    assert code == 0 and "wrote 2 terms" in err
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [(r["id"], r["layer"]) for r in rows] == [("pyongyang", "user"), ("seoul", "user")]
    for term_id in ("pyongyang", "seoul"):
        dwibahasa("glossary", "delete", term_id, "--yes")
    code, _out, _err = dwibahasa("glossary", "import", str(path))
    assert code == 0
    code, out, _err = dwibahasa("glossary", "list", "--own")
    assert len(out.splitlines()) == 2 and all(line.endswith("(own)") for line in out.splitlines())
