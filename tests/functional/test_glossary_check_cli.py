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
