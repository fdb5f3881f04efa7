"""The `dwibahasa` command, driven through its real entry point `reader.cli.main`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import cli
from tests.conftest import REPO, Invoke, assert_one_line_error, run, write_document

JOURNAL = "normalisasi-jepang-korea"
CHAPTER = "aliansi-strategis-korea-as"
ROW_KEYS = {"seq", "kind", "id", "en", "en_source"}

# list ---------------------------------------------------------------------------


def test_list_json_shows_both_bundled_documents(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("list", "--json")
    assert (code, err) == (0, "")
    documents = json.loads(out)
    assert {d["slug"] for d in documents} == {JOURNAL, CHAPTER}
    for document in documents:
        assert set(document) == {
            "id",
            "slug",
            "title",
            "authors",
            "year",
            "source",
            "origin",
            "paragraphs",
            "with_english",
            "position",
        }
        assert document["origin"] == "bundled"
        assert document["paragraphs"] == document["with_english"] > 0
        assert document["position"] is None
    journal = next(d for d in documents if d["slug"] == JOURNAL)
    assert journal["year"] == 2024
    assert journal["authors"] == ["Rahmi Fitriyanti", "Aurora Saubil Navira"]


def test_list_plain(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("list")
    assert code == 0
    assert f"{CHAPTER}  BAB IV" in out
    assert f"{JOURNAL}  Upaya Normalisasi" in out
    assert "with English, not opened" in out


# show ---------------------------------------------------------------------------


def test_show_json_journal_opens_with_the_english_abstract(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("show", JOURNAL, "--range", "1-3", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert len(rows) == 3
    for row in rows:
        assert set(row) >= ROW_KEYS
        assert row["en_source"] == "original"
        assert row["en"] == row["id"]
    assert [r["seq"] for r in rows] == [1, 2, 3]
    assert (rows[0]["kind"], rows[0]["id"]) == ("heading", "Abstract")
    assert rows[1]["kind"] == "paragraph"
    assert rows[1]["id"].startswith("Japan and South Korea")


def test_show_json_chapter_has_reference_english(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("show", CHAPTER, "--range", "2-3", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["seq"] for r in rows] == [2, 3]
    for row in rows:
        assert set(row) >= ROW_KEYS
        assert row["en_source"] == "reference"
        assert row["en_source_label"] == "reference translation"
        assert row["lang"] == "id"
        assert row["en"] and row["en"] != row["id"]


def test_show_plain_prints_each_paragraph_with_its_english(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("show", CHAPTER, "--range", "1-2")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "¶1 heading"
    assert lines[1].startswith("  id  BAB IV")
    assert lines[2].startswith("  en  ")
    assert lines[3].strip() == "[reference translation]"
    assert "¶2" in lines
    assert "\x1b" not in out


def test_show_plain_english_paragraph_is_printed_once(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("show", JOURNAL, "--range", "2")
    assert code == 0
    assert out.splitlines()[0] == "¶2"
    assert out.count("  en  Japan and South Korea") == 1
    assert "  id  " not in out
    assert "[original English (in the source)]" in out


# search ---------------------------------------------------------------------------


def test_search_plain(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("search", "semikonduktor")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines
    for line in lines:
        assert line.startswith(f"{JOURNAL} ¶")
    assert any(" [id]  " in line for line in lines)


def test_search_json(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("search", "Korea", "--json", "--limit", "5")
    assert code == 0
    hits = json.loads(out)
    assert 0 < len(hits) <= 5
    for hit in hits:
        assert set(hit) == {"slug", "title", "seq", "lang", "text"}
        assert "korea" in hit["text"].lower()


def test_search_english_only(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("search", "semiconductor", "--lang", "en", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits
    assert {h["lang"] for h in hits} == {"en"}
    assert {h["slug"] for h in hits} == {JOURNAL}


def test_search_without_hits_says_so_on_stderr(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("search", "zzqxwv")
    assert (code, out) == (0, "")
    assert err.strip() == "No paragraph matches 'zzqxwv'."


def test_search_without_hits_json_is_an_empty_list(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("search", "zzqxwv", "--json")
    assert (code, json.loads(out)) == (0, [])


# import ---------------------------------------------------------------------------


def test_import_new_then_already_imported(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = write_document(tmp_path / "docs", "catatan", ["# Judul", "Satu.", "Dua."])
    code, out, err = dwibahasa("import", str(path))
    assert (code, err) == (0, "")
    assert out.strip() == f"{path}: imported 'catatan' (3 paragraphs)"
    code, out, _ = dwibahasa("import", str(path))
    assert code == 0
    assert "already imported as 'catatan'" in out
    code, out, _ = dwibahasa("show", "catatan", "--json")
    assert [r["id"] for r in json.loads(out)] == ["Judul", "Satu.", "Dua."]


def test_import_with_slug_and_title(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = write_document(tmp_path, JOURNAL, ["Bukan jurnalnya."])
    code, out, err = dwibahasa("import", str(path))
    assert_one_line_error(code, out, err)
    assert "--slug" in err
    code, out, err = dwibahasa("import", str(path), "--slug", "milik-saya", "--title", "Milik")
    assert (code, err) == (0, "")
    assert "imported 'milik-saya'" in out
    documents = json.loads(dwibahasa("list", "--json")[1])
    assert {d["slug"]: d["title"] for d in documents}["milik-saya"] == "Milik"


def test_import_dry_run_json_stores_nothing(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = write_document(tmp_path, "coba", ["# Judul", "<!-- kind=caption -->\nTabel 1", "Isi."])
    code, out, err = dwibahasa("import", "--dry-run", "--json", str(path))
    assert (code, err) == (0, "")
    preview = json.loads(out)
    assert preview["title"] == "Dokumen Uji"
    # The contract's keys; the JSON may carry more (lang, format), never fewer.
    assert [{"kind": p["kind"], "text": p["text"]} for p in preview["paragraphs"]] == [
        {"kind": "heading", "text": "Judul"},
        {"kind": "caption", "text": "Tabel 1"},
        {"kind": "paragraph", "text": "Isi."},
    ]
    documents = json.loads(dwibahasa("list", "--json")[1])
    assert "coba" not in {d["slug"] for d in documents}


def test_import_dry_run_creates_no_library(
    dwibahasa_first_run: Invoke, db_path: Path, tmp_path: Path
) -> None:
    path = write_document(tmp_path, "coba", ["Satu.", "Dua."])
    code, _out, err = dwibahasa_first_run("import", "--dry-run", str(path))
    assert code == 0, err
    assert not db_path.exists()


def test_import_dry_run_plain(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = write_document(tmp_path, "coba", ["Satu.", "Dua."])
    code, out, _ = dwibahasa("import", "--dry-run", str(path), "--title", "Lain")
    assert code == 0
    assert out.strip() == f"{path}: 'Lain', 2 paragraphs"


def test_import_several_files_one_bad(dwibahasa: Invoke, tmp_path: Path) -> None:
    good = write_document(tmp_path, "baik", ["Isi yang baik."])
    bad = tmp_path / "buruk.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, out, err = dwibahasa("import", str(bad), str(good))
    assert code == 0
    assert "imported 'baik'" in out
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("dwibahasa: error: ")
    assert "buruk.txt" in lines[0]
    assert "Traceback" not in out + err
    documents = json.loads(dwibahasa("list", "--json")[1])
    assert "baik" in {d["slug"] for d in documents}


def test_import_several_files_json_reports(dwibahasa: Invoke, tmp_path: Path) -> None:
    good = write_document(tmp_path, "baik", ["Isi."])
    missing = tmp_path / "hilang.id.md"
    code, out, err = dwibahasa("import", "--json", str(good), str(missing))
    assert (code, err) == (0, "")
    reports = json.loads(out)
    assert reports[0] == {
        "file": str(good),
        "status": "new",
        "slug": "baik",
        "version": 1,
        "paragraphs": 1,
        "removed": "",
        "removals": [],
        "paragraphs_guessed": False,
        "error": None,
    }
    assert reports[1]["status"] == "error"
    assert "no such file" in reports[1]["error"]


def test_import_all_files_bad_exits_1(dwibahasa: Invoke, tmp_path: Path) -> None:
    first = tmp_path / "satu.md"
    first.write_bytes(b"\x00\x01\x02")
    second = tmp_path / "dua.md"
    code, out, err = dwibahasa("import", str(first), str(second))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("dwibahasa: error: ") for line in lines)
    assert "Traceback" not in out + err


def test_import_error_messages_are_sanitised(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "jahat.id.md"
    path.write_text(
        "---\ntitle: T\nlang: id\n---\n\n<!-- kind=\x1b]0;pwned\x07\x1b[31m -->\nTeks.\n",
        encoding="utf-8",
    )
    code, out, err = dwibahasa("import", str(path))
    assert_one_line_error(code, out, err)
    assert "\x07" not in err
    assert "is not one of" in err


def test_import_slug_with_several_files_is_a_usage_error(dwibahasa: Invoke, tmp_path: Path) -> None:
    first = write_document(tmp_path, "a", ["A."])
    second = write_document(tmp_path, "b", ["B."])
    code, out, err = dwibahasa("import", "--slug", "x", str(first), str(second))
    assert code == 2
    assert "one file at a time" in err
    assert "Traceback" not in out + err


# Errors ------------------------------------------------------------------------------


def _binary_file(tmp_path: Path) -> str:
    path = tmp_path / "gambar.id.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return str(path)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (lambda tmp: ["show", "nope"], "no document 'nope'"),
        (lambda tmp: ["read", "nope"], "no document 'nope'"),
        (lambda tmp: ["show", CHAPTER, "--range", "abc"], "range 'abc'"),
        (lambda tmp: ["show", CHAPTER, "--range", "999"], "outside the document"),
        (lambda tmp: ["read", CHAPTER, "--at", "999"], "--at 999"),
        (lambda tmp: ["import", str(tmp / "hilang.id.md")], "no such file"),
        (lambda tmp: ["import", _binary_file(tmp)], "binary"),
        (lambda tmp: ["import", "--dry-run", _binary_file(tmp)], "binary"),
        (lambda tmp: ["import", str(tmp)], "is a directory"),
        (lambda tmp: ["search", "   "], "at least one word"),
    ],
    ids=[
        "unknown-doc",
        "read-unknown-doc",
        "bad-range",
        "range-outside",
        "read-at-outside",
        "missing-file",
        "binary-file",
        "dry-run-binary-file",
        "directory",
        "blank-search",
    ],
)
def test_user_errors_are_one_line_and_exit_1(
    dwibahasa: Invoke, tmp_path: Path, args: Callable[[Path], list[str]], expected: str
) -> None:
    code, out, err = dwibahasa(*args(tmp_path))
    assert_one_line_error(code, out, err)
    assert expected in err


def test_unknown_document_error_lists_known_slugs(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("show", "nope")
    assert_one_line_error(code, out, err)
    assert JOURNAL in err and CHAPTER in err


def test_a_library_that_cannot_be_opened_is_a_user_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "rusak.db"
    db.write_bytes(b"not a database" * 100)
    code, out, err = run(["list"], capsys, monkeypatch, db=db)
    assert_one_line_error(code, out, err)
    assert str(db) in err


def test_missing_argument_is_a_usage_error(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("show")
    assert code == 2
    assert "Usage:" in err
    assert "Traceback" not in out + err


def test_unknown_command_is_a_usage_error(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("terbang")
    assert code == 2
    assert "No such command" in err
    assert "Traceback" not in out + err


# Help and version ------------------------------------------------------------------------


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_for_every_command(dwibahasa: Invoke, command: str | None, flag: str) -> None:
    args = [flag] if command is None else [command, flag]
    code, out, err = dwibahasa(*args)
    assert (code, err) == (0, "")
    assert out.startswith("Usage: dwibahasa")
    if command is not None:
        assert f"dwibahasa {command}" in out


def test_help_does_not_create_the_library(dwibahasa_first_run: Invoke, db_path: Path) -> None:
    dwibahasa_first_run("show", "--help")
    assert not db_path.exists()


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(dwibahasa: Invoke, flag: str) -> None:
    code, out, err = dwibahasa(flag)
    assert (code, err) == (0, "")
    assert out.strip() == f"dwibahasa, version {__version__}"


# The real process ----------------------------------------------------------------------------


def test_module_entry_point_reports_user_errors_without_traceback(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db_path), "show", "nope"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.startswith("dwibahasa: error: no document 'nope'")
    assert len(result.stderr.splitlines()) == 1
