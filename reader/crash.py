"""Crash reports: an unexpected error becomes one line for the user and a file for the developers.

Expected failures are `UserError`s, worded for the user. Anything else is a
bug: the front end shows one line naming the report written here (the
traceback, the command line, versions), never a traceback on the terminal.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import traceback
from pathlib import Path

import platformdirs

from reader import __version__
from reader.paths import APP_NAME
from reader.safe_text import strip_escapes

CRASH_DIR_ENV = "DWIBAHASA_CRASH_DIR"
EXIT_INTERNAL_ERROR = 70
"""The exit status of a crash (BSD's EX_SOFTWARE), apart from 1 (user errors) and 2 (usage)."""


def crash_dir() -> Path:
    """`$DWIBAHASA_CRASH_DIR`, else `crashes/` in the platform's user state folder."""
    configured = os.environ.get(CRASH_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "crashes"


def write_crash_report(error: BaseException, argv: list[str] | None = None) -> Path | None:
    """Write the report of `error`; its path, or None if even that failed."""
    now = datetime.datetime.now(datetime.UTC)
    lines = [
        f"dwibahasa {__version__} crash report, {now.isoformat(timespec='seconds')}",
        f"python {sys.version.split()[0]} on {platform.platform()}",
        f"command: {' '.join(argv if argv is not None else sys.argv)!r}",
        "",
        *traceback.format_exception(error),
    ]
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        text = "\n".join(line.rstrip("\n") for line in lines) + "\n"
        path.write_text(strip_escapes(text), encoding="utf-8")  # safe to `cat`
    except OSError:
        return None
    return path
