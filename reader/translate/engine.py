"""The engine interface: anything that turns Indonesian paragraphs into English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class TranslationEngineError(Exception):
    """An engine failed (its worker crashed, its model is unusable)."""


class Engine(Protocol):
    """Translate batches of paragraphs; `None` where this engine has no English."""

    name: str
    """Stored as `translations.engine`: 'argos', 'reference'."""
    model: str
    """Stored as `translations.model`: which model produced the text."""
    status: str
    """Stored as `translations.status`: 'machine' or 'reference'."""

    def translate(self, texts: Sequence[str]) -> list[str | None]: ...

    def close(self) -> None: ...
