"""click commands whose help is translated when it is shown, not when it is defined.

Commands are defined at import time, before `--ui-lang` is parsed, so their
help strings are English msgids (marked `N_()`); these classes look each one
up in the interface language at the moment click formats help.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from reader.i18n import N_, _

OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVARS = (N_("COMMAND [ARGS]..."), N_("[COMMAND] [ARGS]..."))  # click's defaults


@contextmanager
def _translated_help(*objects: Any) -> Iterator[None]:
    """Swap each object's `help` for its translation while click formats it."""
    originals = [(item, item.help) for item in objects if getattr(item, "help", None)]
    try:
        for item, text in originals:
            values = getattr(item, "help_values", None)
            item.help = _(text).format(**values()) if values else _(text)
        yield
    finally:
        for item, text in originals:
            item.help = text


class ValuedOption(click.Option):
    """An option whose help has `{name}` placeholders filled when shown (e.g. a default path)."""

    def __init__(
        self, *args: Any, help_values: Callable[[], dict[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.help_values = help_values


@contextmanager
def _translated_usage(command: click.Command) -> Iterator[None]:
    """The usage line's metavars in the interface language ("[OPSI]")."""
    names = [name for name in ("options_metavar", "subcommand_metavar") if hasattr(command, name)]
    originals = {name: getattr(command, name) for name in names}
    try:
        for name, text in originals.items():
            setattr(command, name, _(text) if text else text)
        yield
    finally:
        for name, text in originals.items():
            setattr(command, name, text)


class TranslatedCommand(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_usage(self):
            super().format_usage(ctx, formatter)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self, *self.get_params(ctx)):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)


class TranslatedGroup(TranslatedCommand, click.Group):
    command_class = TranslatedCommand
    group_class = type  # subgroups are made with this class too


class LazyGroup(TranslatedGroup):
    """A group whose subcommands are imported when used: `dwibahasa read` loads one module.

    `lazy_commands` maps a command's name to `"module:attribute"`; listing the
    commands (for `--help`) imports them all.
    """

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            module_name, _colon, attribute = self.lazy_commands[cmd_name].partition(":")
            command = getattr(importlib.import_module(module_name), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy_commands[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)
