"""Options several commands share, declared once (as sqlite-utils does)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reader.i18n import N_

Command = TypeVar("Command", bound=Callable[..., Any])
LANGUAGES = ("id", "en")


def json_option(help: str = N_("Print JSON.")) -> Callable[[Command], Command]:
    """`--json`: the command prints JSON (English field names and codes) instead of text."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def doc_argument(*, required: bool = True) -> Callable[[Command], Command]:
    """`DOC`: a document's slug, number, or the path it was imported from."""
    return click.argument("doc", required=required)


def range_option(
    help: str = N_("Paragraphs A to B (e.g. 1-3, 5, 10-)."),
) -> Callable[[Command], Command]:
    """`--range A-B`: a run of paragraphs, parsed and checked by the service."""
    return click.option("--range", "range_spec", metavar="A-B", help=help)


def output_option(
    *, required: bool = False, help: str = N_("File to write.")
) -> Callable[[Command], Command]:
    """`-o/--output FILE`: written atomically (a folder is refused by the writer, in one line)."""
    return click.option(
        "-o", "--output", required=required, type=click.Path(path_type=Path), help=help
    )


def lang_option(help: str, **kwargs: Any) -> Callable[[Command], Command]:
    """`--lang id|en`: which language a command reads or writes."""
    return click.option("--lang", type=click.Choice(LANGUAGES), help=help, **kwargs)
