"""The interface language: which catalog speaks, and the functions that ask it.

Every user-facing string of the CLI and the TUI is written in English in the
code, marked with `_()` (or `N_()` where it must stay a msgid until shown, as
in Textual bindings and click help) and translated from the message catalogs
in `reader/locale/` (see docs/translating.md for the extract/update/compile
workflow). The language follows `--ui-lang` (or `DWIBAHASA_UI_LANG`), then the
environment's locale, then English.

Two readers share one catalog: our own code asks the active translation object
directly (no lookups per call), while click's built-in messages ("Usage:",
"Error: ...") and the glossary package (which may not import `reader`) ask the
process-wide `gettext` domain, which `activate` points at the same files.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "dwibahasa"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "id")
"""Interface languages with a catalog; English is the source language and the fallback."""
DEFAULT_LANGUAGE = "en"
UI_LANG_ENV = "DWIBAHASA_UI_LANG"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""gettext's order: GNU LANGUAGE (a colon list) first, then the POSIX locale variables."""

_ALIASES = {"in": "id", "ind": "id", "eng": "en"}  # "in" is the old ISO code (Java still uses it)

_translations: dict[str, gettext.NullTranslations] = {}
_active: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def language_code(locale_name: str) -> str | None:
    """`id_ID.UTF-8@euro` → 'id'; None when it names no language we have."""
    code = locale_name.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0]
    code = _ALIASES.get(code.lower(), code.lower())
    return code if code in LANGUAGES else None


def resolve_language(requested: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The interface language: the request, else the locale, else English."""
    environ = os.environ if environ is None else environ
    for candidate in (requested, environ.get(UI_LANG_ENV)):
        if candidate and (code := language_code(candidate)):
            return code
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for part in value.split(":"):
            if code := language_code(part):
                return code
        if variable != "LANGUAGE":
            break  # the first POSIX variable that is set decides, as in setlocale()
    return DEFAULT_LANGUAGE


def translation(language: str) -> gettext.NullTranslations:
    """The catalog of `language` (cached); handouts ask for theirs whatever the UI speaks."""
    if language not in _translations:
        _translations[language] = gettext.translation(
            DOMAIN, LOCALE_DIR, languages=[language], fallback=True
        )
    return _translations[language]


def activate(language: str) -> None:
    """Make `language` the interface language of this process.

    click and the glossary package use the process-wide gettext, which takes
    its language from the environment; setting LANGUAGE here keeps them in step
    with our own strings (and is inherited by the translation worker).
    """
    global _active, _language
    if language not in LANGUAGES:
        raise ValueError(f"no catalog for {language!r}; have {', '.join(LANGUAGES)}")
    _active = translation(language)
    _language = language
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """`message` in the interface language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message that suits `count` in the interface language."""
    return _active.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for English words with two Indonesian senses."""
    return _active.pgettext(context, message)


def decimal(value: float) -> str:
    """`value` to one decimal place, with the interface language's mark (1,5 in Indonesian)."""
    return f"{value:.1f}".replace(".", pgettext("decimal separator", "."))


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet (it is shown later)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted message for the catalog (extracted with `-k Nn_:1,2`)."""
    return singular, plural
