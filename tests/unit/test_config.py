"""The settings file: which engine `T` and `translate` use, which server, never the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import TranslateSettings, chosen_engine, config_path, load_settings
from reader.errors import UserError
from tests.conftest import Invoke, assert_one_line_error


def write(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_local_engine() -> None:
    assert load_settings() == TranslateSettings(engine="argos", url=None, api_key=None)


def test_the_file_lives_in_the_user_config_folder(tmp_path: Path) -> None:
    assert config_path() == tmp_path / "xdg_config_home" / "dwibahasa" / "config.toml"


def test_the_file_names_engine_and_server() -> None:
    write('[translate]\nengine = "libretranslate"\nurl = "http://lt.kampus:5000"\n')
    settings = load_settings()
    assert settings.engine == "libretranslate"
    assert settings.url == "http://lt.kampus:5000"


def test_environment_beats_the_file_and_the_key_comes_only_from_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write('[translate]\nurl = "http://file:5000"\napi_key = "ignored"\n')
    monkeypatch.setenv("DWIBAHASA_LT_URL", "http://env:5000")
    monkeypatch.setenv("DWIBAHASA_LT_API_KEY", "k")
    settings = load_settings()
    assert (settings.url, settings.api_key) == ("http://env:5000", "k")
    monkeypatch.delenv("DWIBAHASA_LT_API_KEY")
    assert load_settings().api_key is None


def test_dwibahasa_config_names_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "class.toml"
    other.write_text('[translate]\nengine = "reference"\n', encoding="utf-8")
    monkeypatch.setenv("DWIBAHASA_CONFIG", str(other))
    assert load_settings().engine == "reference"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[translate\n", "is not valid TOML"),
        ('[translate]\nengine = "google"\n', "translate.engine must be one of"),
        ("[translate]\nurl = 5\n", "translate.url must be a string"),
        ('translate = "x"\n', "must be a table"),
    ],
)
def test_a_broken_file_is_one_clear_error(text: str, message: str) -> None:
    path = write(text)
    with pytest.raises(UserError, match=message) as caught:
        load_settings()
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value).strip()


def test_the_engine_named_beats_a_server_which_beats_the_file() -> None:
    write('[translate]\nengine = "reference"\n')
    assert chosen_engine() == "reference"
    assert chosen_engine(url="http://lt.kampus:5000") == "libretranslate"
    assert chosen_engine("argos", url="http://lt.kampus:5000") == "argos"


def test_handout_translate_uses_the_engine_the_settings_name(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    # Settings name LibreTranslate without a server: the handout's --translate must ask
    # for the server (argos, the old fixed choice, would complain of a missing model).
    source = tmp_path / "catatan.txt"
    source.write_text("Diplomasi pertahanan penting bagi keamanan nasional.\n", encoding="utf-8")
    assert dwibahasa("import", str(source))[0] == 0
    write('[translate]\nengine = "libretranslate"\n')
    code, out, err = dwibahasa("handout", "catatan", "--translate", "-o", str(tmp_path / "h.md"))
    assert_one_line_error(code, out, err)
    assert "no LibreTranslate server named" in err
