"""SVG snapshots of every screen and dialog (update with `pytest --snapshot-update` after review).

Each test opens the app as a user would and presses the keys that lead to one
screen, so a snapshot's name says what it shows. What is on screen must be the
same on every machine and every run: the bundled texts and glossary only, no
clocks, no temporary paths, and no blinking cursors (a cursor blinks on a
timer, so a screenshot could catch it either way).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reader.service import ReadingService
from reader.tui.app import make_app

THESIS = "aliansi-strategis-korea-as"
ARTICLE = "normalisasi-jepang-korea"


def _after(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that presses `keys` and holds still the screen the last one opens.

    Toasts from the keys before the last are cleared first (a toast stays drawn
    on the screen it appeared over, under a dialog); then every text cursor of
    the new screen is shown and stops blinking.
    """

    async def run_before(pilot: Pilot[Any]) -> None:
        *before, last = keys
        await pilot.press(*before)
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.press(last)
        await pilot.pause()
        for field in pilot.app.screen.query("Input, TextArea"):
            assert isinstance(field, (Input, TextArea))
            field.cursor_blink = False
        await pilot.pause()

    return run_before


# Screens ------------------------------------------------------------------------------------


def test_library_screen(service: ReadingService, snap_compare: Any) -> None:
    assert snap_compare(make_app(service), terminal_size=(120, 24))


def test_reader_side_by_side(service: ReadingService, snap_compare: Any) -> None:
    app = make_app(service, document=service.resolve(THESIS), at=4)
    assert snap_compare(app, terminal_size=(140, 36), press=["down"])


def test_reader_stacked_with_search(service: ReadingService, snap_compare: Any) -> None:
    app = make_app(service, document=service.resolve(ARTICLE), at=1)
    keys = ["slash", *"GSOMIA", "enter"]
    assert snap_compare(app, terminal_size=(80, 30), press=keys)


def test_reader_with_a_selection(service: ReadingService, snap_compare: Any) -> None:
    """`v` on ¶5, arrows to "Semenanjung Korea", then Tab: "Korean Peninsula" marked too;
    the key hints show the selection's keys."""
    app = make_app(service, document=service.resolve(THESIS), at=5)
    keys = ["v", *["right"] * 3, "shift+right", "tab", *["right"] * 5, "shift+right"]
    assert snap_compare(app, terminal_size=(140, 36), press=keys)


def test_glossary_screen(service: ReadingService, snap_compare: Any) -> None:
    """F2 from the library: every term, its domain and how often the library uses it."""
    assert snap_compare(make_app(service), terminal_size=(120, 32), run_before=_after("f2"))


# Dialogs over the reader --------------------------------------------------------------------


def test_term_panel(service: ReadingService, snap_compare: Any) -> None:
    """`t` on ¶3 of the thesis: its four terms, the first one's entry and occurrences."""
    app = make_app(service, document=service.resolve(THESIS), at=3)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_after("t"))


def test_help_over_the_reader(service: ReadingService, snap_compare: Any) -> None:
    """`?` in the reader: the keys of the reader, from its live bindings."""
    app = make_app(service, document=service.resolve(THESIS), at=2)
    assert snap_compare(app, terminal_size=(100, 52), run_before=_after("question_mark"))


def test_bookmarks_dialog(service: ReadingService, snap_compare: Any) -> None:
    """`b` on ¶2 and on ¶5, then `B`: both bookmarks, in order."""
    app = make_app(service, document=service.resolve(THESIS), at=2)
    keys = ("b", "down", "down", "down", "b", "B")
    assert snap_compare(app, terminal_size=(100, 30), run_before=_after(*keys))


def test_review_dialog(service: ReadingService, snap_compare: Any) -> None:
    """`e` on ¶3 of the thesis: its Indonesian above, its English ready to edit."""
    app = make_app(service, document=service.resolve(THESIS), at=3)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_after("e"))


def test_handout_dialog(
    service: ReadingService, snap_compare: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`h` on ¶5 of the thesis: the dialog filled with its section, ¶4-20.

    The dialog says which folder a bare file name is saved in (the current
    one): the test runs in `/`, a folder every machine has, so the
    snapshot does not depend on where the repository or a temporary folder is.
    """
    monkeypatch.chdir(Path("/"))
    app = make_app(service, document=service.resolve(THESIS), at=5)
    assert snap_compare(app, terminal_size=(100, 36), run_before=_after("h"))
