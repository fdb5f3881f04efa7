"""`dwibahasa config`: the settings in force and their sources; set and unset, comments kept."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from reader.config import config_path, load_settings
from tests.conftest import Invoke, assert_one_line_error


def _file() -> Path:
    return config_path()


def test_config_with_no_file_shows_the_defaults_and_that_the_file_is_not_made(
    dwibahasa: Invoke,
) -> None:
    code, out, err = dwibahasa("config")
    assert (code, err) == (0, "")
    assert f"Settings file: {_file()} (not made yet)" in out
    assert "translate.engine = argos  (default)" in out
    assert "translate.url = -  (not set)" in out
    assert not _file().exists()


def test_config_set_makes_the_file_and_a_translation_then_uses_it(dwibahasa: Invoke) -> None:
    assert dwibahasa("config", "set", "translate.engine", "libretranslate")[0] == 0
    code, out, _ = dwibahasa("config", "set", "translate.url", "http://lt.kampus:5000")
    assert code == 0 and "translate.url = http://lt.kampus:5000" in out
    settings = load_settings()
    assert (settings.engine, settings.url) == ("libretranslate", "http://lt.kampus:5000")
    shown = dwibahasa("config", "show")[1]
    assert "translate.engine = libretranslate  (from the settings file)" in shown


def test_config_set_keeps_the_files_comments_and_other_tables(dwibahasa: Invoke) -> None:
    _file().parent.mkdir(parents=True)
    _file().write_text(
        '# shared by the class\n[translate]\nengine = "argos"  # offline\n\n[other]\nx = 1\n',
        encoding="utf-8",
    )
    assert dwibahasa("config", "set", "translate.url", "lt.kampus:5000")[0] == 0
    text = _file().read_text(encoding="utf-8")
    assert "# shared by the class" in text and "# offline" in text
    assert tomllib.loads(text) == {
        "translate": {"engine": "argos", "url": "lt.kampus:5000"},
        "other": {"x": 1},
    }


def test_config_unset_removes_a_setting_so_its_default_applies(dwibahasa: Invoke) -> None:
    dwibahasa("config", "set", "translate.engine", "reference")
    code, out, _ = dwibahasa("config", "unset", "translate.engine")
    assert code == 0 and "translate.engine removed" in out
    assert load_settings().engine == "argos"
    assert dwibahasa("config", "unset", "translate.url")[0] == 0  # absent: nothing to do


def test_config_set_mends_a_file_whose_value_is_wrong(dwibahasa: Invoke) -> None:
    _file().parent.mkdir(parents=True)
    _file().write_text('[translate]\nengine = "google"\n', encoding="utf-8")
    assert_one_line_error(*dwibahasa("config"))
    assert dwibahasa("config", "set", "translate.engine", "argos")[0] == 0
    assert load_settings().engine == "argos"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("translate.engine", "google"), "translate.engine must be one of"),
        (("translate.url", "ftp://lt.kampus"), "not a LibreTranslate server address"),
        (("translate.api_key", "rahasia"), "set DWIBAHASA_LT_API_KEY"),
        (("bahasa", "id"), "unknown setting bahasa"),
        (("translate.url", "http://x\x1b[31m"), "not a LibreTranslate server address"),
    ],
)
def test_config_set_refuses_a_bad_setting_in_one_line_and_writes_nothing(
    dwibahasa: Invoke, arguments: tuple[str, str], message: str
) -> None:
    code, out, err = dwibahasa("config", "set", *arguments)
    assert_one_line_error(code, out, err)
    assert message in err and "\x1b" not in err
    assert not _file().exists()


@pytest.mark.parametrize("text", ["[translate\n", 'translate = "x"\n', "\xff\xfe"])
def test_config_set_on_a_broken_file_says_so_and_leaves_it_as_it_was(
    dwibahasa: Invoke, text: str
) -> None:
    _file().parent.mkdir(parents=True)
    _file().write_bytes(text.encode("latin-1"))
    assert_one_line_error(*dwibahasa("config", "set", "translate.engine", "argos"))
    assert _file().read_bytes() == text.encode("latin-1")


def test_config_show_json_names_every_setting_and_hides_the_key(
    dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DWIBAHASA_LT_API_KEY", "rahasia")
    monkeypatch.setenv("DWIBAHASA_LT_URL", "http://env:5000")
    code, out, _ = dwibahasa("config", "show", "--json")
    assert code == 0 and "rahasia" not in out
    report = json.loads(out)
    assert report["path"] == str(_file()) and report["exists"] is False
    assert report["settings"] == [
        {"name": "translate.engine", "value": "argos", "source": "default"},
        {"name": "translate.url", "value": "http://env:5000", "source": "environment"},
        {"name": "translate.api_key", "value": None, "source": "environment"},
    ]
    assert "(hidden)" in dwibahasa("config")[1]
