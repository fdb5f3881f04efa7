"""How the CLI prints: JSON for scripts, one plain line per error for people."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click

from reader.i18n import _
from reader.safe_text import display_text


def print_json(data: Any) -> None:
    """Indented UTF-8 JSON on stdout (field names and codes stay English)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


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
