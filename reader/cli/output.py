"""How the CLI prints: JSON for scripts, one plain line per error for people."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click

from glossary.untrusted import UNSAFE_CHARACTER
from reader.i18n import _
from reader.safe_text import display_text


def json_text(data: Any) -> str:
    """Indented JSON that is safe on a terminal and holds exactly `data`.

    Readable UTF-8, except that every control character is written as a
    `\\uXXXX` escape: `json` escapes C0 itself, but not DEL, C1 (0x9B starts a
    CSI), the bidi controls or a lone surrogate (an undecodable byte of a file
    name). A script reads the same values; a terminal obeys nothing. Outside
    strings JSON is ASCII, so only strings are touched.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return UNSAFE_CHARACTER.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def print_json(data: Any) -> None:
    """Indented UTF-8 JSON on stdout (field names and codes stay English), escapes escaped."""
    click.echo(json_text(data))


def error_line(message: str) -> str:
    """`dwibahasa: error: MESSAGE`, with anything a terminal would obey removed."""
    return _("dwibahasa: error: {message}").format(message=display_text(message))


def echo_error(message: str) -> None:
    click.echo(error_line(message), err=True)


def fail(message: str) -> NoReturn:
    """One line on stderr, exit status 1: how every user error ends."""
    echo_error(message)
    sys.exit(1)


def clause(text: str) -> str:
    """`text` as a last clause of a line ('; text'), or nothing when empty."""
    return f"; {text}" if text else ""
