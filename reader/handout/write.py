"""Build, render and write a handout file: what `dwibahasa handout` and the reader's dialog share.

Both front ends call `write_handout`; what to tell the user when it refuses
differs (the CLI names its options, the dialog its checkboxes), so the
refusals they word themselves are the exceptions of `reader.handout.errors`.

The build and render modules are imported when a handout is written, not
with this module: the CLI loads it at start-up.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.files import check_output, write_atomically

if TYPE_CHECKING:
    from reader.handout.model import Handout
    from reader.library import DocumentRecord
    from reader.service import ReadingService


def write_handout(
    service: ReadingService,
    document: DocumentRecord,
    range_spec: str | None,
    *,
    format: str | None,
    lang: str,
    exercises: bool,
    output: Path,
    force: bool = False,
    allow_missing: bool = False,
    indonesian_only: bool = False,
    today: datetime.date | None = None,
) -> Handout:
    """Write the handout of `document`'s paragraphs in `range_spec` to `output`; return it.

    `format` None takes the format from `output`'s extension. Raises
    `UserError` (a bad range, format or output), `OutputExists` (unless
    `force`) and `MissingEnglish` (unless `allow_missing` or `indonesian_only`, which
    makes a one-column handout of the Indonesian). The file is
    written at once when everything is ready: nothing is left on a failure.
    """
    from reader.handout import render as rendering  # looked up now: tests replace `render`
    from reader.handout.build import build_handout

    format = format or rendering.format_for(output)
    check_output(output, force)
    sheet = build_handout(
        service,
        document,
        range_spec,
        lang=lang,
        today=today or datetime.date.today(),
        exercises=exercises,
        allow_missing=allow_missing,
        indonesian_only=indonesian_only,
    )
    write_atomically(output, rendering.render(sheet, format))
    return sheet
