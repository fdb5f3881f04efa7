"""Why a handout cannot be written: each front end words what to do about it.

The CLI names its options (--translate, --allow-missing, --format html); the
reader's handout dialog names its fields. An existing output file is
`reader.errors.OutputExists`, shared with the other commands that write files.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.errors import UserError
from reader.i18n import _


class MissingEnglish(UserError):
    """Selected paragraphs have no English and the caller did not allow that."""

    def __init__(self, slug: str, seqs: Sequence[int], paragraphs: str) -> None:
        super().__init__(
            _("'{slug}' has no English for ¶{paragraphs}").format(slug=slug, paragraphs=paragraphs)
        )
        self.slug = slug
        self.seqs = tuple(seqs)


class PdfUnavailable(UserError):
    """WeasyPrint or the system's Pango library cannot be loaded."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            _("PDF handouts need WeasyPrint and the Pango library ({error})").format(error=reason)
        )
        self.reason = reason
