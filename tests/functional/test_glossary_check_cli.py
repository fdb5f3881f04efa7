"""`dwibahasa glossary check --dismiss/--restore`, and how terms are named in CLI output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Invoke, assert_one_line_error, write_document


@pytest.fixture
def flagged(tmp_path: Path, dwibahasa: Invoke) -> Invoke:
    folder = tmp_path / "in"
    source = write_document(
        folder,
        "uji-cek",
        ["Judul", "Ancaman terhadap kedaulatan meningkat."],
        ["Title", "The danger to sovereignty grows."],
    )
    code, _out, err = dwibahasa("import", str(source))
    assert code == 0, err
    return dwibahasa


def test_check_dismiss_and_restore_a_flag(flagged: Invoke) -> None:
    code, out, _err = flagged("glossary", "check", "uji-cek")
    assert code == 0 and "¶2: 'Ancaman'" in out
    code, out, err = flagged("glossary", "check", "uji-cek", "--dismiss", "2:threat")
    assert code == 0 and "1 flag dismissed" in err
    assert "every linked term is rendered" in out
    code, out, _err = flagged("glossary", "export", "--format", "json")
    assert json.loads(out)["check_dismissals"][0]["term_id"] == "ancaman"
    code, out, err = flagged("glossary", "check", "uji-cek", "--restore", "2")
    assert code == 0 and "1 dismissed flag restored" in err and "¶2" in out


@pytest.mark.parametrize("value", ["x", "2:no-such-term-anywhere"])
def test_a_bad_dismissal_is_one_line(flagged: Invoke, value: str) -> None:
    assert_one_line_error(*flagged("glossary", "check", "uji-cek", "--dismiss", value))


def test_show_names_domains_and_related_terms_and_lists_a_variant_once(dwibahasa: Invoke) -> None:
    code, out, _err = dwibahasa("glossary", "show", "admm")
    assert code == 0
    assert "[acronyms]" in out  # the domain's name (in English, the same word)
    (also,) = [line for line in out.splitlines() if line.strip().startswith("also:")]
    assert also.count("ADMM-Plus") == 1  # listed in both languages, shown once
    assert "related: ASEAN (ASEAN)," in out  # by name, not by id
    code, out, _err = dwibahasa("glossary", "show", "pakta-pertahanan")
    assert "perjanjian pertahanan bersama (mutual defence treaty)" in out
    code, out, _err = dwibahasa("glossary", "list", "--domain", "law-of-the-sea")
    assert code == 0
    code, out, _err = dwibahasa("glossary", "list")
    assert "[alliances and treaties]" in out


def test_dismissals_exported_with_the_glossary_are_restored_by_its_import(
    flagged: Invoke, tmp_path: Path
) -> None:
    flagged("glossary", "check", "uji-cek", "--dismiss", "2")
    export = tmp_path / "glosarium.json"
    code, _out, err = flagged("glossary", "export", "--format", "json", "-o", str(export))
    assert code == 0, err
    flagged("glossary", "check", "uji-cek", "--restore", "2")  # the flag is back
    code, out, err = flagged("glossary", "import", str(export))
    assert code == 0, err
    assert "restored 1 dismissed flag" in out and "skipped" not in out
    code, out, _err = flagged("glossary", "check", "uji-cek")
    assert "¶2" not in out
    # Without the paragraph (deleted here) a dismissal is skipped, never misplaced.
    assert flagged("delete", "uji-cek", "--yes")[0] == 0
    code, out, err = flagged("glossary", "import", str(export))
    assert code == 0, err
    assert "restored 0 dismissed flags (1 skipped" in out


@pytest.mark.parametrize(
    ("dismissals", "message"),
    [
        ('[{"slug": "uji-cek"}]', "must be an object with exactly"),
        (
            '[{"slug": "uji-cek", "seq": 0, "term_id": "ancaman", "text_sha256": "ab",'
            ' "dismissed_at": "2026-12-04"}]',
            "seq must be a paragraph number",
        ),
        ("[1]", "must be an object with exactly"),
        ('"all"', '"check_dismissals" must be a list'),
    ],
)
def test_a_malformed_dismissal_in_a_json_glossary_is_one_line(
    flagged: Invoke, tmp_path: Path, dismissals: str, message: str
) -> None:
    code, out, _err = flagged("glossary", "export", "--format", "json")
    document = json.loads(out)
    document["check_dismissals"] = json.loads(dismissals)
    path = tmp_path / "rusak.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = flagged("glossary", "import", str(path))
    assert_one_line_error(code, out, err)
    assert message in err
