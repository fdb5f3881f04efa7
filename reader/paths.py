"""Where things live: the library file and the bundled texts."""

import os
from pathlib import Path

import platformdirs

APP_NAME = "dwibahasa"
DB_ENV = "DWIBAHASA_DB"


def default_db_path() -> Path:
    """`$DWIBAHASA_DB`, else `library.db` in the platform's user data folder."""
    configured = os.environ.get(DB_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"


def bundled_texts_dir() -> Path:
    """The bundled `texts/`: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "bundled_texts"
    if installed.is_dir():
        return installed
    return here.parent / "texts"
