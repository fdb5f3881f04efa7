"""The reference engine: English that a person wrote (the bundled reference translations).

It translates nothing new; it finds an existing reference English for the
same source text, which is how a re-imported or copied paragraph gets it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from reader.library import Library
from reader.translate.engine import EngineCancelled


class ReferenceEngine:
    name = "reference"
    model = ""
    status = "reference"

    def __init__(self, library: Library) -> None:
        self.library = library
        self._cancelled = threading.Event()

    def translate(self, texts: Sequence[str]) -> list[str | None]:
        english: list[str | None] = []
        for text in texts:
            if self._cancelled.is_set():
                raise EngineCancelled()
            english.append(self.library.reference_translation(text))
        return english

    def cancel(self) -> None:
        """Nothing runs in the background: the lookups stop before the next paragraph."""
        self._cancelled.set()

    def close(self) -> None:
        pass
