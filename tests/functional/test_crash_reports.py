"""A bug in a command is one line naming a crash report, never a traceback on the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.crash import CRASH_DIR_ENV, EXIT_INTERNAL_ERROR
from reader.service import ReadingService
from tests.conftest import Invoke


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a bug \x1b[2J with an escape")


def test_unexpected_error_is_one_line_with_a_report(
    dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CRASH_DIR_ENV, str(tmp_path / "crashes"))
    monkeypatch.setattr(ReadingService, "summaries", _explode)
    code, out, err = dwibahasa("list")
    assert code == EXIT_INTERNAL_ERROR
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in out + err and "\x1b" not in err
    assert lines[0].startswith("dwibahasa: error: internal error (RuntimeError); details in ")
    (report,) = (tmp_path / "crashes").iterdir()
    assert str(report) in lines[0]
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: a bug  with an escape" in text
    assert "list'" in text  # the command line
    assert "\x1b" not in text


def test_a_report_that_cannot_be_written_still_gives_one_line(
    dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CRASH_DIR_ENV, str(blocker / "crashes"))
    monkeypatch.setattr(ReadingService, "summaries", _explode)
    code, _out, err = dwibahasa("list")
    assert code == EXIT_INTERNAL_ERROR
    assert err.splitlines() == ["dwibahasa: error: internal error (RuntimeError); please report it"]
