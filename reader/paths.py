"""Where things live: the library file, its backups and the bundled texts."""

import os
from pathlib import Path

import platformdirs

APP_NAME = "dwibahasa"
DB_ENV = "DWIBAHASA_DB"
BUSY_TIMEOUT_ENV = "DWIBAHASA_BUSY_TIMEOUT"
"""Seconds a write waits for another process's write before giving up (default 30)."""


def default_db_path() -> Path:
    """`$DWIBAHASA_DB`, else `library.db` in the platform's user data folder."""
    configured = os.environ.get(DB_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"


def migration_backup_path(library: Path, version: int) -> Path:
    """`<library>.before-v<version>.bak`: the copy kept before upgrading to schema `version`."""
    return library.with_name(f"{library.name}.before-v{version}.bak")


def damaged_backup_path(library: Path, stamp: str) -> Path:
    """`<library>.damaged-<stamp>.bak`: the file as `doctor --repair` found it."""
    return library.with_name(f"{library.name}.damaged-{stamp}.bak")


def bundled_texts_dir() -> Path:
    """The bundled `texts/`: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "bundled_texts"
    if installed.is_dir():
        return installed
    return here.parent / "texts"
