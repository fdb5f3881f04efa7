"""One entry point for every format: `render(handout, "pdf")` → the file's bytes.

The bytes are handed back, not written: the caller writes them atomically,
so a failure while rendering leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import UserError
from reader.i18n import _

if TYPE_CHECKING:  # the model (and its dataclasses) loads only when a handout is made
    from reader.handout.model import Handout

FORMATS = ("html", "pdf", "docx", "md")
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
}


def format_for(path: Path) -> str:
    """The format a file name asks for; a `UserError` if its extension names none."""
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(SUFFIXES))
        raise UserError(
            _("{file}: cannot tell the format from its name ({known}); add --format").format(
                file=path, known=known
            )
        )
    return found


def render(handout: Handout, format: str) -> bytes:
    """The handout as a file of `format` (one of `FORMATS`)."""
    if format == "html":
        from reader.handout.render_html import to_html

        return to_html(handout).encode("utf-8")
    if format == "pdf":
        from reader.handout.render_pdf import to_pdf

        return to_pdf(handout)
    if format == "docx":
        from reader.handout.render_docx import to_docx

        return to_docx(handout)
    if format == "md":
        from reader.handout.render_md import to_markdown

        return to_markdown(handout).encode("utf-8")
    raise UserError(
        _("unknown handout format '{format}' (use {formats})").format(
            format=format, formats=", ".join(FORMATS)
        )
    )
