"""The reference engine: English that a person wrote (the bundled reference translations).

It translates nothing new; it finds an existing reference English for the
same source text, which is how a re-imported or copied paragraph gets it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.library import Library


class ReferenceEngine:
    name = "reference"
    model = ""
    status = "reference"

    def __init__(self, library: Library) -> None:
        self.library = library

    def translate(self, texts: Sequence[str]) -> list[str | None]:
        return [self.library.reference_translation(text) for text in texts]

    def close(self) -> None:
        pass
