"""Service errors in the CLI's words: the message, then the option that fixes it.

The core never names a flag (the reader has none); each front end words its
own remedy. Errors without a remedy here are shown as they are.
"""

from __future__ import annotations

from reader.errors import FileTooLarge, OutputExists, SlugTaken, UserError
from reader.i18n import _
from reader.safe_text import display_text


def for_cli(error: UserError) -> str:
    """The one line `dwibahasa` prints for `error`."""
    if isinstance(error, SlugTaken):
        return _("{message}; choose another with --slug").format(message=error)
    if isinstance(error, OutputExists):
        return _("{file}: already exists; add --force to replace it").format(
            file=display_text(str(error.path))
        )
    if isinstance(error, FileTooLarge):
        return _("{message}; use --max-size to allow it").format(message=error)
    return str(error)
