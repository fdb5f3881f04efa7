"""The interface language: choosing it, and catalogs that cover every message."""

from __future__ import annotations

import gettext
import io
import re
import string
from collections.abc import Iterator
from pathlib import Path

import babel.messages.catalog
import click
import pytest
import textual
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from reader import i18n
from reader.i18n_borrowed import (
    CLICK_MESSAGES,
    CLICK_PLURAL_MESSAGES,
    CLICK_RUNTIME_MESSAGES,
    TEXTUAL_MESSAGES,
)

REPO = Path(__file__).resolve().parents[2]
KEYWORDS = {**DEFAULT_KEYWORDS, "Nn_": (1, 2)}  # as in docs/translating.md: -k Nn_:1,2


def po_path(language: str) -> Path:
    return i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as stream:
        return read_po(stream, locale=language)


def extracted_messages() -> dict[tuple[str | None, str], tuple[str, ...]]:
    """Every msgid the code marks, as `pybabel extract -F babel.cfg -k Nn_:1,2` finds them."""
    with (REPO / "babel.cfg").open() as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        REPO, method_map, options_map, keywords=KEYWORDS
    ):
        ids = (message,) if isinstance(message, str) else tuple(message)
        found[(context, ids[0])] = ids
    return found


def fields(text: str) -> set[str]:
    """The `{name}` and `%(name)s` placeholders of a message."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return names | set(re.findall(r"%\((\w+)\)", text))


def catalog_messages(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


# Choosing the language


@pytest.mark.parametrize(
    ("requested", "environ", "expected"),
    [
        ("id", {"LANG": "en_GB.UTF-8"}, "id"),
        ("en", {"LANGUAGE": "id"}, "en"),
        (None, {"DWIBAHASA_UI_LANG": "id", "LANG": "en_US.UTF-8"}, "id"),
        (None, {"LANGUAGE": "fr:id:en"}, "id"),
        (None, {"LANGUAGE": "fr", "LANG": "id_ID.UTF-8"}, "id"),
        (None, {"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "in_ID", "LANG": "C"}, "id"),
        (None, {"LANG": "id_ID@latin"}, "id"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_follows_request_then_locale_then_english(
    requested: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.resolve_language(requested, environ) == expected


def test_activating_a_language_without_catalog_is_refused() -> None:
    with pytest.raises(ValueError, match="no catalog"):
        i18n.activate("fr")


def test_activation_switches_our_messages_and_clicks() -> None:
    i18n.activate("id")
    assert i18n.current_language() == "id"
    assert i18n._("Usage:") == "Penggunaan:"
    assert gettext.gettext("Usage:") == "Penggunaan:"  # what click calls
    i18n.activate("en")
    assert i18n._("Usage:") == "Usage:"
    assert gettext.gettext("Usage:") == "Usage:"


def test_handout_catalog_is_independent_of_interface_language() -> None:
    i18n.activate("en")
    assert i18n.translation("id").gettext("Usage:") == "Penggunaan:"


# The catalogs


@pytest.fixture(scope="module")
def extracted() -> dict[tuple[str | None, str], tuple[str, ...]]:
    return extracted_messages()


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_catalog_has_every_message_in_the_code(
    language: str, extracted: dict[tuple[str | None, str], tuple[str, ...]]
) -> None:
    catalog = read_catalog(language)
    present = {(message.context, _first(message.id)) for message in catalog_messages(catalog)}
    missing = sorted(msgid for key in extracted if key not in present for msgid in [key[1]])
    assert not missing, (
        f"{language} catalog misses {len(missing)} message(s); run the update step in "
        f"docs/translating.md: {missing[:5]}"
    )


def test_indonesian_catalog_translates_every_message(
    extracted: dict[tuple[str | None, str], tuple[str, ...]],
) -> None:
    catalog = read_catalog("id")
    untranslated = [
        _first(message.id)
        for message in catalog_messages(catalog)
        if (message.context, _first(message.id)) in extracted
        and (message.fuzzy or not all(_strings(message)))
    ]
    assert not untranslated, f"untranslated or fuzzy in id: {untranslated[:5]}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    for message in catalog_messages(read_catalog(language)):
        expected = set().union(*(fields(msgid) for msgid in _ids(message)))
        for translated in _strings(message):
            if not translated:
                continue
            if isinstance(message.id, str):
                assert fields(translated) == expected, (message.id, translated)
            else:  # Indonesian uses one wording for any count; each form may name either field
                assert fields(translated) <= expected, (message.id, translated)
                assert fields(translated), (message.id, translated)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_compiled_catalog_matches_its_po_file(language: str) -> None:
    catalog = read_catalog(language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    expected = _messages(gettext.GNUTranslations(compiled))
    mo_file = po_path(language).with_suffix(".mo")
    with mo_file.open("rb") as stream:
        shipped = _messages(gettext.GNUTranslations(stream))
    assert shipped == expected, f"{mo_file} is stale: run the compile step in docs/translating.md"


def test_catalog_comparison_ignores_the_generator_header(monkeypatch: pytest.MonkeyPatch) -> None:
    """A .mo compiled by another Babel release differs only in its header: not stale."""
    catalog = read_catalog("id")
    first, second = io.BytesIO(), io.BytesIO()
    write_mo(first, catalog)
    monkeypatch.setattr(babel.messages.catalog, "VERSION", "0.0.0")
    write_mo(second, catalog)
    first.seek(0)
    second.seek(0)
    assert first.getvalue() != second.getvalue()
    assert _messages(gettext.GNUTranslations(first)) == _messages(gettext.GNUTranslations(second))


def test_borrowed_click_messages_are_clicks_own() -> None:
    source = Path(click.__file__).parent
    clicks = {
        message if isinstance(message, str) else tuple(message)
        for _f, _l, message, _c, _x in extract_from_dir(source, [("**.py", "python")])
    }
    missing = [m for m in (*CLICK_MESSAGES, *CLICK_PLURAL_MESSAGES) if m not in clicks]
    assert sorted(map(str, missing)) == sorted(CLICK_RUNTIME_MESSAGES), (
        "click's messages changed: update reader/i18n_borrowed.py and the catalogs "
        "(docs/translating.md)"
    )


def test_click_translates_its_runtime_messages_through_our_catalog() -> None:
    """`required` reaches gettext through a variable in click 8.5: check what click shows."""

    @click.command()
    @click.option("--name", required=True, show_default=True, help="A name.")
    def command(name: str) -> None:
        """A command."""

    i18n.activate("id")
    try:
        shown = CliRunner().invoke(command, ["--help"]).output
    finally:
        i18n.activate("en")
    assert i18n.translation("id").gettext(CLICK_RUNTIME_MESSAGES[0]) in shown
    assert "[wajib]" in shown


def test_borrowed_textual_messages_are_textuals_own() -> None:
    source = Path(textual.__file__).parent
    text = (source / "app.py").read_text() + (source / "command.py").read_text()
    for msgid in TEXTUAL_MESSAGES:
        assert f'"{msgid}"' in text, msgid


def _messages(translations: gettext.GNUTranslations) -> dict[object, str]:
    """A compiled catalog's messages, without the header entry (it names the Babel release)."""
    catalog: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in catalog.items() if key not in ("", ("", 0))}


def _first(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _ids(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _strings(message: Message) -> tuple[str, ...]:
    value = message.string
    return (value,) if isinstance(value, str) else tuple(value)
