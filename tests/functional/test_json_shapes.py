"""One JSON shape per command, whatever the outcome: success, a bad file, nothing found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Invoke


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "catatan.txt"
    path.write_text("Judul\n\nSatu paragraf tentang diplomasi pertahanan.\n", encoding="utf-8")
    return path


def test_import_dry_run_json_is_one_object_on_success_and_on_a_missing_file(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    code_ok, out_ok, _ = dwibahasa("import", "--dry-run", "--json", str(_text_file(tmp_path)))
    code_bad, out_bad, _ = dwibahasa("import", "--dry-run", "--json", str(tmp_path / "none.txt"))
    good, bad = json.loads(out_ok), json.loads(out_bad)
    assert (code_ok, code_bad) == (0, 1)
    assert isinstance(good, dict) and isinstance(bad, dict)
    assert good.keys() == bad.keys()
    assert good["status"] == "preview" and good["error"] is None and good["paragraphs"]
    assert bad["status"] == "error" and "no such file" in bad["error"]
    assert bad["paragraphs"] == [] and bad["title"] is None


def test_import_dry_run_json_of_several_files_is_a_list_of_one_shape(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    code, out, _ = dwibahasa(
        "import", "--dry-run", "--json", str(_text_file(tmp_path)), str(tmp_path / "none.txt")
    )
    reports = json.loads(out)
    assert code == 0
    assert [r["status"] for r in reports] == ["preview", "error"]
    assert reports[0].keys() == reports[1].keys()


@pytest.mark.parametrize("missing_first", [True, False])
def test_import_json_reports_have_the_same_keys_whatever_the_outcome(
    dwibahasa: Invoke, tmp_path: Path, missing_first: bool
) -> None:
    files = [str(_text_file(tmp_path)), str(tmp_path / "none.txt")]
    if missing_first:
        files.reverse()
    code, out, _ = dwibahasa("import", "--json", *files)
    reports = json.loads(out)
    assert code == 0
    assert isinstance(reports, list) and len(reports) == 2
    assert reports[0].keys() == reports[1].keys()
    assert {r["status"] for r in reports} == {"new", "error"}


def test_import_json_with_only_a_missing_file_is_still_a_list(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    code, out, _ = dwibahasa("import", "--json", str(tmp_path / "none.txt"))
    assert code == 1
    [report] = json.loads(out)
    assert report["status"] == "error" and report["slug"] is None


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["search", "kapal selam nuklir zzz", "--json"],
        ["search", "aliansi", "--json"],
        ["glossary", "check", "aliansi-strategis-korea-as", "--json"],
        ["translate", "--all", "--json", "--engine", "reference"],
    ],
)
def test_listing_commands_print_a_list_even_when_empty(dwibahasa: Invoke, args: list[str]) -> None:
    code, out, _ = dwibahasa(*args)
    assert code == 0
    assert isinstance(json.loads(out), list)
