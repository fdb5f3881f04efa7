"""The user's settings file: which translation engine, which LibreTranslate server.

`config.toml` in the platform's user config folder (`DWIBAHASA_CONFIG` names
another file), read when a translation starts, so the reader's `T` and
`dwibahasa translate` pick it up without flags:

    [translate]
    engine = "libretranslate"          # or "argos" (the default)
    url = "http://lt.example.ac.id:5000"

The API key is never read from or written to this file: it comes from
`DWIBAHASA_LT_API_KEY` only, so a settings file can be shared safely.
Flags beat environment variables, which beat the file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.errors import UserError
from reader.i18n import _
from reader.paths import APP_NAME
from reader.safe_text import display_text

CONFIG_ENV = "DWIBAHASA_CONFIG"
URL_ENV = "DWIBAHASA_LT_URL"
API_KEY_ENV = "DWIBAHASA_LT_API_KEY"
ENGINE_NAMES = ("argos", "reference", "libretranslate")
DEFAULT_ENGINE = "argos"


def config_path() -> Path:
    """`$DWIBAHASA_CONFIG`, else `config.toml` in the platform's user config folder."""
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


@dataclass(frozen=True)
class TranslateSettings:
    engine: str = DEFAULT_ENGINE
    """The engine `T` and `dwibahasa translate` use when none is named."""
    url: str | None = None
    """The LibreTranslate server: `--url`, else `$DWIBAHASA_LT_URL`, else the file."""
    api_key: str | None = None
    """From `$DWIBAHASA_LT_API_KEY` only."""


def load_settings(path: Path | None = None) -> TranslateSettings:
    """The settings in force: the file's `[translate]` table under the environment's values.

    A missing file means the defaults; an unreadable or malformed one is a
    `UserError` naming it, so a typo never silently switches engines.
    """
    path = path or config_path()
    table = _translate_table(path)
    engine = table.get("engine", DEFAULT_ENGINE)
    url = table.get("url")
    if not isinstance(engine, str) or engine not in ENGINE_NAMES:
        raise UserError(
            _("{path}: translate.engine must be one of {names}").format(
                path=path, names=", ".join(ENGINE_NAMES)
            )
        )
    if url is not None and not isinstance(url, str):
        raise UserError(_("{path}: translate.url must be a string").format(path=path))
    url = os.environ.get(URL_ENV) or url or None
    return TranslateSettings(engine=engine, url=url, api_key=os.environ.get(API_KEY_ENV) or None)


def chosen_engine(engine: str | None = None, url: str | None = None) -> str:
    """The engine a translation uses: the one named, else LibreTranslate when a server
    is named, else the settings file's (argos by default). The CLI's `translate` and
    `handout --translate` and the reader's `T` all ask here."""
    if engine is not None:
        return engine
    if url:
        return "libretranslate"
    return load_settings().engine


def _translate_table(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(
            _("cannot read the settings file {path}: {reason}").format(
                path=path, reason=display_text(str(error))
            )
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(
            _("the settings file {path} is not valid TOML: {reason}").format(
                path=path, reason=display_text(str(error))
            )
        ) from None
    table = data.get("translate", {})
    if not isinstance(table, dict):
        raise UserError(_("{path}: [translate] must be a table").format(path=path))
    return table
