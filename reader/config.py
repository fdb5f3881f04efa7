"""The user's settings file: which translation engine, which LibreTranslate server.

`config.toml` in the platform's user config folder (`DWIBAHASA_CONFIG` names
another file), read when a translation starts, so the reader's `T` and
`dwibahasa translate` pick it up without flags:

    [translate]
    engine = "libretranslate"          # or "argos" (the default)
    url = "http://lt.example.ac.id:5000"

The API key is never read from or written to this file: it comes from
`DWIBAHASA_LT_API_KEY` only, so a settings file can be shared safely.
Flags beat environment variables, which beat the file. `dwibahasa config`
shows the settings in force and where each comes from (`settings_in_force`),
and sets or removes one (`set_setting`, `unset_setting`), keeping the file's
comments and layout.
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
SETTING_NAMES = ("translate.engine", "translate.url")
"""The settings the file holds, as `dwibahasa config` names them."""


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
    return _settings(_translate_table(_read(path), path), path)


def _settings(table: dict[str, object], path: Path) -> TranslateSettings:
    """`load_settings` of a `[translate]` table already read from `path`."""
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


@dataclass(frozen=True)
class Setting:
    """One setting in force: its name, its value and where the value comes from."""

    name: str
    value: str | None
    source: str
    """'default', 'file', 'environment' or 'unset'."""


def settings_in_force(path: Path | None = None) -> list[Setting]:
    """Every setting as a translation would see it, and where each comes from.

    The API key's value is never given, only whether the environment sets it.
    """
    path = path or config_path()
    table = _translate_table(_read(path), path)
    settings = _settings(table, path)
    url_source = "environment" if os.environ.get(URL_ENV) else "file" if settings.url else "unset"
    return [
        Setting("translate.engine", settings.engine, "file" if "engine" in table else "default"),
        Setting("translate.url", settings.url, url_source),
        Setting("translate.api_key", None, "environment" if settings.api_key else "unset"),
    ]


def set_setting(name: str, value: str, path: Path | None = None) -> None:
    """Write `name = value` into the settings file (made if missing), checked first."""
    key = _setting_key(name)
    if key == "engine" and value not in ENGINE_NAMES:
        raise UserError(
            _("translate.engine must be one of {names}, not {value}").format(
                names=", ".join(ENGINE_NAMES), value=display_text(value)
            )
        )
    if key == "url":
        from reader.translate.libretranslate import ServerAddress

        ServerAddress.parse(value)  # refuses what is no server address, in one line
    _edit(path or config_path(), key, value)


def unset_setting(name: str, path: Path | None = None) -> None:
    """Remove `name` from the settings file, so its default (or the environment) applies."""
    _edit(path or config_path(), _setting_key(name), None)


def _setting_key(name: str) -> str:
    if name == "translate.api_key":
        raise UserError(
            _("the API key is never kept in the settings file: set {variable}").format(
                variable=API_KEY_ENV
            )
        )
    if name not in SETTING_NAMES:
        raise UserError(
            _("unknown setting {name}; the settings are {names}").format(
                name=display_text(name), names=", ".join(SETTING_NAMES)
            )
        )
    return name.split(".", 1)[1]


def _edit(path: Path, key: str, value: str | None) -> None:
    """Set (or with None remove) `[translate] key` in the file, keeping everything else."""
    import tomlkit  # only `dwibahasa config set` needs it
    from tomlkit.exceptions import TOMLKitError

    from reader.files import write_atomically

    text = _read(path)
    _translate_table(text, path)  # the file must be valid TOML with a table before it changes
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:  # tomllib accepted what tomlkit refuses: say so, change nothing
        raise UserError(
            _("the settings file {path} is not valid TOML: {reason}").format(
                path=path, reason=display_text(str(error))
            )
        ) from None
    table = document.get("translate")
    if value is None:
        if table is None or key not in table:
            return
        del table[key]
    else:
        if table is None:
            table = tomlkit.table()
            document["translate"] = table
        table[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            _("cannot write the settings file {path}: {reason}").format(
                path=path, reason=display_text(str(error))
            )
        ) from None
    write_atomically(path, tomlkit.dumps(document).encode("utf-8"))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(
            _("cannot read the settings file {path}: {reason}").format(
                path=path, reason=display_text(str(error))
            )
        ) from None


def _translate_table(text: str, path: Path) -> dict[str, object]:
    """The `[translate]` table of the settings file's `text` (read from `path`)."""
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
