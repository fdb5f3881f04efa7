"""Textual's own binding descriptions that our help screen and command palette show.

The widgets the TUI uses (DataTable, Input, TextArea, OptionList, Select,
Button, scrolling containers) and the App bring bindings of their own;
`reader.tui.commands` passes every description and tooltip through `_()`,
and listing the msgids here is what makes `pybabel extract` keep them in the
catalog. Nothing imports this at run time; tests/test_i18n_tui.py checks that
every binding shown on our screens has its Indonesian.
"""

from __future__ import annotations

from reader.i18n import N_

TEXTUAL_BINDINGS = (
    # App and Screen
    N_("Quit the app and return to the command prompt."),
    N_("palette"),
    N_("Open the command palette"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
    # Checkbox (the handout dialog)
    N_("Toggle"),
    # Scrolling containers (the help dialog, the reader's body)
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Home"),
    N_("Scroll End"),
    N_("Page Up"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    # DataTable
    N_("Cursor up"),
    N_("Cursor down"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Home"),
    N_("End"),
    N_("Page up"),
    N_("Page down"),
    N_("Top"),
    N_("Bottom"),
    N_("Select"),
    # OptionList and Select
    N_("Up"),
    N_("Down"),
    N_("First"),
    N_("Last"),
    N_("Show menu"),
    N_("Dismiss menu"),
    # Button
    N_("Press button"),
    # Input
    N_("Move cursor left"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Move cursor left and select"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Go to start"),
    N_("Go to end"),
    N_("Select line start"),
    N_("Select line end"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete right to start of word"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Cut selected text"),
    N_("Paste text from the clipboard"),
    N_("Select all"),
    N_("Submit"),
    # TextArea
    N_("Cursor line start"),
    N_("Cursor line end"),
    N_("Cursor page up"),
    N_("Cursor page down"),
    N_("Cursor word left"),
    N_("Cursor word right"),
    N_("Cursor left word select"),
    N_("Cursor right word select"),
    N_("Cursor line start select"),
    N_("Cursor line end select"),
    N_("Cursor up select"),
    N_("Cursor down select"),
    N_("Cursor left select"),
    N_("Cursor right select"),
    N_("Select line"),
    N_("Delete to line start"),
    N_("Delete to line end"),
    N_("Delete line"),
    N_("Cut"),
    N_("Copy"),
    N_("Paste"),
    N_("Undo"),
    N_("Redo"),
)
