"""The engine interface: anything that turns Indonesian paragraphs into English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reader.i18n import _


class TranslationEngineError(Exception):
    """An engine failed (its worker crashed, its model is unusable)."""


class EngineCancelled(TranslationEngineError):
    """The engine was cancelled: the batch in flight was dropped."""

    def __init__(self) -> None:
        super().__init__(_("translation cancelled"))


class Engine(Protocol):
    """Translate batches of paragraphs; `None` where this engine has no English."""

    name: str
    """Stored as `translations.engine`: 'argos', 'reference'."""
    model: str
    """Stored as `translations.model`: which model produced the text."""
    status: str
    """Stored as `translations.status`: 'machine' or 'reference'."""

    def translate(self, texts: Sequence[str]) -> list[str | None]: ...

    def cancel(self) -> None:
        """Stop at once; callable from any thread while `translate` runs in another.

        The batch in flight is dropped: `translate` raises `EngineCancelled`,
        then and on every later call.
        """
        ...

    def close(self) -> None: ...
