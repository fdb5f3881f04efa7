"""The state one `dwibahasa` invocation shares between its group and its commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from reader.service import ReadingService


class Context:
    """Per-invocation state: the library is opened only by commands that need it."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path
        self._service: ReadingService | None = None

    @property
    def service(self) -> ReadingService:
        if self._service is None:
            from reader.service import ReadingService

            # A read-only library reads as usual; a write fails with one line saying why.
            self._service = ReadingService.open(self.db_path)
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()


pass_context = click.make_pass_decorator(Context)
