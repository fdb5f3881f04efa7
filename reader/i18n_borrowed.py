"""Messages that click and Textual show our users, listed so our catalog translates them.

Neither library ships an Indonesian catalog. click asks the process-wide
gettext, which `reader.i18n.activate` points at ours; Textual's command palette
strings are passed through `_()` where the app builds them. Listing the msgids
here is what makes `pybabel extract` keep them in the catalog; a test checks
that each one is still what the installed library says.

`BORROWED_FROM` records the releases these lists were checked against; the
same releases are pinned in pyproject.toml. tests/test_versions_pinned.py
fails while another release is installed, until the lists are checked again.
"""

from __future__ import annotations

from reader.i18n import N_, Nn_

BORROWED_FROM = {"click": "8.5.1", "textual": "8.2.8"}

CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Aborted!"),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("required"),  # click 8.5 passes it to gettext through a variable, not a literal
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("Could not open file {filename!r}: {message}"),
    N_("Do you want to continue?"),
    N_("Press any key to continue..."),
)

# Messages click translates at run time that pybabel cannot find in its source,
# because they reach gettext through a variable (tested by what click shows).
CLICK_RUNTIME_MESSAGES = ("required",)

CLICK_PLURAL_MESSAGES = (
    Nn_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    Nn_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    Nn_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    Nn_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
)

TEXTUAL_MESSAGES = (
    N_("Search for commands…"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
