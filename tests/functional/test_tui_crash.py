"""A bug in the reader ends it with one line naming a crash report, never a traceback.

The app keeps the error for the CLI's boundary (`DwibahasaApp.crash`) and leaves
out Textual's traceback with locals. This leans on two private hooks of the
pinned Textual (`_handle_exception`, `_fatal_error`): these tests fail if a
release changes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.crash import CRASH_DIR_ENV, EXIT_INTERNAL_ERROR
from reader.service import ReadingService
from reader.tui.app import DwibahasaApp, make_app
from tests.conftest import Invoke


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a bug \x1b]0;owned\x07 in the reader")


async def test_a_bug_in_a_screen_is_kept_for_the_crash_boundary_without_a_traceback(
    service: ReadingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ReadingService, "summaries", _explode)
    app = make_app(service)
    with pytest.raises(RuntimeError, match="a bug"):  # run_test re-raises it, as Textual does
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
    assert isinstance(app.crash, RuntimeError)
    assert app.return_code == 1
    assert app._exit_renderables == []  # nothing queued for the terminal at exit


def test_a_bug_in_the_reader_is_one_line_with_a_report(
    dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CRASH_DIR_ENV, str(tmp_path / "crashes"))
    monkeypatch.setattr(ReadingService, "summaries", _explode)
    run = DwibahasaApp.run

    def run_headless(self: DwibahasaApp, *args: Any, **kwargs: Any) -> None:
        run(self, headless=True, size=(100, 30))  # no terminal under pytest

    monkeypatch.setattr(DwibahasaApp, "run", run_headless)
    code, out, err = dwibahasa()  # no command: the library screen, which lists summaries
    assert code == EXIT_INTERNAL_ERROR
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dwibahasa: error: internal error (RuntimeError); details in ")
    assert "Traceback" not in out + err and "\x1b" not in out + err and "\x07" not in out + err
    (report,) = (tmp_path / "crashes").iterdir()
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "summaries" in text and "\x1b" not in text
