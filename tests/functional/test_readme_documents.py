"""README.md documents every command and every key of the reader and the library.

As sqlite-utils checks its docs against its click commands: the commands are
walked from the click group itself and the keys read from the screens'
`BINDINGS`, so a new command or key fails here until the README has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import click
import pytest
from textual.binding import Binding
from textual.screen import Screen

import reader.tui.app
import reader.tui.screens.library
import reader.tui.screens.reader
from reader.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"
PROGRAM = "dwibahasa"

README_KEYS = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "f1": "F1",
    "f2": "F2",
    "f3": "F3",
    "ctrl+p": "Ctrl+P",
    "ctrl+s": "Ctrl+S",
}
"""How the README writes a Textual key name; a one-character key is written as itself."""


def readme_key(key: str) -> str:
    if len(key) == 1:
        return key
    if key not in README_KEYS:
        pytest.fail(f"no README spelling for the Textual key {key!r}: add it to README_KEYS")
    return README_KEYS[key]


# README.md ----------------------------------------------------------------------------------


def readme_section(title: str) -> str:
    """The text under `## title`, up to the next `## ` heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match is not None, f"README.md has no '## {title}' section"
    return match.group(1)


def first_column_code(section: str) -> list[str]:
    """Every `code` span in the first column of the section's table (header row excluded)."""
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert len(rows) > 2, "the section has no table"
    spans = []
    for row in rows[2:]:  # after the header and its --- line
        cell = re.split(r"(?<!\\)\|", row)[1]
        spans.extend(re.findall(r"`([^`]+)`", cell))
    return spans


# Commands ---------------------------------------------------------------------------------


def command_paths(command: click.Command, ctx: click.Context, path: str) -> Iterator[str]:
    """`path` and, below it, every visible subcommand's full invocation."""
    yield path
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"`{path} {name}` is listed but cannot be loaded"
            if not sub.hidden:
                sub_ctx = click.Context(sub, info_name=name, parent=ctx)
                yield from command_paths(sub, sub_ctx, f"{path} {name}")


def all_commands() -> list[str]:
    return list(command_paths(cli, click.Context(cli, info_name=PROGRAM), PROGRAM))


def test_the_walk_reaches_subcommands() -> None:
    commands = all_commands()
    assert f"{PROGRAM} glossary export" in commands, commands


def test_every_command_is_in_the_readme_table() -> None:
    documented = first_column_code(readme_section("Commands"))
    missing = [
        command
        for command in all_commands()
        if not any(span == command or span.startswith(command + " ") for span in documented)
    ]
    assert not missing, "README.md's command table (## Commands) has no row for: " + ", ".join(
        f"`{command}`" for command in missing
    )


# Keys ---------------------------------------------------------------------------------------


def own_bindings(owner: type) -> Iterator[Binding]:
    """The bindings a class declares itself, one per key (Textual's inherited ones left out)."""
    yield from Binding.make_bindings(owner.__dict__.get("BINDINGS", []))


def screen_classes(module: ModuleType) -> list[type[Screen[object]]]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Screen)
        and value.__module__ == module.__name__
    ]


def documented_bindings() -> Iterator[tuple[str, Binding]]:
    """(where, binding) for each key the README must show: shown or described ones."""
    owners: list[type] = [
        *screen_classes(reader.tui.screens.reader),
        *screen_classes(reader.tui.screens.library),
        reader.tui.app.DwibahasaApp,  # its own keys work on every screen (F2)
    ]
    for owner in owners:
        for binding in own_bindings(owner):
            if binding.show or binding.description:
                yield owner.__name__, binding


def test_the_screens_have_keys() -> None:
    owners = {owner for owner, _binding in documented_bindings()}
    assert {"ReaderScreen", "LibraryScreen"} <= owners, owners


def test_every_key_is_in_the_readme_keys_table() -> None:
    documented = first_column_code(readme_section("The reader"))
    missing = [
        f"`{readme_key(binding.key)}` ({owner} binds {binding.key!r} to {binding.action!r}, "
        f"{binding.description or 'no description'!r})"
        for owner, binding in documented_bindings()
        if readme_key(binding.key) not in documented
    ]
    assert not missing, "README.md's keys table (## The reader) lacks: " + "; ".join(missing)
