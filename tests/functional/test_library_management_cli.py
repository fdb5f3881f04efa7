"""`dwibahasa delete` and `rename`: the library managed from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.service import ReadingService
from tests.conftest import Invoke, assert_one_line_error, write_document


def _import(dwibahasa: Invoke, tmp_path: Path, slug: str = "catatan") -> Path:
    source = write_document(tmp_path, slug, ["Diplomasi pertahanan.", "Dua."], ["Defence.", "Two."])
    code, _, err = dwibahasa("import", str(source))
    assert code == 0, err
    return source


def _slugs(dwibahasa: Invoke) -> set[str]:
    return {d["slug"] for d in json.loads(dwibahasa("list", "--json")[1])}


def test_delete_with_yes_removes_the_document(dwibahasa: Invoke, tmp_path: Path) -> None:
    _import(dwibahasa, tmp_path)
    code, out, err = dwibahasa("delete", "catatan", "--yes")
    assert (code, err) == (0, "")
    assert out.startswith("deleted 'catatan' (2 paragraphs)")
    assert "catatan" not in _slugs(dwibahasa)


def test_delete_asks_and_a_no_keeps_the_document(
    dwibahasa: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    _import(dwibahasa, tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    code, _, err = dwibahasa("delete", "catatan")
    assert code == 1
    assert "Delete 'Dokumen Uji' (catatan)?" in err and "Nothing was deleted." in err
    assert "catatan" in _slugs(dwibahasa)


def test_delete_keeps_reviewed_english_for_a_reimport(
    dwibahasa: Invoke, tmp_path: Path, db_path: Path
) -> None:
    source = _import(dwibahasa, tmp_path)
    service = ReadingService.open(db_path)
    service.review_english(service.resolve("catatan"), 1, "Defence diplomacy, reviewed.")
    service.close()
    code, out, _ = dwibahasa("delete", "catatan", "--yes")
    assert code == 0 and "1 reviewed translation kept for reuse" in out
    dwibahasa("import", str(source))
    shown = json.loads(dwibahasa("show", "catatan", "--json")[1])
    assert shown[0]["en"] == "Defence diplomacy, reviewed."
    assert shown[0]["en_source"] == "reviewed"


def test_delete_drop_translations_forgets_them(
    dwibahasa: Invoke, tmp_path: Path, db_path: Path
) -> None:
    _import(dwibahasa, tmp_path)
    code, out, _ = dwibahasa("delete", "catatan", "--yes", "--drop-translations", "--json")
    report = json.loads(out)
    assert code == 0
    assert report == {
        "slug": "catatan",
        "title": "Dokumen Uji",
        "paragraphs": 2,
        "reviewed_kept": 0,
        "translations_dropped": 2,
    }
    service = ReadingService.open(db_path)
    assert service.library.reference_translation("Diplomasi pertahanan.") is None
    service.close()


def test_delete_of_a_bundled_text_is_a_one_line_error(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("delete", "normalisasi-jepang-korea", "--yes")
    assert_one_line_error(code, out, err)
    assert "bundled" in err


def test_rename_title_and_slug_keeps_reference_english(dwibahasa: Invoke, tmp_path: Path) -> None:
    _import(dwibahasa, tmp_path)
    code, out, err = dwibahasa("rename", "catatan", "--title", "Judul Baru", "--slug", "baru")
    assert (code, err) == (0, "")
    assert out.strip() == "renamed 'baru': Judul Baru"
    shown = json.loads(dwibahasa("show", "baru", "--json")[1])
    assert shown[0]["en"] == "Defence." and shown[0]["en_source"] == "reference"


def test_rename_json(dwibahasa: Invoke, tmp_path: Path) -> None:
    _import(dwibahasa, tmp_path)
    code, out, _ = dwibahasa("rename", "catatan", "--title", "Lain", "--json")
    assert code == 0
    assert json.loads(out)["title"] == "Lain" and json.loads(out)["previous_title"] == "Dokumen Uji"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--slug", "normalisasi-jepang-korea"], "already used"),
        (["--slug", "Bukan Slug"], "not a short name"),
        (["--title", "   "], "title is empty"),
    ],
)
def test_rename_refusals_are_one_line(
    dwibahasa: Invoke, tmp_path: Path, args: list[str], needle: str
) -> None:
    _import(dwibahasa, tmp_path)
    code, out, err = dwibahasa("rename", "catatan", *args)
    assert_one_line_error(code, out, err)
    assert needle in err


def test_rename_without_title_or_slug_is_a_usage_error(dwibahasa: Invoke) -> None:
    code, _, _ = dwibahasa("rename", "normalisasi-jepang-korea")
    assert code == 2


def test_rename_of_a_bundled_slug_is_refused(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("rename", "normalisasi-jepang-korea", "--slug", "lain")
    assert_one_line_error(code, out, err)
